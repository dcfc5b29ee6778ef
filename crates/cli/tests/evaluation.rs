//! `revans instrument check` and `revans cvf score` as an evaluator uses them.

use std::path::Path;
use std::process::{Command, Output};

fn revans(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_revans"))
        .args(args)
        .current_dir(dir)
        .env("REVANS_LOG", "error")
        .output()
        .expect("run revans")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn json(out: &Output) -> serde_json::Value {
    assert!(out.status.success(), "{}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

/// The 48 score column names in the documented order.
fn score_columns() -> Vec<String> {
    let mut cols = Vec::new();
    for which in ["now", "pref"] {
        for d in 1..=6 {
            for a in ["a", "b", "c", "d"] {
                cols.push(format!("d{d}_{which}_{a}"));
            }
        }
    }
    cols
}

/// A respondent whose every dimension is `now` (a, b, c, d) and `pref` (a, b, c, d).
fn scores(now: [u32; 4], pref: [u32; 4]) -> Vec<String> {
    let mut cells = Vec::new();
    for points in [now, pref] {
        for _ in 0..6 {
            cells.extend(points.iter().map(u32::to_string));
        }
    }
    cells
}

fn csv(extra: &[&str], rows: &[(&str, Vec<&str>, Vec<String>)]) -> String {
    let mut header = vec!["respondent".to_owned()];
    header.extend(extra.iter().map(|s| s.to_string()));
    header.extend(score_columns());
    let mut out = header.join(",") + "\n";
    for (id, attrs, cells) in rows {
        let mut line = vec![id.to_string()];
        line.extend(attrs.iter().map(|s| s.to_string()));
        line.extend(cells.iter().cloned());
        out += &(line.join(",") + "\n");
    }
    out
}

/// Three managers and two board members at one site; their points are chosen so the means are
/// easy to check by hand.
fn sample() -> String {
    csv(
        &["level", "site"],
        &[
            (
                "m1",
                vec!["managers", "north"],
                scores([40, 30, 20, 10], [50, 30, 10, 10]),
            ),
            (
                "m2",
                vec!["managers", "north"],
                scores([30, 30, 20, 20], [40, 40, 10, 10]),
            ),
            (
                "m3",
                vec!["managers", "south"],
                scores([20, 30, 20, 30], [30, 50, 10, 10]),
            ),
            (
                "b1",
                vec!["board", "north"],
                scores([10, 10, 40, 40], [25, 25, 25, 25]),
            ),
            (
                "b2",
                vec!["board", "north"],
                scores([10, 20, 30, 40], [25, 25, 25, 25]),
            ),
        ],
    )
}

fn cultures(v: &serde_json::Value) -> [f64; 4] {
    ["clan", "adhocracy", "market", "hierarchy"].map(|c| v[c].as_f64().expect(c))
}

#[test]
fn the_whole_sample_is_scored_with_hand_computed_means() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("r.csv"), sample()).unwrap();
    let out = json(&revans(dir.path(), &["cvf", "score", "r.csv"]));
    let groups = out["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 1);
    let g = &groups[0];
    assert_eq!(g["group"], serde_json::json!({}));
    assert_eq!(g["n"], 5);
    // Each respondent gives the same points on all six dimensions, so the profile is the mean
    // over respondents. Clan now: (40 + 30 + 20 + 10 + 10) / 5 = 22; adhocracy
    // (30 + 30 + 30 + 10 + 20) / 5 = 24; market (20 + 20 + 20 + 40 + 30) / 5 = 26;
    // hierarchy (10 + 20 + 30 + 40 + 40) / 5 = 28.
    assert_eq!(cultures(&g["now"]), [22.0, 24.0, 26.0, 28.0]);
    // Preferred: clan (50 + 40 + 30 + 25 + 25) / 5 = 34; adhocracy (30 + 40 + 50 + 25 + 25) / 5
    // = 34; market (10 + 10 + 10 + 25 + 25) / 5 = 16; hierarchy (10 + 10 + 10 + 25 + 25) / 5 = 16.
    assert_eq!(cultures(&g["preferred"]), [34.0, 34.0, 16.0, 16.0]);
    assert_eq!(cultures(&g["change"]), [12.0, 10.0, -10.0, -12.0]);
}

#[test]
fn groups_are_scored_and_small_ones_suppressed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("r.csv"), sample()).unwrap();
    let out = json(&revans(
        dir.path(),
        &[
            "cvf",
            "score",
            "r.csv",
            "--group-by",
            "level",
            "--min-group",
            "3",
        ],
    ));
    let groups = out["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 3);
    assert_eq!(groups[0]["n"], 5);
    // The board has 2 respondents, under 3: no n and no scores.
    assert_eq!(
        groups[1],
        serde_json::json!({"group": {"level": "board"}, "n": null, "suppressed": true})
    );
    // Managers: clan now (40 + 30 + 20) / 3 = 30; adhocracy 30; market 20; hierarchy
    // (10 + 20 + 30) / 3 = 20. Preferred clan (50 + 40 + 30) / 3 = 40; adhocracy
    // (30 + 40 + 50) / 3 = 40; market 10; hierarchy 10.
    assert_eq!(groups[2]["group"], serde_json::json!({"level": "managers"}));
    assert_eq!(groups[2]["n"], 3);
    assert_eq!(cultures(&groups[2]["now"]), [30.0, 30.0, 20.0, 20.0]);
    assert_eq!(cultures(&groups[2]["preferred"]), [40.0, 40.0, 10.0, 10.0]);
    assert_eq!(cultures(&groups[2]["change"]), [10.0, 10.0, -10.0, -10.0]);

    // Two columns: every combination in sorted order; with K = 1 all are shown.
    let out = json(&revans(
        dir.path(),
        &[
            "cvf",
            "score",
            "r.csv",
            "--group-by",
            "level",
            "--group-by",
            "site",
            "--min-group",
            "1",
        ],
    ));
    let names: Vec<String> = out["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["group"].to_string())
        .collect();
    assert_eq!(
        names,
        vec![
            r#"{}"#,
            r#"{"level":"board","site":"north"}"#,
            r#"{"level":"managers","site":"north"}"#,
            r#"{"level":"managers","site":"south"}"#,
        ]
    );
    // Managers in the north: clan now (40 + 30) / 2 = 35.
    assert_eq!(out["groups"][2]["now"]["clan"], 35.0);
}

#[test]
fn by_default_a_group_under_five_is_suppressed_and_means_have_two_decimals() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("r.csv"), sample()).unwrap();
    let out = json(&revans(
        dir.path(),
        &["cvf", "score", "r.csv", "--group-by", "level"],
    ));
    assert_eq!(out["groups"][0]["n"], 5);
    assert_eq!(out["groups"][1]["suppressed"], true);
    assert_eq!(out["groups"][2]["suppressed"], true);
    assert!(out["groups"][2].get("now").is_none());

    // Three respondents with clan now 10, 20, 20 (then 90, 80, 80 on adhocracy): clan mean
    // 50 / 3 = 16.666... -> 16.67; adhocracy 250 / 3 = 83.33.
    let three = csv(
        &[],
        &[
            ("x", vec![], scores([10, 90, 0, 0], [25, 25, 25, 25])),
            ("y", vec![], scores([20, 80, 0, 0], [25, 25, 25, 25])),
            ("z", vec![], scores([20, 80, 0, 0], [25, 25, 25, 25])),
        ],
    );
    std::fs::write(dir.path().join("three.csv"), three).unwrap();
    let out = json(&revans(
        dir.path(),
        &["cvf", "score", "three.csv", "--min-group", "3"],
    ));
    assert_eq!(cultures(&out["groups"][0]["now"]), [16.67, 83.33, 0.0, 0.0]);
    // Change: 25 - 16.666... = 8.33; 25 - 83.333... = -58.33.
    assert_eq!(
        cultures(&out["groups"][0]["change"]),
        [8.33, -58.33, 25.0, 25.0]
    );
}

