//! Dead letters as a programme lead sees them: the jobs about people in their organisations
//! that failed on every attempt (an email their SMTP relay kept refusing, say), and trying one
//! again. Another tenant's dead letters are "not found". The whole queue stays on the command
//! line (`revans jobs failed`) for whoever runs the service.

use revans_domain::Id;
use revans_storage::jobs;

pub use revans_storage::jobs::TenantDeadLetter;

use crate::access::password_reset::RESET_REQUEST;
use crate::mail::SEND_EMAIL;
use crate::{Actor, App, Error, Viewer};

/// What a job was, in words.
pub fn kind_label(kind: &str) -> &'static str {
    match kind {
        SEND_EMAIL => "Email",
        RESET_REQUEST => "Password reset request",
        _ => "Background job",
    }
}

/// A page of the dead letters about people in the organisations the viewer leads, newest
/// first (ties by id); the key is `(created_at, id)`. One keyset query per organisation led.
pub async fn page(
    state: &App,
    viewer: &Viewer,
    seek: &crate::paging::Seek<(i64, String)>,
    limit: usize,
) -> Result<crate::paging::Page<TenantDeadLetter>, Error> {
    let roots = viewer.admin_roots();
    if roots.is_empty() {
        return Err(Error::Forbidden);
    }
    let mut conn = state.store.conn().await?;
    crate::paging::dead_letters(&mut conn, &roots, seek, limit).await
}

/// Runs a dead letter about one of the lead's people again from its first attempt, with an
/// audit entry. `NotFound` for any other id (done, still trying, or another tenant's).
pub async fn retry(state: &App, actor: &Actor<'_>, id: &Id) -> Result<(), Error> {
    let roots = actor.viewer.admin_roots();
    if roots.is_empty() {
        return Err(Error::Forbidden);
    }
    let mut tx = state.store.begin().await?;
    for root in roots {
        if jobs::retry_given_up_in_tree(&mut tx, &root, id.as_str()).await? {
            actor
                .audit(
                    &mut tx,
                    "job.retried",
                    "job",
                    id.as_str(),
                    "Tried a failed background job (an email) again",
                    &root,
                )
                .await?;
            revans_storage::commit(tx).await?;
            return Ok(());
        }
    }
    Err(Error::NotFound)
}
