//! Learning diaries and facilitators' reflective logs (C5). Confidentiality is the promise:
//! an entry is read only through `diaries::visible_to`, anything else is "not found" (never
//! "forbidden", which would confirm it exists). Writing is not audited: when someone wrote in
//! their diary is theirs alone to know (the audit log is for changes to programmes, people and
//! roles).

use revans_domain::{Id, Role};
use revans_storage::diaries::{self, Entry, NewEntry};
use revans_storage::sets::{self, ActionSet, Standing};

use crate::Actor;
use crate::App;
use crate::Error;
use crate::Viewer;
use crate::diaries::links as diary_links;
use revans_domain::FieldError;
use revans_domain::{DiarySharing, EntryBody, LogSharing};

/// What a person types into the diary form (or sends to the API).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct EntryInput {
    pub body: String,
    /// One of the author's sets, or blank for none.
    pub set_id: String,
    /// diary: private, facilitator or set; log: private or supervisor. Blank is private.
    pub sharing: String,
    /// What the entry is about: `meeting:ID` or `problem:ID` of one of the author's sets, or
    /// blank. Set when writing; an edit keeps it.
    pub about: String,
    /// `yes` to share the entry again when editing, so that whoever holds the relationship now
    /// (a new supervisor, a facilitator who joined the set later) may read it too.
    pub share_again: String,
}

/// Facilitators keep a reflective log; everyone else a learning diary.
pub fn kind_for(viewer: &Viewer) -> &'static str {
    if viewer.has_role(Role::Facilitator) {
        "log"
    } else {
        "diary"
    }
}

/// The sharing choices for a kind of entry, as (value, label), the default first.
pub fn sharing_choices(kind: &str) -> &'static [(&'static str, &'static str)] {
    if kind == "log" {
        &[("private", "Only me"), ("supervisor", "My supervisor")]
    } else {
        &[
            ("private", "Only me"),
            ("facilitator", "My set's facilitator"),
            ("set", "My set"),
        ]
    }
}

/// How an entry's sharing reads in a page.
pub fn sharing_label(kind: &str, sharing: &str) -> &'static str {
    sharing_choices(kind)
        .iter()
        .find(|(v, _)| *v == sharing)
        .map_or("Only me", |(_, l)| l)
}

struct Checked {
    body: EntryBody,
    sharing: &'static str,
}

/// Validates the body and sharing against the set the entry is (or will be) about; every
/// problem is reported at once.
async fn check(
    conn: &mut revans_storage::Conn,
    viewer: &Viewer,
    kind: &str,
    body: &str,
    sharing: &str,
    set: Option<&Id>,
) -> Result<Checked, Error> {
    let mut errors: Vec<FieldError> = Vec::new();
    let body = match EntryBody::parse(body, "body") {
        Ok(b) => Some(b),
        Err(e) => {
            errors.push(FieldError {
                field: e.field.to_owned(),
                message: e.message,
            });
            None
        }
    };
    let raw = sharing.trim();
    let raw = if raw.is_empty() { "private" } else { raw };
    let sharing: Option<&'static str> = if kind == "log" {
        match LogSharing::parse(raw).ok() {
            Some(LogSharing::Supervisor)
                if diaries::supervisor_of(conn, &viewer.person.id)
                    .await?
                    .is_none() =>
            {
                errors.push(field(
                    "sharing",
                    "You do not have a supervisor yet, so choose Only me",
                ));
                None
            }
            Some(s) => Some(s.as_str()),
            None => {
                errors.push(field("sharing", "Choose Only me or My supervisor"));
                None
            }
        }
    } else {
        match DiarySharing::parse(raw).ok() {
            Some(DiarySharing::Private) => Some(DiarySharing::Private.as_str()),
            Some(s) => {
                let member = match set {
                    Some(set) => {
                        sets::standing(conn, set, &viewer.person.id).await? == Standing::Member
                    }
                    None => false,
                };
                if member {
                    Some(s.as_str())
                } else {
                    errors.push(field(
                        "set_id",
                        "Choose a set you are a member of, to share this entry with it",
                    ));
                    None
                }
            }
            None => {
                errors.push(field(
                    "sharing",
                    "Choose Only me, My set's facilitator or My set",
                ));
                None
            }
        }
    };
    match (body, sharing) {
        (Some(body), Some(sharing)) if errors.is_empty() => Ok(Checked { body, sharing }),
        _ => Err(Error::Invalid(errors)),
    }
}

fn field(name: &str, message: &str) -> FieldError {
    FieldError {
        field: name.to_owned(),
        message: message.to_owned(),
    }
}

