//! What happens in sets: members and facilitators, meetings with attendance, problems with
//! themes, actions, diary entries and reflective logs; then the audit log is topped up with
//! sign-ins to the scale's figure.

use revans_storage::bulk::{Table, Value};

use super::audit::{self, Entry};
use super::manifest::Landmarks;
use super::names::{DIARY, LOGS, PROBLEMS, THEMES};
use super::people::Staff;
use super::places::{Places, cohort_start};
use super::plan::Plan;
use super::rng::Rng;
use super::writer::Writer;
use crate::Error;

const DAY_MS: i64 = 86_400_000;
const HOUR_MS: i64 = 3_600_000;
const REVIEW_EVERY: usize = 7;

fn date(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| t.to_zoned(jiff::tz::TimeZone::UTC).date().to_string())
        .unwrap_or_else(|_| "2026-01-01".into())
}

fn sharing(rng: &mut Rng) -> &'static str {
    match rng.below(10) {
        0..=6 => "private",
        7 | 8 => "facilitator",
        _ => "set",
    }
}

pub async fn write(
    w: &mut Writer,
    plan: &Plan,
    staff: &Staff,
    places: &Places,
    now: i64,
) -> Result<Landmarks, Error> {
    let mut marks = Landmarks::default();
    let mut rng = Rng::fork(plan.seed, 3);
    let ids = &staff.person_ids;
    let mut position_in_cohort = vec![0i64; plan.cohorts.len()];
    for (s, set) in plan.sets.iter().enumerate() {
        let cohort = &plan.cohorts[set.cohort];
        let first = cohort_start(now, cohort.starts_in_days);
        let formed = first - 14 * DAY_MS;
        let set_id = w.ids.next();
        if s == 0 {
            marks.big_set_id = Some(set_id.clone());
        }
        let position = position_in_cohort[set.cohort];
        position_in_cohort[set.cohort] += 1;
        if position == 0 {
            audit::record(
                w,
                plan,
                staff,
                Entry {
                    at: formed,
                    actor: Some(plan.lead),
                    action: "sets.published",
                    subject_type: "cohort",
                    subject_id: &places.cohort_ids[set.cohort],
                    detail: "Published the cohort's sets",
                    org: 0,
                },
            )
            .await?;
        }
        w.row(
            Table::ActionSets,
            vec![
                set_id.clone().into(),
                places.cohort_ids[set.cohort].clone().into(),
                format!("Set {}", position + 1).into(),
                position.into(),
                "published".into(),
                (REVIEW_EVERY as i64).into(),
                "Europe/London".into(),
                "virtual".into(),
                format!("https://meet.example/set-{}", s + 1).into(),
                false.into(),
                formed.into(),
                formed.into(),
            ],
        )
        .await?;
        for (k, &m) in set.members.iter().enumerate() {
            let id = w.ids.next();
            w.row(
                Table::SetMembers,
                vec![
                    id.into(),
                    set_id.clone().into(),
                    ids[m].clone().into(),
                    ids[m].clone().into(),
                    (k as i64).into(),
                    false.into(),
                    formed.into(),
                ],
            )
            .await?;
        }
        w.row(
            Table::SetFacilitators,
            vec![
                set_id.clone().into(),
                ids[set.facilitator].clone().into(),
                formed.into(),
            ],
        )
        .await?;
        // Each member brings a problem, tagged with one or two themes.
        let mut problem_ids = Vec::with_capacity(set.members.len());
        for &m in &set.members {
            let id = w.ids.next();
            let mut themes = vec![*rng.pick(&THEMES)];
            let second = *rng.pick(&THEMES);
            if rng.chance(40) && second != themes[0] {
                themes.push(second);
            }
            w.row(
                Table::Problems,
                vec![
                    id.clone().into(),
                    set_id.clone().into(),
                    ids[m].clone().into(),
                    ids[m].clone().into(),
                    (*rng.pick(&PROBLEMS)).into(),
                    "What I have tried so far, and what is in the way.".into(),
                    serde_json::to_string(&themes)
                        .map_err(Error::internal)?
                        .into(),
                    (first - DAY_MS).into(),
                    (first - DAY_MS).into(),
                ],
            )
            .await?;
            problem_ids.push(id);
        }
        // Meetings every four weeks from the cohort's start; those past are held.
        let mut held = Vec::new();
        for i in 0..set.meetings {
            let id = w.ids.next();
            let start = first + i as i64 * 28 * DAY_MS;
            let is_held = start + 3 * HOUR_MS < now;
            w.row(
                Table::Meetings,
                vec![
                    id.clone().into(),
                    set_id.clone().into(),
                    start.into(),
                    (start + 3 * HOUR_MS).into(),
                    "scheduled".into(),
                    is_held.into(),
                    0i64.into(),
                    formed.into(),
                    formed.into(),
                ],
            )
            .await?;
            if !is_held {
                continue;
            }
            let recorded = start + 4 * HOUR_MS;
            for &m in &set.members {
                let status = match rng.below(20) {
                    0 => "absent",
                    1 | 2 => "apologies",
                    _ => "present",
                };
                w.row(
                    Table::Attendance,
                    vec![
                        id.clone().into(),
                        ids[m].clone().into(),
                        status.into(),
                        ids[set.facilitator].clone().into(),
                        recorded.into(),
                    ],
                )
                .await?;
            }
            audit::record(
                w,
                plan,
                staff,
                Entry {
                    at: recorded,
                    actor: Some(set.facilitator),
                    action: "meetings.attendance",
                    subject_type: "meeting",
                    subject_id: &id,
                    detail: "Recorded attendance",
                    org: plan.people[set.facilitator].org,
                },
            )
            .await?;
            // The presenter in turn commits to an action (review meetings have none).
            if (i + 1) % REVIEW_EVERY != 0 {
                let k = i % set.members.len();
                let action = w.ids.next();
                w.row(
                    Table::Actions,
                    vec![
                        action.into(),
                        set_id.clone().into(),
                        id.clone().into(),
                        ids[set.members[k]].clone().into(),
                        Value::from(Some(problem_ids[k].clone())),
                        "Talk to the team about one change to try this month".into(),
                        date(start + 28 * DAY_MS).into(),
                        recorded.into(),
                        recorded.into(),
                    ],
                )
                .await?;
            }
            let log = w.ids.next();
            w.row(
                Table::DiaryEntries,
                vec![
                    log.into(),
                    ids[set.facilitator].clone().into(),
                    "log".into(),
                    Value::from(Some(set_id.clone())),
                    Value::from(Some(id.clone())),
                    (if rng.chance(30) {
                        "supervisor"
                    } else {
                        "private"
                    })
                    .into(),
                    (*rng.pick(&LOGS)).into(),
                    recorded.into(),
                    recorded.into(),
                    Value::from(None::<i64>),
                ],
            )
            .await?;
            if s == 0 && marks.big_meeting_id.is_none() {
                marks.big_meeting_id = Some(id.clone());
            }
            held.push((id, start));
        }
        // Diaries: most members write after meetings; one writes a great deal.
        for &m in &set.members {
            let count = if m == plan.heavy {
                plan.scale.heavy_diary
            } else {
                rng.between(8, 14)
            };
            for e in 0..count {
                let (meeting, at) = match held.get(e % held.len().max(1)) {
                    Some((id, start)) if e < held.len() * 2 => {
                        (Some(id.clone()), start + 5 * HOUR_MS + e as i64 * 60_000)
                    }
                    _ => (None, first - DAY_MS + (e as i64 * 37 % 2000) * 3_600_000),
                };
                let at = at.min(now - 60_000);
                let share = sharing(&mut rng);
                let entry = w.ids.next();
                w.row(
                    Table::DiaryEntries,
                    vec![
                        entry.into(),
                        ids[m].clone().into(),
                        "diary".into(),
                        Value::from(Some(set_id.clone())),
                        Value::from(meeting),
                        share.into(),
                        (*rng.pick(&DIARY)).into(),
                        at.into(),
                        at.into(),
                        Value::from((share != "private").then_some(at)),
                    ],
                )
                .await?;
            }
        }
    }
    // Sign-ins top the audit log up to the scale's figure.
    let missing = plan.scale.audit_entries.saturating_sub(w.audited());
    for k in 0..missing {
        let p = k % plan.people.len();
        let at = now - (k as i64 * 7_919 % (365 * 24 * 60)) * 60_000;
        audit::record(
            w,
            plan,
            staff,
            Entry {
                at,
                actor: Some(p),
                action: "session.signed_in",
                subject_type: "person",
                subject_id: &ids[p],
                detail: "Signed in with a password",
                org: plan.people[p].org,
            },
        )
        .await?;
    }
    Ok(marks)
}
