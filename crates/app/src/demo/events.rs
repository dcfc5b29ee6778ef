//! The demo's immersion event (C8, seed 004): "System Leadership Immersion Week", a draft
//! programme of the region with eight host organisations, three visit slots and 60
//! participants: 59 from Cliffside Community Care who have ranked the hosts, and Pat
//! Participant, who has not yet. Rankings are open: Pat ranks, the lead runs and publishes the
//! allocation, then Pat reads an itinerary and Fran Facilitator, the contact for the Harbour
//! emergency department, her visitors.

use revans_domain::{ApplicationState, EmailAddress, Id, PersonName, ProgrammeKind};
use revans_events::visits::generate;
use revans_storage::events::{self as store, NewHost};
use revans_storage::programmes::{self, ProgrammeFields};
use revans_storage::{Conn, applications, now_ms, people};

use crate::Error;

/// (name, description, address, min, max per slot)
const HOSTS: [(&str, &str, &str, i64, i64); 8] = [
    (
        "Harbour emergency department",
        "Shadow the nurse in charge through a handover and a bed meeting.",
        "Harbour Hospital, Quay Road",
        4,
        9,
    ),
    (
        "Bay Council reablement team",
        "Join a morning of home visits that help people live independently again.",
        "Bay Council, Marine Parade",
        3,
        8,
    ),
    (
        "Cliffside care home",
        "Spend time with the manager and residents' families of a 40-bed home.",
        "Cliffside Court, Cliff Lane",
        2,
        7,
    ),
    (
        "North Coast ambulance control",
        "Listen in on the control room and see how calls are prioritised.",
        "Ambulance Control, Link Road",
        3,
        9,
    ),
    (
        "Harbour GP federation",
        "See how eight practices share a hub for same-day appointments.",
        "Harbour Health Hub, Mill Street",
        3,
        8,
    ),
    (
        "Community mental health team",
        "Join the team's daily huddle and a multi-agency meeting.",
        "Riverside Centre, Bridge Street",
        4,
        8,
    ),
    (
        "Hospice at home",
        "Meet the night team and hear how end-of-life care is planned with families.",
        "Seaview Hospice, Beacon Hill",
        2,
        6,
    ),
    (
        "Integrated discharge hub",
        "Follow patients from ward to home with the discharge coordinators.",
        "Harbour Hospital, Level 2",
        3,
        8,
    ),
];

const FIRST: [&str; 20] = [
    "Aisha", "Ben", "Chloe", "Dev", "Ella", "Femi", "Grace", "Harry", "Isla", "Jack", "Kiran",
    "Leah", "Mo", "Nina", "Owen", "Priti", "Quinn", "Rosa", "Tom", "Zara",
];
const LAST: [&str; 3] = ["Okafor", "Byrne", "Nowak"];

fn fields() -> ProgrammeFields {
    ProgrammeFields {
        title: "System Leadership Immersion Week".into(),
        summary: "Three visits to services across the system, then cafe conversations with their leaders.".into(),
        description: "Participants rank the host organisations; each visits three of them, one a morning.".into(),
        kind: ProgrammeKind::ImmersionEvent,
        outcomes: vec!["See how other parts of the system work from the inside".into()],
        audience: "Senior leaders across the North Coast ICS".into(),
        leads: "North Coast Leadership Academy".into(),
        fee_pence: 0,
        cpd_minutes: 900,
        delivery_mode: revans_domain::DeliveryMode::InPerson,
        delivery_detail: "Host organisations across North Coast".into(),
        eligibility: vec![],
        confirmations: vec![],
        questions: vec![],
        phases: vec![],
        follow_on_id: None,
        requires_sponsor_approval: false,
        allocation_rule: revans_domain::AllocationRule::ApprovalOrder,
        lottery_seed: 4,
        offer_valid_days: 7,
    }
}

