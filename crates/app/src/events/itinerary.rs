//! Once the allocation is published: a participant's own itinerary with why they got it, and a
//! host contact's list of their own visitors (names and needs, nobody else's).

use revans_domain::Id;
use revans_storage::events as store;

use super::allocation::{PersonAllocation, person_allocation};
use super::{allocation_of, index};
use crate::{App, Error, Viewer};

/// 404 unless the viewer has a place and the allocation is published; their visits and the
/// reasons for the hosts they ranked higher and did not get.
pub async fn mine(app: &App, viewer: &Viewer, programme: &Id) -> Result<PersonAllocation, Error> {
    let mut conn = app.store.conn().await?;
    store::participant(&mut conn, programme, &viewer.person.id)
        .await?
        .ok_or(Error::NotFound)?;
    let plan = store::plan(&mut conn, programme)
        .await?
        .filter(|p| p.published_at.is_some())
        .ok_or(Error::NotFound)?;
    let hosts = store::hosts(&mut conn, programme).await?;
    let rankings = store::rankings(&mut conn, programme).await?;
    let stored = store::visits(&mut conn, programme).await?;
    let indexed = index(&plan, hosts, &rankings)?;
    let p = indexed
        .people
        .iter()
        .position(|(id, _)| *id == viewer.person.id.as_str())
        .ok_or(Error::NotFound)?;
    let allocation = allocation_of(&indexed, &stored).ok_or(Error::NotFound)?;
    Ok(person_allocation(&indexed, &allocation, p))
}

/// A visitor as their host sees them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct Visitor {
    pub name: String,
    /// What they asked the hosts to know (access, diet).
    pub needs: String,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct SlotVisitors {
    /// From 1.
    pub slot: i64,
    pub visitors: Vec<Visitor>,
}

/// What a host's contact sees.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct HostVisitors {
    pub host_id: String,
    pub name: String,
    pub address: String,
    pub slots: Vec<SlotVisitors>,
}

/// 404 unless the viewer is this host's contact and the allocation is published (the lead
/// sees every host's visitors, before publication too, through the allocation view).
pub async fn for_host(app: &App, viewer: &Viewer, host: &Id) -> Result<HostVisitors, Error> {
    let mut conn = app.store.conn().await?;
    let h = store::host(&mut conn, host).await?.ok_or(Error::NotFound)?;
    if h.contact_person_id.as_deref() != Some(viewer.person.id.as_str()) {
        return Err(Error::NotFound);
    }
    let programme = Id::parse(&h.programme_id).ok_or(Error::NotFound)?;
    let plan = store::plan(&mut conn, &programme)
        .await?
        .filter(|p| p.published_at.is_some())
        .ok_or(Error::NotFound)?;
    let visitors = store::visitors_of(&mut conn, host).await?;
    let slots = (1..=plan.slots)
        .map(|slot| SlotVisitors {
            slot,
            visitors: visitors
                .iter()
                .filter(|v| v.slot == slot)
                .map(|v| Visitor {
                    name: v.person_name.clone(),
                    needs: v.needs.clone(),
                })
                .collect(),
        })
        .collect();
    Ok(HostVisitors {
        host_id: h.id,
        name: h.name,
        address: h.address,
        slots,
    })
}
