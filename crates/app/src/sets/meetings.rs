//! A set's meetings (C4) and what happens at them (C5): scheduling a series on a cadence,
//! moving or cancelling one, giving the floor to another unit, attendance, problems, actions
//! and their review. Facilitators run meetings; members bring problems and record actions.

use revans_domain::{
    ActionOutcome, Attendance, Cadence, Id, RecurrenceInput, Schedule, ThemeVocabulary, bounded,
    outside_window, overlaps, required_line, review_note, schedule_date,
};
use revans_storage::meetings::{self, Meeting};
use revans_storage::set_content::{self, NewAction, NewProblem};
use revans_storage::sets::{self, Standing};
use revans_storage::{cohorts, programmes};

use crate::Actor;
use crate::App;
use crate::Error;
use crate::sets::set_access::{InSet, load_meeting, load_set};
use revans_domain::FieldError;

#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct SeriesInput {
    /// `weekly`, `fortnightly`, `monthly` or `six_weekly`.
    pub cadence: String,
    /// `YYYY-MM-DD`.
    pub start_date: String,
    /// `HH:MM`, local to `timezone`.
    pub start_time: String,
    pub duration_minutes: String,
    pub count: String,
    pub timezone: String,
}

/// The tenant a set belongs to (its programme's organisation), for audit entries.
pub(crate) async fn tenant_of(
    conn: &mut revans_storage::Conn,
    set: &sets::ActionSet,
) -> Result<Id, Error> {
    let cohort = cohorts::get(conn, &set.cohort_id)
        .await?
        .ok_or(Error::NotFound)?;
    let programme = programmes::get(conn, &cohort.programme_id)
        .await?
        .ok_or(Error::NotFound)?;
    Ok(programme.organisation_id)
}

/// The last step of every change here: its audit entry, then the commit.
async fn audit_and_commit(
    mut tx: revans_storage::Tx,
    actor: &Actor<'_>,
    set: &sets::ActionSet,
    action: &str,
    subject_type: &str,
    subject_id: &str,
    detail: &str,
) -> Result<(), Error> {
    let tenant = tenant_of(&mut tx, set).await?;
    actor
        .audit(&mut tx, action, subject_type, subject_id, detail, &tenant)
        .await?;
    revans_storage::commit(tx).await?;
    Ok(())
}

/// Adds a series of meetings. Refused outside the cohort's dates (unless the set runs itself
/// after the programme); a clash with the facilitator's other sets is saved with a warning.
pub async fn schedule_series(
    state: &App,
    actor: &Actor<'_>,
    set_id: &Id,
    f: &SeriesInput,
) -> Result<Vec<String>, Error> {
    let mut tx = state.store.begin().await?;
    let in_set = load_set(&mut tx, actor.viewer, set_id).await?;
    in_set.require_runner()?;
    let cadence = Cadence::parse(&f.cadence)?;
    let count: u32 = match f.count.trim().parse() {
        Ok(n) if (1..=52).contains(&n) => n,
        _ => {
            return Err(Error::field(
                "count",
                "Enter the number of meetings as a whole number from 1 to 52",
            ));
        }
    };
    let rule = cadence.rrule(count);
    let input = RecurrenceInput {
        start_date: &f.start_date,
        start_time: &f.start_time,
        duration_minutes: &f.duration_minutes,
        timezone: &f.timezone,
        rule: &rule,
        exceptions: "",
    };
    let schedule = Schedule::recurrence(&input, revans_storage::now_ms())?;
    let cohort = cohorts::get(&mut tx, &in_set.set.cohort_id)
        .await?
        .ok_or(Error::NotFound)?;
    if !in_set.set.self_facilitated {
        let cohort_sessions = cohorts::sessions(&mut tx, &cohort.id).await?;
        if let (Some(first), Some(last)) = (cohort_sessions.first(), cohort_sessions.last()) {
            let outside = outside_window(schedule.sessions(), first.starts_at, last.ends_at);
            if let Some(s) = outside.first() {
                return Err(Error::field(
                    "start_date",
                    format!(
                        "{} is outside the cohort's dates ({} to {}). Meetings of a facilitated set fall within the programme",
                        revans_domain::describe_session(s, schedule.timezone()),
                        revans_domain::describe_session(first, &cohort.timezone),
                        revans_domain::describe_session(last, &cohort.timezone),
                    ),
                ));
            }
        }
    }
    let mut warnings = Vec::new();
    for facilitator in sets::facilitators(&mut tx, set_id).await? {
        let theirs: Vec<revans_domain::Session> =
            meetings::facilitated_by(&mut tx, &facilitator.id)
                .await?
                .iter()
                .map(|m| revans_domain::Session {
                    starts_at: m.starts_at,
                    ends_at: m.ends_at,
                })
                .collect();
        for (new, _) in overlaps(schedule.sessions(), &theirs) {
            warnings.push(format!(
                "{} already has a meeting at {}",
                facilitator.name,
                revans_domain::describe_session(&new, schedule.timezone())
            ));
        }
    }
    meetings::insert_many(&mut tx, set_id, schedule.sessions()).await?;
    audit_and_commit(
        tx,
        actor,
        &in_set.set,
        "meetings.scheduled",
        "set",
        set_id.as_str(),
        &format!("{count} meetings, {}", cadence.as_str()),
    )
    .await?;
    Ok(warnings)
}

