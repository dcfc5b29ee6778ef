//! Programmes, nomination caps, cohorts with their sessions, applications and preferences.

use std::collections::BTreeMap;

use revans_domain::{ApplicationState, CompletionRule, DeliveryMode};
use revans_storage::bulk::{Table, Value};

use super::audit::{self, Entry};
use super::people::Staff;
use super::plan::{Plan, REGIONS};
use super::writer::Writer;
use crate::Error;

const DAY_MS: i64 = 86_400_000;
const HOUR_MS: i64 = 3_600_000;
const SESSIONS: i64 = 6;

/// The ids given to the plan's programmes, cohorts and applications, by index.
pub struct Places {
    pub programme_ids: Vec<String>,
    pub cohort_ids: Vec<String>,
}

fn json(items: &[&str]) -> String {
    serde_json::to_string(items).unwrap_or_else(|_| "[]".into())
}

/// When a cohort's first session starts (09:30 UTC on its day).
pub fn cohort_start(now: i64, starts_in_days: i64) -> i64 {
    (now / DAY_MS + starts_in_days) * DAY_MS + 9 * HOUR_MS + 30 * 60_000
}

pub async fn write(w: &mut Writer, plan: &Plan, staff: &Staff, now: i64) -> Result<Places, Error> {
    let created = now - 380 * DAY_MS;
    let root = staff.org_ids[0].clone();
    let mut programme_ids = Vec::new();
    for (p, prog) in plan.programmes.iter().enumerate() {
        let id = w.ids.next();
        let mode = if p % 3 == 2 {
            DeliveryMode::InPerson
        } else {
            DeliveryMode::Virtual
        };
        let detail = match mode {
            DeliveryMode::Virtual => format!("https://meet.example/programme-{}", p + 1),
            DeliveryMode::InPerson => "Conference Centre, 1 Market Street".to_owned(),
        };
        let status = if prog.draft { "draft" } else { "published" };
        let row: Vec<Value> = vec![
            id.clone().into(),
            root.clone().into(),
            prog.title.as_str().into(),
            format!("{} for managers across the region.", prog.kind.label()).into(),
            "Generated for measuring Revans at national scale.".into(),
            prog.kind.as_str().into(),
            json(&["Make progress on a real problem with the help of peers"]).into(),
            "Managers from any organisation in the region.".into(),
            "National Leadership Academy".into(),
            0i64.into(),
            (18 * 60i64).into(),
            mode.as_str().into(),
            detail.into(),
            json(&["You manage people or services"]).into(),
            json(&["My line manager supports me taking part"]).into(),
            json(&["What do you hope to change?"]).into(),
            json(&["Launch", "Sets", "Final event"]).into(),
            prog.sponsor_approval.into(),
            (if prog.lottery {
                "lottery"
            } else {
                "approval_order"
            })
            .into(),
            (plan.seed as i64 + p as i64).into(),
            7i64.into(),
            status.into(),
            created.into(),
            created.into(),
        ];
        w.row(Table::Programmes, row).await?;
        audit::record(
            w,
            plan,
            staff,
            Entry {
                at: created,
                actor: Some(plan.lead),
                action: "programme.created",
                subject_type: "programme",
                subject_id: &id,
                detail: &prog.title,
                org: 0,
            },
        )
        .await?;
        programme_ids.push(id);
    }
    let (rule, minimum) = CompletionRule::AllSessions.to_parts();
    let mut cohort_ids = Vec::new();
    for cohort in &plan.cohorts {
        let id = w.ids.next();
        let first = cohort_start(now, cohort.starts_in_days);
        let gap = if cohort.starts_in_days < 0 { 28 } else { 7 } * DAY_MS;
        w.row(
            Table::Cohorts,
            vec![
                id.clone().into(),
                programme_ids[cohort.programme].clone().into(),
                cohort.name.as_str().into(),
                cohort.capacity.into(),
                cohort.confirmed.into(),
                (first - 90 * DAY_MS).into(),
                (first - 7 * DAY_MS).into(),
                "Europe/London".into(),
                "explicit".into(),
                "{}".into(),
                rule.into(),
                Value::from(minimum),
                "open".into(),
                created.into(),
            ],
        )
        .await?;
        for k in 0..SESSIONS {
            let start = first + k * gap;
            w.row(
                Table::CohortSessions,
                vec![
                    id.clone().into(),
                    (k + 1).into(),
                    start.into(),
                    (start + 3 * HOUR_MS).into(),
                ],
            )
            .await?;
        }
        cohort_ids.push(id);
    }
    let mut nominated: BTreeMap<(usize, usize), i64> = BTreeMap::new();
    for (k, a) in plan.applications.iter().enumerate() {
        let id = w.ids.next();
        let person = &plan.people[a.person];
        let at = now - (120 + (k as i64 % 200)) * DAY_MS;
        let state = a.state;
        use ApplicationState as S;
        let with_cohort = matches!(
            state,
            S::Waitlisted | S::Offered | S::Accepted | S::Declined | S::Expired
        );
        let approved = matches!(
            state,
            S::Approved | S::Waitlisted | S::Offered | S::Accepted | S::Declined | S::Expired
        );
        let offer_expires = match state {
            S::Offered => Some(now + 5 * DAY_MS),
            S::Accepted | S::Declined | S::Expired => Some(at + 7 * DAY_MS),
            _ => None,
        };
        let sponsor_approved = (a.nominated_by.is_some() && (approved || state == S::Withdrawn))
            .then_some(at + DAY_MS);
        if let (Some(_), Some(region)) = (a.nominated_by, plan.orgs[person.org].region) {
            *nominated.entry((a.programme, region)).or_insert(0) += 1;
        }
        let row = vec![
            id.clone().into(),
            programme_ids[a.programme].clone().into(),
            staff.person_ids[a.person].clone().into(),
            staff.org_ids[person.org].clone().into(),
            state.as_str().into(),
            json(&["To lead my team through a difficult year with more confidence."]).into(),
            (state != S::Draft).into(),
            Value::from(with_cohort.then(|| cohort_ids[a.cohort].clone())),
            Value::from(a.waitlist_position),
            Value::from(offer_expires),
            Value::from(a.nominated_by.map(|s| staff.person_ids[s].clone())),
            Value::from(sponsor_approved),
            Value::from(approved.then_some(at + 2 * DAY_MS)),
            Value::from((state == S::Rejected).then(|| {
                "The programme is for people who manage a team; please apply to the next one."
                    .to_owned()
            })),
            Value::from((state != S::Draft).then_some(at)),
            at.into(),
            (at + 3 * DAY_MS).into(),
        ];
        w.row(Table::Applications, row).await?;
        w.row(
            Table::ApplicationPreferences,
            vec![
                id.clone().into(),
                cohort_ids[a.cohort].clone().into(),
                1i64.into(),
            ],
        )
        .await?;
        if state != S::Draft {
            audit::record(
                w,
                plan,
                staff,
                Entry {
                    at,
                    actor: Some(a.person),
                    action: "application.submitted",
                    subject_type: "application",
                    subject_id: &id,
                    detail: "Submitted an application",
                    org: person.org,
                },
            )
            .await?;
        }
        if approved || state == S::Rejected {
            let (action, detail) = if state == S::Rejected {
                ("application.rejected", "Rejected the application")
            } else {
                ("application.approved", "Approved the application")
            };
            audit::record(
                w,
                plan,
                staff,
                Entry {
                    at: at + 2 * DAY_MS,
                    actor: Some(plan.lead),
                    action,
                    subject_type: "application",
                    subject_id: &id,
                    detail,
                    org: person.org,
                },
            )
            .await?;
        }
    }
    // An ICS may nominate up to its cap: set a little above what each region nominated.
    for ((programme, region), count) in nominated {
        debug_assert!(region < REGIONS);
        w.row(
            Table::NominationCaps,
            vec![
                programme_ids[programme].clone().into(),
                staff.org_ids[1 + region].clone().into(),
                ((count + 9) / 5 * 5).into(),
            ],
        )
        .await?;
    }
    Ok(Places {
        programme_ids,
        cohort_ids,
    })
}
