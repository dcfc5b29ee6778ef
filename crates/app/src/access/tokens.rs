use revans_domain::{Id, TokenName};
pub use revans_storage::ApiToken;
use revans_storage::api_tokens;

use crate::Actor;
use crate::App;
use crate::Error;
use crate::security::{hash_token, new_token};
use revans_domain::FieldErrors;

/// Prefix on every token so it is recognisable when pasted somewhere it should not be.
pub const TOKEN_PREFIX: &str = "rvn_";
/// A token lives this many days unless its owner chooses otherwise.
pub const DEFAULT_DAYS: i64 = 90;
/// The longest a token may live: a forgotten token stops working within about a year.
pub const MAX_DAYS: i64 = 366;
const DAY_MS: i64 = 86_400_000;

/// How long a new token lives, in days: `None` means the default.
fn lifetime_days(days: Option<i64>) -> Result<i64, revans_domain::ValidationError> {
    match days {
        None => Ok(DEFAULT_DAYS),
        Some(d) if (1..=MAX_DAYS).contains(&d) => Ok(d),
        Some(_) => Err(revans_domain::ValidationError {
            field: "expires_in_days",
            message: format!(
                "Enter a whole number of days from 1 to {MAX_DAYS}, for example {DEFAULT_DAYS}"
            ),
        }),
    }
}

/// Creates a token living `days` days (default 90) and returns it with its secret, which is
/// shown this once. Every problem with the input is reported at once.
pub async fn create(
    state: &App,
    actor: &Actor<'_>,
    name: &str,
    days: Option<i64>,
) -> Result<(ApiToken, String), Error> {
    let mut errors = FieldErrors::default();
    let name = errors.take(TokenName::parse(name));
    let days = errors.take(lifetime_days(days));
    let (Some(name), Some(days)) = (name, days) else {
        return Err(Error::Invalid(errors.0));
    };
    let secret = format!("{TOKEN_PREFIX}{}", new_token());
    let expires_at = revans_storage::now_ms() + days * DAY_MS;
    let mut tx = state.store.begin().await?;
    let token = api_tokens::insert(
        &mut tx,
        &actor.viewer.person.id,
        &name,
        &hash_token(&secret),
        expires_at,
    )
    .await?;
    actor
        .audit(
            &mut tx,
            "api_token.created",
            "api_token",
            token.id.as_str(),
            &format!("Created API token \"{}\" for {days} days", token.name),
            &actor.viewer.person.organisation_id,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok((token, secret))
}

pub async fn revoke(state: &App, actor: &Actor<'_>, id: &str) -> Result<(), Error> {
    let id = Id::parse(id).ok_or(Error::NotFound)?;
    let mut tx = state.store.begin().await?;
    if !api_tokens::revoke(&mut tx, &actor.viewer.person.id, &id).await? {
        return Err(Error::NotFound);
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

/// Why a request authenticated by a token may not manage tokens: a leaked token must not be
/// able to mint a longer-lived one or revoke the one its owner would otherwise notice.
pub fn refused_to_token() -> Error {
    Error::ForbiddenBecause(
        "An API token cannot create or revoke API tokens. Sign in to Revans and use the API tokens page (/account/tokens) instead.".into(),
    )
}

/// The viewer's own tokens, newest first (the secrets are never kept, so never shown again).
pub async fn list_mine(state: &App, viewer: &crate::Viewer) -> Result<Vec<ApiToken>, Error> {
    let mut conn = state.store.conn().await?;
    Ok(api_tokens::list_for(&mut conn, &viewer.person.id).await?)
}
