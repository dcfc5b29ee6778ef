//! After a drill: is everything the server acknowledged in the database, is the database sound,
//! and was every email sent exactly once? Read straight from the database with revans-storage,
//! and from the mail folder.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::time::{Duration, Instant};

use revans_domain::{ApplicationState, EmailAddress, Id};
use revans_storage::{Store, applications, backup, diaries, jobs, people};

use crate::load::Acked;

#[derive(Debug, Default)]
pub struct Findings {
    pub acknowledged: usize,
    pub lost: Vec<String>,
    pub integrity: Vec<String>,
    pub emails_enqueued: usize,
    pub emails_sent: usize,
    pub emails_pending: usize,
    pub emails_given_up: usize,
    pub email_files: usize,
    /// Message-IDs found in more than one file (extra copies).
    pub duplicates: usize,
    /// Jobs marked sent with no file.
    pub emails_lost: usize,
    /// Files whose Message-ID names no email job.
    pub strays: usize,
    /// Jobs not marked sent whose file is already written (the process died between sending
    /// and recording): they run again when their lease ends.
    pub sent_unrecorded: usize,
}

impl Findings {
    pub fn failed(&self) -> bool {
        !self.lost.is_empty()
            || !self.integrity.is_empty()
            || self.duplicates > 0
            || self.emails_lost > 0
            || self.strays > 0
            || self.emails_given_up > 0
    }
}

/// Waits (bounded) until the running server's worker has sent every email it can claim now.
pub async fn wait_for_mail(database_url: &str, limit: Duration) -> anyhow::Result<i64> {
    let store = Store::connect(database_url, 1).await?;
    let deadline = Instant::now() + limit;
    loop {
        let due = jobs::due_count(&mut *store.conn().await?).await?;
        if due == 0 || Instant::now() > deadline {
            store.close().await;
            return Ok(due);
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// The Message-ID's local part (the job id) of every file in the mail folder.
fn message_ids(folder: &Path) -> anyhow::Result<Vec<String>> {
    let mut out = Vec::new();
    if !folder.exists() {
        return Ok(out);
    }
    for entry in std::fs::read_dir(folder)? {
        let path = entry?.path();
        if path.extension().and_then(|e| e.to_str()) != Some("eml") {
            continue;
        }
        let text = std::fs::read_to_string(&path)?;
        let id = text
            .lines()
            .find_map(|l| {
                let (name, value) = l.split_once(':')?;
                name.eq_ignore_ascii_case("message-id")
                    .then(|| value.trim())
            })
            .and_then(|v| v.trim_start_matches('<').split('@').next())
            .unwrap_or("")
            .to_owned();
        out.push(id);
    }
    Ok(out)
}

pub async fn check(
    database_url: &str,
    mail_folder: &Path,
    participant: &Id,
    acked: &Acked,
) -> anyhow::Result<Findings> {
    let store = Store::connect(database_url, 1).await?;
    let mut conn = store.conn().await?;
    let mut f = Findings {
        acknowledged: acked.total(),
        ..Findings::default()
    };
    let entries: BTreeSet<String> = diaries::by_author(&mut conn, participant)
        .await?
        .into_iter()
        .map(|e| e.id.to_string())
        .collect();
    for id in &acked.diary_ids {
        if !entries.contains(id) {
            f.lost.push(format!("diary entry {id}"));
        }
    }
    for id in &acked.accepted_ids {
        let parsed = Id::parse(id).ok_or_else(|| anyhow::anyhow!("bad id {id}"))?;
        let state = applications::get(&mut conn, &parsed)
            .await?
            .map(|a| a.state);
        if state != Some(ApplicationState::Accepted) {
            f.lost.push(format!("accepted place {id} (now {state:?})"));
        }
    }
    // Email jobs and their payloads: each acknowledged invitation must have its email queued.
    let email_jobs: Vec<_> = jobs::list_recent(&mut conn, i64::MAX)
        .await?
        .into_iter()
        .filter(|j| j.kind == revans_app::mail::SEND_EMAIL)
        .collect();
    let mut payloads = String::new();
    for j in &email_jobs {
        payloads.push_str(&jobs::payload(&mut conn, &j.id).await?.unwrap_or_default());
    }
    for email in &acked.invited_emails {
        let parsed = EmailAddress::parse(email).map_err(|e| anyhow::anyhow!("{e:?}"))?;
        if people::find_by_email(&mut conn, &parsed).await?.is_none() {
            f.lost.push(format!("invited person {email}"));
        } else if !payloads.contains(email.as_str()) {
            f.lost.push(format!("invitation email to {email}"));
        }
    }
    f.emails_given_up = usize::try_from(jobs::given_up_count(&mut conn).await?)?;
    f.emails_enqueued = email_jobs.len();
    let sent: BTreeSet<&str> = email_jobs
        .iter()
        .filter(|j| j.done_at.is_some())
        .map(|j| j.id.as_str())
        .collect();
    let all: BTreeSet<&str> = email_jobs.iter().map(|j| j.id.as_str()).collect();
    f.emails_sent = sent.len();
    f.emails_pending = email_jobs.len() - sent.len() - f.emails_given_up;
    let ids = message_ids(mail_folder)?;
    f.email_files = ids.len();
    let mut copies: BTreeMap<&str, usize> = BTreeMap::new();
    for id in &ids {
        *copies.entry(id.as_str()).or_default() += 1;
    }
    f.duplicates = copies.values().map(|n| n - 1).sum();
    f.emails_lost = sent.iter().filter(|id| !copies.contains_key(*id)).count();
    f.strays = copies.keys().filter(|id| !all.contains(*id)).count();
    f.sent_unrecorded = copies
        .keys()
        .filter(|id| all.contains(*id) && !sent.contains(*id))
        .count();
    drop(conn);
    f.integrity = backup::integrity_problems(&store).await?;
    store.close().await;
    Ok(f)
}
