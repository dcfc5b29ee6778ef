//! The pool as every lead of a region reads it: names, organisations, qualifications,
//! capacity left, languages and when they can facilitate. Never diaries or reflective logs.

use revans_domain::Id;
use revans_storage::pool::{self, PoolRow};

use super::{describe_windows, led_regions};
use crate::{App, Error, Viewer, now_ms};

/// One member of the pool as a lead reads them.
#[derive(Debug, Clone)]
pub struct PoolEntry {
    pub person_id: Id,
    pub name: String,
    pub organisation: String,
    pub qualifications: Vec<String>,
    pub capacity: i64,
    pub capacity_left: i64,
    pub languages: Vec<String>,
    pub years: i64,
    pub outside_own_org: bool,
    pub timezone: String,
    pub availability: String,
    /// "From 5 January 2031" when unavailable with no last day.
    pub unavailable_from: Option<String>,
}

/// Each region the viewer leads in, with its pool.
#[derive(Debug, Clone)]
pub struct RegionPool {
    pub region_id: Id,
    pub region_name: String,
    pub members: Vec<PoolEntry>,
}

pub(crate) fn entry(r: &PoolRow) -> PoolEntry {
    PoolEntry {
        person_id: r.person_id.clone(),
        name: r.name.clone(),
        organisation: r.organisation_name.clone(),
        qualifications: r.qualifications.clone(),
        capacity: r.capacity,
        capacity_left: r.capacity_left(),
        languages: r.languages.clone(),
        years: r.years,
        outside_own_org: r.outside_own_org,
        timezone: r.timezone.clone(),
        availability: describe_windows(&r.availability),
        unavailable_from: r
            .absences
            .iter()
            .find(|a| a.last_day.is_none())
            .map(|a| a.first_day.clone()),
    }
}

/// The pools of the regions the viewer leads in (403 for anyone who leads nowhere).
pub async fn pools(app: &App, viewer: &Viewer) -> Result<Vec<RegionPool>, Error> {
    let mut conn = app.store.conn().await?;
    let regions = led_regions(&mut conn, viewer).await?;
    let now = now_ms();
    let mut out = Vec::new();
    for region_id in regions {
        let region_name = revans_storage::organisations::get(&mut conn, &region_id)
            .await?
            .map(|o| o.name)
            .unwrap_or_default();
        let members = pool::list(&mut conn, &region_id, now)
            .await?
            .iter()
            .map(entry)
            .collect();
        out.push(RegionPool {
            region_id,
            region_name,
            members,
        });
    }
    Ok(out)
}
