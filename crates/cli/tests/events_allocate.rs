//! `revans events allocate` as a programme lead runs it: the allocation file is read back and
//! every rule and the objective recounted from it; every kind of bad input names its row, exits
//! non-zero and writes nothing.

use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Output};

fn allocate(dir: &Path, hosts: &str, prefs: &str, slots: &str) -> Output {
    std::fs::write(dir.join("hosts.csv"), hosts).unwrap();
    std::fs::write(dir.join("prefs.csv"), prefs).unwrap();
    Command::new(env!("CARGO_BIN_EXE_revans"))
        .args([
            "events",
            "allocate",
            "--hosts",
            "hosts.csv",
            "--preferences",
            "prefs.csv",
            "--slots",
            slots,
            "--out",
            "alloc.csv",
        ])
        .current_dir(dir)
        .env("REVANS_LOG", "error")
        .output()
        .expect("run revans")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

const HOSTS: &str = "host,min,max\nWard,1,2\nLab,1,2\nClinic,0,2\nBoard,2,2\n";

/// Four people, two slots. Everybody wants Ward and Lab; Board needs two per slot or stays
/// closed.
const PREFS: &str = "person,host,rank\n\
ann,Ward,1\nann,Lab,2\nann,Clinic,3\n\
bob,Ward,1\nbob,Lab,2\nbob,Board,3\n\
cat,Lab,1\ncat,Ward,2\ncat,Clinic,3\n\
dan,Lab,1\ndan,Clinic,2\ndan,Ward,3\n";

#[test]
fn the_allocation_file_meets_every_rule_and_the_printed_objective() {
    let dir = tempfile::tempdir().unwrap();
    let out = allocate(dir.path(), HOSTS, PREFS, "2");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    let objective: u64 = lines[lines.len() - 2]
        .strip_prefix("objective: ")
        .expect("objective line")
        .parse()
        .unwrap();
    assert_eq!(lines[lines.len() - 1], "optimal: yes");

    let ranks: HashMap<(String, String), u64> = PREFS
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            ((f[0].into(), f[1].into()), f[2].parse().unwrap())
        })
        .collect();
    let written = std::fs::read_to_string(dir.path().join("alloc.csv")).unwrap();
    let mut lines = written.lines();
    assert_eq!(lines.next(), Some("person,slot,host"));
    let mut recount = 0;
    let mut per_host_slot: HashMap<(String, String), u32> = HashMap::new();
    let mut per_person: HashMap<String, Vec<(String, String)>> = HashMap::new();
    for line in lines {
        let f: Vec<&str> = line.split(',').collect();
        let rank = ranks[&(f[0].to_owned(), f[2].to_owned())];
        recount += rank * rank;
        *per_host_slot.entry((f[2].into(), f[1].into())).or_default() += 1;
        per_person
            .entry(f[0].into())
            .or_default()
            .push((f[1].into(), f[2].into()));
    }
    assert_eq!(recount, objective);
    assert_eq!(per_person.len(), 4);
    for visits in per_person.values() {
        let mut slots: Vec<&str> = visits.iter().map(|v| v.0.as_str()).collect();
        let mut hosts: Vec<&str> = visits.iter().map(|v| v.1.as_str()).collect();
        slots.sort();
        hosts.sort();
        hosts.dedup();
        assert_eq!(slots, ["1", "2"]);
        assert_eq!(hosts.len(), 2, "a different host in each slot");
    }
    for ((host, _), n) in &per_host_slot {
        assert!(*n <= 2, "{host} is over its max");
    }
    // Ward and Lab take 2 a slot (8 visits: 4 people x 2 slots), which is the cheapest: all
    // first and second choices, 4 x (1 + 4) = 20.
    assert_eq!(objective, 20);
}

#[test]
fn every_bad_input_names_its_row_and_writes_nothing() {
    let cases: [(&str, &str, &str, &str); 9] = [
        (
            HOSTS,
            "person,host,rank\nann,Ward,1\nann,Zoo,2\n",
            "1",
            "prefs.csv row 3: `ann` ranks host `Zoo`, which is not in hosts.csv",
        ),
        (
            HOSTS,
            "person,host,rank\nann,Ward,1\nann,Lab,1\n",
            "1",
            "prefs.csv row 3: `ann` gives rank 1 twice (also to `Ward` at row 2)",
        ),
        (
            HOSTS,
            "person,host,rank\nann,Ward,1\nann,Ward,2\n",
            "1",
            "prefs.csv row 3: `ann` ranks host `Ward` again (first at row 2)",
        ),
        (
            HOSTS,
            "person,host,rank\nann,Ward,1\n",
            "2",
            "prefs.csv row 2: `ann` ranks 1 host(s) but visits one in each of 2 slots",
        ),
        (
            HOSTS,
            "person,host,rank\nann,Ward,1\nann,Lab,3\n",
            "1",
            "prefs.csv row 2: `ann` has no rank 2",
        ),
        (
            HOSTS,
            "person,host,rank\nann,Ward,first\n",
            "1",
            "prefs.csv row 2: rank `first` is not a whole number",
        ),
        (
            "host,min,max\nWard,3,2\n",
            "person,host,rank\nann,Ward,1\n",
            "1",
            "hosts.csv row 2: host `Ward` has min 3 above its max 2",
        ),
        (
            "host,max,min\nWard,1,2\n",
            "person,host,rank\nann,Ward,1\n",
            "1",
            "hosts.csv: the header must be `host,min,max`",
        ),
        (
            "host,min,max\nWard,0,1\n",
            "person,host,rank\nann,Ward,1\nbob,Ward,1\n",
            "1",
            "too few places: 2 people visit in every slot but the hosts' max add up to 1 per slot",
        ),
    ];
    for (hosts, prefs, slots, expected) in cases {
        let dir = tempfile::tempdir().unwrap();
        let out = allocate(dir.path(), hosts, prefs, slots);
        let stderr = text(&out.stderr);
        assert!(!out.status.success(), "{expected}: {}", text(&out.stdout));
        assert!(
            stderr.contains(expected),
            "expected `{expected}` in:\n{stderr}"
        );
        assert!(
            !dir.path().join("alloc.csv").exists(),
            "{expected}: a file was written"
        );
    }
}

#[test]
fn minimums_no_allocation_can_meet_are_an_error_not_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = allocate(
        dir.path(),
        "host,min,max\nWard,2,2\nLab,2,2\n",
        "person,host,rank\nann,Ward,1\nann,Lab,2\nbob,Ward,1\nbob,Lab,2\ncat,Lab,1\ncat,Ward,2\n",
        "1",
    );
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("no allocation meets every host's minimum and maximum"),
        "{}",
        text(&out.stderr)
    );
    assert!(!dir.path().join("alloc.csv").exists());
}
