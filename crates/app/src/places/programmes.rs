//! Programme leads' catalogue actions: programmes, their cohorts, publishing and closing.

use std::str::FromStr;

use revans_domain::{
    AllocationRule, Capacity, CompletionRule, Delivery, Id, ProgrammeKind, ProgrammeStatus,
    RecurrenceInput, Schedule, bounded, line_list, parse_cpd_minutes, parse_fee_pence,
    required_line,
};
use revans_storage::programmes::{self, Programme, ProgrammeFields};
use revans_storage::{cohorts, now_ms};

use crate::App;
use crate::Error;
use crate::{Actor, require_admin_of};
use revans_domain::FieldErrors;

/// The programme form as typed (pages) or sent (API).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct ProgrammeInput {
    pub title: String,
    pub summary: String,
    pub description: String,
    /// leadership_module, action_learning, facilitator_training, train_the_trainer, support_circles or immersion_event.
    pub kind: String,
    /// One per line.
    pub outcomes: String,
    pub audience: String,
    pub leads: String,
    /// In pounds, like 450.00; blank for free.
    pub fee: String,
    pub cpd_hours: String,
    /// virtual or in_person.
    pub delivery_mode: String,
    /// The meeting link (virtual) or the place (in person).
    pub delivery_detail: String,
    /// One statement per line; applicants confirm each.
    pub eligibility: String,
    /// One per line ("I have discussed this with my HR or OD lead").
    pub confirmations: String,
    /// One question per line.
    pub questions: String,
    /// One phase per line ("Scoping: months 1-2").
    pub phases: String,
    /// The id of another of the lead's programmes that people go on to; blank for none.
    pub follow_on: String,
    /// "yes" when a sponsor of the applicant's organisation must approve first.
    pub requires_sponsor_approval: String,
    /// approval_order or lottery; blank for approval_order.
    pub allocation_rule: String,
    /// Days an offer stays open; blank for 7.
    pub offer_valid_days: String,
    /// Cap on nominations from the programme's own organisation tree; blank for none.
    pub nomination_cap: String,
}

fn collect<T>(errors: &mut FieldErrors, r: Result<T, revans_domain::ValidationError>) -> Option<T> {
    errors.take(r)
}

