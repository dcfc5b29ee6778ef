//! Forming a cohort's sets as a background job (issue 13). The lead starts a run (the rules are
//! checked at once, before any job exists); a worker claims the `form_sets` job, runs the engine
//! off the async threads and writes its progress to the run's row every quarter second; a lead
//! can cancel; the formation is written in one transaction, with the row turning `done`, only
//! when the run ends uncancelled. A worker that dies mid-run loses its lease, and another worker
//! starts the search afresh: nothing is half-written.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use revans_domain::Id;
use revans_engine::{Progress, ProgressInfo, SolveOptions};
use revans_storage::formation_runs::{self as runs, NewRun, Run};
use revans_storage::{NewJob, StoreError, jobs, people};

use crate::sets::formation::{FormationInput, prepare, write_formation};
use crate::sets::formation_rules::cohort_for_admin;
use crate::{Actor, App, Error, Viewer};

/// The job kind; its payload is `{"run": "<run id>"}`.
pub const FORM_SETS: &str = "form_sets";

/// How often the worker writes progress and looks for a cancel.
pub const PROGRESS_EVERY: Duration = Duration::from_millis(250);
/// A run's job is tried this many times (a worker that dies mid-run leaves it to the next);
/// after that the sweep ends the run as failed (`end_given_up`).
pub const MAX_ATTEMPTS: i64 = 3;
/// Why a run whose job was given up failed, as the lead reads it.
pub const GIVEN_UP: &str = "The search stopped without finishing three times, so it was given up. Nothing was changed: start it again.";

/// Where a run is, as the lead's page and the API show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunStatus {
    Queued,
    Running,
    Cancelling,
    Cancelled,
    Done,
    Failed,
}

impl RunStatus {
    fn parse(s: &str) -> RunStatus {
        match s {
            "queued" => RunStatus::Queued,
            "running" => RunStatus::Running,
            "cancelling" => RunStatus::Cancelling,
            "cancelled" => RunStatus::Cancelled,
            "done" => RunStatus::Done,
            _ => RunStatus::Failed,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            RunStatus::Queued => "queued",
            RunStatus::Running => "running",
            RunStatus::Cancelling => "cancelling",
            RunStatus::Cancelled => "cancelled",
            RunStatus::Done => "done",
            RunStatus::Failed => "failed",
        }
    }

    /// Words for the status tag.
    pub fn label(self) -> &'static str {
        match self {
            RunStatus::Queued => "Waiting to start",
            RunStatus::Running => "Forming",
            RunStatus::Cancelling => "Stopping",
            RunStatus::Cancelled => "Cancelled",
            RunStatus::Done => "Done",
            RunStatus::Failed => "Failed",
        }
    }

    /// The catalogue id of [`Self::label`] (sets.ftl).
    pub fn message_id(self) -> &'static str {
        match self {
            RunStatus::Queued => "forming-status-queued",
            RunStatus::Running => "forming-status-running",
            RunStatus::Cancelling => "forming-status-cancelling",
            RunStatus::Cancelled => "forming-status-cancelled",
            RunStatus::Done => "forming-status-done",
            RunStatus::Failed => "forming-status-failed",
        }
    }

    /// Not finished: the page keeps refreshing.
    pub fn is_active(self) -> bool {
        matches!(
            self,
            RunStatus::Queued | RunStatus::Running | RunStatus::Cancelling
        )
    }
}

/// One run of the engine on a cohort.
#[derive(Debug, Clone)]
pub struct FormationRun {
    pub id: Id,
    pub cohort_id: Id,
    pub started_by_name: String,
    pub status: RunStatus,
    /// The engine's best score so far (higher is better); none before its first report.
    pub best: Option<f64>,
    pub rounds: i64,
    pub elapsed_ms: i64,
    pub budget_ms: i64,
    pub sets_formed: Option<i64>,
    pub error: Option<String>,
    /// Milliseconds since the Unix epoch.
    pub started_at: i64,
    pub updated_at: i64,
    pub finished_at: Option<i64>,
}

