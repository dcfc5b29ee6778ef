//! A sponsor's summary: approvals waiting for them, and their nominees by state.

use std::str::FromStr;

use revans_domain::ApplicationState;
use revans_storage::home::SponsorStateRow;

use super::{HomeTask, HomeTaskKind};

/// How many of the sponsor's people's applications are in one state.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct HomeStateCount {
    /// The state's code: submitted, approved, offered, accepted ...
    pub state: String,
    /// The state in words: "Submitted", "Offered a place" ...
    pub label: String,
    pub count: i64,
}

#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct SponsorHome {
    /// Approvals waiting for the sponsor (empty when none).
    pub tasks: Vec<HomeTask>,
    /// Their organisations' applications and nominations, by state.
    pub nominees: Vec<HomeStateCount>,
}

pub fn summary(rows: &[SponsorStateRow]) -> SponsorHome {
    let waiting: i64 = rows.iter().map(|r| r.awaiting_sponsor).sum();
    let tasks = if waiting > 0 {
        vec![HomeTask {
            kind: HomeTaskKind::ApprovalsWaiting,
            count: waiting,
            text: if waiting == 1 {
                "1 application is waiting for your approval".to_owned()
            } else {
                format!("{waiting} applications are waiting for your approval")
            },
            context: "People from the organisations you sponsor".to_owned(),
            href: "/sponsor/applications".to_owned(),
        }]
    } else {
        Vec::new()
    };
    // In the order an application moves through, not alphabetically.
    let mut nominees: Vec<(usize, HomeStateCount)> = rows
        .iter()
        .filter(|r| r.applications > 0)
        .map(|r| {
            let state = ApplicationState::from_str(&r.state).ok();
            let order = state
                .and_then(|s| ApplicationState::ALL.iter().position(|a| *a == s))
                .unwrap_or(usize::MAX);
            let label = match state {
                // In the reader's language (the web layer sets it for the request).
                Some(ApplicationState::Draft) => revans_i18n::t("home-sponsor-nominated-draft"),
                Some(s) => revans_i18n::t(&format!("admin-application-{}", s.as_str())),
                None => r.state.clone(),
            };
            (
                order,
                HomeStateCount {
                    state: r.state.clone(),
                    label,
                    count: r.applications,
                },
            )
        })
        .collect();
    nominees.sort_by_key(|(order, _)| *order);
    SponsorHome {
        tasks,
        nominees: nominees.into_iter().map(|(_, s)| s).collect(),
    }
}
