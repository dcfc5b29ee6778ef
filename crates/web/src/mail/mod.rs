//! Outgoing email. Use cases queue what happened as data (`revans_app::mail`) in their own
//! transaction; the worker (`worker.rs`) renders it from the templates here and delivers it by
//! SMTP or into a folder, with retries.

/// An email kind made of a headline (also its subject), lines and a link: its text and HTML
/// templates get the email with those three written in the reader's language.
macro_rules! headline_email {
    ($email:ty, $text:literal, $html:literal) => {
        #[derive(askama::Template)]
        #[template(path = $text)]
        struct Text<'a> {
            e: &'a $email,
            headline: String,
            lines: Vec<String>,
            link_label: String,
        }

        #[derive(askama::Template)]
        #[template(path = $html)]
        struct Html<'a> {
            e: &'a $email,
            headline: String,
            lines: Vec<String>,
            link_label: String,
        }

        impl $crate::mail::Email for $email {
            fn subject(&self) -> String {
                $crate::mail::words::write(&self.headline)
            }
            fn text(&self) -> askama::Result<String> {
                use askama::Template;
                Text {
                    e: self,
                    headline: $crate::mail::words::write(&self.headline),
                    lines: $crate::mail::words::write_all(&self.lines),
                    link_label: $crate::mail::words::write(&self.link_label),
                }
                .render()
            }
            fn html(&self) -> askama::Result<String> {
                use askama::Template;
                Html {
                    e: self,
                    headline: $crate::mail::words::write(&self.headline),
                    lines: $crate::mail::words::write_all(&self.lines),
                    link_label: $crate::mail::words::write(&self.link_label),
                }
                .render()
            }
        }
    };
}
pub(crate) use headline_email;

mod application_emails;
mod certificate_emails;
mod circle_emails;
mod event_emails;
mod masterclass_emails;
mod sign_in_notice;
mod templates;
pub mod words;
mod worker;

use lettre::message::header::ContentType;
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use secrecy::ExposeSecret;

pub use revans_app::mail::{Attachment, Notice, QueuedEmail, SEND_EMAIL};
pub use templates::Email;
pub use worker::{run_pending_jobs, spawn_worker};

use crate::config::{MailSettings, MailTransport, SmtpSecurity};

/// A rendered message, ready to send (also the payload versions before 0.2 queued).
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

/// Renders a `send_email` job's payload in the recipient's language: the one they chose, else
/// the tenant's default, else English. Decided now, when it is sent, so someone who changed
/// their language after the email was queued reads it in the new one.
pub async fn render_for_recipient(
    state: &crate::state::AppState,
    payload: &str,
) -> Result<OutgoingEmail, String> {
    let chosen = match serde_json::from_str::<QueuedEmail>(payload) {
        Ok(queued) => recipient_locale(state, &queued.to).await?,
        Err(_) => None,
    };
    let locale = chosen.or(state.settings.default_locale).unwrap_or_default();
    revans_i18n::sync_scope(locale, || render_payload(payload))
}

async fn recipient_locale(
    state: &crate::state::AppState,
    to: &str,
) -> Result<Option<revans_i18n::Locale>, String> {
    revans_app::mail::recipient_locale(state, to)
        .await
        .map_err(|e| format!("cannot read the recipient's language: {e}"))
}

/// Renders a `send_email` job's payload in the current locale: a queued notice, or (queued by
/// an earlier version) a message rendered when it was queued.
pub fn render_payload(payload: &str) -> Result<OutgoingEmail, String> {
    if let Ok(queued) = serde_json::from_str::<QueuedEmail>(payload) {
        return render(&queued);
    }
    serde_json::from_str::<OutgoingEmail>(payload).map_err(|e| format!("unreadable payload: {e}"))
}

