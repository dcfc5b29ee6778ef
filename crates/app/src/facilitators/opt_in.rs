//! A facilitator opts in to their region's pool, changes their place, says when they are away
//! or unavailable from a date, and leaves.

use revans_domain::{FieldError, Id, Role, parse_uk_date, parse_zone};
use revans_storage::pool::{self, Absence, Membership, Window};

use super::{describe_windows, own_region};
use crate::{Actor, App, Error, Viewer};

/// One weekly window as typed or sent: a weekday name or number and two `HH:MM` times.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct WindowInput {
    pub weekday: String,
    pub from: String,
    pub to: String,
}

/// The pool form as typed (pages) or sent (API).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct PoolInput {
    pub capacity: String,
    /// `yes` or `no`.
    pub outside_own_org: String,
    pub timezone: String,
    pub availability: Vec<WindowInput>,
}

/// Days away as typed or sent; no last day means unavailable from the first day on.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct AbsenceInput {
    pub first_day: String,
    pub last_day: String,
}

/// The facilitator's own page: their place in the pool, if any, and their days away.
#[derive(Debug, Clone)]
pub struct MyPool {
    pub region_id: Id,
    pub region_name: String,
    pub membership: Option<Membership>,
    pub availability_summary: String,
    pub absences: Vec<Absence>,
}

fn require_facilitator(viewer: &Viewer) -> Result<(), Error> {
    if viewer.has_role(Role::Facilitator) {
        Ok(())
    } else {
        Err(Error::Forbidden)
    }
}

fn weekday(raw: &str) -> Option<i64> {
    let t = raw.trim().to_ascii_lowercase();
    if let Ok(n) = t.parse::<i64>() {
        return (1..=7).contains(&n).then_some(n);
    }
    let names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    names
        .iter()
        .position(|n| t.len() >= 3 && t.starts_with(n))
        .map(|i| i as i64 + 1)
}

fn minutes(raw: &str) -> Option<i64> {
    let (h, m) = raw.trim().split_once(':')?;
    let (h, m): (i64, i64) = (h.parse().ok()?, m.parse().ok()?);
    ((0..=24).contains(&h) && (0..60).contains(&m) && h * 60 + m <= 1440).then_some(h * 60 + m)
}

