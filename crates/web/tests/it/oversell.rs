//! The oversell drill (issue 12, drill 3): many clients accept, decline, withdraw and read
//! their offers while the programme lead cuts and raises capacity and allocates, all through
//! the JSON API of two app instances sharing one database (SQLite, or PostgreSQL when
//! REVANS_TEST_DATABASE_URL is set). Afterwards no cohort is oversold or undersold and every
//! waiting list is numbered 1..k. A control run with the capacity re-check switched off
//! (`unsafe_skip_capacity_check`) must show an oversell, so the drill can see one.
//!
//! Definitions, per cohort, after the storm:
//! - oversold: accepted applications beyond the cohort's capacity;
//! - undersold: a free place (capacity - confirmed - open offers > 0) while someone is on the
//!   cohort's waiting list, since a freed place (a decline, a withdrawal, a capacity raise) is
//!   offered to the first in line in the same transaction;
//! - the waiting list: the positions shown (1..k, first in line first) have no gap and no
//!   duplicate, and the stored tickets are distinct.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::http::StatusCode;
use revans_app::security::{hash_token, new_token};
use revans_domain::{ApplicationState, Capacity, EmailAddress, Id, PersonName, TokenName};
use revans_storage::applications::{self, NewApplication};
use revans_storage::{api_tokens, cohorts, now_ms, people};
use revans_web::state::AppState;

use crate::helpers::*;

/// Operations per applicant (on average): applicants per cohort grow with the run, so a long
/// run does not end with everyone withdrawn.
const OPERATIONS_PER_APPLICANT: usize = 12;
/// Places offered at the first allocation, above the places already confirmed.
const OFFERED: i64 = 20;
/// Capacity above the confirmed places while the storm runs: lower than the open offers.
const CUT_TO: i64 = 10;
/// Concurrent clients.
const WORKERS: usize = 24;

/// What one drill run saw.
#[derive(Debug, Default)]
pub struct Outcome {
    pub operations: usize,
    pub elapsed: Duration,
    pub statuses: BTreeMap<u16, usize>,
    /// Accepted applications beyond capacity, summed over cohorts.
    pub oversold: i64,
    /// Cohorts with a free place while someone waits.
    pub undersold: usize,
    /// Cohorts whose waiting list positions are not exactly 1..k, or whose tickets repeat.
    pub bad_waiting_lists: usize,
    /// Cohorts whose place counter differs from their accepted applications.
    pub counter_mismatches: usize,
    pub accepted: i64,
    pub waiting: i64,
}

/// A small deterministic generator (xorshift), so a run's operations can be repeated.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

