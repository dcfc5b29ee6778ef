//! Drill 1, crash: a write load, SIGKILL at a random moment, restart on the same database;
//! N times. Then every acknowledged write must be there and every email sent exactly once.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rand::{Rng, SeedableRng};

use crate::load::{Load, Plan, Shared};
use crate::server::{Server, Target};
use crate::verify::{self, Findings};
use crate::{fixture, say};

pub struct Options {
    pub runs: usize,
    pub seed: u64,
    pub target: Target,
    /// Longest time the load runs before the kill (the kill comes at a random moment before).
    pub max_window: Duration,
}

pub async fn run(o: &Options) -> anyhow::Result<Findings> {
    say(format!(
        "crash drill: {} run(s), seed {} (repeat with --seed {}), database {}",
        o.runs,
        o.seed,
        o.seed,
        redact(&o.target.database_url)
    ));
    let mut rng = rand::rngs::StdRng::seed_from_u64(o.seed);
    let first = Server::start(&o.target)?;
    let mut fixture = fixture::make(&o.target.database_url, 4 * o.runs.max(1)).await?;
    let applicants = Arc::new(Mutex::new(
        fixture.applicants.drain(..).collect::<VecDeque<_>>(),
    ));
    let plan = Plan {
        diary_writers: 3,
        inviters: 1,
        accepters: 1,
        readers: 0,
    };
    let record: Shared = Arc::default();
    let mut server = Some(first);
    let started = Instant::now();
    for run in 1..=o.runs {
        let s = match server.take() {
            Some(s) => s,
            None => Server::start(&o.target)?,
        };
        let before = record.lock().expect("record").acked.total();
        let load = Load::start(
            &s.url,
            &fixture,
            applicants.clone(),
            &plan,
            &format!("run {run}"),
            record.clone(),
        );
        let window = rng.random_range(Duration::from_millis(200)..o.max_window);
        tokio::time::sleep(window).await;
        s.kill()?;
        load.stop().await;
        let after = record.lock().expect("record").acked.total();
        say(format!(
            "run {run}: killed after {} ms; {} write(s) acknowledged",
            window.as_millis(),
            after - before
        ));
    }
    // One clean start: the app must come up on what the kills left, and send what it can.
    let last = Server::start(&o.target)?;
    let due = verify::wait_for_mail(&o.target.database_url, Duration::from_secs(60)).await?;
    last.kill()?;
    if due > 0 {
        say(format!("{due} email(s) still due after 60 s"));
    }
    let record = std::mem::take(&mut *record.lock().expect("record"));
    let findings = verify::check(
        &o.target.database_url,
        &o.target.mail_folder(),
        &fixture.participant_id,
        &record.acked,
    )
    .await?;
    say(format!(
        "crash drill done in {:.0} s: {} run(s), {} acknowledged write(s) ({} diary entries, {} invitations, {} accepted places), {} unacknowledged invitation(s)",
        started.elapsed().as_secs_f64(),
        o.runs,
        record.acked.total(),
        record.acked.diary_ids.len(),
        record.acked.invited_emails.len(),
        record.acked.accepted_ids.len(),
        record.unacked_invites,
    ));
    Ok(findings)
}

/// The URL without its password, for printing.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.find('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..s + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}
