//! Programmes in the catalogue and their nomination caps. Lists (outcomes, eligibility
//! statements, questions) are JSON text so both backends store them alike.

use std::str::FromStr;

use revans_domain::{AllocationRule, DeliveryMode, Id, ProgrammeKind, ProgrammeStatus};

use crate::organisations::TREE_CTE;
use crate::{Conn, Result, StoreError, new_id, now_ms};

/// Everything a programme lead writes about a programme, already validated.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ProgrammeFields {
    pub title: String,
    pub summary: String,
    pub description: String,
    pub kind: ProgrammeKind,
    pub outcomes: Vec<String>,
    /// Who is best to attend.
    pub audience: String,
    pub leads: String,
    pub fee_pence: i64,
    pub cpd_minutes: i64,
    pub delivery_mode: DeliveryMode,
    pub delivery_detail: String,
    /// Statements every applicant must confirm.
    pub eligibility: Vec<String>,
    /// Further confirmations ("I have discussed this with my HR/OD lead").
    pub confirmations: Vec<String>,
    /// Free-text questions on the application form.
    pub questions: Vec<String>,
    /// Timeline phases, one line each ("Scoping: months 1-2").
    pub phases: Vec<String>,
    pub follow_on_id: Option<Id>,
    pub requires_sponsor_approval: bool,
    pub allocation_rule: AllocationRule,
    pub lottery_seed: i64,
    pub offer_valid_days: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Programme {
    pub id: Id,
    pub organisation_id: Id,
    pub organisation_name: String,
    pub status: ProgrammeStatus,
    pub fields: ProgrammeFields,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    organisation_id: String,
    organisation_name: String,
    title: String,
    summary: String,
    description: String,
    kind: String,
    outcomes: String,
    audience: String,
    leads: String,
    fee_pence: i64,
    cpd_minutes: i64,
    delivery_mode: String,
    delivery_detail: String,
    eligibility: String,
    confirmations: String,
    questions: String,
    phases: String,
    follow_on_id: Option<String>,
    /// 0 or 1: sqlx's Any driver cannot decode SQLite booleans, so SELECT casts them.
    requires_sponsor_approval: i64,
    allocation_rule: String,
    lottery_seed: i64,
    offer_valid_days: i64,
    status: String,
    created_at: i64,
    updated_at: i64,
}

fn list(raw: &str) -> Result<Vec<String>> {
    serde_json::from_str(raw).map_err(|e| StoreError::Corrupt(format!("a stored list: {e}")))
}

fn json(items: &[String]) -> String {
    serde_json::to_string(items).unwrap_or_else(|_| "[]".into())
}

fn corrupt(e: revans_domain::ValidationError) -> StoreError {
    StoreError::Corrupt(e.message)
}

impl TryFrom<Row> for Programme {
    type Error = StoreError;

    fn try_from(r: Row) -> Result<Self> {
        Ok(Self {
            id: Id::from_trusted(r.id),
            organisation_id: Id::from_trusted(r.organisation_id),
            organisation_name: r.organisation_name,
            status: ProgrammeStatus::from_str(&r.status).map_err(corrupt)?,
            fields: ProgrammeFields {
                title: r.title,
                summary: r.summary,
                description: r.description,
                kind: ProgrammeKind::from_str(&r.kind).map_err(corrupt)?,
                outcomes: list(&r.outcomes)?,
                audience: r.audience,
                leads: r.leads,
                fee_pence: r.fee_pence,
                cpd_minutes: r.cpd_minutes,
                delivery_mode: DeliveryMode::from_str(&r.delivery_mode).map_err(corrupt)?,
                delivery_detail: r.delivery_detail,
                eligibility: list(&r.eligibility)?,
                confirmations: list(&r.confirmations)?,
                questions: list(&r.questions)?,
                phases: list(&r.phases)?,
                follow_on_id: r.follow_on_id.map(Id::from_trusted),
                requires_sponsor_approval: r.requires_sponsor_approval != 0,
                allocation_rule: AllocationRule::from_str(&r.allocation_rule).map_err(corrupt)?,
                lottery_seed: r.lottery_seed,
                offer_valid_days: r.offer_valid_days,
            },
            created_at: r.created_at,
            updated_at: r.updated_at,
        })
    }
}

