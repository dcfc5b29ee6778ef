//! The demo's action learning programme (C3-C5): "Leading Through Change", applications
//! closed, with a spring cohort whose published "Set 1" (both demo participants, five
//! colleagues, the demo facilitator) has met twice, and an autumn cohort of 24 confirmed people
//! (accounts without a password), some in each other's reporting lines, waiting for the lead to
//! form their sets.

use revans_domain::{
    AllocationRule, ApplicationState, Capacity, CompletionRule, DeliveryMode, EmailAddress, Id,
    PersonName, ProgrammeKind, ProgrammeStatus, Schedule, Session,
};
use revans_storage::applications::{self, NewApplication};
use revans_storage::programmes::{self, ProgrammeFields};
use revans_storage::sets::{self, NewMember, NewSet};
use revans_storage::{Conn, cohorts, meetings, now_ms, people, reporting_lines, set_content};

use crate::Error;

const DAY_MS: i64 = 86_400_000;
const HOUR_MS: i64 = 3_600_000;

const NAMES: [&str; 29] = [
    "Aisha Khan",
    "Ben Carter",
    "Chloe Evans",
    "Dev Patel",
    "Ella Hughes",
    "Femi Adeyemi",
    "Grace Lee",
    "Harry Wood",
    "Isla Murray",
    "Jack Turner",
    "Kiran Shah",
    "Lily Price",
    "Mo Ahmed",
    "Nina Rossi",
    "Owen Price",
    "Priti Rao",
    "Quinn Baker",
    "Rosa Diaz",
    "Sean Kelly",
    "Tara Singh",
    "Umar Farooq",
    "Vera Novak",
    "Will Jones",
    "Xena Clarke",
    "Yusuf Ali",
    "Zoe Martin",
    "Amir Haddad",
    "Beth Lowe",
    "Cody Reid",
];

/// The demo organisations people come from, with their email domains.
pub struct Orgs<'a> {
    pub ics: &'a Id,
    pub trust: &'a Id,
    pub council: &'a Id,
    pub cliffside: &'a Id,
}

fn fields() -> ProgrammeFields {
    ProgrammeFields {
        title: "Leading Through Change: Action Learning".into(),
        summary: "Six months in an action learning set working on a real problem you own.".into(),
        description: "Monthly three-hour sets of six to eight people from across the region, with a trained facilitator.".into(),
        kind: ProgrammeKind::ActionLearning,
        outcomes: vec!["Make progress on a real problem with the help of peers".into()],
        audience: "Managers from any organisation in the ICS.".into(),
        leads: "North Coast Leadership Academy".into(),
        fee_pence: 0,
        cpd_minutes: 18 * 60,
        delivery_mode: DeliveryMode::Virtual,
        delivery_detail: "https://meet.example/sets".into(),
        eligibility: vec!["You manage people or services".into()],
        confirmations: vec!["My line manager supports me taking part".into()],
        questions: vec![],
        phases: vec!["Launch".into(), "Sets".into(), "Final event".into()],
        follow_on_id: None,
        requires_sponsor_approval: false,
        allocation_rule: AllocationRule::ApprovalOrder,
        lottery_seed: 7,
        offer_valid_days: 7,
    }
}

/// Monthly sessions of three hours from `first` (ms).
fn monthly(first: i64, count: i64) -> Vec<Session> {
    (0..count)
        .map(|i| Session {
            starts_at: first + i * 28 * DAY_MS,
            ends_at: first + i * 28 * DAY_MS + 3 * HOUR_MS,
        })
        .collect()
}

