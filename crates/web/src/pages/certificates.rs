//! Certificates of completion (C10, issue 16): the participant's own list and downloads, the
//! public verification page (no sign-in) and its form, and a lead's cohort page with the
//! "Issue certificates" button, revocation with a reason and a confirmation page, and the ZIP.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use revans_app::Actor;
use revans_app::certificates::cohort::{self, CohortCertificates};
use revans_app::certificates::mine::{self, CertificateFile};
use revans_app::certificates::revoke::revoke;
use revans_app::certificates::verify::{Verification, verify};
use revans_app::certificates::{CertificateView, code, issue};

use crate::auth::{Admin, ClientIp, MaybeViewer, SignedIn};
use crate::csrf::{AnonCsrf, CsrfForm};
use crate::error::PageResult;
use crate::layout::{Errors, Layout, form_error, render};
use crate::path_id::PathId;
use crate::state::AppState;

const NAV: &str = "/certificates";
const ADMIN_NAV: &str = "/admin/programmes";

/// The tenant's logo for the PDF, when `logo_path` is a readable PNG (the PDF library embeds
/// PNG; an SVG logo is left off the certificate rather than failing it).
pub async fn logo(state: &AppState) -> Option<Vec<u8>> {
    let path = state.settings.logo_path.as_ref()?;
    if path.extension().and_then(|e| e.to_str()) != Some("png") {
        return None;
    }
    match tokio::fs::read(path).await {
        Ok(bytes) => Some(bytes),
        Err(e) => {
            tracing::warn!(path = %path.display(), error = %e, "logo unreadable");
            None
        }
    }
}

/// A PDF or ZIP as a download.
pub fn file(content_type: &'static str, f: CertificateFile) -> Response {
    crate::pages::evaluation_results::download(content_type, f.filename, f.bytes)
}

#[derive(serde::Deserialize, Default)]
pub struct NoticeParam {
    #[serde(default)]
    notice: String,
}

fn notice_text(key: &str) -> Option<String> {
    Some(crate::i18n::t(match key {
        "issued" => "cert-notice-issued",
        "none" => "cert-notice-none",
        "revoked" => "cert-notice-revoked",
        _ => return None,
    }))
}

#[derive(Template)]
#[template(path = "certificates_mine.html")]
struct MinePage {
    layout: Layout,
    certificates: Vec<CertificateView>,
}

pub async fn list_mine(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
) -> PageResult<Response> {
    let certificates = mine::mine(&state, &viewer).await?;
    let layout = Layout::new(
        &state,
        Some(&viewer),
        viewer.csrf.clone(),
        crate::i18n::t("cert-mine-title"),
        NAV,
    );
    render(&MinePage {
        layout,
        certificates,
    })
}

pub async fn pdf(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    PathId(id): PathId,
) -> PageResult<Response> {
    let logo = logo(&state).await;
    let f = mine::pdf(&state, &viewer, &id, logo.as_deref()).await?;
    Ok(file("application/pdf", f))
}

#[derive(Template)]
#[template(path = "certificate_verify_form.html")]
struct VerifyFormPage {
    layout: Layout,
    errors: Errors,
    code: String,
}

#[derive(serde::Deserialize, Default)]
pub struct CodeParam {
    code: Option<String>,
}

fn csrf_for(viewer: &Option<crate::auth::Viewer>, anon: &AnonCsrf) -> String {
    viewer
        .as_ref()
        .map_or_else(|| anon.0.clone(), |v| v.csrf.clone())
}

