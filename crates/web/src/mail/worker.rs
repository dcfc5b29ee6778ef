use std::time::Duration;

use revans_app::jobs::{Postman, run_pending};

use super::render_payload;
use crate::state::AppState;

/// Renders a queued email from the templates and sends it with the configured mailer.
impl Postman for AppState {
    async fn deliver(&self, payload: &str, message_id: &str) -> Result<(), String> {
        let email = render_payload(payload)?;
        self.mailer.send(&email, message_id).await
    }
}

/// Runs due jobs until none is left; returns how many ran. Tests call this directly.
pub async fn run_pending_jobs(state: &AppState, worker: &str) -> usize {
    run_pending(state, worker, state, &|| false).await
}

/// The background worker: polls the queue every second and sweeps (reminders) every minute.
/// When `stop` turns true it finishes the job in hand, claims no more and returns.
pub fn spawn_worker(
    state: AppState,
    mut stop: tokio::sync::watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    let name = format!("worker-{}", uuid::Uuid::new_v4());
    tokio::spawn(async move {
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
            if ticks.is_multiple_of(60)
                && let Err(e) = revans_app::sweeps::run_once(&state, revans_app::now_ms()).await
            {
                tracing::warn!(error = %e, "sweep failed; will try again next minute");
            }
            ticks += 1;
            let stopping = || *stop.borrow();
            run_pending(&state, &name, &state, &stopping).await;
        }
    })
}
