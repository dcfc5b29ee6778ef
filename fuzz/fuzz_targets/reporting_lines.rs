//! `ReportingLines::build`: the rows of an `email,manager_email` file, typed freely or built
//! from a few people so that chains and cycles are common. Accepted lines have no cycle, agree
//! with the stored-pairs test `in_reporting_line`, and put every person and manager in each
//! other's line; refused files name rows of the file, in order.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use revans_domain::{EmailAddress, ReportingLines, ReportingRow, in_reporting_line};

#[derive(Debug, Arbitrary)]
enum Input<'a> {
    /// `email,manager` lines.
    Typed(&'a str),
    /// (person, manager) among eight people, `p0@x.example` ... `p7@x.example`.
    Built(Vec<(u8, Option<u8>)>),
}

fn person(i: u8) -> String {
    format!("P{}@X.example", i % 8)
}

fuzz_target!(|input: Input<'_>| {
    let rows: Vec<ReportingRow> = match input {
        Input::Typed(text) => text
            .lines()
            .enumerate()
            .map(|(i, line)| {
                let (email, manager) = line.split_once(',').unwrap_or((line, ""));
                ReportingRow {
                    row: i + 2,
                    email: email.to_owned(),
                    manager_email: (!manager.is_empty()).then(|| manager.to_owned()),
                }
            })
            .collect(),
        Input::Built(pairs) => pairs
            .iter()
            .enumerate()
            .map(|(i, (p, m))| ReportingRow {
                row: i + 2,
                email: person(*p),
                manager_email: m.map(person),
            })
            .collect(),
    };
    // Everyone is "in Revans" except addresses starting with z, so both answers occur.
    let known = |e: &EmailAddress| !e.as_str().starts_with('z');
    match ReportingLines::build(&rows, &known) {
        Ok(lines) => {
            let pairs = lines.pairs();
            assert!(pairs.len() <= rows.len());
            let stored: Vec<(String, String)> = pairs
                .iter()
                .map(|(p, m)| (p.as_str().to_owned(), m.as_str().to_owned()))
                .collect();
            for (p, m) in &pairs {
                assert_ne!(p, m);
                assert!(lines.in_line(p, m) && lines.in_line(m, p));
                assert!(!lines.in_line(p, p));
            }
            for (a, _) in &pairs {
                for (b, _) in &pairs {
                    assert_eq!(
                        lines.in_line(a, b),
                        in_reporting_line(&stored, a.as_str(), b.as_str())
                    );
                }
            }
            assert_eq!(lines.check_with_stored(&[]), Ok(()));
            let reversed: Vec<(EmailAddress, EmailAddress)> =
                pairs.iter().map(|(p, m)| (m.clone(), p.clone())).collect();
            if let Err(errors) = lines.check_with_stored(&reversed) {
                assert!(errors.windows(2).all(|w| w[0].row <= w[1].row));
            }
        }
        Err(errors) => {
            assert!(!errors.is_empty());
            assert!(errors.windows(2).all(|w| w[0].row <= w[1].row));
            assert!(errors.iter().all(|e| rows.iter().any(|r| r.row == e.row)));
        }
    }
});
