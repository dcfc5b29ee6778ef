#![allow(clippy::unwrap_used)]

use super::*;
use proptest::prelude::*;

fn row(row: usize, email: &str, manager: &str) -> ReportingRow {
    ReportingRow {
        row,
        email: email.to_owned(),
        manager_email: (!manager.is_empty()).then(|| manager.to_owned()),
    }
}

fn e(s: &str) -> EmailAddress {
    EmailAddress::parse(s).unwrap()
}

fn everyone(_: &EmailAddress) -> bool {
    true
}

fn messages(errors: &[RowError]) -> Vec<String> {
    errors
        .iter()
        .map(|x| format!("{} {}: {}", x.row, x.column, x.message))
        .collect()
}

#[test]
fn a_chain_of_three() {
    let rows = [
        row(2, "Ceo@x.org", ""),
        row(3, "dir@x.org", "ceo@x.org"),
        row(4, "mgr@x.org", " dir@x.org "),
        row(5, "peer@x.org", "dir@x.org"),
    ];
    let lines = ReportingLines::build(&rows, &everyone).unwrap();
    assert_eq!(lines.pairs()[0], (e("dir@x.org"), e("ceo@x.org")));
    assert_eq!(lines.pairs().len(), 3);
    assert!(lines.in_line(&e("ceo@x.org"), &e("mgr@x.org")));
    assert!(lines.in_line(&e("mgr@x.org"), &e("ceo@x.org")));
    assert!(!lines.in_line(&e("mgr@x.org"), &e("peer@x.org")));
    assert!(!lines.in_line(&e("mgr@x.org"), &e("mgr@x.org")));
    assert!(!lines.in_line(&e("mgr@x.org"), &e("stranger@x.org")));
}

#[test]
fn every_problem_at_once_with_rows_and_columns() {
    let known = |m: &EmailAddress| !m.as_str().starts_with("new");
    let rows = [
        row(2, "a@x.org", "boss@x.org"),
        row(3, "not an email", "a@x.org"),
        row(4, "A@x.org", ""),
        row(5, "new@x.org", "newboss@x.org"),
        row(6, "b@x.org", "b@x.org"),
        row(7, "c@x.org", "c@"),
    ];
    let errors = ReportingLines::build(&rows, &known).unwrap_err();
    assert_eq!(
        messages(&errors),
        [
            "3 email: \"not an email\": Enter an email address in the correct format, like name@example.org",
            "4 email: a@x.org is already on row 2",
            "5 email: No one with the email new@x.org is in Revans; add them first or check the spelling",
            "5 manager_email: The manager newboss@x.org is not in Revans or in this file",
            "6 manager_email: b@x.org cannot be their own manager",
            "7 manager_email: \"c@\": Enter an email address in the correct format, like name@example.org",
        ]
    );
}

#[test]
fn a_manager_new_to_revans_but_in_the_file_is_not_unknown_as_a_manager() {
    let known = |m: &EmailAddress| m.as_str() != "boss@x.org";
    let rows = [row(2, "a@x.org", "boss@x.org"), row(3, "boss@x.org", "")];
    let errors = ReportingLines::build(&rows, &known).unwrap_err();
    // Only the row of the unknown person is at fault, not the row naming them as manager.
    assert_eq!(errors.len(), 1);
    assert_eq!((errors[0].row, errors[0].column), (3, "email"));
}

#[test]
fn a_cycle_names_every_row_in_it() {
    let rows = [
        row(2, "top@x.org", ""),
        row(3, "a@x.org", "c@x.org"),
        row(4, "ok@x.org", "top@x.org"),
        row(5, "b@x.org", "a@x.org"),
        row(7, "c@x.org", "b@x.org"),
        row(8, "below@x.org", "b@x.org"),
        row(9, "p@x.org", "q@x.org"),
        row(10, "q@x.org", "p@x.org"),
    ];
    let errors = ReportingLines::build(&rows, &everyone).unwrap_err();
    assert_eq!(
        messages(&errors),
        [
            "3 manager_email: rows 3, 5 and 7 form a cycle: a@x.org manages b@x.org manages c@x.org manages a@x.org",
            "9 manager_email: rows 9 and 10 form a cycle: p@x.org manages q@x.org manages p@x.org",
        ]
    );
}

#[test]
fn stored_lines_with_cycles_and_two_managers() {
    let pairs: Vec<(String, String)> = [("a", "b"), ("b", "c"), ("c", "a"), ("d", "a"), ("d", "e")]
        .iter()
        .map(|(p, m)| ((*p).to_owned(), (*m).to_owned()))
        .collect();
    assert!(in_reporting_line(&pairs, "d", "c"));
    assert!(in_reporting_line(&pairs, "e", "d"));
    assert!(!in_reporting_line(&pairs, "e", "a"));
    assert!(!in_reporting_line(&pairs, "a", "a"));
    assert!(!in_reporting_line(&pairs, "x", "y"));
}

/// Whether `upper` is reachable from `lower` by following managers (brute force closure).
fn above(pairs: &[(usize, usize)], upper: usize, lower: usize, n: usize) -> bool {
    let mut reach = vec![vec![false; n]; n];
    for &(p, m) in pairs {
        reach[p][m] = true;
    }
    for k in 0..n {
        for i in 0..n {
            for j in 0..n {
                reach[i][j] = reach[i][j] || (reach[i][k] && reach[k][j]);
            }
        }
    }
    reach[lower][upper]
}

fn email(i: usize) -> String {
    format!("p{i}@x.org")
}

