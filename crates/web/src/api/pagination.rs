//! Lists that grow are sent a page at a time: `limit` (1 to 500, default 100) and an opaque
//! `cursor`, the previous page's `next_cursor`. The cursor holds the sort key of the last item
//! sent (keyset pagination), so a page never repeats or skips an item when rows are added
//! meanwhile; `has_more` says whether to ask again.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::error::{AppError, FieldError};

const DEFAULT_LIMIT: i64 = 100;
const MAX_LIMIT: i64 = 500;

/// Which page to send. Any other parameter is refused, naming it: a client still sending the
/// audit log's old `offset` would otherwise be sent the first page again and again.
#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// At most this many items, 1 to 500; default 100.
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page; absent for the first page.
    pub cursor: Option<String>,
}

/// A page request, checked.
pub struct Window {
    pub limit: usize,
    /// The sort key of the last item already sent.
    pub after: Option<String>,
}

fn bad(field: &str, message: &str) -> AppError {
    AppError::BadParameters(vec![FieldError {
        field: field.to_owned(),
        message: message.to_owned(),
    }])
}

impl PageParams {
    pub fn window(&self) -> Result<Window, AppError> {
        let limit = self.limit.unwrap_or(DEFAULT_LIMIT);
        if !(1..=MAX_LIMIT).contains(&limit) {
            return Err(bad("limit", "limit must be a whole number from 1 to 500"));
        }
        let after = match self.cursor.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(raw) => Some(
                URL_SAFE_NO_PAD
                    .decode(raw)
                    .ok()
                    .and_then(|b| String::from_utf8(b).ok())
                    .ok_or_else(|| {
                        bad(
                            "cursor",
                            "cursor is not one this list gave; send next_cursor as it came, or no cursor for the first page",
                        )
                    })?,
            ),
        };
        Ok(Window {
            limit: limit as usize,
            after,
        })
    }
}

impl Window {
    /// The cursor's key as an id, for lists sorted by id.
    pub fn after_id(&self) -> Result<Option<revans_domain::Id>, AppError> {
        self.after
            .as_deref()
            .map(|k| revans_domain::Id::parse(k).ok_or_else(Self::foreign))
            .transpose()
    }

    /// The cursor's key as `(milliseconds, id)`, for lists sorted by time.
    pub fn after_time_and_id(&self) -> Result<Option<(i64, String)>, AppError> {
        self.after
            .as_deref()
            .map(|k| {
                k.split_once(':')
                    .and_then(|(at, id)| Some((at.parse().ok()?, id.to_owned())))
                    .ok_or_else(Self::foreign)
            })
            .transpose()
    }

    /// The error for a cursor this list did not give.
    pub fn foreign() -> AppError {
        bad(
            "cursor",
            "cursor belongs to another list; send next_cursor as it came, or no cursor for the first page",
        )
    }
}

/// The opaque form of a sort key.
pub fn encode_cursor(key: &str) -> String {
    URL_SAFE_NO_PAD.encode(key)
}

/// One page of items, before it becomes its list's response type.
pub struct Paged<T> {
    pub items: Vec<T>,
    pub has_more: bool,
    pub next_cursor: Option<String>,
}

impl<T> Paged<T> {
    /// From up to `limit + 1` rows in order, read after the cursor: the extra row only says
    /// there is more. `key` is the sort key the next page starts after.
    pub fn from_rows(mut rows: Vec<T>, limit: usize, key: impl Fn(&T) -> String) -> Self {
        let has_more = rows.len() > limit;
        rows.truncate(limit);
        let next_cursor = has_more
            .then(|| rows.last().map(|last| encode_cursor(&key(last))))
            .flatten();
        Paged {
            items: rows,
            has_more,
            next_cursor,
        }
    }

    /// From a short list read whole and sorted by `key` (ascending): the items after the
    /// cursor. For lists bounded by what one person holds (their sets, the catalogue).
    pub fn from_sorted_list(rows: Vec<T>, window: &Window, key: impl Fn(&T) -> String) -> Self {
        let rows: Vec<T> = rows
            .into_iter()
            .filter(|r| window.after.as_ref().is_none_or(|after| key(r) > *after))
            .take(window.limit + 1)
            .collect();
        Self::from_rows(rows, window.limit, key)
    }

    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Paged<U> {
        Paged {
            items: self.items.into_iter().map(f).collect(),
            has_more: self.has_more,
            next_cursor: self.next_cursor,
        }
    }
}

/// A list's page type for the OpenAPI document: `items`, `has_more`, `next_cursor`.
macro_rules! page_of {
    ($name:ident, $item:ty, $what:literal) => {
        #[doc = concat!("One page of ", $what, ".")]
        #[derive(serde::Serialize, utoipa::ToSchema)]
        pub struct $name {
            pub items: Vec<$item>,
            /// Whether there is another page: ask again with `cursor` = `next_cursor`.
            pub has_more: bool,
            /// Null on the last page.
            pub next_cursor: Option<String>,
        }

        impl From<$crate::api::pagination::Paged<$item>> for $name {
            fn from(p: $crate::api::pagination::Paged<$item>) -> Self {
                $name {
                    items: p.items,
                    has_more: p.has_more,
                    next_cursor: p.next_cursor,
                }
            }
        }
    };
}
pub(crate) use page_of;