#[test]
fn columns_may_come_in_any_order_and_out_writes_the_file() {
    let dir = tempfile::tempdir().unwrap();
    // Reverse every column of the sample (respondent last).
    let reversed: String = sample()
        .lines()
        .map(|l| l.split(',').rev().collect::<Vec<_>>().join(",") + "\n")
        .collect();
    std::fs::write(dir.path().join("r.csv"), reversed).unwrap();
    let out = revans(
        dir.path(),
        &["cvf", "score", "r.csv", "--out", "profile.json"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty());
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("profile.json")).unwrap())
            .unwrap();
    assert_eq!(
        cultures(&written["groups"][0]["now"]),
        [22.0, 24.0, 26.0, 28.0]
    );
}

/// Runs `cvf score` on `content` with `--out`, expects failure naming `expected`, and checks
/// that no output file was written.
fn refused(content: &str, extra: &[&str], expected: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("r.csv"), content).unwrap();
    let mut args = vec!["cvf", "score", "r.csv", "--out", "out.json"];
    args.extend_from_slice(extra);
    let out = revans(dir.path(), &args);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    for e in expected {
        assert!(err.contains(e), "expected {e:?} in:\n{err}");
    }
    assert!(!err.contains("panicked"), "{err}");
    assert!(!dir.path().join("out.json").exists(), "no output on error");
    assert!(out.stdout.is_empty());
}

