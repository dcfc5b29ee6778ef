//! Attendance at a circle's sessions: recorded (and corrected) by the circle's facilitators;
//! the region's leads may read it.

use revans_domain::Id;
use revans_storage::circle_bookings as store;

use super::calendar::{CircleSessionView, listings};
use crate::{Actor, App, Error, Viewer};

/// Someone with a place, and whether they came to each session (None: not recorded yet).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct AttendeeView {
    pub person_id: String,
    pub name: String,
    /// One entry per session, in order.
    pub present: Vec<Option<bool>>,
}

/// The attendance sheet of a circle.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct AttendanceSheet {
    pub circle_id: String,
    pub title: String,
    pub sessions: Vec<CircleSessionView>,
    pub people: Vec<AttendeeView>,
    /// Whether the viewer may record (a facilitator of the circle).
    pub can_record: bool,
}

/// Who may see it: (is a facilitator, is a lead of the region).
async fn access(
    conn: &mut revans_storage::Conn,
    viewer: &Viewer,
    id: &Id,
    region: &str,
) -> Result<(bool, bool), Error> {
    let facilitators = revans_storage::circle_calendar::facilitators(conn, id).await?;
    let facilitates = facilitators
        .iter()
        .any(|(p, _)| p == viewer.person.id.as_str());
    let leads = viewer.admin_roots().iter().any(|r| r.as_str() == region);
    Ok((facilitates, leads))
}

pub async fn sheet(app: &App, viewer: &Viewer, id: &Id) -> Result<AttendanceSheet, Error> {
    let mut conn = app.store.conn().await?;
    let rows = revans_storage::circle_calendar::circle(&mut conn, id).await?;
    let circle = listings(rows).into_iter().next().ok_or(Error::NotFound)?;
    let (facilitates, leads) = access(&mut conn, viewer, id, &circle.region_id).await?;
    if !facilitates && !leads {
        return Err(Error::Forbidden);
    }
    let people = store::attendees(&mut conn, id)
        .await?
        .into_iter()
        .map(|a| AttendeeView {
            present: circle
                .sessions
                .iter()
                .map(|s| {
                    a.present
                        .iter()
                        .find(|(o, _)| *o == s.ordinal)
                        .map(|(_, p)| *p)
                })
                .collect(),
            person_id: a.person_id,
            name: a.name,
        })
        .collect();
    Ok(AttendanceSheet {
        circle_id: circle.id,
        title: circle.title,
        sessions: circle.sessions,
        people,
        can_record: facilitates,
    })
}

/// Records who came to one session: `present` lists the people there; everyone else with a
/// place is recorded as absent.
pub async fn record(
    app: &App,
    actor: &Actor<'_>,
    id: &Id,
    ordinal: i64,
    present: &[String],
) -> Result<usize, Error> {
    let mut tx = app.store.begin().await?;
    let rows = revans_storage::circle_calendar::circle(&mut tx, id).await?;
    let circle = listings(rows).into_iter().next().ok_or(Error::NotFound)?;
    let (facilitates, _) = access(&mut tx, actor.viewer, id, &circle.region_id).await?;
    if !facilitates {
        return Err(Error::ForbiddenBecause(
            "Only the circle's facilitators record attendance".into(),
        ));
    }
    if !circle.sessions.iter().any(|s| s.ordinal == ordinal) {
        return Err(Error::field(
            "session",
            "Choose one of the circle's sessions",
        ));
    }
    let attendees = store::attendees(&mut tx, id).await?;
    if let Some(stranger) = present
        .iter()
        .find(|p| !attendees.iter().any(|a| &a.person_id == *p))
    {
        return Err(Error::field(
            "present",
            format!("{stranger} has no place on this circle"),
        ));
    }
    for a in &attendees {
        let here = present.contains(&a.person_id);
        store::record_attendance(
            &mut tx,
            id,
            ordinal,
            &a.person_id,
            here,
            &actor.viewer.person.id,
        )
        .await?;
    }
    let region = Id::from_trusted(circle.region_id.clone());
    actor
        .audit(
            &mut tx,
            "circle.attendance_recorded",
            "circle",
            id.as_str(),
            &format!(
                "Recorded attendance at session {ordinal}: {} of {} present",
                present.len(),
                attendees.len()
            ),
            &region,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(attendees.len())
}
