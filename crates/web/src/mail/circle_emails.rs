//! Emails about a support circle (issue 15): one template with a headline and lines, the
//! headline as the subject.

use askama::Template;

use revans_app::mail::CircleEmail;

use super::Email;

#[derive(Template)]
#[template(path = "email/circle.txt")]
struct Text<'a> {
    e: &'a CircleEmail,
}

#[derive(Template)]
#[template(path = "email/circle.html")]
struct Html<'a> {
    e: &'a CircleEmail,
}

impl Email for CircleEmail {
    fn subject(&self) -> String {
        self.headline.clone()
    }
    fn text(&self) -> askama::Result<String> {
        Text { e: self }.render()
    }
    fn html(&self) -> askama::Result<String> {
        Html { e: self }.render()
    }
}
