//! Outgoing email. Handlers render a message and enqueue it in their own transaction
//! (`enqueue`); the worker (`worker.rs`) delivers it by SMTP or into a folder, with retries.

mod application_emails;
mod sign_in_notice;
mod templates;
mod worker;

use lettre::message::header::ContentType;
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use revans_storage::Conn;
use revans_storage::jobs::{self, NewJob};
use secrecy::ExposeSecret;

pub use application_emails::ApplicationEmail;
pub use sign_in_notice::SignInFailuresEmail;
pub use templates::{Email, InvitationEmail, PasswordChangedEmail, PasswordResetEmail};
pub use worker::{run_pending_jobs, spawn_worker};

use crate::config::{MailSettings, MailTransport, SmtpSecurity};
use crate::error::AppError;

/// The job kind for an email.
pub const SEND_EMAIL: &str = "send_email";

/// A rendered message, as stored in the job payload.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct OutgoingEmail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// A file sent with the message (the cohort's sessions as an .ics calendar).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachment: Option<Attachment>,
}

/// A small text attachment, kept in the job payload with the message.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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

/// Renders and enqueues an email inside the caller's transaction.
pub async fn enqueue(conn: &mut Conn, to: &str, email: &impl Email) -> Result<(), AppError> {
    enqueue_with_attachment(conn, to, email, None).await
}

/// As `enqueue`, with an optional attachment.
pub async fn enqueue_with_attachment(
    conn: &mut Conn,
    to: &str,
    email: &impl Email,
    attachment: Option<Attachment>,
) -> Result<(), AppError> {
    let outgoing = OutgoingEmail {
        to: to.to_owned(),
        subject: email.subject(),
        text: email.text().map_err(AppError::internal)?,
        html: email.html().map_err(AppError::internal)?,
        attachment,
    };
    let payload = serde_json::to_string(&outgoing).map_err(AppError::internal)?;
    jobs::enqueue(
        conn,
        NewJob {
            kind: SEND_EMAIL,
            payload: &payload,
            run_at: revans_storage::now_ms(),
            max_attempts: 8,
        },
    )
    .await?;
    Ok(())
}

pub enum Mailer {
    Smtp {
        transport: AsyncSmtpTransport<Tokio1Executor>,
        from: Mailbox,
    },
    Folder {
        transport: AsyncFileTransport<Tokio1Executor>,
        from: Mailbox,
    },
}

impl Mailer {
    pub fn from_settings(settings: &MailSettings) -> Result<Self, String> {
        let from: Mailbox = settings
            .from
            .parse()
            .map_err(|e| format!("mail.from is not a valid address: {e}"))?;
        match settings.transport {
            MailTransport::Folder => {
                std::fs::create_dir_all(&settings.folder).map_err(|e| {
                    format!(
                        "cannot create the mail folder {}: {e}",
                        settings.folder.display()
                    )
                })?;
                Ok(Mailer::Folder {
                    transport: AsyncFileTransport::new(&settings.folder),
                    from,
                })
            }
            MailTransport::Smtp => {
                let host = settings.smtp_host.as_str();
                let builder = match settings.smtp_security {
                    SmtpSecurity::None => {
                        AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
                    }
                    SmtpSecurity::Starttls => {
                        AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(host)
                            .map_err(|e| format!("mail.smtp_host: {e}"))?
                    }
                    SmtpSecurity::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(host)
                        .map_err(|e| format!("mail.smtp_host: {e}"))?,
                };
                let mut builder = builder.port(settings.smtp_port);
                if let (Some(user), Some(password)) =
                    (&settings.smtp_username, &settings.smtp_password)
                {
                    builder = builder.credentials(
                        lettre::transport::smtp::authentication::Credentials::new(
                            user.clone(),
                            password.expose_secret().to_owned(),
                        ),
                    );
                }
                Ok(Mailer::Smtp {
                    transport: builder.build(),
                    from,
                })
            }
        }
    }

    /// Sends one message. `message_id` is stable per job, so a retried send after a crash
    /// carries the same Message-ID and receiving servers can drop the duplicate.
    pub async fn send(&self, email: &OutgoingEmail, message_id: &str) -> Result<(), String> {
        let from = match self {
            Mailer::Smtp { from, .. } | Mailer::Folder { from, .. } => from.clone(),
        };
        let to: Mailbox = email
            .to
            .parse()
            .map_err(|e| format!("bad recipient {}: {e}", email.to))?;
        let domain = from.email.domain().to_owned();
        let body = MultiPart::alternative_plain_html(email.text.clone(), email.html.clone());
        let body = match &email.attachment {
            None => body,
            Some(a) => {
                let content_type =
                    ContentType::parse(&a.content_type).map_err(|e| e.to_string())?;
                MultiPart::mixed().multipart(body).singlepart(
                    lettre::message::Attachment::new(a.filename.clone())
                        .body(a.content.clone(), content_type),
                )
            }
        };
        let message = Message::builder()
            .from(from)
            .to(to)
            .subject(email.subject.clone())
            .message_id(Some(format!("<{message_id}@{domain}>")))
            .multipart(body)
            .map_err(|e| e.to_string())?;
        match self {
            Mailer::Smtp { transport, .. } => transport
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| e.to_string()),
            Mailer::Folder { transport, .. } => transport
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| e.to_string()),
        }
    }
}
