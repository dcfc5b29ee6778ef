//! Emails about an application (received, approved, offered, waiting, confirmed, not accepted)
//! and about a set (formed, published).
//! One template with a headline and lines keeps every step's message consistent.

use askama::Template;

use revans_app::mail::ApplicationEmail;

use super::Email;
use super::words::{write, write_all};

#[derive(Template)]
#[template(path = "email/application.txt")]
struct Text<'a> {
    e: &'a ApplicationEmail,
    headline: String,
    lines: Vec<String>,
    link_label: String,
}

#[derive(Template)]
#[template(path = "email/application.html")]
struct Html<'a> {
    e: &'a ApplicationEmail,
    headline: String,
    lines: Vec<String>,
    link_label: String,
}

impl Email for ApplicationEmail {
    fn subject(&self) -> String {
        if self.programme.is_empty() {
            return write(&self.headline);
        }
        crate::i18n::t_args(
            "email-application-subject",
            &[
                ("programme", crate::i18n::Arg::from(self.programme.clone())),
                ("headline", crate::i18n::Arg::from(write(&self.headline))),
            ],
        )
    }
    fn text(&self) -> askama::Result<String> {
        Text {
            e: self,
            headline: write(&self.headline),
            lines: write_all(&self.lines),
            link_label: write(&self.link_label),
        }
        .render()
    }
    fn html(&self) -> askama::Result<String> {
        Html {
            e: self,
            headline: write(&self.headline),
            lines: write_all(&self.lines),
            link_label: write(&self.link_label),
        }
        .render()
    }
}
