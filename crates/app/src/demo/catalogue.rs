//! The demo catalogue: the seed's "Leadership Circles Train the Trainer" (two half days,
//! 30 places, an ICS may nominate up to 5), published with two cohorts in the coming months.

use revans_domain::{
    AllocationRule, Capacity, CompletionRule, DeliveryMode, Id, ProgrammeKind, ProgrammeStatus,
    RecurrenceInput, Schedule,
};
use revans_storage::programmes::{self, ProgrammeFields};
use revans_storage::{Conn, cohorts, now_ms};

use crate::Error;

const DAY_MS: i64 = 86_400_000;

fn lines(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

/// Adds the programme to the tenant `ics`.
pub async fn seed(conn: &mut Conn, ics: &Id) -> Result<Id, Error> {
    let fields = ProgrammeFields {
        title: "Leadership Circles Train the Trainer".into(),
        summary: "Train to facilitate leadership support circles across the ICS.".into(),
        description: "One day of training spread over two half days, delivered virtually.".into(),
        kind: ProgrammeKind::TrainTheTrainer,
        outcomes: lines(&["Facilitate a leadership support circle of 6 to 25 people online"]),
        audience: "Experienced facilitators who support people managers.".into(),
        leads: "North Coast Leadership Academy".into(),
        fee_pence: 0,
        cpd_minutes: 420,
        delivery_mode: DeliveryMode::Virtual,
        delivery_detail: "https://meet.example/circles".into(),
        eligibility: lines(&[
            "At least 2-3 years' experience of group facilitation, or a qualification in coaching, mentoring, action learning or facilitation",
            "Some confidence in facilitating online groups",
        ]),
        confirmations: lines(&[
            "I have discussed this offer with my HR, wellbeing or OD lead",
            "My organisation has nominated me to apply",
        ]),
        questions: lines(&["What facilitation have you done in the last two years?"]),
        phases: lines(&["Training: two half days", "Local implementation session"]),
        follow_on_id: None,
        requires_sponsor_approval: true,
        allocation_rule: AllocationRule::ApprovalOrder,
        lottery_seed: 2026,
        offer_valid_days: 7,
    };
    let id = programmes::insert(conn, ics, &fields).await?;
    programmes::set_cap(conn, &id, ics, Some(5)).await?;
    let now = now_ms();
    for (name, days_ahead, time) in [("Cohort 1", 60, "09:30"), ("Cohort 2", 88, "13:30")] {
        let start = jiff::Timestamp::from_millisecond(now + days_ahead * DAY_MS)
            .map_err(Error::internal)?
            .to_zoned(jiff::tz::TimeZone::UTC)
            .date()
            .to_string();
        let schedule = Schedule::recurrence(
            &RecurrenceInput {
                start_date: &start,
                start_time: time,
                duration_minutes: "210",
                timezone: "Europe/London",
                rule: "FREQ=DAILY;COUNT=2",
                exceptions: "",
            },
            now,
        )?;
        cohorts::insert(
            conn,
            &cohorts::NewCohort {
                programme_id: &id,
                name,
                capacity: Capacity::new(30)?,
                opens_at: now - DAY_MS,
                closes_at: schedule.first_start() - 7 * DAY_MS,
                schedule: &schedule,
                schedule_kind: "recurrence",
                schedule_spec: "{}",
                completion: CompletionRule::AllSessions,
            },
        )
        .await?;
    }
    programmes::set_status(conn, &id, ProgrammeStatus::Published).await?;
    Ok(id)
}
