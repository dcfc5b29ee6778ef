//! Evaluation (C9) over the API: the same use cases as the pages. A lead adds instruments,
//! plans waves, invites and reminds; leads and evaluators read the plan with response rates
//! and the aggregate results; a respondent reads and answers by the token in their link.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;

use crate::api::ApiJson;
use crate::api::contracts::evaluation::{
    AnswersIn, InstrumentFormat, InstrumentIn, InvitationsIn, WaveIn,
};
use crate::auth::{ApiAdmin, ApiCaller, ClientIp};
use crate::error::ApiResult;
use crate::path_id::PathId;
use crate::state::AppState;
use revans_app::Actor;
use revans_app::evaluation::instruments::{self, NewInstrumentInput};
use revans_app::evaluation::plan::{self, Anonymity, EvaluationPlan, Invited};
use revans_app::evaluation::responding::{self, Answering, Saved, Status};
use revans_app::evaluation::results::{self, EvaluationResults};

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct Created {
    pub id: String,
}

/// The programme's evaluation plan: its waves with response rates (counts after the
/// small-number rule, a rate only over 8 or more people), its tenant's instruments, cohorts.
#[utoipa::path(get, path = "/api/v1/programmes/{id}/evaluation", tag = "evaluation",
    params(("id" = String, Path, description = "The programme's id")),
    responses((status = 200, body = EvaluationPlan)),
    security(("token" = [])))]
pub async fn show_plan(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    PathId(id): PathId,
) -> ApiResult<Json<EvaluationPlan>> {
    Ok(Json(plan::evaluation_plan(&state, &viewer, &id).await?))
}

/// Adds an instrument file to the programme's tenant. 422 names every problem with its line.
#[utoipa::path(post, path = "/api/v1/programmes/{id}/instruments", tag = "evaluation", request_body = InstrumentIn,
    params(("id" = String, Path, description = "The programme's id")),
    responses((status = 201, body = Created)),
    security(("token" = [])))]
pub async fn add_instrument(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<InstrumentIn>,
) -> ApiResult<(StatusCode, Json<Created>)> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let format = match body.format {
        Some(InstrumentFormat::Toml) => "toml",
        Some(InstrumentFormat::Json) => "json",
        None => "",
    };
    let new = instruments::add(
        &state,
        &actor,
        &id,
        NewInstrumentInput {
            format: format.into(),
            source: body.source,
        },
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(Created {
            id: new.to_string(),
        }),
    ))
}

/// Plans a wave: an instrument sent at a point relative to a cohort, or between two dates.
#[utoipa::path(post, path = "/api/v1/programmes/{id}/waves", tag = "evaluation", request_body = WaveIn,
    params(("id" = String, Path, description = "The programme's id")),
    responses((status = 201, body = Created)),
    security(("token" = [])))]
pub async fn plan_wave(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<WaveIn>,
) -> ApiResult<(StatusCode, Json<Created>)> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let wave = plan::plan_wave(&state, &actor, &id, body.into()).await?;
    Ok((
        StatusCode::CREATED,
        Json(Created {
            id: wave.to_string(),
        }),
    ))
}

/// Emails the wave's link to the cohort's participants and/or a list of addresses; someone
/// already invited is not asked twice.
#[utoipa::path(post, path = "/api/v1/waves/{id}/invitations", tag = "evaluation", request_body = InvitationsIn,
    params(("id" = String, Path, description = "The wave's id")),
    responses((status = 200, body = Invited)),
    security(("token" = [])))]
pub async fn invite(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<InvitationsIn>,
) -> ApiResult<Json<Invited>> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    Ok(Json(plan::invite(&state, &actor, &id, body.into()).await?))
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct Reminded {
    pub reminded: u32,
}

/// Emails everyone who has not answered a new link (their saved answers are kept). 409 once
/// the wave has closed.
#[utoipa::path(post, path = "/api/v1/waves/{id}/reminders", tag = "evaluation",
    params(("id" = String, Path, description = "The wave's id")),
    responses((status = 200, body = Reminded)),
    security(("token" = [])))]