/// Seeds the event in the region `ics`; `pat` (in `trust`) is among its participants, the
/// others are made in `cliffside`, and `fran` is the emergency department's contact.
pub async fn seed(
    conn: &mut Conn,
    ics: &Id,
    (pat, trust): (&Id, &Id),
    cliffside: &Id,
    fran: &Id,
) -> Result<(), Error> {
    let programme = programmes::insert(conn, ics, &fields()).await?;
    let mut host_ids = Vec::new();
    for (i, (name, description, address, min, max)) in HOSTS.iter().enumerate() {
        let id = store::insert_host(
            conn,
            &NewHost {
                programme_id: &programme,
                name,
                description,
                address,
                min_per_slot: *min,
                max_per_slot: *max,
                contact_person_id: (i == 0).then_some(fran),
            },
        )
        .await?
        .ok_or_else(|| Error::internal("demo host twice"))?;
        host_ids.push(id);
    }
    let mut participants = vec![(pat.clone(), trust.clone())];
    for i in 0..59 {
        let (first, last) = (FIRST[i % FIRST.len()], LAST[i / FIRST.len()]);
        let email = format!(
            "{}.{}@cliffside-care.example",
            first.to_lowercase(),
            last.to_lowercase()
        );
        let id = people::insert(
            conn,
            cliffside,
            &EmailAddress::parse(&email)?,
            &PersonName::parse(&format!("{first} {last}"))?,
        )
        .await?;
        participants.push((id, cliffside.clone()));
    }
    // Rankings shaped like a real event's (some hosts far more wanted), five hosts each.
    let shape = generate(participants.len(), HOSTS.len(), 3, 5, 2026);
    for (p, (person, org)) in participants.iter().enumerate() {
        applications::insert(
            conn,
            &applications::NewApplication {
                programme_id: &programme,
                person_id: person,
                organisation_id: org,
                state: ApplicationState::Accepted,
                answers: &[],
                confirmed_statements: true,
                preferences: &[],
                nominated_by: None,
            },
        )
        .await?;
        if p == 0 {
            continue; // Pat has not ranked yet.
        }
        let ranking: Vec<(Id, i64)> = shape
            .ranking(p)
            .iter()
            .enumerate()
            .map(|(r, &h)| (host_ids[h].clone(), r as i64 + 1))
            .collect();
        let needs = if p % 9 == 4 {
            "Step-free access, please"
        } else {
            ""
        };
        store::save_choices(conn, &programme, person, needs, &ranking).await?;
    }
    // Rankings are open for two more weeks and the allocation is not run: Pat ranks on the
    // pages, then the lead runs the allocation (proven optimal in milliseconds) and publishes.
    store::set_plan(conn, &programme, 3, now_ms() + 14 * 86_400_000).await?;
    seed_cafe(conn, &programme).await
}

/// (name, what they lead) of the cafe's guest leaders.
const GUESTS: [(&str, &str); 6] = [
    ("Amara Osei", "Chief nurse, Harbour Trust"),
    ("Declan Reid", "Director of adult social care, Bay Council"),
    ("Hannah Lowe", "Clinical director, Harbour GP federation"),
    ("Ravi Shah", "Chief executive, Seaview Hospice"),
    ("Sofia Marquez", "Head of operations, North Coast Ambulance"),
    ("Tom Fairley", "Chair, Cliffside Community Care"),
];

/// Six guests and a three-round rota for everyone with a place (10 a table), made by the
/// same solver the lead's "Make the rota" runs; Pat sees hers once the visits are published.
async fn seed_cafe(conn: &mut Conn, programme: &Id) -> Result<(), Error> {
    let mut guests = Vec::new();
    for (name, role) in GUESTS {
        guests.push(
            revans_storage::event_cafe::insert_guest(conn, programme, name, role)
                .await?
                .ok_or_else(|| Error::internal("demo guest twice"))?,
        );
    }
    let people = store::participants(conn, programme).await?;
    let problem = revans_events::cafe::CafeProblem::new(people.len(), guests.len(), 3)
        .map_err(Error::internal)?;
    let solution = revans_events::cafe::solve(
        &problem,
        2026,
        revans_engine::Budget {
            deadline: None,
            max_rounds: Some(300),
        },
    );
    let mut seats = Vec::new();
    for round in 0..3 {
        for (p, person) in people.iter().enumerate() {
            seats.push((
                round as i64 + 1,
                Id::parse(&person.person_id).ok_or_else(|| Error::internal("person id"))?,
                guests[solution.rota.table(round, p)].clone(),
            ));
        }
    }
    let rota = revans_storage::event_cafe::Rota {
        rounds: 3,
        repeats: solution.repeats as i64,
        lower_bound: solution.lower_bound as i64,
        made_at: now_ms(),
    };
    revans_storage::event_cafe::replace_rota(conn, programme, &rota, &seats).await?;
    Ok(())
}
