//! The retention sweep: when the service sets `retention_months`, diary and log entries,
//! questionnaire answers and applications' free text are deleted that many months after their
//! cohort's last session ended (`revans_storage::retention`). It runs with the other sweeps
//! and is audited as counts only: no entry, no person.

use revans_storage::{audit, retention};

use crate::{App, Error};

pub use revans_storage::retention::Swept;

/// One pass at `now` (ms). Nothing happens when no retention period is set.
pub async fn sweep(state: &App, now: i64) -> Result<Swept, Error> {
    let Some(months) = state.settings.retention_months else {
        return Ok(Swept::default());
    };
    let cutoff = months_before(now, months)?;
    let mut tx = state.store.begin().await?;
    let swept = retention::sweep(&mut tx, cutoff).await?;
    if !swept.is_empty() {
        let detail = format!(
            "Deleted {} diary and log entries, {} questionnaire answers and the answers of {} applications, kept {months} months after their cohort ended",
            swept.diary_entries, swept.questionnaire_answers, swept.application_answers
        );
        audit::record(
            &mut tx,
            audit::NewAuditEntry {
                actor_id: None,
                actor_name: "Revans (scheduled)",
                action: "retention.swept",
                subject_type: "retention",
                subject_id: "",
                detail: &detail,
                ip: "background worker",
                organisation_id: None,
            },
        )
        .await?;
    }
    revans_storage::commit(tx).await?;
    Ok(swept)
}

/// The same moment `months` calendar months earlier (UTC), in ms.
fn months_before(now: i64, months: u32) -> Result<i64, Error> {
    let then = jiff::Timestamp::from_millisecond(now)
        .and_then(|t| {
            t.to_zoned(jiff::tz::TimeZone::UTC)
                .checked_sub(jiff::Span::new().try_months(i64::from(months))?)
        })
        .map_err(Error::internal)?;
    Ok(then.timestamp().as_millisecond())
}

#[cfg(test)]
mod tests {
    use super::months_before;

    #[test]
    fn a_month_before_is_a_calendar_month() {
        // 2027-03-31T00:00Z minus one month is 2027-02-28 (jiff clamps to the month's end).
        let march_31 = 1_806_451_200_000;
        let feb_28 = 1_803_772_800_000;
        assert_eq!(months_before(march_31, 1).unwrap(), feb_28);
        assert_eq!(months_before(march_31, 0).unwrap(), march_31);
    }
}
