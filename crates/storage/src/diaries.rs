//! Learning diaries and reflective logs (C5). An entry is private to its author unless
//! `sharing` says otherwise; the queries here return only what a reader may see, so a handler
//! cannot forget the rule: `visible_to` is the one way to read someone else's entries.

use revans_domain::Id;

use crate::{Conn, Result, new_id, now_ms};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Entry {
    pub id: Id,
    pub author_id: Id,
    pub author_name: String,
    /// `diary` (a participant's) or `log` (a facilitator's reflective log).
    pub kind: String,
    pub set_id: Option<Id>,
    pub meeting_id: Option<Id>,
    pub problem_id: Option<Id>,
    /// diary: `private`, `facilitator` or `set`; log: `private` or `supervisor`.
    pub sharing: String,
    pub body: String,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    author_id: String,
    author_name: String,
    kind: String,
    set_id: Option<String>,
    meeting_id: Option<String>,
    problem_id: Option<String>,
    sharing: String,
    body: String,
    created_at: i64,
    updated_at: i64,
}

impl From<Row> for Entry {
    fn from(r: Row) -> Self {
        Entry {
            id: Id::from_trusted(r.id),
            author_id: Id::from_trusted(r.author_id),
            author_name: r.author_name,
            kind: r.kind,
            set_id: r.set_id.map(Id::from_trusted),
            meeting_id: r.meeting_id.map(Id::from_trusted),
            problem_id: r.problem_id.map(Id::from_trusted),
            sharing: r.sharing,
            body: r.body,
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

const SELECT: &str = "SELECT d.id, d.author_id, p.name AS author_name, d.kind, d.set_id, \
     d.meeting_id, d.problem_id, d.sharing, d.body, d.created_at, d.updated_at \
     FROM diary_entries d JOIN people p ON p.id = d.author_id";

/// Who may read an entry besides its author, as one SQL condition on `d` with the reader as
/// `$1`. This is the one place the rule lives: the reader must have held the relationship the
/// entry was shared with **when it was shared** (`d.shared_at`) and still hold it now. A diary
/// shared with the set: its members and facilitators; with the facilitator: the set's
/// facilitators; a log shared with the supervisor: the author's supervisor. Whoever joins a set
/// or becomes a supervisor later reads only what is shared after that, unless the author
/// shares the entry again. "Before" is strict: a relationship that starts in the same
/// millisecond as a share does not reach it (when in doubt, the entry stays closed).
const SHARED_WITH_READER: &str = "(d.shared_at IS NOT NULL AND ( \
     (d.kind = 'diary' AND d.sharing = 'set' AND ( \
        EXISTS (SELECT 1 FROM set_members m WHERE m.set_id = d.set_id AND m.person_id = $1 \
                AND m.left_at IS NULL AND m.joined_at < d.shared_at) \
        OR EXISTS (SELECT 1 FROM set_facilitators f WHERE f.set_id = d.set_id \
                AND f.person_id = $1 AND f.added_at < d.shared_at))) \
     OR (d.kind = 'diary' AND d.sharing = 'facilitator' AND EXISTS (SELECT 1 FROM \
        set_facilitators f WHERE f.set_id = d.set_id AND f.person_id = $1 \
        AND f.added_at < d.shared_at)) \
     OR (d.kind = 'log' AND d.sharing = 'supervisor' AND EXISTS (SELECT 1 FROM supervisions s \
        WHERE s.facilitator_id = d.author_id AND s.supervisor_id = $1 \
        AND s.started_at < d.shared_at))))";

pub struct NewEntry<'a> {
    pub author_id: &'a Id,
    pub kind: &'a str,
    pub set_id: Option<&'a Id>,
    pub meeting_id: Option<&'a Id>,
    pub problem_id: Option<&'a Id>,
    pub sharing: &'a str,
    pub body: &'a str,
}

pub async fn insert(conn: &mut Conn, e: &NewEntry<'_>) -> Result<Id> {
    let id = new_id();
    let now = now_ms();
    sqlx::query(
        "INSERT INTO diary_entries (id, author_id, kind, set_id, meeting_id, problem_id, sharing, \
         body, created_at, updated_at, shared_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, \
         CASE WHEN $7 = 'private' THEN NULL ELSE $9 END)",
    )
    .bind(id.as_str())
    .bind(e.author_id.as_str())
    .bind(e.kind)
    .bind(e.set_id.map(Id::as_str))
    .bind(e.meeting_id.map(Id::as_str))
    .bind(e.problem_id.map(Id::as_str))
    .bind(e.sharing)
    .bind(e.body)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

/// Changes an entry's text and sharing; only its author can (the id and author must match).
/// The entry counts as shared anew (so whoever holds the relationship now may read it) when
/// its sharing changes or the author asks to `share_again`; an edit that keeps the sharing
/// keeps its readers.
pub async fn update(
    conn: &mut Conn,
    id: &Id,
    author_id: &Id,
    body: &str,
    sharing: &str,
    share_again: bool,
) -> Result<bool> {
    Ok(sqlx::query(
        "UPDATE diary_entries SET body = $3, sharing = $4, updated_at = $5, shared_at = CASE \
         WHEN $4 = 'private' THEN NULL \
         WHEN $6 OR sharing <> $4 OR shared_at IS NULL THEN $5 \
         ELSE shared_at END \
         WHERE id = $1 AND author_id = $2",
    )
    .bind(id.as_str())
    .bind(author_id.as_str())
    .bind(body)
    .bind(sharing)
    .bind(now_ms())
    .bind(share_again)
    .execute(&mut *conn)
    .await?
    .rows_affected()
        == 1)
}

/// The author's own entries, newest first.
pub async fn by_author(conn: &mut Conn, author_id: &Id) -> Result<Vec<Entry>> {
    Ok(sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE d.author_id = $1 ORDER BY d.created_at DESC, d.id DESC"
    )))
    .bind(author_id.as_str())
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(Entry::from)
    .collect())
}

