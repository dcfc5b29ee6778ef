//! A write load over HTTP: several concurrent tasks writing diary entries, inviting people
//! (each invitation enqueues an email) and accepting offered places, each remembering what the
//! server acknowledged (a 2xx answer) and how every request went.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::json;
use tokio::sync::watch;

use crate::fixture::{Applicant, Fixture};

/// Writes the server acknowledged.
#[derive(Default, Debug)]
pub struct Acked {
    pub diary_ids: Vec<String>,
    pub invited_emails: Vec<String>,
    pub accepted_ids: Vec<String>,
}

impl Acked {
    pub fn total(&self) -> usize {
        self.diary_ids.len() + self.invited_emails.len() + self.accepted_ids.len()
    }
}

/// How one request went.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Since the load started.
    pub at: Duration,
    pub took: Duration,
    /// None: no HTTP answer (connection refused or reset, timeout).
    pub status: Option<u16>,
    pub what: &'static str,
}

#[derive(Default)]
pub struct Record {
    pub acked: Acked,
    pub outcomes: Vec<Outcome>,
    /// Writes sent but not acknowledged (they may or may not have happened).
    pub unacked_invites: usize,
}

pub type Shared = Arc<Mutex<Record>>;

pub struct Load {
    pub record: Shared,
    /// What `Outcome::at` counts from.
    pub started: Instant,
    stop: watch::Sender<bool>,
    tasks: tokio::task::JoinSet<()>,
}

pub struct Plan {
    pub diary_writers: usize,
    pub inviters: usize,
    pub accepters: usize,
    /// Readers of the diary list (GET), for the outage drill.
    pub readers: usize,
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .connect_timeout(Duration::from_secs(5))
        .build()
        .expect("an HTTP client")
}

async fn send(
    req: reqwest::RequestBuilder,
    started: Instant,
    what: &'static str,
    record: &Shared,
) -> Option<(u16, serde_json::Value)> {
    let t0 = Instant::now();
    let res = req.send().await;
    let (status, body) = match res {
        Ok(r) => {
            let s = r.status().as_u16();
            let body = r.json::<serde_json::Value>().await.unwrap_or_default();
            (Some(s), body)
        }
        Err(_) => (None, serde_json::Value::Null),
    };
    record.lock().expect("record").outcomes.push(Outcome {
        at: t0 - started,
        took: t0.elapsed(),
        status,
        what,
    });
    status.map(|s| (s, body))
}

impl Load {
    /// Starts the load against `url`; `tag` makes this run's writes distinguishable.
    pub fn start(
        url: &str,
        fixture: &Fixture,
        applicants: Arc<Mutex<VecDeque<Applicant>>>,
        plan: &Plan,
        tag: &str,
        record: Shared,
    ) -> Self {
        let (stop, stopped) = watch::channel(false);
        let started = Instant::now();
        let mut tasks = tokio::task::JoinSet::new();
        for w in 0..plan.diary_writers {
            let (http, url, token, record, stopped) = (
                client(),
                url.to_owned(),
                fixture.participant_token.clone(),
                record.clone(),
                stopped.clone(),
            );
            let tag = format!("{tag} writer {w}");
            tasks.spawn(async move {
                let mut n = 0u64;
                while !*stopped.borrow() {
                    n += 1;
                    let req = http
                        .post(format!("{url}/api/v1/diary"))
                        .bearer_auth(&token)
                        .json(&json!({ "body": format!("Drill entry: {tag}, number {n}.") }));
                    let Some((s, body)) = send(req, started, "diary", &record).await else {
                        return;
                    };
                    if (200..300).contains(&s)
                        && let Some(id) = body["id"].as_str()
                    {
                        record
                            .lock()
                            .expect("record")
                            .acked
                            .diary_ids
                            .push(id.to_owned());
                    }
                }
            });
        }
        for w in 0..plan.inviters {
            let (http, url, token, org, record, stopped) = (
                client(),
                url.to_owned(),
                fixture.admin_token.clone(),
                fixture.admin_organisation.clone(),
                record.clone(),
                stopped.clone(),
            );
            let tag = tag.replace(' ', "");
            tasks.spawn(async move {
                let mut n = 0u64;
                while !*stopped.borrow() {
                    n += 1;
                    let email = format!("invitee-{tag}-{w}-{n}@northcoast-ics.example");
                    let req = http
                        .post(format!("{url}/api/v1/people"))
                        .bearer_auth(&token)
                        .json(&json!({
                            "name": format!("Invitee {w} {n}"),
                            "email": email,
                            "organisation_id": org,
                            "roles": ["participant"],
                        }));
                    let answer = send(req, started, "invite", &record).await;
                    let mut r = record.lock().expect("record");
                    match answer {
                        Some((s, _)) if (200..300).contains(&s) => {
                            r.acked.invited_emails.push(email)
                        }
                        Some(_) => r.unacked_invites += 1,
                        None => {
                            r.unacked_invites += 1;
                            return;
                        }
                    }
                }
            });
        }
        for _ in 0..plan.accepters {
            let (http, url, record, stopped, applicants) = (
                client(),
                url.to_owned(),
                record.clone(),
                stopped.clone(),
                applicants.clone(),
            );
            tasks.spawn(async move {
                while !*stopped.borrow() {
                    let Some(a) = applicants.lock().expect("applicants").pop_front() else {
                        // None left: wait for the stop rather than spin.
                        let mut stopped = stopped.clone();
                        let _ = stopped.wait_for(|s| *s).await;
                        return;
                    };
                    let req = http
                        .post(format!(
                            "{url}/api/v1/applications/{}/respond",
                            a.application_id
                        ))
                        .bearer_auth(&a.token)
                        .json(&json!({ "response": "accept" }));
                    let Some((s, _)) = send(req, started, "accept", &record).await else {
                        return;
                    };
                    if (200..300).contains(&s) {
                        record
                            .lock()
                            .expect("record")
                            .acked
                            .accepted_ids
                            .push(a.application_id);
                    }
                }
            });
        }
        for _ in 0..plan.readers {
            let (http, url, token, record, stopped) = (
                client(),
                url.to_owned(),
                fixture.participant_token.clone(),
                record.clone(),
                stopped.clone(),
            );
            tasks.spawn(async move {
                while !*stopped.borrow() {
                    let req = http
                        .get(format!("{url}/api/v1/diary?limit=5"))
                        .bearer_auth(&token);
                    if send(req, started, "read", &record).await.is_none() {
                        return;
                    }
                }
            });
        }
        Load {
            record,
            started,
            stop,
            tasks,
        }
    }

    /// Asks every task to stop after the request in hand, and waits for them.
    pub async fn stop(mut self) -> Shared {
        let _ = self.stop.send(true);
        while self.tasks.join_next().await.is_some() {}
        self.record
    }
}
