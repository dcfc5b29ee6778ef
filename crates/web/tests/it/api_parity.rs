//! API parity: everything a person can do on a page, a program can do through `/api/v1`
//! (issue 10). The route table is walked: a state-changing page route (POST, PUT, PATCH,
//! DELETE) fails the test unless it names its API counterparts here or is on the short
//! page-only list. The access matrix then has to agree: for every role, the counterpart
//! refuses exactly when the page refuses, and in the same way (403 or 404).

use crate::access_matrix::{MATRIX, matrix_path};

/// Page routes with no API counterpart, and why.
const PAGE_ONLY: &[(&str, &str, &str)] = &[
    (
        "POST",
        "/account/erase",
        "its API form is POST /api/v1/people/{id}/erase with one's own id, paired below with the lead's page (the matrix tries the two with different people)",
    ),
    (
        "POST",
        "/sign-in",
        "signing in makes a browser session; the API takes tokens",
    ),
    ("POST", "/sign-out", "ends a browser session"),
    (
        "POST",
        "/password-reset",
        "recovering an account is done by its person, by email",
    ),
    (
        "POST",
        "/password-reset/{token}",
        "recovering an account is done by its person, by email",
    ),
    (
        "POST",
        "/invitations/{token}",
        "accepting an invitation sets the first password",
    ),
    (
        "POST",
        "/account/password",
        "a token must not change the password: a stolen token would take over the account",
    ),
    (
        "POST",
        "/account/tokens",
        "a token cannot make tokens (POST /api/v1/tokens always refuses): one stolen could outlive its owner's recovery",
    ),
    (
        "POST",
        "/account/tokens/{id}/revoke",
        "a token cannot revoke tokens (DELETE /api/v1/tokens/{id} always refuses), as it cannot make them",
    ),
    (
        "POST",
        "/account/calendar",
        "a calendar feed address is a credential of its own: made on the pages only, like tokens",
    ),
];

/// A route: (method, path).
type Route = (&'static str, &'static str);

