//! Emails about a certificate of completion (issue 16): one template with a headline and lines, the
//! headline as the subject.

use askama::Template;

use revans_app::mail::CertificateEmail;

use super::Email;
use super::words::{write, write_all};

#[derive(Template)]
#[template(path = "email/certificate.txt")]
struct Text<'a> {
    e: &'a CertificateEmail,
    headline: String,
    lines: Vec<String>,
    link_label: String,
}

#[derive(Template)]
#[template(path = "email/certificate.html")]
struct Html<'a> {
    e: &'a CertificateEmail,
    headline: String,
    lines: Vec<String>,
    link_label: String,
}

impl Email for CertificateEmail {
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
