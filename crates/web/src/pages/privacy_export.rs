//! Subject access (issue 17): "Download your data" on the account page. The page route and
//! `GET /api/v1/me/export` serve the same ZIP for the signed-in person or the token's owner;
//! there is no id in either path, so nobody can ask for another person's.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use revans_app::Actor;
use revans_app::privacy::export::{SubjectAccess, subject_access};

use crate::auth::{ClientIp, SignedIn, Viewer};
use crate::error::{AppError, PageResult};
use crate::state::AppState;

/// `index.html` in the ZIP: a page of its own (no site layout, styles inline), readable
/// offline.
#[derive(Template)]
#[template(path = "privacy_export.html")]
struct ExportPage<'a> {
    service: &'a str,
    export: &'a SubjectAccess,
}

/// The ZIP of everything held about the viewer, as a download (audited by the use case).
pub async fn download(state: &AppState, viewer: &Viewer, ip: &str) -> Result<Response, AppError> {
    let actor = Actor {
        viewer: &viewer.who,
        ip,
    };
    let export = subject_access(state, &actor).await?;
    let html = ExportPage {
        service: &state.app.settings.tenant_name,
        export: &export,
    }
    .render()
    .map_err(AppError::internal)?;
    let bytes = export.zip(html)?;
    Ok(crate::pages::evaluation_results::download(
        "application/zip",
        export.file_name(),
        bytes,
    ))
}

/// The account page's "Download your data".
pub async fn show(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    ClientIp(ip): ClientIp,
) -> PageResult<Response> {
    Ok(download(&state, &viewer, &ip).await?)
}