/// Each state-changing page route and the API routes that do what it does.
const COUNTERPARTS: &[(&str, &str, &[Route])] = &[
    // Erasure (issue 17).
    (
        "POST",
        "/admin/people/{id}/erase",
        &[("POST", "/api/v1/people/{id}/erase")],
    ),
    // Events with choices (issue 18).
    (
        "POST",
        "/events/{id}/choices",
        &[("PUT", "/api/v1/events/{id}/choices")],
    ),
    (
        "POST",
        "/admin/events/{id}/plan",
        &[("PUT", "/api/v1/admin/events/{id}/plan")],
    ),
    (
        "POST",
        "/admin/events/{id}/hosts",
        &[("POST", "/api/v1/admin/events/{id}/hosts")],
    ),
    (
        "POST",
        "/admin/events/{id}/allocation",
        &[("POST", "/api/v1/admin/events/{id}/allocation")],
    ),
    (
        "POST",
        "/admin/events/{id}/allocation/publish",
        &[("POST", "/api/v1/admin/events/{id}/allocation/publish")],
    ),
    (
        "POST",
        "/admin/events/{id}/allocation/adjust",
        &[("POST", "/api/v1/admin/events/{id}/allocation/adjustments")],
    ),
    (
        "POST",
        "/admin/events/{id}/cafe",
        &[("PUT", "/api/v1/admin/events/{id}/cafe")],
    ),
    (
        "POST",
        "/admin/events/{id}/cafe/guests",
        &[("POST", "/api/v1/admin/events/{id}/cafe/guests")],
    ),
    // Masterclasses from interests (issue 16).
    ("POST", "/interests", &[("POST", "/api/v1/interests")]),
    (
        "POST",
        "/interests/{id}/withdraw",
        &[("DELETE", "/api/v1/interests/{id}")],
    ),
    (
        "POST",
        "/admin/interests/masterclass",
        &[("POST", "/api/v1/admin/interests/masterclasses")],
    ),
    // Completion and CPD (issue 16).
    (
        "POST",
        "/admin/cohorts/{id}/sessions/{ordinal}/attendance",
        &[("PUT", "/api/v1/cohorts/{id}/sessions/{ordinal}/attendance")],
    ),
    (
        "POST",
        "/admin/cohorts/{id}/completion/{participant}/exception",
        &[(
            "PUT",
            "/api/v1/cohorts/{id}/completion/{participant}/exception",
        )],
    ),
    (
        "POST",
        "/admin/cohorts/{id}/completion/{participant}/exception/remove",
        &[(
            "DELETE",
            "/api/v1/cohorts/{id}/completion/{participant}/exception",
        )],
    ),
    // Facilitator records (issue 15).
    (
        "POST",
        "/facilitators/profile/background",
        &[("PUT", "/api/v1/facilitators/me/background")],
    ),
    (
        "POST",
        "/facilitators/profile/qualifications",
        &[("POST", "/api/v1/facilitators/me/qualifications")],
    ),
    (
        "POST",
        "/facilitators/profile/qualifications/{id}",
        &[("PUT", "/api/v1/facilitators/me/qualifications/{id}")],
    ),
    (
        "POST",
        "/facilitators/profile/qualifications/{id}/delete",
        &[("DELETE", "/api/v1/facilitators/me/qualifications/{id}")],
    ),
    (
        "POST",
        "/facilitators/supervision",
        &[("POST", "/api/v1/facilitators/me/supervision")],
    ),
    (
        "POST",
        "/admin/cohorts/{id}/mentors",
        &[("POST", "/api/v1/cohorts/{id}/mentors")],
    ),
    (
        "POST",
        "/admin/programmes/{id}/award",
        &[("PUT", "/api/v1/programmes/{id}/award")],
    ),
    // Certificates (issue 16).
    (
        "POST",
        "/admin/cohorts/{id}/certificates/issue",
        &[("POST", "/api/v1/cohorts/{id}/certificates/issue")],
    ),
    (
        "POST",
        "/admin/certificates/{id}/revoke",
        &[("POST", "/api/v1/certificates/{id}/revoke")],
    ),
    (
        "POST",
        "/circles/{id}/book",
        &[("POST", "/api/v1/circles/{id}/booking")],
    ),
    (
        "POST",
        "/circles/{id}/cancel",
        &[("DELETE", "/api/v1/circles/{id}/booking")],
    ),
    (
        "POST",
        "/circles/{id}/accept",
        &[("POST", "/api/v1/circles/{id}/booking/accept")],
    ),
    (
        "POST",
        "/circles/{id}/attendance",
        &[("PUT", "/api/v1/circles/{id}/attendance")],
    ),
    // The facilitator pool (issue 15): the check page saves nothing; it is the API's PUT in two steps.
    (
        "POST",
        "/facilitators/pool",
        &[("PUT", "/api/v1/facilitators/pool")],
    ),
    (
        "POST",
        "/facilitators/pool/check",
        &[("PUT", "/api/v1/facilitators/pool")],
    ),
    (
        "POST",
        "/facilitators/pool/leave",
        &[("DELETE", "/api/v1/facilitators/pool")],
    ),
    (
        "POST",
        "/facilitators/pool/absences",
        &[("POST", "/api/v1/facilitators/pool/absences")],
    ),
    (
        "POST",
        "/admin/sets/{id}/facilitator-proposals",
        &[("POST", "/api/v1/sets/{id}/facilitator-requests")],
    ),
    (
        "POST",
        "/admin/sets/{id}/facilitator-unavailable",
        &[("POST", "/api/v1/sets/{id}/facilitator-unavailable")],
    ),
    (
        "POST",
        "/admin/circles/{id}/facilitator-proposals",
        &[("POST", "/api/v1/circles/{id}/facilitator-requests")],
    ),
    (
        "POST",
        "/facilitator-requests/{token}",
        &[("POST", "/api/v1/facilitator-requests/{token}")],
    ),
    (
        "POST",
        "/admin/cohorts/{id}/sets/swap",
        &[("POST", "/api/v1/cohorts/{id}/sets/swaps")],
    ),
    (
        "POST",
        "/admin/cohorts/{id}/sets/facilitators",
        &[("PUT", "/api/v1/cohorts/{id}/sets/facilitators")],
    ),
    (
        "POST",
        "/admin/sets/{id}/name",
        &[("PUT", "/api/v1/sets/{id}/name")],
    ),
    (
        "POST",
        "/account/timezone",
        &[("PUT", "/api/v1/me/timezone")],
    ),
    ("POST", "/account/language", &[("PUT", "/api/v1/me/locale")]),
    (
        "POST",
        "/programmes/{id}/apply",
        &[("POST", "/api/v1/programmes/{id}/applications")],
    ),
    (
        "POST",
        "/applications/{id}/respond",
        &[("POST", "/api/v1/applications/{id}/respond")],
    ),
    (
        "POST",
        "/admin/jobs/{id}/retry",
        &[("POST", "/api/v1/jobs/{id}/retry")],
    ),
    (
        "POST",
        "/sponsor/nominations",
        &[("POST", "/api/v1/sponsor/nominations")],
    ),
    (
        "POST",
        "/sponsor/applications/{id}/approve",
        &[("POST", "/api/v1/applications/{id}/sponsor-approval")],
    ),
    (
        "POST",
        "/sponsor/applications/{id}/decision",
        &[("POST", "/api/v1/applications/{id}/sponsor-decision")],
    ),
    (
        "POST",
        "/admin/applications/{id}/decision",
        &[("POST", "/api/v1/applications/{id}/decision")],
    ),
    ("POST", "/admin/people", &[("POST", "/api/v1/people")]),
    (
        "POST",
        "/admin/people/{id}/roles",
        &[("PUT", "/api/v1/people/{id}/roles")],
    ),
    (
        "POST",
        "/admin/people/{id}/supervisor",
        &[("PUT", "/api/v1/people/{id}/supervisor")],
    ),
    (
        "POST",
        "/admin/people/{id}/invitation",
        &[("POST", "/api/v1/people/{id}/invitation")],
    ),
    (
        "POST",
        "/admin/organisations",
        &[("POST", "/api/v1/organisations")],
    ),
    (
        "POST",
        "/admin/programmes",
        &[("POST", "/api/v1/programmes")],
    ),
    (
        "POST",
        "/admin/programmes/{id}/edit",
        &[("PUT", "/api/v1/programmes/{id}")],
    ),
    (
        "POST",
        "/admin/programmes/{id}/status",
        &[("PUT", "/api/v1/programmes/{id}/status")],
    ),
    (
        "POST",
        "/admin/programmes/{id}/cohorts",
        &[("POST", "/api/v1/programmes/{id}/cohorts")],
    ),
    (
        "POST",
        "/admin/programmes/{id}/caps",
        &[("POST", "/api/v1/programmes/{id}/caps")],
    ),
    (
        "POST",
        "/admin/programmes/{id}/decisions",
        &[("POST", "/api/v1/programmes/{id}/decisions")],
    ),
    (
        "POST",
        "/admin/programmes/{id}/allocate",
        &[("POST", "/api/v1/programmes/{id}/allocate")],
    ),
    (
        "POST",
        "/admin/cohorts/{id}/close",
        &[("POST", "/api/v1/cohorts/{id}/close")],
    ),
    (
        "POST",
        "/admin/cohorts/{id}/capacity",
        &[("PUT", "/api/v1/cohorts/{id}/capacity")],
    ),
    (
        "POST",
        "/admin/cohorts/{id}/edit",
        &[("PUT", "/api/v1/cohorts/{id}")],
    ),
    (
        "POST",
        "/sets/{id}/problems",
        &[("POST", "/api/v1/sets/{id}/problems")],
    ),
    (
        "POST",
        "/sets/{id}/meetings",
        &[("POST", "/api/v1/sets/{id}/meetings")],
    ),
    (
        "POST",
        "/sets/{id}/settings",
        &[("PUT", "/api/v1/sets/{id}/settings")],
    ),
    (
        "POST",
        "/cohorts/{id}/choose",
        &[("POST", "/api/v1/cohorts/{id}/choice")],
    ),
    (
        "POST",
        "/meetings/{id}/attendance",
        &[("PUT", "/api/v1/meetings/{id}/attendance")],
    ),
    (
        "POST",
        "/meetings/{id}/actions",
        &[("POST", "/api/v1/meetings/{id}/actions")],
    ),
    (
        "POST",
        "/meetings/{id}/reviews",
        &[("POST", "/api/v1/meetings/{id}/reviews")],
    ),
    (
        "POST",
        "/meetings/{id}/change",
        &[
            ("POST", "/api/v1/meetings/{id}/move"),
            ("POST", "/api/v1/meetings/{id}/cancel"),
            ("PUT", "/api/v1/meetings/{id}/presenter"),
        ],
    ),
    (
        "POST",
        "/admin/cohorts/{id}/sets",
        &[
            ("POST", "/api/v1/cohorts/{id}/sets"),
            ("POST", "/api/v1/cohorts/{id}/formation-runs"),
        ],
    ),
    (
        "POST",
        "/evaluation/programmes/{id}/instruments",
        &[("POST", "/api/v1/programmes/{id}/instruments")],
    ),
    (
        "POST",
        "/evaluation/programmes/{id}/waves",
        &[("POST", "/api/v1/programmes/{id}/waves")],
    ),
    (
        "POST",
        "/evaluation/waves/{id}/invite",
        &[("POST", "/api/v1/waves/{id}/invitations")],
    ),
    (
        "POST",
        "/evaluation/waves/{id}/remind",
        &[("POST", "/api/v1/waves/{id}/reminders")],
    ),
    (
        "POST",
        "/feedback/{id}/close",
        &[("POST", "/api/v1/feedback/{id}/close")],
    ),
    (
        "POST",
        "/respond/{token}",
        &[("PUT", "/api/v1/respond/{token}")],
    ),
    (
        "POST",
        "/evaluation/programmes/{id}/feedback360",
        &[("PUT", "/api/v1/programmes/{id}/feedback360")],
    ),
    ("POST", "/feedback", &[("POST", "/api/v1/feedback")]),
    (
        "POST",
        "/feedback/{id}/self",
        &[("POST", "/api/v1/feedback/{id}/self-link")],
    ),
    (
        "POST",
        "/feedback/{id}/raters",
        &[("POST", "/api/v1/feedback/{id}/raters")],
    ),
    (
        "POST",
        "/admin/formation-runs/{id}/cancel",
        &[("POST", "/api/v1/formation-runs/{id}/cancel")],
    ),
    (
        "POST",
        "/admin/cohorts/{id}/sets/move",
        &[("POST", "/api/v1/cohorts/{id}/sets/moves")],
    ),
    (
        "POST",
        "/admin/cohorts/{id}/sets/publish",
        &[("POST", "/api/v1/cohorts/{id}/sets/publish")],
    ),
    (
        "POST",
        "/admin/cohorts/{id}/sets/open",
        &[("POST", "/api/v1/cohorts/{id}/sets/open")],
    ),
    (
        "POST",
        "/admin/cohorts/{id}/sets/leave",
        &[("POST", "/api/v1/cohorts/{id}/sets/leavers")],
    ),
    (
        "POST",
        "/admin/cohorts/{id}/sets/leavers",
        &[("POST", "/api/v1/cohorts/{id}/sets/leavers")],
    ),
    (
        "POST",
        "/admin/cohorts/{id}/sets/restore",
        &[("POST", "/api/v1/cohorts/{id}/sets/leavers/undo")],
    ),
    (
        "POST",
        "/meetings/{id}/apologies",
        &[("POST", "/api/v1/meetings/{id}/apologies")],
    ),
    (
        "POST",
        "/meetings/{id}/apologies/withdraw",
        &[("DELETE", "/api/v1/meetings/{id}/apologies")],
    ),
    (
        "POST",
        "/meetings/{id}/attendance/everyone",
        &[("POST", "/api/v1/meetings/{id}/attendance/everyone-present")],
    ),
    (
        "POST",
        "/meetings/{id}/restore",
        &[("POST", "/api/v1/meetings/{id}/restore")],
    ),
    (
        "POST",
        "/admin/cohorts/{id}/sets/repair",
        &[
            ("GET", "/api/v1/cohorts/{id}/sets/repair"),
            ("POST", "/api/v1/cohorts/{id}/sets/repair"),
        ],
    ),
    (
        "POST",
        "/admin/sets/{id}/facilitators",
        &[("PUT", "/api/v1/sets/{id}/facilitators")],
    ),
    (
        "POST",
        "/admin/reporting-lines",
        &[("POST", "/api/v1/reporting-lines")],
    ),
    ("POST", "/diary", &[("POST", "/api/v1/diary")]),
    ("POST", "/diary/{id}", &[("PUT", "/api/v1/diary/{id}")]),
    (
        "POST",
        "/reports/themes/vocabulary",
        &[("PUT", "/api/v1/reports/themes/vocabulary")],
    ),
    (
        "POST",
        "/admin/circles",
        &[("POST", "/api/v1/admin/circles")],
    ),
    (
        "POST",
        "/admin/circles/{id}/edit",
        &[("PUT", "/api/v1/admin/circles/{id}")],
    ),
    (
        "POST",
        "/admin/circles/{id}/publish",
        &[("POST", "/api/v1/admin/circles/{id}/publish")],
    ),
    (
        "POST",
        "/admin/circles/{id}/cancel",
        &[("POST", "/api/v1/admin/circles/{id}/cancel")],
    ),
    (
        "POST",
        "/admin/circles/{id}/merge",
        &[("POST", "/api/v1/admin/circles/{id}/merge")],
    ),
    (
        "POST",
        "/admin/circles/{id}/decline",
        &[("POST", "/api/v1/admin/circles/{id}/decline-merge")],
    ),
    (
        "POST",
        "/admin/programmes/{id}/targets",
        &[("POST", "/api/v1/programmes/{id}/targets")],
    ),
    (
        "POST",
        "/admin/targets/{id}/edit",
        &[("PUT", "/api/v1/targets/{id}")],
    ),
    (
        "POST",
        "/admin/targets/{id}/measurement",
        &[("POST", "/api/v1/targets/{id}/measurement")],
    ),
    (
        "POST",
        "/admin/targets/{id}/delete",
        &[("DELETE", "/api/v1/targets/{id}")],
    ),
    // The CPD portfolio (issue 16): the check page saves nothing until its "save" button.
    (
        "POST",
        "/portfolio/evidence",
        &[("POST", "/api/v1/portfolio/evidence")],
    ),
    (
        "POST",
        "/portfolio/evidence/{id}/remove",
        &[("DELETE", "/api/v1/portfolio/evidence/{id}")],
    ),
    (
        "POST",
        "/admin/frameworks",
        &[("POST", "/api/v1/frameworks")],
    ),
    (
        "POST",
        "/admin/frameworks/{id}/remove",
        &[("DELETE", "/api/v1/frameworks/{id}")],
    ),
];

