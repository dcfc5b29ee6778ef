//! The notice to an account's owner that someone keeps failing to sign in as them.

use askama::Template;

use revans_app::mail::SignInFailuresEmail;

use super::Email;

#[derive(Template)]
#[template(path = "email/sign_in_failures.txt")]
struct Text<'a> {
    e: &'a SignInFailuresEmail,
}

#[derive(Template)]
#[template(path = "email/sign_in_failures.html")]
struct Html<'a> {
    e: &'a SignInFailuresEmail,
}

impl Email for SignInFailuresEmail {
    fn subject(&self) -> String {
        crate::i18n::t1("email-sign-in-failures-subject", "tenant", &self.tenant)
    }
    fn text(&self) -> askama::Result<String> {
        Text { e: self }.render()
    }
    fn html(&self) -> askama::Result<String> {
        Html { e: self }.render()
    }
}