#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct ChangeInput {
    /// `move`, `cancel` or `swap`.
    pub change: String,
    pub date: String,
    pub start_time: String,
    pub duration_minutes: String,
    /// The unit given the floor instead (blank: back to the rota).
    pub unit: String,
}

/// Moves, cancels, or changes the presenter of one meeting that has not happened yet.
pub async fn change_meeting(
    state: &App,
    actor: &Actor<'_>,
    meeting_id: &Id,
    f: &ChangeInput,
) -> Result<&'static str, Error> {
    let mut tx = state.store.begin().await?;
    let (in_set, meeting) = load_meeting(&mut tx, actor.viewer, meeting_id).await?;
    in_set.require_runner()?;
    if meeting.held || meeting.cancelled {
        return Err(Error::field(
            "change",
            "This meeting has already happened or been cancelled",
        ));
    }
    let (done, ok) = match f.change.as_str() {
        "cancel" => {
            let ok = meetings::cancel(&mut tx, meeting_id).await?;
            if ok {
                crate::sets::meeting_attendance::tell_set(
                    state,
                    &mut tx,
                    &in_set.set,
                    &meeting,
                    false,
                )
                .await?;
            }
            ("cancelled", ok)
        }
        "move" => {
            schedule_date(&f.date, "date")?;
            let input = RecurrenceInput {
                start_date: &f.date,
                start_time: &f.start_time,
                duration_minutes: &f.duration_minutes,
                timezone: &in_set.set.timezone,
                rule: "FREQ=DAILY;COUNT=1",
                exceptions: "",
            };
            let s = Schedule::recurrence(&input, revans_storage::now_ms())?;
            (
                "moved",
                meetings::reschedule(&mut tx, meeting_id, &s.sessions()[0]).await?,
            )
        }
        "swap" => {
            let unit = f.unit.trim();
            if !unit.is_empty()
                && !sets::members(&mut tx, &in_set.set.id)
                    .await?
                    .iter()
                    .any(|m| m.unit_key == unit && m.left_at.is_none())
            {
                return Err(Error::field("unit", "Choose a member of this set"));
            }
            (
                "swapped",
                meetings::set_swap(&mut tx, meeting_id, (!unit.is_empty()).then_some(unit)).await?,
            )
        }
        _ => return Err(Error::field("change", "Choose what to change")),
    };
    if !ok {
        return Err(Error::Conflict(
            "This meeting changed while you were editing it. Reload the page.".into(),
        ));
    }
    audit_and_commit(
        tx,
        actor,
        &in_set.set,
        &format!("meetings.{done}"),
        "meeting",
        meeting_id.as_str(),
        "",
    )
    .await?;
    Ok(done)
}

