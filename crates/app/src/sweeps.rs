//! Work that happens because time passes, not because someone clicked: offers of places that
//! expire (the place goes to the next in line) or end soon (one reminder), and reminders before
//! set meetings. The worker runs a sweep every minute; each change is a conditional UPDATE in
//! the same transaction as its emails, so two app instances never both send one. Each
//! programme and each meeting is swept on its own: one that fails is logged with its id, its
//! transaction rolled back (so it is tried again next minute), and the rest go on.

use revans_storage::{
    applications, audit, meetings, password_reset_requests, programmes, sets, sign_in_attempts,
};

use crate::places::applications::{expire_offers, remind_offers};

use crate::App;
use crate::Error;
use crate::mail::{self, ApplicationEmail, Text, Value};

/// Reminders go out this long before a meeting.
pub const MEETING_REMINDER_MS: i64 = 24 * 3_600_000;

#[derive(Debug, Default, PartialEq, Eq)]
pub struct SweepSummary {
    pub offers_expired: usize,
    pub offer_reminders: usize,
    pub meeting_reminders: usize,
    /// Formation runs ended as failed because their job was given up.
    pub formation_runs_failed: usize,
    /// Questionnaire waves sent to their cohort as they opened, and reminded before closing.
    pub waves_sent: usize,
    pub waves_reminded: usize,
    /// Circle sessions reminded a day before, and offers of circle places that lapsed.
    pub circle_reminders: usize,
    pub circle_offers_lapsed: usize,
    /// Support circles decided by the minimum-size sweep.
    pub circles: crate::circles::sweep::CircleSweep,
    /// Certificates issued to those who completed a cohort whose last session has started.
    pub certificates_issued: usize,
    /// What the retention sweep deleted (counts only).
    pub retention: crate::privacy::retention::Swept,
    /// Programmes and meetings that failed this time (logged; tried again next sweep).
    pub failed: usize,
}

/// One sweep at `now` (milliseconds); tests call it with the time they need.
pub async fn run_once(state: &App, now: i64) -> Result<SweepSummary, Error> {
    let started = std::time::Instant::now();
    let mut summary = SweepSummary::default();
    let programmes = {
        let mut conn = state.store.conn().await?;
        applications::programmes_with_offers(&mut conn).await?
    };
    for id in programmes {
        match sweep_programme(state, &id, now).await {
            Ok((expired, reminded)) => {
                summary.offers_expired += expired;
                summary.offer_reminders += reminded;
            }
            Err(e) => {
                tracing::error!(programme = %id, error = %e, "sweeping a programme's offers failed");
                summary.failed += 1;
            }
        }
    }
    let due = {
        let mut conn = state.store.conn().await?;
        meetings::due_reminders(&mut conn, now, now + MEETING_REMINDER_MS).await?
    };
    for (meeting, set_name, timezone) in due {
        match remind_meeting(state, &meeting, &set_name, &timezone).await {
            Ok(true) => summary.meeting_reminders += 1,
            Ok(false) => {}
            Err(e) => {
                tracing::error!(meeting = %meeting.id, error = %e, "a meeting reminder failed");
                summary.failed += 1;
            }
        }
    }
    summary.formation_runs_failed = crate::sets::formation_runs::end_given_up(state).await?;
    match crate::evaluation::plan::sweep(state, now).await {
        Ok(sent) => {
            summary.waves_sent = sent.waves;
            summary.waves_reminded = sent.reminded;
        }
        Err(e) => {
            tracing::error!(error = %e, "sending questionnaire waves failed");
            summary.failed += 1;
        }
    }
    match crate::circles::sweep::sweep(state, now).await {
        Ok(circles) => {
            summary.failed += circles.failed;
            summary.circles = circles;
        }
        Err(e) => {
            tracing::error!(error = %e, "the circles' minimum-size sweep failed");
            summary.failed += 1;
        }
    }
    match crate::circles::booking::lapse_offers(state, now).await {
        Ok(n) => summary.circle_offers_lapsed = n,
        Err(e) => {
            tracing::error!(error = %e, "passing on lapsed circle offers failed");
            summary.failed += 1;
        }
    }
    match crate::circles::reminders::send_due(state, now).await {
        Ok((reminded, failed)) => {
            summary.circle_reminders = reminded;
            summary.failed += failed;
        }
        Err(e) => {
            tracing::error!(error = %e, "finding circle sessions to remind failed");
            summary.failed += 1;
        }
    }
    match crate::certificates::issue::sweep(state, now).await {
        Ok((issued, failed)) => {
            summary.certificates_issued = issued;
            summary.failed += failed;
        }
        Err(e) => {
            tracing::error!(error = %e, "finding cohorts to issue certificates for failed");
            summary.failed += 1;
        }
    }
    match crate::privacy::retention::sweep(state, now).await {
        Ok(swept) => summary.retention = swept,
        Err(e) => {
            tracing::error!(error = %e, "the retention sweep failed");
            summary.failed += 1;
        }
    }
    forget_old_attempts(state, now).await?;
    metrics::histogram!("revans_sweep_duration_seconds").record(started.elapsed().as_secs_f64());
    Ok(summary)
}

/// Expires and reminds one programme's offers in one transaction: (expired, reminded).
async fn sweep_programme(
    state: &App,
    id: &revans_domain::Id,
    now: i64,
) -> Result<(usize, usize), Error> {
    let mut tx = state.store.begin().await?;
    let Some(programme) = programmes::get(&mut tx, id).await? else {
        return Ok((0, 0));
    };
    let expired = expire_offers(state, &mut tx, &programme, now).await?;
    let reminded = remind_offers(state, &mut tx, &programme, now).await?;
    if expired + reminded > 0 {
        audit::record(
            &mut tx,
            audit::NewAuditEntry {
                actor_id: None,
                actor_name: "Revans (scheduled)",
                action: "programme.offers_swept",
                subject_type: "programme",
                subject_id: id.as_str(),
                detail: &format!("{expired} offers expired, {reminded} reminders sent"),
                ip: "background worker",
                organisation_id: Some(&programme.organisation_id),
            },
        )
        .await?;
    }
    revans_storage::commit(tx).await?;
    Ok((expired, reminded))
}

/// Sends one meeting's reminder to its members and facilitators, once: false when another
/// instance already claimed it.
async fn remind_meeting(
    state: &App,
    meeting: &meetings::Meeting,
    set_name: &str,
    timezone: &str,
) -> Result<bool, Error> {
    let mut tx = state.store.begin().await?;
    if !meetings::mark_reminded(&mut tx, &meeting.id).await? {
        return Ok(false);
    }
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
            programme: set_name.to_owned(),
            headline: Text::new("email-set-reminder").arg(
                "session",
                Value::session(meeting.starts_at, meeting.ends_at, timezone),
            ),
            lines: vec![Text::new("email-times-in").arg("zone", timezone)],
            link: format!("{}/meetings/{}", state.settings.base_url(), meeting.id),
            link_label: Text::new("email-see-the-meeting"),
        };
        mail::enqueue(&mut tx, &email, &message).await?;
    }
    revans_storage::commit(tx).await?;
    Ok(true)
}

/// Sign-in attempts and password reset requests only matter for their limits' windows (an
/// hour at most); a day's history is kept, and older rows are deleted.
async fn forget_old_attempts(state: &App, now: i64) -> Result<(), Error> {
    let before = now - 24 * 3_600_000;
    let mut conn = state.store.conn().await?;
    sign_in_attempts::prune(&mut conn, before).await?;
    password_reset_requests::prune(&mut conn, before).await?;
    Ok(())
}
