//! The Fluent catalogues and looking a message up.

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{Loader, static_loader};
use revans_domain::Locale;

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en-GB",
        // No Unicode isolation marks around values: pages are HTML with `lang` and `dir` set,
        // and the marks would break text comparisons in tests and emails' plain text.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// A value for a message's placeholder: text, or a number (which chooses plural forms).
pub type Arg<'a> = FluentValue<'a>;

fn langid(locale: Locale) -> &'static fluent_templates::LanguageIdentifier {
    use std::sync::LazyLock;
    static EN: LazyLock<fluent_templates::LanguageIdentifier> =
        LazyLock::new(|| "en-GB".parse().expect("a valid tag"));
    static DE: LazyLock<fluent_templates::LanguageIdentifier> =
        LazyLock::new(|| "de".parse().expect("a valid tag"));
    match locale {
        Locale::EnGb => &EN,
        Locale::De => &DE,
    }
}

/// The message `id` in `locale`; English when the locale lacks it, the id itself when no
/// catalogue has it (a test keeps every id used in the code in both catalogues).
pub fn t_in(locale: Locale, id: &str) -> String {
    LOCALES
        .try_lookup(langid(locale), id)
        .unwrap_or_else(|| id.to_owned())
}

/// The message `id` with its placeholders filled, in `locale`.
pub fn t_in_args(locale: Locale, id: &str, args: &[(&str, Arg<'_>)]) -> String {
    let map: HashMap<Cow<'static, str>, FluentValue<'_>> = args
        .iter()
        .map(|(k, v)| (Cow::Owned((*k).to_owned()), v.clone()))
        .collect();
    LOCALES
        .try_lookup_with_args(langid(locale), id, &map)
        .unwrap_or_else(|| id.to_owned())
}

/// The message `id` in the current locale.
pub fn t(id: &str) -> String {
    t_in(crate::current(), id)
}

/// The message `id` with placeholders, in the current locale.
pub fn t_args(id: &str, args: &[(&str, Arg<'_>)]) -> String {
    t_in_args(crate::current(), id, args)
}

/// The message ids each catalogue holds, read from the Fluent files compiled in: what the
/// completeness tests compare.
pub struct MessageIds {
    pub locale: Locale,
    pub ids: Vec<String>,
}

/// Every message id of every locale, from the source files (`locales/<tag>/*.ftl`).
pub fn message_ids() -> Vec<MessageIds> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    Locale::ALL
        .iter()
        .map(|&locale| {
            let mut ids = Vec::new();
            let dir = root.join(locale.tag());
            let mut files: Vec<_> = std::fs::read_dir(&dir)
                .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
                .unwrap_or_default();
            files.sort();
            for file in files
                .iter()
                .filter(|f| f.extension().is_some_and(|e| e == "ftl"))
            {
                let text = std::fs::read_to_string(file).unwrap_or_default();
                ids.extend(text.lines().filter_map(message_id).map(str::to_owned));
            }
            MessageIds { locale, ids }
        })
        .collect()
}

/// The id a Fluent line defines (`id = ...` at the start of a line), if it defines one.
fn message_id(line: &str) -> Option<&str> {
    let (id, _) = line.split_once('=')?;
    let id = id.trim_end();
    let ok = id.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    ok.then_some(id)
}
