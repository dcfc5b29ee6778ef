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

/// At most this many are listed.
pub const LIMIT: i64 = 200;

/// What a job was, in words.
pub fn kind_label(kind: &str) -> &'static str {
    match kind {
        SEND_EMAIL => "Email",
        RESET_REQUEST => "Password reset request",
        _ => "Background job",
    }
}

/// The dead letters about people in the organisations the viewer leads, newest first.
pub async fn in_scope(state: &App, viewer: &Viewer) -> Result<Vec<TenantDeadLetter>, Error> {
    let roots = viewer.admin_roots();
    if roots.is_empty() {
        return Err(Error::Forbidden);
    }
    let mut conn = state.store.conn().await?;
    let mut all = Vec::new();
    for root in roots {
        all.extend(jobs::given_up_in_tree(&mut conn, &root, LIMIT).await?);
    }
    all.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(b.id.cmp(&a.id)));
    all.dedup_by(|a, b| a.id == b.id);
    all.truncate(LIMIT as usize);
    Ok(all)
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
