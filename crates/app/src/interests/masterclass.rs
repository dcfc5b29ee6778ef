//! "Create a masterclass from this interest": a draft programme of kind masterclass titled with
//! the topic (made by the one create-programme use case), the topic marked as offered, and an
//! email from Revans to each person who asked, once per person and topic. The lead never learns
//! who asked: the answer, the audit entry and every page carry the topic and the published
//! count only, and only a topic whose count is shown (8 or more people) can be used, or the
//! lead could learn that 1-7 people asked.

use revans_domain::interest::InterestTopic;
use revans_domain::{Id, Published, publish};
use revans_storage::masterclass_interests as store;

use super::lead_root;
use crate::mail::{self, MasterclassInvitationEmail};
use crate::places::programmes::{ProgrammeInput, create_in};
use crate::{Actor, App, Error, Viewer};

/// What the lead checks before making the masterclass.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct MasterclassPlan {
    pub topic: String,
    /// The programme's title.
    pub title: String,
    /// People who asked, as published (8 or more, rounded to the nearest 5).
    pub people: u32,
}

/// The masterclass made.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct MasterclassMade {
    pub programme_id: String,
    pub topic: String,
    pub title: String,
    /// People who asked, as published; Revans emailed each of them.
    pub people: u32,
}

/// The topic's published count in the lead's tree, checked usable for a masterclass.
async fn usable(
    conn: &mut revans_storage::Conn,
    root: &Id,
    topic: &InterestTopic,
) -> Result<u32, Error> {
    let rows = store::counts_in_tree(conn, root).await?;
    let row = rows
        .iter()
        .find(|r| r.topic == topic.as_str())
        .ok_or(Error::NotFound)?;
    if row.offered_at.is_some() {
        return Err(Error::Conflict(format!(
            "A masterclass on {} has already been made",
            topic.as_str()
        )));
    }
    match publish(u32::try_from(row.people).unwrap_or(u32::MAX)) {
        Published::Count(n) if n > 0 => Ok(n),
        _ => Err(Error::Conflict(format!(
            "Fewer than 8 people asked for {}, so a masterclass cannot be made from it yet",
            topic.as_str()
        ))),
    }
}

/// The check-your-answers page's content: 404 for a topic nobody in the tree asked for, 409
/// for one made already or asked for by fewer than 8 people.
pub async fn plan(app: &App, viewer: &Viewer, raw_topic: &str) -> Result<MasterclassPlan, Error> {
    let root = lead_root(viewer)?;
    let topic = InterestTopic::parse(raw_topic)?;
    let mut conn = app.store.conn().await?;
    let people = usable(&mut conn, &root, &topic).await?;
    Ok(MasterclassPlan {
        title: topic.title(),
        topic: topic.as_str().to_owned(),
        people,
    })
}

/// The draft programme's details: the topic as its title, virtual, free, details to follow.
fn programme_input(topic: &InterestTopic) -> ProgrammeInput {
    ProgrammeInput {
        title: topic.title(),
        summary: format!(
            "A masterclass on {}, asked for by people in action learning sets and support circles",
            topic.as_str()
        ),
        kind: "masterclass".into(),
        delivery_mode: "virtual".into(),
        ..ProgrammeInput::default()
    }
}

/// Makes the masterclass in one transaction: the draft programme (with its own audit entry),
/// the topic marked as offered, the invitations emailed and the lead's audit entry.
pub async fn make(app: &App, actor: &Actor<'_>, raw_topic: &str) -> Result<MasterclassMade, Error> {
    let root = lead_root(actor.viewer)?;
    let topic = InterestTopic::parse(raw_topic)?;
    let mut tx = app.store.begin().await?;
    let people = usable(&mut tx, &root, &topic).await?;
    let programme = create_in(&mut tx, actor, &programme_input(&topic)).await?;
    if !store::mark_offered(&mut tx, &root, topic.as_str(), &programme).await? {
        return Err(Error::Conflict(format!(
            "A masterclass on {} has already been made",
            topic.as_str()
        )));
    }
    let link = format!("{}/programmes/{}", app.settings.base_url(), programme);
    for invitee in store::invite_askers(&mut tx, &root, topic.as_str(), &programme).await? {
        mail::enqueue(
            &mut tx,
            &invitee.email,
            &MasterclassInvitationEmail {
                tenant: app.settings.tenant_name.clone(),
                name: invitee.name,
                topic: topic.title(),
                link: link.clone(),
            },
        )
        .await?;
    }
    actor
        .audit(
            &mut tx,
            "masterclass.made_from_interests",
            "programme",
            programme.as_str(),
            &format!(
                "Made a draft masterclass from the interest \"{}\" ({people} people asked, as published); Revans emailed them",
                topic.as_str()
            ),
            &root,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(MasterclassMade {
        programme_id: programme.to_string(),
        title: topic.title(),
        topic: topic.as_str().to_owned(),
        people,
    })
}
