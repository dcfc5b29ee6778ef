//! The job queue's runner: emails to send, password-reset requests to answer and cohorts'
//! sets to form, claimed one
//! at a time with a lease so that several instances can share one queue.

use std::future::Future;

use revans_storage::jobs;
/// Which jobs a runner claims (forming runs have a lane of their own).
pub use revans_storage::jobs::Lane;

use crate::access::password_reset::{RESET_REQUEST, send_reset_link};
use crate::mail::SEND_EMAIL;
use crate::sets::formation_runs::FORM_SETS;
use crate::{App, Error};

/// Delivers a queued email (the web layer renders it from its templates and sends it by SMTP).
pub trait Postman: Sync {
    /// `payload` is the job's JSON (`mail::QueuedEmail`); `message_id` is stable per job, so a
    /// retried send carries the same Message-ID.
    fn deliver(
        &self,
        payload: &str,
        message_id: &str,
    ) -> impl Future<Output = Result<(), String>> + Send;
}

/// Longer than any forming run (`formation_seconds` is at most 120), so no job outlives its lease.
const LEASE_MS: i64 = 5 * 60 * 1000;

/// Runs due jobs until none is left; returns how many ran. Each job succeeds or fails alone:
/// a failure is recorded on the job and retried later, with backoff, until its attempts run out.
///
/// `stopping` is asked before each claim: when the service is shutting down the runner finishes
/// the job in hand and claims no more, so no job is left leased by a process that has gone.
pub async fn run_pending(
    state: &App,
    worker: &str,
    postman: &impl Postman,
    stopping: &(dyn Fn() -> bool + Sync),
) -> usize {
    run_pending_in(state, worker, postman, stopping, Lane::All).await
}

/// The lane of long jobs (forming sets); the worker runs it beside `QUICK`.
pub const LONG: Lane = Lane::Only(FORM_SETS);
/// Every other job: emails and reset links, each a second or less.
pub const QUICK: Lane = Lane::AllBut(FORM_SETS);

/// As `run_pending`, claiming only jobs of `lane`.
pub async fn run_pending_in(
    state: &App,
    worker: &str,
    postman: &impl Postman,
    stopping: &(dyn Fn() -> bool + Sync),
    lane: Lane,
) -> usize {
    let mut ran = 0;
    loop {
        if stopping() {
            return ran;
        }
        let claimed = match state.store.conn().await {
            Ok(mut conn) => jobs::claim_in(&mut conn, worker, LEASE_MS, lane).await,
            Err(e) => Err(e),
        };
        let job = match claimed {
            Ok(Some(job)) => job,
            Ok(None) => return ran,
            Err(e) => {
                tracing::warn!(error = %e, "job queue unavailable");
                return ran;
            }
        };
        ran += 1;
        let outcome = match job.kind.as_str() {
            SEND_EMAIL => postman.deliver(&job.payload, &job.id).await,
            RESET_REQUEST => send_reset_link(state, &job.payload)
                .await
                .map_err(|e| match e {
                    Error::Internal(cause) | Error::Unavailable(cause) => cause,
                    other => other.to_string(),
                }),
            FORM_SETS => crate::sets::formation_runs::run_job(state, &job.payload).await,
            other => Err(format!("unknown job kind {other}")),
        };
        let mut conn = match state.store.conn().await {
            Ok(conn) => conn,
            Err(e) => {
                // The outcome cannot be recorded: the job stays claimed until its lease ends,
                // then runs again (an email may then be sent twice; the Message-ID stays the
                // same, so mail clients show one).
                tracing::error!(job = %job.id, error = %e, "could not record job outcome: database unavailable");
                return ran;
            }
        };
        let recorded = match outcome {
            Ok(()) => jobs::complete(&mut conn, &job.id, worker).await.map(|_| ()),
            Err(error) => {
                metrics::counter!("revans_job_failures_total", "kind" => job.kind.clone())
                    .increment(1);
                // Exponential backoff: 30 s, 1 min, 2 min ... capped at an hour.
                let delay = (30_000_i64 << job.attempts.clamp(0, 7)).min(3_600_000);
                tracing::warn!(job = %job.id, attempt = job.attempts, %error, "job failed; will retry");
                jobs::fail(
                    &mut conn,
                    &job.id,
                    worker,
                    &error,
                    revans_storage::now_ms() + delay,
                )
                .await
            }
        };
        if let Err(e) = recorded {
            tracing::error!(job = %job.id, error = %e, "could not record job outcome");
        }
    }
}

/// A job that failed on every attempt and will not run again until someone retries it.
pub use revans_storage::jobs::JobSummary as DeadLetter;

/// The newest jobs that were given up, for whoever runs the service.
pub async fn dead_letters(state: &App, limit: i64) -> Result<Vec<DeadLetter>, Error> {
    let mut conn = state.store.conn().await?;
    Ok(jobs::given_up(&mut conn, limit).await?)
}

/// Runs a given-up job again from its first attempt (after the cause, say an SMTP setting, is
/// fixed). `NotFound` when no given-up job has that id.
pub async fn retry(state: &App, id: &str) -> Result<(), Error> {
    let mut conn = state.store.conn().await?;
    if jobs::retry_given_up(&mut conn, id).await? {
        Ok(())
    } else {
        Err(Error::NotFound)
    }
}

/// How many jobs wait to run, and how many were given up.
pub struct QueueDepth {
    pub pending: i64,
    pub given_up: i64,
}

pub async fn queue_depth(state: &App) -> Result<QueueDepth, Error> {
    let mut conn = state.store.conn().await?;
    Ok(QueueDepth {
        pending: jobs::pending_count(&mut conn).await?,
        given_up: jobs::given_up_count(&mut conn).await?,
    })
}
