//! Drill 2, outage: under load, PostgreSQL stops and starts again. While it is down every
//! request must be answered quickly (503, never 404 or 500, never a hang); once it is back the
//! same process serves writes again; nothing acknowledged is lost.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::load::{Load, Outcome, Plan, Shared};
use crate::pg::PrivatePg;
use crate::server::{Server, Target};
use crate::verify::{self, Findings};
use crate::{fixture, say};

pub struct Options {
    pub bin: std::path::PathBuf,
    pub data: std::path::PathBuf,
    pub down_for: Duration,
    /// The slowest answer allowed, in or out of the outage.
    pub slowest: Duration,
}

pub struct Report {
    pub findings: Findings,
    pub problems: Vec<String>,
}

pub async fn run(o: &Options) -> anyhow::Result<Report> {
    let pg = PrivatePg::start()?;
    say(format!(
        "outage drill: private PostgreSQL at {}",
        crate::crash::redact(&pg.url)
    ));
    let target = Target {
        bin: o.bin.clone(),
        data: o.data.clone(),
        database_url: pg.url.clone(),
    };
    let server = Server::start(&target)?;
    let fixture = fixture::make(&pg.url, 0).await?;
    let record: Shared = Arc::default();
    let plan = Plan {
        diary_writers: 2,
        inviters: 1,
        accepters: 0,
        readers: 2,
    };
    let load = Load::start(
        &server.url,
        &fixture,
        Arc::new(Mutex::new(VecDeque::new())),
        &plan,
        "outage",
        record.clone(),
    );
    tokio::time::sleep(Duration::from_secs(2)).await;
    let t = Instant::now();
    pg.down()?;
    // The outage counts from when the server has stopped (a fast stop waits for open work).
    let down_at = load.started.elapsed();
    say(format!(
        "PostgreSQL stopped ({} ms to stop)",
        t.elapsed().as_millis()
    ));
    tokio::time::sleep(o.down_for).await;
    let up_started = load.started.elapsed();
    pg.up()?;
    let up_at = load.started.elapsed();
    say(format!(
        "PostgreSQL started again ({} ms to start)",
        (up_at - up_started).as_millis()
    ));
    // Recovery: the first acknowledged write sent after the database is back.
    let deadline = Instant::now() + Duration::from_secs(30);
    let recovered = loop {
        let first = record
            .lock()
            .expect("record")
            .outcomes
            .iter()
            .filter(|x| x.at >= up_at && x.what != "read" && matches!(x.status, Some(200..=299)))
            .map(|x| x.at + x.took)
            .min();
        if let Some(at) = first {
            break Some(at - up_at);
        }
        if Instant::now() > deadline {
            break None;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    tokio::time::sleep(Duration::from_secs(2)).await;
    load.stop().await;
    let due = verify::wait_for_mail(&pg.url, Duration::from_secs(60)).await?;
    if due > 0 {
        say(format!("{due} email(s) still due after 60 s"));
    }
    server.kill()?;
    let record = std::mem::take(&mut *record.lock().expect("record"));
    let mut problems = Vec::new();
    let during: Vec<&Outcome> = record
        .outcomes
        .iter()
        .filter(|x| x.at >= down_at && x.at < up_started)
        .collect();
    let count = |xs: &[&Outcome], f: &dyn Fn(Option<u16>) -> bool| {
        xs.iter().filter(|x| f(x.status)).count()
    };
    let all: Vec<&Outcome> = record.outcomes.iter().collect();
    let slowest = all.iter().map(|x| x.took).max().unwrap_or_default();
    let slowest_during = during.iter().map(|x| x.took).max().unwrap_or_default();
    say(format!(
        "requests: {} in all, {} while PostgreSQL was down: {} answered 503, {} 2xx, {} other, {} unanswered",
        all.len(),
        during.len(),
        count(&during, &|s| s == Some(503)),
        count(&during, &|s| matches!(s, Some(200..=299))),
        count(&during, &|s| !matches!(
            s,
            Some(503) | Some(200..=299) | None
        )),
        count(&during, &|s| s.is_none()),
    ));
    say(format!(
        "slowest answer: {} ms overall, {} ms during the outage; first write acknowledged {} after PostgreSQL was back",
        slowest.as_millis(),
        slowest_during.as_millis(),
        recovered.map_or("never".to_owned(), |d| format!("{} ms", d.as_millis())),
    ));
    for x in during
        .iter()
        .filter(|x| matches!(x.status, Some(200..=299)))
    {
        say(format!(
            "  {} to a {} sent during the outage at {} ms (down from {} ms): it waited {} ms for a connection, and PostgreSQL was back",
            x.status.unwrap_or_default(),
            x.what,
            x.at.as_millis(),
            down_at.as_millis(),
            x.took.as_millis()
        ));
    }
    for x in &all {
        match x.status {
            Some(404) | Some(500..=502) | Some(504..) => problems.push(format!(
                "{} answered {} at {} ms",
                x.what,
                x.status.unwrap_or_default(),
                x.at.as_millis()
            )),
            None => problems.push(format!(
                "{} got no answer at {} ms (after {} ms)",
                x.what,
                x.at.as_millis(),
                x.took.as_millis()
            )),
            _ => {}
        }
    }
    if slowest > o.slowest {
        problems.push(format!(
            "a request took {} ms (limit {} ms)",
            slowest.as_millis(),
            o.slowest.as_millis()
        ));
    }
    if count(&during, &|s| s == Some(503)) == 0 {
        problems.push("no request was answered 503 while PostgreSQL was down".into());
    }
    if recovered.is_none() {
        problems.push("no write succeeded within 30 s of PostgreSQL coming back".into());
    }
    let findings = verify::check(
        &pg.url,
        &target.mail_folder(),
        &fixture.participant_id,
        &record.acked,
    )
    .await?;
    drop(pg);
    Ok(Report { findings, problems })
}
