use axum::Json;

use crate::api::people::PersonOut;
use crate::auth::ApiCaller;
use crate::error::ApiResult;

/// The person the token belongs to, with their roles.
#[utoipa::path(get, path = "/api/v1/me", tag = "account",
    responses((status = 200, body = PersonOut), (status = 401, body = crate::error_pages::ErrorBody)),
    security(("token" = [])))]
pub async fn show(ApiCaller(viewer): ApiCaller) -> ApiResult<Json<PersonOut>> {
    Ok(Json(PersonOut::new(viewer.who.person, viewer.who.roles)))
}
