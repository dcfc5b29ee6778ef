//! The `revans` binary as a person uses it: clear one-sentence errors, never a panic.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn revans(dir: &std::path::Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_revans"))
        .args(args)
        .current_dir(dir)
        .env_remove("DATABASE_URL")
        .env("REVANS_LOG", "error")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run revans");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn check_and_migrate_on_a_new_sqlite_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = revans(
        dir.path(),
        &["--database", "sqlite://new.db", "migrate"],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(
        said.contains("is up to date") && !said.contains("(0 migration(s)"),
        "{said}"
    );
    assert!(dir.path().join("new.db").exists());
    let again = revans(
        dir.path(),
        &["--database", "sqlite://new.db", "migrate"],
        None,
    );
    assert!(
        text(&again.stdout).contains("(0 migration(s) applied now)"),
        "{}",
        text(&again.stdout)
    );
    let check = revans(
        dir.path(),
        &["--database", "sqlite://new.db", "check"],
        None,
    );
    assert!(check.status.success());
    assert!(text(&check.stdout).contains("All migrations are applied."));
}

#[test]
fn a_bad_setting_is_one_sentence_naming_the_key() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("revans.toml"), "listen = \"nowhere\"\n").unwrap();
    let out = revans(dir.path(), &["check"], None);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.starts_with("Error: Configuration problem: listen:"),
        "{err}"
    );
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(!err.contains("panicked"));

    let out = revans(dir.path(), &["--config", "missing.toml", "check"], None);
    assert!(text(&out.stderr).contains("missing.toml does not exist"));

    std::fs::remove_file(dir.path().join("revans.toml")).unwrap();
    let out = revans(dir.path(), &["--database", "mysql://x", "check"], None);
    assert!(text(&out.stderr).contains("database_url must start with sqlite:// or postgres://"));
}

#[test]
fn an_unreachable_database_is_one_clear_sentence_without_the_password() {
    let dir = tempfile::tempdir().unwrap();
    // Port 1 on loopback: nothing listens there.
    let out = revans(
        dir.path(),
        &[
            "--database",
            "postgres://revans:hunter2@127.0.0.1:1/revans",
            "check",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.starts_with(
            "Error: Cannot reach the database at postgres://revans:***@127.0.0.1:1/revans"
        ),
        "{err}"
    );
    assert!(
        !err.contains("hunter2") && !err.contains("panicked"),
        "{err}"
    );
}

#[test]
fn user_create_makes_an_account_and_refuses_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let args = [
        "--database",
        "sqlite://u.db",
        "user",
        "create",
        "--email",
        "Lead@Academy.example",
        "--name",
        "Lee Lead",
        "--organisation",
        "North Academy",
        "--role",
        "admin",
        "--password-stdin",
    ];
    let out = revans(dir.path(), &args, Some("a long enough password\n"));
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout)
            .contains("Created Lee Lead <lead@academy.example> in North Academy with 1 role(s).")
    );
    let again = revans(dir.path(), &args, Some("a long enough password\n"));
    assert!(
        text(&again.stderr).contains("Someone already has an account with lead@academy.example")
    );
    let mut bad = args.to_vec();
    bad[5] = "not-an-email";
    let out = revans(dir.path(), &bad, Some("a long enough password\n"));
    assert!(text(&out.stderr).contains("--email: Enter an email address in the correct format"));
    let mut bad_role = args.to_vec();
    bad_role[11] = "wizard";
    let out = revans(dir.path(), &bad_role, Some("a long enough password\n"));
    assert!(text(&out.stderr).contains("\"wizard\" is not a role"));
    let out = revans(dir.path(), &args, Some("short\n"));
    assert!(text(&out.stderr).contains("at least 10 characters"));
    // Every field at fault is named at once, by its flag.
    let mut two_bad = args.to_vec();
    two_bad[5] = "not-an-email";
    two_bad[9] = " ";
    let out = revans(dir.path(), &two_bad, Some("a long enough password\n"));
    let said = text(&out.stderr);
    assert!(said.contains("--email: "), "{said}");
    assert!(
        said.contains("--organisation: Enter the organisation name"),
        "{said}"
    );
}

#[test]
fn backup_and_restore_round_trip_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let db = ["--database", "sqlite://r.db"];
    let create = |email: &str| {
        let mut args = db.to_vec();
        args.extend([
            "user",
            "create",
            "--email",
            email,
            "--name",
            "Lee Lead",
            "--organisation",
            "North Academy",
            "--role",
            "admin",
            "--password-stdin",
        ]);
        revans(dir.path(), &args, Some("a long enough password\n"))
    };
    assert!(create("first@academy.example").status.success());
    let out = revans(dir.path(), &[db[0], db[1], "backup", "--out", "b.db"], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("Backed up"));
    // Written after the backup, so gone after the restore.
    assert!(create("second@academy.example").status.success());

    let refused = revans(
        dir.path(),
        &[db[0], db[1], "restore", "--from", "b.db"],
        None,
    );
    assert!(!refused.status.success());
    assert!(text(&refused.stderr).contains("--replace"));
    let out = revans(
        dir.path(),
        &[db[0], db[1], "restore", "--from", "b.db", "--replace"],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("passed its integrity checks"));
    // The first account is back; the second was made after the backup, so it can be made again.
    assert!(text(&create("first@academy.example").stderr).contains("already has an account"));
    assert!(create("second@academy.example").status.success());
}

#[test]
fn jobs_lists_the_dead_letters_and_refuses_an_unknown_retry() {
    let dir = tempfile::tempdir().unwrap();
    let db = ["--database", "sqlite://j.db"];
    let out = revans(dir.path(), &[db[0], db[1], "jobs", "failed"], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("No failed jobs."));
    let out = revans(dir.path(), &[db[0], db[1], "jobs", "retry", "nope"], None);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("No failed job has the id nope"));
}

#[test]
fn logs_can_be_one_json_object_per_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_revans"))
        .args(["--database", "sqlite://l.db", "migrate"])
        .current_dir(dir.path())
        .env_remove("DATABASE_URL")
        .env("REVANS_LOG", "debug")
        .env("REVANS_LOG_FORMAT", "json")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let logs = text(&out.stderr);
    let lines: Vec<&str> = logs.lines().collect();
    assert!(!lines.is_empty(), "debug logging says something");
    for line in lines {
        assert!(
            line.starts_with('{') && line.ends_with('}') && line.contains("\"level\":"),
            "not a JSON log line: {line}"
        );
    }
}