/// Records attendance: one status per current member (`attendance-{person id}` fields).
pub async fn record_attendance(
    state: &App,
    actor: &Actor<'_>,
    meeting_id: &Id,
    form: &std::collections::HashMap<String, String>,
) -> Result<(), Error> {
    let mut tx = state.store.begin().await?;
    let (in_set, meeting) = load_meeting(&mut tx, actor.viewer, meeting_id).await?;
    in_set.require_runner()?;
    if meeting.cancelled {
        return Err(Error::field("attendance", "This meeting was cancelled"));
    }
    let members = sets::members(&mut tx, &in_set.set.id).await?;
    let mut records = Vec::new();
    let mut errors = Vec::new();
    for m in members
        .iter()
        .filter(|m| m.is_current(meeting.starts_at) || m.left_at.is_none())
    {
        let field = format!("attendance-{}", m.person_id);
        match form.get(&field).map(|v| Attendance::parse(v)) {
            Some(Ok(a)) => records.push((m.person_id.clone(), a.as_str())),
            _ => errors.push(FieldError {
                field,
                message: format!(
                    "Say whether {} was present, sent apologies or was absent",
                    m.name
                ),
            }),
        }
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    meetings::record_attendance(&mut tx, meeting_id, &actor.viewer.person.id, &records).await?;
    // Completing may award the programme's qualification (issue 15), once per person.
    crate::facilitator_records::awards::award_for_set(&mut tx, &in_set.set.id).await?;
    audit_and_commit(
        tx,
        actor,
        &in_set.set,
        "meetings.attendance",
        "meeting",
        meeting_id.as_str(),
        &format!("{} recorded", records.len()),
    )
    .await?;
    Ok(())
}

#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
#[serde(default)]
pub struct ProblemInput {
    pub title: String,
    pub description: String,
    pub themes: Vec<String>,
}

/// A member brings their unit's problem to the set.
pub async fn add_problem(
    state: &App,
    actor: &Actor<'_>,
    set_id: &Id,
    f: &ProblemInput,
) -> Result<Id, Error> {
    let mut tx = state.store.begin().await?;
    let in_set = load_set(&mut tx, actor.viewer, set_id).await?;
    let me = sets::members(&mut tx, set_id)
        .await?
        .into_iter()
        .find(|m| m.person_id == actor.viewer.person.id && m.left_at.is_none())
        .ok_or(Error::Forbidden)?;
    let mut errors = Vec::new();
    let title = required_line(&f.title, "title", "a title for your problem", 200)
        .map_err(|e| errors.push(e.into()))
        .ok();
    let description = match bounded(&f.description, "description", "The description", 5_000) {
        Ok(d) if d.is_empty() => {
            errors.push(FieldError {
                field: "description".into(),
                message: "Describe the situation you want to develop, change or improve".into(),
            });
            None
        }
        Ok(d) => Some(d),
        Err(e) => {
            errors.push(e.into());
            None
        }
    };
    let tenant = tenant_of(&mut tx, &in_set.set).await?;
    let themes = if f.themes.is_empty() {
        Ok(Vec::new())
    } else {
        ThemeVocabulary::parse(&set_content::vocabulary(&mut tx, &tenant).await?)
            .and_then(|v| v.pick(&f.themes))
    };
    let themes = themes.map_err(|e| errors.push(e.into())).ok();
    let (Some(title), Some(description), Some(themes)) = (title, description, themes) else {
        return Err(Error::Invalid(errors));
    };
    let id = set_content::insert_problem(
        &mut tx,
        &NewProblem {
            set_id,
            unit_key: &me.unit_key,
            author_id: &actor.viewer.person.id,
            title: &title,
            description: &description,
            themes: &themes,
        },
    )
    .await?;
    revans_storage::commit(tx).await?;
    Ok(id)
}

#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct ActionInput {
    pub description: String,
    /// `YYYY-MM-DD`.
    pub due_on: String,
}

