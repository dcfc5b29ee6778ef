//! Interests in masterclasses (C10, issue 16): what people in sets and circles would like a
//! masterclass on, the lead's counts per topic across an organisation tree, the topics turned
//! into masterclasses and whom Revans invited. Who asked is read only to send invitations.

use revans_domain::Id;

use crate::organisations::TREE_CTE;
use crate::{Conn, Result, new_id, now_ms};

/// A set the person is a current member of, or a circle they are booked on or attended: where
/// they may record an interest, with the topics offered there.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Source {
    /// `set` or `circle`.
    pub kind: String,
    pub id: String,
    pub name: String,
    /// The organisation running the set's programme or the circle.
    pub organisation_id: String,
    /// The circle's topic tags, comma-separated (empty for a set).
    pub topics: String,
    /// The theme vocabulary of that organisation, one per line (empty when none).
    pub vocabulary: String,
}

const SOURCES: &str = "SELECT 'set' AS kind, s.id AS id, s.name AS name, \
     p.organisation_id AS organisation_id, '' AS topics, \
     COALESCE((SELECT v.themes FROM theme_vocabularies v \
               WHERE v.organisation_id = p.organisation_id), '') AS vocabulary \
     FROM set_members m JOIN action_sets s ON s.id = m.set_id \
     JOIN cohorts c ON c.id = s.cohort_id JOIN programmes p ON p.id = c.programme_id \
     WHERE m.person_id = $1 AND m.left_at IS NULL AND s.status = 'published' \
     UNION ALL \
     SELECT 'circle' AS kind, ci.id AS id, ci.title AS name, ci.organisation_id AS organisation_id, \
     ci.topics AS topics, \
     COALESCE((SELECT v.themes FROM theme_vocabularies v \
               WHERE v.organisation_id = ci.organisation_id), '') AS vocabulary \
     FROM circles ci \
     WHERE EXISTS (SELECT 1 FROM circle_bookings b WHERE b.circle_id = ci.id \
                   AND b.person_id = $1 AND b.status = 'booked') \
        OR EXISTS (SELECT 1 FROM circle_attendance a WHERE a.circle_id = ci.id \
                   AND a.person_id = $1 AND a.present) \
     ORDER BY 1, 3, 2";

/// Every set and circle where the person may record an interest, in one statement.
pub async fn sources_for(conn: &mut Conn, person: &Id) -> Result<Vec<Source>> {
    Ok(sqlx::query_as::<_, Source>(SOURCES)
        .bind(person.as_str())
        .fetch_all(&mut *conn)
        .await?)
}

/// One of the person's interests, as they see it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct MyInterest {
    pub id: String,
    pub topic: String,
    /// `set` or `circle`.
    pub source_kind: String,
    pub source_id: String,
    pub source_name: String,
    pub created_at: i64,
}

/// The person's own interests, oldest first.
pub async fn mine(conn: &mut Conn, person: &Id) -> Result<Vec<MyInterest>> {
    Ok(sqlx::query_as::<_, MyInterest>(
        "SELECT i.id, i.topic, \
         CASE WHEN i.set_id IS NULL THEN 'circle' ELSE 'set' END AS source_kind, \
         COALESCE(i.set_id, i.circle_id) AS source_id, \
         COALESCE(s.name, c.title, '') AS source_name, i.created_at \
         FROM masterclass_interests i \
         LEFT JOIN action_sets s ON s.id = i.set_id \
         LEFT JOIN circles c ON c.id = i.circle_id \
         WHERE i.person_id = $1 ORDER BY i.created_at, i.id",
    )
    .bind(person.as_str())
    .fetch_all(&mut *conn)
    .await?)
}

/// An interest to record, already checked by the app layer.
pub struct NewInterest<'a> {
    pub person_id: &'a Id,
    /// Exactly one of `set_id` and `circle_id`.
    pub set_id: Option<&'a Id>,
    pub circle_id: Option<&'a Id>,
    pub organisation_id: &'a Id,
    pub topic: &'a str,
}

/// Records the interest; `None` when the person already asked for this topic there.
pub async fn insert(conn: &mut Conn, new: &NewInterest<'_>) -> Result<Option<Id>> {
    let id = new_id();
    let done = sqlx::query(
        "INSERT INTO masterclass_interests \
         (id, person_id, set_id, circle_id, organisation_id, topic, created_at) \
         SELECT $1, $2, $3, $4, $5, $6, $7 WHERE NOT EXISTS (\
           SELECT 1 FROM masterclass_interests WHERE person_id = $2 AND topic = $6 \
           AND ((set_id IS NOT NULL AND set_id = $3) OR (circle_id IS NOT NULL AND circle_id = $4)))",
    )
    .bind(id.as_str())
    .bind(new.person_id.as_str())
    .bind(new.set_id.map(Id::as_str))
    .bind(new.circle_id.map(Id::as_str))
    .bind(new.organisation_id.as_str())
    .bind(new.topic)
    .bind(now_ms())
    .execute(&mut *conn)
    .await?;
    Ok((done.rows_affected() == 1).then_some(id))
}

