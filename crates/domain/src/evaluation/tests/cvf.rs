use std::collections::BTreeMap;

use proptest::prelude::*;

use super::super::{
    AnswerValue, Answers, CvfError, CvfResponse, Format, Instrument, cvf_by_group, cvf_profile,
};

const CULTURE: &str = include_str!("../../../../../instruments/culture-profile-v1.toml");

fn same(row: [f64; 4]) -> [[f64; 4]; 6] {
    [row; 6]
}

#[test]
fn a_dimension_that_does_not_add_up_is_named() {
    let mut now = same([25.0; 4]);
    now[2] = [30.0, 30.0, 30.0, 0.0];
    assert_eq!(
        CvfResponse::new(now, same([25.0; 4])),
        Err(CvfError {
            dimension: 3,
            which: "now",
            sum: 90.0
        })
    );
    let mut pref = same([25.0; 4]);
    pref[5] = [50.0, 50.0, 50.0, 0.0];
    let err = CvfResponse::new(same([25.0; 4]), pref).unwrap_err();
    assert_eq!((err.dimension, err.which), (6, "preferred"));
    assert_eq!(
        err.to_string(),
        "dimension 6 (preferred) adds up to 150, not 100"
    );
    // Decimal points that add up are accepted.
    CvfResponse::new(same([33.33, 33.33, 33.34, 0.0]), same([25.0; 4])).unwrap();
}

#[test]
fn a_profile_is_the_mean_over_dimensions_and_respondents() {
    // Respondent 1, now: dimension 1 is (40, 30, 20, 10), the other five (10, 20, 30, 40).
    // Clan now = (40 + 5 * 10) / 6 = 15; adhocracy (30 + 100) / 6 = 21.667;
    // market (20 + 150) / 6 = 28.333; hierarchy (10 + 200) / 6 = 35.
    let mut now1 = same([10.0, 20.0, 30.0, 40.0]);
    now1[0] = [40.0, 30.0, 20.0, 10.0];
    let r1 = CvfResponse::new(now1, same([50.0, 20.0, 10.0, 20.0])).unwrap();
    // Respondent 2: now (25, 25, 25, 25) everywhere; preferred (30, 30, 20, 20).
    let r2 = CvfResponse::new(same([25.0; 4]), same([30.0, 30.0, 20.0, 20.0])).unwrap();
    let p = cvf_profile(&[r1, r2]).unwrap();
    assert_eq!(p.n, 2);
    // Clan now: (15 + 25) / 2 = 20; hierarchy now: (35 + 25) / 2 = 30.
    assert!((p.now.clan - 20.0).abs() < 1e-9);
    assert!((p.now.adhocracy - (130.0 / 6.0 + 25.0) / 2.0).abs() < 1e-9);
    assert!((p.now.hierarchy - 30.0).abs() < 1e-9);
    // Clan preferred: (50 + 30) / 2 = 40; change 40 - 20 = 20.
    assert!((p.preferred.clan - 40.0).abs() < 1e-9);
    assert!((p.change.clan - 20.0).abs() < 1e-9);
    // Market preferred: (10 + 20) / 2 = 15; now (170 / 6 + 25) / 2 = 26.667; change -11.667.
    assert!((p.change.market - (15.0 - (170.0 / 6.0 + 25.0) / 2.0)).abs() < 1e-9);
    assert_eq!(cvf_profile(&[]), None);
}

fn row(group: &[(&str, &str)], clan_now: f64) -> (BTreeMap<String, String>, CvfResponse) {
    let attrs = group
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    let now = same([clan_now, 100.0 - clan_now, 0.0, 0.0]);
    (attrs, CvfResponse::new(now, same([25.0; 4])).unwrap())
}

