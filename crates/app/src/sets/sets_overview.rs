//! How a region's action learning sets are going, for programme leads and evaluators (C5, C9):
//! per cohort, how many sets meet, how often, how well attended, and how many problems and
//! diary entries there are. Counts and rates only: never a name, a problem or an entry, and
//! every count of people or of what they wrote follows NHS Digital's small-number rule (1-7
//! hidden, the rest rounded to the nearest 5), like the themes report, so neither report can
//! be used to work out a cell the other hides.

use revans_domain::{HIDDEN_UP_TO, Id, publish_count};
use revans_storage::set_reports::{self, CohortSetCounts, Scope};
use revans_storage::{Conn, Direction};

use crate::App;
use crate::Error;
use crate::Viewer;
use crate::diaries::themes::report_roots;
use crate::paging::{Page, Seek};

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

/// One row per cohort with published sets, in the viewer's regions: a fixed number of
/// aggregate queries per region (`storage::set_reports`). The whole list, for the CSV export:
/// it grows with the regions' cohorts; the page and the API read it a page at a time
/// (`overview_page`).
pub async fn overview(state: &App, viewer: &Viewer) -> Result<Vec<CohortSetsRow>, Error> {
    let mut conn = state.store.conn().await?;
    let mut rows = Vec::new();
    for root in report_roots(&mut conn, viewer).await? {
        let counts = set_reports::cohort_counts(&mut conn, Scope::Tree(&root)).await?;
        rows.extend(counts.into_iter().map(row));
    }
    Ok(rows)
}

fn row(c: CohortSetCounts) -> CohortSetsRow {
    CohortSetsRow {
        attendance_percent: rate(c.members, c.attendance_present, c.attendance_counted),
        programme: c.programme,
        cohort: c.cohort,
        sets: usize::try_from(c.sets).unwrap_or_default(),
        members: publish_count(c.members),
        meetings_held: usize::try_from(c.meetings_held).unwrap_or_default(),
        meetings_planned: usize::try_from(c.meetings_planned).unwrap_or_default(),
        problems: publish_count(c.problems),
        diary_entries: publish_count(c.diary_entries),
    }
}

/// A page of the sets overview: a page of programmes (by title, ties by id; the key is
/// `(title, id)`) and the rows of their cohorts, in the same order as `overview`.
pub struct OverviewPage {
    pub programmes: Page<(Id, String)>,
    pub rows: Vec<CohortSetsRow>,
}

/// Up to `limit` programmes with published sets in the viewer's regions from `seek`, with
/// their cohorts' rows: one keyset query per region, then the six aggregate statements over
/// those programmes only, so a page costs the same however many programmes the regions hold.
pub async fn overview_page(
    state: &App,
    viewer: &Viewer,
    seek: &Seek<(String, String)>,
    limit: usize,
) -> Result<OverviewPage, Error> {
    let mut conn = state.store.conn().await?;
    let programmes = programmes_page(&mut conn, viewer, seek, limit).await?;
    let ids: Vec<Id> = programmes.items.iter().map(|(id, _)| id.clone()).collect();
    let rows = set_reports::cohort_counts(&mut conn, Scope::Programmes(&ids))
        .await?
        .into_iter()
        .map(row)
        .collect();
    Ok(OverviewPage { programmes, rows })
}

async fn programmes_page(
    conn: &mut Conn,
    viewer: &Viewer,
    seek: &Seek<(String, String)>,
    limit: usize,
) -> Result<Page<(Id, String)>, Error> {
    let (dir, from) = match seek {
        Seek::First => (Direction::Forward, None),
        Seek::After((t, i)) => (Direction::Forward, Some((t.as_str(), i.as_str()))),
        Seek::Before((t, i)) => (Direction::Backward, Some((t.as_str(), i.as_str()))),
    };
    let mut all = Vec::new();
    for root in report_roots(conn, viewer).await? {
        all.extend(
            set_reports::programmes_page_in_tree(conn, &root, from, dir, limit as i64 + 1).await?,
        );
    }
    // Each region's rows are nearest the cursor first; merge them the same way.
    all.sort_by(|(a_id, a), (b_id, b)| {
        let order = a.cmp(b).then(a_id.as_str().cmp(b_id.as_str()));
        match dir {
            Direction::Forward => order,
            Direction::Backward => order.reverse(),
        }
    });
    all.dedup_by(|a, b| a.0 == b.0);
    let more = all.len() > limit;
    all.truncate(limit);
    Ok(match seek {
        Seek::First => Page {
            items: all,
            has_previous: false,
            has_next: more,
        },
        Seek::After(_) => Page {
            items: all,
            has_previous: true,
            has_next: more,
        },
        Seek::Before(_) => {
            all.reverse();
            Page {
                items: all,
                has_previous: more,
                has_next: true,
            }
        }
    })
}

/// One published set's attendance, as an evaluator may see it: no names, counts after the
/// small-number rule, and no rate for a set of fewer than 8 people.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct SetAttendanceRow {
    pub programme: String,
    pub cohort: String,
    pub set: String,
    /// People in the set now: null when 1 to 7 (hidden), else rounded to the nearest 5.
    pub members: Option<u32>,
    pub meetings_held: usize,
    pub meetings_planned: usize,
    /// Present over expected across held meetings, 0-100; null before any meeting and when
    /// the set has fewer than 8 people.
    pub attendance_percent: Option<u32>,
}

fn rate(members: i64, present: i64, counted: i64) -> Option<u32> {
    if members > i64::from(HIDDEN_UP_TO) {
        u32::try_from(present * 100)
            .ok()
            .and_then(|p| p.checked_div(u32::try_from(counted).ok()?))
    } else {
        None
    }
}

/// One row per published set in the viewer's regions (leads and evaluators): one aggregate
/// statement per region.
pub async fn attendance_by_set(
    state: &App,
    viewer: &Viewer,
) -> Result<Vec<SetAttendanceRow>, Error> {
    let mut conn = state.store.conn().await?;
    let mut rows = Vec::new();
    for root in report_roots(&mut conn, viewer).await? {
        for s in set_reports::set_attendance(&mut conn, &root).await? {
            rows.push(SetAttendanceRow {
                attendance_percent: rate(s.members, s.attendance_present, s.attendance_counted),
                programme: s.programme,
                cohort: s.cohort,
                set: s.set_name,
                members: publish_count(s.members),
                meetings_held: usize::try_from(s.meetings_held).unwrap_or_default(),
                meetings_planned: usize::try_from(s.meetings_planned).unwrap_or_default(),
            });
        }
    }
    Ok(rows)
}
