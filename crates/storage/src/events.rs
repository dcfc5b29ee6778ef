//! Events with choices (C8, issue 18): an immersion event's plan (slots, closing date, the last
//! allocation), its host organisations, participants' choices and rankings, and the visits
//! allocated. Each read is one statement; writes run in the caller's transaction.

use revans_domain::Id;

use crate::{Conn, Result, new_id, now_ms};

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Plan {
    pub programme_id: String,
    pub slots: i64,
    pub rankings_close_at: i64,
    pub allocated_at: Option<i64>,
    pub objective: Option<i64>,
    pub bound: Option<i64>,
    pub published_at: Option<i64>,
}

pub async fn plan(conn: &mut Conn, programme: &Id) -> Result<Option<Plan>> {
    Ok(sqlx::query_as::<_, Plan>(
        "SELECT programme_id, slots, rankings_close_at, allocated_at, objective, bound, \
         published_at FROM event_plans WHERE programme_id = $1",
    )
    .bind(programme.as_str())
    .fetch_optional(&mut *conn)
    .await?)
}

/// Creates or changes the plan's slots and closing date (the allocation, if any, stays).
pub async fn set_plan(conn: &mut Conn, programme: &Id, slots: i64, closes_at: i64) -> Result<()> {
    sqlx::query(
        "INSERT INTO event_plans (programme_id, slots, rankings_close_at, updated_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (programme_id) DO UPDATE SET \
         slots = excluded.slots, rankings_close_at = excluded.rankings_close_at, \
         updated_at = excluded.updated_at",
    )
    .bind(programme.as_str())
    .bind(slots)
    .bind(closes_at)
    .bind(now_ms())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Host {
    pub id: String,
    pub programme_id: String,
    pub name: String,
    pub description: String,
    pub address: String,
    pub min_per_slot: i64,
    pub max_per_slot: i64,
    pub contact_person_id: Option<String>,
    pub contact_name: Option<String>,
    pub contact_email: Option<String>,
}

pub struct NewHost<'a> {
    pub programme_id: &'a Id,
    pub name: &'a str,
    pub description: &'a str,
    pub address: &'a str,
    pub min_per_slot: i64,
    pub max_per_slot: i64,
    pub contact_person_id: Option<&'a Id>,
}

/// Adds a host; `None` when the event already has a host of that name.
pub async fn insert_host(conn: &mut Conn, new: &NewHost<'_>) -> Result<Option<Id>> {
    let id = new_id();
    let done = sqlx::query(
        "INSERT INTO event_hosts (id, programme_id, name, description, address, min_per_slot, \
         max_per_slot, contact_person_id, created_at) \
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9 WHERE NOT EXISTS \
         (SELECT 1 FROM event_hosts WHERE programme_id = $2 AND name = $3)",
    )
    .bind(id.as_str())
    .bind(new.programme_id.as_str())
    .bind(new.name)
    .bind(new.description)
    .bind(new.address)
    .bind(new.min_per_slot)
    .bind(new.max_per_slot)
    .bind(new.contact_person_id.map(Id::as_str))
    .bind(now_ms())
    .execute(&mut *conn)
    .await?;
    Ok((done.rows_affected() == 1).then_some(id))
}

const HOSTS: &str = "SELECT h.id, h.programme_id, h.name, h.description, h.address, \
     h.min_per_slot, h.max_per_slot, h.contact_person_id, p.name AS contact_name, \
     p.email AS contact_email \
     FROM event_hosts h LEFT JOIN people p ON p.id = h.contact_person_id";

/// The event's hosts by name.
pub async fn hosts(conn: &mut Conn, programme: &Id) -> Result<Vec<Host>> {
    Ok(sqlx::query_as::<_, Host>(sqlx::AssertSqlSafe(format!(
        "{HOSTS} WHERE h.programme_id = $1 ORDER BY h.name, h.id"
    )))
    .bind(programme.as_str())
    .fetch_all(&mut *conn)
    .await?)
}

pub async fn host(conn: &mut Conn, id: &Id) -> Result<Option<Host>> {
    Ok(
        sqlx::query_as::<_, Host>(sqlx::AssertSqlSafe(format!("{HOSTS} WHERE h.id = $1")))
            .bind(id.as_str())
            .fetch_optional(&mut *conn)
            .await?,
    )
}

/// The hosts a person is the contact for, across events.
pub async fn hosts_of_contact(conn: &mut Conn, person: &Id) -> Result<Vec<Host>> {
    Ok(sqlx::query_as::<_, Host>(sqlx::AssertSqlSafe(format!(
        "{HOSTS} WHERE h.contact_person_id = $1 ORDER BY h.name, h.id"
    )))
    .bind(person.as_str())
    .fetch_all(&mut *conn)
    .await?)
}