impl FormationRun {
    /// Milliseconds of the search's budget left (0 once finished).
    pub fn left_ms(&self) -> i64 {
        if self.status.is_active() {
            (self.budget_ms - self.elapsed_ms).max(0)
        } else {
            0
        }
    }
}

impl From<Run> for FormationRun {
    fn from(r: Run) -> Self {
        FormationRun {
            id: Id::from_trusted(r.id),
            cohort_id: Id::from_trusted(r.cohort_id),
            started_by_name: r.started_by_name,
            status: RunStatus::parse(&r.status),
            best: r.best,
            rounds: r.rounds,
            elapsed_ms: r.elapsed_ms,
            budget_ms: r.budget_ms,
            sets_formed: r.sets_formed,
            error: r.error,
            started_at: r.started_at,
            updated_at: r.updated_at,
            finished_at: r.finished_at,
        }
    }
}

pub(crate) fn busy(run: &Run, zone: &str) -> Error {
    Error::Conflict(format!(
        "The sets of this cohort are already being formed by {} since {}. Wait for that run to finish, or cancel it.",
        run.started_by_name,
        revans_i18n::when_in(run.started_at, zone)
    ))
}

/// Starts forming the cohort's sets in the background with `seconds` of search. The rules are
/// checked first (field errors at once, no run made); a cohort that is already being formed is
/// refused (`Conflict`, naming who started it and when).
pub async fn start(
    state: &App,
    actor: &Actor<'_>,
    cohort: &Id,
    f: &FormationInput,
    seconds: f64,
) -> Result<FormationRun, Error> {
    let zone = actor.viewer.timezone().to_owned();
    let mut conn = state.store.conn().await?;
    let prepared = prepare(&mut conn, actor, cohort, f).await?;
    if let Some(run) = runs::active_for_cohort(&mut conn, cohort.as_str()).await? {
        return Err(busy(&run, &zone));
    }
    drop(conn);
    let input = serde_json::to_string(f).map_err(Error::internal)?;
    let mut tx = state.store.begin().await?;
    let inserted = runs::insert(
        &mut tx,
        NewRun {
            cohort_id: cohort.as_str(),
            started_by: actor.viewer.person.id.as_str(),
            started_ip: actor.ip,
            input: &input,
            budget_ms: (seconds * 1000.0).round() as i64,
        },
    )
    .await;
    let id = match inserted {
        Ok(id) => id,
        Err(StoreError::Duplicate { .. }) => {
            // Another lead started one between our look and our insert.
            drop(tx);
            let mut conn = state.store.conn().await?;
            return Err(
                match runs::active_for_cohort(&mut conn, cohort.as_str()).await? {
                    Some(run) => busy(&run, &zone),
                    None => Error::Conflict(
                        "The sets of this cohort were being formed just now. Try again.".into(),
                    ),
                },
            );
        }
        Err(e) => return Err(e.into()),
    };
    let payload = serde_json::json!({ "run": id }).to_string();
    let job = jobs::enqueue(
        &mut tx,
        NewJob {
            kind: FORM_SETS,
            payload: &payload,
            run_at: revans_storage::now_ms(),
            max_attempts: MAX_ATTEMPTS,
        },
    )
    .await?;
    runs::set_job(&mut tx, &id, &job).await?;
    actor
        .audit(
            &mut tx,
            "sets.forming_started",
            "cohort",
            cohort.as_str(),
            &format!("Forming sets in the background ({seconds} s of search)"),
            &prepared.tenant,
        )
        .await?;
    let run = runs::get(&mut tx, &id).await?.ok_or(Error::NotFound)?;
    revans_storage::commit(tx).await?;
    Ok(run.into())
}

