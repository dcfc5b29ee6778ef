//! Capacity is never exceeded when hundreds of people accept at once, through two app
//! instances sharing one database (as behind a load balancer), on SQLite and PostgreSQL.

use axum::http::StatusCode;
use revans_app::security::{hash_token, new_token};
use revans_domain::{ApplicationState, Capacity, EmailAddress, Id, PersonName};
use revans_storage::applications::{self, NewApplication};
use revans_storage::{cohorts, now_ms, people, sessions};
use revans_web::auth::SESSION_COOKIE;

use crate::helpers::*;

const PEOPLE: usize = 200;
const CAPACITY: i64 = 3;

#[tokio::test(flavor = "multi_thread", worker_threads = 8)]
async fn hundreds_of_concurrent_accepts_through_two_instances_fill_exactly_capacity() {
    let app = TestApp::spawn().await;
    let second = app.second_instance().await;
    let (programme, cohort) = app.demo_programme().await;
    let (programme, cohort) = (Id::parse(&programme).unwrap(), Id::parse(&cohort).unwrap());
    let trust = {
        let mut conn = app.state.store.conn().await.unwrap();
        let pat = Id::parse(&app.person_id(PARTICIPANT).await).unwrap();
        people::get(&mut conn, &pat)
            .await
            .unwrap()
            .unwrap()
            .organisation_id
    };
    // Hundreds of open offers at a cohort with three places (as after a capacity cut).
    let mut clients = Vec::new();
    {
        let mut tx = app.state.store.begin().await.unwrap();
        assert!(
            cohorts::set_capacity(&mut tx, &cohort, Capacity::new(CAPACITY).unwrap())
                .await
                .unwrap()
        );
        for n in 0..PEOPLE {
            let person = people::insert(
                &mut tx,
                &trust,
                &EmailAddress::parse(&format!("rush{n}@harbour-trust.example")).unwrap(),
                &PersonName::parse(&format!("Rush {n}")).unwrap(),
            )
            .await
            .unwrap();
            let id = applications::insert(
                &mut tx,
                &NewApplication {
                    programme_id: &programme,
                    person_id: &person,
                    organisation_id: &trust,
                    state: ApplicationState::Submitted,
                    answers: &["x".into()],
                    confirmed_statements: true,
                    preferences: std::slice::from_ref(&cohort),
                    nominated_by: None,
                },
            )
            .await
            .unwrap();
            applications::approve(&mut tx, &id, false).await.unwrap();
            applications::offer(
                &mut tx,
                &id,
                ApplicationState::Approved,
                &cohort,
                now_ms() + 86_400_000,
            )
            .await
            .unwrap();
            let (token, csrf) = (new_token(), new_token());
            sessions::insert(
                &mut tx,
                &hash_token(&token),
                &person,
                &csrf,
                now_ms() + 3_600_000,
            )
            .await
            .unwrap();
            // Alternate between the two instances.
            let state = if n % 2 == 0 {
                app.state.clone()
            } else {
                second.clone()
            };
            let mut client = Client::new(revans_web::router(state));
            client.cookies.insert(SESSION_COOKIE.to_owned(), token);
            client.csrf = Some(csrf);
            clients.push((client, id));
        }
        revans_storage::commit(tx).await.unwrap();
    }
    let mut tasks = tokio::task::JoinSet::new();
    for (mut client, id) in clients {
        tasks.spawn(async move {
            client
                .post_form(
                    &format!("/applications/{id}/respond"),
                    &[("response", "accept")],
                )
                .await
                .status
        });
    }
    let (mut accepted, mut full) = (0, 0);
    while let Some(status) = tasks.join_next().await {
        match status.unwrap() {
            StatusCode::SEE_OTHER => accepted += 1,
            StatusCode::CONFLICT => full += 1,
            other => panic!("unexpected status {other}"),
        }
    }
    assert_eq!(accepted, CAPACITY);
    assert_eq!(full, PEOPLE as i64 - CAPACITY);
    let mut conn = app.state.store.conn().await.unwrap();
    let c = cohorts::get(&mut conn, &cohort).await.unwrap().unwrap();
    assert_eq!((c.confirmed, c.capacity), (CAPACITY, CAPACITY));
    let in_db =
        applications::list_for_programme(&mut conn, &programme, Some(ApplicationState::Accepted))
            .await
            .unwrap()
            .len();
    assert_eq!(in_db as i64, CAPACITY);
    // Lowering capacity below the confirmed places is refused.
    assert!(
        !cohorts::set_capacity(&mut conn, &cohort, Capacity::new(CAPACITY - 1).unwrap())
            .await
            .unwrap()
    );
}
