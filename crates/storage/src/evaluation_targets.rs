//! A programme's evaluation targets (issue 14, C9): a measure with its baseline, the target
//! value and the date to meet it by, and later the value measured. Numbers are kept as integers
//! scaled by `SCALE` (exact on both backends); dates as ISO `YYYY-MM-DD` text.

use jiff::civil::Date;
use revans_domain::Id;

use crate::{Conn, Result, new_id, now_ms};

/// Stored numbers are the value times this: four decimal places, exact.
pub const SCALE: i64 = 10_000;

/// What the lead writes about a target, already validated (numbers scaled by `SCALE`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetFields {
    pub measure: String,
    pub unit: Option<String>,
    pub baseline: i64,
    pub target_value: i64,
    pub target_date: Date,
}

/// The value measured at the end, with when it was measured and an optional note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Measurement {
    pub value: i64,
    pub measured_on: Date,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub id: Id,
    pub organisation_id: Id,
    pub programme_id: Id,
    pub fields: TargetFields,
    pub measurement: Option<Measurement>,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    organisation_id: String,
    programme_id: String,
    measure: String,
    unit: Option<String>,
    baseline: i64,
    target_value: i64,
    target_date: String,
    measured_value: Option<i64>,
    measured_on: Option<String>,
    measured_note: Option<String>,
    created_at: i64,
    updated_at: i64,
}

/// The columns of a `Row`, as a literal so each query stays a `&'static str`.
macro_rules! select_targets {
    ($rest:literal) => {
        concat!(
            "SELECT id, organisation_id, programme_id, measure, unit, baseline, target_value, \
             target_date, measured_value, measured_on, measured_note, created_at, updated_at \
             FROM evaluation_targets ",
            $rest
        )
    };
}

/// A stored date, or an error if the row holds something that is not one (never written by us).
fn date(raw: &str) -> Result<Date> {
    raw.parse::<Date>()
        .map_err(|e| crate::StoreError::Corrupt(format!("evaluation target date {raw:?}: {e}")))
}

impl Row {
    fn into_target(self) -> Result<Target> {
        let measurement = match (self.measured_value, self.measured_on) {
            (Some(value), Some(on)) => Some(Measurement {
                value,
                measured_on: date(&on)?,
                note: self.measured_note,
            }),
            _ => None,
        };
        Ok(Target {
            id: Id::from_trusted(self.id),
            organisation_id: Id::from_trusted(self.organisation_id),
            programme_id: Id::from_trusted(self.programme_id),
            fields: TargetFields {
                measure: self.measure,
                unit: self.unit,
                baseline: self.baseline,
                target_value: self.target_value,
                target_date: date(&self.target_date)?,
            },
            measurement,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

/// Adds a target to a programme; the organisation is the programme's (the tenant's).
pub async fn insert(
    conn: &mut Conn,
    organisation_id: &Id,
    programme_id: &Id,
    f: &TargetFields,
) -> Result<Id> {
    let id = new_id();
    let now = now_ms();
    sqlx::query(
        "INSERT INTO evaluation_targets (id, organisation_id, programme_id, measure, unit, \
         baseline, target_value, target_date, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)",
    )
    .bind(id.as_str())
    .bind(organisation_id.as_str())
    .bind(programme_id.as_str())
    .bind(&f.measure)
    .bind(f.unit.as_deref())
    .bind(f.baseline)
    .bind(f.target_value)
    .bind(f.target_date.to_string())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

pub async fn get(conn: &mut Conn, id: &Id) -> Result<Option<Target>> {
    let row: Option<Row> = sqlx::query_as(select_targets!("WHERE id = $1"))
        .bind(id.as_str())
        .fetch_optional(&mut *conn)
        .await?;
    row.map(Row::into_target).transpose()
}

/// A programme's targets in one query, soonest target date first.
pub async fn list_for_programme(conn: &mut Conn, programme_id: &Id) -> Result<Vec<Target>> {
    let rows: Vec<Row> = sqlx::query_as(select_targets!(
        "WHERE programme_id = $1 ORDER BY target_date, id"
    ))
    .bind(programme_id.as_str())
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter().map(Row::into_target).collect()
}

/// Replaces what the lead wrote; a recorded measurement stays. False when there is no such row.
pub async fn update(conn: &mut Conn, id: &Id, f: &TargetFields) -> Result<bool> {
    Ok(sqlx::query(
        "UPDATE evaluation_targets SET measure = $2, unit = $3, baseline = $4, \
         target_value = $5, target_date = $6, updated_at = $7 WHERE id = $1",
    )
    .bind(id.as_str())
    .bind(&f.measure)
    .bind(f.unit.as_deref())
    .bind(f.baseline)
    .bind(f.target_value)
    .bind(f.target_date.to_string())
    .bind(now_ms())
    .execute(&mut *conn)
    .await?
    .rows_affected()
        == 1)
}

/// Records (or replaces) the measured value. False when there is no such row.
pub async fn record_measurement(conn: &mut Conn, id: &Id, m: &Measurement) -> Result<bool> {
    Ok(sqlx::query(
        "UPDATE evaluation_targets SET measured_value = $2, measured_on = $3, \
         measured_note = $4, updated_at = $5 WHERE id = $1",
    )
    .bind(id.as_str())
    .bind(m.value)
    .bind(m.measured_on.to_string())
    .bind(m.note.as_deref())
    .bind(now_ms())
    .execute(&mut *conn)
    .await?
    .rows_affected()
        == 1)
}

/// Removes a target. False when there was no such row.
pub async fn delete(conn: &mut Conn, id: &Id) -> Result<bool> {
    Ok(sqlx::query("DELETE FROM evaluation_targets WHERE id = $1")
        .bind(id.as_str())
        .execute(&mut *conn)
        .await?
        .rows_affected()
        == 1)
}