/// Parses the whole form, reporting every problem at once.
pub fn parse_programme(input: &ProgrammeInput) -> Result<(ProgrammeFields, Option<i64>), Error> {
    let mut e = FieldErrors::default();
    let title = collect(&mut e, required_line(&input.title, "title", "a title", 150));
    let summary = collect(
        &mut e,
        required_line(&input.summary, "summary", "a summary", 300),
    );
    let description = collect(
        &mut e,
        bounded(&input.description, "description", "The description", 10_000),
    );
    let kind = collect(&mut e, ProgrammeKind::from_str(&input.kind));
    let outcomes = collect(
        &mut e,
        line_list(&input.outcomes, "outcomes", "learning outcomes", 30),
    );
    let audience = collect(
        &mut e,
        bounded(&input.audience, "audience", "Who should attend", 2_000),
    );
    let leads = collect(&mut e, bounded(&input.leads, "leads", "The leads", 500));
    let fee = collect(&mut e, parse_fee_pence(&input.fee));
    let cpd = collect(&mut e, parse_cpd_minutes(&input.cpd_hours));
    let delivery = collect(
        &mut e,
        Delivery::parse(&input.delivery_mode, &input.delivery_detail),
    );
    let eligibility = collect(
        &mut e,
        line_list(
            &input.eligibility,
            "eligibility",
            "eligibility statements",
            20,
        ),
    );
    let confirmations = collect(
        &mut e,
        line_list(&input.confirmations, "confirmations", "confirmations", 10),
    );
    let questions = collect(
        &mut e,
        line_list(&input.questions, "questions", "questions", 20).and_then(|qs| {
            qs.iter()
                .try_for_each(|q| revans_domain::check_question_line(q))
                .map(|()| qs)
        }),
    );
    let phases = collect(&mut e, line_list(&input.phases, "phases", "phases", 20));
    let rule = if input.allocation_rule.trim().is_empty() {
        Some(AllocationRule::ApprovalOrder)
    } else {
        collect(&mut e, AllocationRule::from_str(&input.allocation_rule))
    };
    let days = match input.offer_valid_days.trim() {
        "" => Some(7),
        raw => match raw.parse::<i64>() {
            Ok(d) if (1..=60).contains(&d) => Some(d),
            _ => {
                e.add(
                    "offer_valid_days",
                    "Enter how many days an offer stays open, from 1 to 60",
                );
                None
            }
        },
    };
    let cap = match input.nomination_cap.trim() {
        "" => Some(None),
        raw => match raw.parse::<i64>() {
            Ok(n) if (1..=1000).contains(&n) => Some(Some(n)),
            _ => {
                e.add("nomination_cap", "Enter the most people one organisation can nominate, from 1 to 1000, or leave it blank");
                None
            }
        },
    };
    let (
        Some(title),
        Some(summary),
        Some(description),
        Some(kind),
        Some(outcomes),
        Some(audience),
        Some(leads),
        Some(fee),
        Some(cpd),
        Some(delivery),
        Some(eligibility),
        Some(confirmations),
        Some(questions),
        Some(phases),
        Some(rule),
        Some(days),
        Some(cap),
    ) = (
        title,
        summary,
        description,
        kind,
        outcomes,
        audience,
        leads,
        fee,
        cpd,
        delivery,
        eligibility,
        confirmations,
        questions,
        phases,
        rule,
        days,
        cap,
    )
    else {
        return Err(Error::Invalid(e.0));
    };
    Ok((
        ProgrammeFields {
            title,
            summary,
            description,
            kind,
            outcomes,
            audience,
            leads,
            fee_pence: fee,
            cpd_minutes: cpd,
            delivery_mode: delivery.mode,
            delivery_detail: delivery.detail,
            eligibility,
            confirmations,
            questions,
            phases,
            follow_on_id: None,
            requires_sponsor_approval: matches!(
                input.requires_sponsor_approval.as_str(),
                "yes" | "true" | "on"
            ),
            allocation_rule: rule,
            // A fresh, recorded seed per programme: the lottery can be re-run and explained.
            lottery_seed: i64::from(rand::random::<u32>()),
            offer_valid_days: days,
        },
        cap,
    ))
}

/// The form checked whole: its fields and the follow-on programme, which must be another of
/// the lead's programmes. Every problem is reported at once.
async fn parse_with_follow_on(
    conn: &mut revans_storage::Conn,
    actor: &Actor<'_>,
    input: &ProgrammeInput,
    own: Option<&Id>,
) -> Result<(ProgrammeFields, Option<i64>), Error> {
    let follow_on = match input.follow_on.trim() {
        "" => Ok(None),
        raw => match Id::parse(raw).filter(|id| Some(id) != own) {
            Some(id) => match load_for_admin(conn, actor, &id).await {
                Ok(_) => Ok(Some(id)),
                Err(Error::NotFound) => Err("Choose one of your other programmes, or None"),
                Err(other) => return Err(other),
            },
            None => Err("Choose one of your other programmes, or None"),
        },
    };
    match (parse_programme(input), follow_on) {
        (Ok((mut fields, cap)), Ok(next)) => {
            fields.follow_on_id = next;
            Ok((fields, cap))
        }
        (Ok(_), Err(message)) => Err(Error::field("follow_on", message)),
        (Err(Error::Invalid(mut errors)), Err(message)) => {
            errors.push(revans_domain::FieldError {
                field: "follow_on".into(),
                message: message.into(),
            });
            Err(Error::Invalid(errors))
        }
        (Err(e), _) => Err(e),
    }
}

/// Creates a draft programme in the programme lead's organisation.
pub async fn create(state: &App, actor: &Actor<'_>, input: &ProgrammeInput) -> Result<Id, Error> {
    let mut tx = state.store.begin().await?;
    let id = create_in(&mut tx, actor, input).await?;
    revans_storage::commit(tx).await?;
    Ok(id)
}

