//! Evaluation targets (issue 14, C9): at scoping a programme's lead records what the programme
//! should change — a measure, its baseline, the target value and the date to meet it by — and
//! at the end the value measured; the final report states each target beside its measure.
//!
//! Access: the programme's leads (admins of its organisation or one above it) change targets;
//! evaluators of the tenant read them. Other signed-in roles are refused (403, as on the
//! programme's other admin pages); a lead or evaluator of another tenant is told "not found".

mod figures;

use jiff::civil::Date;
use revans_domain::{Id, Role, parse_uk_date, required_line};
use revans_storage::evaluation_targets::{self as store, Measurement, Target, TargetFields};
use revans_storage::programmes::{self, Programme};
use revans_storage::{Conn, organisations};

use crate::places::programmes::load_for_admin;
use crate::{Actor, App, Error, Viewer};
use revans_domain::FieldErrors;

pub use figures::{Direction, Figure, Status};

/// The target form as typed (pages) or sent (API, numbers as their decimal text).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct TargetInput {
    pub measure: String,
    /// Optional: "%", "days", "people".
    pub unit: String,
    pub baseline: String,
    pub target_value: String,
    /// Day first (`31/3/2028`) or ISO (`2028-03-31`).
    pub target_date: String,
}

/// The measured value as typed or sent.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct MeasurementInput {
    pub measured_value: String,
    pub measured_on: String,
    pub note: String,
}

/// A measured value as shown.
#[derive(Debug, Clone)]
pub struct Measured {
    pub value: Figure,
    pub on: Date,
    pub note: Option<String>,
}

/// One target with where it stands.
#[derive(Debug, Clone)]
pub struct TargetView {
    pub id: Id,
    pub measure: String,
    pub unit: Option<String>,
    pub baseline: Figure,
    pub target_value: Figure,
    pub target_date: Date,
    pub direction: Direction,
    pub measured: Option<Measured>,
    pub status: Status,
}

/// A programme's targets, as its targets page and the API list show them.
#[derive(Debug, Clone)]
pub struct ProgrammeTargets {
    pub programme_id: Id,
    pub programme_title: String,
    /// The reader may add, change, measure and remove (a lead); an evaluator reads only.
    pub can_change: bool,
    pub targets: Vec<TargetView>,
}

/// One target for its lead's forms, with its programme.
#[derive(Debug, Clone)]
pub struct EditableTarget {
    pub programme_id: Id,
    pub programme_title: String,
    pub target: TargetView,
}

fn view(t: Target) -> TargetView {
    let baseline = Figure::from_scaled(t.fields.baseline);
    let target_value = Figure::from_scaled(t.fields.target_value);
    // Stored targets always differ from their baseline (checked on input).
    let direction = Direction::of(baseline, target_value).unwrap_or(Direction::Increase);
    let measured = t.measurement.map(|m| Measured {
        value: Figure::from_scaled(m.value),
        on: m.measured_on,
        note: m.note,
    });
    TargetView {
        status: Status::of(direction, target_value, measured.as_ref().map(|m| m.value)),
        id: t.id,
        measure: t.fields.measure,
        unit: t.fields.unit,
        baseline,
        target_value,
        target_date: t.fields.target_date,
        direction,
        measured,
    }
}

