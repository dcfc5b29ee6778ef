//! Finishing a single sign-on: who the provider's verified identity is here. Linked by
//! (issuer, subject) once known; the first time, by the verified email address within the
//! provider's allowed domains; or, where the tenant allows it, a new account with no role.
//! The session and the audit entries are the ones password sign-in makes.

use revans_domain::{EmailAddress, Id, PersonName};
use revans_storage::{Conn, Person, audit, organisations, people, sso};

use crate::access::sessions::{self, Started};
use crate::{App, Error};

/// What the tenant allows for one provider (from its configuration).
#[derive(Debug, Clone)]
pub struct ProviderPolicy {
    pub id: String,
    pub label: String,
    /// Lower-case email domains whose people may sign in with it.
    pub allowed_domains: Vec<String>,
    pub create_accounts: bool,
    /// The organisation, by name, that accounts made at first sign-in join.
    pub organisation: Option<String>,
}

/// Claims from an ID token whose signature, issuer, audience, expiry and nonce were checked.
#[derive(Debug, Clone)]
pub struct VerifiedIdentity {
    pub issuer: String,
    pub subject: String,
    pub email: Option<String>,
    pub email_verified: bool,
    pub name: Option<String>,
}

/// Signs the identity in: a session of `hours` hours. Refusals (`ForbiddenBecause`, each
/// saying what happened) change nothing: no person, link or session is made.
pub async fn complete(
    app: &App,
    provider: &ProviderPolicy,
    identity: &VerifiedIdentity,
    ip: &str,
    hours: i64,
) -> Result<Started, Error> {
    let email = verified_email(provider, identity)?;
    let mut tx = app.store.begin().await?;
    let person = match sso::linked_person(&mut tx, &identity.issuer, &identity.subject).await? {
        Some(id) => people::get(&mut tx, &id)
            .await?
            .ok_or_else(|| Error::internal("an SSO link names a person who does not exist"))?,
        None => link_or_create(&mut tx, provider, identity, &email, ip).await?,
    };
    let started = sessions::start(&mut tx, &person.id, hours).await?;
    audit::record(
        &mut tx,
        audit::NewAuditEntry {
            actor_id: Some(&person.id),
            actor_name: &person.name,
            action: "session.signed_in",
            subject_type: "person",
            subject_id: person.id.as_str(),
            detail: &format!("Signed in with {}", provider.label),
            ip,
            organisation_id: Some(&person.organisation_id),
        },
    )
    .await?;
    revans_storage::commit(tx).await?;
    Ok(started)
}

/// The identity's email address, if the provider vouched for it and its domain is allowed.
fn verified_email(
    provider: &ProviderPolicy,
    identity: &VerifiedIdentity,
) -> Result<EmailAddress, Error> {
    let unverified = || {
        Error::ForbiddenBecause(format!(
            "{} did not confirm an email address for your account, so we cannot tell who you are here. Ask whoever runs your {} account to add a verified email address, or sign in another way.",
            provider.label, provider.label
        ))
    };
    let raw = identity.email.as_deref().ok_or_else(unverified)?;
    if !identity.email_verified {
        return Err(unverified());
    }
    let email = EmailAddress::parse(raw).map_err(|_| unverified())?;
    let domain = email.as_str().rsplit('@').next().unwrap_or_default();
    if !provider
        .allowed_domains
        .iter()
        .any(|d| d.eq_ignore_ascii_case(domain))
    {
        return Err(Error::ForbiddenBecause(format!(
            "Signing in with {} is only for email addresses ending in {}. Your {} account's address, {}, is not one of them, so you have not been signed in.",
            provider.label,
            provider
                .allowed_domains
                .iter()
                .map(|d| format!("@{d}"))
                .collect::<Vec<_>>()
                .join(" or "),
            provider.label,
            email
        )));
    }
    Ok(email)
}

/// The person with this verified address, now linked to the identity; or a new account.
async fn link_or_create(
    conn: &mut Conn,
    provider: &ProviderPolicy,
    identity: &VerifiedIdentity,
    email: &EmailAddress,
    ip: &str,
) -> Result<Person, Error> {
    if let Some((person, _)) = people::find_by_email(conn, email).await? {
        link(conn, provider, identity, &person.id).await?;
        record(
            conn,
            &person,
            "person.sso_linked",
            &format!(
                "Linked a {} account to {} <{}> at sign-in",
                provider.label, person.name, person.email
            ),
            ip,
        )
        .await?;
        return Ok(person);
    }
    let organisation = match (&provider.organisation, provider.create_accounts) {
        (Some(name), true) => organisations::list_all(conn)
            .await?
            .into_iter()
            .find(|o| o.name == *name)
            .ok_or_else(|| {
                Error::ForbiddenBecause(format!(
                    "There is no account for {email} here yet, and new accounts cannot be made at the moment because this service's single sign-on is set up with an organisation it does not have. Tell your programme office."
                ))
            })?,
        _ => {
            return Err(Error::ForbiddenBecause(format!(
                "There is no account for {email} here. Accounts are made by invitation: ask your programme lead to invite you, then sign in with {} again.",
                provider.label
            )));
        }
    };
    let name = identity
        .name
        .as_deref()
        .and_then(|n| PersonName::parse(n).ok())
        .or_else(|| PersonName::parse(email.as_str().split('@').next().unwrap_or_default()).ok())
        .ok_or_else(|| Error::internal("no usable name for a new account"))?;
    let id = people::insert(conn, &organisation.id, email, &name).await?;
    link(conn, provider, identity, &id).await?;
    let person = people::get(conn, &id)
        .await?
        .ok_or_else(|| Error::internal("the account just made is missing"))?;
    record(
        conn,
        &person,
        "person.created",
        &format!(
            "Created {name} <{email}> in {} at their first sign-in with {}, with no roles",
            organisation.name, provider.label
        ),
        ip,
    )
    .await?;
    Ok(person)
}

async fn link(
    conn: &mut Conn,
    provider: &ProviderPolicy,
    identity: &VerifiedIdentity,
    person_id: &Id,
) -> Result<(), Error> {
    sso::insert_link(
        conn,
        &identity.issuer,
        &identity.subject,
        person_id,
        &provider.id,
    )
    .await?;
    Ok(())
}

async fn record(
    conn: &mut Conn,
    person: &Person,
    action: &str,
    detail: &str,
    ip: &str,
) -> Result<(), Error> {
    audit::record(
        conn,
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
    Ok(())
}