#[derive(Debug, Clone)]
enum Op {
    Respond(usize, &'static str),
    Read(usize),
    Capacity(usize, i64),
    Allocate,
}

fn with_control(state: &AppState, skip: bool) -> AppState {
    let mut s = state.clone();
    let mut settings = (*s.app.settings).clone();
    settings.unsafe_skip_capacity_check = skip;
    s.app.settings = Arc::new(settings);
    s
}

/// Runs the drill: `operations` API calls from `WORKERS` clients split over two instances.
pub async fn drill(operations: usize, control: bool, seed: u64) -> Outcome {
    let app = TestApp::spawn().await;
    let first = with_control(&app.state, control);
    let second = with_control(&app.second_instance().await, control);
    let (programme, _) = app.demo_programme().await;
    let programme = Id::parse(&programme).unwrap();
    let lead = app.api_token(ADMIN).await;
    let mut conn = app.state.store.conn().await.unwrap();
    let cohort_list: Vec<_> = cohorts::list_for_programme(&mut conn, &programme)
        .await
        .unwrap()
        .into_iter()
        .take(2)
        .collect();
    drop(conn);
    let org = {
        let mut conn = app.state.store.conn().await.unwrap();
        let pat = Id::parse(&app.person_id(PARTICIPANT).await).unwrap();
        people::get(&mut conn, &pat)
            .await
            .unwrap()
            .unwrap()
            .organisation_id
    };
    // Approved applicants for each cohort, each with an API token.
    let per_cohort = (operations / OPERATIONS_PER_APPLICANT / cohort_list.len()).max(10);
    let mut applicants: Vec<(Id, String)> = Vec::new();
    let mut base = Vec::new();
    {
        let mut tx = app.state.store.begin().await.unwrap();
        for (k, c) in cohort_list.iter().enumerate() {
            base.push(c.confirmed);
            assert!(
                cohorts::set_capacity(
                    &mut tx,
                    &c.id,
                    Capacity::new(c.confirmed + OFFERED).unwrap()
                )
                .await
                .unwrap()
            );
            for n in 0..per_cohort {
                let person = people::insert(
                    &mut tx,
                    &org,
                    &EmailAddress::parse(&format!("drill{k}-{n}@harbour-trust.example")).unwrap(),
                    &PersonName::parse(&format!("Drill {k} {n}")).unwrap(),
                )
                .await
                .unwrap();
                let id = applications::insert(
                    &mut tx,
                    &NewApplication {
                        programme_id: &programme,
                        person_id: &person,
                        organisation_id: &org,
                        state: ApplicationState::Submitted,
                        answers: &["x".into()],
                        confirmed_statements: true,
                        preferences: std::slice::from_ref(&c.id),
                        nominated_by: None,
                    },
                )
                .await
                .unwrap();
                applications::approve(&mut tx, &id, false).await.unwrap();
                let token = new_token();
                api_tokens::insert(
                    &mut tx,
                    &person,
                    &TokenName::parse("drill").unwrap(),
                    &hash_token(&token),
                    now_ms() + 3_600_000,
                )
                .await
                .unwrap();
                applicants.push((id, token));
            }
        }
        revans_storage::commit(tx).await.unwrap();
    }
    // The lead allocates (OFFERED offers per cohort, the rest on waiting lists), then cuts
    // capacity below the open offers: more offers than places, as the drill needs.
    let mut lead_client = Client::new(revans_web::router(first.clone()));
    let path = format!("/api/v1/programmes/{programme}/allocate");
    let r = lead_client
        .json_with_token("POST", &path, None, &lead)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    for (c, b) in cohort_list.iter().zip(&base) {
        let body = format!("{{\"capacity\": {}}}", b + CUT_TO);
        let r = lead_client
            .json_with_token(
                "PUT",
                &format!("/api/v1/cohorts/{}/capacity", c.id),
                Some(&body),
                &lead,
            )
            .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    }
    // The storm: each operation drawn from a seeded generator.
    let mut rng = Rng(seed | 1);
    let mut ops = Vec::with_capacity(operations);
    for _ in 0..operations {
        let who = rng.below(applicants.len());
        ops.push(match rng.below(100) {
            0..50 => Op::Respond(who, "accept"),
            50..58 => Op::Respond(who, "decline"),
            58..62 => Op::Respond(who, "withdraw"),
            62..92 => Op::Read(who),
            92..98 => {
                let c = rng.below(cohort_list.len());
                // Capacity moves between a quarter and a half of the first offers.
                let extra =
                    OFFERED / 4 + rng.below(usize::try_from(OFFERED / 4).unwrap() + 1) as i64;
                Op::Capacity(c, base[c] + extra)
            }
            _ => Op::Allocate,
        });
    }
    let applicants = Arc::new(applicants);
    let cohort_ids: Arc<Vec<Id>> = Arc::new(cohort_list.iter().map(|c| c.id.clone()).collect());
    let programme = Arc::new(programme);
    let lead = Arc::new(lead);
    let mut chunks: Vec<Vec<Op>> = vec![Vec::new(); WORKERS];
    for (i, op) in ops.into_iter().enumerate() {
        chunks[i % WORKERS].push(op);
    }
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for (w, chunk) in chunks.into_iter().enumerate() {
        let state = if w % 2 == 0 {
            first.clone()
        } else {
            second.clone()
        };
        let (applicants, cohort_ids, programme, lead) = (
            applicants.clone(),
            cohort_ids.clone(),
            programme.clone(),
            lead.clone(),
        );
        tasks.spawn(async move {
            let mut client = Client::new(revans_web::router(state));
            let mut seen = Vec::new();
            for op in chunk {
                let r = match op {
                    Op::Respond(who, response) => {
                        let (id, token) = &applicants[who];
                        let body = format!("{{\"response\": \"{response}\"}}");
                        client
                            .json_with_token(
                                "POST",
                                &format!("/api/v1/applications/{id}/respond"),
                                Some(&body),
                                token,
                            )
                            .await
                    }
                    Op::Read(who) => {
                        let (_, token) = &applicants[who];
                        client
                            .json_with_token("GET", "/api/v1/applications", None, token)
                            .await
                    }
                    Op::Capacity(c, n) => {
                        let body = format!("{{\"capacity\": {n}}}");
                        client
                            .json_with_token(
                                "PUT",
                                &format!("/api/v1/cohorts/{}/capacity", cohort_ids[c]),
                                Some(&body),
                                &lead,
                            )
                            .await
                    }
                    Op::Allocate => {
                        client
                            .json_with_token(
                                "POST",
                                &format!("/api/v1/programmes/{programme}/allocate"),
                                None,
                                &lead,
                            )
                            .await
                    }
                };
                assert!(
                    !r.status.is_server_error(),
                    "a server error in the drill: {} {}",
                    r.status,
                    r.body
                );
                seen.push(r.status.as_u16());
            }
            seen
        });
    }
    let mut outcome = Outcome {
        operations,
        ..Outcome::default()
    };
    while let Some(seen) = tasks.join_next().await {
        for s in seen.unwrap() {
            *outcome.statuses.entry(s).or_default() += 1;
        }
    }
    outcome.elapsed = started.elapsed();
    // The checks, on the database both instances wrote to.
    let mut conn = app.state.store.conn().await.unwrap();
    for c in cohort_ids.iter() {
        let cohort = cohorts::get(&mut conn, c).await.unwrap().unwrap();
        let accepted = applications::list_for_programme(
            &mut conn,
            &programme,
            Some(ApplicationState::Accepted),
        )
        .await
        .unwrap()
        .into_iter()
        .filter(|a| a.cohort_id.as_ref() == Some(c))
        .count() as i64;
        let (offers, waiting) = applications::cohort_counts(&mut conn, c).await.unwrap();
        outcome.accepted += accepted;
        outcome.waiting += waiting;
        outcome.oversold += (accepted - cohort.capacity).max(0);
        if cohort.confirmed != accepted {
            outcome.counter_mismatches += 1;
        }
        if cohort.capacity - cohort.confirmed - offers > 0 && waiting > 0 {
            outcome.undersold += 1;
        }
        let list = applications::waiting_in_cohort(&mut conn, c).await.unwrap();
        let ranks: Vec<i64> = list.iter().map(|a| a.waitlist_rank.unwrap_or(0)).collect();
        let expected: Vec<i64> = (1..=list.len() as i64).collect();
        let mut tickets: Vec<i64> = list
            .iter()
            .map(|a| a.waitlist_ticket.unwrap_or(0))
            .collect();
        tickets.sort_unstable();
        tickets.dedup();
        if ranks != expected || tickets.len() != list.len() {
            outcome.bad_waiting_lists += 1;
        }
    }
    outcome
}

/// The figures, for the record (shown with `--nocapture`).
#[allow(clippy::print_stderr)]
fn report(name: &str, o: &Outcome) {
    eprintln!(
        "{name}: {} operations in {:.1} s; statuses {:?}; accepted {}, waiting {}; oversold {}, undersold cohorts {}, bad waiting lists {}, counter mismatches {}",
        o.operations,
        o.elapsed.as_secs_f64(),
        o.statuses,
        o.accepted,
        o.waiting,
        o.oversold,
        o.undersold,
        o.bad_waiting_lists,
        o.counter_mismatches
    );
}

fn assert_sound(o: &Outcome) {
    assert_eq!(o.oversold, 0, "oversold: {o:?}");
    assert_eq!(o.undersold, 0, "undersold: {o:?}");
    assert_eq!(o.bad_waiting_lists, 0, "waiting lists: {o:?}");
    assert_eq!(o.counter_mismatches, 0, "place counters: {o:?}");
    // The storm did something: places were taken and refused.
    assert!(o.accepted > 0, "{o:?}");
    assert!(o.statuses.get(&409).copied().unwrap_or(0) > 0, "{o:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_thousand_concurrent_operations_through_two_instances_neither_oversell_nor_undersell() {
    let o = drill(1_000, false, 2026).await;
    report("drill", &o);
    assert_sound(&o);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_control_run_without_the_capacity_check_oversells() {
    let o = drill(1_000, true, 2026).await;
    report("control", &o);
    assert!(o.oversold > 0, "the control did not oversell: {o:?}");
}

/// The full drill: `cargo test -p revans-web --test it oversell::full -- --ignored --nocapture`.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "the full 10,000-operation drill; run on demand"]
async fn full_ten_thousand_operations_and_the_control() {
    let o = drill(10_000, false, 12).await;
    report("drill", &o);
    assert_sound(&o);
    let c = drill(10_000, true, 12).await;
    report("control", &c);
    assert!(c.oversold > 0, "the control did not oversell: {c:?}");
}
