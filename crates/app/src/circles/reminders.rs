//! Reminders a day before each session of a circle, to everyone with a place and its
//! facilitators. Each session's reminder is claimed by a conditional UPDATE of its
//! `reminded_at` in the transaction that queues the emails, so several instances never both
//! send one.

use revans_domain::Id;
use revans_storage::circle_bookings::{self as store, DueSession};
use revans_storage::circle_calendar;

use crate::mail::{self, ApplicationEmail, Text, Value};
use crate::{App, Error};

/// Reminders go out this long before a session.
pub const CIRCLE_REMINDER_MS: i64 = 24 * 3_600_000;

/// Sends every reminder due at `now`; returns how many sessions were reminded. A session that
/// fails is logged and tried again next sweep.
pub async fn send_due(app: &App, now: i64) -> Result<(usize, usize), Error> {
    let due = {
        let mut conn = app.store.conn().await?;
        store::due_reminders(&mut conn, now, now + CIRCLE_REMINDER_MS).await?
    };
    let (mut sent, mut failed) = (0, 0);
    for session in due {
        match remind(app, &session, now).await {
            Ok(true) => sent += 1,
            Ok(false) => {}
            Err(e) => {
                tracing::error!(circle = %session.circle_id, ordinal = session.ordinal, error = %e,
                    "a circle session reminder failed");
                failed += 1;
            }
        }
    }
    Ok((sent, failed))
}

async fn remind(app: &App, s: &DueSession, now: i64) -> Result<bool, Error> {
    let mut tx = app.store.begin().await?;
    if !store::mark_reminded(&mut tx, &s.circle_id, s.ordinal, now).await? {
        return Ok(false);
    }
    let id = Id::from_trusted(s.circle_id.clone());
    let mut recipients = store::booked_people(&mut tx, &s.circle_id).await?;
    for (person, _) in circle_calendar::facilitators(&mut tx, &id).await? {
        if let Some(p) = revans_storage::people::get(&mut tx, &Id::from_trusted(person)).await? {
            recipients.push((p.name, p.email));
        }
    }
    for (name, email) in recipients {
        let message = ApplicationEmail {
            tenant: app.settings.tenant_name.clone(),
            name,
            programme: s.title.clone(),
            headline: Text::new("email-circle-reminder")
                .arg("title", &s.title)
                .arg(
                    "session",
                    Value::session(s.starts_at, s.ends_at, &s.timezone),
                ),
            lines: vec![Text::new("email-times-in").arg("zone", &s.timezone)],
            link: format!("{}/circles/{}", app.settings.base_url(), s.circle_id),
            link_label: Text::new("email-see-the-circle"),
        };
        mail::enqueue(&mut tx, &email, &message).await?;
    }
    revans_storage::commit(tx).await?;
    Ok(true)
}
