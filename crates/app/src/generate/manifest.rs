//! The manifest of a generated nation: the password, one account per role, and the pages and
//! API lists worth measuring, each with the account to use (issue 13's names).

use std::collections::BTreeMap;

use super::places::Places;
use super::plan::Plan;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ManifestUrl {
    pub path: String,
    /// The key in `accounts` of the account to sign in as.
    pub role: String,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Manifest {
    pub password: String,
    /// Role (lead, sponsor, facilitator, participant, evaluator) -> email address.
    pub accounts: BTreeMap<String, String>,
    pub urls: BTreeMap<String, ManifestUrl>,
    /// The cohort of accepted people with no sets yet, to form (`POST
    /// /api/v1/cohorts/{id}/formation-runs` as the lead).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forming_cohort: Option<String>,
}

/// The big set and its first held meeting, as written.
#[derive(Debug, Clone, Default)]
pub struct Landmarks {
    pub big_set_id: Option<String>,
    pub big_meeting_id: Option<String>,
}

pub fn make(plan: &Plan, places: &Places, marks: &Landmarks) -> Manifest {
    let facilitator = plan.sets.first().map_or(plan.lead, |s| s.facilitator);
    let accounts: BTreeMap<String, String> = [
        ("lead", plan.lead),
        ("sponsor", plan.busiest_sponsor),
        ("facilitator", facilitator),
        ("participant", plan.heavy),
        ("evaluator", plan.evaluator),
    ]
    .into_iter()
    .map(|(role, p)| (role.to_owned(), plan.people[p].email.clone()))
    .collect();
    let programme = &places.programme_ids[plan.largest_programme];
    let cohort = &places.cohort_ids[plan.big_cohort];
    let mut urls: Vec<(String, String, &str)> = vec![
        ("catalogue".into(), "/programmes".into(), "participant"),
        (
            "programme".into(),
            format!("/programmes/{programme}"),
            "participant",
        ),
        (
            "review_queue".into(),
            format!("/admin/programmes/{programme}/applications"),
            "lead",
        ),
        (
            "cohort_sets".into(),
            format!("/admin/cohorts/{cohort}/sets"),
            "lead",
        ),
        ("diary".into(), "/diary".into(), "participant"),
        ("sets_overview".into(), "/reports/sets".into(), "evaluator"),
        (
            "themes_report".into(),
            "/reports/themes".into(),
            "evaluator",
        ),
        (
            "sponsor_nominees".into(),
            "/sponsor/applications".into(),
            "sponsor",
        ),
        ("audit_log".into(), "/admin/audit".into(), "lead"),
        ("people".into(), "/admin/people".into(), "lead"),
        ("api_programmes".into(), "/api/v1/programmes".into(), "lead"),
        (
            "api_applications".into(),
            format!("/api/v1/programmes/{programme}/applications"),
            "lead",
        ),
        ("api_sets".into(), "/api/v1/sets".into(), "participant"),
        ("api_diary".into(), "/api/v1/diary".into(), "participant"),
        ("api_people".into(), "/api/v1/people".into(), "lead"),
        ("api_audit".into(), "/api/v1/audit".into(), "lead"),
    ];
    if let Some(set) = &marks.big_set_id {
        urls.push(("set".into(), format!("/sets/{set}"), "participant"));
    }
    if let Some(c) = plan.forming_cohort {
        let cohort = &places.cohort_ids[c];
        urls.push((
            "forming_cohort_sets".into(),
            format!("/admin/cohorts/{cohort}/sets"),
            "lead",
        ));
    }
    if let Some(meeting) = &marks.big_meeting_id {
        urls.push((
            "meeting".into(),
            format!("/meetings/{meeting}"),
            "facilitator",
        ));
    }
    for role in ["lead", "sponsor", "facilitator", "participant", "evaluator"] {
        urls.push((format!("home_{role}"), "/".into(), role));
    }
    Manifest {
        password: crate::demo::PASSWORD.to_owned(),
        accounts,
        forming_cohort: plan.forming_cohort.map(|c| places.cohort_ids[c].clone()),
        urls: urls
            .into_iter()
            .map(|(name, path, role)| {
                let role = role.to_owned();
                (name, ManifestUrl { path, role })
            })
            .collect(),
    }
}

impl Manifest {
    /// The manifest as the JSON file `--manifest` writes.
    pub fn to_json(&self) -> Result<String, crate::Error> {
        serde_json::to_string_pretty(self).map_err(crate::Error::internal)
    }
}
