//! The register as Markdown, the part of `docs/PRIVACY.md` between its register markers: what
//! a data protection officer reads. A test compares the file with this rendering, so the
//! notice cannot drift from the code.

use super::{Data, Entry, OnErasure, REGISTER};

/// The register section of `docs/PRIVACY.md`.
pub fn render_markdown() -> String {
    let mut out = String::from(
        "## The privacy register\n\n\
         Generated from `crates/storage/src/privacy_register/` (the privacy register); do not \
         edit between the markers by hand. Update with `REVANS_BLESS=1 cargo test -p \
         revans-storage --test privacy_register`.\n\n\
         Every table of the database is listed. A person's subject access export \
         (`GET /api/v1/me/export`, or \"Download your data\" on the account page) holds the \
         rows about them (the columns named under \"About\"), without secrets.\n\n\
         | Table | About | Why it is held | How long it is kept | On erasure |\n\
         |---|---|---|---|---|\n",
    );
    for e in REGISTER {
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            e.table,
            about(e),
            e.why,
            e.kept,
            erasure(e.on_erasure)
        ));
    }
    out.push_str("\n### Columns\n");
    for e in REGISTER {
        out.push_str(&format!("\n#### `{}`\n\n", e.table));
        for (column, data) in e.columns {
            out.push_str(&format!("- `{column}`: {}\n", label(*data)));
        }
    }
    out
}

fn about(e: &Entry) -> String {
    let Some(subject) = e.subject else {
        return "nobody".into();
    };
    let mut s = match e.through {
        Some(table) => format!("`{subject}` (through `{table}`)"),
        None => format!("`{subject}`"),
    };
    for also in e.also_about {
        s.push_str(&format!(", `{also}`"));
    }
    s
}

fn erasure(on: OnErasure) -> &'static str {
    match on {
        OnErasure::Delete => "deleted",
        OnErasure::FormerMember => "kept as \"Former member\"",
        OnErasure::Scrub => "free text cleared",
        OnErasure::NotAboutAPerson => "not about a person",
    }
}

/// A column's kind in plain words (also the export's labels).
pub fn label(data: Data) -> &'static str {
    match data {
        Data::NotPersonal => "not personal",
        Data::Identifies => "identifies a person",
        Data::Contact => "contact details",
        Data::OwnWords => "their own words",
        Data::Activity => "what they did and when",
        Data::Secret => "a secret, never exported",
    }
}