proptest! {
    #[test]
    fn a_file_whose_managers_come_earlier_is_accepted_and_matches_the_closure(
        managers in proptest::collection::vec(any::<proptest::sample::Index>(), 1..10),
        blanks in proptest::collection::vec(any::<bool>(), 10),
    ) {
        let n = managers.len();
        let pairs: Vec<(usize, usize)> = (1..n).filter(|&i| !blanks[i]).map(|i| (i, managers[i].index(i))).collect();
        let rows: Vec<ReportingRow> = (0..n).map(|i| {
            let m = pairs.iter().find(|(p, _)| *p == i).map(|(_, m)| email(*m)).unwrap_or_default();
            row(i + 2, &email(i), &m)
        }).collect();
        let lines = ReportingLines::build(&rows, &everyone).unwrap();
        prop_assert_eq!(lines.pairs().len(), pairs.len());
        for a in 0..n {
            for b in 0..n {
                let expected = a != b && (above(&pairs, a, b, n) || above(&pairs, b, a, n));
                prop_assert_eq!(lines.in_line(&e(&email(a)), &e(&email(b))), expected);
            }
        }
    }

    #[test]
    fn accepted_files_never_contain_a_cycle_and_cycles_are_reported(
        managers in proptest::collection::vec(proptest::option::of(0usize..8), 1..8),
    ) {
        let n = managers.len();
        let pairs: Vec<(usize, usize)> = managers.iter().enumerate()
            .filter_map(|(i, m)| m.filter(|&m| m < n && m != i).map(|m| (i, m))).collect();
        let rows: Vec<ReportingRow> = (0..n).map(|i| {
            let m = pairs.iter().find(|(p, _)| *p == i).map(|(_, m)| email(*m)).unwrap_or_default();
            row(i + 2, &email(i), &m)
        }).collect();
        let cyclic: Vec<usize> = (0..n).filter(|&i| above(&pairs, i, i, n)).collect();
        match ReportingLines::build(&rows, &everyone) {
            Ok(_) => prop_assert!(cyclic.is_empty()),
            Err(errors) => {
                prop_assert!(!cyclic.is_empty());
                // Every row on a cycle is named in exactly one error.
                for i in &cyclic {
                    let needle = format!("{}", i + 2);
                    let naming = errors.iter().filter(|x| {
                        let (rows, _) = x.message.split_once(" form").unwrap();
                        rows.trim_start_matches("rows ").replace(" and", ",").split(", ").any(|r| r == needle)
                    }).count();
                    prop_assert_eq!(naming, 1);
                }
            }
        }
    }

    #[test]
    fn stored_lines_are_symmetric_and_match_the_closure_even_with_cycles(
        pairs in proptest::collection::vec((0usize..6, 0usize..6), 0..12), a in 0usize..6, b in 0usize..6,
    ) {
        let stored: Vec<(String, String)> = pairs.iter().map(|(p, m)| (p.to_string(), m.to_string())).collect();
        let found = in_reporting_line(&stored, &a.to_string(), &b.to_string());
        prop_assert_eq!(found, in_reporting_line(&stored, &b.to_string(), &a.to_string()));
        prop_assert_eq!(found, a != b && (above(&pairs, a, b, 6) || above(&pairs, b, a, 6)));
    }
}

#[test]
fn a_file_that_closes_a_cycle_with_stored_lines_is_refused() {
    // Stored: a manages b, b manages c. The file says a reports to c: a cycle through Revans.
    let stored = vec![
        (e("b@x.example"), e("a@x.example")),
        (e("c@x.example"), e("b@x.example")),
    ];
    let lines = ReportingLines::build(&[row(2, "a@x.example", "c@x.example")], &everyone).unwrap();
    let errors = lines.check_with_stored(&stored).unwrap_err();
    assert_eq!(
        messages(&errors),
        vec![
            "2 manager_email: with the reporting lines already in Revans this makes a cycle: \
             a@x.example manages b@x.example manages c@x.example manages a@x.example"
        ]
    );
}

#[test]
fn a_file_row_replaces_the_stored_line_it_lists() {
    // Stored: a manages b. The file lists b with no manager and says b manages a: no cycle,
    // because b's stored line is replaced by the file's.
    let stored = vec![(e("b@x.example"), e("a@x.example"))];
    let lines = ReportingLines::build(
        &[
            row(2, "b@x.example", ""),
            row(3, "a@x.example", "b@x.example"),
        ],
        &everyone,
    )
    .unwrap();
    assert_eq!(lines.check_with_stored(&stored), Ok(()));
}

proptest! {
    /// All pairs at once agree with the pair-by-pair test, on random (person, manager) pairs
    /// with cycles, several managers and people outside the cohort.
    #[test]
    fn pairs_in_reporting_lines_agrees_with_the_pair_test(
        lines in proptest::collection::vec((0u8..12, 0u8..12), 0..30),
        people in proptest::collection::vec(0u8..12, 0..10),
    ) {
        let managers: Vec<(String, String)> = lines
            .iter()
            .map(|(p, m)| (format!("p{p}"), format!("p{m}")))
            .collect();
        let ids: Vec<String> = people.iter().map(|p| format!("p{p}")).collect();
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        let mut expected = Vec::new();
        for a in 0..refs.len() {
            for b in a + 1..refs.len() {
                if in_reporting_line(&managers, refs[a], refs[b]) {
                    expected.push((a, b));
                }
            }
        }
        prop_assert_eq!(pairs_in_reporting_lines(&managers, &refs), expected);
    }
}
