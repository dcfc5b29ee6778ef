//! Every impossible input gives one plain-English sentence.

use revans_engine::{Model, ModelError, NoProgress, Rule, SetBounds, form};

use crate::helpers::{cat, model, quick};

fn err(m: &Model) -> ModelError {
    form(m, &quick(1), &mut NoProgress).expect_err("must fail")
}

#[test]
fn too_few_directors_for_every_set() {
    let mut m = model(36, 6);
    let roles: Vec<&str> = (0..36)
        .map(|i| if i < 5 { "Director" } else { "Manager" })
        .collect();
    m.attributes.push(cat("role", &roles));
    m.rules.push(Rule::MinPer {
        attr: 0,
        value: "Director".into(),
        k: 1,
    });
    let e = err(&m);
    assert_eq!(
        e.to_string(),
        "6 sets need a Director each, but there are only 5 Directors (column 'role')."
    );
}

#[test]
fn too_many_from_one_organisation() {
    let mut m = model(12, 3);
    let orgs: Vec<&str> = (0..12)
        .map(|i| if i < 7 { "NHS A" } else { "NHS B" })
        .collect();
    m.attributes.push(cat("organisation", &orgs));
    m.rules.push(Rule::MaxPer { attr: 0, k: 2 });
    let e = err(&m);
    assert!(
        e.to_string().contains("7 people with organisation 'NHS A'"),
        "{e}"
    );
}

#[test]
fn management_cycle_is_named() {
    let mut m = model(6, 2);
    m.managers = vec![Some(1), Some(2), Some(0), None, None, None];
    let e = err(&m);
    assert!(matches!(e, ModelError::ManagerCycle { .. }), "{e}");
    assert!(
        e.to_string()
            .contains("p0 reports to p1 reports to p2 reports to p0"),
        "{e}"
    );
}

#[test]
fn unit_larger_than_any_set() {
    let mut m = model(8, 2);
    m.units = vec![vec![0, 1, 2, 3, 4]];
    assert!(matches!(
        err(&m),
        ModelError::UnitTooLarge {
            size: 5,
            largest: 4,
            ..
        }
    ));
}

#[test]
fn sizes_that_cannot_hold_everyone() {
    let mut m = model(10, 2);
    m.sets = vec![SetBounds { min: 2, max: 3 }; 2];
    assert!(
        err(&m)
            .to_string()
            .contains("between 4 and 6 people in total, but there are 10")
    );
    assert!(Model::sets_by_size(9, 5, 8).is_err());
    assert!(matches!(
        Model::sets_by_count(8, 20),
        Err(ModelError::MoreSetsThanPeople { .. })
    ));
}

#[test]
fn duplicate_ids_and_reporting_line_inside_unit() {
    let mut m = model(4, 2);
    m.ids[3] = "p0".into();
    assert!(matches!(err(&m), ModelError::DuplicateId { .. }));
    let mut m = model(6, 2);
    m.units = vec![vec![0, 1]];
    m.managers = vec![None, Some(0), None, None, None, None];
    assert!(matches!(err(&m), ModelError::NeverInsideUnit { .. }));
}

#[test]
fn numeric_column_in_a_count_rule() {
    let mut m = model(6, 2);
    m.attributes.push(crate::helpers::num("tz", &[0.0; 6]));
    m.rules.push(Rule::MaxPer { attr: 0, k: 1 });
    assert!(matches!(err(&m), ModelError::BadAttribute { .. }));
}