/// Counterparts whose matrix row differs from the page's on purpose, and why.
const ANSWERS_DIFFER: &[(&str, &str, &str)] = &[(
    "PUT",
    "/api/v1/diary/{id}",
    "the matrix's empty body lacks the entry's text and is refused (422) before the entry is \
     looked up, so nobody learns whether it exists; the page looks it up to show the form again",
)];

fn changes_state(method: &str) -> bool {
    matches!(method, "POST" | "PUT" | "PATCH" | "DELETE")
}

#[test]
fn every_state_changing_page_route_has_an_api_counterpart_or_a_reason() {
    let mut missing = Vec::new();
    for (method, path) in revans_web::routes::list() {
        if path.starts_with("/api/") || !changes_state(method) {
            continue;
        }
        let page_only = PAGE_ONLY.iter().any(|(m, p, _)| (*m, *p) == (method, path));
        let paired = COUNTERPARTS
            .iter()
            .any(|(m, p, _)| (*m, *p) == (method, path));
        if !page_only && !paired {
            missing.push(format!("{method} {path}"));
        }
    }
    assert!(
        missing.is_empty(),
        "these page routes change something but have no API counterpart: add one under \
         /api/v1 calling the same action and name it in COUNTERPARTS (or, for account \
         security only, PAGE_ONLY with the reason):\n{}",
        missing.join("\n")
    );
}

