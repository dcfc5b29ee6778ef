//! The `revans sets` commands, driven through `run()`: every bad input in issue 3 fails with
//! one clear message and writes nothing; good inputs write the documented formats.

use std::path::{Path, PathBuf};

use clap::{CommandFactory, Parser};

#[derive(Parser)]
#[command(name = "sets")]
struct Cli {
    #[command(flatten)]
    args: revans_sets::SetsArgs,
}

fn run(args: &[&str]) -> anyhow::Result<()> {
    let cli = Cli::try_parse_from(std::iter::once("sets").chain(args.iter().copied()))?;
    revans_sets::run(cli.args)
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write fixture");
    p.to_string_lossy().into_owned()
}

const PEOPLE: &str = "id,organisation,role,tz,project,manager
a,Trust A,Director,0,P1,
b,Trust B,Director,1,P1,
c,Trust A,Manager,0,,a
d,Trust B,Manager,5,,b
e,Trust C,Nurse,0,,a
f,Trust C,Nurse,1,,b
g,Trust D,Nurse,0,,
h,Trust D,Manager,1,,
";

/// Runs `form` with the given people CSV and extra args; returns the error text and asserts
/// no output file appeared.
fn form_err(people: &str, extra: &[&str]) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = write(dir.path(), "people.csv", people);
    let out: PathBuf = dir.path().join("sets.csv");
    let out_s = out.to_string_lossy().into_owned();
    let mut args = vec!["form", "--people", &p, "--out", &out_s, "--seconds", "0.2"];
    args.extend_from_slice(extra);
    let e = run(&args).expect_err("must fail");
    assert!(!out.exists(), "an output was written despite the error");
    format!("{e:#}")
}

#[test]
fn clap_definition_is_consistent() {
    Cli::command().debug_assert();
}

#[test]
fn form_writes_sets_and_keeps_rules() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = write(dir.path(), "people.csv", PEOPLE);
    let out = dir.path().join("sets.csv");
    let out_s = out.to_string_lossy().into_owned();
    run(&[
        "form",
        "--people",
        &p,
        "--sets",
        "2",
        "--diverse",
        "organisation:2",
        "--similar",
        "tz",
        "--min-per",
        "role=Director:1",
        "--max-per",
        "organisation=1",
        "--manager",
        "manager",
        "--unit",
        "project",
        "--seconds",
        "0.2",
        "--out",
        &out_s,
    ])
    .expect_err("project pair a+b are both Directors: with 1 per set they cannot share a unit");
    run(&[
        "form",
        "--people",
        &p,
        "--sets",
        "2",
        "--diverse",
        "organisation:2",
        "--similar",
        "tz",
        "--min-per",
        "role=Director:1",
        "--max-per",
        "organisation=2",
        "--manager",
        "manager",
        "--seconds",
        "0.2",
        "--out",
        &out_s,
    ])
    .expect("form");
    let text = std::fs::read_to_string(&out).expect("output");
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("set,id"));
    let rows: Vec<(String, String)> = lines
        .map(|l| {
            let (s, id) = l.split_once(',').expect("two fields");
            (s.to_string(), id.to_string())
        })
        .collect();
    assert_eq!(rows.len(), 8);
    let set_of = |id: &str| {
        rows.iter()
            .find(|r| r.1 == id)
            .map(|r| r.0.clone())
            .expect("id present")
    };
    assert_ne!(set_of("a"), set_of("b"), "one Director per set");
    assert_ne!(set_of("a"), set_of("c"), "reporting line");
    assert_ne!(set_of("a"), set_of("e"), "reporting line");
}

#[test]
fn missing_id_column() {
    let e = form_err("name,org\nx,A\n", &["--sets", "1"]);
    assert!(e.contains("no `id` column"), "{e}");
}

#[test]
fn duplicate_ids() {
    let e = form_err("id,org\nx,A\ny,B\nx,C\n", &["--sets", "1"]);
    assert!(
        e.contains("row 4") && e.contains("'x'") && e.contains("row 2"),
        "{e}"
    );
}

#[test]
fn unknown_manager_id() {
    let e = form_err("id,boss\nx,\ny,zz\n", &["--sets", "1", "--manager", "boss"]);
    assert!(
        e.contains("row 3") && e.contains("'zz'") && e.contains("boss"),
        "{e}"
    );
}