/// `create` inside the caller's transaction, for a use case that makes a programme as one step
/// of its own change (a masterclass made from interests).
pub async fn create_in(
    tx: &mut revans_storage::Conn,
    actor: &Actor<'_>,
    input: &ProgrammeInput,
) -> Result<Id, Error> {
    let Some(org) = actor.viewer.admin_roots().into_iter().next() else {
        return Err(Error::Forbidden);
    };
    let (fields, cap) = parse_with_follow_on(tx, actor, input, None).await?;
    let id = programmes::insert(tx, &org, &fields).await?;
    programmes::set_cap(tx, &id, &org, cap).await?;
    actor
        .audit(
            tx,
            "programme.created",
            "programme",
            id.as_str(),
            &format!("Created the programme {}", fields.title),
            &org,
        )
        .await?;
    Ok(id)
}

/// Changes a programme's details; its lottery seed stays, so a lottery can still be explained.
pub async fn update(
    state: &App,
    actor: &Actor<'_>,
    id: &Id,
    input: &ProgrammeInput,
) -> Result<(), Error> {
    let mut tx = state.store.begin().await?;
    let existing = load_for_admin(&mut tx, actor, id).await?;
    let (mut fields, cap) = parse_with_follow_on(&mut tx, actor, input, Some(id)).await?;
    fields.lottery_seed = existing.fields.lottery_seed;
    programmes::update(&mut tx, id, &fields).await?;
    programmes::set_cap(&mut tx, id, &existing.organisation_id, cap).await?;
    actor
        .audit(
            &mut tx,
            "programme.updated",
            "programme",
            id.as_str(),
            &format!("Changed the details of {}", fields.title),
            &existing.organisation_id,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(())
}

/// The form's values for an existing programme, to edit it.
pub fn input_from(p: &Programme, cap: Option<i64>) -> ProgrammeInput {
    let f = &p.fields;
    ProgrammeInput {
        title: f.title.clone(),
        summary: f.summary.clone(),
        description: f.description.clone(),
        kind: f.kind.as_str().to_owned(),
        outcomes: f.outcomes.join("\n"),
        audience: f.audience.clone(),
        leads: f.leads.clone(),
        fee: if f.fee_pence == 0 {
            String::new()
        } else {
            format!("{}.{:02}", f.fee_pence / 100, f.fee_pence % 100)
        },
        cpd_hours: if f.cpd_minutes == 0 {
            String::new()
        } else {
            (f.cpd_minutes as f64 / 60.0).to_string()
        },
        delivery_mode: f.delivery_mode.as_str().to_owned(),
        delivery_detail: f.delivery_detail.clone(),
        eligibility: f.eligibility.join("\n"),
        confirmations: f.confirmations.join("\n"),
        questions: f.questions.join("\n"),
        phases: f.phases.join("\n"),
        follow_on: f
            .follow_on_id
            .as_ref()
            .map(|id| id.to_string())
            .unwrap_or_default(),
        requires_sponsor_approval: if f.requires_sponsor_approval {
            "yes".into()
        } else {
            String::new()
        },
        allocation_rule: f.allocation_rule.as_str().to_owned(),
        offer_valid_days: f.offer_valid_days.to_string(),
        nomination_cap: cap.map(|c| c.to_string()).unwrap_or_default(),
    }
}

/// The programme, if the viewer administers its organisation (else "not found").
pub async fn load_for_admin(
    conn: &mut revans_storage::Conn,
    actor: &Actor<'_>,
    id: &Id,
) -> Result<Programme, Error> {
    let programme = programmes::get(conn, id).await?.ok_or(Error::NotFound)?;
    require_admin_of(conn, actor.viewer, &programme.organisation_id).await?;
    Ok(programme)
}

/// Publishes (into the public catalogue) or closes a programme.
pub async fn set_status(
    state: &App,
    actor: &Actor<'_>,
    id: &Id,
    status: &str,
) -> Result<ProgrammeStatus, Error> {
    let mut tx = state.store.begin().await?;
    let programme = load_for_admin(&mut tx, actor, id).await?;
    let status = ProgrammeStatus::from_str(status)?;
    if status == ProgrammeStatus::Published
        && cohorts::list_for_programme(&mut tx, id).await?.is_empty()
    {
        return Err(Error::field(
            "status",
            "Add at least one cohort before publishing",
        ));
    }
    programmes::set_status(&mut tx, id, status).await?;
    actor
        .audit(
            &mut tx,
            "programme.status_changed",
            "programme",
            id.as_str(),
            &format!(
                "Set {} to {}",
                programme.fields.title,
                status.label().to_lowercase()
            ),
            &programme.organisation_id,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(status)
}

/// A cohort as typed: explicit sessions, or a recurrence.
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
#[serde(default)]
pub struct CohortInput {
    pub name: String,
    pub capacity: String,
    /// `YYYY-MM-DD`: applications open on this day.
    pub opens_on: String,
    /// `YYYY-MM-DD`: the last day to apply.
    pub closes_on: String,
    /// An IANA time zone; blank for Europe/London.
    pub timezone: String,
    /// explicit (the default) or recurrence.
    pub schedule_kind: String,
    /// Explicit sessions, one per line: `2026-11-01 09:30-13:00`.
    pub sessions: String,
    pub start_date: String,
    pub start_time: String,
    pub duration_minutes: String,
    /// An RFC 5545 RRULE such as `FREQ=WEEKLY;INTERVAL=2;COUNT=9`.
    pub rule: String,
    /// Dates without a session, one per line.
    pub exceptions: String,
    /// all (the default) or at_least.
    pub completion_rule: String,
    pub completion_minimum: String,
    /// The GOV.UK date input's boxes. When any box is filled they win over the one-line
    /// text above (which the API and older forms send).
    pub opens_on_day: String,
    pub opens_on_month: String,
    pub opens_on_year: String,
    pub closes_on_day: String,
    pub closes_on_month: String,
    pub closes_on_year: String,
    pub start_date_day: String,
    pub start_date_month: String,
    pub start_date_year: String,
    /// The plain repeat builder, used when `rule` is blank: every 1, 2, 3 or 4 weeks ...
    pub every_weeks: String,
    /// ... this many times.
    pub session_count: String,
}

impl CohortInput {
    /// Fills the date boxes from the one-line dates when the boxes are empty, so a cohort
    /// stored from the API or an older form shows its dates in the boxes.
    pub fn with_date_boxes(mut self) -> Self {
        let fill = |text: &str, d: &mut String, m: &mut String, y: &mut String| {
            let blank = d.trim().is_empty() && m.trim().is_empty() && y.trim().is_empty();
            if let (true, Ok(date)) = (blank, revans_domain::parse_uk_date(text, "date")) {
                (*d, *m, *y) = revans_domain::date_parts(date);
            }
        };
        fill(
            &self.opens_on,
            &mut self.opens_on_day,
            &mut self.opens_on_month,
            &mut self.opens_on_year,
        );
        fill(
            &self.closes_on,
            &mut self.closes_on_day,
            &mut self.closes_on_month,
            &mut self.closes_on_year,
        );
        fill(
            &self.start_date,
            &mut self.start_date_day,
            &mut self.start_date_month,
            &mut self.start_date_year,
        );
        self
    }
}

/// A date from the three boxes when any is filled, else from the one line of text.
fn typed_date(
    text: &str,
    (day, month, year): (&str, &str, &str),
    field: &'static str,
    label: &str,
    errors: &mut FieldErrors,
) -> Option<jiff::civil::Date> {
    let boxes = revans_domain::DateParts { day, month, year };
    if boxes.is_blank() && !text.trim().is_empty() {
        errors.take(revans_domain::parse_uk_date(text, field))
    } else {
        errors.take(boxes.parse(field, label))
    }
}

/// The repeat rule: the advanced RRULE when typed, else built from "every N weeks, K times".
fn repeat_rule(input: &CohortInput, errors: &mut FieldErrors) -> Option<String> {
    if !input.rule.trim().is_empty() {
        return Some(input.rule.trim().to_owned());
    }
    let every = match input.every_weeks.trim().parse::<u8>() {
        Ok(n @ 1..=4) => Some(n),
        _ => {
            errors.add("every_weeks", "Choose how often the sessions happen");
            None
        }
    };
    let count = match input.session_count.trim().parse::<u16>() {
        Ok(n @ 1..=100) => Some(n),
        Ok(_) => {
            errors.add("session_count", "Enter a number of sessions from 1 to 100");
            None
        }
        Err(_) => {
            errors.add("session_count", "Enter how many sessions there are, like 9");
            None
        }
    };
    Some(format!("FREQ=WEEKLY;INTERVAL={};COUNT={}", every?, count?))
}

/// The first moment of `date` in `tz`.
fn day_start(date: jiff::civil::Date, tz: &str) -> Option<i64> {
    let zone = jiff::tz::TimeZone::get(tz).unwrap_or(jiff::tz::TimeZone::UTC);
    zone.to_ambiguous_zoned(date.to_datetime(jiff::civil::Time::midnight()))
        .compatible()
        .ok()
        .map(|z| z.timestamp().as_millisecond())
}

pub fn parse_cohort(
    input: &CohortInput,
    now: i64,
) -> Result<(String, Capacity, i64, i64, Schedule, CompletionRule), Error> {
    let mut e = FieldErrors::default();
    let name = e.take(required_line(
        &input.name,
        "name",
        "a name for the cohort",
        100,
    ));
    let capacity = match input.capacity.trim().parse::<i64>() {
        Ok(n) => e.take(Capacity::new(n)),
        Err(_) => {
            e.add("capacity", "Enter the number of places, like 30");
            None
        }
    };
    let tz = input.timezone.trim();
    let tz = if tz.is_empty() { "Europe/London" } else { tz };
    // Checked in the order the form asks, so the error summary reads top to bottom.
    let opens = typed_date(
        &input.opens_on,
        (
            &input.opens_on_day,
            &input.opens_on_month,
            &input.opens_on_year,
        ),
        "opens_on",
        "the day applications open",
        &mut e,
    )
    .and_then(|d| day_start(d, tz));
    // Applications close at the end of the last day in the cohort's zone (23 or 25 hours
    // long when the clocks change).
    let closes = typed_date(
        &input.closes_on,
        (
            &input.closes_on_day,
            &input.closes_on_month,
            &input.closes_on_year,
        ),
        "closes_on",
        "the last day to apply",
        &mut e,
    )
    .and_then(|d| revans_domain::end_of_day(d, tz));
    let schedule = match input.schedule_kind.as_str() {
        "recurrence" => {
            let first = typed_date(
                &input.start_date,
                (
                    &input.start_date_day,
                    &input.start_date_month,
                    &input.start_date_year,
                ),
                "start_date",
                "the date of the first session",
                &mut e,
            );
            let rule = repeat_rule(input, &mut e);
            match (first, rule) {
                (Some(first), Some(rule)) => e.take(Schedule::recurrence(
                    &RecurrenceInput {
                        start_date: &first.to_string(),
                        start_time: &input.start_time,
                        duration_minutes: &input.duration_minutes,
                        timezone: tz,
                        rule: &rule,
                        exceptions: &input.exceptions,
                    },
                    now,
                )),
                _ => None,
            }
        }
        _ => e.take(Schedule::explicit(&input.sessions, tz, now)),
    };
    if let (Some(o), Some(c)) = (opens, closes)
        && c <= o
    {
        e.add(
            "closes_on",
            "The closing date must be on or after the opening date",
        );
    }
    if let (Some(c), Some(s)) = (closes, &schedule)
        && c > s.first_start()
    {
        e.add(
            "closes_on",
            "Applications must close before the first session",
        );
    }
    let completion = schedule.as_ref().and_then(|s| {
        e.take(CompletionRule::parse(
            &input.completion_rule,
            &input.completion_minimum,
            s.sessions().len(),
        ))
    });
    match (name, capacity, opens, closes, schedule, completion) {
        (Some(n), Some(c), Some(o), Some(cl), Some(s), Some(r)) if !e.any() => {
            Ok((n, c, o, cl, s, r))
        }
        _ => Err(Error::Invalid(e.0)),
    }
}

/// A cohort form checked and ready to store, with what was typed (JSON) to show it again.
pub(crate) struct CheckedCohort {
    pub name: String,
    pub capacity: Capacity,
    pub opens: i64,
    pub closes: i64,
    pub schedule: Schedule,
    pub completion: CompletionRule,
    spec: String,
    kind: &'static str,
}

impl CheckedCohort {
    pub fn check(input: &CohortInput, now: i64) -> Result<Self, Error> {
        let (name, capacity, opens, closes, schedule, completion) = parse_cohort(input, now)?;
        Ok(CheckedCohort {
            name,
            capacity,
            opens,
            closes,
            schedule,
            completion,
            spec: serde_json::to_string(input).map_err(Error::internal)?,
            kind: if input.schedule_kind == "recurrence" {
                "recurrence"
            } else {
                "explicit"
            },
        })
    }

    /// The row as storage takes it.
    pub fn row<'a>(&'a self, programme_id: &'a Id) -> cohorts::NewCohort<'a> {
        cohorts::NewCohort {
            programme_id,
            name: &self.name,
            capacity: self.capacity,
            opens_at: self.opens,
            closes_at: self.closes,
            schedule: &self.schedule,
            schedule_kind: self.kind,
            schedule_spec: &self.spec,
            completion: self.completion,
        }
    }
}

/// Adds a cohort with its sessions to a programme.
pub async fn add_cohort(
    state: &App,
    actor: &Actor<'_>,
    programme_id: &Id,
    input: &CohortInput,
) -> Result<Id, Error> {
    let mut conn = state.store.conn().await?;
    let programme = load_for_admin(&mut conn, actor, programme_id).await?;
    drop(conn);
    let c = CheckedCohort::check(input, now_ms())?;
    let mut tx = state.store.begin().await?;
    let id = cohorts::insert(&mut tx, &c.row(programme_id)).await?;
    let (name, capacity, schedule) = (&c.name, c.capacity, &c.schedule);
    actor
        .audit(
            &mut tx,
            "cohort.created",
            "cohort",
            id.as_str(),
            &format!(
                "Added {name} ({} places, {} sessions) to {}",
                capacity.get(),
                schedule.sessions().len(),
                programme.fields.title
            ),
            &programme.organisation_id,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(id)
}

/// Changes a cohort's capacity; refused below the places already confirmed.
pub async fn set_capacity(
    state: &App,
    actor: &Actor<'_>,
    cohort_id: &Id,
    raw: &str,
) -> Result<(), Error> {
    let mut tx = state.store.begin().await?;
    let cohort = cohorts::get(&mut tx, cohort_id)
        .await?
        .ok_or(Error::NotFound)?;
    let programme = load_for_admin(&mut tx, actor, &cohort.programme_id).await?;
    let capacity = match raw.trim().parse::<i64>() {
        Ok(n) => Capacity::new(n)?,
        Err(_) => {
            return Err(Error::field(
                "capacity",
                "Enter the number of places, like 30",
            ));
        }
    };
    if !cohorts::set_capacity(&mut tx, cohort_id, capacity).await? {
        let now = cohorts::get(&mut tx, cohort_id)
            .await?
            .map_or(cohort.confirmed, |c| c.confirmed);
        return Err(Error::field(
            "capacity",
            format!(
                "{} places are already confirmed; capacity cannot be lower than that",
                now
            ),
        ));
    }
    actor
        .audit(
            &mut tx,
            "cohort.capacity_changed",
            "cohort",
            cohort_id.as_str(),
            &format!("Set the capacity of {} to {}", cohort.name, capacity.get()),
            &programme.organisation_id,
        )
        .await?;
    // Places a raise frees go to the waiting list at once, as a declined offer's would.
    super::applications::offer_waiting(state, &mut tx, &programme, cohort_id).await?;
    revans_storage::commit(tx).await?;
    Ok(())
}

/// Closes one cohort's applications now; the rest of the programme stays open.
pub async fn close_cohort(state: &App, actor: &Actor<'_>, cohort_id: &Id) -> Result<Id, Error> {
    let mut tx = state.store.begin().await?;
    let cohort = cohorts::get(&mut tx, cohort_id)
        .await?
        .ok_or(Error::NotFound)?;
    let programme = load_for_admin(&mut tx, actor, &cohort.programme_id).await?;
    if !cohorts::close_applications(&mut tx, cohort_id, revans_storage::now_ms()).await? {
        return Err(Error::field(
            "close",
            format!("Applications for {} are already closed", cohort.name),
        ));
    }
    actor
        .audit(
            &mut tx,
            "cohort.closed",
            "cohort",
            cohort_id.as_str(),
            &format!("Closed applications for {}", cohort.name),
            &programme.organisation_id,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(programme.id)
}
