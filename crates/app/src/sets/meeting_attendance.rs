//! What members and facilitators do around one meeting besides its content (issue 11):
//! sending apologies beforehand (and withdrawing them), recording that everyone was present
//! with the exceptions named, and undoing a cancellation before the meeting starts. Whoever
//! is told about a cancellation or its undo is the same list the confirmation page names.

use std::collections::HashMap;

use revans_domain::{Attendance, Id, bounded};
use revans_storage::sets::{self, Standing};
use revans_storage::{Conn, apologies, meetings, now_ms};

use crate::mail::{self, ApplicationEmail, Text, Value};
use crate::sets::set_access::load_meeting;
use crate::sets::set_view::plain_when;
use crate::{Actor, App, Error, Viewer};

#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct ApologyInput {
    /// Optional, up to 200 characters.
    pub note: String,
}

/// A current member sends apologies for a meeting that has not started (or replaces their
/// note). Only the member themself: a facilitator records attendance instead.
pub async fn send_apologies(
    state: &App,
    actor: &Actor<'_>,
    meeting_id: &Id,
    f: &ApologyInput,
) -> Result<(), Error> {
    let mut tx = state.store.begin().await?;
    let (in_set, meeting) = load_meeting(&mut tx, actor.viewer, meeting_id).await?;
    if in_set.standing != Standing::Member {
        return Err(Error::Forbidden);
    }
    if meeting.cancelled || meeting.held || meeting.starts_at <= now_ms() {
        return Err(Error::field(
            "note",
            "Apologies can only be sent before a meeting that is going ahead",
        ));
    }
    let note = bounded(&f.note, "note", "Your note", 200)?;
    apologies::send(&mut tx, meeting_id, &actor.viewer.person.id, &note).await?;
    // What members say in a set is not audited (see meetings.rs).
    revans_storage::commit(tx).await?;
    Ok(())
}

/// A member withdraws their apologies before the meeting starts.
pub async fn withdraw_apologies(
    state: &App,
    actor: &Actor<'_>,
    meeting_id: &Id,
) -> Result<(), Error> {
    let mut tx = state.store.begin().await?;
    let (in_set, meeting) = load_meeting(&mut tx, actor.viewer, meeting_id).await?;
    if in_set.standing != Standing::Member {
        return Err(Error::Forbidden);
    }
    if meeting.held || meeting.starts_at <= now_ms() {
        return Err(Error::field(
            "note",
            "The meeting has started: your facilitator records who came",
        ));
    }
    if !apologies::withdraw(&mut tx, meeting_id, &actor.viewer.person.id).await? {
        return Err(Error::field(
            "note",
            "You have not sent apologies for this meeting",
        ));
    }
    revans_storage::commit(tx).await?;
    Ok(())
}

/// Records every current member as present, except those named (absent or apologies) and
/// those who sent apologies (recorded as apologies unless named otherwise). The exceptions
/// are person ids. `None` means the facilitator did not say everyone was present (an empty
/// form or body): nothing is recorded and the field is named.
pub async fn everyone_present(
    state: &App,
    actor: &Actor<'_>,
    meeting_id: &Id,
    exceptions: Option<&[(Id, String)]>,
) -> Result<(), Error> {
    let form = {
        let mut conn = state.store.conn().await?;
        let (in_set, meeting) = load_meeting(&mut conn, actor.viewer, meeting_id).await?;
        in_set.require_runner()?;
        let Some(exceptions) = exceptions else {
            return Err(Error::field(
                "exceptions",
                "Say that everyone was present, naming anyone who was not",
            ));
        };
        let members = sets::members(&mut conn, &in_set.set.id).await?;
        let sent: Vec<Id> = apologies::for_meeting(&mut conn, meeting_id)
            .await?
            .into_iter()
            .map(|a| a.person_id)
            .collect();
        let current: Vec<&sets::Member> = members
            .iter()
            .filter(|m| m.is_current(meeting.starts_at) || m.left_at.is_none())
            .collect();
        let mut form = HashMap::new();
        for m in &current {
            let status = if sent.contains(&m.person_id) {
                Attendance::Apologies
            } else {
                Attendance::Present
            };
            form.insert(
                format!("attendance-{}", m.person_id),
                status.as_str().to_owned(),
            );
        }
        for (person, status) in exceptions {
            if !current.iter().any(|m| &m.person_id == person) {
                return Err(Error::field(
                    "exceptions",
                    "Name only current members of this set",
                ));
            }
            Attendance::parse(status)?;
            form.insert(format!("attendance-{person}"), status.clone());
        }
        form
    };
    crate::sets::meetings::record_attendance(state, actor, meeting_id, &form).await
}

