//! One meeting as its set's members and facilitators see it (C4, C5), for the meeting page and
//! the API alike: who presents, attendance as recorded, the actions still waiting for their
//! review and those recorded at this meeting. Anyone else is told it does not exist.

use revans_domain::Id;
use revans_storage::set_content;
pub use revans_storage::set_content::Action;

use crate::Viewer;
use crate::sets::set_access::load_meeting;
use crate::sets::set_view::{self, MeetingView, MemberView, SetView};
use crate::{App, Error};

pub struct AttendanceRow {
    pub member: MemberView,
    /// The recorded status, or "" before recording.
    pub status: String,
    /// The member sent apologies beforehand, with this note (maybe empty).
    pub apology: Option<String>,
}

impl AttendanceRow {
    /// The status the attendance form starts from: as recorded, else apologies if sent.
    pub fn proposed(&self) -> &str {
        match (self.status.as_str(), &self.apology) {
            ("", Some(_)) => "apologies",
            (s, _) => s,
        }
    }
}

pub struct MeetingDetail {
    /// The set's view, with times in the viewer's zone.
    pub view: SetView,
    pub meeting: MeetingView,
    /// The viewer runs this set's meetings (its facilitator, or a member of a set that runs
    /// itself).
    pub runner: bool,
    /// The viewer's unit has the floor.
    pub is_presenter: bool,
    /// One row per current member.
    pub attendance: Vec<AttendanceRow>,
    /// Actions from earlier meetings still waiting for their review.
    pub to_review: Vec<Action>,
    /// Actions recorded at this meeting.
    pub recorded: Vec<Action>,
    /// When, in plain words with the zone: "Thursday 5 March 2027, 9:30 to 12:30 (London time)".
    pub when_plain: String,
    /// The viewer is a current member (may send apologies).
    pub is_member: bool,
    /// The viewer's apologies for this meeting, with their note, if sent.
    pub my_apology: Option<String>,
    /// Not started, not held, not cancelled: apologies can be sent and it can be cancelled.
    pub upcoming: bool,
    /// Cancelled and not yet started: a runner can undo the cancellation.
    pub can_restore: bool,
}

pub async fn meeting_detail(
    state: &App,
    viewer: &Viewer,
    meeting_id: &Id,
) -> Result<MeetingDetail, Error> {
    let mut conn = state.store.conn().await?;
    let conn = &mut conn;
    let (in_set, meeting) = load_meeting(conn, viewer, meeting_id).await?;
    let runner = in_set.can_run_meetings();
    let view = set_view::build(conn, in_set.set, Some(&viewer.person.id)).await?;
    let meeting_view = view
        .meetings
        .iter()
        .find(|m| m.id == meeting_id.as_str())
        .cloned()
        .ok_or(Error::NotFound)?;
    let my_unit = view
        .members
        .iter()
        .find(|m| m.person_id == viewer.person.id.as_str())
        .map(|m| m.unit_key.clone());
    let is_presenter = my_unit.is_some() && meeting_view.presenter_unit == my_unit;
    let records = revans_storage::meetings::attendance_for_set(conn, &view.set.id).await?;
    let sent = revans_storage::apologies::for_meeting(conn, meeting_id).await?;
    let apology_of = |person: &str| {
        sent.iter()
            .find(|a| a.person_id.as_str() == person)
            .map(|a| a.note.clone())
    };
    let attendance = view
        .members
        .iter()
        .filter(|m| m.current)
        .map(|m| AttendanceRow {
            member: m.clone(),
            status: records
                .iter()
                .find(|(mt, p, _)| mt == meeting_id && p.as_str() == m.person_id)
                .map(|(_, _, s)| s.clone())
                .unwrap_or_default(),
            apology: apology_of(&m.person_id),
        })
        .collect();
    let actions = set_content::actions(conn, &view.set.id).await?;
    let earlier: Vec<&Id> = view
        .raw_meetings
        .iter()
        .filter(|m| m.starts_at < meeting.starts_at)
        .map(|m| &m.id)
        .collect();
    let to_review = actions
        .iter()
        .filter(|a| a.outcome.is_none() && earlier.contains(&&a.meeting_id))
        .cloned()
        .collect();
    let recorded = actions
        .into_iter()
        .filter(|a| &a.meeting_id == meeting_id)
        .collect();
    let now = revans_storage::now_ms();
    let is_member = in_set.standing == revans_storage::sets::Standing::Member;
    let my_apology = if is_member {
        apology_of(viewer.person.id.as_str())
    } else {
        None
    };
    let upcoming = !meeting.cancelled && !meeting.held && meeting.starts_at > now;
    let can_restore = runner && meeting.cancelled && !meeting.held && meeting.starts_at > now;
    let when_plain =
        crate::sets::set_view::plain_when(meeting.starts_at, meeting.ends_at, &view.display_zone);
    Ok(MeetingDetail {
        when_plain,
        is_member,
        my_apology,
        upcoming,
        can_restore,
        view,
        meeting: meeting_view,
        runner,
        is_presenter,
        attendance,
        to_review,
        recorded,
    })
}

/// One meeting as an RFC 5545 calendar file, for its members and facilitators only: the
/// meeting's stable UID and SEQUENCE (so it updates the feed's copy), with the link or place.
pub async fn meeting_calendar(
    state: &App,
    viewer: &Viewer,
    meeting_id: &Id,
) -> Result<String, Error> {
    let mut conn = state.store.conn().await?;
    let (in_set, meeting) = load_meeting(&mut conn, viewer, meeting_id).await?;
    Ok(crate::calendar::single_meeting(
        &in_set.set.name,
        &in_set.set.delivery_detail,
        &meeting,
    ))
}
