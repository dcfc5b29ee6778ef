//! A programme's evaluation targets (issue 14), on SQLite and PostgreSQL alike: added, listed
//! in date order, changed without losing a measurement, measured, deleted, and gone with
//! their programme's tenant kept apart.
#![allow(clippy::unwrap_used)]

mod common;

use common::{fields, world};
use jiff::civil::date;
use revans_storage::evaluation_targets::{self as targets, Measurement, SCALE, TargetFields};
use revans_storage::programmes;
use revans_storage::testing::TestDatabase;

fn target(measure: &str, baseline: i64, value: i64, by: jiff::civil::Date) -> TargetFields {
    TargetFields {
        measure: measure.into(),
        unit: Some("%".into()),
        baseline,
        target_value: value,
        target_date: by,
    }
}

#[tokio::test]
async fn targets_are_added_listed_changed_measured_and_deleted() {
    let (_db, store) = TestDatabase::store().await;
    let w = world(store).await;
    let mut conn = w.store.conn().await.unwrap();
    // Fractions are exact: 12.3456 % kept as 123456 ten-thousandths; negatives too.
    let late = target("Staff turnover", 123_456, 100_000, date(2028, 3, 31));
    let soon = TargetFields {
        unit: None,
        ..target("Net change in vacancies", -5 * SCALE, 0, date(2027, 9, 1))
    };
    let a = targets::insert(&mut conn, &w.ics, &w.programme, &late)
        .await
        .unwrap();
    let b = targets::insert(&mut conn, &w.ics, &w.programme, &soon)
        .await
        .unwrap();
    // Another programme's target is not in this programme's list.
    let other = programmes::insert(&mut conn, &w.trust, &fields("Elsewhere"))
        .await
        .unwrap();
    targets::insert(&mut conn, &w.trust, &other, &soon)
        .await
        .unwrap();

    let list = targets::list_for_programme(&mut conn, &w.programme)
        .await
        .unwrap();
    assert_eq!(
        list.iter().map(|t| &t.id).collect::<Vec<_>>(),
        vec![&b, &a],
        "soonest target date first"
    );
    assert_eq!(list[1].fields, late);
    assert_eq!(list[0].fields, soon);
    assert_eq!(list[1].organisation_id, w.ics);
    assert!(list.iter().all(|t| t.measurement.is_none()));

    // A measurement, then a change to the target: the measurement stays.
    let m = Measurement {
        value: 95_500,
        measured_on: date(2028, 4, 2),
        note: Some("From the workforce return".into()),
    };
    assert!(
        targets::record_measurement(&mut conn, &a, &m)
            .await
            .unwrap()
    );
    let changed = target(
        "Staff turnover (12 months)",
        123_456,
        90_000,
        date(2028, 6, 30),
    );
    assert!(targets::update(&mut conn, &a, &changed).await.unwrap());
    let got = targets::get(&mut conn, &a).await.unwrap().unwrap();
    assert_eq!(got.fields, changed);
    assert_eq!(got.measurement, Some(m));
    assert!(got.updated_at >= got.created_at);

    // A measurement without a note, replacing the first.
    let again = Measurement {
        value: -1,
        measured_on: date(2028, 5, 1),
        note: None,
    };
    assert!(
        targets::record_measurement(&mut conn, &a, &again)
            .await
            .unwrap()
    );
    assert_eq!(
        targets::get(&mut conn, &a)
            .await
            .unwrap()
            .unwrap()
            .measurement,
        Some(again)
    );

    // Deleted once; then it is absent (None), not an error.
    assert!(targets::delete(&mut conn, &a).await.unwrap());
    assert!(!targets::delete(&mut conn, &a).await.unwrap());
    assert!(targets::get(&mut conn, &a).await.unwrap().is_none());
    let missing = revans_storage::new_id();
    assert!(!targets::update(&mut conn, &missing, &soon).await.unwrap());
    assert_eq!(
        targets::list_for_programme(&mut conn, &w.programme)
            .await
            .unwrap()
            .len(),
        1
    );
}