/// The presenter (or the facilitator, for them) records an action at a meeting.
pub async fn add_action(
    state: &App,
    actor: &Actor<'_>,
    meeting_id: &Id,
    presenter: Option<&Id>,
    f: &ActionInput,
) -> Result<Id, Error> {
    let mut tx = state.store.begin().await?;
    let (in_set, meeting) = load_meeting(&mut tx, actor.viewer, meeting_id).await?;
    if meeting.cancelled {
        return Err(Error::field("description", "This meeting was cancelled"));
    }
    let owner = match (in_set.standing, presenter) {
        (Standing::Facilitator, Some(p)) => p.clone(),
        (Standing::Member, _) => actor.viewer.person.id.clone(),
        _ => {
            return Err(Error::field(
                "description",
                "Only the presenter or the facilitator records actions",
            ));
        }
    };
    let mut errors = Vec::new();
    let description = required_line(&f.description, "description", "the action", 500)
        .map_err(|e| errors.push(e.into()))
        .ok();
    let due = schedule_date(&f.due_on, "due_on")
        .map_err(|e| errors.push(e.into()))
        .ok();
    let (Some(description), Some(due)) = (description, due) else {
        return Err(Error::Invalid(errors));
    };
    let id = set_content::insert_action(
        &mut tx,
        &NewAction {
            set_id: &in_set.set.id,
            meeting_id,
            owner_id: &owner,
            description: &description,
            due_on: &due.to_string(),
        },
    )
    .await?;
    // What members say and do in a set (problems, actions, reviews) is not audited: the
    // audit log is for changes to programmes, people and roles, not a record of who said what.
    revans_storage::commit(tx).await?;
    Ok(id)
}

#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct ReviewInput {
    pub action: String,
    /// `done`, `changed` or `dropped`.
    pub outcome: String,
    pub note: String,
}

/// At a later meeting, what happened to an earlier action.
pub async fn review_action(
    state: &App,
    actor: &Actor<'_>,
    meeting_id: &Id,
    f: &ReviewInput,
) -> Result<(), Error> {
    let mut tx = state.store.begin().await?;
    let (in_set, meeting): (InSet, Meeting) =
        load_meeting(&mut tx, actor.viewer, meeting_id).await?;
    let action_id =
        Id::parse(&f.action).ok_or_else(|| Error::field("action", "Choose an action to review"))?;
    let action = set_content::actions(&mut tx, &in_set.set.id)
        .await?
        .into_iter()
        .find(|a| a.id == action_id)
        .ok_or_else(|| Error::field("action", "Choose an action of this set"))?;
    if !in_set.is_facilitator() && action.owner_id != actor.viewer.person.id {
        return Err(Error::field(
            "outcome",
            "Only the person who took the action, or the facilitator, reviews it",
        ));
    }
    let outcome = ActionOutcome::parse(&f.outcome)?;
    let note = review_note(outcome, &f.note)?;
    set_content::review_action(
        &mut tx,
        &action_id,
        &in_set.set.id,
        &meeting.id,
        outcome.as_str(),
        note.as_deref(),
    )
    .await?;
    revans_storage::commit(tx).await?;
    Ok(())
}

#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct SettingsInput {
    pub review_every: String,
    pub timezone: String,
    /// `virtual` or `in_person`.
    pub delivery_mode: String,
    pub delivery_detail: String,
    /// "yes" when the set now runs itself, without a facilitator.
    pub self_facilitated: String,
}

/// How the set works: review meetings, its time zone, where it meets, and whether it goes on
/// without a facilitator after the programme.
pub async fn change_settings(
    state: &App,
    actor: &Actor<'_>,
    set_id: &Id,
    f: &SettingsInput,
) -> Result<(), Error> {
    let mut tx = state.store.begin().await?;
    let in_set = load_set(&mut tx, actor.viewer, set_id).await?;
    in_set.require_runner()?;
    let mut errors = Vec::new();
    let review = revans_domain::ReviewEvery::new(f.review_every.trim().parse::<i64>().unwrap_or(0))
        .map_err(|e| errors.push(e.into()))
        .ok();
    let zone = revans_domain::parse_zone(&f.timezone)
        .map_err(|e| errors.push(e.into()))
        .ok();
    let delivery = revans_domain::Delivery::parse(&f.delivery_mode, &f.delivery_detail)
        .map_err(|e| errors.push(e.into()))
        .ok();
    let (Some(review), Some(_), Some(delivery)) = (review, zone, delivery) else {
        return Err(Error::Invalid(errors));
    };
    let settings = sets::SetSettings {
        review_every: i64::from(review.get()),
        timezone: f.timezone.trim(),
        delivery_mode: delivery.mode.as_str(),
        delivery_detail: &delivery.detail,
        self_facilitated: f.self_facilitated == "yes",
    };
    sets::update_settings(&mut tx, set_id, &settings).await?;
    audit_and_commit(
        tx,
        actor,
        &in_set.set,
        "sets.settings",
        "set",
        set_id.as_str(),
        "",
    )
    .await?;
    Ok(())
}
