//! One application over the API, as its page shows it to the programme lead (every answer,
//! the sponsor's decision and reason, the history), the lead's decision on it, and a sponsor's
//! approval or decline with a reason.

use axum::Json;
use axum::extract::State;
use revans_app::Actor;
use revans_app::places::application_reads::after_change;
use revans_app::places::application_view::{ApplicationView, decide_one, for_lead};
use revans_app::places::sponsor_decisions::{SponsorDecision, sponsor_decide};

use crate::api::ApiJson;
use crate::api::applications::{ApplicationOut, application_out};
use crate::api::contracts::applications::{OneDecisionIn, SponsorChoice, SponsorDecisionIn};
use crate::api::programmes::rfc3339;
use crate::auth::{ApiAdmin, ApiCaller, ClientIp};
use crate::error::{ApiResult, AppError};
use crate::path_id::PathId;
use crate::state::AppState;

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct AnswerOut {
    pub question: String,
    pub answer: String,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct HistoryOut {
    pub at: String,
    pub who: String,
    pub what: String,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ApplicationDetailOut {
    pub application: ApplicationOut,
    pub person_email: String,
    pub submitted_at: Option<String>,
    /// Every question of the programme with the answer given.
    pub answers: Vec<AnswerOut>,
    /// The programme's eligibility statements and confirmations, all confirmed when
    /// `confirmed_statements`.
    pub eligibility: Vec<String>,
    pub confirmations: Vec<String>,
    pub confirmed_statements: bool,
    /// The cohorts ranked, by name, first choice first.
    pub preferences: Vec<String>,
    pub requires_sponsor_approval: bool,
    /// The sponsor who approved or declined it.
    pub sponsor_name: Option<String>,
    pub sponsor_declined: bool,
    pub sponsor_reason: Option<String>,
    /// Oldest first.
    pub history: Vec<HistoryOut>,
    pub can_approve: bool,
    pub can_reject: bool,
}

fn detail_out(v: ApplicationView) -> ApplicationDetailOut {
    let a = v.application;
    ApplicationDetailOut {
        person_email: a.person_email.clone(),
        submitted_at: a.submitted_at.map(rfc3339),
        confirmed_statements: a.confirmed_statements,
        sponsor_name: a.sponsor_name.clone(),
        sponsor_declined: a.sponsor_declined_at.is_some(),
        sponsor_reason: a.sponsor_reason.clone(),
        application: application_out(a),
        answers: v
            .answers
            .into_iter()
            .map(|q| AnswerOut {
                question: q.question,
                answer: q.answer,
            })
            .collect(),
        eligibility: v.eligibility,
        confirmations: v.confirmations,
        preferences: v.preferences,
        requires_sponsor_approval: v.requires_sponsor_approval,
        history: v
            .history
            .into_iter()
            .map(|h| HistoryOut {
                at: rfc3339(h.at),
                who: h.who,
                what: h.what,
            })
            .collect(),
        can_approve: v.can_approve,
        can_reject: v.can_reject,
    }
}

/// An application of one of the caller's programmes, with every answer and its history.
/// Programme leads only; another programme's is "not found".
#[utoipa::path(get, path = "/api/v1/applications/{id}", tag = "applications",
    params(("id" = String, Path, description = "The application's id")),
    responses((status = 200, body = ApplicationDetailOut)),
    security(("token" = [])))]
pub async fn show(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
) -> ApiResult<Json<ApplicationDetailOut>> {
    let v = for_lead(
        &state,
        &Actor {
            viewer: &viewer,
            ip: &ip,
        },
        &id,
    )
    .await?;
    Ok(Json(detail_out(v)))
}

/// The lead approves or rejects (with a reason) one application: the same rules as the
/// queue's decisions.
#[utoipa::path(post, path = "/api/v1/applications/{id}/decision", tag = "applications", request_body = OneDecisionIn,
    params(("id" = String, Path, description = "The application's id")),
    responses((status = 200, body = ApplicationOut)),
    security(("token" = [])))]
pub async fn decide(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<OneDecisionIn>,
) -> ApiResult<Json<ApplicationOut>> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let decision = body.decision.map(|d| d.as_str()).unwrap_or("");
    decide_one(&state, &actor, &id, decision, &body.reason).await?;
    Ok(Json(application_out(after_change(&state, &id).await?)))
}

/// A sponsor approves, or declines with a reason, an application from one of their
/// organisations; anyone else's is "not found". A declined application is not accepted and
/// can never be offered a place.
#[utoipa::path(post, path = "/api/v1/applications/{id}/sponsor-decision", tag = "applications", request_body = SponsorDecisionIn,
    params(("id" = String, Path, description = "The application's id")),
    responses((status = 200, body = ApplicationOut)),
    security(("token" = [])))]
pub async fn sponsor_decision(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<SponsorDecisionIn>,
) -> ApiResult<Json<ApplicationOut>> {
    if !viewer.has_role(revans_domain::Role::Sponsor) {
        return Err(AppError::Forbidden.into());
    }
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let Some(choice) = body.decision else {
        // Not found is said before a missing choice, so nothing is learned about others'.
        revans_app::places::application_view::for_sponsor(&state, &actor, &id).await?;
        return Err(AppError::field("decision", "Choose approve or decline").into());
    };
    let decision = match choice {
        SponsorChoice::Approve => SponsorDecision::Approve,
        SponsorChoice::Decline => SponsorDecision::Decline,
    };
    sponsor_decide(&state, &actor, &id, decision, &body.reason).await?;
    Ok(Json(application_out(after_change(&state, &id).await?)))
}
