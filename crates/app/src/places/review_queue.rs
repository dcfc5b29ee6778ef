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
