//! Accounts made by whoever runs the service (`revans user create`): the first programme lead
//! of a new installation, before anyone can sign in to invite others.

use revans_domain::{
    EmailAddress, Id, OrganisationName, Password, PersonName, Role, ValidationError,
};
use revans_storage::{StoreError, audit, organisations, people};

use crate::security::hash_password;
use crate::{App, Error};

/// What the operator typed. Field errors name these fields: email, name, organisation, roles,
/// password.
pub struct NewAccount<'a> {
    pub email: &'a str,
    pub name: &'a str,
    /// The organisation's name; a top-level organisation is created if none has it.
    pub organisation: &'a str,
    pub roles: &'a [String],
    pub password: &'a str,
}

/// The account made.
#[derive(Debug)]
pub struct Created {
    pub id: Id,
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub roles: Vec<Role>,
}

/// Creates a person with a password and roles, and the audit entry that says the command line
/// made them, in one transaction.
pub async fn create_account(app: &App, input: NewAccount<'_>) -> Result<Created, Error> {
    let mut errors = revans_domain::FieldErrors::default();
    let email = errors.take(EmailAddress::parse(input.email));
    let name = errors.take(PersonName::parse(input.name));
    let org_name = errors.take(
        OrganisationName::parse(input.organisation)
            .map_err(|e| ValidationError::new("organisation", e.message)),
    );
    let mut roles = Vec::new();
    for raw in input.roles {
        if let Some(role) = errors.take(raw.parse::<Role>()) {
            roles.push(role);
        }
    }
    let password = errors.take(Password::parse(input.password));
    let (Some(email), Some(name), Some(org_name), Some(password), false) =
        (email, name, org_name, password, errors.any())
    else {
        return Err(Error::Invalid(errors.0));
    };
    let hash = hash_password(&password).await?;
    let mut tx = app.store.begin().await?;
    let org = match organisations::list_all(&mut tx)
        .await?
        .into_iter()
        .find(|o| o.name == org_name.as_str())
    {
        Some(o) => o,
        None => organisations::insert(&mut tx, &org_name, None).await?,
    };
    let id = people::insert(&mut tx, &org.id, &email, &name)
        .await
        .map_err(|e| match e {
            // The operator may be told who holds an address: they can read the database.
            StoreError::Duplicate { .. } => Error::field(
                "email",
                format!("Someone already has an account with {email}"),
            ),
            other => other.into(),
        })?;
    people::set_password_hash(&mut tx, &id, &hash).await?;
    people::set_roles(&mut tx, &id, &org.id, &roles).await?;
    audit::record(
        &mut tx,
        audit::NewAuditEntry {
            actor_id: None,
            actor_name: "revans user create",
            action: "person.created",
            subject_type: "person",
            subject_id: id.as_str(),
            detail: &format!("Created {name} <{email}> from the command line"),
            ip: "command line",
            organisation_id: Some(&org.id),
        },
    )
    .await?;
    revans_storage::commit(tx).await?;
    Ok(Created {
        id,
        name: name.as_str().to_owned(),
        email: email.as_str().to_owned(),
        organisation: org.name,
        roles,
    })
}
