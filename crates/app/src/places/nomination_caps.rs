//! Nomination caps per organisation (C2): "an ICS may nominate up to 5", counting the
//! organisations under it. The programme's own cap is on its form; here a lead caps any
//! organisation in their region, or lifts its cap.

use revans_domain::Id;
use revans_storage::{organisations, programmes};

use super::programmes::load_for_admin;
use crate::Actor;
use crate::App;
use crate::Error;

/// The most a lead may set: a cap is a handful of places, never thousands.
const MOST: i64 = 1000;

/// What the form (or the API) sends.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct CapInput {
    /// An organisation in the programme's region.
    pub organisation_id: String,
    /// The most applications it may hold; blank to lift its cap.
    pub cap: String,
}

/// Sets or lifts one organisation's cap. Applications already made stay; the cap applies to
/// the next ones.
pub async fn set_cap(
    state: &App,
    actor: &Actor<'_>,
    programme_id: &Id,
    input: &CapInput,
) -> Result<(), Error> {
    let mut tx = state.store.begin().await?;
    let programme = load_for_admin(&mut tx, actor, programme_id).await?;
    let region = organisations::tree(&mut tx, &programme.organisation_id).await?;
    let mut errors = revans_domain::FieldErrors::default();
    let org = Id::parse(input.organisation_id.trim())
        .and_then(|id| region.into_iter().find(|o| o.id == id));
    if org.is_none() {
        errors.add(
            "organisation_id",
            "Choose one of the organisations in this programme's region",
        );
    }
    let cap = match input.cap.trim() {
        "" => Some(None),
        raw => raw
            .parse::<i64>()
            .ok()
            .filter(|n| (1..=MOST).contains(n))
            .map(Some),
    };
    if cap.is_none() {
        errors.add(
            "cap",
            "Enter the most applications this organisation may hold, a whole number from 1 to 1000, or leave it blank for no cap",
        );
    }
    let (Some(org), Some(cap)) = (org, cap) else {
        return Err(Error::Invalid(errors.0));
    };
    programmes::set_cap(&mut tx, programme_id, &org.id, cap).await?;
    let detail = match cap {
        Some(n) => format!(
            "{} may hold up to {n} applications to {}",
            org.name, programme.fields.title
        ),
        None => format!(
            "Lifted the cap of {} on {}",
            org.name, programme.fields.title
        ),
    };
    actor
        .audit(
            &mut tx,
            "programme.cap_changed",
            "programme",
            programme_id.as_str(),
            &detail,
            &programme.organisation_id,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(())
}