#[test]
fn management_cycle() {
    let e = form_err(
        "id,boss\nx,z\ny,x\nz,y\nw,\n",
        &["--sets", "2", "--manager", "boss"],
    );
    assert!(e.contains("circle") && e.contains("reports to"), "{e}");
}

#[test]
fn unit_larger_than_largest_set() {
    let e = form_err(
        "id,p\na,P\nb,P\nc,P\nd,\ne,\nf,\n",
        &["--sets", "3", "--unit", "p"],
    );
    assert!(
        e.contains("a + b + c") && e.contains("largest set holds 2"),
        "{e}"
    );
}

#[test]
fn sizes_cannot_hold_everyone() {
    let e = form_err(PEOPLE, &["--size", "5..7"]);
    assert!(
        e.contains("No number of sets of 5 to 7 people holds exactly 8 people"),
        "{e}"
    );
}

#[test]
fn rule_naming_unknown_column() {
    let e = form_err(PEOPLE, &["--sets", "2", "--max-per", "orgg=2"]);
    assert!(e.contains("--max-per") && e.contains("'orgg'"), "{e}");
    let e = form_err(PEOPLE, &["--sets", "2", "--diverse", "nope:2"]);
    assert!(e.contains("--diverse") && e.contains("'nope'"), "{e}");
}

#[test]
fn impossible_rule_in_plain_english() {
    let e = form_err(PEOPLE, &["--sets", "3", "--min-per", "role=Director:1"]);
    assert!(
        e.contains("3 sets need a Director each, but there are only 2 Directors"),
        "{e}"
    );
}

#[test]
fn malformed_instance_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("a.txt");
    let out_s = out.to_string_lossy().into_owned();
    for (text, needle) in [
        ("4 2 ss 2 2 2 2\n0 1 1.0\n", "needs 6"),
        ("4 2 xx 2 2 2 2\n", "`ds` or `ss`"),
        ("4 2 ss 2 2 2 2\n0 1 1.0\n0 2 abc\n", "line 3"),
        ("4 2 ss 2 2\n", "4 size bounds"),
    ] {
        let p = write(dir.path(), "bad.txt", text);
        let e = format!(
            "{:#}",
            run(&["mdgp", &p, "--seconds", "0.1", "--assignment", &out_s]).expect_err("bad")
        );
        assert!(e.contains(needle), "{e}");
        assert!(!out.exists());
    }
}

#[test]
fn mdgp_writes_assignment() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut text = String::from("6 2 ss 3 3 3 3\n");
    for i in 0..6 {
        for j in (i + 1)..6 {
            text.push_str(&format!("{i} {j} {}\n", (i * 7 + j * 3) % 10));
        }
    }
    let p = write(dir.path(), "i.txt", &text);
    let out = dir.path().join("a.txt");
    run(&[
        "mdgp",
        &p,
        "--seconds",
        "0.1",
        "--assignment",
        &out.to_string_lossy(),
    ])
    .expect("mdgp");
    let groups: Vec<usize> = std::fs::read_to_string(&out)
        .expect("assignment")
        .lines()
        .map(|l| l.parse().expect("group"))
        .collect();
    assert_eq!(groups.len(), 6);
    assert_eq!(groups.iter().filter(|&&g| g == 0).count(), 3);
}

#[test]
fn repair_from_previous_moves_nobody_needlessly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let people: String = std::iter::once("id,org".to_string())
        .chain((0..16).map(|i| format!("p{i},O{}", i % 5)))
        .collect::<Vec<_>>()
        .join("\n");
    // p15 has left: the people file lists p0..p14 only.
    let p = write(dir.path(), "people.csv", &people.replace("\np15,O0", ""));
    let prev: String = std::iter::once("set,id".to_string())
        .chain((0..16).map(|i| format!("{},p{i}", i % 4 + 1)))
        .collect::<Vec<_>>()
        .join("\n");
    let prev = write(dir.path(), "prev.csv", &prev);
    let out = dir.path().join("sets.csv");
    run(&[
        "form",
        "--people",
        &p,
        "--sets",
        "4",
        "--diverse",
        "org",
        "--previous",
        &prev,
        "--seconds",
        "0.2",
        "--out",
        &out.to_string_lossy(),
    ])
    .expect("repair");
    let text = std::fs::read_to_string(&out).expect("output");
    for i in 0..15 {
        assert!(
            text.lines().any(|l| l == format!("{},p{i}", i % 4 + 1)),
            "p{i} moved:\n{text}"
        );
    }
}
