//! Emails a use case sends: each is data (who, what happened, a link), queued in the use case's
//! own transaction as a job. The web layer's worker renders the words from templates when it
//! sends, so the app layer never knows HTML.

use revans_storage::Conn;
use revans_storage::jobs::{self, NewJob};
use serde::{Deserialize, Serialize};

use crate::Error;

/// The job kind for an email.
pub const SEND_EMAIL: &str = "send_email";

/// A link to reset a forgotten password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordResetEmail {
    pub tenant: String,
    pub name: String,
    pub link: String,
    pub valid_minutes: i64,
}

/// An invitation to set a password and sign in for the first time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationEmail {
    pub tenant: String,
    pub name: String,
    pub inviter: String,
    pub organisation: String,
    pub link: String,
    pub valid_days: i64,
}

/// Tells an account's owner their password was changed, with a way back if it was not them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordChangedEmail {
    pub tenant: String,
    pub name: String,
    pub reset_link: String,
}

/// The notice to an account's owner that someone keeps failing to sign in as them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInFailuresEmail {
    pub tenant: String,
    pub name: String,
    /// Failed attempts in the last `minutes` minutes.
    pub failures: i64,
    pub minutes: i64,
    pub reset_link: String,
}

/// Emails about an application (received, approved, offered, waiting, confirmed, not accepted)
/// and about a set (formed, published, a new facilitator, a supervisor). One shape with a
/// headline and lines keeps every step's message consistent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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

/// Emails about a support circle (issue 15): going ahead, cancelled, merged, moved, its times
/// changed, and the merge offered to its lead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CircleEmail {
    pub tenant: String,
    pub name: String,
    /// The circle's title.
    pub circle: String,
    /// What happened, also the subject.
    pub headline: String,
    /// Further facts: the sessions, the reason, what to do.
    pub lines: Vec<String>,
    pub link: String,
    pub link_label: String,
}

/// Revans's invitation to someone who asked for a masterclass on a topic (issue 16). Sent by
/// Revans itself, so the lead who made the masterclass never learns who asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MasterclassInvitationEmail {
    pub tenant: String,
    pub name: String,
    /// The topic as they asked for it ("Managing change").
    pub topic: String,
    /// The masterclass's page in the catalogue (open once the programme is published).
    pub link: String,
}

/// Emails about a certificate of completion (issue 16): issued, revoked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateEmail {
    pub tenant: String,
    pub name: String,
    pub programme: String,
    /// What happened, also the subject.
    pub headline: String,
    pub lines: Vec<String>,
    pub link: String,
    pub link_label: String,
}

/// Every email Revans sends, as data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Notice {
    PasswordReset(PasswordResetEmail),
    Invitation(InvitationEmail),
    PasswordChanged(PasswordChangedEmail),
    SignInFailures(SignInFailuresEmail),
    Application(ApplicationEmail),
    Circle(CircleEmail),
    MasterclassInvitation(MasterclassInvitationEmail),
    Certificate(CertificateEmail),
}

macro_rules! notice_from {
    ($($email:ident => $variant:ident),* $(,)?) => {$(
        impl From<&$email> for Notice {
            fn from(e: &$email) -> Self {
                Notice::$variant(e.clone())
            }
        }
    )*};
}
notice_from!(
    PasswordResetEmail => PasswordReset,
    InvitationEmail => Invitation,
    PasswordChangedEmail => PasswordChanged,
    SignInFailuresEmail => SignInFailures,
    ApplicationEmail => Application,
    CircleEmail => Circle,
    MasterclassInvitationEmail => MasterclassInvitation,
    CertificateEmail => Certificate,
);

/// A small text attachment, kept in the job payload with the message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub filename: String,
    pub content_type: String,
    pub content: String,
}

impl Attachment {
    /// An RFC 5545 calendar of sessions (`text/calendar`), which mail programs offer to import.
    pub fn calendar(ics: String) -> Self {
        Self {
            filename: "sessions.ics".into(),
            content_type: "text/calendar; charset=utf-8; method=PUBLISH".into(),
            content: ics,
        }
    }
}

/// The payload of a `send_email` job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuedEmail {
    pub to: String,
    pub notice: Notice,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachment: Option<Attachment>,
}

/// Queues an email inside the caller's transaction: it is sent only if the change commits.
pub async fn enqueue(conn: &mut Conn, to: &str, notice: impl Into<Notice>) -> Result<(), Error> {
    enqueue_with_attachment(conn, to, notice, None).await
}

/// As `enqueue`, with an optional attachment.
pub async fn enqueue_with_attachment(
    conn: &mut Conn,
    to: &str,
    notice: impl Into<Notice>,
    attachment: Option<Attachment>,
) -> Result<(), Error> {
    // An erased person keeps a placeholder address that reaches nobody: nothing is queued
    // for it (their set's reminders, a circle's changes), so no email fails for it later.
    if revans_storage::erasure::is_placeholder(to) {
        return Ok(());
    }
    let queued = QueuedEmail {
        to: to.to_owned(),
        notice: notice.into(),
        attachment,
    };
    let payload = serde_json::to_string(&queued).map_err(Error::internal)?;
    jobs::enqueue_concerning(
        conn,
        NewJob {
            kind: SEND_EMAIL,
            payload: &payload,
            run_at: revans_storage::now_ms(),
            max_attempts: 8,
        },
        to,
    )
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_queued_email_reads_back_as_it_was_written() {
        let queued = QueuedEmail {
            to: "ada@example.org".into(),
            notice: Notice::from(&PasswordChangedEmail {
                tenant: "Revans".into(),
                name: "Ada".into(),
                reset_link: "https://example.org/password-reset".into(),
            }),
            attachment: Some(Attachment::calendar("BEGIN:VCALENDAR".into())),
        };
        let json = serde_json::to_string(&queued).unwrap();
        assert!(json.contains(r#""kind":"password_changed""#), "{json}");
        assert_eq!(serde_json::from_str::<QueuedEmail>(&json).unwrap(), queued);
    }
}