async fn cohort(conn: &mut Conn, programme: &Id, name: &str, first: i64) -> Result<Id, Error> {
    let schedule = Schedule::from_stored("Europe/London".into(), monthly(first, 6));
    Ok(cohorts::insert(
        conn,
        &cohorts::NewCohort {
            programme_id: programme,
            name,
            capacity: Capacity::new(30)?,
            opens_at: first - 60 * DAY_MS,
            closes_at: first - 14 * DAY_MS,
            schedule: &schedule,
            schedule_kind: "explicit",
            schedule_spec: "{}",
            completion: CompletionRule::AllSessions,
        },
    )
    .await?)
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

pub async fn seed(
    conn: &mut Conn,
    orgs: &Orgs<'_>,
    pat: &Id,
    bo: &Id,
    fran: &Id,
) -> Result<(Id, Id, Id), Error> {
    let programme = programmes::insert(conn, orgs.ics, &fields()).await?;
    let now = now_ms();
    let spring = cohort(conn, &programme, "Spring 2026", now - 60 * DAY_MS).await?;
    let autumn = cohort(conn, &programme, "Autumn 2026", now + 21 * DAY_MS).await?;
    let domains = [
        (orgs.trust, "harbour-trust.example"),
        (orgs.council, "bay-council.example"),
        (orgs.cliffside, "cliffside-care.example"),
        (orgs.ics, "northcoast-ics.example"),
    ];
    let mut made = Vec::new();
    for (i, name) in NAMES.iter().enumerate() {
        let (org, domain) = domains[i % domains.len()];
        let email = format!("{}@{domain}", name.to_lowercase().replace(' ', "."));
        let id = people::insert(
            conn,
            org,
            &EmailAddress::parse(&email)?,
            &PersonName::parse(name)?,
        )
        .await?;
        made.push((id, org));
    }
    // Spring: Pat, Bo and five colleagues, already meeting.
    place(conn, &programme, &spring, pat, orgs.trust).await?;
    place(conn, &programme, &spring, bo, orgs.council).await?;
    for (id, org) in &made[..5] {
        place(conn, &programme, &spring, id, org).await?;
    }
    let set = sets::insert(
        conn,
        &NewSet {
            cohort_id: &spring,
            name: "Set 1",
            position: 0,
            review_every: 7,
            timezone: "Europe/London",
        },
    )
    .await?;
    let spring_people: Vec<&Id> = [pat, bo]
        .into_iter()
        .chain(made[..5].iter().map(|(id, _)| id))
        .collect();
    for (i, person) in spring_people.iter().enumerate() {
        let member = NewMember {
            set_id: &set,
            person_id: person,
            unit_key: person.as_str(),
            rota_position: i as i64,
            locked: false,
            joined_at: now - 61 * DAY_MS,
        };
        sets::add_member(conn, &member).await?;
    }
    sets::replace_facilitators(conn, &set, std::slice::from_ref(fran)).await?;
    sets::publish(conn, &spring).await?;
    meetings::insert_many(conn, &set, &monthly(now - 56 * DAY_MS, 6)).await?;
    let held = meetings::list_for_set(conn, &set).await?;
    for meeting in held.iter().take(2) {
        let records: Vec<(Id, &str)> = spring_people
            .iter()
            .map(|p| ((*p).clone(), "present"))
            .collect();
        meetings::record_attendance(conn, &meeting.id, fran, &records).await?;
    }
    set_content::save_vocabulary(
        conn,
        orgs.ics,
        "Workforce\nPatient flow\nCulture\nWorking across organisations\nMoney",
    )
    .await?;
    // Autumn: 24 more, waiting for sets; Femi manages Grace and Harry, Grace manages Isla.
    for (id, org) in &made[5..] {
        place(conn, &programme, &autumn, id, org).await?;
    }
    let autumn_ids: Vec<&Id> = made[5..].iter().map(|(id, _)| id).collect();
    for (person, manager) in [(1, 0), (2, 0), (3, 1)] {
        reporting_lines::set_manager(conn, autumn_ids[person], Some(autumn_ids[manager])).await?;
    }
    programmes::set_status(conn, &programme, ProgrammeStatus::Closed).await?;
    Ok((programme, spring, autumn))
}
