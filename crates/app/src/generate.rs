//! Generated data sets for measuring Revans at scale. `national` fills an empty database with a
//! deterministic nation scaled from a number of people (issue 13): 42 regions (ICS) and their
//! member organisations, people in every role, programmes of every kind with cohorts and
//! applications in every state, sets with meetings, attendance, problems, actions, diaries
//! and logs, and an audit log. The plan (what exists, who is where) is pure and comes from
//! the seed alone; the rows are then written in batches through `revans_storage::bulk`.

mod audit;
mod content;
mod ids;
mod manifest;
mod names;
mod people;
mod places;
mod plan;
mod rng;
mod writer;

use std::time::Instant;

use revans_domain::Password;
use revans_storage::{Store, bulk};

pub use manifest::{Manifest, ManifestUrl};
pub use plan::Scale;

use crate::Error;
use crate::security::hash_password;

/// What `national` made: row counts per table, and the manifest of accounts and URLs.
#[derive(Debug, Clone)]
pub struct Report {
    pub scale: Scale,
    /// (table, rows written), in the order they were filled.
    pub counts: Vec<(&'static str, u64)>,
    /// (table, seconds spent in its INSERT statements), same order.
    pub write_seconds: Vec<(&'static str, f64)>,
    pub manifest: Manifest,
    pub seconds: f64,
}

/// Fills the empty database behind `store` with a nation of `people` people made from `seed`.
/// Refuses a database that already holds organisations or people. Everyone signs in with the
/// demo password (hashed once).
pub async fn national(store: &Store, people: u32, seed: u64) -> Result<Report, Error> {
    let started = Instant::now();
    let scale = Scale::for_people(people)?;
    {
        let mut conn = store.conn().await?;
        if bulk::holds_data(&mut conn).await? {
            return Err(Error::Conflict(
                "The database already holds data: generate a nation into an empty database".into(),
            ));
        }
    }
    let hash = hash_password(&Password::parse(crate::demo::PASSWORD)?).await?;
    let now = crate::now_ms();
    let plan = plan::Plan::make(&scale, seed);
    let mut w = writer::Writer::start(store, seed).await?;
    let staff = people::write(&mut w, &plan, &hash, now).await?;
    let places = places::write(&mut w, &plan, &staff, now).await?;
    let marks = content::write(&mut w, &plan, &staff, &places, now).await?;
    let written = w.finish().await?;
    let manifest = manifest::make(&plan, &places, &marks);
    Ok(Report {
        scale,
        counts: written.counts,
        write_seconds: written.seconds,
        manifest,
        seconds: started.elapsed().as_secs_f64(),
    })
}
