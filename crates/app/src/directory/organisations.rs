use revans_domain::OrganisationName;
pub use revans_storage::Organisation;
use revans_storage::organisations;

use crate::App;
use crate::Error;
use crate::{Actor, parse_org_field, require_admin_of};

/// Adds an organisation below one the actor administers (a new member of their ICS).
pub async fn create(
    state: &App,
    actor: &Actor<'_>,
    name: &str,
    parent: &str,
) -> Result<Organisation, Error> {
    let mut errors = revans_domain::FieldErrors::default();
    let name = errors.take(OrganisationName::parse(name));
    let parent = match parse_org_field(parent, "parent") {
        Ok(id) => Some(id),
        Err(Error::Invalid(e)) => {
            errors.0.extend(e);
            None
        }
        Err(other) => return Err(other),
    };
    let (Some(name), Some(parent)) = (name, parent) else {
        return Err(Error::Invalid(errors.0));
    };
    let mut tx = state.store.begin().await?;
    require_admin_of(&mut tx, actor.viewer, &parent)
        .await
        .map_err(|_| Error::field("parent", "Select an organisation you administer"))?;
    let org = organisations::insert(&mut tx, &name, Some(&parent)).await?;
    actor
        .audit(
            &mut tx,
            "organisation.created",
            "organisation",
            org.id.as_str(),
            &format!("Created {}", org.name),
            &org.id,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(org)
}

/// Every organisation the viewer administers, by name.
pub async fn in_scope(state: &App, viewer: &crate::Viewer) -> Result<Vec<Organisation>, Error> {
    let mut conn = state.store.conn().await?;
    crate::admin_scope(&mut conn, viewer).await
}
