use std::str::FromStr;

use revans_domain::{EmailAddress, Id, PersonName, Role};
pub use revans_storage::{Organisation, Person, RoleGrant};
use revans_storage::{TokenPurpose, email_tokens, people};

use crate::App;
use crate::access::accounts::INVITATION_VALID_DAYS;
use crate::mail::{self, ApplicationEmail, InvitationEmail, Text};
use crate::security::{hash_token, new_token};
use crate::{Actor, Viewer, admin_scope, parse_org_field, people_in_scope, require_admin_of};
use crate::{EMAIL_CANNOT_BE_USED, Error};
use revans_domain::FieldErrors;

pub struct InviteInput<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub organisation_id: &'a str,
    pub roles: &'a [String],
}

pub fn parse_roles(raw: &[String]) -> Result<Vec<Role>, Error> {
    let mut roles = Vec::new();
    for r in raw {
        let role = Role::from_str(r.trim())?;
        if !roles.contains(&role) {
            roles.push(role);
        }
    }
    roles.sort();
    Ok(roles)
}

/// Creates the person, gives them roles in their organisation, and emails an invitation,
/// all in one transaction.
pub async fn invite(state: &App, actor: &Actor<'_>, input: InviteInput<'_>) -> Result<Id, Error> {
    let mut errors = FieldErrors::default();
    let name = errors.take(PersonName::parse(input.name));
    let email = errors.take(EmailAddress::parse(input.email));
    let org = match parse_org_field(input.organisation_id, "organisation") {
        Ok(id) => Some(id),
        Err(Error::Invalid(e)) => {
            errors.0.extend(e);
            None
        }
        Err(other) => return Err(other),
    };
    let roles = match parse_roles(input.roles) {
        Ok(r) => Some(r),
        Err(Error::Invalid(e)) => {
            errors.0.extend(e);
            None
        }
        Err(other) => return Err(other),
    };
    let (Some(name), Some(email), Some(org), Some(roles)) = (name, email, org, roles) else {
        return Err(Error::Invalid(errors.0));
    };
    let mut tx = state.store.begin().await?;
    let scope = admin_scope(&mut tx, actor.viewer).await?;
    let Some(org_record) = scope.iter().find(|o| o.id == org) else {
        return Err(Error::field(
            "organisation",
            "Select an organisation you administer",
        ));
    };
    refuse_taken_email(&mut tx, &scope, &email).await?;
    let id = people::insert(&mut tx, &org, &email, &name).await?;
    people::set_roles(&mut tx, &id, &org, &roles).await?;
    let role_list: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
    actor
        .audit(
            &mut tx,
            "person.invited",
            "person",
            id.as_str(),
            &format!(
                "Invited {} <{}> to {} with roles: {}",
                name,
                email,
                org_record.name,
                role_list.join(", ")
            ),
            &org,
        )
        .await?;
    send_invitation(
        state,
        &mut tx,
        actor,
        &id,
        name.as_str(),
        email.as_str(),
        &org_record.name,
    )
    .await?;
    revans_storage::commit(tx).await?;
    Ok(id)
}

/// Refuses an address someone already has. Someone the admin can see is reported as such;
/// anyone else (another tenant's person) gets the one generic message, which neither names
/// them nor differs by who they are.
async fn refuse_taken_email(
    conn: &mut revans_storage::Conn,
    scope: &[revans_storage::Organisation],
    email: &EmailAddress,
) -> Result<(), Error> {
    let Some((holder, _)) = people::find_by_email(conn, email).await? else {
        return Ok(());
    };
    let message = if scope.iter().any(|o| o.id == holder.organisation_id) {
        "Someone already has an account with this email address in an organisation you administer. Find them on the People page instead of inviting them again."
    } else {
        EMAIL_CANNOT_BE_USED
    };
    Err(Error::field("email", message))
}

/// Sends a fresh invitation (the old link stops working) to someone who has not accepted.
pub async fn resend_invitation(
    state: &App,
    actor: &Actor<'_>,
    person_id: &Id,
) -> Result<(), Error> {
    let mut tx = state.store.begin().await?;
    let person = people::get(&mut tx, person_id)
        .await?
        .ok_or(Error::NotFound)?;
    require_admin_of(&mut tx, actor.viewer, &person.organisation_id).await?;
    // An erased person's row must never become an account again.
    if revans_storage::erasure::erased_at(&mut tx, person_id)
        .await?
        .is_some()
    {
        return Err(Error::Conflict("This person has been erased".into()));
    }
    if person.activated {
        return Err(Error::Conflict(format!(
            "{} has already accepted their invitation",
            person.name
        )));
    }
    email_tokens::void_for_person(&mut tx, person_id, TokenPurpose::Invitation).await?;
    actor
        .audit(
            &mut tx,
            "person.invitation_resent",
            "person",
            person_id.as_str(),
            &format!("Sent {} a new invitation", person.name),
            &person.organisation_id,
        )
        .await?;
    send_invitation(
        state,
        &mut tx,
        actor,
        person_id,
        &person.name,
        &person.email,
        &person.organisation_name,
    )
    .await?;
    revans_storage::commit(tx).await?;
    Ok(())
}

