//! Certificates of completion (C10, issue 16) over the API: the same use cases as the pages.
//! A participant lists and downloads their own; anyone verifies a code (no token); a lead of
//! the cohort's programme lists a cohort's, issues, revokes and downloads them as a ZIP.

use axum::Json;
use axum::extract::{Path, State};
use axum::response::Response;
use revans_app::Actor;
use revans_app::certificates::cohort::{self, CohortCertificates};
use revans_app::certificates::revoke::revoke;
use revans_app::certificates::verify::verify;
use revans_app::certificates::{CertificateView, issue, mine};
use revans_domain::cpd::hours_number;

use crate::api::ApiJson;
use crate::api::contracts::certificates::CertificateRevokeIn;
use crate::auth::{ApiAdmin, ApiCaller, ClientIp};
use crate::error::ApiResult;
use crate::pages::certificates::{file, logo};
use crate::path_id::PathId;
use crate::state::AppState;

/// A certificate as its holder and their lead see it.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct CertificateOut {
    pub id: String,
    /// The verification code printed on it.
    pub code: String,
    pub holder_name: String,
    pub programme: String,
    pub cohort: String,
    /// The cohort's first and last session days, `YYYY-MM-DD`.
    pub starts_on: String,
    pub ends_on: String,
    pub completed_on: String,
    pub cpd_hours: f64,
    pub by_exception: bool,
    pub revoked: bool,
    /// When it was revoked, RFC 3339.
    pub revoked_at: Option<String>,
    /// Why (the holder and their leads only).
    pub revoked_reason: Option<String>,
    /// Where to download the PDF (with a token).
    pub pdf: String,
    /// The public verification page.
    pub verify_url: String,
}

impl CertificateOut {
    fn from_view(v: CertificateView, base: &str) -> Self {
        Self {
            pdf: format!("/api/v1/certificates/{}/pdf", v.id),
            verify_url: format!("{base}/certificates/verify/{}", v.code),
            revoked: v.is_revoked(),
            revoked_at: v.revoked_at.and_then(|ms| {
                jiff::Timestamp::from_millisecond(ms)
                    .ok()
                    .map(|t| t.to_string())
            }),
            cpd_hours: hours_number(v.cpd_minutes),
            id: v.id,
            code: v.code,
            holder_name: v.holder_name,
            programme: v.programme_title,
            cohort: v.cohort_name,
            starts_on: v.starts_on,
            ends_on: v.ends_on,
            completed_on: v.completed_on,
            by_exception: v.by_exception,
            revoked_reason: v.revoked_reason,
        }
    }
}

/// The caller's certificates.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct CertificateList {
    pub certificates: Vec<CertificateOut>,
}

/// What verification says, and nothing more.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct CertificateVerification {
    /// Genuine and not revoked.
    pub valid: bool,
    pub name: String,
    pub programme: String,
    /// `YYYY-MM-DD`.
    pub completed_on: String,
    pub cpd_hours: f64,
    pub revoked: bool,
}

/// A cohort's certificates, for a lead.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct CohortCertificatesOut {
    pub cohort_id: String,
    pub cohort: String,
    pub programme: String,
    /// Participants who completed and have no certificate yet.
    pub awaiting: usize,
    pub certificates: Vec<CertificateOut>,
    /// Every valid certificate as one ZIP.
    pub zip: String,
}

/// How many certificates were issued.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct CertificatesIssuedOut {
    pub issued: usize,
}

fn cohort_out(c: CohortCertificates, base: &str) -> CohortCertificatesOut {
    CohortCertificatesOut {
        zip: format!("/api/v1/cohorts/{}/certificates.zip", c.cohort_id),
        cohort_id: c.cohort_id,
        cohort: c.cohort_name,
        programme: c.programme_title,
        awaiting: c.awaiting,
        certificates: c
            .certificates
            .into_iter()
            .map(|v| CertificateOut::from_view(v, base))
            .collect(),
    }
}

/// The caller's certificates, newest first, each with its code and PDF link.
#[utoipa::path(get, path = "/api/v1/certificates", tag = "certificates",
    responses((status = 200, body = CertificateList)),
    security(("token" = [])))]