/// The sets a person may file an entry under: those they belong to or facilitate.
pub async fn my_sets(
    conn: &mut revans_storage::Conn,
    viewer: &Viewer,
) -> Result<Vec<ActionSet>, Error> {
    Ok(sets::list_for_person(conn, &viewer.person.id).await?)
}

/// Writes a new entry; returns its id.
pub async fn create(state: &App, actor: &Actor<'_>, input: &EntryInput) -> Result<Id, Error> {
    let viewer = actor.viewer;
    let kind = kind_for(viewer);
    let mut tx = state.store.begin().await?;
    let set = match input.set_id.trim() {
        "" => None,
        raw => {
            let mine = my_sets(&mut tx, viewer).await?;
            match Id::parse(raw).filter(|id| mine.iter().any(|s| &s.id == id)) {
                Some(id) => Some(id),
                None => {
                    let message = "Choose one of your sets, or No set";
                    return Err(with_others(&mut tx, viewer, kind, input, "set_id", message).await);
                }
            }
        }
    };
    // A refused link is reported with the body's problems; a database failure is not a refusal.
    let link = match diary_links::resolve(&mut tx, viewer, &input.about).await {
        Ok(link) => link,
        Err(Error::Invalid(refusal)) => {
            let message = refusal
                .into_iter()
                .next()
                .map(|e| e.message)
                .unwrap_or_default();
            return Err(with_others(&mut tx, viewer, kind, input, "about", &message).await);
        }
        Err(other) => return Err(other),
    };
    let set = match (set, &link) {
        (None, Some(l)) => Some(l.set_id.clone()),
        (Some(s), Some(l)) if s != l.set_id => {
            let message = "Choose a meeting or problem of the set you chose, or No set";
            return Err(with_others(&mut tx, viewer, kind, input, "about", message).await);
        }
        (set, _) => set,
    };
    let checked = check(
        &mut tx,
        viewer,
        kind,
        &input.body,
        &input.sharing,
        set.as_ref(),
    )
    .await?;
    let id = diaries::insert(
        &mut tx,
        &NewEntry {
            author_id: &viewer.person.id,
            kind,
            set_id: set.as_ref(),
            meeting_id: link.as_ref().and_then(|l| l.meeting_id.as_ref()),
            problem_id: link.as_ref().and_then(|l| l.problem_id.as_ref()),
            sharing: checked.sharing,
            body: checked.body.as_str(),
        },
    )
    .await?;
    revans_storage::commit(tx).await?;
    Ok(id)
}

/// A refusal of `name`, reported with the body's problems too, so one round trip shows all.
async fn with_others(
    conn: &mut revans_storage::Conn,
    viewer: &Viewer,
    kind: &str,
    input: &EntryInput,
    name: &str,
    message: &str,
) -> Error {
    let mut errors = match check(conn, viewer, kind, &input.body, "private", None).await {
        Err(Error::Invalid(e)) => e,
        Err(other) => return other,
        Ok(_) => Vec::new(),
    };
    errors.push(field(name, message));
    Error::Invalid(errors)
}

/// Changes an entry's text and sharing. Only its author may; to anyone else it does not exist.
pub async fn edit(
    state: &App,
    actor: &Actor<'_>,
    id: &Id,
    input: &EntryInput,
) -> Result<(), Error> {
    let viewer = actor.viewer;
    let mut tx = state.store.begin().await?;
    let entry = diaries::visible_to(&mut tx, id, &viewer.person.id)
        .await?
        .filter(|e| e.author_id == viewer.person.id)
        .ok_or(Error::NotFound)?;
    let checked = check(
        &mut tx,
        viewer,
        &entry.kind,
        &input.body,
        &input.sharing,
        entry.set_id.as_ref(),
    )
    .await?;
    if !diaries::update(
        &mut tx,
        id,
        &viewer.person.id,
        checked.body.as_str(),
        checked.sharing,
        input.share_again == "yes",
    )
    .await?
    {
        return Err(Error::NotFound);
    }
    revans_storage::commit(tx).await?;
    Ok(())
}

/// One entry the viewer may read; "not found" for every other id, existing or not.
pub async fn read(state: &App, viewer: &Viewer, id: &str) -> Result<Entry, Error> {
    let id = Id::parse(id).ok_or(Error::NotFound)?;
    let mut conn = state.store.conn().await?;
    diaries::visible_to(&mut conn, &id, &viewer.person.id)
        .await?
        .ok_or(Error::NotFound)
}