/// Whether `org` lies in the tree of any of the viewer's grants of `role`.
async fn holds_role_over(
    conn: &mut Conn,
    viewer: &Viewer,
    role: Role,
    org: &Id,
) -> Result<bool, Error> {
    for grant in viewer.roles.iter().filter(|g| g.role == role) {
        if organisations::tree(conn, &grant.organisation_id)
            .await?
            .iter()
            .any(|o| &o.id == org)
        {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The programme for someone reading its targets, and whether they may change them.
async fn load_for_reader(
    conn: &mut Conn,
    viewer: &Viewer,
    id: &Id,
) -> Result<(Programme, bool), Error> {
    if !viewer.has_role(Role::Admin) && !viewer.has_role(Role::Evaluator) {
        return Err(Error::Forbidden);
    }
    let programme = programmes::get(conn, id).await?.ok_or(Error::NotFound)?;
    let org = &programme.organisation_id;
    if holds_role_over(conn, viewer, Role::Admin, org).await? {
        Ok((programme, true))
    } else if holds_role_over(conn, viewer, Role::Evaluator, org).await? {
        Ok((programme, false))
    } else {
        Err(Error::NotFound)
    }
}

/// A target and its programme, for one of the programme's leads (403 for a non-lead, 404 for
/// anyone else or no such target).
async fn load_target_for_admin(
    conn: &mut Conn,
    actor: &Actor<'_>,
    id: &Id,
) -> Result<(Target, Programme), Error> {
    if !actor.viewer.is_admin() {
        return Err(Error::Forbidden);
    }
    let target = store::get(conn, id).await?.ok_or(Error::NotFound)?;
    let programme = load_for_admin(conn, actor, &target.programme_id).await?;
    Ok((target, programme))
}

/// A programme's targets, soonest date first, each with whether it was met.
pub async fn programme_targets(
    app: &App,
    viewer: &Viewer,
    programme_id: &Id,
) -> Result<ProgrammeTargets, Error> {
    let mut conn = app.store.conn().await?;
    let (programme, can_change) = load_for_reader(&mut conn, viewer, programme_id).await?;
    let targets = store::list_for_programme(&mut conn, &programme.id)
        .await?
        .into_iter()
        .map(view)
        .collect();
    Ok(ProgrammeTargets {
        programme_id: programme.id,
        programme_title: programme.fields.title,
        can_change,
        targets,
    })
}

/// One target, for its programme's lead (the change, measurement and delete forms).
pub async fn target_for_editing(
    app: &App,
    actor: &Actor<'_>,
    id: &Id,
) -> Result<EditableTarget, Error> {
    let mut conn = app.store.conn().await?;
    let (target, programme) = load_target_for_admin(&mut conn, actor, id).await?;
    Ok(EditableTarget {
        programme_id: programme.id,
        programme_title: programme.fields.title,
        target: view(target),
    })
}

/// The form's values for an existing target.
pub fn input_from(t: &TargetView) -> TargetInput {
    TargetInput {
        measure: t.measure.clone(),
        unit: t.unit.clone().unwrap_or_default(),
        baseline: t.baseline.to_string(),
        target_value: t.target_value.to_string(),
        target_date: t.target_date.to_string(),
    }
}

/// The measurement form's values: what was recorded, if anything.
pub fn measurement_input_from(t: &TargetView) -> MeasurementInput {
    t.measured
        .as_ref()
        .map(|m| MeasurementInput {
            measured_value: m.value.to_string(),
            measured_on: m.on.to_string(),
            note: m.note.clone().unwrap_or_default(),
        })
        .unwrap_or_default()
}

/// A date typed on one line, with its own message when nothing was typed.
fn date_field(raw: &str, field: &'static str, missing: &str) -> Result<Date, Error> {
    if raw.trim().is_empty() {
        return Err(Error::field(field, missing));
    }
    Ok(parse_uk_date(raw, field)?)
}

/// Parses the whole target form, reporting every problem at once.
pub fn parse_target(input: &TargetInput) -> Result<TargetFields, Error> {
    let mut e = FieldErrors::default();
    let measure = e.take(required_line(&input.measure, "measure", "the measure", 200));
    let unit = match input.unit.trim() {
        "" => Some(None),
        raw => e.take(required_line(raw, "unit", "the unit", 30)).map(Some),
    };
    let baseline = e.take(Figure::parse(&input.baseline, "baseline", "the baseline"));
    let target = e.take(Figure::parse(
        &input.target_value,
        "target_value",
        "the target value",
    ));
    if let (Some(b), Some(t)) = (baseline, target)
        && b == t
    {
        e.add(
            "target_value",
            "Enter a target value different from the baseline, so it says which way is better",
        );
    }
    let date = match date_field(
        &input.target_date,
        "target_date",
        "Enter the date the target should be met by",
    ) {
        Ok(d) => Some(d),
        Err(Error::Invalid(list)) => {
            e.0.extend(list);
            None
        }
        Err(other) => return Err(other),
    };
    match (measure, unit, baseline, target, date) {
        (Some(measure), Some(unit), Some(b), Some(t), Some(target_date)) if !e.any() => {
            Ok(TargetFields {
                measure,
                unit,
                baseline: b.scaled(),
                target_value: t.scaled(),
                target_date,
            })
        }
        _ => Err(Error::Invalid(e.0)),
    }
}

/// Parses the measurement form; `today` is the reader's today (a measurement cannot be later).
pub fn parse_measurement(input: &MeasurementInput, today: Date) -> Result<Measurement, Error> {
    let mut e = FieldErrors::default();
    let value = e.take(Figure::parse(
        &input.measured_value,
        "measured_value",
        "the measured value",
    ));
    let on = match date_field(
        &input.measured_on,
        "measured_on",
        "Enter the date it was measured",
    ) {
        Ok(d) if d > today => {
            e.add(
                "measured_on",
                "The date it was measured must be today or in the past",
            );
            None
        }
        Ok(d) => Some(d),
        Err(Error::Invalid(list)) => {
            e.0.extend(list);
            None
        }
        Err(other) => return Err(other),
    };
    let note = e.take(revans_domain::bounded(
        &input.note,
        "note",
        "The note",
        1000,
    ));
    match (value, on, note) {
        (Some(v), Some(on), Some(note)) => Ok(Measurement {
            value: v.scaled(),
            measured_on: on,
            note: (!note.is_empty()).then_some(note),
        }),
        _ => Err(Error::Invalid(e.0)),
    }
}

/// Today in the viewer's time zone.
fn today_for(viewer: &Viewer) -> Date {
    let zone = jiff::tz::TimeZone::get(viewer.timezone()).unwrap_or(jiff::tz::TimeZone::UTC);
    jiff::Timestamp::now().to_zoned(zone).date()
}

/// Adds a target to a programme the actor leads.
pub async fn add(
    app: &App,
    actor: &Actor<'_>,
    programme_id: &Id,
    input: &TargetInput,
) -> Result<Id, Error> {
    if !actor.viewer.is_admin() {
        return Err(Error::Forbidden);
    }
    let mut tx = app.store.begin().await?;
    let programme = load_for_admin(&mut tx, actor, programme_id).await?;
    let fields = parse_target(input)?;
    let id = store::insert(&mut tx, &programme.organisation_id, &programme.id, &fields).await?;
    actor
        .audit(
            &mut tx,
            "target.added",
            "evaluation_target",
            id.as_str(),
            &format!(
                "Added the target \"{}\" to {}",
                fields.measure, programme.fields.title
            ),
            &programme.organisation_id,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(id)
}

/// Changes a target's measure, numbers or date; a recorded measurement stays.
pub async fn change(
    app: &App,
    actor: &Actor<'_>,
    id: &Id,
    input: &TargetInput,
) -> Result<(), Error> {
    let mut tx = app.store.begin().await?;
    let (_, programme) = load_target_for_admin(&mut tx, actor, id).await?;
    let fields = parse_target(input)?;
    if !store::update(&mut tx, id, &fields).await? {
        return Err(Error::NotFound);
    }
    actor
        .audit(
            &mut tx,
            "target.changed",
            "evaluation_target",
            id.as_str(),
            &format!(
                "Changed the target \"{}\" of {}",
                fields.measure, programme.fields.title
            ),
            &programme.organisation_id,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(())
}

/// Records (or corrects) the value measured for a target.
pub async fn record_measurement(
    app: &App,
    actor: &Actor<'_>,
    id: &Id,
    input: &MeasurementInput,
) -> Result<(), Error> {
    let mut tx = app.store.begin().await?;
    let (target, programme) = load_target_for_admin(&mut tx, actor, id).await?;
    let measurement = parse_measurement(input, today_for(actor.viewer))?;
    if !store::record_measurement(&mut tx, id, &measurement).await? {
        return Err(Error::NotFound);
    }
    actor
        .audit(
            &mut tx,
            "target.measured",
            "evaluation_target",
            id.as_str(),
            &format!(
                "Recorded the measured value of the target \"{}\" of {}",
                target.fields.measure, programme.fields.title
            ),
            &programme.organisation_id,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(())
}

/// Removes a target; returns its programme, to go back to.
pub async fn remove(app: &App, actor: &Actor<'_>, id: &Id) -> Result<Id, Error> {
    let mut tx = app.store.begin().await?;
    let (target, programme) = load_target_for_admin(&mut tx, actor, id).await?;
    if !store::delete(&mut tx, id).await? {
        return Err(Error::NotFound);
    }
    actor
        .audit(
            &mut tx,
            "target.removed",
            "evaluation_target",
            id.as_str(),
            &format!(
                "Removed the target \"{}\" from {}",
                target.fields.measure, programme.fields.title
            ),
            &programme.organisation_id,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(programme.id)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn fields(e: Error) -> Vec<(String, String)> {
        match e {
            Error::Invalid(list) => list.into_iter().map(|f| (f.field, f.message)).collect(),
            other => panic!("expected field errors, got {other:?}"),
        }
    }

    #[test]
    fn a_target_form_reports_every_problem_at_once() {
        let got = fields(parse_target(&TargetInput::default()).unwrap_err());
        let names: Vec<&str> = got.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(
            names,
            ["measure", "baseline", "target_value", "target_date"]
        );
        let same = TargetInput {
            measure: "Turnover".into(),
            unit: "%".into(),
            baseline: "12".into(),
            target_value: "12.0".into(),
            target_date: "31/3/2028".into(),
        };
        let got = fields(parse_target(&same).unwrap_err());
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, "target_value");
        let ok = parse_target(&TargetInput {
            target_value: "10".into(),
            ..same
        })
        .unwrap();
        assert_eq!(ok.target_date, jiff::civil::date(2028, 3, 31));
        assert_eq!(ok.unit.as_deref(), Some("%"));
    }

    #[test]
    fn a_measurement_cannot_be_dated_after_today() {
        let today = jiff::civil::date(2028, 4, 1);
        let input = MeasurementInput {
            measured_value: "9.5".into(),
            measured_on: "2/4/2028".into(),
            note: String::new(),
        };
        let got = fields(parse_measurement(&input, today).unwrap_err());
        assert_eq!(got[0].0, "measured_on");
        let ok = parse_measurement(
            &MeasurementInput {
                measured_on: "1/4/2028".into(),
                ..input
            },
            today,
        )
        .unwrap();
        assert_eq!(ok.value, 95_000);
        assert_eq!(ok.note, None);
    }
}
