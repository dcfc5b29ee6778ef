//! Emails a use case sends: each is data (who, what happened, a link), queued in the use case's
//! own transaction as a job. The web layer's worker renders the words from templates when it
//! sends, so the app layer never knows HTML.

use revans_storage::Conn;
use revans_storage::jobs::{self, NewJob};
use serde::{Deserialize, Serialize};

use crate::Error;

/// The job kind for an email.
pub const SEND_EMAIL: &str = "send_email";

/// Words the web layer writes in the recipient's language when it sends the email: a message
/// of the catalogue with its values. Payloads queued before emails were translated hold the
/// English as written, which reads back as [`Text::Written`] and is sent as it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Text {
    Message {
        id: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        args: Vec<(String, Value)>,
    },
    Written(String),
}

impl Text {
    /// The catalogue message `id` (in `email.ftl`).
    pub fn new(id: &str) -> Self {
        Text::Message {
            id: id.to_owned(),
            args: Vec::new(),
        }
    }

    /// Fills the placeholder `key`.
    #[must_use]
    pub fn arg(mut self, key: &str, value: impl Into<Value>) -> Self {
        if let Text::Message { args, .. } = &mut self {
            args.push((key.to_owned(), value.into()));
        }
        self
    }
}

/// A placeholder's value, written out in the recipient's language when the email is sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Value {
    /// Text as written: a name, a title, a reason someone typed.
    Plain(String),
    /// A whole number (it chooses plural forms).
    Number(i64),
    /// A moment in a time zone: "22 Nov 2026, 14:05 GMT".
    Moment { ms: i64, zone: String },
    /// The last whole day before an exclusive end, in a time zone: "31 December 2026".
    LastDay { ms: i64, zone: String },
    /// A session with its day, start and end, in a time zone.
    Session {
        starts_at: i64,
        ends_at: i64,
        zone: String,
    },
    /// A number of hours, from minutes: "7.5".
    Hours(i64),
    /// Names joined as a list: "Ada, Ben and Cy".
    Names(Vec<String>),
    /// Another message, translated too.
    Text(Box<Text>),
}

impl Value {
    pub fn moment(ms: i64, zone: &str) -> Self {
        Value::Moment {
            ms,
            zone: zone.to_owned(),
        }
    }

    pub fn last_day(ms: i64, zone: &str) -> Self {
        Value::LastDay {
            ms,
            zone: zone.to_owned(),
        }
    }

    pub fn session(starts_at: i64, ends_at: i64, zone: &str) -> Self {
        Value::Session {
            starts_at,
            ends_at,
            zone: zone.to_owned(),
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::Plain(s.to_owned())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::Plain(s)
    }
}

impl From<&String> for Value {
    fn from(s: &String) -> Self {
        Value::Plain(s.clone())
    }
}

impl From<i64> for Value {
    fn from(n: i64) -> Self {
        Value::Number(n)
    }
}

impl From<usize> for Value {
    fn from(n: usize) -> Self {
        Value::Number(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<Text> for Value {
    fn from(t: Text) -> Self {
        Value::Text(Box::new(t))
    }
}

/// A session's line: its day and times, with the zone named.
pub fn session_line(starts_at: i64, ends_at: i64, zone: &str) -> Text {
    Text::new("email-session-line").arg("session", Value::session(starts_at, ends_at, zone))
}

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
    pub headline: Text,
    /// Further facts: what to do next, the sessions, a reason.
    pub lines: Vec<Text>,
    pub link: String,
    /// What the link leads to ("See your applications and places").
    pub link_label: Text,
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
    pub headline: Text,
    /// Further facts: the sessions, the reason, what to do.
    pub lines: Vec<Text>,
    pub link: String,
    pub link_label: Text,
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
    pub headline: Text,
    pub lines: Vec<Text>,
    pub link: String,
    pub link_label: Text,
}

/// Emails about an immersion event's visits (issue 18): published to a participant (their
/// visits) and to a host's contact (how many visitors come in each slot).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventEmail {
    pub tenant: String,
    pub name: String,
    pub event: String,
    /// What happened, also the subject.
    pub headline: Text,
    pub lines: Vec<Text>,
    pub link: String,
    pub link_label: Text,
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
    Event(EventEmail),
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
    EventEmail => Event,
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

/// The language `to` chose on their account, if any (an email is rendered in it when sent).
pub async fn recipient_locale(
    app: &crate::App,
    to: &str,
) -> Result<Option<revans_domain::Locale>, Error> {
    let mut conn = app.store.conn().await?;
    Ok(revans_storage::people::locale_by_email(&mut conn, to).await?)
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
