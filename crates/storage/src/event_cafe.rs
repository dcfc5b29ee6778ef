//! Cafe conversations at an immersion event (C8): guest leaders, the rota last made and its
//! seats. One statement per read; seats are written in multi-row inserts.

use revans_domain::Id;

use crate::{Conn, Result, new_id, now_ms};

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Guest {
    pub id: String,
    pub name: String,
    pub role: String,
}

/// Adds a guest; `None` when the event already has a guest of that name.
pub async fn insert_guest(
    conn: &mut Conn,
    programme: &Id,
    name: &str,
    role: &str,
) -> Result<Option<Id>> {
    let id = new_id();
    let done = sqlx::query(
        "INSERT INTO event_cafe_guests (id, programme_id, name, role, created_at) \
         SELECT $1, $2, $3, $4, $5 WHERE NOT EXISTS \
         (SELECT 1 FROM event_cafe_guests WHERE programme_id = $2 AND name = $3)",
    )
    .bind(id.as_str())
    .bind(programme.as_str())
    .bind(name)
    .bind(role)
    .bind(now_ms())
    .execute(&mut *conn)
    .await?;
    Ok((done.rows_affected() == 1).then_some(id))
}

/// The event's guests in the order they were added (their table numbers).
pub async fn guests(conn: &mut Conn, programme: &Id) -> Result<Vec<Guest>> {
    Ok(sqlx::query_as::<_, Guest>(
        "SELECT id, name, role FROM event_cafe_guests WHERE programme_id = $1 \
         ORDER BY created_at, id",
    )
    .bind(programme.as_str())
    .fetch_all(&mut *conn)
    .await?)
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Rota {
    pub rounds: i64,
    pub repeats: i64,
    pub lower_bound: i64,
    pub made_at: i64,
}

pub async fn rota(conn: &mut Conn, programme: &Id) -> Result<Option<Rota>> {
    Ok(sqlx::query_as::<_, Rota>(
        "SELECT rounds, repeats, lower_bound, made_at FROM event_cafe_rotas \
         WHERE programme_id = $1",
    )
    .bind(programme.as_str())
    .fetch_optional(&mut *conn)
    .await?)
}

/// Replaces the rota: `seats` are (round from 1, person, guest).
pub async fn replace_rota(
    conn: &mut Conn,
    programme: &Id,
    rota: &Rota,
    seats: &[(i64, Id, Id)],
) -> Result<()> {
    sqlx::query("DELETE FROM event_cafe_seats WHERE programme_id = $1")
        .bind(programme.as_str())
        .execute(&mut *conn)
        .await?;
    for chunk in seats.chunks(200) {
        let marks: Vec<String> = (0..chunk.len())
            .map(|i| format!("($1, ${}, ${}, ${})", 2 + 3 * i, 3 + 3 * i, 4 + 3 * i))
            .collect();
        let mut q = sqlx::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO event_cafe_seats (programme_id, round_no, person_id, guest_id) VALUES {}",
            marks.join(", ")
        )))
        .bind(programme.as_str());
        for (round, person, guest) in chunk {
            q = q.bind(*round).bind(person.as_str()).bind(guest.as_str());
        }
        q.execute(&mut *conn).await?;
    }
    sqlx::query(
        "INSERT INTO event_cafe_rotas (programme_id, rounds, repeats, lower_bound, made_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (programme_id) DO UPDATE SET \
         rounds = excluded.rounds, repeats = excluded.repeats, \
         lower_bound = excluded.lower_bound, made_at = excluded.made_at",
    )
    .bind(programme.as_str())
    .bind(rota.rounds)
    .bind(rota.repeats)
    .bind(rota.lower_bound)
    .bind(rota.made_at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Seat {
    pub round_no: i64,
    pub person_id: String,
    pub person_name: String,
    pub guest_id: String,
}

const SEATS: &str = "SELECT s.round_no, s.person_id, p.name AS person_name, s.guest_id \
     FROM event_cafe_seats s JOIN people p ON p.id = s.person_id";

/// Every seat of the event, by round, then name.
pub async fn seats(conn: &mut Conn, programme: &Id) -> Result<Vec<Seat>> {
    Ok(sqlx::query_as::<_, Seat>(sqlx::AssertSqlSafe(format!(
        "{SEATS} WHERE s.programme_id = $1 ORDER BY s.round_no, p.name, s.person_id"
    )))
    .bind(programme.as_str())
    .fetch_all(&mut *conn)
    .await?)
}

/// One person's seats, by round.
pub async fn seats_of(conn: &mut Conn, programme: &Id, person: &Id) -> Result<Vec<Seat>> {
    Ok(sqlx::query_as::<_, Seat>(sqlx::AssertSqlSafe(format!(
        "{SEATS} WHERE s.programme_id = $1 AND s.person_id = $2 ORDER BY s.round_no"
    )))
    .bind(programme.as_str())
    .bind(person.as_str())
    .fetch_all(&mut *conn)
    .await?)
}
