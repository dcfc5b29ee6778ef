//! The demo's facilitator records (issue 15): Fran Facilitator's background, a typed
//! qualification and one awarded for completing the spring cohort, and supervision sessions
//! with Priya Lead, so the profile and the supervised-hours export have something to show.

use revans_domain::Id;
use revans_storage::Conn;
use revans_storage::facilitator_profiles::{self as profiles, QualificationFields};
use revans_storage::supervision_log::{self, NewSession};

use crate::Error;

/// Seeds Fran's records; `spring` is the cohort whose completion awarded a qualification.
pub async fn seed(
    conn: &mut Conn,
    facilitator: &Id,
    supervisor: &Id,
    spring: &Id,
) -> Result<(), Error> {
    profiles::save(
        conn,
        facilitator,
        6,
        "confident",
        "en,cy",
        "Action learning set adviser programme (2019); trauma-informed facilitation (2023).",
    )
    .await?;
    profiles::add_qualification(
        conn,
        facilitator,
        &QualificationFields {
            name: "Action Learning Facilitation".into(),
            level: "Level 5".into(),
            awarded_on: "2021-06-18".into(),
            expires_on: None,
            evidence: "Certificate kept by the ICS academy (ref ALF-2021-044)".into(),
        },
    )
    .await?;
    profiles::award(
        conn,
        facilitator,
        spring,
        "Leadership Support Circles Facilitator",
        "Introductory",
        "2026-05-20",
    )
    .await?;
    for (day, minutes, kind) in [
        ("2026-02-03", 90, "one_to_one"),
        ("2026-03-10", 120, "group"),
        ("2026-04-14", 60, "one_to_one"),
    ] {
        supervision_log::insert(
            conn,
            &NewSession {
                facilitator_id: facilitator,
                supervisor_id: supervisor,
                held_on: day,
                minutes,
                kind,
                recorded_by: facilitator,
            },
        )
        .await?;
    }
    Ok(())
}