/// Replaces the person's choices: their needs and their whole ranking (`(host, rank)`).
pub async fn save_choices(
    conn: &mut Conn,
    programme: &Id,
    person: &Id,
    needs: &str,
    ranking: &[(Id, i64)],
) -> Result<()> {
    sqlx::query("DELETE FROM event_rankings WHERE programme_id = $1 AND person_id = $2")
        .bind(programme.as_str())
        .bind(person.as_str())
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO event_choices (programme_id, person_id, needs, submitted_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (programme_id, person_id) DO UPDATE SET \
         needs = excluded.needs, submitted_at = excluded.submitted_at",
    )
    .bind(programme.as_str())
    .bind(person.as_str())
    .bind(needs)
    .bind(now_ms())
    .execute(&mut *conn)
    .await?;
    for chunk in ranking.chunks(200) {
        let marks: Vec<String> = (0..chunk.len())
            .map(|i| format!("($1, $2, ${}, ${})", 3 + 2 * i, 4 + 2 * i))
            .collect();
        let mut q = sqlx::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO event_rankings (programme_id, person_id, host_id, rank) VALUES {}",
            marks.join(", ")
        )))
        .bind(programme.as_str())
        .bind(person.as_str());
        for (host, rank) in chunk {
            q = q.bind(host.as_str()).bind(*rank);
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}

/// One ranked host of one person, with the person's name and needs.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Ranking {
    pub person_id: String,
    pub person_name: String,
    pub needs: String,
    pub host_id: String,
    pub rank: i64,
}

const RANKINGS: &str = "SELECT r.person_id, p.name AS person_name, c.needs, r.host_id, r.rank \
     FROM event_rankings r JOIN people p ON p.id = r.person_id \
     JOIN event_choices c ON c.programme_id = r.programme_id AND c.person_id = r.person_id \
     WHERE r.programme_id = $1";

/// Every ranking of the event, by person (name) then rank.
pub async fn rankings(conn: &mut Conn, programme: &Id) -> Result<Vec<Ranking>> {
    Ok(sqlx::query_as::<_, Ranking>(sqlx::AssertSqlSafe(format!(
        "{RANKINGS} ORDER BY p.name, r.person_id, r.rank"
    )))
    .bind(programme.as_str())
    .fetch_all(&mut *conn)
    .await?)
}

/// One person's ranking, by rank (empty when they have not ranked).
pub async fn ranking_of(conn: &mut Conn, programme: &Id, person: &Id) -> Result<Vec<Ranking>> {
    Ok(sqlx::query_as::<_, Ranking>(sqlx::AssertSqlSafe(format!(
        "{RANKINGS} AND r.person_id = $2 ORDER BY r.rank"
    )))
    .bind(programme.as_str())
    .bind(person.as_str())
    .fetch_all(&mut *conn)
    .await?)
}

/// Replaces the allocation and records the run (`objective`, `bound`) on the plan; the
/// allocation is unpublished until [`publish`].
pub async fn replace_visits(
    conn: &mut Conn,
    programme: &Id,
    visits: &[(Id, i64, Id)],
    objective: i64,
    bound: i64,
) -> Result<()> {
    sqlx::query("DELETE FROM event_visits WHERE programme_id = $1")
        .bind(programme.as_str())
        .execute(&mut *conn)
        .await?;
    for chunk in visits.chunks(200) {
        let marks: Vec<String> = (0..chunk.len())
            .map(|i| format!("($1, ${}, ${}, ${})", 2 + 3 * i, 3 + 3 * i, 4 + 3 * i))
            .collect();
        let mut q = sqlx::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO event_visits (programme_id, person_id, slot, host_id) VALUES {}",
            marks.join(", ")
        )))
        .bind(programme.as_str());
        for (person, slot, host) in chunk {
            q = q.bind(person.as_str()).bind(*slot).bind(host.as_str());
        }
        q.execute(&mut *conn).await?;
    }
    let now = now_ms();
    sqlx::query(
        "UPDATE event_plans SET allocated_at = $1, objective = $2, bound = $3, \
         published_at = NULL, updated_at = $1 WHERE programme_id = $4",
    )
    .bind(now)
    .bind(objective)
    .bind(bound)
    .bind(programme.as_str())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Publishes the current allocation; false when there is none.
pub async fn publish(conn: &mut Conn, programme: &Id) -> Result<bool> {
    let now = now_ms();
    let done = sqlx::query(
        "UPDATE event_plans SET published_at = $1, updated_at = $1 \
         WHERE programme_id = $2 AND allocated_at IS NOT NULL",
    )
    .bind(now)
    .bind(programme.as_str())
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// One visit with the names a page shows and the visitor's needs.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Visit {
    pub person_id: String,
    pub person_name: String,
    pub needs: String,
    pub slot: i64,
    pub host_id: String,
    pub host_name: String,
    pub host_address: String,
}