/// What cancelling a meeting would do, for its confirmation page: the meeting and who will
/// be told (every current member and facilitator of the set).
pub struct CancelPreview {
    pub set_id: Id,
    pub set_name: String,
    pub meeting_id: Id,
    pub when: String,
    pub cancelled: bool,
    /// The meeting can still be restored (cancelled, and it has not started).
    pub can_restore: bool,
    pub told: Vec<String>,
}

/// Who hears about a change to the set's meetings: (name, email) of every current member and
/// facilitator.
async fn set_people(conn: &mut Conn, set_id: &Id) -> Result<Vec<(String, String)>, Error> {
    let members = sets::members(conn, set_id).await?;
    let facilitators = sets::facilitators(conn, set_id).await?;
    Ok(members
        .into_iter()
        .filter(|m| m.left_at.is_none())
        .map(|m| (m.name, m.email))
        .chain(facilitators.into_iter().map(|p| (p.name, p.email)))
        .collect())
}

pub async fn cancel_preview(
    state: &App,
    viewer: &Viewer,
    meeting_id: &Id,
) -> Result<CancelPreview, Error> {
    let mut conn = state.store.conn().await?;
    let (in_set, meeting) = load_meeting(&mut conn, viewer, meeting_id).await?;
    in_set.require_runner()?;
    let told = set_people(&mut conn, &in_set.set.id)
        .await?
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    Ok(CancelPreview {
        when: plain_when(meeting.starts_at, meeting.ends_at, &in_set.set.timezone),
        set_id: in_set.set.id.clone(),
        set_name: in_set.set.name.clone(),
        meeting_id: meeting.id.clone(),
        cancelled: meeting.cancelled,
        can_restore: meeting.cancelled && !meeting.held && meeting.starts_at > now_ms(),
        told,
    })
}

/// Emails everyone in the set that a meeting was cancelled (or is back on).
pub(crate) async fn tell_set(
    state: &App,
    conn: &mut Conn,
    set: &sets::ActionSet,
    meeting: &meetings::Meeting,
    back_on: bool,
) -> Result<(), Error> {
    let when = Value::session(meeting.starts_at, meeting.ends_at, &set.timezone);
    let (headline, line) = if back_on {
        (
            Text::new("email-meeting-back-on").arg("session", when),
            "email-meeting-back-on-line",
        )
    } else {
        (
            Text::new("email-meeting-cancelled").arg("session", when),
            "email-meeting-cancelled-line",
        )
    };
    for (name, email) in set_people(conn, &set.id).await? {
        let message = ApplicationEmail {
            tenant: state.settings.tenant_name.clone(),
            name,
            programme: set.name.clone(),
            headline: headline.clone(),
            lines: vec![Text::new(line)],
            link: format!("{}/meetings/{}", state.settings.base_url(), meeting.id),
            link_label: Text::new("email-see-the-meeting"),
        };
        mail::enqueue(conn, &email, &message).await?;
    }
    Ok(())
}

/// Undoes a cancellation until the meeting's start time; everyone is told it is back on.
pub async fn restore_meeting(state: &App, actor: &Actor<'_>, meeting_id: &Id) -> Result<(), Error> {
    let mut tx = state.store.begin().await?;
    let (in_set, meeting) = load_meeting(&mut tx, actor.viewer, meeting_id).await?;
    in_set.require_runner()?;
    if !meeting.cancelled {
        return Err(Error::field("restore", "This meeting is not cancelled"));
    }
    if !meetings::restore(&mut tx, meeting_id, now_ms()).await? {
        return Err(Error::field(
            "restore",
            "This meeting has started, so it cannot be put back",
        ));
    }
    tell_set(state, &mut tx, &in_set.set, &meeting, true).await?;
    let tenant = crate::sets::meetings::tenant_of(&mut tx, &in_set.set).await?;
    actor
        .audit(
            &mut tx,
            "meetings.restored",
            "meeting",
            meeting_id.as_str(),
            "",
            &tenant,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(())
}
