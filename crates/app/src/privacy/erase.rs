//! Erasing a person: a lead of their organisation, or the person themself when the service
//! allows it (`Settings::self_erasure`). One transaction does it all, as the privacy register
//! declares (`revans_storage::erasure`): their own words and records deleted, rows others need
//! kept as "Former member", their sessions and tokens ended. Audited without their name.

use revans_domain::Id;
use revans_storage::{Conn, Person, erasure, people};

use crate::evaluation::responding::pseudonym;
use crate::{Actor, App, Error, Viewer, require_admin_of};

/// Who is about to be erased, for the confirmation page.
#[derive(Debug, Clone)]
pub struct ErasePreview {
    pub person: Person,
    /// True when the viewer is erasing their own account.
    pub own: bool,
}

/// What a successful erasure reports (the name is for the confirmation panel only: it is
/// gone from the database).
#[derive(Debug, Clone)]
pub struct Erased {
    pub id: Id,
    pub name: String,
    pub own: bool,
}

/// The person, if the viewer may erase them and they are not erased yet.
pub async fn preview(state: &App, viewer: &Viewer, person_id: &Id) -> Result<ErasePreview, Error> {
    let mut conn = state.store.conn().await?;
    let person = permitted(&mut conn, state, viewer, person_id).await?;
    Ok(ErasePreview {
        own: person.id == viewer.person.id,
        person,
    })
}

/// Whether the viewer may erase their own account here (the account page's button).
pub fn self_erasure_allowed(state: &App) -> bool {
    state.settings.self_erasure
}

/// Erases the person, once `confirmed` (the "Yes, erase" button or `"confirm": true`).
pub async fn erase(
    state: &App,
    actor: &Actor<'_>,
    person_id: &Id,
    confirmed: bool,
) -> Result<Erased, Error> {
    let mut tx = state.store.begin().await?;
    let person = permitted(&mut tx, state, actor.viewer, person_id).await?;
    if !confirmed {
        return Err(Error::field(
            "confirm",
            "Confirm that you want to erase this person's account and data",
        ));
    }
    // Recorded before the erasure, so the scrub below turns a self-erasure's actor name
    // into "Former member" too.
    actor
        .audit(
            &mut tx,
            "person.erased",
            "person",
            person.id.as_str(),
            "Erased a person: their own records deleted, others' records now name a former member",
            &person.organisation_id,
        )
        .await?;
    let keys = erasure::pseudonym_keys(&mut tx).await?;
    let pseudonyms: Vec<String> = keys
        .iter()
        .map(|k| pseudonym(k, Some(person.id.as_str()), &person.email))
        .collect();
    erasure::erase(
        &mut tx,
        &erasure::Subject {
            id: &person.id,
            name: &person.name,
            email: &person.email,
            pseudonyms: &pseudonyms,
        },
        crate::now_ms(),
    )
    .await?;
    revans_storage::commit(tx).await?;
    Ok(Erased {
        own: person.id == actor.viewer.person.id,
        id: person.id,
        name: person.name,
    })
}

/// The rule: the person themself when the service allows it; otherwise a programme lead of
/// their organisation (others' leads get "not found", other roles "forbidden"). Nobody is
/// erased twice.
async fn permitted(
    conn: &mut Conn,
    state: &App,
    viewer: &Viewer,
    person_id: &Id,
) -> Result<Person, Error> {
    let own = person_id == &viewer.person.id;
    if own {
        if !state.settings.self_erasure {
            return Err(Error::ForbiddenBecause(
                "This service does not let people erase their own account. Ask a programme lead to do it.".into(),
            ));
        }
    } else if !viewer.is_admin() {
        return Err(Error::Forbidden);
    }
    let person = people::get(conn, person_id).await?.ok_or(Error::NotFound)?;
    if !own {
        require_admin_of(conn, viewer, &person.organisation_id).await?;
    }
    if erasure::erased_at(conn, person_id).await?.is_some() {
        return Err(Error::Conflict(
            "This person has already been erased".into(),
        ));
    }
    Ok(person)
}
