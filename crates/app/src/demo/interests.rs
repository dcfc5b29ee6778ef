//! The demo's masterclass interests (issue 16): people in the North Coast sets and circles ask
//! for "managing change" (9 people: shown to the lead as 10, ready to be made a masterclass) and
//! "coaching conversations" (3 people: hidden as fewer than 8).

use revans_domain::Id;
use revans_storage::masterclass_interests::{self as store, NewInterest};
use revans_storage::{Conn, people};

use crate::Error;

/// The shown topic and how many ask for it.
pub const SHOWN_TOPIC: (&str, usize) = ("managing change", 9);
/// The hidden topic and how many ask for it.
pub const HIDDEN_TOPIC: (&str, usize) = ("coaching conversations", 3);

/// Records the interests, each from the first set or circle of someone in the region.
pub async fn seed(conn: &mut Conn, region: &Id) -> Result<(), Error> {
    let mut askers = Vec::new();
    for person in people::list_in_tree(conn, region).await? {
        if let Some(source) = store::sources_for(conn, &person.id)
            .await?
            .into_iter()
            .next()
        {
            askers.push((person.id, source));
        }
    }
    for (topic, how_many) in [SHOWN_TOPIC, HIDDEN_TOPIC] {
        for (person, source) in askers.iter().take(how_many) {
            let id = Id::from_trusted(source.id.clone());
            let is_set = source.kind == "set";
            store::insert(
                conn,
                &NewInterest {
                    person_id: person,
                    set_id: is_set.then_some(&id),
                    circle_id: (!is_set).then_some(&id),
                    organisation_id: &Id::from_trusted(source.organisation_id.clone()),
                    topic,
                },
            )
            .await?;
        }
    }
    Ok(())
}
