//! Passwords: changing one, resetting a forgotten one, and accepting an invitation.

use revans_domain::{EmailAddress, Password};
/// What an emailed link is for (a password reset or an invitation).
pub use revans_storage::TokenPurpose;
use revans_storage::{TokenState, api_tokens, audit, email_tokens, people, sessions};

use crate::App;
use crate::Error;
use crate::Viewer;
use crate::mail::{self, PasswordChangedEmail};
use crate::security::{hash_password, hash_token, verify_password};
use revans_domain::FieldErrors;

pub const INVITATION_VALID_DAYS: i64 = 7;

/// A new password typed twice. Errors name the field at fault.
pub fn new_password(password: &str, confirm: &str) -> Result<Password, Error> {
    let mut errors = FieldErrors::default();
    let parsed = errors.take(Password::parse(password));
    if parsed.is_some() && password != confirm {
        errors.add("confirm", "The passwords do not match");
    }
    match parsed {
        Some(p) if !errors.any() => Ok(p),
        _ => Err(Error::Invalid(errors.0)),
    }
}

/// Changes the viewer's password. Every other session ends (`keep_session` is the hash of the
/// session that asked, which stays signed in), and so do their API tokens.
pub async fn change_password(
    state: &App,
    viewer: &Viewer,
    keep_session: Option<&str>,
    ip: &str,
    current: &str,
    password: &str,
    confirm: &str,
) -> Result<(), Error> {
    let stored = {
        let mut conn = state.store.conn().await?;
        let email = EmailAddress::parse(&viewer.person.email)?;
        people::find_by_email(&mut conn, &email)
            .await?
            .and_then(|(_, h)| h)
    };
    if !verify_password(stored, current).await? {
        return Err(Error::field(
            "current",
            "Your current password is not correct",
        ));
    }
    let new = new_password(password, confirm)?;
    let hash = hash_password(&new).await?;
    let mut tx = state.store.begin().await?;
    people::set_password_hash(&mut tx, &viewer.person.id, &hash).await?;
    // Other sessions end; this one stays signed in.
    match keep_session {
        Some(keep) => sessions::delete_others(&mut tx, &viewer.person.id, keep).await?,
        None => sessions::delete_for_person(&mut tx, &viewer.person.id).await?,
    };
    // API tokens end too: whoever had the old password may have made one.
    api_tokens::revoke_all_for_person(&mut tx, &viewer.person.id).await?;
    audit::record(
        &mut tx,
        audit::NewAuditEntry {
            actor_id: Some(&viewer.person.id),
            actor_name: &viewer.person.name,
            action: "person.password_changed",
            subject_type: "person",
            subject_id: viewer.person.id.as_str(),
            detail: "Changed their password",
            ip,
            organisation_id: Some(&viewer.person.organisation_id),
        },
    )
    .await?;
    let email = PasswordChangedEmail {
        tenant: state.settings.tenant_name.clone(),
        name: viewer.person.name.clone(),
        reset_link: format!("{}/password-reset", state.settings.base_url()),
    };
    mail::enqueue(&mut tx, &viewer.person.email, &email).await?;
    revans_storage::commit(tx).await?;
    Ok(())
}

/// Why an emailed link cannot be used, in words for the person holding it.
pub fn token_problem(state: &TokenState, what: &str) -> Option<String> {
    match state {
        TokenState::Valid { .. } => None,
        TokenState::Used => Some(format!(
            "This {what} link has already been used. Each link works once."
        )),
        TokenState::Expired => Some(format!("This {what} link has expired.")),
        TokenState::Unknown => Some(format!(
            "This {what} link is not valid. Check you copied the whole link from the email."
        )),
    }
}

pub async fn inspect_token(
    state: &App,
    token: &str,
    purpose: TokenPurpose,
) -> Result<TokenState, Error> {
    let mut conn = state.store.conn().await?;
    Ok(email_tokens::inspect(&mut conn, &hash_token(token), purpose).await?)
}

/// Sets the password from an emailed token (reset or invitation), once. Returns the person's id.
pub async fn set_password_with_token(
    state: &App,
    token: &str,
    purpose: TokenPurpose,
    password: &str,
    confirm: &str,
    ip: &str,
) -> Result<Result<revans_domain::Id, TokenState>, Error> {
    let new = new_password(password, confirm)?;
    let hash = hash_password(&new).await?;
    let mut tx = state.store.begin().await?;
    let person_id = match email_tokens::consume(&mut tx, &hash_token(token), purpose).await? {
        TokenState::Valid { person_id } => person_id,
        other => return Ok(Err(other)),
    };
    people::set_password_hash(&mut tx, &person_id, &hash).await?;
    sessions::delete_for_person(&mut tx, &person_id).await?;
    // Recovering an account ends every way in that the old password may have opened.
    api_tokens::revoke_all_for_person(&mut tx, &person_id).await?;
    let person = people::get(&mut tx, &person_id)
        .await?
        .ok_or(Error::NotFound)?;
    let (action, detail) = match purpose {
        TokenPurpose::PasswordReset => (
            "person.password_reset",
            "Reset their password from an emailed link",
        ),
        TokenPurpose::Invitation => (
            "person.invitation_accepted",
            "Accepted their invitation and chose a password",
        ),
    };
    audit::record(
        &mut tx,
        audit::NewAuditEntry {
            actor_id: Some(&person.id),
            actor_name: &person.name,
            action,
            subject_type: "person",
            subject_id: person.id.as_str(),
            detail,
            ip,
            organisation_id: Some(&person.organisation_id),
        },
    )
    .await?;
    revans_storage::commit(tx).await?;
    Ok(Ok(person_id))
}

/// The time zone the viewer chose for their calendar and times, if any.
pub async fn timezone(state: &App, viewer: &Viewer) -> Result<Option<String>, Error> {
    let mut conn = state.store.conn().await?;
    Ok(people::timezone_of(&mut conn, &viewer.person.id).await?)
}

/// Sets the viewer's time zone (an IANA name such as Europe/London), or clears it when blank.
pub async fn set_timezone(state: &App, viewer: &Viewer, typed: &str) -> Result<(), Error> {
    let typed = typed.trim();
    let zone = if typed.is_empty() {
        None
    } else {
        revans_domain::parse_zone(typed)?;
        Some(typed)
    };
    let mut conn = state.store.conn().await?;
    people::set_timezone(&mut conn, &viewer.person.id, zone).await?;
    Ok(())
}

/// Sets the language the viewer reads Revans in (`en-GB`, `de`), or clears it when blank so
/// the tenant's default (or their browser's) applies.
pub async fn set_locale(state: &App, viewer: &Viewer, typed: &str) -> Result<(), Error> {
    let typed = typed.trim();
    let locale = if typed.is_empty() {
        None
    } else {
        Some(revans_domain::Locale::parse(typed).ok_or_else(|| {
            revans_domain::ValidationError::new("locale", revans_i18n::t("locale-unknown"))
        })?)
    };
    let mut conn = state.store.conn().await?;
    people::set_locale(&mut conn, &viewer.person.id, locale).await?;
    Ok(())
}