const SELECT: &str = "SELECT p.id, p.organisation_id, o.name AS organisation_name, p.title, p.summary, \
     p.description, p.kind, p.outcomes, p.audience, p.leads, p.fee_pence, p.cpd_minutes, \
     p.delivery_mode, p.delivery_detail, p.eligibility, p.confirmations, p.questions, p.phases, \
     p.follow_on_id, CAST(CASE WHEN p.requires_sponsor_approval THEN 1 ELSE 0 END AS BIGINT) \
     AS requires_sponsor_approval, p.allocation_rule, p.lottery_seed, \
     p.offer_valid_days, p.status, p.created_at, p.updated_at \
     FROM programmes p JOIN organisations o ON o.id = p.organisation_id";

fn rows(rows: Vec<Row>) -> Result<Vec<Programme>> {
    rows.into_iter().map(Programme::try_from).collect()
}

/// A new programme, in draft.
pub async fn insert(conn: &mut Conn, organisation_id: &Id, f: &ProgrammeFields) -> Result<Id> {
    let id = new_id();
    let now = now_ms();
    sqlx::query(
        "INSERT INTO programmes (id, organisation_id, title, summary, description, kind, outcomes, \
         audience, leads, fee_pence, cpd_minutes, delivery_mode, delivery_detail, eligibility, \
         confirmations, questions, phases, follow_on_id, requires_sponsor_approval, allocation_rule, \
         lottery_seed, offer_valid_days, status, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, \
         $19, $20, $21, $22, $23, $24, $24)",
    )
    .bind(id.as_str())
    .bind(organisation_id.as_str())
    .bind(&f.title)
    .bind(&f.summary)
    .bind(&f.description)
    .bind(f.kind.as_str())
    .bind(json(&f.outcomes))
    .bind(&f.audience)
    .bind(&f.leads)
    .bind(f.fee_pence)
    .bind(f.cpd_minutes)
    .bind(f.delivery_mode.as_str())
    .bind(&f.delivery_detail)
    .bind(json(&f.eligibility))
    .bind(json(&f.confirmations))
    .bind(json(&f.questions))
    .bind(json(&f.phases))
    .bind(f.follow_on_id.as_ref().map(Id::as_str))
    .bind(f.requires_sponsor_approval)
    .bind(f.allocation_rule.as_str())
    .bind(f.lottery_seed)
    .bind(f.offer_valid_days)
    .bind(ProgrammeStatus::Draft.as_str())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

pub async fn update(conn: &mut Conn, id: &Id, f: &ProgrammeFields) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE programmes SET title = $1, summary = $2, description = $3, kind = $4, outcomes = $5, \
         audience = $6, leads = $7, fee_pence = $8, cpd_minutes = $9, delivery_mode = $10, \
         delivery_detail = $11, eligibility = $12, confirmations = $13, questions = $14, phases = $15, \
         follow_on_id = $16, requires_sponsor_approval = $17, allocation_rule = $18, \
         lottery_seed = $19, offer_valid_days = $20, updated_at = $21 WHERE id = $22",
    )
    .bind(&f.title)
    .bind(&f.summary)
    .bind(&f.description)
    .bind(f.kind.as_str())
    .bind(json(&f.outcomes))
    .bind(&f.audience)
    .bind(&f.leads)
    .bind(f.fee_pence)
    .bind(f.cpd_minutes)
    .bind(f.delivery_mode.as_str())
    .bind(&f.delivery_detail)
    .bind(json(&f.eligibility))
    .bind(json(&f.confirmations))
    .bind(json(&f.questions))
    .bind(json(&f.phases))
    .bind(f.follow_on_id.as_ref().map(Id::as_str))
    .bind(f.requires_sponsor_approval)
    .bind(f.allocation_rule.as_str())
    .bind(f.lottery_seed)
    .bind(f.offer_valid_days)
    .bind(now_ms())
    .bind(id.as_str())
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn set_status(conn: &mut Conn, id: &Id, status: ProgrammeStatus) -> Result<bool> {
    let done = sqlx::query("UPDATE programmes SET status = $1, updated_at = $2 WHERE id = $3")
        .bind(status.as_str())
        .bind(now_ms())
        .bind(id.as_str())
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn get(conn: &mut Conn, id: &Id) -> Result<Option<Programme>> {
    let sql = format!("{SELECT} WHERE p.id = $1");
    let row = sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql))
        .bind(id.as_str())
        .fetch_optional(&mut *conn)
        .await?;
    row.map(Programme::try_from).transpose()
}

