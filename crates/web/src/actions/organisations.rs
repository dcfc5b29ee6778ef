use revans_domain::OrganisationName;
use revans_storage::{Organisation, organisations};

use super::{Actor, parse_org_field, require_admin_of};
use crate::error::AppError;
use crate::state::AppState;

/// Adds an organisation below one the actor administers (a new member of their ICS).
pub async fn create(
    state: &AppState,
    actor: &Actor<'_>,
    name: &str,
    parent: &str,
) -> Result<Organisation, AppError> {
    let mut errors = crate::layout::Errors::default();
    let name = errors.take(OrganisationName::parse(name));
    let parent = match parse_org_field(parent, "parent") {
        Ok(id) => Some(id),
        Err(AppError::Invalid(e)) => {
            errors.0.extend(e);
            None
        }
        Err(other) => return Err(other),
    };
    let (Some(name), Some(parent)) = (name, parent) else {
        return Err(AppError::Invalid(errors.0));
    };
    let mut tx = state.store.begin().await?;
    require_admin_of(&mut tx, actor.viewer, &parent)
        .await
        .map_err(|_| AppError::field("parent", "Select an organisation you administer"))?;
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
