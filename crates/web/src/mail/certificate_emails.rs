//! Emails about a certificate of completion (issue 16): one template with a headline and lines, the
//! headline as the subject.

use askama::Template;

use revans_app::mail::CertificateEmail;

use super::Email;

#[derive(Template)]
#[template(path = "email/certificate.txt")]
struct Text<'a> {
    e: &'a CertificateEmail,
}

#[derive(Template)]
#[template(path = "email/certificate.html")]
struct Html<'a> {
    e: &'a CertificateEmail,
}

impl Email for CertificateEmail {
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
