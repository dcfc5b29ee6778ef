//! Emails about an application (received, approved, offered, waiting, confirmed, not accepted)
//! and about a set (formed, published).
//! One template with a headline and lines keeps every step's message consistent.

use askama::Template;

use revans_app::mail::ApplicationEmail;

use super::Email;

#[derive(Template)]
#[template(path = "email/application.txt")]
struct Text<'a> {
    e: &'a ApplicationEmail,
}

#[derive(Template)]
#[template(path = "email/application.html")]
struct Html<'a> {
    e: &'a ApplicationEmail,
}

impl Email for ApplicationEmail {
    fn subject(&self) -> String {
        format!("{}: {}", self.programme, self.headline)
    }
    fn text(&self) -> askama::Result<String> {
        Text { e: self }.render()
    }
    fn html(&self) -> askama::Result<String> {
        Html { e: self }.render()
    }
}