/// Programmes run by `root` or an organisation below it, newest first.
pub async fn list_in_tree(conn: &mut Conn, root: &Id) -> Result<Vec<Programme>> {
    let sql = format!(
        "{TREE_CTE} {SELECT} JOIN tree t ON t.id = p.organisation_id ORDER BY p.created_at DESC, p.id"
    );
    rows(
        sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql))
            .bind(root.as_str())
            .fetch_all(&mut *conn)
            .await?,
    )
}

/// Every published programme, for the public catalogue, by title.
pub async fn list_published(conn: &mut Conn) -> Result<Vec<Programme>> {
    let sql = format!("{SELECT} WHERE p.status = $1 ORDER BY p.title, p.id");
    rows(
        sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql))
            .bind(ProgrammeStatus::Published.as_str())
            .fetch_all(&mut *conn)
            .await?,
    )
}

/// One page of the published programmes by title (ties by id), for the catalogue's keyset
/// pages: at most `limit` after the `(title, id)` key `from` (or before it, nearest first,
/// when `dir` is `Backward`).
pub async fn published_page(
    conn: &mut Conn,
    from: Option<(&str, &str)>,
    dir: crate::Direction,
    limit: i64,
) -> Result<Vec<Programme>> {
    let (cmp, order) = match dir {
        crate::Direction::Forward => (">", "ASC"),
        crate::Direction::Backward => ("<", "DESC"),
    };
    let seek = if from.is_some() {
        format!("AND (p.title {cmp} $2 OR (p.title = $2 AND p.id {cmp} $3))")
    } else {
        String::new()
    };
    let limit_mark = if from.is_some() { "$4" } else { "$2" };
    let sql = format!(
        "{SELECT} WHERE p.status = $1 {seek} ORDER BY p.title {order}, p.id {order} LIMIT {limit_mark}"
    );
    let mut query = sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql))
        .bind(ProgrammeStatus::Published.as_str());
    if let Some((title, id)) = from {
        query = query.bind(title).bind(id);
    }
    rows(query.bind(limit).fetch_all(&mut *conn).await?)
}

/// Up to `limit` published programmes after the id `after`, by id: the API's keyset.
pub async fn published_after(
    conn: &mut Conn,
    after: Option<&str>,
    limit: i64,
) -> Result<Vec<Programme>> {
    let sql = format!("{SELECT} WHERE p.status = $1 AND p.id > $2 ORDER BY p.id LIMIT $3");
    rows(
        sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql))
            .bind(ProgrammeStatus::Published.as_str())
            .bind(after.unwrap_or(""))
            .bind(limit)
            .fetch_all(&mut *conn)
            .await?,
    )
}

/// A nomination cap: (organisation id, organisation name, cap).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NominationCap {
    pub organisation_id: Id,
    pub organisation_name: String,
    pub cap: i64,
}

/// Sets (or with `None` removes) an organisation's cap for the programme.
pub async fn set_cap(
    conn: &mut Conn,
    programme_id: &Id,
    organisation_id: &Id,
    cap: Option<i64>,
) -> Result<()> {
    sqlx::query("DELETE FROM nomination_caps WHERE programme_id = $1 AND organisation_id = $2")
        .bind(programme_id.as_str())
        .bind(organisation_id.as_str())
        .execute(&mut *conn)
        .await?;
    if let Some(cap) = cap {
        sqlx::query(
            "INSERT INTO nomination_caps (programme_id, organisation_id, cap) VALUES ($1, $2, $3)",
        )
        .bind(programme_id.as_str())
        .bind(organisation_id.as_str())
        .bind(cap)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

pub async fn caps(conn: &mut Conn, programme_id: &Id) -> Result<Vec<NominationCap>> {
    let rows: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT c.organisation_id, o.name, c.cap FROM nomination_caps c \
         JOIN organisations o ON o.id = c.organisation_id WHERE c.programme_id = $1 ORDER BY o.name",
    )
    .bind(programme_id.as_str())
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, cap)| NominationCap {
            organisation_id: Id::from_trusted(id),
            organisation_name: name,
            cap,
        })
        .collect())
}