#[test]
fn every_listed_route_is_a_route() {
    let routes = revans_web::routes::list();
    let listed = PAGE_ONLY
        .iter()
        .map(|(m, p, _)| (*m, *p))
        .chain(COUNTERPARTS.iter().map(|(m, p, _)| (*m, *p)))
        .chain(
            COUNTERPARTS
                .iter()
                .flat_map(|(_, _, apis)| apis.iter().copied()),
        )
        .chain(ANSWERS_DIFFER.iter().map(|(m, p, _)| (*m, *p)));
    for (method, path) in listed {
        assert!(
            routes.contains(&(method, path)),
            "{method} {path} is listed here but is not a route"
        );
    }
    for (method, path, apis) in COUNTERPARTS {
        assert!(!path.starts_with("/api/"), "{method} {path} is not a page");
        for (m, p) in *apis {
            assert!(p.starts_with("/api/v1/"), "{m} {p} is not an API route");
        }
        assert!(
            !PAGE_ONLY.iter().any(|(m, p, _)| (m, p) == (method, path)),
            "{method} {path} is both page-only and paired"
        );
    }
}

/// What an outcome in the access matrix says about access.
fn access(outcome: &str) -> &'static str {
    match outcome {
        "303>/sign-in" | "401" => "not signed in",
        "403" => "refused",
        "404" => "not found",
        _ => "allowed",
    }
}