pub async fn list_mine(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
) -> ApiResult<Json<CertificateList>> {
    let base = state.app.settings.base_url();
    Ok(Json(CertificateList {
        certificates: mine::mine(&state, &viewer)
            .await?
            .into_iter()
            .map(|v| CertificateOut::from_view(v, &base))
            .collect(),
    }))
}

/// Whether a certificate is genuine. No token: anyone with the code may ask. 404 for a code
/// that is not a certificate's.
#[utoipa::path(get, path = "/api/v1/certificates/verify/{code}", tag = "certificates",
    params(("code" = String, Path, description = "The code printed on the certificate (case and dashes do not matter)")),
    responses((status = 200, body = CertificateVerification)))]
pub async fn verify_code(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> ApiResult<Json<CertificateVerification>> {
    let v = verify(&state, &code).await?;
    Ok(Json(CertificateVerification {
        valid: v.valid,
        name: v.name,
        programme: v.programme,
        completed_on: v.completed_on,
        cpd_hours: v.cpd_hours,
        revoked: v.revoked,
    }))
}

/// A certificate as a PDF: its holder's, or for a lead of its cohort's programme.
#[utoipa::path(get, path = "/api/v1/certificates/{id}/pdf", tag = "certificates",
    params(("id" = String, Path, description = "The certificate's id")),
    responses((status = 200, content_type = "application/pdf", body = Vec<u8>)),
    security(("token" = [])))]
pub async fn pdf(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    PathId(id): PathId,
) -> ApiResult<Response> {
    let logo = logo(&state).await;
    let f = mine::pdf(&state, &viewer, &id, logo.as_deref()).await?;
    Ok(file("application/pdf", f))
}

/// Revokes a certificate with a reason: the holder is emailed; verification then says it
/// was revoked. 409 when it already was.
#[utoipa::path(post, path = "/api/v1/certificates/{id}/revoke", tag = "certificates",
    params(("id" = String, Path, description = "The certificate's id")),
    request_body = CertificateRevokeIn,
    responses((status = 200, body = CertificateOut)),
    security(("token" = [])))]
pub async fn revoke_certificate(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    ApiJson(body): ApiJson<CertificateRevokeIn>,
) -> ApiResult<Json<CertificateOut>> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let v = revoke(&state, &actor, &id, &body.reason).await?;
    Ok(Json(CertificateOut::from_view(
        v,
        &state.app.settings.base_url(),
    )))
}

/// A cohort's certificates, and how many who completed have none yet.
#[utoipa::path(get, path = "/api/v1/cohorts/{id}/certificates", tag = "certificates",
    params(("id" = String, Path, description = "The cohort's id")),
    responses((status = 200, body = CohortCertificatesOut)),
    security(("token" = [])))]
pub async fn cohort_list(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    PathId(id): PathId,
) -> ApiResult<Json<CohortCertificatesOut>> {
    let c = cohort::list(&state, &viewer, &id).await?;
    Ok(Json(cohort_out(c, &state.app.settings.base_url())))
}

/// Issues a certificate to everyone in the cohort who has completed and has none yet.
#[utoipa::path(post, path = "/api/v1/cohorts/{id}/certificates/issue", tag = "certificates",
    params(("id" = String, Path, description = "The cohort's id")),
    responses((status = 200, body = CertificatesIssuedOut)),
    security(("token" = [])))]
pub async fn issue_now(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
) -> ApiResult<Json<CertificatesIssuedOut>> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    Ok(Json(CertificatesIssuedOut {
        issued: issue::issue(&state, &actor, &id).await?,
    }))
}

/// Every valid certificate of the cohort as one ZIP of PDFs.
#[utoipa::path(get, path = "/api/v1/cohorts/{id}/certificates.zip", tag = "certificates",
    params(("id" = String, Path, description = "The cohort's id")),
    responses((status = 200, content_type = "application/zip", body = Vec<u8>)),
    security(("token" = [])))]
pub async fn zip(
    State(state): State<AppState>,
    ApiAdmin(viewer): ApiAdmin,
    PathId(id): PathId,
) -> ApiResult<Response> {
    let logo = logo(&state).await;
    let f = cohort::zip(&state, &viewer, &id, logo.as_deref()).await?;
    Ok(file("application/zip", f))
}
