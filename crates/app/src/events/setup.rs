//! The lead sets an immersion event up: its time slots and closing date, and its host
//! organisations; and reads the overview (hosts, who has ranked, the last allocation).

use revans_domain::{EmailAddress, Id};
use revans_storage::events::{self as store, NewHost};
use revans_storage::people;

use super::event_for_admin;
use revans_domain::FieldError;

use crate::{Actor, App, Error, Viewer, require_admin_of};

/// The event's time slots and when rankings close (milliseconds since the epoch, UTC).
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanInput {
    pub slots: i64,
    pub rankings_close_at: i64,
}

/// Refuses (403, 404, 409) unless the viewer leads this immersion event; the API asks before
/// reading a body it would otherwise refuse as malformed.
pub async fn require_event(app: &App, viewer: &Viewer, programme: &Id) -> Result<(), Error> {
    let mut conn = app.store.conn().await?;
    event_for_admin(&mut conn, &Actor { viewer, ip: "" }, programme).await?;
    Ok(())
}

pub async fn set_plan(
    app: &App,
    actor: &Actor<'_>,
    programme: &Id,
    input: &PlanInput,
) -> Result<(), Error> {
    let mut tx = app.store.begin().await?;
    // Who may first, then what they sent: another tenant's lead learns nothing from a 422.
    let event = event_for_admin(&mut tx, actor, programme).await?;
    if !(1..=24).contains(&input.slots) {
        return Err(Error::field(
            "slots",
            "Enter the number of time slots, from 1 to 24",
        ));
    }
    // Itineraries name slots: once people read them, the slots stay as published.
    if store::plan(&mut tx, programme)
        .await?
        .is_some_and(|p| p.published_at.is_some())
    {
        return Err(Error::Conflict(
            "The visits are published, so the slots and closing date can no longer change".into(),
        ));
    }
    store::set_plan(&mut tx, programme, input.slots, input.rankings_close_at).await?;
    actor
        .audit(
            &mut tx,
            "event.plan_set",
            "programme",
            programme.as_str(),
            &format!(
                "Set {} time slot(s) and the closing date for rankings",
                input.slots
            ),
            &event.organisation_id,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(())
}

/// A host organisation as the lead enters it; the contact is found by email address.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields, default)]
pub struct HostInput {
    pub name: String,
    pub description: String,
    pub address: String,
    pub min_per_slot: i64,
    pub max_per_slot: i64,
    /// The email address of the host's contact, who must already have an account.
    pub contact_email: Option<String>,
}

/// Adds a host; every problem with the input is reported at once, by field.
pub async fn add_host(
    app: &App,
    actor: &Actor<'_>,
    programme: &Id,
    input: &HostInput,
) -> Result<Id, Error> {
    let mut tx = app.store.begin().await?;
    // Who may first, then what they sent: another tenant's lead learns nothing from a 422.
    let event = event_for_admin(&mut tx, actor, programme).await?;
    let mut problems = Vec::new();
    let name = input.name.trim();
    if name.is_empty() || name.chars().count() > 120 {
        problems.push((
            "name",
            "Enter the host's name, up to 120 characters".to_owned(),
        ));
    }
    if input.address.trim().is_empty() {
        problems.push(("address", "Enter the address visitors go to".to_owned()));
    }
    if !(0..=1000).contains(&input.min_per_slot) {
        problems.push((
            "min_per_slot",
            "Enter the fewest visitors per slot, from 0 to 1000".to_owned(),
        ));
    }
    if !(1..=1000).contains(&input.max_per_slot) {
        problems.push((
            "max_per_slot",
            "Enter the most visitors per slot, from 1 to 1000".to_owned(),
        ));
    } else if input.min_per_slot > input.max_per_slot {
        problems.push((
            "max_per_slot",
            "The most visitors per slot must be at least the fewest".to_owned(),
        ));
    }
    let contact_email = match input.contact_email.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(raw) => match EmailAddress::parse(raw) {
            Ok(e) => Some(e),
            Err(_) => {
                problems.push((
                    "contact_email",
                    "Enter the contact's email address, like name@example.org".to_owned(),
                ));
                None
            }
        },
    };
    if !problems.is_empty() {
        return Err(Error::Invalid(
            problems
                .into_iter()
                .map(|(field, message)| FieldError {
                    field: field.to_owned(),
                    message,
                })
                .collect(),
        ));
    }
    let contact = match &contact_email {
        None => None,
        Some(email) => {
            let (person, _) = people::find_by_email(&mut tx, email)
                .await?
                .ok_or_else(|| {
                    Error::field(
                        "contact_email",
                        "Nobody has an account with that email address; invite them first",
                    )
                })?;
            // The contact reads visitors' names and needs: only someone in an organisation
            // the lead runs (not another tenant's account) may be made one.
            require_admin_of(&mut tx, actor.viewer, &person.organisation_id)
                .await
                .map_err(|_| {
                    Error::field(
                        "contact_email",
                        "That person is not in an organisation you run",
                    )
                })?;
            Some(person.id)
        }
    };
    let id = store::insert_host(
        &mut tx,
        &NewHost {
            programme_id: programme,
            name,
            description: input.description.trim(),
            address: input.address.trim(),
            min_per_slot: input.min_per_slot,
            max_per_slot: input.max_per_slot,
            contact_person_id: contact.as_ref(),
        },
    )
    .await?
    .ok_or_else(|| Error::field("name", "This event already has a host with that name"))?;
    actor
        .audit(
            &mut tx,
            "event.host_added",
            "event_host",
            id.as_str(),
            &format!("Added the host {name}"),
            &event.organisation_id,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(id)
}

/// A host as the lead and participants see it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct HostOut {
    pub id: String,
    pub name: String,
    pub description: String,
    pub address: String,
    pub min_per_slot: i64,
    pub max_per_slot: i64,
}

