//! The demo tenant: a region (ICS) with three member organisations and someone in every role.

mod catalogue;
mod certificates;
mod circles;
pub mod circles_booking;
mod completion;
mod evaluation;
mod events;
mod facilitator_records;
pub mod interests;
pub mod pool;
mod portfolio;
mod sets;

pub use catalogue::seed as seed_catalogue;

use revans_domain::{EmailAddress, OrganisationName, Password, PersonName, Role};
use revans_storage::{audit, organisations, people};

use crate::App;
use crate::Error;
use crate::security::hash_password;

pub const PASSWORD: &str = "demo-password-2026";

/// (what they are, email) for the sign-in list printed at start.
pub const SIGN_INS: [(&str, &str); 6] = [
    ("Programme lead (admin)", "lead@northcoast-ics.example"),
    ("Sponsor", "sponsor@harbour-trust.example"),
    ("Facilitator", "facilitator@northcoast-ics.example"),
    ("Participant", "participant@harbour-trust.example"),
    ("Participant", "participant@bay-council.example"),
    ("Evaluator", "evaluator@northcoast-ics.example"),
];

/// Creates the demo data unless the database already has organisations. Returns whether it did.
pub async fn seed(state: &App) -> Result<bool, Error> {
    let mut tx = state.store.begin().await?;
    if !organisations::list_all(&mut tx).await?.is_empty() {
        return Ok(false);
    }
    let org = |s: &str| OrganisationName::parse(s);
    let ics = organisations::insert(&mut tx, &org("North Coast ICS")?, None).await?;
    let trust =
        organisations::insert(&mut tx, &org("Harbour Hospitals NHS Trust")?, Some(&ics.id)).await?;
    let council = organisations::insert(
        &mut tx,
        &org("Bay Council Adult Social Care")?,
        Some(&ics.id),
    )
    .await?;
    let cliffside =
        organisations::insert(&mut tx, &org("Cliffside Community Care")?, Some(&ics.id)).await?;
    let hash = hash_password(&Password::parse(PASSWORD)?).await?;
    let people_to_make = [
        ("Priya Lead", SIGN_INS[0].1, &ics.id, vec![Role::Admin]),
        ("Sam Sponsor", SIGN_INS[1].1, &trust.id, vec![Role::Sponsor]),
        (
            "Fran Facilitator",
            SIGN_INS[2].1,
            &ics.id,
            vec![Role::Facilitator, Role::Participant],
        ),
        (
            "Pat Participant",
            SIGN_INS[3].1,
            &trust.id,
            vec![Role::Participant],
        ),
        (
            "Bo Participant",
            SIGN_INS[4].1,
            &council.id,
            vec![Role::Participant],
        ),
        (
            "Eve Evaluator",
            SIGN_INS[5].1,
            &ics.id,
            vec![Role::Evaluator],
        ),
    ];
    let mut ids = Vec::new();
    for (name, email, org_id, roles) in people_to_make {
        let id = people::insert(
            &mut tx,
            org_id,
            &EmailAddress::parse(email)?,
            &PersonName::parse(name)?,
        )
        .await?;
        people::set_password_hash(&mut tx, &id, &hash).await?;
        people::set_roles(&mut tx, &id, org_id, &roles).await?;
        ids.push(id);
    }
    catalogue::seed(&mut tx, &ics.id).await?;
    let orgs = sets::Orgs {
        ics: &ics.id,
        trust: &trust.id,
        council: &council.id,
        cliffside: &cliffside.id,
    };
    let (programme, spring, autumn) = sets::seed(&mut tx, &orgs, &ids[3], &ids[4], &ids[2]).await?;
    // The region's pool: Fran and others, one away from today, so her set needs a replacement.
    pool::seed(&mut tx, &ics.id, &ids[2], &hash).await?;
    let cohorts = evaluation::Cohorts {
        spring: &spring,
        autumn: &autumn,
    };
    evaluation::seed(&mut tx, &ics.id, &ids[0], &programme, &cohorts, &ids[4]).await?;
    circles_booking::seed_booking_circles(
        &mut tx,
        &circles_booking::CircleOrgs {
            region: &ics.id,
            trust: &trust.id,
            council: &council.id,
            facilitator: &ids[2],
        },
    )
    .await?;
    facilitator_records::seed(&mut tx, &ids[2], &ids[0], &spring).await?;
    circles::seed(&mut tx, &ics.id, &ics.id, &ids[0], &ids[2]).await?;
    interests::seed(&mut tx, &ics.id).await?;
    completion::seed(&mut tx, &spring, &ids[0]).await?;
    certificates::seed(
        &mut tx,
        &state.settings,
        &ics.id,
        &ids[0],
        (&ids[3], &trust.id),
        (&ids[4], &council.id),
    )
    .await?;
    portfolio::seed(&mut tx, &ids[3]).await?;
    events::seed(
        &mut tx,
        &ics.id,
        (&ids[3], &trust.id),
        &cliffside.id,
        &ids[2],
    )
    .await?;
    audit::record(
        &mut tx,
        audit::NewAuditEntry {
            actor_id: None,
            actor_name: "revans demo",
            action: "demo.seeded",
            subject_type: "organisation",
            subject_id: ics.id.as_str(),
            detail: "Created the demo region, its organisations and people",
            ip: "command line",
            organisation_id: Some(&ics.id),
        },
    )
    .await?;
    revans_storage::commit(tx).await?;
    Ok(true)
}