pub async fn remind(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
) -> ApiResult<Json<Reminded>> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    Ok(Json(Reminded {
        reminded: plan::remind(&state, &actor, &id).await?,
    }))
}

/// Aggregate results: means by group (8 or more people), participants against the
/// comparison group, paired before/after changes, culture profiles, shared free text.
#[utoipa::path(get, path = "/api/v1/programmes/{id}/evaluation/results", tag = "evaluation",
    params(("id" = String, Path, description = "The programme's id")),
    responses((status = 200, body = EvaluationResults)),
    security(("token" = [])))]
pub async fn show_results(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    PathId(id): PathId,
) -> ApiResult<Json<EvaluationResults>> {
    Ok(Json(results::results(&state, &viewer, &id).await?))
}

/// A questionnaire as its respondent sees it: the instrument, their saved answers, its status.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct QuestionnaireOut {
    pub wave: String,
    pub programme: String,
    pub status: Status,
    pub anonymity: Anonymity,
    /// What the respondent is told about who sees their answers.
    pub promise: String,
    pub closes_at: String,
    /// The instrument (docs/INSTRUMENTS.md).
    #[schema(value_type = Object)]
    pub instrument: revans_domain::evaluation::Instrument,
    /// The respondent's own saved answers (none once sent).
    #[schema(value_type = Object)]
    pub answers: revans_domain::evaluation::Answers,
}

/// The questionnaire a link opens. No account: the token is the key (404 for an unknown one).
#[utoipa::path(get, path = "/api/v1/respond/{token}", tag = "evaluation",
    params(("token" = String, Path, description = "The token from the emailed link")),
    responses((status = 200, body = QuestionnaireOut)))]
pub async fn questionnaire(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> ApiResult<Json<QuestionnaireOut>> {
    let q = responding::open(&state, &token).await?;
    Ok(Json(QuestionnaireOut {
        wave: q.wave,
        programme: q.programme,
        status: q.status,
        anonymity: q.anonymity,
        promise: q
            .feedback360
            .clone()
            .unwrap_or_else(|| q.anonymity.promise().to_owned()),
        closes_at: q.closes_at,
        instrument: q.instrument,
        answers: q.answers,
    }))
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct SavedOut {
    pub saved: Saved,
}

/// Saves a draft (`submit: false`, partial answers allowed) or sends the answers (`submit:
/// true`: every required question, constant sums adding up). 422 names each question; 409
/// once sent, before it opens or after it closes.
#[utoipa::path(put, path = "/api/v1/respond/{token}", tag = "evaluation", request_body = AnswersIn,
    params(("token" = String, Path, description = "The token from the emailed link")),
    responses((status = 200, body = SavedOut)))]
pub async fn answer(
    State(state): State<AppState>,
    Path(token): Path<String>,
    ApiJson(body): ApiJson<AnswersIn>,
) -> ApiResult<Json<SavedOut>> {
    let saved = responding::save(
        &state,
        &token,
        Answering {
            answers: body.answers,
            free_text_consent: body.free_text_consent,
            submit: body.submit,
        },
    )
    .await?;
    Ok(Json(SavedOut { saved }))
}

/// The evaluation report as a PDF (embedded fonts, tagged): the same aggregates as the results.
#[utoipa::path(get, path = "/api/v1/programmes/{id}/evaluation/report.pdf", tag = "evaluation",
    params(("id" = String, Path, description = "The programme's id")),
    responses((status = 200, content_type = "application/pdf", body = Vec<u8>)),
    security(("token" = [])))]
pub async fn report_pdf(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    PathId(id): PathId,
) -> ApiResult<axum::response::Response> {
    let (title, bytes) = revans_app::evaluation::report::pdf(&state, &viewer, &id).await?;
    Ok(crate::pages::evaluation_results::download(
        "application/pdf",
        crate::pages::evaluation_results::file_name(&title, "pdf"),
        bytes,
    ))
}
