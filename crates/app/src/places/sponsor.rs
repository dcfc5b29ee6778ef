//! A sponsor's reads: their own organisations' nominees (never another organisation's), each
//! with, once in a published set, how often they came, and the programmes to nominate for.

use std::collections::HashMap;

use revans_domain::{ApplicationState, Id, Role};
use revans_storage::{Conn, programmes};

pub use revans_storage::applications::Application;
pub use revans_storage::programmes::Programme;

use crate::sets::set_view::{self, MemberView};
use crate::{App, Error, Viewer};

/// The organisations the viewer sponsors; refused for anyone who sponsors none.
pub fn require_sponsor(viewer: &Viewer) -> Result<Vec<Id>, Error> {
    let roots: Vec<Id> = viewer
        .roles
        .iter()
        .filter(|g| g.role == Role::Sponsor)
        .map(|g| g.organisation_id.clone())
        .collect();
    if roots.is_empty() {
        Err(Error::Forbidden)
    } else {
        Ok(roots)
    }
}

/// A nominee's attendance as a sponsor may see it: their set's name and their record, never
/// what was said there.
pub struct SetAttendance {
    pub set_name: String,
    pub member: MemberView,
}

pub struct Nominee {
    pub application: Application,
    pub attendance: Option<SetAttendance>,
}

pub struct SponsorView {
    /// One page of the nominees, in the order they were made.
    pub nominees: crate::paging::Page<Nominee>,
    /// Programmes taking applications, to nominate for.
    pub programmes: Vec<Programme>,
}

/// One page of the viewer's nominees (keyset on the id: one query per sponsored
/// organisation), with attendance for those placed: each cohort on the page has its sets read
/// once, so the cost follows the page, never the number of nominees.
pub async fn nominees(
    app: &App,
    viewer: &Viewer,
    seek: &crate::paging::Seek<String>,
    limit: usize,
) -> Result<SponsorView, Error> {
    let roots = require_sponsor(viewer)?;
    let mut conn = app.store.conn().await?;
    let page = crate::paging::sponsor_nominees(&mut conn, &roots, seek, limit).await?;
    let mut by_cohort: HashMap<Id, Vec<(String, Vec<MemberView>)>> = HashMap::new();
    let mut nominees = Vec::new();
    for a in page.items {
        let attendance = match (&a.cohort_id, a.state) {
            (Some(cohort), ApplicationState::Accepted) => {
                if !by_cohort.contains_key(cohort) {
                    let sets = published_sets(&mut conn, cohort).await?;
                    by_cohort.insert(cohort.clone(), sets);
                }
                by_cohort
                    .get(cohort)
                    .and_then(|sets| attendance_in(sets, &a))
            }
            _ => None,
        };
        nominees.push(Nominee {
            application: a,
            attendance,
        });
    }
    let programmes = programmes::list_published(&mut conn).await?;
    Ok(SponsorView {
        nominees: crate::paging::Page {
            items: nominees,
            has_previous: page.has_previous,
            has_next: page.has_next,
        },
        programmes,
    })
}

/// A cohort's published sets: each one's name and its members' attendance.
async fn published_sets(
    conn: &mut Conn,
    cohort: &Id,
) -> Result<Vec<(String, Vec<MemberView>)>, Error> {
    Ok(set_view::build_for_cohort(conn, cohort)
        .await?
        .into_iter()
        .filter(|v| v.set.is_published())
        .map(|v| (v.set.name, v.members))
        .collect())
}

fn attendance_in(sets: &[(String, Vec<MemberView>)], a: &Application) -> Option<SetAttendance> {
    sets.iter().find_map(|(name, members)| {
        members
            .iter()
            .find(|m| m.person_id == a.person_id.as_str())
            .map(|m| SetAttendance {
                set_name: name.clone(),
                member: m.clone(),
            })
    })
}
