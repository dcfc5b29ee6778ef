//! Erasing a person (issue 17, C11), table by table as `privacy_register` declares: what is
//! theirs alone is deleted; rows others need (set membership history, attendance totals, a
//! set's problem list, the audit log) stay and name "Former member"; free text elsewhere that
//! names them is scrubbed. Every statement takes the caller's transaction, so an erasure
//! happens whole or not at all.

use revans_domain::Id;

use crate::{Conn, Result};

/// What an erased person is called wherever others' records still show them.
pub const FORMER_MEMBER: &str = "Former member";

/// What stands in for an erased person's address in others' free text.
const FORMER_ADDRESS: &str = "a former member";

/// What is left of a problem an erased person brought: the set's list keeps its place.
pub const FORMER_PROBLEM: &str = "A former member's problem";

/// The unroutable, unique address an erased person's row keeps (`.invalid` never resolves).
pub fn placeholder_email(person: &Id) -> String {
    format!("erased-{}@erased.invalid", person.as_str())
}

/// Whether an address is an erased person's placeholder (mail to it is never queued).
pub fn is_placeholder(email: &str) -> bool {
    email.starts_with("erased-") && email.ends_with("@erased.invalid")
}

/// Who is being erased, as they were before: their old name and address are what free text
/// elsewhere may contain.
pub struct Subject<'a> {
    pub id: &'a Id,
    pub name: &'a str,
    pub email: &'a str,
    /// Their pseudonyms in pseudonymous questionnaire waves (one per programme with a plan).
    pub pseudonyms: &'a [String],
}

/// Rows deleted, one statement per table, with the person's id as `$1`.
const DELETES: &[&str] = &[
    // Questionnaires: answers given through their own invitations, rounds of 360 feedback
    // about them (with everyone's answers in them), then the invitations themselves.
    "DELETE FROM wave_responses WHERE invitation_id IN \
     (SELECT id FROM wave_invitations WHERE person_id = $1)",
    "DELETE FROM wave_responses WHERE wave_id IN \
     (SELECT id FROM evaluation_waves WHERE subject_person_id = $1)",
    "DELETE FROM wave_invitations WHERE wave_id IN \
     (SELECT id FROM evaluation_waves WHERE subject_person_id = $1)",
    "DELETE FROM evaluation_waves WHERE subject_person_id = $1",
    "DELETE FROM wave_invitations WHERE person_id = $1",
    // Their portfolio, then their diary and log entries and the actions they took on.
    "DELETE FROM portfolio_evidence_dimensions WHERE evidence_id IN \
     (SELECT id FROM portfolio_evidence WHERE person_id = $1)",
    "DELETE FROM portfolio_evidence WHERE person_id = $1",
    "DELETE FROM portfolio_evidence WHERE diary_entry_id IN \
     (SELECT id FROM diary_entries WHERE author_id = $1)",
    "DELETE FROM diary_entries WHERE author_id = $1",
    "DELETE FROM portfolio_evidence WHERE action_id IN (SELECT id FROM actions WHERE owner_id = $1)",
    "DELETE FROM actions WHERE owner_id = $1",
    // Their choices and visits at immersion events (hosts' counts simply drop by one).
    "DELETE FROM event_visits WHERE person_id = $1",
    "DELETE FROM event_cafe_seats WHERE person_id = $1",
    "DELETE FROM event_rankings WHERE person_id = $1",
    "DELETE FROM event_choices WHERE person_id = $1",
    "DELETE FROM meeting_apologies WHERE person_id = $1",
    // Completion: their certificates and the reasons given for exceptions about them.
    "DELETE FROM certificates WHERE person_id = $1",
    "DELETE FROM completion_exceptions WHERE person_id = $1",
    // Facilitator records and the pool.
    "DELETE FROM facilitator_profiles WHERE person_id = $1",
    "DELETE FROM facilitator_qualifications WHERE person_id = $1",
    "DELETE FROM pool_availability WHERE person_id = $1",
    "DELETE FROM pool_members WHERE person_id = $1",
    "DELETE FROM facilitator_absences WHERE person_id = $1",
    "DELETE FROM masterclass_interests WHERE person_id = $1",
    "DELETE FROM masterclass_invitations WHERE person_id = $1",
    // Relationships that would keep pointing at them.
    "DELETE FROM reporting_lines WHERE person_id = $1 OR manager_id = $1",
    "DELETE FROM supervisions WHERE facilitator_id = $1 OR supervisor_id = $1",
    // The account: preferences, roles, and every way back in.
    "DELETE FROM person_preferences WHERE person_id = $1",
    "DELETE FROM person_locales WHERE person_id = $1",
    "DELETE FROM sso_links WHERE person_id = $1",
    "DELETE FROM sign_in_notices WHERE person_id = $1",
    "DELETE FROM role_grants WHERE person_id = $1",
    "DELETE FROM sessions WHERE person_id = $1",
    "DELETE FROM api_tokens WHERE person_id = $1",
    "DELETE FROM email_tokens WHERE person_id = $1",
    "DELETE FROM calendar_feeds WHERE person_id = $1",
];

