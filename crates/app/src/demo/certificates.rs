//! The demo's finished programme with certificates (C10, issue 16): "Compassionate Leadership
//! Foundations", whose Winter cohort met six times last year. Pat, Bo, Aisha, Ben and Chloe
//! came to every session and hold certificates (issued by `issue_for_completers`, as the
//! sweep would); Dev missed one and has none; Ben's was revoked with a reason.

use revans_domain::{
    AllocationRule, ApplicationState, Capacity, CompletionRule, DeliveryMode, EmailAddress, Id,
    ProgrammeKind, ProgrammeStatus, Schedule, Session,
};
use revans_storage::applications::{self, NewApplication};
use revans_storage::programmes::{self, ProgrammeFields};
use revans_storage::{Conn, cohorts, completion, now_ms, people};

use crate::certificates::issue::{self as issuing, Tell};
use crate::{Error, Settings};

const DAY_MS: i64 = 86_400_000;
const HOUR_MS: i64 = 3_600_000;

/// The demo's other participants in the finished cohort (made by the sets demo).
const OTHERS: [&str; 4] = [
    "aisha.khan@harbour-trust.example",
    "ben.carter@bay-council.example",
    "chloe.evans@cliffside-care.example",
    "dev.patel@northcoast-ics.example",
];

fn fields() -> ProgrammeFields {
    ProgrammeFields {
        title: "Compassionate Leadership Foundations".into(),
        summary: "Six half-day workshops on leading with compassion.".into(),
        description: "Monthly workshops for new managers across the region.".into(),
        kind: ProgrammeKind::LeadershipModule,
        outcomes: vec![
            "Listen with fascination to the people you lead".into(),
            "Build shared understanding of a problem before acting".into(),
            "Take thoughtful, intelligent action to help".into(),
        ],
        audience: "New managers in any organisation in the ICS.".into(),
        leads: "North Coast Leadership Academy".into(),
        fee_pence: 0,
        cpd_minutes: 18 * 60,
        delivery_mode: DeliveryMode::Virtual,
        delivery_detail: "https://meet.example/compassion".into(),
        eligibility: vec!["You manage people or services".into()],
        confirmations: vec![],
        questions: vec![],
        phases: vec![],
        follow_on_id: None,
        requires_sponsor_approval: false,
        allocation_rule: AllocationRule::ApprovalOrder,
        lottery_seed: 11,
        offer_valid_days: 7,
    }
}

/// Seeds the finished cohort; `lead` revokes one certificate.
pub async fn seed(
    conn: &mut Conn,
    settings: &Settings,
    region: &Id,
    lead: &Id,
    pat: (&Id, &Id),
    bo: (&Id, &Id),
) -> Result<(), Error> {
    let programme = programmes::insert(conn, region, &fields()).await?;
    let first = now_ms() - 330 * DAY_MS;
    let sessions: Vec<Session> = (0..6)
        .map(|i| Session {
            starts_at: first + i * 28 * DAY_MS,
            ends_at: first + i * 28 * DAY_MS + 3 * HOUR_MS,
        })
        .collect();
    let schedule = Schedule::from_stored("Europe/London".into(), sessions);
    let cohort = cohorts::insert(
        conn,
        &cohorts::NewCohort {
            programme_id: &programme,
            name: "Winter 2025",
            capacity: Capacity::new(20)?,
            opens_at: first - 60 * DAY_MS,
            closes_at: first - 14 * DAY_MS,
            schedule: &schedule,
            schedule_kind: "explicit",
            schedule_spec: "{}",
            completion: CompletionRule::AllSessions,
        },
    )
    .await?;
    let mut people_in: Vec<(Id, Id)> =
        vec![(pat.0.clone(), pat.1.clone()), (bo.0.clone(), bo.1.clone())];
    for email in OTHERS {
        if let Some((p, _)) = people::find_by_email(conn, &EmailAddress::parse(email)?).await? {
            people_in.push((p.id, p.organisation_id));
        }
    }
    for (person, org) in &people_in {
        place(conn, &programme, &cohort, person, org).await?;
    }
    // Everyone came to every session, except Dev (the last), who missed the fourth.
    for ordinal in 1..=6_i64 {
        let marks: Vec<(Id, bool)> = people_in
            .iter()
            .enumerate()
            .map(|(i, (p, _))| (p.clone(), !(i == 5 && ordinal == 4)))
            .collect();
        completion::record_session_attendance(conn, &cohort, ordinal, &marks, lead).await?;
    }
    issuing::issue_telling(conn, settings, &cohort, None, Tell::Nobody).await?;
    if let Some((ben, _)) = people_in.get(3) {
        let held = revans_storage::certificates::for_cohort(conn, &cohort).await?;
        if let Some(c) = held.iter().find(|c| c.person_id == ben.as_str()) {
            revans_storage::certificates::revoke(
                conn,
                &Id::from_trusted(c.id.clone()),
                lead,
                "Issued in error: Ben's attendance at the fifth session was recorded against the wrong person.",
                now_ms() - 20 * DAY_MS,
            )
            .await?;
        }
    }
    programmes::set_status(conn, &programme, ProgrammeStatus::Closed).await?;
    Ok(())
}

/// Gives the person an accepted place in the cohort, the way allocation would.
async fn place(
    conn: &mut Conn,
    programme: &Id,
    cohort: &Id,
    person: &Id,
    org: &Id,
) -> Result<(), Error> {
    let id = applications::insert(
        conn,
        &NewApplication {
            programme_id: programme,
            person_id: person,
            organisation_id: org,
            state: ApplicationState::Approved,
            answers: &[],
            confirmed_statements: true,
            preferences: std::slice::from_ref(cohort),
            nominated_by: None,
        },
    )
    .await?;
    applications::offer(
        conn,
        &id,
        ApplicationState::Approved,
        cohort,
        now_ms() + 7 * DAY_MS,
    )
    .await?;
    applications::accept(conn, &id).await?;
    Ok(())
}
