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

/// The review queue's page: the programme, the applications after the filters, how many are in
/// each state (for the tabs), and the choices for the other filters.
pub struct ReviewQueue {
    pub programme: revans_storage::programmes::Programme,
    pub applications: Vec<Application>,
    /// Sent applications per state, in the state machine's order (drafts left out).
    pub counts: Vec<(revans_domain::ApplicationState, i64)>,
    /// Nominations waiting for the nominee to complete them.
    pub nominations: i64,
    /// Applicant organisations in the programme's queue, by name: (id, name).
    pub organisations: Vec<(revans_domain::Id, String)>,
    /// The programme's cohorts: (id, name).
    pub cohorts: Vec<(revans_domain::Id, String)>,
}

/// The programme's review queue for its lead, in a fixed number of queries; anyone else is
/// told the programme does not exist.
pub async fn review_queue_page(
    state: &crate::App,
    actor: &crate::Actor<'_>,
    programme_id: &revans_domain::Id,
    status: QueueStatus,
    filters: &QueueFilters,
) -> Result<ReviewQueue, crate::Error> {
    use revans_domain::ApplicationState as S;
    use revans_storage::{applications, cohorts};
    let mut conn = state.store.conn().await?;
    let programme =
        crate::places::programmes::load_for_admin(&mut conn, actor, programme_id).await?;
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
    let mut organisations: Vec<(revans_domain::Id, String)> = Vec::new();
    let mut list = Vec::new();
    let mut nominations = 0;
    for a in applications::list_for_programme(&mut conn, programme_id, wanted).await? {
        if a.state == S::Draft {
            // A sponsor's nomination waiting for the nominee: status only, never lost from view.
            if a.nominated_by.is_none() {
                continue;
            }
            nominations += 1;
        }
        if !organisations.iter().any(|(o, _)| o == &a.organisation_id) {
            organisations.push((a.organisation_id.clone(), a.organisation_name.clone()));
        }
        if filters.keeps(&a) {
            list.push(a);
        }
    }
    organisations.sort_by(|a, b| a.1.cmp(&b.1));
    let cohorts = cohorts::list_for_programme(&mut conn, programme_id)
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    Ok(ReviewQueue {
        programme,
        applications: list,
        counts,
        nominations,
        organisations,
        cohorts,
    })
}
