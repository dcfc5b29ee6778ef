//! "Forgotten your password?" requests. The request path does the same work whatever the
//! address: it records the request (for the per-address limit) and enqueues a job naming the
//! address. The worker then looks the account up and either emails a link or does nothing, so
//! neither the page nor its timing says who has an account.

use revans_domain::EmailAddress;
use revans_storage::jobs::{self, NewJob};
use revans_storage::{TokenPurpose, audit, email_tokens, password_reset_requests, people};

use crate::App;
use crate::Error;
use crate::mail::{self, PasswordResetEmail};
use crate::security::{hash_token, new_token};

/// The job kind for a reset request, handled by the worker (`send_reset_link`).
pub const RESET_REQUEST: &str = "password_reset_request";
pub const RESET_VALID_MINUTES: i64 = 60;
/// At most this many reset emails per account per hour, however many requests.
pub const MAX_EMAILS_PER_ACCOUNT_PER_HOUR: i64 = 3;
/// At most this many requests per client address per hour, whatever addresses they name.
pub const MAX_REQUESTS_PER_IP_PER_HOUR: i64 = 20;
const HOUR_MS: i64 = 3_600_000;

#[derive(serde::Serialize, serde::Deserialize)]
struct ResetRequest {
    email: String,
    ip: String,
}

/// Accepts a request for a reset link. Says nothing about whether the address has an account.
pub async fn request_reset(state: &App, email: &EmailAddress, ip: &str) -> Result<(), Error> {
    let now = revans_storage::now_ms();
    let mut tx = state.store.begin().await?;
    let recent = password_reset_requests::count_from_ip(&mut tx, ip, now - HOUR_MS).await?;
    if recent >= MAX_REQUESTS_PER_IP_PER_HOUR {
        return Err(Error::TooManyRequests(
            "Too many password reset requests have come from your network. Wait an hour and try again.".into(),
        ));
    }
    password_reset_requests::record(&mut tx, ip).await?;
    let payload = serde_json::to_string(&ResetRequest {
        email: email.as_str().to_owned(),
        ip: ip.to_owned(),
    })
    .map_err(Error::internal)?;
    jobs::enqueue_concerning(
        &mut tx,
        NewJob {
            kind: RESET_REQUEST,
            payload: &payload,
            run_at: now,
            max_attempts: 8,
        },
        email.as_str(),
    )
    .await?;
    revans_storage::commit(tx).await?;
    Ok(())
}

/// Run by the worker for a `RESET_REQUEST` job: emails a link if the address has an account
/// and it has not had `MAX_EMAILS_PER_ACCOUNT_PER_HOUR` links in the last hour.
pub async fn send_reset_link(state: &App, payload: &str) -> Result<(), Error> {
    let request: ResetRequest = serde_json::from_str(payload).map_err(Error::internal)?;
    let email = EmailAddress::parse(&request.email)?;
    let now = revans_storage::now_ms();
    let mut tx = state.store.begin().await?;
    let Some((person, _)) = people::find_by_email(&mut tx, &email).await? else {
        return Ok(());
    };
    let sent = email_tokens::count_created_since(
        &mut tx,
        &person.id,
        TokenPurpose::PasswordReset,
        now - HOUR_MS,
    )
    .await?;
    if sent >= MAX_EMAILS_PER_ACCOUNT_PER_HOUR {
        tracing::info!(person = %person.id, "password reset link not sent: hourly limit reached");
        return Ok(());
    }
    email_tokens::void_for_person(&mut tx, &person.id, TokenPurpose::PasswordReset).await?;
    let token = new_token();
    email_tokens::insert(
        &mut tx,
        &hash_token(&token),
        TokenPurpose::PasswordReset,
        &person.id,
        now + RESET_VALID_MINUTES * 60_000,
    )
    .await?;
    audit::record(
        &mut tx,
        audit::NewAuditEntry {
            actor_id: None,
            actor_name: "Anyone (reset form)",
            action: "person.password_reset_requested",
            subject_type: "person",
            subject_id: person.id.as_str(),
            detail: "A password reset link was emailed",
            ip: &request.ip,
            organisation_id: Some(&person.organisation_id),
        },
    )
    .await?;
    let message = PasswordResetEmail {
        tenant: state.settings.tenant_name.clone(),
        name: person.name.clone(),
        link: format!("{}/password-reset/{token}", state.settings.base_url()),
        valid_minutes: RESET_VALID_MINUTES,
    };
    mail::enqueue(&mut tx, &person.email, &message).await?;
    revans_storage::commit(tx).await?;
    Ok(())
}