fn render(queued: &QueuedEmail) -> Result<OutgoingEmail, String> {
    let email: &dyn Email = match &queued.notice {
        Notice::PasswordReset(e) => e,
        Notice::Invitation(e) => e,
        Notice::PasswordChanged(e) => e,
        Notice::SignInFailures(e) => e,
        Notice::Application(e) => e,
        Notice::Circle(e) => e,
        Notice::MasterclassInvitation(e) => e,
        Notice::Certificate(e) => e,
        Notice::Event(e) => e,
    };
    Ok(OutgoingEmail {
        to: queued.to.clone(),
        subject: email.subject(),
        text: email
            .text()
            .map_err(|e| format!("cannot render the text: {e}"))?,
        html: email
            .html()
            .map_err(|e| format!("cannot render the HTML: {e}"))?,
        attachment: queued.attachment.clone(),
    })
}

pub enum Mailer {
    Smtp {
        transport: AsyncSmtpTransport<Tokio1Executor>,
        from: Mailbox,
        /// The deadline for one whole send (lettre's own timeout is per command, so a relay
        /// that trickles a byte at a time would otherwise never time out).
        timeout: std::time::Duration,
    },
    /// Each message is written as `<message id>.eml`: a job sent again after a crash (sent,
    /// but the process died before recording it) rewrites the same file, so no copy appears.
    Folder {
        folder: std::path::PathBuf,
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
                    folder: settings.folder.clone(),
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
                let timeout = std::time::Duration::from_secs(settings.smtp_timeout_seconds.max(1));
                let mut builder = builder.port(settings.smtp_port).timeout(Some(timeout));
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
                    timeout,
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
            Mailer::Smtp {
                transport, timeout, ..
            } => match tokio::time::timeout(*timeout, transport.send(message)).await {
                Ok(sent) => sent.map(|_| ()).map_err(|e| e.to_string()),
                Err(_) => Err(format!(
                    "the SMTP server did not finish within {} s; will retry",
                    timeout.as_secs()
                )),
            },
            Mailer::Folder { folder, .. } => {
                write_once(folder, message_id, &message.formatted()).await
            }
        }
    }
}

/// Writes `<message_id>.eml` whole or not at all (a temporary file renamed into place), so a
/// reader never sees half a message and a second send of the same job replaces the first.
async fn write_once(
    folder: &std::path::Path,
    message_id: &str,
    bytes: &[u8],
) -> Result<(), String> {
    let safe: String = message_id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let target = folder.join(format!("{safe}.eml"));
    let temporary = folder.join(format!(".{safe}.eml.tmp"));
    tokio::fs::write(&temporary, bytes)
        .await
        .map_err(|e| format!("cannot write {}: {e}", temporary.display()))?;
    tokio::fs::rename(&temporary, &target)
        .await
        .map_err(|e| format!("cannot write {}: {e}", target.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{MailSettings, MailTransport, SmtpSecurity};

    fn eml_files(dir: &std::path::Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[tokio::test]
    async fn a_job_sent_again_after_a_crash_leaves_one_message_in_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        // Built here rather than loaded: the config tests set DATABASE_URL and friends for
        // the whole process while they run, and loading would race with them.
        let settings = MailSettings {
            transport: MailTransport::Folder,
            folder: dir.path().to_path_buf(),
            smtp_host: "localhost".into(),
            smtp_port: 25,
            smtp_security: SmtpSecurity::None,
            smtp_username: None,
            smtp_password: None,
            smtp_timeout_seconds: 30,
            from: "Revans <revans@example.org>".into(),
        };
        let mailer = Mailer::from_settings(&settings).unwrap();
        let email = OutgoingEmail {
            to: "someone@example.org".into(),
            subject: "Your place".into(),
            text: "Hello".into(),
            html: "<p>Hello</p>".into(),
            attachment: None,
        };
        mailer.send(&email, "job-1").await.unwrap();
        // The worker died before recording the send; the job runs again with the same id.
        mailer.send(&email, "job-1").await.unwrap();
        assert_eq!(eml_files(dir.path()), ["job-1.eml"]);
        let text = std::fs::read_to_string(dir.path().join("job-1.eml")).unwrap();
        assert!(text.contains("Message-ID: <job-1@"), "{text}");
        mailer.send(&email, "job-2").await.unwrap();
        assert_eq!(eml_files(dir.path()), ["job-1.eml", "job-2.eml"]);
    }
}
