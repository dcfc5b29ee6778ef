//! Organisations, people, their roles, reporting lines and supervision.

use revans_domain::Role;
use revans_storage::bulk::{Table, Value};

use super::plan::Plan;
use super::writer::Writer;
use crate::Error;

const DAY_MS: i64 = 86_400_000;

/// The ids given to the plan's organisations and people, by index.
pub struct Staff {
    pub org_ids: Vec<String>,
    pub person_ids: Vec<String>,
}

pub async fn write(w: &mut Writer, plan: &Plan, hash: &str, now: i64) -> Result<Staff, Error> {
    let created = now - 400 * DAY_MS;
    let mut org_ids: Vec<String> = Vec::with_capacity(plan.orgs.len());
    for org in &plan.orgs {
        let id = w.ids.next();
        let parent = org.parent.map(|p| org_ids[p].clone());
        let row = vec![
            Value::from(id.clone()),
            org.name.as_str().into(),
            Value::from(parent),
            created.into(),
        ];
        w.row(Table::Organisations, row).await?;
        org_ids.push(id);
    }
    let mut person_ids: Vec<String> = Vec::with_capacity(plan.people.len());
    for (i, p) in plan.people.iter().enumerate() {
        let id = w.ids.next();
        let at = created + (i as i64 % 300) * DAY_MS;
        w.row(
            Table::People,
            vec![
                id.clone().into(),
                org_ids[p.org].clone().into(),
                p.email.as_str().into(),
                p.name.as_str().into(),
                Value::from(Some(hash.to_owned())),
                at.into(),
                at.into(),
            ],
        )
        .await?;
        for role in &p.roles {
            w.row(
                Table::RoleGrants,
                vec![
                    id.clone().into(),
                    org_ids[p.org].clone().into(),
                    role.as_str().into(),
                    at.into(),
                ],
            )
            .await?;
        }
        person_ids.push(id);
    }
    for &(person, manager) in &plan.reporting_lines {
        w.row(
            Table::ReportingLines,
            vec![
                person_ids[person].clone().into(),
                person_ids[manager].clone().into(),
                created.into(),
            ],
        )
        .await?;
    }
    // Each facilitator is supervised by the first facilitator of the list (who is supervised
    // by the second).
    if plan.facilitators.len() > 1 {
        for (k, &f) in plan.facilitators.iter().enumerate() {
            let supervisor = plan.facilitators[usize::from(k == 0)];
            w.row(
                Table::Supervisions,
                vec![
                    person_ids[f].clone().into(),
                    person_ids[supervisor].clone().into(),
                    created.into(),
                ],
            )
            .await?;
        }
    }
    w.row(
        Table::ThemeVocabularies,
        vec![
            org_ids[0].clone().into(),
            super::names::THEMES.join("\n").into(),
            created.into(),
        ],
    )
    .await?;
    debug_assert!(plan.people[plan.lead].roles.contains(&Role::Admin));
    Ok(Staff {
        org_ids,
        person_ids,
    })
}