fn matrix_row(method: &str, path: &str) -> &'static [&'static str; 7] {
    MATRIX
        .iter()
        .find(|(m, p, _)| *m == method && matrix_path(p) == path)
        .map(|(_, _, outcomes)| outcomes)
        .unwrap_or_else(|| panic!("{method} {path} has no row in the access matrix"))
}

#[test]
fn every_counterpart_refuses_whom_its_page_refuses() {
    const ROLES: [&str; 7] = [
        "anon",
        "participant",
        "sponsor",
        "facilitator",
        "evaluator",
        "admin",
        "other tenant's admin",
    ];
    let mut differences = Vec::new();
    for (method, path, apis) in COUNTERPARTS {
        let page = matrix_row(method, path);
        for (m, p) in *apis {
            if ANSWERS_DIFFER.iter().any(|(dm, dp, _)| (dm, dp) == (m, p)) {
                continue;
            }
            let api = matrix_row(m, p);
            for (i, role) in ROLES.iter().enumerate() {
                if access(page[i]) != access(api[i]) {
                    differences.push(format!(
                        "{m} {p} as {role}: {} ({}), but the page {method} {path}: {} ({})",
                        api[i],
                        access(api[i]),
                        page[i],
                        access(page[i])
                    ));
                }
            }
        }
    }
    assert!(
        differences.is_empty(),
        "the API must refuse exactly whom the page refuses:\n{}",
        differences.join("\n")
    );
}
