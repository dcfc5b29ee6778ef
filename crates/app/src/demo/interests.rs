//! The demo's masterclass interests (issue 16): people in the North Coast sets and circles ask
//! for "managing change" (up to 9 people) and "coaching conversations" (3 people). The demo has
//! only seven people who can ask (its one published set), so the lead sees both as "Fewer than
//! 8" and can make no masterclass from them: the small-number rule at work.

use revans_domain::Id;
use revans_storage::masterclass_interests::{self as store, NewInterest};
use revans_storage::{Conn, people};

use crate::Error;

/// The first topic and how many ask for it (at most everyone who can).
pub const FIRST_TOPIC: (&str, usize) = ("managing change", 9);
/// The second topic and how many ask for it.
pub const SECOND_TOPIC: (&str, usize) = ("coaching conversations", 3);

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
    for (topic, how_many) in [FIRST_TOPIC, SECOND_TOPIC] {
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
