//! The home page's read model (issue 11, items 1 and 11): for each role the viewer holds, what
//! needs doing, as counts and items that each link to the work. One use case, `home`, reads it
//! in a fixed number of statements (`storage::home`) however many programmes, cohorts and
//! sets there are: two for a programme lead, one for a sponsor, three for sets and offers.

mod lead;
mod members;
mod sponsor;
mod when;

use revans_domain::Role;
use revans_storage::home as store;

use crate::{App, Error, Viewer};

pub use members::{FacilitatorHome, HomeMeeting, HomeOffer, HomeSet, ParticipantHome};
pub use sponsor::{HomeStateCount, SponsorHome};

/// What kind of work a task line is, for an API caller to tell them apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum HomeTaskKind {
    ApplicationsToReview,
    WaitingForSets,
    SetsWithoutFacilitator,
    OffersUnanswered,
    ApplicationsClosing,
    ApprovalsWaiting,
    AttendanceNotRecorded,
    OfferToAnswer,
}

impl HomeTaskKind {
    /// The same code the API uses.
    pub fn as_str(self) -> &'static str {
        match self {
            HomeTaskKind::ApplicationsToReview => "applications_to_review",
            HomeTaskKind::WaitingForSets => "waiting_for_sets",
            HomeTaskKind::SetsWithoutFacilitator => "sets_without_facilitator",
            HomeTaskKind::OffersUnanswered => "offers_unanswered",
            HomeTaskKind::ApplicationsClosing => "applications_closing",
            HomeTaskKind::ApprovalsWaiting => "approvals_waiting",
            HomeTaskKind::AttendanceNotRecorded => "attendance_not_recorded",
            HomeTaskKind::OfferToAnswer => "offer_to_answer",
        }
    }
}

/// One line of "what you need to do": a count (or one item), in plain words, linking to the
/// page where it is done.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct HomeTask {
    pub kind: HomeTaskKind,
    pub count: i64,
    /// "24 people with a place are waiting for a set".
    pub text: String,
    /// What it is about: "Leading Through Change: Autumn 2026".
    pub context: String,
    /// Where the work is done (a path on this service).
    pub href: String,
}

/// A programme lead's open work across the programmes they run.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct LeadHome {
    /// Only what is not zero; empty means nothing needs the lead's attention. At most five
    /// of each kind (by programme title); the rest are counted in `more`.
    pub tasks: Vec<HomeTask>,
    /// Tasks of a kind beyond those listed, per kind (a national lead has thousands of cohorts).
    pub more: Vec<MoreTasks>,
}

/// How many more tasks of one kind there are than the home lists.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct MoreTasks {
    pub kind: HomeTaskKind,
    pub count: i64,
    /// "And 2,985 more cohorts with people waiting for a set."
    pub text: String,
}

/// What an evaluator may see and download: aggregates only.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct EvaluatorHome {
    /// Counts of 1 to 7 are shown as "Fewer than 8"; the rest are rounded to the nearest 5.
    pub hidden_up_to: u32,
    pub reports: Vec<HomeReportLink>,
}

#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct HomeReportLink {
    pub title: String,
    pub description: String,
    pub href: String,
    /// "text/csv" for a download, "text/html" for a page.
    pub format: String,
}

/// Everything the home shows, one section per role the viewer holds (absent otherwise).
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct Home {
    pub lead: Option<LeadHome>,
    pub sponsor: Option<SponsorHome>,
    pub participant: Option<ParticipantHome>,
    pub facilitator: Option<FacilitatorHome>,
    pub evaluator: Option<EvaluatorHome>,
}

/// The viewer's home, read at `now`.
pub async fn home(app: &App, viewer: &Viewer) -> Result<Home, Error> {
    home_at(app, viewer, crate::now_ms()).await
}

/// As `home`, at a given time (for tests).
pub async fn home_at(app: &App, viewer: &Viewer, now: i64) -> Result<Home, Error> {
    let mut conn = app.store.conn().await?;
    let roots = |role: Role| {
        let mut ids: Vec<_> = viewer
            .roles
            .iter()
            .filter(|g| g.role == role)
            .map(|g| g.organisation_id.clone())
            .collect();
        ids.sort_by(|a, b| a.as_str().cmp(b.as_str()));
        ids.dedup();
        ids
    };
    let lead = if viewer.has_role(Role::Admin) {
        let rows = store::lead_cohorts(&mut conn, &roots(Role::Admin), now).await?;
        Some(lead::tasks(&rows, now))
    } else {
        None
    };
    let sponsor = if viewer.has_role(Role::Sponsor) {
        let rows = store::sponsor_states(&mut conn, &roots(Role::Sponsor)).await?;
        Some(sponsor::summary(&rows))
    } else {
        None
    };
    let person = &viewer.person.id;
    let member_sets = store::my_sets(&mut conn, person, store::Relation::Member, now).await?;
    let offers = store::my_offers(&mut conn, person, now).await?;
    let participant =
        (viewer.has_role(Role::Participant) || !member_sets.is_empty() || !offers.is_empty())
            .then(|| members::participant(&member_sets, &offers, now));
    let facilitator = if viewer.has_role(Role::Facilitator) {
        let rows = store::my_sets(&mut conn, person, store::Relation::Facilitator, now).await?;
        Some(members::facilitator(&rows, now))
    } else {
        None
    };
    let evaluator = viewer.has_role(Role::Evaluator).then(evaluator_home);
    Ok(Home {
        lead,
        sponsor,
        participant,
        facilitator,
        evaluator,
    })
}

/// The reports an evaluator may read, in the reader's language (the web layer sets it).
fn evaluator_home() -> EvaluatorHome {
    use revans_i18n::t;
    let link = |title: &str, description: &str, href: &str, format: &str| HomeReportLink {
        title: t(title),
        description: t(description),
        href: href.to_owned(),
        format: format.to_owned(),
    };
    EvaluatorHome {
        hidden_up_to: revans_domain::HIDDEN_UP_TO,
        reports: vec![
            link(
                "home-eval-programmes",
                "home-eval-programmes-body",
                "/evaluation",
                "text/html",
            ),
            link(
                "reports-sets-title",
                "home-eval-sets-body",
                "/reports/sets",
                "text/html",
            ),
            link(
                "reports-themes-link",
                "home-eval-themes-body",
                "/reports/themes",
                "text/html",
            ),
            link(
                "home-eval-sets-csv",
                "home-eval-sets-csv-body",
                "/reports/sets.csv",
                "text/csv",
            ),
            link(
                "home-eval-attendance-csv",
                "home-eval-attendance-csv-body",
                "/reports/attendance.csv",
                "text/csv",
            ),
        ],
    }
}