/// The form to type a code (a GET form: nothing changes). A code that cannot be one is an
/// error on the form; anything else goes to its verification page.
pub async fn verify_form(
    State(state): State<AppState>,
    MaybeViewer(viewer): MaybeViewer,
    axum::Extension(anon): axum::Extension<AnonCsrf>,
    Query(q): Query<CodeParam>,
) -> PageResult<Response> {
    let error = match q.code.as_deref() {
        None => None,
        Some(t) if t.trim().is_empty() => Some("Enter the code printed on the certificate"),
        Some(t) => match code::normalise(t) {
            Some(c) => {
                return Ok(Redirect::to(&format!("/certificates/verify/{c}")).into_response());
            }
            None => Some(
                "Enter the code as it is printed: 7 groups of 4 letters and numbers, like K7QX-M2PD-0A1B-C2D3-E4F5-G6H7-J8K9",
            ),
        },
    };
    let typed = q.code.unwrap_or_default();
    let errors = Errors(
        error
            .map(|m| {
                vec![revans_domain::FieldError {
                    field: "code".into(),
                    message: m.into(),
                }]
            })
            .unwrap_or_default(),
    );
    let layout = Layout::new(
        &state,
        viewer.as_ref(),
        csrf_for(&viewer, &anon),
        crate::i18n::t("cert-check-title"),
        NAV,
    )
    .with_errors(&errors);
    let mut response = render(&VerifyFormPage {
        layout,
        errors,
        code: typed,
    })?;
    if error.is_some() {
        *response.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(response)
}

#[derive(Template)]
#[template(path = "certificate_verify.html")]
struct VerifyPage {
    layout: Layout,
    v: Verification,
}

/// Whether a certificate is genuine: public, no sign-in. An unknown code is the 404 page.
pub async fn verify_code(
    State(state): State<AppState>,
    MaybeViewer(viewer): MaybeViewer,
    axum::Extension(anon): axum::Extension<AnonCsrf>,
    Path(typed): Path<String>,
) -> PageResult<Response> {
    let v = verify(&state, &typed).await?;
    let title = if v.revoked {
        crate::i18n::t("cert-title-revoked")
    } else {
        crate::i18n::t("cert-title-genuine")
    };
    let layout = Layout::new(
        &state,
        viewer.as_ref(),
        csrf_for(&viewer, &anon),
        title,
        NAV,
    );
    render(&VerifyPage { layout, v })
}

#[derive(Template)]
#[template(path = "admin_certificates.html")]
struct CohortPage {
    layout: Layout,
    c: CohortCertificates,
}

pub async fn cohort_page(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    PathId(id): PathId,
    Query(n): Query<NoticeParam>,
) -> PageResult<Response> {
    let c = cohort::list(&state, &viewer, &id).await?;
    let layout = Layout::new(
        &state,
        Some(&viewer),
        viewer.csrf.clone(),
        crate::i18n::t1("cert-cohort-title", "cohort", &c.cohort_name),
        ADMIN_NAV,
    )
    .with_notice(notice_text(&n.notice).as_deref());
    render(&CohortPage { layout, c })
}

#[derive(serde::Deserialize)]
pub struct NoFields {}

pub async fn issue_now(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(_): CsrfForm<NoFields>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let issued = issue::issue(&state, &actor, &id).await?;
    let notice = if issued > 0 { "issued" } else { "none" };
    Ok(Redirect::to(&format!("/admin/cohorts/{id}/certificates?notice={notice}")).into_response())
}

pub async fn zip(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    PathId(id): PathId,
) -> PageResult<Response> {
    let logo = logo(&state).await;
    let f = cohort::zip(&state, &viewer, &id, logo.as_deref()).await?;
    Ok(file("application/zip", f))
}

#[derive(Template)]
#[template(path = "admin_certificate_revoke.html")]
struct RevokePage {
    layout: Layout,
    errors: Errors,
    cert: CertificateView,
    reason: String,
}

pub async fn revoke_form(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    PathId(id): PathId,
) -> PageResult<Response> {
    let cert = cohort::one(&state, &viewer, &id).await?;
    let layout = Layout::new(
        &state,
        Some(&viewer),
        viewer.csrf.clone(),
        crate::i18n::t("cert-title-revoke"),
        ADMIN_NAV,
    );
    render(&RevokePage {
        layout,
        errors: Errors::default(),
        cert,
        reason: String::new(),
    })
}

#[derive(serde::Deserialize)]
pub struct RevokeForm {
    #[serde(default)]
    reason: String,
}

pub async fn revoke_certificate(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(form): CsrfForm<RevokeForm>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    match revoke(&state, &actor, &id, &form.reason).await {
        Ok(cert) => Ok(Redirect::to(&format!(
            "/admin/cohorts/{}/certificates?notice=revoked",
            cert.cohort_id
        ))
        .into_response()),
        Err(e) => {
            let cert = cohort::one(&state, &viewer, &id).await?;
            let layout = Layout::new(
                &state,
                Some(&viewer),
                viewer.csrf.clone(),
                crate::i18n::t("cert-title-revoke"),
                ADMIN_NAV,
            );
            form_error(e, |errors| RevokePage {
                layout: layout.with_errors(&errors),
                errors,
                cert,
                reason: form.reason.clone(),
            })
        }
    }
}
