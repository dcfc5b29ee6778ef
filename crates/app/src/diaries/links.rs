//! What a diary entry is about: one meeting or one problem of a set the author is in now
//! (as a member or its facilitator). A link names set content (a problem's title), so it is
//! offered and shown only to people who may read that set.

use revans_domain::Id;
use revans_storage::diaries::Entry;
use revans_storage::sets::{self, Standing};
use revans_storage::{Conn, meetings, now_ms, set_content};

use crate::Error;
use crate::Viewer;
use revans_i18n::when_in;

/// One choice in the form: `meeting:ID` or `problem:ID`, with how it reads.
pub struct LinkOption {
    pub value: String,
    pub label: String,
    pub set_id: Id,
}

/// The choices, grouped by set name: each set's meetings so far (not cancelled) and its
/// problems, for the sets the viewer is in today.
pub async fn options(
    conn: &mut Conn,
    viewer: &Viewer,
) -> Result<Vec<(String, Vec<LinkOption>)>, Error> {
    let now = now_ms();
    let mut groups = Vec::new();
    for set in sets::list_for_person(conn, &viewer.person.id).await? {
        if sets::standing(conn, &set.id, &viewer.person.id).await? == Standing::None {
            continue;
        }
        let mut options = Vec::new();
        for m in meetings::list_for_set(conn, &set.id).await? {
            if !m.cancelled && m.starts_at <= now {
                options.push(LinkOption {
                    value: format!("meeting:{}", m.id),
                    label: format!("Meeting of {}", when_in(m.starts_at, viewer.timezone())),
                    set_id: set.id.clone(),
                });
            }
        }
        for p in set_content::problems(conn, &set.id).await? {
            options.push(LinkOption {
                value: format!("problem:{}", p.id),
                label: format!("Problem: {}", p.title),
                set_id: set.id.clone(),
            });
        }
        if !options.is_empty() {
            groups.push((set.name, options));
        }
    }
    Ok(groups)
}

/// A chosen link, checked against what the viewer may choose.
pub struct Link {
    pub meeting_id: Option<Id>,
    pub problem_id: Option<Id>,
    pub set_id: Id,
}

/// Reads the `about` field: blank is no link; anything not on offer to the viewer is refused
/// (as an `about` field error) with the same message, whether or not it exists.
pub async fn resolve(conn: &mut Conn, viewer: &Viewer, raw: &str) -> Result<Option<Link>, Error> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let refused = || {
        Error::field(
            "about",
            "Choose a meeting or problem of one of your sets, or Nothing in particular",
        )
    };
    let groups = options(conn, viewer).await?;
    let chosen = groups
        .iter()
        .flat_map(|(_, o)| o)
        .find(|o| o.value == raw)
        .ok_or_else(refused)?;
    let (kind, id) = raw.split_once(':').ok_or_else(refused)?;
    let id = Id::parse(id).ok_or_else(refused)?;
    Ok(Some(Link {
        meeting_id: (kind == "meeting").then(|| id.clone()),
        problem_id: (kind == "problem").then_some(id),
        set_id: chosen.set_id.clone(),
    }))
}

/// How an entry's link reads for this viewer, or None when there is no link or the viewer may
/// not read the set it belongs to (a supervisor reading a shared log, for one).
pub async fn describe(
    conn: &mut Conn,
    viewer: &Viewer,
    entry: &Entry,
) -> Result<Option<String>, Error> {
    if let Some(id) = &entry.meeting_id {
        if let Some(m) = meetings::get(conn, id).await?
            && sets::standing(conn, &m.set_id, &viewer.person.id).await? != Standing::None
        {
            return Ok(Some(format!(
                "Meeting of {}",
                when_in(m.starts_at, viewer.timezone())
            )));
        }
        return Ok(None);
    }
    if let Some(id) = &entry.problem_id
        && let Some(set) = &entry.set_id
        && sets::standing(conn, set, &viewer.person.id).await? != Standing::None
    {
        let title = set_content::problems(conn, set)
            .await?
            .into_iter()
            .find(|p| &p.id == id)
            .map(|p| format!("Problem: {}", p.title));
        return Ok(title);
    }
    Ok(None)
}
