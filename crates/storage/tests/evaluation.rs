//! Questionnaire storage (issue 14) on SQLite and PostgreSQL alike: one instrument version per
//! key, one invitation per address and wave, an answer stored once however often it is sent,
//! a wave claimed by one sweep only, and responses read per programme without 360 rounds.
#![allow(clippy::unwrap_used)]

mod common;

use common::world;
use revans_storage::evaluation::{self as store, Invitee, NewInstrument, NewResponse, NewWave};
use revans_storage::testing::TestDatabase;
use revans_storage::{StoreError, people};

#[tokio::test]
async fn invitations_answers_and_sweeps_each_happen_once() {
    let (_db, store) = TestDatabase::store().await;
    let w = world(store).await;
    let mut conn = w.store.conn().await.unwrap();
    let lead = people::insert(
        &mut conn,
        &w.ics,
        &revans_domain::EmailAddress::parse("lead@ics.example").unwrap(),
        &revans_domain::PersonName::parse("Lead").unwrap(),
    )
    .await
    .unwrap();
    let new = |version| NewInstrument {
        organisation_id: &w.ics,
        key: "k",
        version,
        title: "K",
        format: "toml",
        source: "key = \"k\"",
        created_by: &lead,
    };
    let instrument = store::insert_instrument(&mut conn, new(1)).await.unwrap();
    let again = store::insert_instrument(&mut conn, new(1)).await;
    assert!(
        matches!(again, Err(StoreError::Duplicate { .. })),
        "{again:?}"
    );
    store::insert_instrument(&mut conn, new(2)).await.unwrap();
    assert_eq!(
        store::instruments_of(&mut conn, &w.ics)
            .await
            .unwrap()
            .len(),
        2
    );

    let wave = store::insert_wave(
        &mut conn,
        NewWave {
            programme_id: &w.programme,
            cohort_id: None,
            instrument_id: &instrument,
            name: "Before",
            timing: "on_dates",
            months_after: None,
            opens_at: 1_000,
            closes_at: 10_000,
            anonymity: "pseudonymous",
            auto_send: true,
        },
    )
    .await
    .unwrap();
    let who = Invitee {
        person_id: None,
        email: "a@example.org",
        organisation_id: None,
    };
    assert!(
        store::invite(&mut conn, &wave, "comparison", &who, "hash-1")
            .await
            .unwrap()
    );
    assert!(
        !store::invite(&mut conn, &wave, "comparison", &who, "hash-2")
            .await
            .unwrap(),
        "once per address"
    );
    let invitation = store::invitation_by_token(&mut conn, "hash-1")
        .await
        .unwrap()
        .unwrap();
    assert!(
        store::invitation_by_token(&mut conn, "hash-2")
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        store::save_draft(&mut conn, &invitation.id, "{\"q\":1}")
            .await
            .unwrap()
    );
    assert!(
        store::mark_responded(&mut conn, &invitation.id)
            .await
            .unwrap()
    );
    assert!(
        !store::mark_responded(&mut conn, &invitation.id)
            .await
            .unwrap(),
        "answered once"
    );
    assert!(
        !store::save_draft(&mut conn, &invitation.id, "{}")
            .await
            .unwrap(),
        "no draft after"
    );
    let answered = store::invitation_by_token(&mut conn, "hash-1")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(answered.draft, None, "the draft is forgotten once sent");
    store::insert_response(
        &mut conn,
        NewResponse {
            wave_id: wave.as_str(),
            invitation_id: None,
            pseudonym: Some("code"),
            respondent_group: "comparison",
            organisation_id: None,
            answers: "{\"q\":1}",
            free_text_consent: true,
            submitted_on: 0,
        },
    )
    .await
    .unwrap();
    let rows = store::responses_of(&mut conn, &w.programme).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].free_text_consent, 1);
    assert_eq!(rows[0].pseudonym.as_deref(), Some("code"));
    let rates = store::rates_of(&mut conn, &w.programme).await.unwrap();
    assert_eq!((rates[0].invited, rates[0].responded), (1, 1));

    // Without a cohort a wave is never swept; the claim itself holds once.
    assert!(
        store::waves_to_send(&mut conn, 5_000)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        store::claim(&mut conn, wave.as_str(), false, 5_000)
            .await
            .unwrap()
    );
    assert!(
        !store::claim(&mut conn, wave.as_str(), false, 5_001)
            .await
            .unwrap()
    );
    assert_eq!(
        store::waves_to_remind(&mut conn, 8_000, 3_000)
            .await
            .unwrap(),
        vec![wave.to_string()]
    );
    assert!(
        store::claim(&mut conn, wave.as_str(), true, 8_000)
            .await
            .unwrap()
    );
    assert!(
        store::waves_to_remind(&mut conn, 8_000, 3_000)
            .await
            .unwrap()
            .is_empty()
    );
}