#[test]
fn groups_come_after_the_whole_sample_in_sorted_order_and_small_ones_are_suppressed() {
    let mut rows = Vec::new();
    for _ in 0..3 {
        rows.push(row(&[("level", "managers")], 40.0));
    }
    for _ in 0..2 {
        rows.push(row(&[("level", "board")], 10.0));
    }
    let grouped = cvf_by_group(&rows, &["level".to_owned()], 3);
    assert_eq!(grouped.len(), 3);
    assert!(grouped[0].group.is_empty());
    // Whole sample: clan now (3 * 40 + 2 * 10) / 5 = 28.
    let whole = grouped[0].profile.as_ref().unwrap();
    assert_eq!(whole.n, 5);
    assert!((whole.now.clan - 28.0).abs() < 1e-9);
    assert_eq!(grouped[1].group["level"], "board");
    assert_eq!(grouped[1].profile, None, "2 board members are under 3");
    assert_eq!(grouped[2].group["level"], "managers");
    assert!((grouped[2].profile.as_ref().unwrap().now.clan - 40.0).abs() < 1e-9);
    // Below the minimum even the whole sample is hidden.
    assert_eq!(cvf_by_group(&rows, &[], 6)[0].profile, None);
    assert_eq!(cvf_by_group(&rows, &[], 6).len(), 1);
}

#[test]
fn answers_to_the_shipped_instrument_make_a_response() {
    let i = Instrument::parse(CULTURE, Format::Toml).unwrap();
    let mut a = Answers::default();
    for d in 1..=6 {
        for (which, pts) in [("now", [40, 30, 20, 10]), ("pref", [25, 25, 25, 25])] {
            let map = ["a", "b", "c", "d"]
                .iter()
                .map(|k| k.to_string())
                .zip(pts)
                .collect();
            a.0.insert(format!("d{d}_{which}"), AnswerValue::Numbers(map));
        }
    }
    i.check_answers(&a, true).unwrap();
    let r = CvfResponse::from_answers(&i, &a).unwrap();
    assert_eq!(r.now[5], [40.0, 30.0, 20.0, 10.0]);
    assert_eq!(r.preferred[0], [25.0; 4]);
    a.0.remove("d4_pref");
    assert_eq!(CvfResponse::from_answers(&i, &a), None);
    let not_cvf = super::every_type();
    assert_eq!(CvfResponse::from_answers(&not_cvf, &a), None);
}

/// Six dimensions of four non-negative whole points adding up to 100.
fn dimensions() -> impl Strategy<Value = [[f64; 4]; 6]> {
    prop::array::uniform6((0u32..=100, 0u32..=100, 0u32..=100).prop_map(|(a, b, c)| {
        let mut cuts = [a, b, c];
        cuts.sort_unstable();
        [cuts[0], cuts[1] - cuts[0], cuts[2] - cuts[1], 100 - cuts[2]].map(f64::from)
    }))
}

proptest! {
    #[test]
    fn scores_add_up_to_100_per_profile(
        responses in prop::collection::vec((dimensions(), dimensions()), 1..20)
    ) {
        let responses: Vec<CvfResponse> =
            responses.into_iter().map(|(n, p)| CvfResponse::new(n, p).unwrap()).collect();
        let p = cvf_profile(&responses).unwrap();
        prop_assert!((p.now.to_array().iter().sum::<f64>() - 100.0).abs() < 1e-9);
        prop_assert!((p.preferred.to_array().iter().sum::<f64>() - 100.0).abs() < 1e-9);
        prop_assert!(p.change.to_array().iter().sum::<f64>().abs() < 1e-9);
    }

    #[test]
    fn identical_responses_profile_to_their_own_means(now in dimensions(), pref in dimensions(), n in 1usize..10) {
        let r = CvfResponse::new(now, pref).unwrap();
        let p = cvf_profile(&vec![r; n]).unwrap();
        for c in 0..4 {
            let mean = now.iter().map(|d| d[c]).sum::<f64>() / 6.0;
            prop_assert!((p.now.to_array()[c] - mean).abs() < 1e-9);
        }
    }

    #[test]
    fn no_group_under_the_minimum_is_shown(
        levels in prop::collection::vec(0usize..4, 0..30),
        min_group in 1usize..8,
    ) {
        let names = ["board", "managers", "staff", "clinical"];
        let rows: Vec<_> = levels.iter().map(|l| row(&[("level", names[*l])], 50.0)).collect();
        for g in cvf_by_group(&rows, &["level".to_owned()], min_group) {
            let members = rows.iter().filter(|(a, _)| g.group.iter().all(|(k, v)| &a[k] == v)).count();
            match g.profile {
                Some(p) => { prop_assert!(p.n >= min_group); prop_assert_eq!(p.n, members); }
                None => prop_assert!(members < min_group),
            }
        }
    }
}