/// A run, for a lead of the cohort's programme; `NotFound` for anyone else.
pub async fn get(state: &App, actor: &Actor<'_>, id: &Id) -> Result<FormationRun, Error> {
    let mut conn = state.store.conn().await?;
    let run = runs::get(&mut conn, id.as_str())
        .await?
        .ok_or(Error::NotFound)?;
    cohort_for_admin(&mut conn, actor, &Id::from_trusted(run.cohort_id.clone())).await?;
    Ok(run.into())
}

/// The cohort's newest run, for its forming page (the caller has checked access).
pub async fn latest(state: &App, cohort: &Id) -> Result<Option<FormationRun>, Error> {
    let mut conn = state.store.conn().await?;
    Ok(runs::latest_for_cohort(&mut conn, cohort.as_str())
        .await?
        .map(Into::into))
}

/// Asks a run to stop. A queued run is cancelled at once; a running one stops at the worker's
/// next look (within a second) and writes nothing. `Conflict` when it had already finished.
pub async fn cancel(state: &App, actor: &Actor<'_>, id: &Id) -> Result<FormationRun, Error> {
    let mut tx = state.store.begin().await?;
    let run = runs::get(&mut tx, id.as_str())
        .await?
        .ok_or(Error::NotFound)?;
    let (tenant, _) =
        cohort_for_admin(&mut tx, actor, &Id::from_trusted(run.cohort_id.clone())).await?;
    if !runs::request_cancel(&mut tx, id.as_str()).await? {
        return Err(Error::Conflict(
            "This run has already finished, so there is nothing to cancel.".into(),
        ));
    }
    actor
        .audit(
            &mut tx,
            "sets.forming_cancelled",
            "cohort",
            &run.cohort_id,
            "Forming sets cancelled",
            &tenant,
        )
        .await?;
    let run = runs::get(&mut tx, id.as_str())
        .await?
        .ok_or(Error::NotFound)?;
    revans_storage::commit(tx).await?;
    Ok(run.into())
}

/// The engine's reports, kept for the worker's next write; and the worker's wish to stop.
struct Reporter {
    latest: Arc<Mutex<Option<ProgressInfo>>>,
    stop: Arc<AtomicBool>,
}

impl Progress for Reporter {
    fn update(&mut self, info: &ProgressInfo) {
        if let Ok(mut l) = self.latest.lock() {
            *l = Some(*info);
        }
    }

    fn stop(&mut self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }
}

#[derive(serde::Deserialize)]
struct Payload {
    run: String,
}

/// Runs one `form_sets` job. `Err` only when the outcome could not be recorded (the database
/// is away); the job is then retried. A run that fails for a reason in words (the places
/// changed, the lead lost their role) ends `failed` with that reason.
pub async fn run_job(state: &App, payload: &str) -> Result<(), String> {
    let payload: Payload = serde_json::from_str(payload).map_err(|e| e.to_string())?;
    let id = payload.run;
    let outcome = run_inner(state, &id).await;
    match outcome {
        Ok(()) => Ok(()),
        Err(Error::Unavailable(cause)) => Err(cause),
        Err(e) => {
            let reason = match &e {
                Error::Invalid(errors) => errors
                    .iter()
                    .map(|e| e.message.clone())
                    .collect::<Vec<_>>()
                    .join("; "),
                Error::Internal(cause) => {
                    tracing::error!(run = %id, %cause, "forming failed");
                    "Something went wrong while forming the sets. Try again.".into()
                }
                Error::NotFound | Error::Forbidden => {
                    "The lead who started this run can no longer form this cohort's sets".into()
                }
                other => other.to_string(),
            };
            let mut conn = state.store.conn().await.map_err(|e| e.to_string())?;
            runs::mark_ended(&mut conn, &id, "failed", Some(&reason))
                .await
                .map_err(|e| e.to_string())?;
            Ok(())
        }
    }
}

