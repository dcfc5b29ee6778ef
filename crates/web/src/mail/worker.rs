use std::time::Duration;

use revans_storage::jobs;

use super::{SEND_EMAIL, render_payload};
use revans_app::Error as AppError;
use revans_app::access::password_reset::{RESET_REQUEST, send_reset_link};

use crate::state::AppState;

const LEASE_MS: i64 = 5 * 60 * 1000;

/// Runs due jobs until none is left; returns how many ran. Tests call this directly.
pub async fn run_pending_jobs(state: &AppState, worker: &str) -> usize {
    let mut ran = 0;
    loop {
        let claimed = match state.store.conn().await {
            Ok(mut conn) => jobs::claim(&mut conn, worker, LEASE_MS).await,
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
            SEND_EMAIL => match render_payload(&job.payload) {
                Ok(email) => state.mailer.send(&email, &job.id).await,
                Err(e) => Err(e),
            },
            RESET_REQUEST => send_reset_link(state, &job.payload)
                .await
                .map_err(|e| match e {
                    AppError::Internal(cause) | AppError::Unavailable(cause) => cause,
                    other => other.to_string(),
                }),
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

/// The background worker: polls the queue every second and sweeps (reminders) every minute.
pub fn spawn_worker(state: AppState) -> tokio::task::JoinHandle<()> {
    let name = format!("worker-{}", uuid::Uuid::new_v4());
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(1));
        let mut ticks: u64 = 0;
        loop {
            tick.tick().await;
            if ticks.is_multiple_of(60)
                && let Err(e) = revans_app::sweeps::run_once(&state, revans_storage::now_ms()).await
            {
                tracing::warn!(error = %e, "sweep failed; will try again next minute");
            }
            ticks += 1;
            run_pending_jobs(&state, &name).await;
        }
    })
}