#[test]
fn a_dimension_that_does_not_add_up_names_the_line_and_dimension() {
    let mut cells = scores([25, 25, 25, 25], [25, 25, 25, 25]);
    // Dimension 3, now, alternative d: 25 -> 35, so the dimension adds up to 110.
    cells[2 * 4 + 3] = "35".into();
    // Dimension 6, preferred, alternative a: 25 -> 0: 75.
    cells[24 + 5 * 4] = "0".into();
    let content = csv(
        &[],
        &[
            ("ok", vec![], scores([25, 25, 25, 25], [25, 25, 25, 25])),
            ("bad", vec![], cells),
        ],
    );
    refused(
        &content,
        &[],
        &[
            "line 3: dimension 3 (now, d3_now_a to d3_now_d) adds up to 110, not 100",
            "line 3: dimension 6 (preferred, d6_pref_a to d6_pref_d) adds up to 75, not 100",
        ],
    );
}

#[test]
fn missing_duplicate_and_unknown_columns_are_refused() {
    let good = sample();
    let missing = good.replacen("d4_pref_c,", "", 1);
    refused(&missing, &[], &["lacks the score column(s) d4_pref_c"]);
    let no_respondent = good.replacen("respondent,", "person,", 1);
    refused(&no_respondent, &[], &["no `respondent` column"]);
    let duplicate = good.replacen("site", "level", 1);
    refused(&duplicate, &[], &["the column `level` appears twice"]);
    let unknown = good.replacen("site", "d7_now_a", 1);
    refused(
        &unknown,
        &[],
        &["the column `d7_now_a` is not a score column"],
    );
}

#[test]
fn bad_cells_are_refused_with_their_line() {
    let mut text_cell = scores([25, 25, 25, 25], [25, 25, 25, 25]);
    text_cell[0] = "lots".into();
    let mut negative = scores([25, 25, 25, 25], [25, 25, 25, 25]);
    negative[0] = "-10".into();
    negative[1] = "60".into();
    let mut empty = scores([25, 25, 25, 25], [25, 25, 25, 25]);
    empty[5] = "".into();
    let content = csv(
        &[],
        &[
            ("a", vec![], text_cell),
            ("b", vec![], negative),
            ("c", vec![], empty),
        ],
    );
    refused(
        &content,
        &[],
        &[
            "line 2: d1_now_a is `lots`, not a number",
            "line 3: d1_now_a is -10; scores are 0 or more",
            "line 4: d2_now_b is empty",
        ],
    );
}

