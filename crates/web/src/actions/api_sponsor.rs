//! A sponsor's view of their nominees (C2): their own organisations' applications (never
//! another organisation's) and, once a nominee is in a published set, how often they came,
//! never what was said there.

use std::collections::HashMap;

use revans_domain::{ApplicationState, Id, Role};
use revans_storage::Conn;
use revans_storage::applications::{self, Application};

use crate::auth::Viewer;
use crate::error::AppError;
use crate::set_view::MemberView;

/// A nominee's attendance in their set.
pub struct NomineeAttendance {
    pub set_name: String,
    pub present: u32,
    pub meetings: u32,
    /// "80%", or "No meetings yet".
    pub rate: String,
}

pub struct Nominee {
    pub application: Application,
    pub attendance: Option<NomineeAttendance>,
}

/// The organisations the viewer sponsors; forbidden to anyone who sponsors none.
pub fn sponsored_roots(viewer: &Viewer) -> Result<Vec<Id>, AppError> {
    let roots: Vec<Id> = viewer
        .roles
        .iter()
        .filter(|g| g.role == Role::Sponsor)
        .map(|g| g.organisation_id.clone())
        .collect();
    if roots.is_empty() {
        Err(AppError::Forbidden)
    } else {
        Ok(roots)
    }
}

/// Every application from the sponsor's organisations, each with its attendance once placed.
pub async fn nominees(conn: &mut Conn, viewer: &Viewer) -> Result<Vec<Nominee>, AppError> {
    let roots = sponsored_roots(viewer)?;
    let mut rows: Vec<Application> = Vec::new();
    for root in roots {
        for a in applications::list_from_tree(conn, &root).await? {
            if !rows.iter().any(|r| r.id == a.id) {
                rows.push(a);
            }
        }
    }
    // Each cohort's sets are read once, however many nominees it has.
    let mut by_cohort: HashMap<Id, Vec<(String, Vec<MemberView>)>> = HashMap::new();
    let mut out = Vec::new();
    for a in rows {
        let attendance = match (&a.cohort_id, a.state) {
            (Some(cohort), ApplicationState::Accepted) => {
                if !by_cohort.contains_key(cohort) {
                    let sets = published_sets(conn, cohort).await?;
                    by_cohort.insert(cohort.clone(), sets);
                }
                by_cohort
                    .get(cohort)
                    .and_then(|sets| attendance_in(sets, &a))
            }
            _ => None,
        };
        out.push(Nominee {
            application: a,
            attendance,
        });
    }
    Ok(out)
}

async fn published_sets(
    conn: &mut Conn,
    cohort: &Id,
) -> Result<Vec<(String, Vec<MemberView>)>, AppError> {
    Ok(crate::set_view::build_for_cohort(conn, cohort)
        .await?
        .into_iter()
        .filter(|v| v.set.is_published())
        .map(|v| (v.set.name, v.members))
        .collect())
}

fn attendance_in(sets: &[(String, Vec<MemberView>)], a: &Application) -> Option<NomineeAttendance> {
    sets.iter().find_map(|(name, members)| {
        members
            .iter()
            .find(|m| m.person_id == a.person_id.as_str())
            .map(|m| NomineeAttendance {
                set_name: name.clone(),
                present: m.present,
                meetings: m.meetings,
                rate: m.rate(),
            })
    })
}