/// Withdraws one of the person's own interests: false when it is not theirs (or gone).
pub async fn withdraw(conn: &mut Conn, person: &Id, id: &Id) -> Result<bool> {
    let done = sqlx::query("DELETE FROM masterclass_interests WHERE id = $1 AND person_id = $2")
        .bind(id.as_str())
        .bind(person.as_str())
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// One topic across a tree: how many different people asked (raw: the app layer publishes it
/// under the small-number rule) and the masterclass made from it, if any.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct TopicCount {
    pub topic: String,
    pub people: i64,
    pub programme_id: Option<String>,
    pub offered_at: Option<i64>,
}

/// Every topic asked for in the sets and circles of `root`'s tree, by topic, in one statement.
pub async fn counts_in_tree(conn: &mut Conn, root: &Id) -> Result<Vec<TopicCount>> {
    // The SQL is constant: only the tree CTE is joined in; every value is bound.
    Ok(sqlx::query_as::<_, TopicCount>(sqlx::AssertSqlSafe(format!(
        "{TREE_CTE} SELECT i.topic, COUNT(DISTINCT i.person_id) AS people, \
         o.programme_id, o.offered_at \
         FROM masterclass_interests i \
         LEFT JOIN masterclass_offers o ON o.organisation_id = $1 AND o.topic = i.topic \
         WHERE i.organisation_id IN (SELECT id FROM tree) \
         GROUP BY i.topic, o.programme_id, o.offered_at ORDER BY i.topic"
    )))
    .bind(root.as_str())
    .fetch_all(&mut *conn)
    .await?)
}

/// Marks the topic as offered by `root`'s lead: false when it already was.
pub async fn mark_offered(
    conn: &mut Conn,
    root: &Id,
    topic: &str,
    programme_id: &Id,
) -> Result<bool> {
    let done = sqlx::query(
        "INSERT INTO masterclass_offers (organisation_id, topic, programme_id, offered_at) \
         SELECT $1, $2, $3, $4 WHERE NOT EXISTS (\
           SELECT 1 FROM masterclass_offers WHERE organisation_id = $1 AND topic = $2)",
    )
    .bind(root.as_str())
    .bind(topic)
    .bind(programme_id.as_str())
    .bind(now_ms())
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Whether `root`'s lead already made a masterclass of the topic, and which.
pub async fn offer_of(conn: &mut Conn, root: &Id, topic: &str) -> Result<Option<Option<Id>>> {
    let row: Option<(Option<String>,)> = sqlx::query_as(
        "SELECT programme_id FROM masterclass_offers WHERE organisation_id = $1 AND topic = $2",
    )
    .bind(root.as_str())
    .bind(topic)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(|(p,)| p.map(Id::from_trusted)))
}

/// Someone Revans is to invite: read only to address the email, never shown to the lead.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Invitee {
    pub person_id: String,
    pub name: String,
    pub email: String,
}

/// The people in `root`'s tree who asked for the topic and were not invited to a masterclass
/// on it before, each once; records their invitation in the same call.
pub async fn invite_askers(
    conn: &mut Conn,
    root: &Id,
    topic: &str,
    programme_id: &Id,
) -> Result<Vec<Invitee>> {
    let invitees = sqlx::query_as::<_, Invitee>(sqlx::AssertSqlSafe(format!(
        "{TREE_CTE} SELECT p.id AS person_id, p.name, p.email FROM people p \
         WHERE p.id IN (SELECT i.person_id FROM masterclass_interests i \
                        WHERE i.topic = $2 AND i.organisation_id IN (SELECT id FROM tree)) \
         AND NOT EXISTS (SELECT 1 FROM masterclass_invitations v \
                         WHERE v.topic = $2 AND v.person_id = p.id) \
         ORDER BY p.id"
    )))
    .bind(root.as_str())
    .bind(topic)
    .fetch_all(&mut *conn)
    .await?;
    let now = now_ms();
    for chunk in invitees.chunks(200) {
        let mut sql = String::from(
            "INSERT INTO masterclass_invitations (topic, person_id, programme_id, sent_at) VALUES ",
        );
        let rows: Vec<String> = (0..chunk.len())
            .map(|i| format!("($1, ${}, $2, $3)", i + 4))
            .collect();
        sql.push_str(&rows.join(", "));
        // Placeholders only: the ids are bound.
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(topic)
            .bind(programme_id.as_str())
            .bind(now);
        for invitee in chunk {
            q = q.bind(invitee.person_id.as_str());
        }
        q.execute(&mut *conn).await?;
    }
    Ok(invitees)
}

/// How many people were invited to a masterclass on the topic (for tests and the sweep-free
/// check that nobody is invited twice).
pub async fn invitations_for(conn: &mut Conn, topic: &str) -> Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM masterclass_invitations WHERE topic = $1")
            .bind(topic)
            .fetch_one(&mut *conn)
            .await?,
    )
}
