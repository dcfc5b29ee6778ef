//! Email templates: each message is a struct with a subject and two askama files (text, HTML).

use askama::Template;
use revans_app::mail::{InvitationEmail, PasswordChangedEmail, PasswordResetEmail};

pub trait Email {
    fn subject(&self) -> String;
    fn text(&self) -> askama::Result<String>;
    fn html(&self) -> askama::Result<String>;
}

#[derive(Template)]
#[template(path = "email/password_reset.txt")]
struct PasswordResetText<'a> {
    e: &'a PasswordResetEmail,
}

#[derive(Template)]
#[template(path = "email/password_reset.html")]
struct PasswordResetHtml<'a> {
    e: &'a PasswordResetEmail,
}

impl Email for PasswordResetEmail {
    fn subject(&self) -> String {
        crate::i18n::t1("email-password-reset-subject", "tenant", &self.tenant)
    }
    fn text(&self) -> askama::Result<String> {
        PasswordResetText { e: self }.render()
    }
    fn html(&self) -> askama::Result<String> {
        PasswordResetHtml { e: self }.render()
    }
}

#[derive(Template)]
#[template(path = "email/invitation.txt")]
struct InvitationText<'a> {
    e: &'a InvitationEmail,
}

#[derive(Template)]
#[template(path = "email/invitation.html")]
struct InvitationHtml<'a> {
    e: &'a InvitationEmail,
}

impl Email for InvitationEmail {
    fn subject(&self) -> String {
        crate::i18n::t1("email-invitation-subject", "tenant", &self.tenant)
    }
    fn text(&self) -> askama::Result<String> {
        InvitationText { e: self }.render()
    }
    fn html(&self) -> askama::Result<String> {
        InvitationHtml { e: self }.render()
    }
}

#[derive(Template)]
#[template(path = "email/password_changed.txt")]
struct PasswordChangedText<'a> {
    e: &'a PasswordChangedEmail,
}

#[derive(Template)]
#[template(path = "email/password_changed.html")]
struct PasswordChangedHtml<'a> {
    e: &'a PasswordChangedEmail,
}

impl Email for PasswordChangedEmail {
    fn subject(&self) -> String {
        crate::i18n::t1("email-password-changed-subject", "tenant", &self.tenant)
    }
    fn text(&self) -> askama::Result<String> {
        PasswordChangedText { e: self }.render()
    }
    fn html(&self) -> askama::Result<String> {
        PasswordChangedHtml { e: self }.render()
    }
}
