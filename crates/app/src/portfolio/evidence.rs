//! Tagging evidence: one of the viewer's own diary entries or actions, or a session they were
//! recorded present at, against dimensions of one framework, with an optional short note. The
//! item is looked up only among the viewer's own (`portfolio::item_of`), so someone else's
//! entry, a session they missed and an id that does not exist all get the same answer.
//! Tagging is content, not a change to programmes or people: it is not audited.

use revans_domain::{FieldError, Id};
use revans_storage::portfolio::{self as store, ItemRow, NewEvidence};

use super::frameworks::{PortfolioFrameworkView, available};
use crate::{App, Error, Viewer};

/// The longest note.
pub const NOTE_MAX_CHARS: usize = 500;

/// What a piece of evidence is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum PortfolioItemKind {
    DiaryEntry,
    Action,
    CohortSession,
    SetMeeting,
    CircleSession,
}

impl PortfolioItemKind {
    pub const ALL: [PortfolioItemKind; 5] = [
        PortfolioItemKind::DiaryEntry,
        PortfolioItemKind::Action,
        PortfolioItemKind::CohortSession,
        PortfolioItemKind::SetMeeting,
        PortfolioItemKind::CircleSession,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PortfolioItemKind::DiaryEntry => "diary_entry",
            PortfolioItemKind::Action => "action",
            PortfolioItemKind::CohortSession => "cohort_session",
            PortfolioItemKind::SetMeeting => "set_meeting",
            PortfolioItemKind::CircleSession => "circle_session",
        }
    }

    pub fn parse(s: &str) -> Option<PortfolioItemKind> {
        PortfolioItemKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// In words, for a page.
    pub fn label(self) -> &'static str {
        match self {
            PortfolioItemKind::DiaryEntry => "Diary entry",
            PortfolioItemKind::Action => "Action",
            PortfolioItemKind::CohortSession => "Programme session",
            PortfolioItemKind::SetMeeting => "Set meeting",
            PortfolioItemKind::CircleSession => "Support circle",
        }
    }

    /// The catalogue id of [`Self::label`].
    pub fn message_id(self) -> &'static str {
        match self {
            PortfolioItemKind::DiaryEntry => "portfolio-kind-diary-entry",
            PortfolioItemKind::Action => "portfolio-kind-action",
            PortfolioItemKind::CohortSession => "portfolio-kind-cohort-session",
            PortfolioItemKind::SetMeeting => "portfolio-kind-set-meeting",
            PortfolioItemKind::CircleSession => "portfolio-kind-circle-session",
        }
    }

    /// Whether the item is a session, numbered within its cohort or circle.
    pub fn numbered(self) -> bool {
        matches!(
            self,
            PortfolioItemKind::CohortSession | PortfolioItemKind::CircleSession
        )
    }
}

/// Something the viewer may tag.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct PortfolioItem {
    pub kind: PortfolioItemKind,
    /// The entry's, action's or meeting's id; the cohort's or circle's for a session.
    pub id: String,
    /// The session's number within its cohort or circle; absent for the others.
    pub session: Option<i64>,
    /// The entry's opening words, the action, or what the session was.
    pub title: String,
    /// The day it was written or held (`YYYY-MM-DD`, the viewer's zone).
    pub on: String,
    /// The form's value for this item: `kind:id` or `kind:id:session`.
    #[serde(skip)]
    pub value: String,
}

/// The opening words of a longer text, for a list.
pub fn opening(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        flat
    } else {
        let cut: String = flat.chars().take(max).collect();
        format!("{}…", cut.trim_end())
    }
}

pub(crate) fn item(row: &ItemRow, zone: &str) -> Option<PortfolioItem> {
    let kind = PortfolioItemKind::parse(&row.kind)?;
    let session = kind.numbered().then_some(row.ordinal);
    let title = match kind {
        PortfolioItemKind::CohortSession => format!("{}, session {}", row.title, row.ordinal),
        PortfolioItemKind::CircleSession => format!("{}, session {}", row.title, row.ordinal),
        _ => opening(&row.title, 120),
    };
    let value = match session {
        Some(n) => format!("{}:{}:{n}", kind.as_str(), row.item_id),
        None => format!("{}:{}", kind.as_str(), row.item_id),
    };
    Some(PortfolioItem {
        kind,
        id: row.item_id.clone(),
        session,
        title,
        on: revans_domain::day_in(row.at, zone),
        value,
    })
}

/// What the new-evidence form offers: the viewer's own items and the frameworks open to them.
#[derive(Debug, Clone, PartialEq, serde::Serialize, utoipa::ToSchema)]
pub struct PortfolioChoices {
    pub items: Vec<PortfolioItem>,
    pub frameworks: Vec<PortfolioFrameworkView>,
}

/// The viewer's taggable items and frameworks, in a fixed number of queries.
pub async fn choices(app: &App, viewer: &Viewer) -> Result<PortfolioChoices, Error> {
    let mut conn = app.store.conn().await?;
    let rows = store::items_of(&mut conn, &viewer.person.id).await?;
    let zone = viewer.timezone();
    Ok(PortfolioChoices {
        items: rows.iter().filter_map(|r| item(r, zone)).collect(),
        frameworks: available(&mut conn, viewer).await?,
    })
}

/// A piece of evidence to tag (the page's form, or the API's body converted).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EvidenceInput {
    /// `diary_entry`, `action`, `cohort_session`, `set_meeting` or `circle_session`.
    pub kind: String,
    pub id: String,
    /// The session's number, for cohort and circle sessions.
    pub session: Option<i64>,
    pub framework: String,
    /// Keys of the framework's dimensions.
    pub dimensions: Vec<String>,
    pub note: String,
}

