//! Who may read a facilitator's records: the facilitator themself, and the leads of their
//! region (a lead of any organisation in the same tenant). A lead of another tenant gets "not
//! found", so they cannot confirm the person exists; anyone else signed in, 403.

use revans_domain::{Id, Role};
use revans_storage::{Conn, facilitator_profiles as profiles};

use crate::{Error, Viewer};

/// The region (tenant) of the viewer's own organisation.
pub async fn own_region(conn: &mut Conn, viewer: &Viewer) -> Result<Id, Error> {
    profiles::region_of(conn, &viewer.person.organisation_id)
        .await?
        .ok_or(Error::NotFound)
}

/// The regions the viewer leads in: the tenant of each organisation they administer.
pub async fn led_regions(conn: &mut Conn, viewer: &Viewer) -> Result<Vec<Id>, Error> {
    let mut regions: Vec<Id> = Vec::new();
    for root in viewer.admin_roots() {
        if let Some(region) = profiles::region_of(conn, &root).await?
            && !regions.contains(&region)
        {
            regions.push(region);
        }
    }
    Ok(regions)
}

/// Refuses unless the viewer is the person or leads in the person's region.
pub async fn may_read(conn: &mut Conn, viewer: &Viewer, person: &Id) -> Result<(), Error> {
    if &viewer.person.id == person {
        return Ok(());
    }
    if !viewer.is_admin() {
        return Err(Error::Forbidden);
    }
    for region in led_regions(conn, viewer).await? {
        if profiles::person_in_tree(conn, &region, person).await? {
            return Ok(());
        }
    }
    Err(Error::NotFound)
}

/// Refuses unless the viewer holds the facilitator role (their own records are for them).
pub fn require_facilitator(viewer: &Viewer) -> Result<(), Error> {
    if viewer.has_role(Role::Facilitator) {
        Ok(())
    } else {
        Err(Error::ForbiddenBecause(
            "Only facilitators keep a facilitator profile. Ask your programme lead if you facilitate.".into(),
        ))
    }
}
