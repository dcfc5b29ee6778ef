//! The pages of the lists that grow, in the GOV.UK pagination pattern: "Previous" and "Next"
//! links (`macros.html`, `pagination`). The links carry an opaque keyset cursor (`after` the
//! last row on screen, or `before` the first), never a page number or offset, and keep the
//! page's own filters. A cursor that does not read as one of this list's keys gives the first
//! page: it can only say where to start, never what the viewer may see.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use revans_app::paging::{Page, Seek};

use crate::api::pagination::encode_cursor;
use crate::state::AppState;

/// Rows a page of a list shows (a list with heavy rows would show 25).
pub const PAGE_SIZE: usize = 50;

/// The size of a page: `size`, or the `page_size` setting when one is set (tests and demos).
pub fn page_size(state: &AppState, size: usize) -> usize {
    state.settings.page_size.unwrap_or(size).max(1)
}

/// The cursor fields of a paged page's query.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct Cursor {
    pub after: Option<String>,
    pub before: Option<String>,
}

fn decode(raw: &str) -> Option<String> {
    URL_SAFE_NO_PAD
        .decode(raw.trim())
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
}

impl Cursor {
    /// Where to start, reading the key with `parse`; anything unreadable is the first page.
    pub fn seek<K>(&self, parse: impl Fn(&str) -> Option<K>) -> Seek<K> {
        let read = |raw: &Option<String>| raw.as_deref().and_then(decode).and_then(|k| parse(&k));
        if let Some(k) = read(&self.after) {
            Seek::After(k)
        } else if let Some(k) = read(&self.before) {
            Seek::Before(k)
        } else {
            Seek::First
        }
    }
}

/// A key of `(text, id)` written `id:text` (ids hold no colon).
pub fn id_then_text(raw: &str) -> Option<(String, String)> {
    let (id, text) = raw.split_once(':')?;
    revans_domain::Id::parse(id)?;
    Some((text.to_owned(), id.to_owned()))
}

/// A key of `(milliseconds, id)` written `at:id`.
pub fn time_then_id(raw: &str) -> Option<(i64, String)> {
    let (at, id) = raw.split_once(':')?;
    revans_domain::Id::parse(id)?;
    Some((at.parse().ok()?, id.to_owned()))
}

/// The links of the `pagination` macro.
#[derive(Debug, Default)]
pub struct Pagination {
    pub previous: Option<String>,
    pub next: Option<String>,
    /// The navigation's accessible name, unique on its page (a page with two paged lists
    /// names each); empty means "Pagination".
    pub label: &'static str,
}

impl Pagination {
    /// The links around `page`, to `path` with the page's own query `keep` (empty values
    /// dropped) and the cursor; `key` writes an item's key.
    pub fn new<T>(
        page: &Page<T>,
        path: &str,
        keep: &[(&str, &str)],
        key: impl Fn(&T) -> String,
    ) -> Self {
        Self::named(page, path, keep, ("before", "after"), "", key)
    }

    /// As `new`, for one of several paged lists on a page: the cursor goes in the fields
    /// `(before, after)` of this list, and the navigation is called `label`.
    pub fn named<T>(
        page: &Page<T>,
        path: &str,
        keep: &[(&str, &str)],
        (before, after): (&str, &str),
        label: &'static str,
        key: impl Fn(&T) -> String,
    ) -> Self {
        let link = |field: &str, item: Option<&T>| {
            let cursor = encode_cursor(&key(item?));
            let mut pairs: Vec<(&str, &str)> = keep
                .iter()
                .copied()
                .filter(|(_, v)| !v.is_empty())
                .collect();
            pairs.push((field, &cursor));
            let query = serde_html_form::to_string(&pairs).ok()?;
            Some(format!("{path}?{query}"))
        };
        Pagination {
            previous: if page.has_previous {
                link(before, page.items.first())
            } else {
                None
            },
            next: if page.has_next {
                link(after, page.items.last())
            } else {
                None
            },
            label,
        }
    }
}
