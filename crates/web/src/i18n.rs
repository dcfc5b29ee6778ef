//! The language each request is answered in: the person's own choice (applied when the session
//! is read, see `auth`), else the tenant's default, else the browser's `Accept-Language`, else
//! English. Resolved here once and held for the request (see `revans_i18n::scope`), so pages,
//! error pages and the application layer's views all read the same one.

use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use revans_i18n::Locale;

use crate::state::AppState;

pub use revans_i18n::{Arg, t};

/// Runs the request in its locale and tells the browser which one it got.
pub async fn request_locale(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let locale = state.settings.default_locale.unwrap_or_else(|| {
        request
            .headers()
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(Locale::from_accept_language)
            .unwrap_or_default()
    });
    revans_i18n::scope(locale, async move {
        let mut response = next.run(request).await;
        // The person's own choice may have replaced the first guess while the handler ran.
        let answered_in = revans_i18n::current();
        response.headers_mut().insert(
            header::CONTENT_LANGUAGE,
            HeaderValue::from_static(answered_in.tag()),
        );
        response
    })
    .await
}

/// A message with placeholders. Templates pass `&[("name", Arg::from(..)), ..]`, which askama
/// hands over behind one more reference; both forms are taken.
pub fn t_args<A: Args + ?Sized>(id: &str, args: &A) -> String {
    revans_i18n::t_args(id, args.as_args())
}

/// A list of placeholder values, however many references deep a template passes it.
pub trait Args {
    fn as_args(&self) -> &[(&str, Arg<'_>)];
}

impl Args for [(&str, Arg<'_>)] {
    fn as_args(&self) -> &[(&str, Arg<'_>)] {
        self
    }
}

impl<const N: usize> Args for [(&str, Arg<'_>); N] {
    fn as_args(&self) -> &[(&str, Arg<'_>)] {
        self
    }
}

impl<T: Args + ?Sized> Args for &T {
    fn as_args(&self) -> &[(&str, Arg<'_>)] {
        (**self).as_args()
    }
}

/// A message with one placeholder, for templates: `crate::i18n::t1("signed-in-as", "name", name)`.
pub fn t1(id: &str, key: &str, value: impl std::fmt::Display) -> String {
    t_args(id, &[(key, Arg::from(value.to_string()))])
}

/// A whole number a message counts with (its plural form follows it), by value or behind the
/// reference askama adds.
pub trait Count {
    fn count(&self) -> i64;
}

macro_rules! count_as_i64 {
    ($($t:ty),*) => {$(
        impl Count for $t {
            fn count(&self) -> i64 {
                i64::try_from(*self).unwrap_or(i64::MAX)
            }
        }
    )*};
}
count_as_i64!(i64, i32, u32, u64, usize, i16, u16, u8, i8);

impl<T: Count + ?Sized> Count for &T {
    fn count(&self) -> i64 {
        (**self).count()
    }
}

/// A message with a count, for templates: the number picks the plural form.
pub fn tn(id: &str, key: &str, count: impl Count) -> String {
    t_args(id, &[(key, Arg::from(count.count()))])
}

/// The current language's tag, for `<html lang>`.
pub fn lang() -> &'static str {
    revans_i18n::current().tag()
}

/// The label of a domain enum's value (`kind`, `state`, `role`...) in the reader's language:
/// the catalogue's `{prefix}-{value}`, else the domain's English label.
pub fn enum_label(prefix: &str, value: &str, english: &str) -> String {
    let id = format!("{prefix}-{value}");
    let translated = t(&id);
    if translated == id {
        english.to_owned()
    } else {
        translated
    }
}

/// A sentence the domain or application layer wrote in English (a field error, a refusal), in
/// the reader's language when `errors.ftl` has it. Those layers stay free of catalogues: the
/// catalogue keys each sentence by [`error_id`], so "Enter a name" is `err-enter-a-name`.
/// Sentences with a name or a date in them have no entry and stay as written.
pub fn error_message(english: &str) -> String {
    sentence("err", english)
}

/// The catalogue id of an English sentence: `err-` and its letters and digits, lower case,
/// joined by hyphens.
pub fn error_id(english: &str) -> String {
    sentence_id("err", english)
}

/// A sentence written in English in code (an error, an API description), in the reader's
/// language when the catalogue has it under `prefix` and the sentence made into an id.
pub fn sentence(prefix: &str, english: &str) -> String {
    if revans_i18n::current() == Locale::EnGb {
        return english.to_owned();
    }
    let id = sentence_id(prefix, english);
    let translated = t(&id);
    if translated == id {
        english.to_owned()
    } else {
        translated
    }
}

/// `prefix`, then the sentence's letters and digits, lower case, joined by hyphens.
pub fn sentence_id(prefix: &str, english: &str) -> String {
    let mut id = String::from(prefix);
    let mut gap = true;
    for c in english.chars() {
        if c.is_ascii_alphanumeric() {
            if gap {
                id.push('-');
                gap = false;
            }
            id.push(c.to_ascii_lowercase());
        } else {
            gap = true;
        }
    }
    id
}

/// Field errors in the reader's language.
pub fn field_errors(fields: Vec<revans_domain::FieldError>) -> Vec<revans_domain::FieldError> {
    fields
        .into_iter()
        .map(|f| revans_domain::FieldError {
            message: error_message(&f.message),
            field: f.field,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_become_ids() {
        assert_eq!(error_id("Enter a name"), "err-enter-a-name");
        assert_eq!(
            error_id("Enter 12 languages or fewer."),
            "err-enter-12-languages-or-fewer"
        );
        assert_eq!(error_id("You can’t do that"), "err-you-can-t-do-that");
    }

    #[test]
    fn english_stays_as_written_and_german_is_looked_up() {
        revans_i18n::sync_scope(Locale::De, || {
            assert_eq!(
                error_message("Choose English or Deutsch"),
                "Choose English or Deutsch"
            );
            assert_eq!(
                error_message("Enter your password"),
                "Geben Sie Ihr Passwort ein"
            );
        });
        assert_eq!(error_message("Enter your password"), "Enter your password");
    }
}