const VISITS: &str = "SELECT v.person_id, p.name AS person_name, \
     COALESCE(c.needs, '') AS needs, v.slot, v.host_id, h.name AS host_name, \
     h.address AS host_address \
     FROM event_visits v JOIN people p ON p.id = v.person_id \
     JOIN event_hosts h ON h.id = v.host_id \
     LEFT JOIN event_choices c ON c.programme_id = v.programme_id AND c.person_id = v.person_id";

/// The whole allocation, by person (name) then slot.
pub async fn visits(conn: &mut Conn, programme: &Id) -> Result<Vec<Visit>> {
    Ok(sqlx::query_as::<_, Visit>(sqlx::AssertSqlSafe(format!(
        "{VISITS} WHERE v.programme_id = $1 ORDER BY p.name, v.person_id, v.slot"
    )))
    .bind(programme.as_str())
    .fetch_all(&mut *conn)
    .await?)
}

/// One person's visits, by slot.
pub async fn visits_of(conn: &mut Conn, programme: &Id, person: &Id) -> Result<Vec<Visit>> {
    Ok(sqlx::query_as::<_, Visit>(sqlx::AssertSqlSafe(format!(
        "{VISITS} WHERE v.programme_id = $1 AND v.person_id = $2 ORDER BY v.slot"
    )))
    .bind(programme.as_str())
    .bind(person.as_str())
    .fetch_all(&mut *conn)
    .await?)
}

/// One host's visitors, by slot then name.
pub async fn visitors_of(conn: &mut Conn, host: &Id) -> Result<Vec<Visit>> {
    Ok(sqlx::query_as::<_, Visit>(sqlx::AssertSqlSafe(format!(
        "{VISITS} WHERE v.host_id = $1 ORDER BY v.slot, p.name, v.person_id"
    )))
    .bind(host.as_str())
    .fetch_all(&mut *conn)
    .await?)
}

/// A participant of the event: a person with an accepted place on the programme.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Participant {
    pub person_id: String,
    pub name: String,
    pub email: String,
    /// When they last submitted their choices (None: not yet).
    pub submitted_at: Option<i64>,
}

const PARTICIPANTS: &str = "SELECT a.person_id, p.name, p.email, c.submitted_at \
     FROM applications a JOIN people p ON p.id = a.person_id \
     LEFT JOIN event_choices c ON c.programme_id = a.programme_id AND c.person_id = a.person_id \
     WHERE a.programme_id = $1 AND a.state = 'accepted'";

/// Everyone with an accepted place, by name.
pub async fn participants(conn: &mut Conn, programme: &Id) -> Result<Vec<Participant>> {
    Ok(
        sqlx::query_as::<_, Participant>(sqlx::AssertSqlSafe(format!(
            "{PARTICIPANTS} ORDER BY p.name, a.person_id"
        )))
        .bind(programme.as_str())
        .fetch_all(&mut *conn)
        .await?,
    )
}

/// The person, if they have an accepted place on the programme.
pub async fn participant(
    conn: &mut Conn,
    programme: &Id,
    person: &Id,
) -> Result<Option<Participant>> {
    Ok(
        sqlx::query_as::<_, Participant>(sqlx::AssertSqlSafe(format!(
            "{PARTICIPANTS} AND a.person_id = $2"
        )))
        .bind(programme.as_str())
        .bind(person.as_str())
        .fetch_optional(&mut *conn)
        .await?,
    )
}

/// An event the person takes part in or hosts visits for, as their own list shows it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MyEvent {
    pub programme_id: String,
    pub title: String,
    pub rankings_close_at: i64,
    pub published_at: Option<i64>,
    /// The host they are the contact for; `None` when they take part.
    pub host_id: Option<String>,
    pub host_name: Option<String>,
}

/// The events with a plan where the person has an accepted place, then those where they are a
/// host's contact, each by title; one statement.
pub async fn events_of_person(conn: &mut Conn, person: &Id) -> Result<Vec<MyEvent>> {
    Ok(sqlx::query_as::<_, MyEvent>(
        "SELECT * FROM (\
           SELECT e.programme_id, g.title, e.rankings_close_at, e.published_at, \
                  CAST(NULL AS TEXT) AS host_id, CAST(NULL AS TEXT) AS host_name \
           FROM event_plans e JOIN programmes g ON g.id = e.programme_id \
           JOIN applications a ON a.programme_id = e.programme_id \
           WHERE a.person_id = $1 AND a.state = 'accepted' \
           UNION ALL \
           SELECT e.programme_id, g.title, e.rankings_close_at, e.published_at, h.id, h.name \
           FROM event_hosts h JOIN event_plans e ON e.programme_id = h.programme_id \
           JOIN programmes g ON g.id = e.programme_id \
           WHERE h.contact_person_id = $1\
         ) mine ORDER BY host_id IS NOT NULL, title, programme_id, host_name",
    )
    .bind(person.as_str())
    .fetch_all(&mut *conn)
    .await?)
}
