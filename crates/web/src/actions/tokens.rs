use revans_domain::{Id, TokenName};
use revans_storage::{ApiToken, api_tokens};

use super::Actor;
use crate::error::AppError;
use crate::security::{hash_token, new_token};
use crate::state::AppState;

/// Prefix on every token so it is recognisable when pasted somewhere it should not be.
pub const TOKEN_PREFIX: &str = "rvn_";

/// Creates a token and returns it with its secret, which is shown this once.
pub async fn create(
    state: &AppState,
    actor: &Actor<'_>,
    name: &str,
) -> Result<(ApiToken, String), AppError> {
    let name = TokenName::parse(name)?;
    let secret = format!("{TOKEN_PREFIX}{}", new_token());
    let mut tx = state.store.begin().await?;
    let token = api_tokens::insert(
        &mut tx,
        &actor.viewer.person.id,
        &name,
        &hash_token(&secret),
    )
    .await?;
    actor
        .audit(
            &mut tx,
            "api_token.created",
            "api_token",
            token.id.as_str(),
            &format!("Created API token \"{}\"", token.name),
            &actor.viewer.person.organisation_id,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok((token, secret))
}

pub async fn revoke(state: &AppState, actor: &Actor<'_>, id: &str) -> Result<(), AppError> {
    let id = Id::parse(id).ok_or(AppError::NotFound)?;
    let mut tx = state.store.begin().await?;
    if !api_tokens::revoke(&mut tx, &actor.viewer.person.id, &id).await? {
        return Err(AppError::NotFound);
    }
    actor
        .audit(
            &mut tx,
            "api_token.revoked",
            "api_token",
            id.as_str(),
            "Revoked an API token",
            &actor.viewer.person.organisation_id,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(())
}
