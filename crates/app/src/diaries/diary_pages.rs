//! The reads of the diary pages: one's own entries and those shared with one (each with the
//! name of the set it is about), the sets and set work an entry may be about, and one entry
//! with who else reads it. Entries someone may not read are "not found".

use std::collections::HashMap;

use revans_domain::Id;
use revans_storage::{Conn, diaries, sets};

pub use revans_storage::diaries::Entry;
pub use revans_storage::sets::ActionSet;

use crate::diaries::entries::{kind_for, my_sets, read};
use crate::diaries::links::{self, LinkOption};
use crate::paging::{Page, Seek};
use crate::{App, Error, Viewer};

/// An entry with the name of the set it is about, if any.
pub struct EntryRead {
    pub entry: Entry,
    pub set_name: Option<String>,
}

/// Names each entry's set: from the sets already known, the rest in one query.
async fn with_set_names(
    conn: &mut Conn,
    known: &[ActionSet],
    entries: Vec<Entry>,
) -> Result<Vec<EntryRead>, Error> {
    let mut names: HashMap<Id, String> = known
        .iter()
        .map(|s| (s.id.clone(), s.name.clone()))
        .collect();
    let mut missing: Vec<Id> = entries
        .iter()
        .filter_map(|e| e.set_id.clone())
        .filter(|id| !names.contains_key(id))
        .collect();
    missing.sort_by(|a, b| a.as_str().cmp(b.as_str()));
    missing.dedup();
    names.extend(sets::names(conn, &missing).await?);
    Ok(entries
        .into_iter()
        .map(|entry| EntryRead {
            set_name: entry.set_id.as_ref().and_then(|id| names.get(id).cloned()),
            entry,
        })
        .collect())
}

/// The diary (or reflective log) page: a page of one's own entries and a page of those shared
/// with one, each newest first and read by its own keyset cursor.
pub struct DiaryPage {
    /// `diary` or `log`: what this viewer writes.
    pub kind: &'static str,
    /// The sets an entry may be filed under.
    pub sets: Vec<ActionSet>,
    pub mine: Page<EntryRead>,
    pub shared: Page<EntryRead>,
    /// What an entry may be about, grouped by set name.
    pub about: Vec<(String, Vec<LinkOption>)>,
}

/// The key of a diary list: `(created_at, id)`, newest first.
pub type EntryKey = (i64, String);

/// The diary page: `limit` of one's own entries from `mine`, and `limit` of those shared with
/// one from `shared`; a fixed number of statements however long either list is.
pub async fn diary(
    app: &App,
    viewer: &Viewer,
    mine: &Seek<EntryKey>,
    shared: &Seek<EntryKey>,
    limit: usize,
) -> Result<DiaryPage, Error> {
    let mut conn = app.store.conn().await?;
    let known = my_sets(&mut conn, viewer).await?;
    let me = &viewer.person.id;
    let rows = limit as i64 + 1;
    let mut entries =
        diaries::seek_by_author(&mut conn, me, key(mine), mine.direction(), rows).await?;
    let mine_count = entries.len();
    entries.extend(
        diaries::seek_shared_with(&mut conn, me, key(shared), shared.direction(), rows).await?,
    );
    let mut named = with_set_names(&mut conn, &known, entries).await?;
    let shared_rows = named.split_off(mine_count);
    let about = links::options(&mut conn, viewer).await?;
    Ok(DiaryPage {
        kind: kind_for(viewer),
        sets: known,
        mine: mine.page(named, limit),
        shared: shared.page(shared_rows, limit),
        about,
    })
}

fn key(seek: &Seek<EntryKey>) -> Option<(i64, &str)> {
    seek.key().map(|(at, id)| (*at, id.as_str()))
}

/// One entry as the viewer may read it.
pub struct EntryPage {
    pub entry: EntryRead,
    pub is_author: bool,
    /// For the author: who else can read it now (the rule applied, by name).
    pub readers: Vec<String>,
    /// The meeting or problem it is about, when the viewer may read that set.
    pub about: Option<String>,
}

pub async fn entry_page(app: &App, viewer: &Viewer, id: &str) -> Result<EntryPage, Error> {
    let entry = read(app, viewer, id).await?;
    let mut conn = app.store.conn().await?;
    let known = my_sets(&mut conn, viewer).await?;
    let is_author = entry.author_id == viewer.person.id;
    let readers = if is_author {
        diaries::readers_of(&mut conn, &entry.id).await?
    } else {
        Vec::new()
    };
    let about = links::describe(&mut conn, viewer, &entry).await?;
    let entry = with_set_names(&mut conn, &known, vec![entry])
        .await?
        .into_iter()
        .next()
        .ok_or(Error::NotFound)?;
    Ok(EntryPage {
        entry,
        is_author,
        readers,
        about,
    })
}

/// The API's diary, a page at a time: up to `limit` of the viewer's own entries written before
/// `mine_before` (`(created_at, id)`), and up to `limit` shared with them before
/// `shared_before`, each newest first.
pub async fn diary_page(
    app: &App,
    viewer: &Viewer,
    mine_before: Option<(i64, &str)>,
    shared_before: Option<(i64, &str)>,
    limit: i64,
) -> Result<(Vec<Entry>, Vec<Entry>), Error> {
    let mut conn = app.store.conn().await?;
    let me = &viewer.person.id;
    let mine = diaries::by_author_page(&mut conn, me, mine_before, limit).await?;
    let shared = diaries::shared_with_page(&mut conn, me, shared_before, limit).await?;
    Ok((mine, shared))
}
