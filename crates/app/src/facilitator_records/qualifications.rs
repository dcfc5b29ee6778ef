//! A facilitator's own qualifications: add, change and remove. One awarded by completing a
//! cohort is the record's, not theirs to change.

use revans_domain::facilitator_profile::Qualification;
use revans_domain::{FieldError, Id};
use revans_storage::facilitator_profiles::{self as profiles, QualificationFields};

use super::access::{own_region, require_facilitator};
use crate::{Actor, App, Error, Viewer};

/// A qualification as typed (dates day-first or `YYYY-MM-DD`; the expiry may be empty).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct QualificationInput {
    pub name: String,
    pub level: String,
    pub awarded_on: String,
    pub expires_on: String,
    pub evidence: String,
}

fn today(viewer: &Viewer) -> jiff::civil::Date {
    let zone = jiff::tz::TimeZone::get(viewer.timezone()).unwrap_or(jiff::tz::TimeZone::UTC);
    jiff::Timestamp::now().to_zoned(zone).date()
}

fn fields(viewer: &Viewer, input: &QualificationInput) -> Result<QualificationFields, Error> {
    let q = Qualification::parse(
        &input.name,
        &input.level,
        &input.awarded_on,
        &input.expires_on,
        &input.evidence,
        today(viewer),
    )
    .map_err(|errs| Error::Invalid(errs.into_iter().map(FieldError::from).collect()))?;
    Ok(QualificationFields {
        name: q.name,
        level: q.level,
        awarded_on: q.awarded_on.to_string(),
        expires_on: q.expires_on.map(|d| d.to_string()),
        evidence: q.evidence,
    })
}

/// One of the viewer's own typed qualifications (404 for anyone else's, or an awarded one).
pub async fn own_qualification(
    app: &App,
    viewer: &Viewer,
    id: &Id,
) -> Result<QualificationInput, Error> {
    require_facilitator(viewer)?;
    let mut conn = app.store.conn().await?;
    let q = profiles::qualification(&mut conn, id)
        .await?
        .filter(|q| q.person_id == viewer.person.id && q.cohort_id.is_none())
        .ok_or(Error::NotFound)?;
    Ok(QualificationInput {
        name: q.name,
        level: q.level,
        awarded_on: q.awarded_on,
        expires_on: q.expires_on.unwrap_or_default(),
        evidence: q.evidence,
    })
}

pub async fn add(app: &App, actor: &Actor<'_>, input: &QualificationInput) -> Result<Id, Error> {
    require_facilitator(actor.viewer)?;
    let f = fields(actor.viewer, input)?;
    let mut tx = app.store.begin().await?;
    let me = &actor.viewer.person.id;
    let id = profiles::add_qualification(&mut tx, me, &f).await?;
    let region = own_region(&mut tx, actor.viewer).await?;
    let detail = format!("Added the qualification {} ({})", f.name, f.level);
    actor
        .audit(
            &mut tx,
            "facilitator.qualification_added",
            "person",
            me.as_str(),
            &detail,
            &region,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(id)
}

pub async fn change(
    app: &App,
    actor: &Actor<'_>,
    id: &Id,
    input: &QualificationInput,
) -> Result<(), Error> {
    own_qualification(app, actor.viewer, id).await?;
    let f = fields(actor.viewer, input)?;
    let mut tx = app.store.begin().await?;
    let me = &actor.viewer.person.id;
    if !profiles::change_qualification(&mut tx, id, me, &f).await? {
        return Err(Error::NotFound);
    }
    let region = own_region(&mut tx, actor.viewer).await?;
    let detail = format!("Changed the qualification {} ({})", f.name, f.level);
    actor
        .audit(
            &mut tx,
            "facilitator.qualification_changed",
            "person",
            me.as_str(),
            &detail,
            &region,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(())
}

pub async fn remove(app: &App, actor: &Actor<'_>, id: &Id) -> Result<(), Error> {
    let q = own_qualification(app, actor.viewer, id).await?;
    let mut tx = app.store.begin().await?;
    let me = &actor.viewer.person.id;
    if !profiles::remove_qualification(&mut tx, id, me).await? {
        return Err(Error::NotFound);
    }
    let region = own_region(&mut tx, actor.viewer).await?;
    let detail = format!("Removed the qualification {} ({})", q.name, q.level);
    actor
        .audit(
            &mut tx,
            "facilitator.qualification_removed",
            "person",
            me.as_str(),
            &detail,
            &region,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(())
}