#[test]
fn rows_of_the_wrong_length_and_repeated_respondents_are_refused() {
    let mut content = sample();
    content.push_str("short,managers,north,1,2\n");
    refused(&content, &[], &["line 7: has 5 fields; the header has 51"]);
    let twice = sample().replacen("m2,", "m1,", 1);
    refused(&twice, &[], &["line 3: respondent `m1` is also on line 2"]);
}

#[test]
fn an_empty_file_and_a_file_without_respondents_are_refused() {
    refused("", &[], &["the file is empty"]);
    let header_only = sample().lines().next().unwrap().to_owned() + "\n";
    refused(&header_only, &[], &["no respondents"]);
}

#[test]
fn grouping_by_a_column_that_is_not_there_is_refused() {
    refused(
        &sample(),
        &["--group-by", "team"],
        &["--group-by team: the header has no column `team`"],
    );
    refused(
        &sample(),
        &["--group-by", "d1_now_a"],
        &["cannot group by `d1_now_a`"],
    );
    refused(
        &sample(),
        &["--min-group", "0"],
        &["--min-group must be at least 1"],
    );
}

#[test]
fn a_missing_file_is_one_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = revans(
        dir.path(),
        &["cvf", "score", "nowhere.csv", "--out", "o.json"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).starts_with("Error: Cannot read nowhere.csv"),
        "{}",
        text(&out.stderr)
    );
    assert!(!dir.path().join("o.json").exists());
}

fn repo_file(path: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
        .display()
        .to_string()
}

#[test]
fn instrument_check_summarises_the_shipped_instruments() {
    let dir = tempfile::tempdir().unwrap();
    let out = revans(
        dir.path(),
        &[
            "instrument",
            "check",
            &repo_file("instruments/leadership-v1.toml"),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(said.starts_with("Leading through questions\n"), "{said}");
    assert!(
        said.contains("key: revans_leadership\nversion: 1\nsections: 4\n"),
        "{said}"
    );
    assert!(
        said.contains(
            "questions: 9 (4 scale, 1 single, 1 multiple, 1 free_text, 1 constant_sum, 1 matrix)"
        ),
        "{said}"
    );
    assert!(said.contains("profile: none"));
    let out = revans(
        dir.path(),
        &[
            "instrument",
            "check",
            &repo_file("instruments/culture-profile-v1.toml"),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(
        said.contains("questions: 12 (12 constant_sum)\nprofile: cvf"),
        "{said}"
    );
}

#[test]
fn instrument_check_prints_every_error_with_file_line_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let source = "key = \"k\"\nversion = 1\ntitle = \"T\"\n\n[[sections]]\nkey = \"s\"\ntitle = \"S\"\n\n[[sections.questions]]\nkey = \"q\"\ntype = \"scale\"\ntext = \"Q\"\nscale = { min = 1, max = 3, labels = [\"a\", \"b\"] }\ncolour = \"red\"\n";
    std::fs::write(dir.path().join("bad.toml"), source).unwrap();
    let out = revans(dir.path(), &["instrument", "check", "bad.toml"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert!(
        lines[0].starts_with("bad.toml:14: sections[0].questions[0].colour: unknown field"),
        "{err}"
    );
    assert!(
        lines[1].starts_with("bad.toml:13: sections[0].questions[0].scale.labels: has 2 labels"),
        "{err}"
    );
    assert_eq!(lines[2], "Error: bad.toml has 2 problem(s)");
    assert!(out.stdout.is_empty());

    std::fs::write(dir.path().join("notes.txt"), "x").unwrap();
    let out = revans(dir.path(), &["instrument", "check", "notes.txt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("ends in .toml or .json"));
}