async fn run_inner(state: &App, id: &str) -> Result<(), Error> {
    let mut conn = state.store.conn().await?;
    let Some(run) = runs::get(&mut conn, id).await? else {
        return Ok(());
    };
    match RunStatus::parse(&run.status) {
        RunStatus::Cancelling => {
            runs::mark_ended(&mut conn, id, "cancelled", None).await?;
            return Ok(());
        }
        RunStatus::Queued | RunStatus::Running => {}
        _ => return Ok(()),
    }
    // Afresh, also after a worker died mid-run: nothing of its search was written.
    if !runs::begin_running(&mut conn, id).await? {
        return Ok(());
    }
    let person = Id::from_trusted(run.started_by.clone());
    let viewer = Viewer {
        person: people::get(&mut conn, &person)
            .await?
            .ok_or(Error::NotFound)?,
        roles: people::roles(&mut conn, &person).await?,
    };
    let actor = Actor {
        viewer: &viewer,
        ip: &run.started_ip,
    };
    let cohort = Id::from_trusted(run.cohort_id.clone());
    let f: FormationInput = serde_json::from_str(&run.input).map_err(Error::internal)?;
    let prepared = prepare(&mut conn, &actor, &cohort, &f).await?;
    drop(conn);

    let latest = Arc::new(Mutex::new(None));
    let stop = Arc::new(AtomicBool::new(false));
    let mut reporter = Reporter {
        latest: latest.clone(),
        stop: stop.clone(),
    };
    let opts = SolveOptions {
        seed: 1,
        budget: revans_engine::Budget::seconds(run.budget_ms as f64 / 1000.0),
        ..SolveOptions::default()
    };
    let model = prepared.model.clone();
    let begun = Instant::now();
    let search =
        tokio::task::spawn_blocking(move || revans_engine::form(&model, &opts, &mut reporter));
    tokio::pin!(search);
    let result = loop {
        if let Ok(r) = tokio::time::timeout(PROGRESS_EVERY, &mut search).await {
            break r;
        }
        let info: Option<ProgressInfo> = latest.lock().ok().and_then(|l| *l);
        let elapsed = begun.elapsed().as_millis() as i64;
        let still = match state.store.conn().await {
            Ok(mut conn) => runs::record_progress(
                &mut conn,
                id,
                info.map(|i| i.best),
                info.map_or(0, |i| i.rounds as i64),
                elapsed,
            )
            .await
            .unwrap_or(true),
            // A short outage: keep searching; the run's status is checked again when written.
            Err(_) => true,
        };
        if !still {
            stop.store(true, Ordering::Relaxed);
        }
    };
    let formation = result
        .map_err(Error::internal)?
        .map_err(|e| Error::field("size_min", e.to_string()))?;
    if stop.load(Ordering::Relaxed) {
        let mut conn = state.store.conn().await?;
        runs::mark_ended(&mut conn, id, "cancelled", None).await?;
        return Ok(());
    }
    let mut tx = state.store.begin().await?;
    let elapsed = begun.elapsed().as_millis() as i64;
    runs::record_progress(
        &mut tx,
        id,
        Some(formation.objective),
        formation.rounds as i64,
        elapsed,
    )
    .await?;
    if !runs::mark_done(
        &mut tx,
        id,
        prepared.model.sets.len() as i64,
        formation.objective,
    )
    .await?
    {
        // Cancelled (or finished by another worker) meanwhile: write nothing.
        drop(tx);
        let mut conn = state.store.conn().await?;
        runs::mark_ended(&mut conn, id, "cancelled", None).await?;
        return Ok(());
    }
    write_formation(&mut tx, &actor, &cohort, &f, &prepared, &formation.set_of).await?;
    revans_storage::commit(tx).await?;
    Ok(())
}

/// Ends every run whose job was given up as failed, so its cohort can be formed again. The
/// sweep calls this each minute; returns how many runs it ended.
pub async fn end_given_up(state: &App) -> Result<usize, Error> {
    let mut conn = state.store.conn().await?;
    let cohorts = runs::fail_given_up(&mut conn, GIVEN_UP).await?;
    for cohort in &cohorts {
        tracing::warn!(%cohort, "a formation run's job was given up; the run is marked failed");
    }
    Ok(cohorts.len())
}
