//! Emails about an immersion event's visits (issue 18): one template with a headline and lines, the
//! headline as the subject.

use askama::Template;

use revans_app::mail::EventEmail;

use super::Email;
use super::words::{write, write_all};

#[derive(Template)]
#[template(path = "email/event.txt")]
struct Text<'a> {
    e: &'a EventEmail,
    headline: String,
    lines: Vec<String>,
    link_label: String,
}

#[derive(Template)]
#[template(path = "email/event.html")]
struct Html<'a> {
    e: &'a EventEmail,
    headline: String,
    lines: Vec<String>,
    link_label: String,
}

impl Email for EventEmail {
    fn subject(&self) -> String {
        write(&self.headline)
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
