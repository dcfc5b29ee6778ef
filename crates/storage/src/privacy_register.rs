//! The privacy register: every table and column of the schema, what personal data it holds,
//! why, how long it is kept and what erasing a person does to it. A storage test compares it
//! with the migrated schema on both backends, so a migration that adds a table or column
//! without declaring it here fails CI (the Moodle privacy API idea). Subject access export
//! and erasure are driven by it, and `docs/PRIVACY.md` is rendered from it.

/// One table of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    pub table: &'static str,
    /// How a row names the person it is about: a column such as "person_id" or "author_id";
    /// None when the table holds nobody's data (then every column is NotPersonal).
    pub subject: Option<&'static str>,
    /// Every column of the table, each with what it holds.
    pub columns: &'static [(&'static str, Data)],
    /// Why it is held, in one plain sentence (the lawful purpose).
    pub why: &'static str,
    /// How long it is kept, in one plain sentence.
    pub kept: &'static str,
    /// What erasing the subject does to their rows.
    pub on_erasure: OnErasure,
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Data {
    /// Nothing about a person (ids of things, settings, counts).
    NotPersonal,
    /// Names a person: their id, name or a reference to them.
    Identifies,
    /// A way to reach them: an email address, an IP address.
    Contact,
    /// Words they wrote themselves: reflections, answers, notes.
    OwnWords,
    /// What they did and when: times, choices, attendance, results.
    Activity,
}

/// What erasing the subject does to their rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnErasure {
    /// The rows are deleted.
    Delete,
    /// The rows stay because others' records need them (a set's problem list, attendance
    /// totals, the audit log), but name "Former member" with no way back to the person.
    FormerMember,
    /// Free text that may name them is cleared; the row stays.
    Scrub,
    /// The table holds nobody's data.
    NotAboutAPerson,
}

use Data::*;

/// Every table of the schema.
pub static REGISTER: &[Entry] = &[
    Entry {
        table: "people",
        subject: Some("id"),
        columns: &[
            ("id", Identifies),
            ("organisation_id", Identifies),
            ("email", Contact),
            ("name", Identifies),
            ("password_hash", Identifies),
            ("created_at", Activity),
            ("updated_at", Activity),
        ],
        why: "To let the person sign in and to show who they are to the people they work with.",
        kept: "While the person has an account; until they or a lead erase it.",
        on_erasure: OnErasure::FormerMember,
    },
    Entry {
        table: "role_grants",
        subject: Some("person_id"),
        columns: &[
            ("person_id", Identifies),
            ("organisation_id", NotPersonal),
            ("role", Activity),
            ("granted_at", Activity),
        ],
        why: "To decide what the person may see and do in each organisation.",
        kept: "Until the role is removed or the person is erased.",
        on_erasure: OnErasure::Delete,
    },
    Entry {
        table: "sessions",
        subject: Some("person_id"),
        columns: &[
            ("token_hash", NotPersonal),
            ("person_id", Identifies),
            ("csrf_token", NotPersonal),
            ("created_at", Activity),
            ("expires_at", Activity),
        ],
        why: "To keep the person signed in.",
        kept: "Until the session expires or the person signs out.",
        on_erasure: OnErasure::Delete,
    },
];

/// The entry for a table, if the register declares it.
pub fn entry(table: &str) -> Option<&'static Entry> {
    REGISTER.iter().find(|e| e.table == table)
}