impl From<store::Host> for HostOut {
    fn from(h: store::Host) -> Self {
        HostOut {
            id: h.id,
            name: h.name,
            description: h.description,
            address: h.address,
            min_per_slot: h.min_per_slot,
            max_per_slot: h.max_per_slot,
        }
    }
}

/// The lead's overview of the event.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct EventOverview {
    pub programme_id: String,
    pub title: String,
    /// None until the lead sets the slots and closing date.
    pub slots: Option<i64>,
    pub rankings_close_at: Option<i64>,
    pub hosts: Vec<HostOut>,
    /// Participants with an accepted place, and those of them who have ranked.
    pub participants: u32,
    pub ranked: u32,
    /// Who has not ranked yet (the lead chases them).
    pub not_ranked: Vec<String>,
    /// The last allocation: its objective and bound (equal when proven optimal).
    pub objective: Option<i64>,
    pub bound: Option<i64>,
    pub allocated_at: Option<i64>,
    pub published_at: Option<i64>,
}

/// Four statements: the programme, the plan, the hosts and the participants.
pub async fn overview(app: &App, viewer: &Viewer, programme: &Id) -> Result<EventOverview, Error> {
    let actor = Actor { viewer, ip: "" };
    let mut conn = app.store.conn().await?;
    let event = event_for_admin(&mut conn, &actor, programme).await?;
    let plan = store::plan(&mut conn, programme).await?;
    let hosts = store::hosts(&mut conn, programme).await?;
    let participants = store::participants(&mut conn, programme).await?;
    let ranked = participants
        .iter()
        .filter(|p| p.submitted_at.is_some())
        .count();
    Ok(EventOverview {
        programme_id: programme.to_string(),
        title: event.fields.title,
        slots: plan.as_ref().map(|p| p.slots),
        rankings_close_at: plan.as_ref().map(|p| p.rankings_close_at),
        hosts: hosts.into_iter().map(HostOut::from).collect(),
        participants: participants.len() as u32,
        ranked: ranked as u32,
        not_ranked: participants
            .iter()
            .filter(|p| p.submitted_at.is_none())
            .map(|p| p.name.clone())
            .collect(),
        objective: plan.as_ref().and_then(|p| p.objective),
        bound: plan.as_ref().and_then(|p| p.bound),
        allocated_at: plan.as_ref().and_then(|p| p.allocated_at),
        published_at: plan.as_ref().and_then(|p| p.published_at),
    })
}
