//! The privacy register (issue 17) against the migrated schema, on SQLite and PostgreSQL
//! alike: every table and column is declared, nothing declared is missing, the entries are
//! consistent, `docs/PRIVACY.md` is the register's rendering, and the export reads only the
//! person's own rows.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;

use revans_domain::{EmailAddress, Id, OrganisationName, PersonName};
use revans_storage::privacy_register::{self, Data, OnErasure, REGISTER};
use revans_storage::testing::TestDatabase;
use revans_storage::{diaries, organisations, people};

#[tokio::test]
async fn the_register_declares_every_table_and_column_of_the_schema() {
    let (_db, store) = TestDatabase::store().await;
    let schema: BTreeSet<(String, String)> =
        store.schema_columns().await.unwrap().into_iter().collect();
    assert!(schema.len() > 400, "the schema was not read: {schema:?}");
    let declared: BTreeSet<(String, String)> = REGISTER
        .iter()
        .flat_map(|e| {
            e.columns
                .iter()
                .map(|(c, _)| (e.table.to_owned(), (*c).to_owned()))
        })
        .collect();
    let mut problems = Vec::new();
    for (table, column) in schema.difference(&declared) {
        if privacy_register::entry(table).is_none() {
            problems.push(format!("table {table} is not in the privacy register"));
        } else {
            problems.push(format!(
                "column {table}.{column} is not in the privacy register"
            ));
        }
    }
    for (table, column) in declared.difference(&schema) {
        problems.push(format!(
            "the register declares {table}.{column}, which the schema does not have"
        ));
    }
    problems.dedup();
    assert!(
        problems.is_empty(),
        "declare them in crates/storage/src/privacy_register/:\n{}",
        problems.join("\n")
    );
}

#[test]
fn every_entry_is_consistent() {
    let mut problems = Vec::new();
    let mut tables = BTreeSet::new();
    for e in REGISTER {
        if !tables.insert(e.table) {
            problems.push(format!("{} is declared twice", e.table));
        }
        let mut columns = BTreeSet::new();
        for (c, _) in e.columns {
            if !columns.insert(*c) {
                problems.push(format!("{}.{c} is declared twice", e.table));
            }
        }
        let data = |c: &str| {
            e.columns
                .iter()
                .find(|(name, _)| *name == c)
                .map(|(_, d)| *d)
        };
        match e.subject {
            None if e.on_erasure != OnErasure::NotAboutAPerson => problems.push(format!(
                "{} is about nobody but erasure touches it",
                e.table
            )),
            Some(_) if e.on_erasure == OnErasure::NotAboutAPerson => problems.push(format!(
                "{} is about a person but erasure leaves it",
                e.table
            )),
            Some(s) if !matches!(data(s), Some(Data::Identifies | Data::Contact)) => problems.push(
                format!("{}.{s} names the person but is not declared so", e.table),
            ),
            _ => {}
        }
        if e.subject.is_none() && (e.through.is_some() || !e.also_about.is_empty()) {
            problems.push(format!("{} is about nobody but says through whom", e.table));
        }
        if let Some(parent) = e.through {
            match privacy_register::entry(parent) {
                Some(p) if p.subject.is_some() && p.through.is_none() => {}
                _ => problems.push(format!(
                    "{} goes through {parent}, which names nobody",
                    e.table
                )),
            }
        }
        for also in e.also_about {
            if data(also) != Some(Data::Identifies) {
                problems.push(format!(
                    "{}.{also} is about a person but not declared so",
                    e.table
                ));
            }
        }
        for (what, text) in [("why", e.why), ("kept", e.kept)] {
            if text.len() < 10 || !text.ends_with('.') || text.contains('|') {
                problems.push(format!("{}: `{what}` is not one plain sentence", e.table));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

const START: &str = "<!-- privacy register: start -->\n";
const END: &str = "<!-- privacy register: end -->\n";

/// `docs/PRIVACY.md` says what the register says between its markers (the prose around them
/// is written by hand); `REVANS_BLESS=1` rewrites that part, adding it at the end if missing.
#[test]
fn the_privacy_notice_is_the_register() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/PRIVACY.md");
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    let section = format!("{START}{}{END}", privacy_register::render_markdown());
    let expected = match (on_disk.find(START), on_disk.find(END)) {
        (Some(a), Some(b)) if a < b => {
            format!("{}{section}{}", &on_disk[..a], &on_disk[b + END.len()..])
        }
        _ if on_disk.is_empty() => format!("# Privacy\n\n{section}"),
        _ => format!(
            "{}\n{section}",
            on_disk.trim_end_matches('\n').to_owned() + "\n"
        ),
    };
    if std::env::var_os("REVANS_BLESS").is_some() {
        std::fs::write(&path, &expected).unwrap();
        return;
    }
    assert!(
        on_disk == expected,
        "docs/PRIVACY.md differs from the privacy register: run \
         REVANS_BLESS=1 cargo test -p revans-storage --test privacy_register"
    );
}

async fn person(conn: &mut revans_storage::Conn, org: &Id, email: &str) -> Id {
    people::insert(
        conn,
        org,
        &EmailAddress::parse(email).unwrap(),
        &PersonName::parse("Someone").unwrap(),
    )
    .await
    .unwrap()
}

#[tokio::test]
async fn the_export_reads_the_persons_rows_and_nobody_elses() {
    let (_db, store) = TestDatabase::store().await;
    let mut conn = store.conn().await.unwrap();
    let org = organisations::insert(&mut conn, &OrganisationName::parse("Trust").unwrap(), None)
        .await
        .unwrap()
        .id;
    let ana = person(&mut conn, &org, "ana@example.org").await;
    let ben = person(&mut conn, &org, "ben@example.org").await;
    for (author, body) in [(&ana, "Ana's own words"), (&ben, "Ben's own words")] {
        diaries::insert(
            &mut conn,
            &diaries::NewEntry {
                author_id: author,
                kind: "diary",
                set_id: None,
                meeting_id: None,
                problem_id: None,
                sharing: "private",
                body,
            },
        )
        .await
        .unwrap();
    }
    let tables = privacy_register::rows_about(&mut conn, &ana, "ANA@example.org")
        .await
        .unwrap();
    let get = |table: &str| tables.iter().find(|t| t.entry.table == table).unwrap();

    let diary = get("diary_entries");
    let body = diary.columns.iter().position(|c| *c == "body").unwrap();
    let bodies: Vec<_> = diary.rows.iter().map(|r| r[body].clone()).collect();
    assert_eq!(bodies, vec![serde_json::json!("Ana's own words")]);

    let profile = get("people");
    assert_eq!(profile.rows.len(), 1);
    assert!(
        !profile.columns.contains(&"password_hash"),
        "a secret was exported"
    );
    let email = profile.columns.iter().position(|c| *c == "email").unwrap();
    assert_eq!(profile.rows[0][email], serde_json::json!("ana@example.org"));
    let created = profile
        .columns
        .iter()
        .position(|c| *c == "created_at")
        .unwrap();
    assert!(profile.rows[0][created].is_i64(), "times are numbers");

    assert!(
        tables.iter().all(|t| t.entry.subject.is_some()),
        "a table about nobody was read"
    );
}
