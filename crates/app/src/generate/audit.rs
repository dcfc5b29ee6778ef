//! Audit log entries for what the generator made, as the app would have recorded them.

use revans_storage::bulk::{Table, Value};

use super::people::Staff;
use super::plan::Plan;
use super::writer::Writer;
use crate::Error;

/// Who did it: a person of the plan, or the command line.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    pub at: i64,
    pub actor: Option<usize>,
    pub action: &'a str,
    pub subject_type: &'a str,
    pub subject_id: &'a str,
    pub detail: &'a str,
    /// The organisation (plan index) the change belongs to.
    pub org: usize,
}

pub async fn record(w: &mut Writer, plan: &Plan, staff: &Staff, e: Entry<'_>) -> Result<(), Error> {
    let id = w.ids.next();
    let (actor_id, actor_name) = match e.actor {
        Some(p) => (
            Some(staff.person_ids[p].clone()),
            plan.people[p].name.clone(),
        ),
        None => (None, "revans generate".to_owned()),
    };
    w.count_audit();
    w.row(
        Table::AuditLog,
        vec![
            id.into(),
            e.at.into(),
            Value::from(actor_id),
            actor_name.into(),
            e.action.into(),
            e.subject_type.into(),
            e.subject_id.into(),
            e.detail.into(),
            "10.0.0.1".into(),
            Value::from(Some(staff.org_ids[e.org].clone())),
        ],
    )
    .await
}