/// Replaces a person's roles within one organisation the actor administers.
pub async fn set_roles(
    state: &App,
    actor: &Actor<'_>,
    person_id: &Id,
    organisation_id: &str,
    roles: &[String],
) -> Result<(), Error> {
    let org = parse_org_field(organisation_id, "organisation")?;
    let roles = parse_roles(roles)?;
    let mut tx = state.store.begin().await?;
    let person = people::get(&mut tx, person_id)
        .await?
        .ok_or(Error::NotFound)?;
    require_admin_of(&mut tx, actor.viewer, &person.organisation_id).await?;
    require_admin_of(&mut tx, actor.viewer, &org)
        .await
        .map_err(|_| Error::field("organisation", "Select an organisation you administer"))?;
    // Nobody changes their own roles: a lead who could give themself the facilitator or
    // evaluator role could reach what members share. Another programme lead must do it.
    if person.id == actor.viewer.person.id {
        return Err(Error::field(
            "roles",
            "You cannot change your own roles; ask another programme lead",
        ));
    }
    people::set_roles(&mut tx, person_id, &org, &roles).await?;
    let role_list: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
    let detail = if role_list.is_empty() {
        format!("Removed all roles of {}", person.name)
    } else {
        format!("Set roles of {} to: {}", person.name, role_list.join(", "))
    };
    actor
        .audit(
            &mut tx,
            "person.roles_changed",
            "person",
            person_id.as_str(),
            &detail,
            &org,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(())
}

/// A new single-use invitation link, emailed in the caller's transaction.
async fn send_invitation(
    state: &App,
    conn: &mut revans_storage::Conn,
    actor: &Actor<'_>,
    person_id: &Id,
    name: &str,
    email: &str,
    organisation: &str,
) -> Result<(), Error> {
    let token = new_token();
    let expires = revans_storage::now_ms() + INVITATION_VALID_DAYS * 86_400_000;
    email_tokens::insert(
        conn,
        &hash_token(&token),
        TokenPurpose::Invitation,
        person_id,
        expires,
    )
    .await?;
    let message = InvitationEmail {
        tenant: state.settings.tenant_name.clone(),
        name: name.to_owned(),
        inviter: actor.viewer.person.name.clone(),
        organisation: organisation.to_owned(),
        link: format!("{}/invitations/{token}", state.settings.base_url()),
        valid_days: INVITATION_VALID_DAYS,
    };
    mail::enqueue(conn, email, &message).await
}

/// Sets who supervises a facilitator. Both must be in the viewer's scope; both must hold the
/// facilitator role; nobody supervises themselves, a lead cannot make themself anyone's
/// supervisor, and a member of a set the facilitator runs cannot supervise them. A new
/// supervisor reads only the logs shared with the supervisor from now on (see
/// `storage::diaries`); the facilitator is told by email and the audit entry names both.
pub async fn set_supervisor(
    state: &App,
    actor: &Actor<'_>,
    facilitator: &Id,
    supervisor: &str,
) -> Result<(), Error> {
    let mut tx = state.store.begin().await?;
    let person = people::get(&mut tx, facilitator)
        .await?
        .ok_or(Error::NotFound)?;
    require_admin_of(&mut tx, actor.viewer, &person.organisation_id).await?;
    let is_facilitator =
        |roles: Vec<revans_storage::RoleGrant>| roles.iter().any(|g| g.role == Role::Facilitator);
    if !is_facilitator(people::roles(&mut tx, facilitator).await?) {
        return Err(Error::field(
            "supervisor",
            format!("{} is not a facilitator", person.name),
        ));
    }
    let chosen = Id::parse(supervisor.trim())
        .filter(|s| s != facilitator)
        .ok_or_else(|| Error::field("supervisor", "Choose who supervises them"))?;
    if chosen == actor.viewer.person.id {
        return Err(Error::field(
            "supervisor",
            "You cannot make yourself someone's supervisor; ask another programme lead",
        ));
    }
    let in_scope = crate::people_in_scope(&mut tx, actor.viewer).await?;
    let Some(sup) = in_scope.iter().find(|p| p.id == chosen) else {
        return Err(Error::field(
            "supervisor",
            "Choose someone in your organisations",
        ));
    };
    if !is_facilitator(people::roles(&mut tx, &chosen).await?) {
        return Err(Error::field(
            "supervisor",
            format!(
                "{} cannot supervise: a supervisor must be a facilitator themself",
                sup.name
            ),
        ));
    }
    if revans_storage::sets::is_member_facilitated_by(&mut tx, &chosen, facilitator).await? {
        return Err(Error::field(
            "supervisor",
            format!(
                "{} cannot supervise {}: they are a member of a set {} facilitates",
                sup.name, person.name, person.name
            ),
        ));
    }
    let before = revans_storage::diaries::supervisor_of(&mut tx, facilitator).await?;
    if before.as_ref() == Some(&chosen) {
        return Ok(());
    }
    let before_name = match &before {
        Some(id) => people::get(&mut tx, id).await?.map(|p| p.name),
        None => None,
    };
    revans_storage::diaries::set_supervisor(&mut tx, facilitator, &chosen).await?;
    let detail = match &before_name {
        Some(old) => format!(
            "Supervisor of {} changed from {old} to {}; {} reads only logs shared from now on",
            person.name, sup.name, sup.name
        ),
        None => format!(
            "{} now supervises {}; they read only logs shared from now on",
            sup.name, person.name
        ),
    };
    actor
        .audit(
            &mut tx,
            "people.supervisor",
            "person",
            facilitator.as_str(),
            &detail,
            &person.organisation_id,
        )
        .await?;
    let mut lines = vec![Text::new("email-supervisor-reads").arg("supervisor", &sup.name)];
    lines.push(match &before_name {
        Some(old) => Text::new("email-supervisor-before")
            .arg("old", old.as_str())
            .arg("supervisor", &sup.name),
        None => Text::new("email-supervisor-nothing-before"),
    });
    lines.push(Text::new("email-supervisor-changed-by").arg("lead", &actor.viewer.person.name));
    mail::enqueue(
        &mut tx,
        &person.email,
        &ApplicationEmail {
            tenant: state.settings.tenant_name.clone(),
            name: person.name.clone(),
            // Not about a programme: the subject is the headline alone.
            programme: String::new(),
            headline: Text::new("email-supervisor-now").arg("supervisor", &sup.name),
            lines,
            link: format!("{}/diary", state.settings.base_url()),
            link_label: Text::new("email-open-reflective-log"),
        },
    )
    .await?;
    revans_storage::commit(tx).await?;
    Ok(())
}

/// Everyone in the organisations the viewer administers, by name.
pub async fn in_scope(state: &App, viewer: &Viewer) -> Result<Vec<Person>, Error> {
    let mut conn = state.store.conn().await?;
    people_in_scope(&mut conn, viewer).await
}

/// One person as their programme lead sees them: their roles, who supervises them, and who
/// could (another facilitator in the lead's organisations, never the person nor the lead).
#[derive(Debug)]
pub struct PersonRecord {
    pub person: Person,
    pub grants: Vec<RoleGrant>,
    /// Where the lead may move or give roles to them.
    pub organisations: Vec<Organisation>,
    /// The facilitator's supervisor, if they have one.
    pub supervisor: Option<Id>,
    pub supervisor_candidates: Vec<Person>,
}

/// A person's record for a lead of their organisation; anyone else gets "not found".
pub async fn record(state: &App, viewer: &Viewer, id: &Id) -> Result<PersonRecord, Error> {
    let mut conn = state.store.conn().await?;
    let person = people::get(&mut conn, id).await?.ok_or(Error::NotFound)?;
    require_admin_of(&mut conn, viewer, &person.organisation_id).await?;
    let grants = people::roles(&mut conn, id).await?;
    let organisations = admin_scope(&mut conn, viewer).await?;
    let supervisor = revans_storage::diaries::supervisor_of(&mut conn, id).await?;
    let mut candidates: Vec<Person> = Vec::new();
    for root in viewer.admin_roots() {
        candidates.extend(people::facilitators_in_tree(&mut conn, &root).await?);
    }
    let mut seen = std::collections::HashSet::new();
    candidates.retain(|p| &p.id != id && p.id != viewer.person.id && seen.insert(p.id.clone()));
    candidates.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(PersonRecord {
        person,
        grants,
        organisations,
        supervisor,
        supervisor_candidates: candidates,
    })
}

/// A person and their roles, for a lead of their organisation; anyone else gets "not found".
pub async fn person_with_roles(
    state: &App,
    viewer: &Viewer,
    id: &Id,
) -> Result<(Person, Vec<RoleGrant>), Error> {
    let mut conn = state.store.conn().await?;
    let person = people::get(&mut conn, id).await?.ok_or(Error::NotFound)?;
    require_admin_of(&mut conn, viewer, &person.organisation_id).await?;
    let roles = people::roles(&mut conn, id).await?;
    Ok((person, roles))
}
