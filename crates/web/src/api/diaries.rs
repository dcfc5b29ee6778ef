//! Diaries and the themes report over the API: the same actions and the same confidentiality
//! as the pages (an entry the caller may not read is 404, like one that does not exist).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use revans_app::diaries::diary_pages::{Entry, diary_page};

use crate::api::contracts::diaries::{EntryIn, EntryUpdateIn, Sharing};
use crate::api::pagination::{PageParams, Window, encode_cursor};
use crate::api::programmes::Created;
use crate::api::{ApiJson, ApiQuery};
use crate::auth::{ApiCaller, ClientIp};
use crate::error::{ApiResult, AppError};
use crate::path_id::PathId;
use crate::state::AppState;
use revans_app::Actor;
use revans_app::diaries::entries::{EntryInput, create, edit, read};
use revans_app::diaries::themes::themes as themes_report;

fn rfc3339(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct EntryOut {
    pub id: String,
    pub author_id: String,
    pub author_name: String,
    /// `diary` (learning diary) or `log` (a facilitator's reflective log).
    pub kind: String,
    pub set_id: Option<String>,
    /// The meeting or problem of that set the entry is about, if any.
    pub meeting_id: Option<String>,
    pub problem_id: Option<String>,
    /// diary: private, facilitator or set; log: private or supervisor.
    pub sharing: String,
    pub body: String,
    /// RFC 3339, UTC.
    pub created_at: String,
    pub updated_at: String,
}

impl From<Entry> for EntryOut {
    fn from(e: Entry) -> Self {
        Self {
            id: e.id.to_string(),
            author_id: e.author_id.to_string(),
            author_name: e.author_name,
            kind: e.kind,
            set_id: e.set_id.map(|s| s.to_string()),
            meeting_id: e.meeting_id.map(|s| s.to_string()),
            problem_id: e.problem_id.map(|s| s.to_string()),
            sharing: e.sharing,
            body: e.body,
            created_at: rfc3339(e.created_at),
            updated_at: rfc3339(e.updated_at),
        }
    }
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct DiaryOut {
    /// The caller's own entries, newest first: up to `limit`.
    pub mine: Vec<EntryOut>,
    /// Entries others shared with the caller, newest first: up to `limit`.
    pub shared_with_me: Vec<EntryOut>,
    /// Whether either list goes on: ask again with `cursor` = `next_cursor`.
    pub has_more: bool,
    /// Continues both lists where this page stopped; null on the last page.
    pub next_cursor: Option<String>,
}

/// Where one list stopped: the `(created_at, id)` of its last entry sent.
type Position = Option<(i64, String)>;

/// A diary cursor holds both lists' positions, `at:id|at:id` (a side is empty before its
/// first entry).
fn positions(after: Option<&str>) -> Result<(Position, Position), AppError> {
    let Some(after) = after else {
        return Ok((None, None));
    };
    let one = |part: &str| -> Result<Position, AppError> {
        if part.is_empty() {
            return Ok(None);
        }
        part.split_once(':')
            .and_then(|(at, id)| Some((at.parse().ok()?, id.to_owned())))
            .map(Some)
            .ok_or_else(Window::foreign)
    };
    let (mine, shared) = after.split_once('|').ok_or_else(Window::foreign)?;
    Ok((one(mine)?, one(shared)?))
}

/// Up to `limit` entries after `from`, whether there are more, and where the list now stops.
fn take(mut rows: Vec<Entry>, limit: usize, from: Position) -> (Vec<EntryOut>, bool, Position) {
    let more = rows.len() > limit;
    rows.truncate(limit);
    let at = rows
        .last()
        .map(|e| (e.created_at, e.id.to_string()))
        .or(from);
    (rows.into_iter().map(Into::into).collect(), more, at)
}

fn before(p: &Position) -> Option<(i64, &str)> {
    p.as_ref().map(|(at, id)| (*at, id.as_str()))
}

fn key(p: &Position) -> String {
    p.as_ref()
        .map(|(at, id)| format!("{at}:{id}"))
        .unwrap_or_default()
}

/// The caller's diary (or reflective log) and the entries shared with them, newest first, a
/// page at a time: up to `limit` of each, and one cursor that continues both.
#[utoipa::path(get, path = "/api/v1/diary", tag = "diary", params(PageParams),
    responses((status = 200, body = DiaryOut), (status = 401, body = crate::error_pages::ErrorBody)),
    security(("token" = [])))]
pub async fn list(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ApiQuery(params): ApiQuery<PageParams>,
) -> ApiResult<Json<DiaryOut>> {
    let window = params.window()?;
    let (mine_from, shared_from) = positions(window.after.as_deref())?;
    let fetch = window.limit as i64 + 1;
    let (mine, shared) = diary_page(
        &state,
        &viewer,
        before(&mine_from),
        before(&shared_from),
        fetch,
    )
    .await?;
    let (mine, mine_more, mine_at) = take(mine, window.limit, mine_from);
    let (shared, shared_more, shared_at) = take(shared, window.limit, shared_from);
    let has_more = mine_more || shared_more;
    Ok(Json(DiaryOut {
        mine,
        shared_with_me: shared,
        has_more,
        next_cursor: has_more
            .then(|| encode_cursor(&format!("{}|{}", key(&mine_at), key(&shared_at)))),
    }))
}

