//! `revans events cafe` as a person runs it: a rota file that keeps the rules and a score that
//! matches the file, or one clear sentence and no file.

use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Output};

fn revans(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_revans"))
        .args(["events", "cafe"])
        .args(args)
        .current_dir(dir)
        .env_remove("DATABASE_URL")
        .env("REVANS_LOG", "error")
        .output()
        .expect("run revans")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// `(round, participant, guest)` rows, checked against the header.
fn read_rota(path: &Path) -> Vec<(usize, usize, usize)> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    assert_eq!(
        reader.headers().unwrap(),
        &csv::StringRecord::from(vec!["round", "participant", "guest"])
    );
    reader
        .records()
        .map(|row| {
            let row = row.unwrap();
            let field = |k: usize| row[k].parse::<usize>().unwrap();
            (field(0), field(1), field(2))
        })
        .collect()
}

#[test]
fn a_rota_keeps_the_rules_and_its_score_matches_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = revans(
        dir.path(),
        &[
            "--participants",
            "23",
            "--guests",
            "4",
            "--rounds",
            "4",
            "--seed",
            "7",
            "--seconds",
            "0.5",
            "--out",
            "rota.csv",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    let last = said.lines().last().unwrap();
    let printed: u64 = last.strip_prefix("repeats: ").expect(last).parse().unwrap();
    assert!(said.contains("lower bound: "), "{said}");

    let rows = read_rota(&dir.path().join("rota.csv"));
    assert_eq!(rows.len(), 23 * 4);
    // seat[(round, participant)] = guest, every cell exactly once, all numbered from 1.
    let mut seat = HashMap::new();
    for &(round, participant, guest) in &rows {
        assert!((1..=4).contains(&round) && (1..=23).contains(&participant));
        assert!((1..=4).contains(&guest));
        assert!(seat.insert((round, participant), guest).is_none());
    }
    for round in 1..=4 {
        let mut sizes = [0; 4];
        for participant in 1..=23 {
            sizes[seat[&(round, participant)] - 1] += 1;
        }
        assert!(
            sizes.iter().max().unwrap() - sizes.iter().min().unwrap() <= 1,
            "{sizes:?}"
        );
    }
    for participant in 1..=23 {
        let mut guests: Vec<usize> = (1..=4).map(|r| seat[&(r, participant)]).collect();
        guests.sort_unstable();
        guests.dedup();
        assert_eq!(
            guests.len(),
            4,
            "participant {participant} met a guest twice"
        );
    }
    let mut recount = 0u64;
    for i in 1..=23 {
        for j in i + 1..=23 {
            let together = (1..=4).filter(|&r| seat[&(r, i)] == seat[&(r, j)]).count() as u64;
            recount += together.saturating_sub(1);
        }
    }
    assert_eq!(recount, printed, "{said}");
    assert!(!dir.path().join("rota.partial").exists());
}

#[test]
fn bad_numbers_say_which_flag_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for (args, flag) in [
        ("--participants 10 --guests 3 --rounds 0", "--rounds"),
        ("--participants 10 --guests 0 --rounds 3", "--guests"),
        ("--participants 0 --guests 3 --rounds 3", "--participants"),
        ("--participants 10 --guests 3 --rounds 5000", "--rounds"),
        ("--participants 10 --guests=-2 --rounds 3", "--guests"),
        (
            "--participants 10 --guests 3 --rounds 3 --seconds=-1",
            "--seconds",
        ),
    ] {
        let args: Vec<&str> = args.split(' ').chain(["--out", "rota.csv"]).collect();
        let out = revans(dir.path(), &args);
        assert!(!out.status.success(), "{args:?}");
        let said = text(&out.stderr);
        assert!(said.contains(flag), "{args:?}: {said}");
        assert!(!said.contains("panicked"), "{said}");
        assert!(!dir.path().join("rota.csv").exists(), "{args:?}");
    }
}

#[test]
fn an_unwritable_place_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let out = revans(
        dir.path(),
        &[
            "--participants",
            "6",
            "--guests",
            "2",
            "--rounds",
            "2",
            "--seconds",
            "0.1",
            "--out",
            "missing/rota.csv",
        ],
    );
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("Cannot write"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}
