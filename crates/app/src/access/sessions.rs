//! Signing in and out, and who a session cookie or an API token belongs to. The cookie and the
//! token are random; only their SHA-256 is stored, so every instance sees the same sessions.

use revans_domain::{EmailAddress, FieldErrors, Id};
use revans_storage::{Conn, api_tokens, audit, people, sessions};

use crate::access::sign_in_guard;
use crate::security::{hash_token, new_token, verify_password};
use crate::{App, Error, Viewer};

/// A session just started: the token for the cookie (never stored as it is).
#[derive(Debug)]
pub struct Started {
    pub token: String,
}

/// The person behind a live session, with the session's CSRF token.
#[derive(Debug)]
pub struct SessionViewer {
    pub viewer: Viewer,
    pub csrf: String,
}

/// Signs in with an email address and password, starting a session of `hours` hours.
/// Refusals: field errors (`email`, `password`); one message whichever was wrong, so the form
/// does not reveal who has an account; too many failures from this address is `TooManyRequests`.
pub async fn sign_in(
    app: &App,
    email: &str,
    password: &str,
    ip: &str,
    hours: i64,
) -> Result<Started, Error> {
    let mut errors = FieldErrors::default();
    let email = errors.take(EmailAddress::parse(email));
    if password.is_empty() {
        errors.add("password", "Enter your password");
    }
    let Some(email) = email.filter(|_| !errors.any()) else {
        return Err(Error::Invalid(errors.0));
    };
    if !sign_in_guard::may_try(app, &email, ip).await? {
        return Err(Error::TooManyRequests(format!(
            "Too many failed attempts to sign in from here. Wait {} minutes and try again, or reset your password.",
            sign_in_guard::WINDOW_MINUTES
        )));
    }
    let found = {
        let mut conn = app.store.conn().await?;
        people::find_by_email(&mut conn, &email).await?
    };
    let (person, hash) = match found {
        Some((p, h)) => (Some(p), h),
        None => (None, None),
    };
    let ok = verify_password(hash, password).await?;
    let person = match person {
        Some(p) if ok => p,
        other => {
            sign_in_guard::record_failure(app, &email, ip, other.as_ref()).await?;
            return Err(Error::field(
                "email",
                "Enter a correct email address and password",
            ));
        }
    };
    sign_in_guard::record_success(app, &email, ip).await?;
    let mut tx = app.store.begin().await?;
    let started = start(&mut tx, &person.id, hours).await?;
    audit::record(
        &mut tx,
        audit::NewAuditEntry {
            actor_id: Some(&person.id),
            actor_name: &person.name,
            action: "session.signed_in",
            subject_type: "person",
            subject_id: person.id.as_str(),
            detail: "Signed in with a password",
            ip,
            organisation_id: Some(&person.organisation_id),
        },
    )
    .await?;
    revans_storage::commit(tx).await?;
    Ok(started)
}

/// Starts a session for someone who has just proved who they are (a password, or a password
/// just chosen from an invitation).
pub async fn start(conn: &mut Conn, person_id: &Id, hours: i64) -> Result<Started, Error> {
    let token = new_token();
    let expires_at = revans_storage::now_ms() + hours * 3_600_000;
    sessions::insert(
        conn,
        &hash_token(&token),
        person_id,
        &new_token(),
        expires_at,
    )
    .await?;
    Ok(Started { token })
}

/// Starts a session outside any other change.
pub async fn start_now(app: &App, person_id: &Id, hours: i64) -> Result<Started, Error> {
    let mut conn = app.store.conn().await?;
    start(&mut conn, person_id, hours).await
}

/// Ends the session whose cookie hashes to `session_hash`.
pub async fn sign_out(app: &App, session_hash: &str) -> Result<(), Error> {
    let mut conn = app.store.conn().await?;
    sessions::delete(&mut conn, session_hash).await?;
    Ok(())
}

/// Who holds the session cookie `token`, if the session is live.
pub async fn viewer_of_session(app: &App, token: &str) -> Result<Option<SessionViewer>, Error> {
    let mut conn = app.store.conn().await?;
    let Some(session) = sessions::find_live(&mut conn, &hash_token(token)).await? else {
        return Ok(None);
    };
    Ok(viewer(&mut conn, &session.person_id)
        .await?
        .map(|viewer| SessionViewer {
            viewer,
            csrf: session.csrf_token,
        }))
}

/// Who holds the personal access token `token`, if it is live.
pub async fn viewer_of_token(app: &App, token: &str) -> Result<Option<Viewer>, Error> {
    let mut conn = app.store.conn().await?;
    match api_tokens::authenticate(&mut conn, &hash_token(token)).await? {
        Some(owner) => viewer(&mut conn, &owner.person_id).await,
        None => Ok(None),
    }
}

async fn viewer(conn: &mut Conn, person_id: &Id) -> Result<Option<Viewer>, Error> {
    let Some(person) = people::get(conn, person_id).await? else {
        return Ok(None);
    };
    let roles = people::roles(conn, person_id).await?;
    Ok(Some(Viewer { person, roles }))
}
