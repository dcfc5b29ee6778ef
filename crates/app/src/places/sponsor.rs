//! A sponsor's reads: their own organisations' nominees (never another organisation's), each
//! with, once in a published set, how often they came, and the programmes to nominate for.

use revans_domain::{ApplicationState, Id, Role};
use revans_storage::{programmes, sets};

pub use revans_storage::applications::Application;
pub use revans_storage::programmes::Programme;

use crate::sets::set_view::{self, MemberView, SetView};
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
/// organisation), with attendance for those placed: only the sets the page's nominees belong
/// to are read (five queries), so the cost follows the page, never the cohorts' size.
pub async fn nominees(
    app: &App,
    viewer: &Viewer,
    seek: &crate::paging::Seek<String>,
    limit: usize,
) -> Result<SponsorView, Error> {
    let roots = require_sponsor(viewer)?;
    let mut conn = app.store.conn().await?;
    let page = crate::paging::sponsor_nominees(&mut conn, &roots, seek, limit).await?;
    let placed: Vec<Id> = page
        .items
        .iter()
        .filter(|a| a.cohort_id.is_some() && a.state == ApplicationState::Accepted)
        .map(|a| a.person_id.clone())
        .collect();
    let their_sets = sets::published_with_members(&mut conn, &placed).await?;
    let views: Vec<SetView> = set_view::build_for_sets(&mut conn, their_sets)
        .await?
        .into_iter()
        .map(|(view, _)| view)
        .collect();
    let nominees = page
        .items
        .into_iter()
        .map(|a| Nominee {
            attendance: match (&a.cohort_id, a.state) {
                (Some(cohort), ApplicationState::Accepted) => attendance_in(&views, cohort, &a),
                _ => None,
            },
            application: a,
        })
        .collect();
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

/// The nominee's record in their published set of the cohort they were accepted to.
fn attendance_in(views: &[SetView], cohort: &Id, a: &Application) -> Option<SetAttendance> {
    views
        .iter()
        .filter(|v| &v.set.cohort_id == cohort)
        .find_map(|v| {
            v.members
                .iter()
                .find(|m| m.person_id == a.person_id.as_str())
                .map(|m| SetAttendance {
                    set_name: v.set.name.clone(),
                    member: m.clone(),
                })
        })
}
