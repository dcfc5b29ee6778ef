//! Fixtures shared by the storage tests: a tenant (an ICS with a trust below it), a programme
//! and cohorts.
#![allow(dead_code, clippy::unwrap_used)]

use revans_domain::{
    AllocationRule, Capacity, CompletionRule, DeliveryMode, Id, OrganisationName, ProgrammeKind,
    Schedule,
};
use revans_storage::cohorts::{self, NewCohort};
use revans_storage::programmes::{self, ProgrammeFields};
use revans_storage::{Store, now_ms, organisations};

pub fn fields(title: &str) -> ProgrammeFields {
    ProgrammeFields {
        title: title.into(),
        summary: "Train to run leadership support circles".into(),
        description: "One day over two half days.".into(),
        kind: ProgrammeKind::TrainTheTrainer,
        outcomes: vec!["Facilitate a circle".into()],
        audience: "Experienced facilitators".into(),
        leads: "Jess Done".into(),
        fee_pence: 0,
        cpd_minutes: 420,
        delivery_mode: DeliveryMode::Virtual,
        delivery_detail: "https://meet.example/circles".into(),
        eligibility: vec!["2-3 years of group facilitation".into()],
        confirmations: vec!["I have discussed this with my ICS".into()],
        questions: vec!["Why now?".into()],
        phases: vec![],
        follow_on_id: None,
        requires_sponsor_approval: true,
        allocation_rule: AllocationRule::ApprovalOrder,
        lottery_seed: 42,
        offer_valid_days: 7,
    }
}

pub struct World {
    pub store: Store,
    pub ics: Id,
    pub trust: Id,
    pub programme: Id,
}

pub async fn world(store: Store) -> World {
    let mut tx = store.begin().await.unwrap();
    let ics = organisations::insert(&mut tx, &OrganisationName::parse("ICS").unwrap(), None)
        .await
        .unwrap()
        .id;
    let trust = organisations::insert(
        &mut tx,
        &OrganisationName::parse("Trust").unwrap(),
        Some(&ics),
    )
    .await
    .unwrap()
    .id;
    let programme = programmes::insert(&mut tx, &ics, &fields("Circles Train the Trainer"))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    World {
        store,
        ics,
        trust,
        programme,
    }
}

pub async fn cohort(w: &World, name: &str, capacity: i64) -> Id {
    let schedule = Schedule::explicit(
        "2031-11-01 09:30-13:00\n2031-11-02 09:30-13:00",
        "Europe/London",
        now_ms(),
    )
    .unwrap();
    let mut conn = w.store.conn().await.unwrap();
    cohorts::insert(
        &mut conn,
        &NewCohort {
            programme_id: &w.programme,
            name,
            capacity: Capacity::new(capacity).unwrap(),
            opens_at: now_ms() - 1000,
            closes_at: now_ms() + 86_400_000,
            schedule: &schedule,
            schedule_kind: "explicit",
            schedule_spec: "{}",
            completion: CompletionRule::AllSessions,
        },
    )
    .await
    .unwrap()
}