/// Entries other people shared with the reader, newest first.
pub async fn shared_with(conn: &mut Conn, reader_id: &Id) -> Result<Vec<Entry>> {
    Ok(sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE {REACHES_READER} AND d.author_id <> $1 AND ({SHARED_WITH_READER}) \
         ORDER BY d.created_at DESC, d.id DESC"
    )))
    .bind(reader_id.as_str())
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(Entry::from)
    .collect())
}

/// The sets whose entries could reach the reader, and the facilitators whose logs could: the
/// shared list starts from these (`diary_entries_set_time`, `diary_entries_author_time`), never
/// from every entry of the nation; `SHARED_WITH_READER` then decides entry by entry.
///
/// Written as one `IN` over a `UNION` of entry ids, not as `set IN (...) OR author IN (...)`:
/// PostgreSQL cannot drive an `OR` of two subqueries from indexes and read every entry of the
/// nation (250 ms at N = 100,000); as one semi-join it reads the reader's sets' entries by index
/// (under 2 ms).
const REACHES_READER: &str = "d.id IN (SELECT r.id FROM diary_entries r WHERE r.set_id IN \
     (SELECT m.set_id FROM set_members m WHERE m.person_id = $1 AND m.left_at IS NULL \
      UNION SELECT f.set_id FROM set_facilitators f WHERE f.person_id = $1) \
     UNION SELECT r.id FROM diary_entries r WHERE r.author_id IN \
     (SELECT s.facilitator_id FROM supervisions s WHERE s.supervisor_id = $1))";

/// Reads a keyset page of a diary list (newest first, ties by id) from the key `from`:
/// `Forward` reads older entries (the next page), `Backward` newer ones (the previous page),
/// nearest the key first.
async fn seek(
    conn: &mut Conn,
    filter: &str,
    person: &Id,
    from: Option<(i64, &str)>,
    dir: crate::Direction,
    limit: i64,
) -> Result<Vec<Entry>> {
    let (cmp, order) = match dir {
        crate::Direction::Forward => ("<", "DESC"),
        crate::Direction::Backward => (">", "ASC"),
    };
    // The first page too reads from a key (beyond every entry), so that it uses the index.
    let (at, id) = match (from, dir) {
        (Some(key), _) => key,
        (None, crate::Direction::Forward) => (i64::MAX, ""),
        (None, crate::Direction::Backward) => (i64::MIN, ""),
    };
    let sql = format!(
        "{SELECT} WHERE {filter} AND (d.created_at {cmp} $2 OR (d.created_at = $2 AND d.id {cmp} $3)) \
         ORDER BY d.created_at {order}, d.id {order} LIMIT $4"
    );
    Ok(sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql))
        .bind(person.as_str())
        .bind(at)
        .bind(id)
        .bind(limit)
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(Entry::from)
        .collect())
}

/// A keyset page of the author's own entries (newest first) from `from`, in direction `dir`.
pub async fn seek_by_author(
    conn: &mut Conn,
    author_id: &Id,
    from: Option<(i64, &str)>,
    dir: crate::Direction,
    limit: i64,
) -> Result<Vec<Entry>> {
    seek(conn, "d.author_id = $1", author_id, from, dir, limit).await
}