/// Writes an entry: a learning diary entry, or a reflective log entry for facilitators.
#[utoipa::path(post, path = "/api/v1/diary", tag = "diary", request_body = EntryIn,
    responses((status = 201, body = Created), (status = 422, body = crate::error_pages::ErrorBody)),
    security(("token" = [])))]
pub async fn create_entry(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ClientIp(ip): ClientIp,
    ApiJson(body): ApiJson<EntryIn>,
) -> ApiResult<(StatusCode, Json<Created>)> {
    let input = EntryInput {
        body: body.body,
        set_id: body.set_id.unwrap_or_default(),
        sharing: Sharing::word(body.sharing),
        about: body.about.unwrap_or_default(),
        share_again: String::new(),
    };
    let id = create(
        &state,
        &Actor {
            viewer: &viewer,
            ip: &ip,
        },
        &input,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(Created { id: id.to_string() })))
}

/// Changes the caller's own entry: its text and who may read it. Anyone else's is 404.
#[utoipa::path(put, path = "/api/v1/diary/{id}", tag = "diary", request_body = EntryUpdateIn,
    params(("id" = String, Path, description = "The entry's id")),
    responses((status = 204), (status = 404, body = crate::error_pages::ErrorBody), (status = 422, body = crate::error_pages::ErrorBody)),
    security(("token" = [])))]
pub async fn update_entry(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<EntryUpdateIn>,
) -> ApiResult<StatusCode> {
    let input = EntryInput {
        body: body.body,
        sharing: Sharing::word(body.sharing),
        share_again: if body.share_again {
            "yes".into()
        } else {
            String::new()
        },
        ..EntryInput::default()
    };
    edit(
        &state,
        &Actor {
            viewer: &viewer,
            ip: &ip,
        },
        &id,
        &input,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// One entry, if the caller wrote it or it was shared with them; 404 otherwise.
#[utoipa::path(get, path = "/api/v1/diary/{id}", tag = "diary",
    params(("id" = String, Path, description = "The entry's id")),
    responses((status = 200, body = EntryOut), (status = 404, body = crate::error_pages::ErrorBody)),
    security(("token" = [])))]
pub async fn show(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    PathId(id): PathId,
) -> ApiResult<Json<EntryOut>> {
    Ok(Json(read(&state, &viewer, id.as_str()).await?.into()))
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ThemeCountOut {
    pub theme: String,
    /// The count rounded to the nearest 5; null when 1 to 7 problems (hidden).
    pub count: Option<u32>,
    /// As a page shows it: the number, or "Fewer than 8".
    pub shown: String,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ThemesOut {
    pub themes: Vec<ThemeCountOut>,
    /// The sum of the published counts, after suppression and rounding.
    pub total: u32,
    pub rule: String,
}

/// Problems per theme across the caller's sets, with NHS Digital's small-number rule applied.
/// Programme leads and evaluators only.
#[utoipa::path(get, path = "/api/v1/reports/themes", tag = "reports",
    responses((status = 200, body = ThemesOut), (status = 403, body = crate::error_pages::ErrorBody)),
    security(("token" = [])))]
pub async fn themes(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
) -> ApiResult<Json<ThemesOut>> {
    let report = themes_report(&state, &viewer).await?;
    Ok(Json(ThemesOut {
        themes: report
            .rows
            .into_iter()
            .map(|r| ThemeCountOut {
                shown: r
                    .count
                    .map_or_else(|| "Fewer than 8".to_owned(), |n| n.to_string()),
                theme: r.theme,
                count: r.count,
            })
            .collect(),
        total: report.total,
        rule: "Counts of 1 to 7 are hidden; the rest are rounded to the nearest 5; the total \
               adds up the published counts only."
            .into(),
    }))
}

crate::api::pagination::page_of!(
    SetsOverviewOut,
    revans_app::sets::sets_overview::CohortSetsRow,
    "the sets overview's cohorts (every cohort of up to `limit` programmes)"
);

/// How the sets are going, per cohort: counts and rates only (leads and evaluators). Paged by
/// programme: `limit` counts programmes (by title), and a page holds every cohort of each.
#[utoipa::path(get, path = "/api/v1/reports/sets", tag = "reports",
    params(crate::api::pagination::PageParams),
    responses((status = 200, body = SetsOverviewOut), (status = 403, body = crate::error_pages::ErrorBody)),
    security(("token" = [])))]
pub async fn sets_overview(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    crate::api::ApiQuery(params): crate::api::ApiQuery<crate::api::pagination::PageParams>,
) -> ApiResult<Json<SetsOverviewOut>> {
    let window = params.window()?;
    let seek = match window.after.as_deref() {
        None => revans_app::paging::Seek::First,
        Some(key) => revans_app::paging::Seek::After(
            crate::paging::id_then_text(key).ok_or_else(crate::api::pagination::Window::foreign)?,
        ),
    };
    let page = revans_app::sets::sets_overview::overview_page(&state, &viewer, &seek, window.limit)
        .await?;
    let next_cursor = page
        .programmes
        .has_next
        .then(|| page.programmes.items.last())
        .flatten()
        .map(|(id, title)| crate::api::pagination::encode_cursor(&format!("{id}:{title}")));
    Ok(Json(SetsOverviewOut {
        items: page.rows,
        has_more: page.programmes.has_next,
        next_cursor,
    }))
}
