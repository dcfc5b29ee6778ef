//! Narrowing a programme's review queue, the same for the page and the API: by the
//! applicant's organisation, the cohort they are placed in (or not yet placed), and a piece of
//! their name or email.

use revans_storage::applications::Application;

/// The queue's filters besides state, as chosen; blank means "any".
pub struct QueueFilters {
    pub organisation: String,
    pub cohort: String,
    search: String,
}

impl QueueFilters {
    pub fn new(organisation: Option<&str>, cohort: Option<&str>, search: Option<&str>) -> Self {
        let clean = |v: Option<&str>| v.unwrap_or("").trim().to_owned();
        QueueFilters {
            organisation: clean(organisation),
            cohort: clean(cohort),
            search: clean(search).to_lowercase(),
        }
    }

    /// Whether the application passes every filter given.
    pub fn keeps(&self, a: &Application) -> bool {
        (self.organisation.is_empty() || a.organisation_id.as_str() == self.organisation)
            && match self.cohort.as_str() {
                "" => true,
                "none" => a.cohort_id.is_none(),
                c => a.cohort_id.as_ref().is_some_and(|id| id.as_str() == c),
            }
            && (self.search.is_empty()
                || a.person_name.to_lowercase().contains(&self.search)
                || a.person_email.to_lowercase().contains(&self.search))
    }

    /// The name or email search, lower-cased.
    pub fn search(&self) -> &str {
        &self.search
    }

    /// The filters for the storage query, with the state (or none) and whether nominations
    /// waiting for the nominee are kept.
    pub fn sql(
        &self,
        state: Option<revans_domain::ApplicationState>,
        nominations: bool,
    ) -> revans_storage::applications::QueueFilter<'_> {
        use revans_storage::applications::CohortFilter;
        fn some(v: &str) -> Option<&str> {
            (!v.is_empty()).then_some(v)
        }
        revans_storage::applications::QueueFilter {
            state,
            nominations,
            organisation: some(&self.organisation),
            cohort: match self.cohort.as_str() {
                "" => CohortFilter::Any,
                "none" => CohortFilter::Unplaced,
                c => CohortFilter::In(c),
            },
            search: some(&self.search),
        }
    }

    /// Whether any filter narrows the queue.
    pub fn any(&self) -> bool {
        !(self.organisation.is_empty() && self.cohort.is_empty() && self.search.is_empty())
    }
}

/// Which applications the queue's page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueueStatus {
    /// Every sent application, and nominations not yet completed.
    All,
    /// Those in one state; `Submitted` is "waiting for a decision", the page's default.
    Only(revans_domain::ApplicationState),
}

impl QueueStatus {
    /// From `?status=`: blank is the default (waiting for a decision), `all` is everything,
    /// otherwise a state's name; an unknown one is `None`.
    pub fn parse(raw: Option<&str>) -> Option<Self> {
        match raw.map(str::trim).unwrap_or("") {
            "" => Some(QueueStatus::Only(
                revans_domain::ApplicationState::Submitted,
            )),
            "all" => Some(QueueStatus::All),
            s => s
                .parse::<revans_domain::ApplicationState>()
                .ok()
                .filter(|s| *s != revans_domain::ApplicationState::Draft)
                .map(QueueStatus::Only),
        }
    }
}

/// The review queue's page: the programme, one page of the applications after the filters,
/// how many are in each state (for the tabs), and the choices for the other filters.
pub struct ReviewQueue {
    pub programme: revans_storage::programmes::Programme,
    pub applications: crate::paging::Page<Application>,
    /// Sent applications per state, in the state machine's order (drafts left out).
    pub counts: Vec<(revans_domain::ApplicationState, i64)>,
    /// Applicant organisations in the programme's queue, by name: (id, name).
    pub organisations: Vec<(revans_domain::Id, String)>,
    /// The programme's cohorts: (id, name).
    pub cohorts: Vec<(revans_domain::Id, String)>,
}

/// The programme's review queue for its lead, a page at a time (keyset on the id, the
/// filters in SQL), in a fixed number of queries whatever the size of the queue; anyone else
/// is told the programme does not exist.
pub async fn review_queue_page(
    state: &crate::App,
    actor: &crate::Actor<'_>,
    programme_id: &revans_domain::Id,
    status: QueueStatus,
    filters: &QueueFilters,
    seek: &crate::paging::Seek<String>,
    limit: usize,
) -> Result<ReviewQueue, crate::Error> {
    use revans_domain::ApplicationState as S;
    use revans_storage::{applications, cohorts};
    let mut conn = state.store.conn().await?;
    let programme =
        crate::places::programmes::load_for_admin(&mut conn, actor, programme_id).await?;
    // One GROUP BY for every tab's count.
    let raw = applications::state_counts(&mut conn, programme_id).await?;
    let count_of = |s: S| {
        raw.iter()
            .find(|(k, _)| k == s.as_str())
            .map(|(_, n)| *n)
            .unwrap_or(0)
    };
    let counts = S::ALL
        .iter()
        .filter(|s| **s != S::Draft)
        .map(|s| (*s, count_of(*s)))
        .collect();
    let wanted = match status {
        QueueStatus::All => None,
        QueueStatus::Only(s) => Some(s),
    };
    let applications = crate::paging::applications_queue(
        &mut conn,
        programme_id,
        &filters.sql(wanted, true),
        seek,
        limit,
    )
    .await?;
    let organisations = applications::queue_organisations(&mut conn, programme_id).await?;
    let cohorts = cohorts::list_for_programme(&mut conn, programme_id)
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    Ok(ReviewQueue {
        programme,
        applications,
        counts,
        organisations,
        cohorts,
    })
}