/// Checks the form; every problem is named by its field.
pub fn parse(input: &PoolInput) -> Result<Membership, Error> {
    let mut errors: Vec<FieldError> = Vec::new();
    let mut bad = |field: String, message: &str| {
        errors.push(FieldError {
            field,
            message: message.to_owned(),
        })
    };
    let capacity = match input.capacity.trim().parse::<i64>() {
        Ok(n) if (1..=20).contains(&n) => n,
        _ => {
            bad(
                "capacity".into(),
                "Enter how many sets and circles you can run at once, from 1 to 20",
            );
            1
        }
    };
    let outside_own_org = match input.outside_own_org.trim() {
        "yes" | "true" => true,
        "no" | "false" => false,
        _ => {
            bad(
                "outside_own_org".into(),
                "Select whether you will facilitate outside your own organisation",
            );
            false
        }
    };
    let timezone = match parse_zone(&input.timezone) {
        Ok(_) => input.timezone.trim().to_owned(),
        Err(_) => {
            bad("timezone".into(), "Enter a time zone such as Europe/London");
            String::new()
        }
    };
    let mut availability: Vec<Window> = Vec::new();
    for (i, w) in input.availability.iter().enumerate() {
        let (Some(weekday), Some(from), Some(to)) =
            (weekday(&w.weekday), minutes(&w.from), minutes(&w.to))
        else {
            bad(
                format!("availability[{i}]"),
                "Enter a weekday and two times such as 09:00 and 12:00",
            );
            continue;
        };
        if to <= from {
            bad(
                format!("availability[{i}]"),
                "The end time must be after the start time",
            );
            continue;
        }
        if availability
            .iter()
            .any(|x| x.weekday == weekday && x.from_minute == from)
        {
            bad(format!("availability[{i}]"), "Give each time on a day once");
            continue;
        }
        availability.push(Window {
            weekday,
            from_minute: from,
            to_minute: to,
        });
    }
    if input.availability.is_empty() {
        bad(
            "availability".into(),
            "Give at least one weekday and time you can facilitate",
        );
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    availability.sort_by_key(|w| (w.weekday, w.from_minute));
    Ok(Membership {
        capacity,
        outside_own_org,
        timezone,
        availability,
    })
}

/// The facilitator's place in their region's pool.
pub async fn my_pool(app: &App, viewer: &Viewer) -> Result<MyPool, Error> {
    require_facilitator(viewer)?;
    let mut conn = app.store.conn().await?;
    let region_id = own_region(&mut conn, viewer).await?;
    let region_name = revans_storage::organisations::get(&mut conn, &region_id)
        .await?
        .map(|o| o.name)
        .unwrap_or_default();
    let membership = pool::membership(&mut conn, &viewer.person.id, &region_id).await?;
    let absences = pool::absences_of(&mut conn, &viewer.person.id).await?;
    Ok(MyPool {
        availability_summary: membership
            .as_ref()
            .map(|m| describe_windows(&m.availability))
            .unwrap_or_default(),
        region_id,
        region_name,
        membership,
        absences,
    })
}

/// Joins (or changes one's place in) the region's pool, with its audit entry.
pub async fn join(app: &App, actor: &Actor<'_>, input: &PoolInput) -> Result<Membership, Error> {
    require_facilitator(actor.viewer)?;
    let m = parse(input)?;
    let mut tx = app.store.begin().await?;
    let me = &actor.viewer.person;
    let region = own_region(&mut tx, actor.viewer).await?;
    let was_in = pool::membership(&mut tx, &me.id, &region).await?.is_some();
    pool::join(&mut tx, &me.id, &region, &me.organisation_id, &m).await?;
    let detail = format!(
        "{} the pool: capacity {}, {}, {}",
        if was_in {
            "Changed their place in"
        } else {
            "Joined"
        },
        m.capacity,
        if m.outside_own_org {
            "will facilitate outside their organisation"
        } else {
            "only in their organisation"
        },
        describe_windows(&m.availability)
    );
    actor
        .audit(
            &mut tx,
            "pool.join",
            "person",
            me.id.as_str(),
            &detail,
            &region,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(m)
}

/// Leaves the pool (sets and circles already run are untouched).
pub async fn leave(app: &App, actor: &Actor<'_>) -> Result<(), Error> {
    require_facilitator(actor.viewer)?;
    let mut tx = app.store.begin().await?;
    let me = &actor.viewer.person;
    let region = own_region(&mut tx, actor.viewer).await?;
    if !pool::leave(&mut tx, &me.id, &region).await? {
        return Err(Error::Conflict("You are not in the pool".into()));
    }
    actor
        .audit(
            &mut tx,
            "pool.leave",
            "person",
            me.id.as_str(),
            "Left the pool",
            &region,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(())
}

/// Parses days away: the first day, and a last day on or after it when given.
pub fn parse_absence(input: &AbsenceInput) -> Result<(String, Option<String>), Error> {
    let first = parse_uk_date(&input.first_day, "first_day")?;
    let last = if input.last_day.trim().is_empty() {
        None
    } else {
        let last = parse_uk_date(&input.last_day, "last_day")?;
        if last < first {
            return Err(Error::field(
                "last_day",
                "The last day must be on or after the first day",
            ));
        }
        Some(last.to_string())
    };
    Ok((first.to_string(), last))
}

/// Records the viewer's own days away (or unavailability from a date, with no last day);
/// returns its id, first day and last day.
pub async fn add_absence(
    app: &App,
    actor: &Actor<'_>,
    input: &AbsenceInput,
) -> Result<(Id, String, Option<String>), Error> {
    require_facilitator(actor.viewer)?;
    let (first, last) = parse_absence(input)?;
    let me = &actor.viewer.person;
    let mut tx = app.store.begin().await?;
    let region = own_region(&mut tx, actor.viewer).await?;
    let id = pool::add_absence(&mut tx, &me.id, &first, last.as_deref(), &me.id).await?;
    let detail = match &last {
        Some(l) => format!("Away from {first} to {l}"),
        None => format!("Unavailable from {first}"),
    };
    actor
        .audit(
            &mut tx,
            "pool.absence",
            "person",
            me.id.as_str(),
            &detail,
            &region,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok((id, first, last))
}

/// Removes one of the viewer's own absences.
pub async fn remove_absence(app: &App, actor: &Actor<'_>, id: &Id) -> Result<(), Error> {
    require_facilitator(actor.viewer)?;
    let me = &actor.viewer.person;
    let mut tx = app.store.begin().await?;
    let region = own_region(&mut tx, actor.viewer).await?;
    if !pool::remove_absence(&mut tx, &me.id, id).await? {
        return Err(Error::NotFound);
    }
    actor
        .audit(
            &mut tx,
            "pool.absence_removed",
            "person",
            me.id.as_str(),
            "Removed days away",
            &region,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(())
}