/// Evidence checked against the viewer's own items and the framework, ready to save or show
/// on the check-your-answers page.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedEvidence {
    pub item: PortfolioItem,
    pub framework: PortfolioFrameworkView,
    /// (key, name) of each chosen dimension, in the framework's order.
    pub dimensions: Vec<(String, String)>,
    pub note: String,
}

/// The same answer for someone else's item, a session not attended and no item at all.
pub const NO_SUCH_ITEM: &str =
    "Choose one of your own diary entries, actions or sessions you attended";

/// Checks evidence without saving it; every problem at once, and nothing revealed about items
/// that are not the viewer's.
pub async fn check(
    app: &App,
    viewer: &Viewer,
    input: &EvidenceInput,
) -> Result<CheckedEvidence, Error> {
    let mut conn = app.store.conn().await?;
    check_on(&mut conn, viewer, input).await
}

async fn check_on(
    conn: &mut revans_storage::Conn,
    viewer: &Viewer,
    input: &EvidenceInput,
) -> Result<CheckedEvidence, Error> {
    let mut errors = Vec::new();
    let mut found = None;
    let kind = PortfolioItemKind::parse(input.kind.trim());
    match kind {
        None if input.kind.trim().is_empty() && input.id.trim().is_empty() => errors.push(field(
            "item",
            "Choose the entry, action or session this is evidence of",
        )),
        None => errors.push(field("item", NO_SUCH_ITEM)),
        Some(kind) => {
            let ordinal = if kind.numbered() {
                input.session
            } else {
                Some(0)
            };
            match ordinal {
                None => errors.push(field("session", "Give the session's number")),
                Some(ordinal) => {
                    found = store::item_of(
                        conn,
                        &viewer.person.id,
                        kind.as_str(),
                        input.id.trim(),
                        ordinal,
                    )
                    .await?
                    .and_then(|r| item(&r, viewer.timezone()));
                    if found.is_none() {
                        errors.push(field("item", NO_SUCH_ITEM));
                    }
                }
            }
        }
    }
    let frameworks = available(conn, viewer).await?;
    let framework = frameworks
        .into_iter()
        .find(|f| f.id == input.framework.trim());
    let mut dimensions = Vec::new();
    match &framework {
        None if input.framework.trim().is_empty() => {
            errors.push(field("framework", "Choose a framework"))
        }
        None => errors.push(field("framework", "Choose one of the frameworks listed")),
        Some(f) => {
            let mut unknown = false;
            for key in &input.dimensions {
                match f.dimensions.iter().find(|d| d.key == key.trim()) {
                    Some(d) => {
                        if !dimensions.iter().any(|(k, _)| k == &d.key) {
                            dimensions.push((d.key.clone(), d.name.clone()));
                        }
                    }
                    None => unknown = true,
                }
            }
            if unknown {
                errors.push(field(
                    "dimensions",
                    format!("Choose dimensions of {} only", f.name),
                ));
            } else if dimensions.is_empty() {
                errors.push(field(
                    "dimensions",
                    "Choose at least one dimension this is evidence of",
                ));
            }
            dimensions.sort_by_key(|(k, _)| f.dimensions.iter().position(|d| &d.key == k));
        }
    }
    let note = input.note.trim();
    if note.chars().count() > NOTE_MAX_CHARS {
        errors.push(field(
            "note",
            format!("The note must be {NOTE_MAX_CHARS} characters or fewer"),
        ));
    }
    if note.contains('\0') {
        errors.push(field("note", "The note must not contain a null character"));
    }
    match (errors.is_empty(), found, framework) {
        (true, Some(item), Some(framework)) => Ok(CheckedEvidence {
            item,
            framework,
            dimensions,
            note: note.to_owned(),
        }),
        _ => Err(Error::Invalid(errors)),
    }
}

fn field(name: &str, message: impl Into<String>) -> FieldError {
    FieldError {
        field: name.into(),
        message: message.into(),
    }
}

/// Tags the evidence; its id. Checked and saved in one transaction.
pub async fn add(app: &App, viewer: &Viewer, input: &EvidenceInput) -> Result<Id, Error> {
    let mut tx = app.store.begin().await?;
    let c = check_on(&mut tx, viewer, input).await?;
    let keys: Vec<String> = c.dimensions.iter().map(|(k, _)| k.clone()).collect();
    let id = store::insert_evidence(
        &mut tx,
        &NewEvidence {
            person: &viewer.person.id,
            framework: &c.framework.id,
            kind: c.item.kind.as_str(),
            item_id: &c.item.id,
            ordinal: c.item.session.unwrap_or(0),
            note: &c.note,
            dimensions: &keys,
        },
    )
    .await?;
    revans_storage::commit(tx).await?;
    Ok(id)
}

/// Removes one of the viewer's own pieces of evidence (404 for anyone else's, or none).
pub async fn remove(app: &App, viewer: &Viewer, id: &Id) -> Result<(), Error> {
    let mut conn = app.store.conn().await?;
    if store::delete_evidence(&mut conn, &viewer.person.id, id.as_str()).await? {
        Ok(())
    } else {
        Err(Error::NotFound)
    }
}

/// Reads the page's `item` value (`kind:id` or `kind:id:session`) into the input's fields.
pub fn split_item(value: &str) -> (String, String, Option<i64>) {
    let mut parts = value.trim().splitn(3, ':');
    let kind = parts.next().unwrap_or_default().to_owned();
    let id = parts.next().unwrap_or_default().to_owned();
    let session = parts.next().and_then(|s| s.parse().ok());
    (kind, id, session)
}