/// A keyset page of the entries others shared with the reader (newest first) from `from`, in
/// direction `dir`.
pub async fn seek_shared_with(
    conn: &mut Conn,
    reader_id: &Id,
    from: Option<(i64, &str)>,
    dir: crate::Direction,
    limit: i64,
) -> Result<Vec<Entry>> {
    let filter = format!("{REACHES_READER} AND d.author_id <> $1 AND ({SHARED_WITH_READER})");
    seek(conn, &filter, reader_id, from, dir, limit).await
}

/// One page of the author's own entries, newest first: at most `limit` entries older than
/// `before` (keyset pagination).
pub async fn by_author_page(
    conn: &mut Conn,
    author_id: &Id,
    before: Option<(i64, &str)>,
    limit: i64,
) -> Result<Vec<Entry>> {
    seek_by_author(conn, author_id, before, crate::Direction::Forward, limit).await
}

/// One page of the entries others shared with the reader, newest first: at most `limit`
/// entries older than `before` (keyset pagination).
pub async fn shared_with_page(
    conn: &mut Conn,
    reader_id: &Id,
    before: Option<(i64, &str)>,
    limit: i64,
) -> Result<Vec<Entry>> {
    seek_shared_with(conn, reader_id, before, crate::Direction::Forward, limit).await
}

/// One entry, if the reader wrote it or it was shared with them; `None` otherwise, so an
/// entry nobody shared with the reader cannot be told apart from one that does not exist.
pub async fn visible_to(conn: &mut Conn, id: &Id, reader_id: &Id) -> Result<Option<Entry>> {
    Ok(sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE d.id = $2 AND (d.author_id = $1 OR {SHARED_WITH_READER})"
    )))
    .bind(reader_id.as_str())
    .bind(id.as_str())
    .fetch_optional(&mut *conn)
    .await?
    .map(Entry::from))
}

/// Who besides the author may read the entry now, by name: the same rule as `visible_to`,
/// applied to the only people it could reach (the set's members and facilitators and the
/// author's supervisor), so the author sees exactly who their sharing reaches.
pub async fn readers_of(conn: &mut Conn, id: &Id) -> Result<Vec<String>> {
    let rule = SHARED_WITH_READER.replace("$1", "r.id");
    Ok(sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT r.name FROM diary_entries d JOIN people r ON r.id IN \
         (SELECT person_id FROM set_members WHERE set_id = d.set_id \
          UNION SELECT person_id FROM set_facilitators WHERE set_id = d.set_id \
          UNION SELECT supervisor_id FROM supervisions WHERE facilitator_id = d.author_id) \
         WHERE d.id = $1 AND r.id <> d.author_id AND ({rule}) ORDER BY r.name"
    )))
    .bind(id.as_str())
    .fetch_all(&mut *conn)
    .await?)
}

/// How many diary entries each member of a set has written: counts, never content, for
/// facilitators' and leads' overviews.
pub async fn count_by_author(conn: &mut Conn, author_id: &Id) -> Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM diary_entries WHERE author_id = $1")
            .bind(author_id.as_str())
            .fetch_one(&mut *conn)
            .await?,
    )
}

pub async fn supervisor_of(conn: &mut Conn, facilitator_id: &Id) -> Result<Option<Id>> {
    let s: Option<String> =
        sqlx::query_scalar("SELECT supervisor_id FROM supervisions WHERE facilitator_id = $1")
            .bind(facilitator_id.as_str())
            .fetch_optional(&mut *conn)
            .await?;
    Ok(s.map(Id::from_trusted))
}

/// Makes `supervisor_id` the facilitator's supervisor from now on. Choosing the same person
/// again changes nothing; a new supervisor starts now, so they read only logs shared from now.
pub async fn set_supervisor(
    conn: &mut Conn,
    facilitator_id: &Id,
    supervisor_id: &Id,
) -> Result<()> {
    if supervisor_of(conn, facilitator_id).await?.as_ref() == Some(supervisor_id) {
        return Ok(());
    }
    sqlx::query("DELETE FROM supervisions WHERE facilitator_id = $1")
        .bind(facilitator_id.as_str())
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO supervisions (facilitator_id, supervisor_id, started_at) VALUES ($1, $2, $3)",
    )
    .bind(facilitator_id.as_str())
    .bind(supervisor_id.as_str())
    .bind(now_ms())
    .execute(&mut *conn)
    .await?;
    Ok(())
}
