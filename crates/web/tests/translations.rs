//! Nothing a person reads is left out of the catalogues: every template's text goes through
//! `crate::i18n::t(..)`, and every message id the code names exists in English (the catalogue
//! test in `revans-i18n` then holds German to the same ids). Runs on the source files, so it
//! needs no server and names the file and line at fault.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Words that read the same in both languages: names, acronyms and units.
const SAME_IN_EVERY_LANGUAGE: &[&str] = &[
    "API",
    "CPD",
    "CSV",
    "ICS",
    "ID",
    "JSON",
    "NHS",
    "OpenID",
    "PDF",
    "QR",
    "Revans",
    "UTC",
    "URL",
    "ZIP",
    "English",
    "Deutsch",
    "iCalendar",
    "RFC",
    "HTML",
    "OpenAPI",
    "TOML",
];

fn files(dir: &Path, extensions: &[&str]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path
                .extension()
                .is_some_and(|e| extensions.iter().any(|x| e == *x))
            {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The line (1-based) of byte offset `at` in `text`.
fn line_of(text: &str, at: usize) -> usize {
    text[..at].matches('\n').count() + 1
}

/// Text that reads as words a person would need translated.
fn is_prose(text: &str) -> bool {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 2)
        .any(|w| !SAME_IN_EVERY_LANGUAGE.contains(&w))
}

/// Blanks out `open`..`close` spans (keeping newlines so lines still count), handing each
/// span's inside to `check`.
fn cut(text: &str, open: &str, close: &str, mut check: impl FnMut(usize, &str)) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut offset = 0;
    while let Some(start) = rest.find(open) {
        let Some(len) = rest[start + open.len()..].find(close) else {
            break;
        };
        let inner = &rest[start + open.len()..start + open.len() + len];
        check(offset + start, inner);
        out.push_str(&rest[..start]);
        let whole = &rest[start..start + open.len() + len + close.len()];
        out.extend(whole.chars().map(|c| if c == '\n' { '\n' } else { ' ' }));
        offset += start + whole.len();
        rest = &rest[start + whole.len()..];
    }
    out.push_str(rest);
    out
}

/// Quoted literals in template code that read as English sentences ("Time zone"), rather
/// than names ("timezone", "text") or message ids.
fn english_literals(code: &str) -> Vec<String> {
    code.split('"')
        .skip(1)
        .step_by(2)
        .filter(|lit| lit.chars().next().is_some_and(char::is_uppercase) && is_prose(lit))
        // A value compared against (`status == "Submitted"`) is data, not text for a reader.
        .filter(|lit| !code.contains(&format!("== \"{lit}\"")))
        .map(str::to_owned)
        .collect()
}

fn untranslated(path: &Path) -> Vec<String> {
    let source = std::fs::read_to_string(path).expect("a readable template");
    let name = path.display().to_string();
    let mut found = Vec::new();
    let text = cut(&source, "{#", "#}", |_, _| {});
    let mut code_check = |at: usize, inner: &str| {
        for lit in english_literals(inner) {
            found.push(format!("{name}:{}: \"{lit}\"", line_of(&source, at)));
        }
    };
    let text = cut(&text, "{%", "%}", &mut code_check);
    let text = cut(&text, "{{", "}}", &mut code_check);
    // Code shown as code (a header name, a file format's keys) reads the same in every language.
    let text = cut(&text, "<code", "</code>", |_, _| {});
    let text = cut(&text, "<script", "</script>", |_, _| {});
    let text = cut(&text, "<style", "</style>", |_, _| {});
    let mut tag_check = |at: usize, inner: &str| {
        for attribute in ["aria-label=\"", "title=\"", "alt=\"", "placeholder=\""] {
            for (i, _) in inner.match_indices(attribute) {
                let value = inner[i + attribute.len()..].split('"').next().unwrap_or("");
                if is_prose(value) && !inner.contains("type=\"hidden\"") {
                    found.push(format!(
                        "{name}:{}: {attribute}{value}\"",
                        line_of(&source, at)
                    ));
                }
            }
        }
    };
    let text = cut(&text, "<", ">", &mut tag_check);
    for (i, line) in text.lines().enumerate() {
        let words = line
            .replace("&nbsp;", " ")
            .replace("&ndash;", " ")
            .replace("&amp;", " ");
        if is_prose(&words) {
            found.push(format!("{name}:{}: {}", i + 1, words.trim()));
        }
    }
    found
}

#[test]
fn every_template_text_goes_through_the_catalogues() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    let mut found = Vec::new();
    for file in files(&root, &["html", "txt"]) {
        found.extend(untranslated(&file));
    }
    assert!(
        found.is_empty(),
        "{} pieces of template text are not translated (use {{{{ crate::i18n::t(\"id\") }}}}):\n{}",
        found.len(),
        found.join("\n")
    );
}

/// The ids code passes to the catalogue functions as literals.
fn ids_named_in(source: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for call in [
        "t(\"",
        "t1(\"",
        "tn(\"",
        "t_args(\"",
        "message(\"",
        "Text::new(\"",
    ] {
        for (at, _) in source.match_indices(call) {
            // Only the catalogue functions, not `format("..")` or `assert(..)`.
            let before = source[..at].chars().last();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let id = source[at + call.len()..].split('"').next().unwrap_or("");
            out.push((at, id.to_owned()));
        }
    }
    // The emails' messages, also where code picks one of several (`if accept { "email-.." }`)
    // before queuing it (`Text::new(id)`).
    for (at, _) in source.match_indices("\"email-") {
        let id = source[at + 1..].split('"').next().unwrap_or("");
        if id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            out.push((at, id.to_owned()));
        }
    }
    out
}

#[test]
fn every_message_the_code_names_exists() {
    let english: BTreeSet<String> = revans_i18n::message_ids()
        .into_iter()
        .find(|m| m.locale == revans_i18n::Locale::EnGb)
        .expect("an English catalogue")
        .ids
        .into_iter()
        .collect();
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut sources = files(&crates.join("web/templates"), &["html", "txt"]);
    for krate in ["web", "app", "documents"] {
        sources.extend(files(&crates.join(krate).join("src"), &["rs"]));
    }
    let mut missing = Vec::new();
    let mut named = 0;
    for file in &sources {
        let source = std::fs::read_to_string(file).expect("a readable source file");
        for (at, id) in ids_named_in(&source) {
            named += 1;
            if !english.contains(&id) {
                missing.push(format!("{}:{}: {id}", file.display(), line_of(&source, at)));
            }
        }
    }
    assert!(
        named > 20,
        "the scan found only {named} message ids: is it looking in the right place?"
    );
    assert!(
        missing.is_empty(),
        "messages named in code but missing from the English catalogue:\n{}",
        missing.join("\n")
    );
}