/// Rows kept because others need them, with what the person wrote in them cleared.
const SCRUBS: &[&str] = &[
    // The application stays (places taken and offers made depend on it); its answers go.
    "UPDATE applications SET answers = '[]', decision_reason = NULL, sponsor_reason = NULL \
     WHERE person_id = $1",
    // A set's problem list keeps its length and themes; the words were the member's.
    "UPDATE problems SET title = 'A former member''s problem', description = '' WHERE author_id = $1",
    // The audit log keeps what was done; who did it is no longer recoverable.
    "UPDATE audit_log SET actor_name = 'Former member', ip = '' WHERE actor_id = $1",
    // A formation run they started stays in the cohort's history, without their address.
    "UPDATE formation_runs SET started_ip = '' WHERE started_by = $1",
    // A request to facilitate stays in the set's or circle's history; its emailed link no
    // longer works (the hash is replaced by a value no token hashes to, unique per row).
    "UPDATE facilitator_requests SET token_hash = 'erased-' || id WHERE person_id = $1",
];

/// Erases the person in the caller's transaction. Their `people` row stays (ids in others'
/// records stay valid) as "Former member" with a placeholder address, no password and
/// `erased_at` set.
pub async fn erase(conn: &mut Conn, who: &Subject<'_>, now: i64) -> Result<()> {
    let id = who.id.as_str();
    if !who.pseudonyms.is_empty() {
        let marks: Vec<String> = (1..=who.pseudonyms.len())
            .map(|i| format!("${i}"))
            .collect();
        let sql = format!(
            "DELETE FROM wave_responses WHERE pseudonym IN ({})",
            marks.join(", ")
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for p in who.pseudonyms {
            q = q.bind(p.as_str());
        }
        q.execute(&mut *conn).await?;
    }
    for sql in DELETES.iter().chain(SCRUBS) {
        sqlx::query(sqlx::AssertSqlSafe(*sql))
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    // Keyed by address, not by person: invitations sent to it (360 raters from outside),
    // sign-in attempts with it, and every email queued or sent to it. An address typed at
    // sign-in may differ in case from the account's (the export matches it the same way).
    for sql in [
        "DELETE FROM wave_invitations WHERE LOWER(email) = LOWER($1)",
        "DELETE FROM sign_in_attempts WHERE LOWER(email) = LOWER($1)",
        "DELETE FROM jobs WHERE LOWER(recipient) = LOWER($1)",
    ] {
        sqlx::query(sql).bind(who.email).execute(&mut *conn).await?;
    }
    // Still in a set: they leave it now (its history keeps them, as a former member).
    sqlx::query("UPDATE set_members SET left_at = $1 WHERE person_id = $2 AND left_at IS NULL")
        .bind(now)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    scrub_mentions(conn, who).await?;
    sqlx::query(
        "UPDATE people SET name = $1, email = $2, password_hash = NULL, erased_at = $3, \
         updated_at = $3 WHERE id = $4",
    )
    .bind(FORMER_MEMBER)
    .bind(placeholder_email(who.id))
    .bind(now)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Free text that names them elsewhere (audit details, emails queued to others, formation
/// runs' inputs) has their address and then their name replaced. `LIKE` only narrows the
/// rows; `REPLACE` is exact.
async fn scrub_mentions(conn: &mut Conn, who: &Subject<'_>) -> Result<()> {
    const COLUMNS: &[(&str, &str)] = &[
        ("audit_log", "detail"),
        ("audit_log", "actor_name"),
        ("jobs", "payload"),
        ("jobs", "last_error"),
        ("formation_runs", "input"),
        ("formation_runs", "error"),
    ];
    for (table, column) in COLUMNS {
        let sql = format!(
            "UPDATE {table} SET {column} = REPLACE(REPLACE({column}, $1, $2), $3, $4) \
             WHERE {column} LIKE $5 OR {column} LIKE $6"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(who.email)
            .bind(FORMER_ADDRESS)
            .bind(who.name)
            .bind(FORMER_MEMBER)
            .bind(format!("%{}%", who.email))
            .bind(format!("%{}%", who.name))
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// When the person was erased, if they were: None also for nobody at all.
pub async fn erased_at(conn: &mut Conn, person: &Id) -> Result<Option<i64>> {
    let at: Option<Option<i64>> = sqlx::query_scalar("SELECT erased_at FROM people WHERE id = $1")
        .bind(person.as_str())
        .fetch_optional(&mut *conn)
        .await?;
    Ok(at.flatten())
}

/// Every programme's pseudonym key, to work out a person's pseudonyms: a handful of rows.
pub async fn pseudonym_keys(conn: &mut Conn) -> Result<Vec<String>> {
    Ok(
        sqlx::query_scalar("SELECT pseudonym_key FROM evaluation_plans")
            .fetch_all(&mut *conn)
            .await?,
    )
}
