//! Publishing the allocation: from then on participants read their itineraries and host
//! contacts their visitors, and Revans emails each of them (in the same transaction, so the
//! emails go only if the publication commits).

use revans_domain::Id;
use revans_storage::events as store;

use super::event_for_admin;
use crate::mail::{self, EventEmail, Text};
use crate::{Actor, App, Error};

/// Publishes the stored allocation to participants and hosts, and emails them.
pub async fn publish(app: &App, actor: &Actor<'_>, programme: &Id) -> Result<(), Error> {
    let mut tx = app.store.begin().await?;
    let event = event_for_admin(&mut tx, actor, programme).await?;
    if !store::publish(&mut tx, programme).await? {
        return Err(Error::Conflict(
            "Run the allocation before publishing it".into(),
        ));
    }
    let participants = store::participants(&mut tx, programme).await?;
    let visits = store::visits(&mut tx, programme).await?;
    let hosts = store::hosts(&mut tx, programme).await?;
    let title = event.fields.title.clone();
    let base = app.settings.base_url();
    let tenant = app.settings.tenant_name.clone();
    for p in &participants {
        let mine: Vec<Text> = visits
            .iter()
            .filter(|v| v.person_id == p.person_id)
            .map(|v| {
                Text::new("email-event-visit")
                    .arg("n", v.slot)
                    .arg("host", v.host_name.as_str())
                    .arg("address", v.host_address.as_str())
            })
            .collect();
        if mine.is_empty() {
            continue; // They did not rank, so they have no visits to be told of.
        }
        let email = EventEmail {
            tenant: tenant.clone(),
            name: p.name.clone(),
            event: title.clone(),
            headline: Text::new("email-event-published"),
            lines: mine,
            link: format!("{base}/events/{programme}"),
            link_label: Text::new("email-event-see-itinerary"),
        };
        mail::enqueue(&mut tx, &p.email, &email).await?;
    }
    let slots = visits.iter().map(|v| v.slot).max().unwrap_or(0);
    for h in &hosts {
        let (Some(email), Some(name)) = (&h.contact_email, &h.contact_name) else {
            continue;
        };
        let lines = (1..=slots)
            .map(|slot| {
                let count = visits
                    .iter()
                    .filter(|v| v.host_id == h.id && v.slot == slot)
                    .count();
                Text::new("email-event-host-slot")
                    .arg("n", slot)
                    .arg("count", count)
            })
            .collect();
        let notice = EventEmail {
            tenant: tenant.clone(),
            name: name.clone(),
            event: title.clone(),
            headline: Text::new("email-event-host-published").arg("host", h.name.as_str()),
            lines,
            link: format!("{base}/event-hosts/{}/visitors", h.id),
            link_label: Text::new("email-event-see-visitors"),
        };
        mail::enqueue(&mut tx, email, &notice).await?;
    }
    actor
        .audit(
            &mut tx,
            "event.published",
            "programme",
            programme.as_str(),
            "Published the visit allocation to participants and hosts; Revans emailed them",
            &event.organisation_id,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(())
}
