//! How a region's action learning sets are going, for programme leads and evaluators (C5, C9):
//! per cohort, how many sets meet, how often, how well attended, and how many problems and
//! diary entries there are. Counts and rates only: never a name, a problem or an entry, and
//! every count of people or of what they wrote follows NHS Digital's small-number rule (1-7
//! hidden, the rest rounded to the nearest 5), like the themes report, so neither report can
//! be used to work out a cell the other hides.

use revans_domain::{HIDDEN_UP_TO, publish_count};
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
    /// People in those sets now: null when 1 to 7 (hidden), else rounded to the nearest 5.
    pub members: Option<u32>,
    pub meetings_held: usize,
    pub meetings_planned: usize,
    /// Present over expected across held meetings, 0-100; null before any meeting, and when
    /// fewer than 8 people are in the sets (a rate over so few could identify someone).
    pub attendance_percent: Option<u32>,
    /// Problems brought: null when 1 to 7 (hidden), else rounded to the nearest 5.
    pub problems: Option<u32>,
    /// Entries written by the members (in any set or none), as a sign the diary is used:
    /// null when 1 to 7 (hidden), else rounded to the nearest 5.
    pub diary_entries: Option<u32>,
}

/// One row per cohort with published sets, in the viewer's regions.
pub async fn overview(state: &AppState, viewer: &Viewer) -> Result<Vec<CohortSetsRow>, AppError> {
    let mut conn = state.store.conn().await?;
    let mut rows = Vec::new();
    for root in report_roots(&mut conn, viewer).await? {
        for p in programmes::list_in_tree(&mut conn, &root).await? {
            for c in cohorts::list_for_programme(&mut conn, &p.id).await? {
                let (mut sets_count, mut members, mut held, mut planned) = (0, 0, 0, 0);
                let (mut problems, mut diary_entries) = (0, 0);
                let mut all_members = Vec::new();
                for set in sets::list_for_cohort(&mut conn, &c.id).await? {
                    if !set.is_published() {
                        continue;
                    }
                    let id = set.id.clone();
                    let view = set_view::build(&mut conn, set, None).await?;
                    sets_count += 1;
                    members += view.members.iter().filter(|m| m.current).count();
                    held += view.raw_meetings.iter().filter(|m| m.held).count();
                    planned += view.raw_meetings.iter().filter(|m| !m.cancelled).count();
                    problems += set_content::problems(&mut conn, &id).await?.len();
                    for m in view.members.iter().filter(|m| m.current) {
                        if let Some(person) = revans_domain::Id::parse(&m.person_id) {
                            diary_entries += diaries::count_by_author(&mut conn, &person).await?;
                        }
                    }
                    all_members.extend(view.members);
                }
                if sets_count > 0 {
                    rows.push(CohortSetsRow {
                        programme: p.fields.title.clone(),
                        cohort: c.name.clone(),
                        sets: sets_count,
                        members: publish_count(members),
                        meetings_held: held,
                        meetings_planned: planned,
                        attendance_percent: if members > HIDDEN_UP_TO as usize {
                            set_view::attendance_percent(&all_members)
                        } else {
                            None
                        },
                        problems: publish_count(problems),
                        diary_entries: publish_count(diary_entries),
                    });
                }
            }
        }
    }
    Ok(rows)
}
