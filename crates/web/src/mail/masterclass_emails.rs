//! Revans's invitation to a masterclass someone asked for (issue 16). It names no lead: the
//! invitation comes from the service, so whoever made the masterclass never learns who asked.

use askama::Template;

use revans_app::mail::MasterclassInvitationEmail;

use super::Email;

#[derive(Template)]
#[template(path = "email/masterclass_invitation.txt")]
struct Text<'a> {
    e: &'a MasterclassInvitationEmail,
}

#[derive(Template)]
#[template(path = "email/masterclass_invitation.html")]
struct Html<'a> {
    e: &'a MasterclassInvitationEmail,
}

impl Email for MasterclassInvitationEmail {
    fn subject(&self) -> String {
        crate::i18n::t1("email-masterclass-subject", "topic", &self.topic)
    }
    fn text(&self) -> askama::Result<String> {
        Text { e: self }.render()
    }
    fn html(&self) -> askama::Result<String> {
        Html { e: self }.render()
    }
}
