//! The demo's completion record (issue 16): the spring cohort of "Leading Through Change"
//! completes on at least five of its six sessions, and its three sessions so far have a
//! register. Pat and most colleagues have come to every one (on track), Bo and Chloe have
//! missed one (at risk), and Aisha missed the first two but the lead recorded an exception
//! for the make-up day she attended.

use revans_domain::{CompletionRule, Id};
use revans_storage::cohorts::{self, NewCohort};
use revans_storage::completion::{cohort_facts, record_session_attendance, set_exception};
use revans_storage::{Conn, now_ms};

use crate::Error;

/// Who was absent at which of the sessions held so far; everyone else was present.
const ABSENT: [(&str, i64); 4] = [
    ("Bo Participant", 2),
    ("Chloe Evans", 3),
    ("Aisha Khan", 1),
    ("Aisha Khan", 2),
];

pub async fn seed(conn: &mut Conn, spring: &Id, lead: &Id) -> Result<(), Error> {
    let cohort = cohorts::get(conn, spring).await?.ok_or(Error::NotFound)?;
    let schedule = cohorts::schedule(conn, &cohort).await?;
    cohorts::update_details(
        conn,
        spring,
        &NewCohort {
            programme_id: &cohort.programme_id,
            name: &cohort.name,
            capacity: revans_domain::Capacity::new(cohort.capacity)?,
            opens_at: cohort.opens_at,
            closes_at: cohort.closes_at,
            schedule: &schedule,
            schedule_kind: &cohort.schedule_kind,
            schedule_spec: &cohort.schedule_spec,
            completion: CompletionRule::AtLeast(5),
        },
    )
    .await?;
    let facts = cohort_facts(conn, spring).await?;
    let now = now_ms();
    for session in facts.sessions.iter().filter(|s| s.starts_at <= now) {
        let marks: Vec<(Id, bool)> = facts
            .participants
            .iter()
            .map(|p| {
                let absent = ABSENT
                    .iter()
                    .any(|(name, o)| *name == p.name && *o == session.ordinal);
                (Id::from_trusted(p.person_id.clone()), !absent)
            })
            .collect();
        record_session_attendance(conn, spring, session.ordinal, &marks, lead).await?;
    }
    if let Some(aisha) = facts.participants.iter().find(|p| p.name == "Aisha Khan") {
        set_exception(
            conn,
            spring,
            &Id::from_trusted(aisha.person_id.clone()),
            "Attended the make-up day for sessions 1 and 2 run by Cliffside Community Care",
            lead,
        )
        .await?;
    }
    Ok(())
}
