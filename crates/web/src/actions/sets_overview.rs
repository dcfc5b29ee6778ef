//! How a region's action learning sets are going, for programme leads and evaluators (C5, C9):
//! per cohort, how many sets meet, how often, how well attended, and how many problems and
//! diary entries there are. Counts and rates only: never a name, a problem or an entry.

use revans_storage::{cohorts, diaries, programmes, set_content, sets};

use super::reports::report_roots;
use crate::auth::Viewer;
use crate::error::AppError;
use crate::set_view;
use crate::state::AppState;

#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct CohortSetsRow {
    pub programme: String,
    pub cohort: String,
    /// Published sets.
    pub sets: usize,
    /// People in those sets now.
    pub members: usize,
    pub meetings_held: usize,
    pub meetings_planned: usize,
    /// Present over expected across held meetings, 0-100; None before any meeting.
    pub attendance_percent: Option<u32>,
    pub problems: usize,
    /// Entries written by the members (in any set or none), as a sign the diary is used.
    pub diary_entries: usize,
}

/// One row per cohort with published sets, in the viewer's regions.
pub async fn overview(state: &AppState, viewer: &Viewer) -> Result<Vec<CohortSetsRow>, AppError> {
    let mut conn = state.store.conn().await?;
    let mut rows = Vec::new();
    for root in report_roots(&mut conn, viewer).await? {
        for p in programmes::list_in_tree(&mut conn, &root).await? {
            for c in cohorts::list_for_programme(&mut conn, &p.id).await? {
                let mut row = CohortSetsRow {
                    programme: p.fields.title.clone(),
                    cohort: c.name.clone(),
                    sets: 0,
                    members: 0,
                    meetings_held: 0,
                    meetings_planned: 0,
                    attendance_percent: None,
                    problems: 0,
                    diary_entries: 0,
                };
                let mut all_members = Vec::new();
                for set in sets::list_for_cohort(&mut conn, &c.id).await? {
                    if !set.is_published() {
                        continue;
                    }
                    let id = set.id.clone();
                    let view = set_view::build(&mut conn, set, None).await?;
                    row.sets += 1;
                    row.members += view.members.iter().filter(|m| m.current).count();
                    row.meetings_held += view.raw_meetings.iter().filter(|m| m.held).count();
                    row.meetings_planned +=
                        view.raw_meetings.iter().filter(|m| !m.cancelled).count();
                    row.problems += set_content::problems(&mut conn, &id).await?.len();
                    for m in view.members.iter().filter(|m| m.current) {
                        if let Some(person) = revans_domain::Id::parse(&m.person_id) {
                            row.diary_entries +=
                                diaries::count_by_author(&mut conn, &person).await? as usize;
                        }
                    }
                    all_members.extend(view.members);
                }
                if row.sets > 0 {
                    row.attendance_percent = set_view::attendance_percent(&all_members);
                    rows.push(row);
                }
            }
        }
    }
    Ok(rows)
}
