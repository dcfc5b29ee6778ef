//! A sign-in between leaving for the provider and coming back: stored under the SHA-256 of its
//! `state` with the nonce and PKCE verifier, consumed once, useless after `PENDING_MINUTES`.

use revans_storage::sso::{self, PendingLogin, PendingState};

use crate::security::hash_token;
use crate::{App, Error};

/// How long someone has at the provider before the sign-in must be started again.
pub const PENDING_MINUTES: i64 = 10;

/// What the callback needs from the first leg.
#[derive(Debug, Clone)]
pub struct Pending {
    pub nonce: String,
    pub pkce_verifier: String,
    /// Where to go once signed in (a path here), or empty.
    pub next_path: String,
}

/// Records a sign-in just sent to `provider_id`. Forgets sign-ins older than a day, finished
/// or abandoned, on the way.
pub async fn begin(
    app: &App,
    provider_id: &str,
    state: &str,
    nonce: &str,
    pkce_verifier: &str,
    next_path: &str,
) -> Result<(), Error> {
    let mut tx = app.store.begin().await?;
    sso::delete_pending_before(&mut tx, revans_storage::now_ms() - 24 * 3_600_000).await?;
    sso::insert_pending(
        &mut tx,
        &PendingLogin {
            state_hash: hash_token(state),
            provider_id: provider_id.to_owned(),
            nonce: nonce.to_owned(),
            pkce_verifier: pkce_verifier.to_owned(),
            next_path: next_path.to_owned(),
        },
    )
    .await?;
    revans_storage::commit(tx).await?;
    Ok(())
}

/// Takes the pending sign-in `state` names, once. Refusals say what happened: already used (a
/// replayed callback), expired, or unknown (a forged or mixed-up `state`), as a field error on
/// `state`.
pub async fn take(app: &App, provider_id: &str, state: &str) -> Result<Pending, Error> {
    let not_before = revans_storage::now_ms() - PENDING_MINUTES * 60_000;
    let mut conn = app.store.conn().await?;
    match sso::consume_pending(&mut conn, &hash_token(state), provider_id, not_before).await? {
        PendingState::Valid(login) => Ok(Pending {
            nonce: login.nonce,
            pkce_verifier: login.pkce_verifier,
            next_path: login.next_path,
        }),
        PendingState::Used => Err(Error::field(
            "state",
            "This sign-in has already been finished once, so it cannot be used again. Start again from the sign-in page.",
        )),
        PendingState::Expired => Err(Error::field(
            "state",
            format!(
                "This sign-in took longer than {PENDING_MINUTES} minutes and has expired. Start again from the sign-in page."
            ),
        )),
        PendingState::Unknown => Err(Error::field(
            "state",
            "This sign-in was not started from this browser, or the link was changed. Start again from the sign-in page.",
        )),
    }
}
