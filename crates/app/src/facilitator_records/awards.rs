//! The qualification a programme's completers gain (`programmes.awards_qualification`). It is
//! awarded when attendance is recorded: the hook is `sets::meetings::record_attendance`, the
//! one place a participant's completion can change. Each member of the set who now meets the
//! cohort's completion rule gains it, once per person and cohort (a unique index decides), so
//! recording the same meeting again, or two instances at once, never adds it twice.

use revans_domain::Id;
use revans_storage::{Conn, cohorts, facilitator_profiles as profiles, sets};

use crate::places::programmes::load_for_admin;
use crate::{Actor, App, Error};

/// Awards the programme's qualification to the set's members who completed; how many gained
/// it now. Runs in the caller's transaction.
pub async fn award_for_set(conn: &mut Conn, set_id: &Id) -> Result<usize, Error> {
    let Some(set) = sets::get(conn, set_id).await? else {
        return Ok(0);
    };
    let Some(cohort) = cohorts::get(conn, &set.cohort_id).await? else {
        return Ok(0);
    };
    let Some((name, level)) = profiles::programme_award(conn, &cohort.programme_id).await? else {
        return Ok(0);
    };
    let (meetings, presence) = profiles::set_presence(conn, set_id).await?;
    let sessions = u32::try_from(meetings).unwrap_or(0);
    if sessions == 0 {
        return Ok(0);
    }
    let today = jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::get(&cohort.timezone).unwrap_or(jiff::tz::TimeZone::UTC))
        .date()
        .to_string();
    let mut added = 0;
    for (person, present) in presence {
        let present = u32::try_from(present).unwrap_or(0);
        if cohort.completion.is_complete(present, sessions)
            && profiles::award(conn, &person, &cohort.id, &name, &level, &today).await?
        {
            added += 1;
        }
    }
    Ok(added)
}

/// What a programme awards, for its lead: (qualification, level), empty when none.
pub async fn programme_award(
    app: &App,
    actor: &Actor<'_>,
    programme: &Id,
) -> Result<(String, String, String), Error> {
    let mut conn = app.store.conn().await?;
    let p = load_for_admin(&mut conn, actor, programme).await?;
    let (name, level) = profiles::programme_award(&mut conn, programme)
        .await?
        .unwrap_or_default();
    Ok((p.fields.title, name, level))
}

#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct AwardInput {
    /// Empty to award nothing.
    pub qualification: String,
    pub level: String,
}

/// Names the qualification the programme's completers gain (or none), then awards it to
/// everyone who has completed a cohort of it already. How many gained it now.
pub async fn set_award(
    app: &App,
    actor: &Actor<'_>,
    programme: &Id,
    input: &AwardInput,
) -> Result<usize, Error> {
    let mut tx = app.store.begin().await?;
    let p = load_for_admin(&mut tx, actor, programme).await?;
    let name = input.qualification.trim();
    let award = if name.is_empty() {
        None
    } else {
        let name =
            revans_domain::required_line(name, "qualification", "the qualification's name", 200)?;
        let level = revans_domain::required_line(
            &input.level,
            "level",
            "its level, like Introductory",
            100,
        )?;
        Some((name, level))
    };
    profiles::set_programme_award(
        &mut tx,
        programme,
        award.as_ref().map(|(n, l)| (n.as_str(), l.as_str())),
    )
    .await?;
    let mut added = 0;
    if award.is_some() {
        for cohort in cohorts::list_for_programme(&mut tx, programme).await? {
            for set in sets::list_for_cohort(&mut tx, &cohort.id).await? {
                added += award_for_set(&mut tx, &set.id).await?;
            }
        }
    }
    let detail = match &award {
        Some((n, l)) => format!(
            "Completers of {} gain {n} ({l}); {added} awarded now",
            p.fields.title
        ),
        None => format!("Completers of {} gain no qualification", p.fields.title),
    };
    actor
        .audit(
            &mut tx,
            "programme.award",
            "programme",
            programme.as_str(),
            &detail,
            &p.organisation_id,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(added)
}
