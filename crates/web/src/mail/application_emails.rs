//! Emails about an application (received, approved, offered, waiting, confirmed, not accepted)
//! and about a set (formed, published).
//! One template with a headline and lines keeps every step's message consistent.

use askama::Template;

use super::Email;

pub struct ApplicationEmail {
    pub tenant: String,
    pub name: String,
    pub programme: String,
    /// What happened, also the subject.
    pub headline: String,
    /// Further facts: what to do next, the sessions, a reason.
    pub lines: Vec<String>,
    pub link: String,
    /// What the link leads to ("See your applications and places").
    pub link_label: String,
}

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
