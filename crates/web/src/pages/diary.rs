//! The learning diary (and a facilitator's reflective log): one's own entries, those shared
//! with one, writing and editing. Entries someone may not read are "not found".

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use revans_app::diaries::diary_pages::{self as read, EntryRead};

use crate::auth::{ClientIp, SignedIn, Viewer};
use crate::csrf::CsrfForm;
use crate::error::PageResult;
use crate::layout::{Errors, Layout, form_error, render, when_in};
use crate::pages::sign_in::NoticeQuery;
use crate::paging::{Cursor, PAGE_SIZE, Pagination, page_size, time_then_id};
use crate::path_id::PathId;
use crate::state::AppState;
use revans_app::Actor;
use revans_app::diaries::entries::{
    EntryInput, create as create_entry, edit as edit_entry, sharing_choices, sharing_label,
};

/// An entry as a list row or a page shows it.
pub struct EntryView {
    pub id: String,
    pub author_name: String,
    pub kind_label: String,
    pub sharing_label: String,
    pub set_name: Option<String>,
    pub written: String,
    pub edited: Option<String>,
    pub body: String,
    /// The first line or so, for lists.
    pub excerpt: String,
}

fn view(loaded: EntryRead, zone: &str) -> EntryView {
    let EntryRead { entry: e, set_name } = loaded;
    let excerpt: String = e.body.chars().take(160).collect();
    let excerpt = if excerpt.len() < e.body.len() {
        format!("{excerpt}…")
    } else {
        excerpt
    };
    EntryView {
        id: e.id.to_string(),
        author_name: e.author_name,
        kind_label: crate::i18n::t(if e.kind == "log" {
            "diary-kind-log"
        } else {
            "diary-kind-diary"
        }),
        sharing_label: sharing_words(sharing_label(&e.kind, &e.sharing)),
        set_name,
        written: when_in(e.created_at, zone),
        edited: (e.updated_at != e.created_at).then(|| when_in(e.updated_at, zone)),
        body: e.body,
        excerpt,
    }
}

pub struct Choice {
    pub value: &'static str,
    pub label: String,
    pub checked: bool,
}

fn choices(kind: &str, chosen: &str) -> Vec<Choice> {
    let chosen = if chosen.trim().is_empty() {
        "private"
    } else {
        chosen.trim()
    };
    sharing_choices(kind)
        .iter()
        .map(|(value, label)| Choice {
            value,
            label: sharing_words(label),
            checked: *value == chosen,
        })
        .collect()
}

/// The application layer names each sharing choice in English; the catalogue keys them by
/// that wording, so a new choice without an id still reads in English.
fn sharing_words(english: &str) -> String {
    let id = match english {
        "Only me" => "diary-share-only-me",
        "My supervisor" => "diary-share-supervisor",
        "My set's facilitator" => "diary-share-facilitator",
        "My set" => "diary-share-set",
        other => return other.to_owned(),
    };
    crate::i18n::t(id)
}

pub struct SetOption {
    pub id: String,
    pub name: String,
    pub selected: bool,
}

/// The "about" choices of one set, for an optgroup.
pub struct AboutGroup {
    pub set_name: String,
    pub options: Vec<SetOption>,
}

#[derive(Template)]
#[template(path = "diary.html")]
struct DiaryPage {
    layout: Layout,
    errors: Errors,
    is_log: bool,
    body: String,
    sets: Vec<SetOption>,
    about: Vec<AboutGroup>,
    sharing: Vec<Choice>,
    mine: Vec<EntryView>,
    shared: Vec<EntryView>,
    mine_pages: Pagination,
    shared_pages: Pagination,
}

/// The diary page's query: a notice, and a keyset cursor for each of its two lists.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct DiaryQuery {
    pub notice: Option<String>,
    pub after: Option<String>,
    pub before: Option<String>,
    pub shared_after: Option<String>,
    pub shared_before: Option<String>,
}

impl DiaryQuery {
    fn mine(&self) -> Cursor {
        Cursor {
            after: self.after.clone(),
            before: self.before.clone(),
        }
    }

    fn shared(&self) -> Cursor {
        Cursor {
            after: self.shared_after.clone(),
            before: self.shared_before.clone(),
        }
    }
}

fn entry_key(e: &EntryRead) -> String {
    format!("{}:{}", e.entry.created_at, e.entry.id)
}

