//! Work that happens because time passes, not because someone clicked: reminders before set
//! meetings. The worker runs a sweep every minute; each reminder is claimed with a conditional
//! UPDATE in the same transaction as its emails, so two app instances never both send it.

use revans_domain::describe_session;
use revans_storage::{meetings, sets};

use crate::error::AppError;
use crate::mail::{self, ApplicationEmail};
use crate::state::AppState;

/// Reminders go out this long before a meeting.
pub const MEETING_REMINDER_MS: i64 = 24 * 3_600_000;

#[derive(Debug, Default, PartialEq, Eq)]
pub struct SweepSummary {
    pub meeting_reminders: usize,
}

/// One sweep at `now` (milliseconds); tests call it with the time they need.
pub async fn run_once(state: &AppState, now: i64) -> Result<SweepSummary, AppError> {
    let mut summary = SweepSummary::default();
    let due = {
        let mut conn = state.store.conn().await?;
        meetings::due_reminders(&mut conn, now, now + MEETING_REMINDER_MS).await?
    };
    for (meeting, set_name, timezone) in due {
        let mut tx = state.store.begin().await?;
        if !meetings::mark_reminded(&mut tx, &meeting.id).await? {
            continue;
        }
        let when = describe_session(
            &revans_domain::Session {
                starts_at: meeting.starts_at,
                ends_at: meeting.ends_at,
            },
            &timezone,
        );
        let members = sets::members(&mut tx, &meeting.set_id).await?;
        let facilitators = sets::facilitators(&mut tx, &meeting.set_id).await?;
        let recipients = members
            .iter()
            .filter(|m| m.left_at.is_none())
            .map(|m| (m.name.clone(), m.email.clone()))
            .chain(facilitators.into_iter().map(|f| (f.name, f.email)));
        for (name, email) in recipients {
            let message = ApplicationEmail {
                tenant: state.settings.tenant_name.clone(),
                name,
                programme: set_name.clone(),
                headline: format!("Reminder: your set meets {when}"),
                lines: vec![format!("Times are in {timezone}.")],
                link: format!("{}/meetings/{}", state.settings.base_url(), meeting.id),
                link_label: "See the meeting".into(),
            };
            mail::enqueue(&mut tx, &email, &message).await?;
        }
        revans_storage::commit(tx).await?;
        summary.meeting_reminders += 1;
    }
    Ok(summary)
}
