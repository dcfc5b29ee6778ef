use std::time::Duration;

use revans_app::jobs::{LONG, Lane, Postman, QUICK, run_pending, run_pending_in};

use super::render_for_recipient;
use crate::state::AppState;

/// Renders a queued email from the templates and sends it with the configured mailer.
impl Postman for AppState {
    async fn deliver(&self, payload: &str, message_id: &str) -> Result<(), String> {
        let email = render_for_recipient(self, payload).await?;
        self.mailer.send(&email, message_id).await
    }
}

/// Runs due jobs until none is left; returns how many ran. Tests call this directly.
pub async fn run_pending_jobs(state: &AppState, worker: &str) -> usize {
    run_pending(state, worker, state, &|| false).await
}

/// The background worker: polls the queue every second and sweeps (reminders) every minute.
/// Long jobs (forming a cohort's sets) run in a lane of their own beside the quick ones, so an
/// email is never held up behind a search. When `stop` turns true each lane finishes the job in
/// hand, claims no more and returns.
pub fn spawn_worker(
    state: AppState,
    stop: tokio::sync::watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    let name = format!("worker-{}", uuid::Uuid::new_v4());
    let long = tokio::spawn(lane(state.clone(), stop.clone(), name.clone(), LONG, false));
    let quick = lane(state, stop, name, QUICK, true);
    tokio::spawn(async move {
        quick.await;
        if let Err(e) = long.await {
            tracing::error!(error = %e, "the long-jobs lane of the worker ended abnormally");
        }
    })
}

/// One lane of the worker: every second, claims and runs its due jobs; `sweeps` also runs the
/// sweep each minute (one lane does, so it runs once per worker).
async fn lane(
    state: AppState,
    mut stop: tokio::sync::watch::Receiver<bool>,
    name: String,
    lane: Lane,
    sweeps: bool,
) {
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    let mut ticks: u64 = 0;
    loop {
        tokio::select! {
            _ = tick.tick() => {}
            _ = stop.changed() => {}
        }
        if *stop.borrow() {
            return;
        }
        if sweeps
            && ticks.is_multiple_of(60)
            && let Err(e) = revans_app::sweeps::run_once(&state, revans_app::now_ms()).await
        {
            tracing::warn!(error = %e, "sweep failed; will try again next minute");
        }
        ticks += 1;
        let stopping = || *stop.borrow();
        run_pending_in(&state, &name, &state, &stopping, lane).await;
    }
}