async fn diary_page(
    state: &AppState,
    viewer: &Viewer,
    input: &EntryInput,
    errors: Errors,
    notice: Option<&str>,
    q: &DiaryQuery,
) -> PageResult<DiaryPage> {
    let limit = page_size(state, PAGE_SIZE);
    let read::DiaryPage {
        kind,
        sets: known,
        mine,
        shared,
        about,
    } = read::diary(
        state,
        viewer,
        &q.mine().seek(time_then_id),
        &q.shared().seek(time_then_id),
        limit,
    )
    .await?;
    // Each list's links keep the other list's place.
    let keep_shared = [
        ("shared_after", q.shared_after.as_deref().unwrap_or("")),
        ("shared_before", q.shared_before.as_deref().unwrap_or("")),
    ];
    let keep_mine = [
        ("after", q.after.as_deref().unwrap_or("")),
        ("before", q.before.as_deref().unwrap_or("")),
    ];
    let mine_pages = Pagination::named(
        &mine,
        "/diary",
        &keep_shared,
        ("before", "after"),
        "Pages of your entries",
        entry_key,
    );
    let shared_pages = Pagination::named(
        &shared,
        "/diary",
        &keep_mine,
        ("shared_before", "shared_after"),
        "Pages of entries shared with you",
        entry_key,
    );
    let mine = mine
        .items
        .into_iter()
        .map(|e| view(e, viewer.timezone()))
        .collect();
    let shared = shared
        .items
        .into_iter()
        .map(|e| view(e, viewer.timezone()))
        .collect();
    let about = about
        .into_iter()
        .map(|(set_name, options)| AboutGroup {
            set_name,
            options: options
                .into_iter()
                .map(|o| SetOption {
                    selected: o.value == input.about.trim(),
                    id: o.value,
                    name: o.label,
                })
                .collect(),
        })
        .collect();
    let title = crate::i18n::t(if kind == "log" {
        "diary-title-log"
    } else {
        "diary-title"
    });
    Ok(DiaryPage {
        layout: Layout::new(state, Some(viewer), viewer.csrf.clone(), title, "/diary")
            .with_errors(&errors)
            .with_notice(notice),
        errors,
        is_log: kind == "log",
        body: input.body.clone(),
        sets: known
            .iter()
            .map(|s| SetOption {
                id: s.id.to_string(),
                name: s.name.clone(),
                selected: s.id.as_str() == input.set_id.trim(),
            })
            .collect(),
        about,
        sharing: choices(kind, &input.sharing),
        mine,
        shared,
        mine_pages,
        shared_pages,
    })
}

pub async fn list(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    Query(q): Query<DiaryQuery>,
) -> PageResult<Response> {
    let notice = (q.notice.as_deref() == Some("saved")).then(|| crate::i18n::t("diary-saved"));
    render(
        &diary_page(
            &state,
            &viewer,
            &EntryInput::default(),
            Errors::default(),
            notice.as_deref(),
            &q,
        )
        .await?,
    )
}

pub async fn create(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    ClientIp(ip): ClientIp,
    CsrfForm(input): CsrfForm<EntryInput>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    match create_entry(&state, &actor, &input).await {
        Ok(id) => Ok(Redirect::to(&format!("/diary/{id}?notice=saved")).into_response()),
        Err(e) => {
            let page = diary_page(
                &state,
                &viewer,
                &input,
                Errors::default(),
                None,
                &DiaryQuery::default(),
            )
            .await?;
            form_error(e, |errors| DiaryPage {
                layout: page.layout.with_errors(&errors),
                errors,
                ..page
            })
        }
    }
}

#[derive(Template)]
#[template(path = "diary_entry.html")]
struct EntryPage {
    layout: Layout,
    errors: Errors,
    entry: EntryView,
    is_author: bool,
    /// For the author: who else can read it now (the rule applied, by name).
    readers: Vec<String>,
    /// The text in the edit form: the entry's, or what the author just sent.
    body: String,
    sharing: Vec<Choice>,
    /// Sharing beyond "Only me" needs the entry to be about a set.
    has_set: bool,
    /// The meeting or problem it is about, when the viewer may read that set.
    about: Option<String>,
    is_log: bool,
}

async fn entry_page(
    state: &AppState,
    viewer: &Viewer,
    id: &str,
    input: Option<&EntryInput>,
    notice: Option<&str>,
) -> PageResult<EntryPage> {
    let read::EntryPage {
        entry: loaded,
        is_author,
        readers,
        about,
    } = read::entry_page(state, viewer, id).await?;
    let entry = &loaded.entry;
    let kind = entry.kind.clone();
    let has_set = entry.set_id.is_some();
    let (body, sharing) = match input {
        Some(i) => (i.body.clone(), i.sharing.clone()),
        None => (entry.body.clone(), entry.sharing.clone()),
    };
    let entry = view(loaded, viewer.timezone());
    let title = crate::i18n::t_args(
        "diary-entry-page-title",
        &[
            ("kind", crate::i18n::Arg::from(entry.kind_label.as_str())),
            ("written", crate::i18n::Arg::from(entry.written.as_str())),
        ],
    );
    Ok(EntryPage {
        layout: Layout::new(state, Some(viewer), viewer.csrf.clone(), title, "/diary")
            .with_notice(notice),
        errors: Errors::default(),
        entry,
        is_author,
        readers,
        body,
        sharing: choices(&kind, &sharing),
        has_set,
        about,
        is_log: kind == "log",
    })
}

pub async fn show(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    PathId(id): PathId,
    Query(q): Query<NoticeQuery>,
) -> PageResult<Response> {
    let notice = (q.notice.as_deref() == Some("saved")).then(|| crate::i18n::t("diary-saved"));
    render(&entry_page(&state, &viewer, id.as_str(), None, notice.as_deref()).await?)
}

pub async fn update(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(input): CsrfForm<EntryInput>,
) -> PageResult<Response> {
    let entry_id = id.clone();
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    match edit_entry(&state, &actor, &entry_id, &input).await {
        Ok(()) => Ok(Redirect::to(&format!("/diary/{entry_id}?notice=saved")).into_response()),
        Err(e) => {
            let page = entry_page(&state, &viewer, id.as_str(), Some(&input), None).await?;
            form_error(e, |errors| EntryPage {
                layout: page.layout.with_errors(&errors),
                errors,
                ..page
            })
        }
    }
}
