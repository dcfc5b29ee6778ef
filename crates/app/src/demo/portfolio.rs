//! The demo's CPD portfolio (issue 16): Pat Participant writes two private diary entries, takes
//! an action at their set's first meeting, and tags all three against dimensions of the NHS
//! Healthcare Leadership Model, so /portfolio and its PDF have something to show.

use revans_domain::Id;
use revans_storage::portfolio::{self as store, NewEvidence};
use revans_storage::{Conn, diaries, meetings, set_content, sets};

use crate::Error;
use crate::portfolio::frameworks::shipped;

/// The demo's diary entries by Pat, in the order they are tagged.
pub const PAT_ENTRIES: [&str; 2] = [
    "After our set meeting I asked the ward team what gets in the way of safe handovers, \
     and listened rather than fixing. Three of them had the same worry about night staffing.",
    "I shared the handover data with the matron before deciding anything. Seeing the pattern \
     together changed what I had planned to propose.",
];

/// The demo's action for Pat.
pub const PAT_ACTION: &str = "Run a ten-minute huddle on handovers with the night team";

/// Seeds Pat's entries, action and evidence (Pat must already be in a set that has met).
pub(super) async fn seed(conn: &mut Conn, pat: &Id) -> Result<(), Error> {
    let framework = shipped();
    let mut entries = Vec::new();
    for body in PAT_ENTRIES {
        let id = diaries::insert(
            conn,
            &diaries::NewEntry {
                author_id: pat,
                kind: "diary",
                set_id: None,
                meeting_id: None,
                problem_id: None,
                sharing: "private",
                body,
            },
        )
        .await?;
        entries.push(id);
    }
    let set = sets::list_for_person(conn, pat)
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| Error::internal("the demo participant has no set"))?;
    let meeting = meetings::list_for_set(conn, &set.id)
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| Error::internal("the demo set has no meetings"))?;
    let action = set_content::insert_action(
        conn,
        &set_content::NewAction {
            set_id: &set.id,
            meeting_id: &meeting.id,
            owner_id: pat,
            description: PAT_ACTION,
            due_on: &revans_domain::day_in(meeting.starts_at + 14 * 86_400_000, "Europe/London"),
        },
    )
    .await?;
    let tags: [(&str, &Id, &[&str], &str); 3] = [
        (
            "diary_entry",
            &entries[0],
            &["leading-with-care", "engaging-the-team"],
            "Listening first",
        ),
        ("diary_entry", &entries[1], &["evaluating-information"], ""),
        (
            "action",
            &action,
            &["holding-to-account", "developing-capability"],
            "Agreed at the set, followed up with the team",
        ),
    ];
    for (kind, item, dims, note) in tags {
        let dimensions: Vec<String> = dims.iter().map(|d| (*d).to_owned()).collect();
        debug_assert!(dims.iter().all(|d| framework.dimension(d).is_some()));
        store::insert_evidence(
            conn,
            &NewEvidence {
                person: pat,
                framework: framework.id(),
                kind,
                item_id: item.as_str(),
                ordinal: 0,
                note,
                dimensions: &dimensions,
            },
        )
        .await?;
    }
    Ok(())
}
