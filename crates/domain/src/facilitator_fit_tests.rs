use proptest::prelude::*;

use super::*;

fn candidate(
    i: usize,
    org: usize,
    years: i64,
    cap: i64,
    outside: bool,
    away: bool,
) -> PoolCandidate {
    PoolCandidate {
        person_id: format!("p{i}"),
        name: format!("Person {}", i % 4),
        home_organisation_id: format!("o{org}"),
        outside_own_org: outside,
        capacity_left: cap,
        timezone: if i.is_multiple_of(2) {
            "Europe/London"
        } else {
            "Europe/Berlin"
        }
        .to_owned(),
        availability: vec![WeeklyWindow {
            weekday: 2,
            from_minute: 9 * 60,
            to_minute: 17 * 60,
        }],
        languages: if i.is_multiple_of(3) {
            vec!["de".into()]
        } else {
            vec!["en".into()]
        },
        years,
        qualifications: i % 3,
        away,
    }
}

fn pool_strategy() -> impl Strategy<Value = Vec<PoolCandidate>> {
    prop::collection::vec(
        (
            0usize..3,
            0i64..8,
            -1i64..4,
            any::<bool>(),
            prop::bool::weighted(0.2),
        ),
        0..12,
    )
    .prop_map(|rows| {
        rows.into_iter()
            .enumerate()
            .map(|(i, (org, years, cap, outside, away))| {
                candidate(i, org, years, cap, outside, away)
            })
            .collect()
    })
}

fn need_strategy() -> impl Strategy<Value = Need> {
    (
        prop::collection::vec(0usize..14, 0..4),
        prop::collection::vec((0usize..14, 0usize..14), 0..8),
        any::<bool>(),
    )
        .prop_map(|(members, lines, not_from)| Need {
            member_organisations: members.iter().map(|m| format!("o{}", m % 3)).collect(),
            members: members.iter().map(|m| format!("p{m}")).collect(),
            reporting_lines: lines
                .into_iter()
                .filter(|(a, b)| a != b)
                .map(|(a, b)| (format!("p{a}"), format!("p{b}")))
                .collect(),
            // Tuesday 2 June 2026, 10:00-12:00 UTC.
            meetings: vec![(1_780_394_400_000, 1_780_401_600_000)],
            language: Some("en".into()),
            not_from_member_orgs: not_from,
            current: vec!["p5".into()],
        })
}

proptest! {
    #[test]
    fn never_proposes_an_excluded_person(pool in pool_strategy(), need in need_strategy()) {
        let r = rank(&pool, &need);
        prop_assert_eq!(r.fits.len() + r.excluded.len(), pool.len());
        for f in &r.fits {
            let c = &f.candidate;
            prop_assert!(exclusion(c, &need).is_none());
            prop_assert!(c.capacity_left >= 1 && !c.away);
            prop_assert!(!need.members.contains(&c.person_id));
            prop_assert!(!need.current.contains(&c.person_id));
            for m in &need.members {
                prop_assert!(!in_reporting_line(&need.reporting_lines, m, &c.person_id));
            }
            if need.not_from_member_orgs {
                prop_assert!(!need.member_organisations.contains(&c.home_organisation_id));
            }
        }
    }

    #[test]
    fn ranking_is_deterministic_whatever_the_order(pool in pool_strategy(), need in need_strategy(), seed in any::<u64>()) {
        let first = rank(&pool, &need);
        let mut shuffled = pool.clone();
        // A cheap permutation driven by the seed.
        let n = shuffled.len();
        for i in 0..n {
            let j = (seed as usize).wrapping_mul(i + 7) % n;
            shuffled.swap(i, j);
        }
        prop_assert_eq!(&rank(&shuffled, &need), &first);
        // Ordered best first.
        for w in first.fits.windows(2) {
            prop_assert!(better(&w[0], &w[1]) != std::cmp::Ordering::Greater);
        }
    }

    #[test]
    fn a_pair_always_has_one_experienced(pool in pool_strategy(), need in need_strategy()) {
        let r = rank(&pool, &need);
        for (a, b) in pairs(&r, 50) {
            prop_assert!(a.candidate.experienced() || b.candidate.experienced());
            prop_assert!(a.candidate.person_id != b.candidate.person_id);
            prop_assert!(exclusion(&a.candidate, &need).is_none());
            prop_assert!(exclusion(&b.candidate, &need).is_none());
        }
    }
}

#[test]
fn availability_is_read_in_the_facilitators_zone() {
    // Tuesday 2 June 2026 10:00-12:00 UTC is 11:00-13:00 in London, 12:00-14:00 in Berlin.
    let need = Need {
        meetings: vec![(1_780_394_400_000, 1_780_401_600_000)],
        ..Need::default()
    };
    let mut london = candidate(0, 0, 5, 1, true, false);
    london.availability = vec![WeeklyWindow {
        weekday: 2,
        from_minute: 11 * 60,
        to_minute: 13 * 60,
    }];
    let mut berlin = candidate(1, 0, 5, 1, true, false);
    berlin.availability = london.availability.clone();
    let r = rank(&[berlin, london], &need);
    assert_eq!(r.fits[0].candidate.person_id, "p0");
    assert_eq!(r.fits[0].meetings_available, 1);
    assert_eq!(r.fits[1].meetings_available, 0);
}

#[test]
fn newly_qualified_pair_with_experienced() {
    let need = Need::default();
    let pool = vec![
        candidate(1, 0, 5, 1, true, false),
        candidate(2, 0, 0, 1, true, false),
        candidate(4, 0, 1, 1, true, false),
    ];
    let p = pairs(&rank(&pool, &need), 10);
    assert_eq!(p.len(), 2);
    assert!(
        p.iter()
            .all(|(a, b)| a.candidate.experienced() && !b.candidate.experienced())
    );
}

#[test]
fn a_reporting_line_excludes_up_and_down() {
    let need = Need {
        members: vec!["m".into()],
        reporting_lines: vec![("m".into(), "p1".into()), ("p2".into(), "m".into())],
        ..Need::default()
    };
    let pool = vec![
        candidate(1, 0, 5, 1, true, false),
        candidate(2, 0, 5, 1, true, false),
    ];
    let r = rank(&pool, &need);
    assert!(r.fits.is_empty());
    assert!(
        r.excluded
            .iter()
            .all(|(_, why)| *why == Exclusion::InReportingLine)
    );
}
