//! Adds to every operation the error responses it can give, each with the error envelope, so
//! the document lists every status code a client may see. Most follow from the operation's
//! shape (signed in, a body, a path id, query parameters); the rest are listed here.

use utoipa::Modify;
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::{Content, OpenApi, Ref, RefOr, ResponseBuilder};

/// Operations some signed-in roles may not use (403), as the access matrix test checks.
const FORBIDDEN_FOR_SOME: &[(&str, &str)] = &[
    // Events with choices (issue 18): the lead's set-up and allocation.
    ("get", "/api/v1/admin/events/{id}"),
    ("put", "/api/v1/admin/events/{id}/plan"),
    ("post", "/api/v1/admin/events/{id}/hosts"),
    ("post", "/api/v1/admin/events/{id}/allocation"),
    ("get", "/api/v1/admin/events/{id}/allocation"),
    ("post", "/api/v1/admin/events/{id}/allocation/publish"),
    ("post", "/api/v1/admin/events/{id}/allocation/adjustments"),
    ("get", "/api/v1/admin/events/{id}/cafe"),
    ("put", "/api/v1/admin/events/{id}/cafe"),
    ("post", "/api/v1/admin/events/{id}/cafe/guests"),
    // Erasure (issue 17): a lead of the person's organisation, or themself when allowed.
    ("post", "/api/v1/people/{id}/erase"),
    // Masterclasses from interests (issue 16): leads only.
    ("get", "/api/v1/admin/interests"),
    ("post", "/api/v1/admin/interests/masterclasses"),
    // Completion and CPD (issue 16): leads of the cohort's programme only.
    ("get", "/api/v1/cohorts/{id}/completion"),
    ("get", "/api/v1/cohorts/{id}/sessions/{ordinal}/attendance"),
    ("put", "/api/v1/cohorts/{id}/sessions/{ordinal}/attendance"),
    (
        "put",
        "/api/v1/cohorts/{id}/completion/{participant}/exception",
    ),
    (
        "delete",
        "/api/v1/cohorts/{id}/completion/{participant}/exception",
    ),
    // The CPD portfolio (issue 16): only leads add or remove their tenant's frameworks.
    ("post", "/api/v1/frameworks"),
    ("delete", "/api/v1/frameworks/{id}"),
    // Facilitator records (issue 15): facilitators only; leads of the region only.
    ("get", "/api/v1/facilitators/me/profile"),
    ("put", "/api/v1/facilitators/me/background"),
    ("post", "/api/v1/facilitators/me/qualifications"),
    ("put", "/api/v1/facilitators/me/qualifications/{id}"),
    ("delete", "/api/v1/facilitators/me/qualifications/{id}"),
    ("get", "/api/v1/facilitators/me/supervision"),
    ("post", "/api/v1/facilitators/me/supervision"),
    ("get", "/api/v1/facilitators/{id}/profile"),
    ("get", "/api/v1/supervision/hours"),
    ("post", "/api/v1/sets/{id}/supervision-group"),
    ("get", "/api/v1/cohorts/{id}/mentors"),
    ("post", "/api/v1/cohorts/{id}/mentors"),
    ("put", "/api/v1/programmes/{id}/award"),
    // Support circles: booking outside the circle's region; attendance not one's circle.
    ("post", "/api/v1/circles/{id}/booking"),
    ("get", "/api/v1/circles/{id}/attendance"),
    ("put", "/api/v1/circles/{id}/attendance"),
    // Support circles (issue 15): leads of the region; another organisation's lead only reads.
    ("get", "/api/v1/admin/circles"),
    ("post", "/api/v1/admin/circles"),
    ("get", "/api/v1/admin/circles/{id}"),
    ("put", "/api/v1/admin/circles/{id}"),
    ("post", "/api/v1/admin/circles/{id}/publish"),
    ("post", "/api/v1/admin/circles/{id}/cancel"),
    ("post", "/api/v1/admin/circles/{id}/merge"),
    ("post", "/api/v1/admin/circles/{id}/decline-merge"),
    ("get", "/api/v1/admin/circles/report"),
    ("get", "/api/v1/organisations"),
    ("post", "/api/v1/organisations"),
    ("get", "/api/v1/people"),
    ("post", "/api/v1/people"),
    ("get", "/api/v1/people/{id}"),
    ("put", "/api/v1/people/{id}/roles"),
    ("get", "/api/v1/audit"),
    ("post", "/api/v1/programmes"),
    ("post", "/api/v1/programmes/{id}/cohorts"),
    ("put", "/api/v1/cohorts/{id}"),
    ("post", "/api/v1/cohorts/{id}/close"),
    ("put", "/api/v1/programmes/{id}/status"),
    ("get", "/api/v1/programmes/{id}/applications"),
    ("post", "/api/v1/programmes/{id}/caps"),
    ("post", "/api/v1/programmes/{id}/decisions"),
    ("post", "/api/v1/programmes/{id}/allocate"),
    ("post", "/api/v1/applications/{id}/sponsor-approval"),
    ("post", "/api/v1/sets/{id}/problems"),
    ("get", "/api/v1/cohorts/{id}/sets"),
    ("post", "/api/v1/cohorts/{id}/sets"),
    ("get", "/api/v1/reports/themes"),
    ("get", "/api/v1/reports/sets"),
    ("put", "/api/v1/programmes/{id}"),
    ("put", "/api/v1/cohorts/{id}/capacity"),
    ("put", "/api/v1/people/{id}/supervisor"),
    ("post", "/api/v1/people/{id}/invitation"),
    ("get", "/api/v1/reporting-lines"),
    ("post", "/api/v1/reporting-lines"),
    ("get", "/api/v1/sponsor/nominees"),
    ("post", "/api/v1/sponsor/nominations"),
    ("post", "/api/v1/sets/{id}/meetings"),
    ("put", "/api/v1/sets/{id}/settings"),
    ("post", "/api/v1/meetings/{id}/move"),
    ("post", "/api/v1/meetings/{id}/cancel"),
    ("put", "/api/v1/meetings/{id}/presenter"),
    ("put", "/api/v1/meetings/{id}/attendance"),
    ("post", "/api/v1/cohorts/{id}/sets/moves"),
    ("post", "/api/v1/cohorts/{id}/sets/publish"),
    ("post", "/api/v1/cohorts/{id}/sets/open"),
    ("post", "/api/v1/cohorts/{id}/sets/leavers"),
    ("get", "/api/v1/cohorts/{id}/sets/repair"),
    ("post", "/api/v1/cohorts/{id}/sets/repair"),
    ("put", "/api/v1/sets/{id}/facilitators"),
    ("put", "/api/v1/reports/themes/vocabulary"),
    ("get", "/api/v1/applications/{id}"),
    ("post", "/api/v1/applications/{id}/decision"),
    ("post", "/api/v1/applications/{id}/sponsor-decision"),
    ("post", "/api/v1/cohorts/{id}/sets/swaps"),
    // Only a member of the set sends or withdraws apologies; anyone else who can see the
    // meeting (its facilitator, say) is refused.
    ("post", "/api/v1/meetings/{id}/apologies"),
    ("delete", "/api/v1/meetings/{id}/apologies"),
    ("put", "/api/v1/cohorts/{id}/sets/facilitators"),
    ("put", "/api/v1/sets/{id}/name"),
    ("post", "/api/v1/cohorts/{id}/formation-runs"),
    ("get", "/api/v1/formation-runs/{id}"),
    ("post", "/api/v1/formation-runs/{id}/cancel"),
    // Evaluation targets: evaluators read, leads change; anyone else is refused.
    ("get", "/api/v1/programmes/{id}/targets"),
    ("post", "/api/v1/programmes/{id}/targets"),
    ("put", "/api/v1/targets/{id}"),
    ("delete", "/api/v1/targets/{id}"),
    ("post", "/api/v1/targets/{id}/measurement"),
    ("get", "/api/v1/programmes/{id}/evaluation"),
    ("get", "/api/v1/programmes/{id}/evaluation/results"),
    ("get", "/api/v1/programmes/{id}/evaluation/report.pdf"),
    ("post", "/api/v1/programmes/{id}/instruments"),
    ("post", "/api/v1/programmes/{id}/waves"),
    ("post", "/api/v1/waves/{id}/invitations"),
    ("post", "/api/v1/waves/{id}/reminders"),
    ("get", "/api/v1/programmes/{id}/feedback360"),
    ("put", "/api/v1/programmes/{id}/feedback360"),
    // The facilitator pool (issue 15): facilitators opt in; leads read it and ask.
    ("get", "/api/v1/facilitators/pool"),
    ("put", "/api/v1/facilitators/pool"),
    ("delete", "/api/v1/facilitators/pool"),
    ("post", "/api/v1/facilitators/pool/absences"),
    ("get", "/api/v1/admin/pool"),
    ("get", "/api/v1/sets/{id}/facilitator-proposals"),
    ("post", "/api/v1/sets/{id}/facilitator-requests"),
    ("post", "/api/v1/sets/{id}/facilitator-unavailable"),
    ("get", "/api/v1/circles/{id}/facilitator-proposals"),
    ("post", "/api/v1/circles/{id}/facilitator-requests"),
    // Certificates (issue 16): leads of the cohort's programme only.
    ("post", "/api/v1/certificates/{id}/revoke"),
    ("get", "/api/v1/cohorts/{id}/certificates"),
    ("post", "/api/v1/cohorts/{id}/certificates/issue"),
    ("get", "/api/v1/cohorts/{id}/certificates.zip"),
];

/// Operations with no token: the token in their path, from an emailed link, is the key.
pub const OPEN_BY_LINK: &[(&str, &str)] = &[
    ("get", "/api/v1/respond/{token}"),
    ("put", "/api/v1/respond/{token}"),
    ("get", "/api/v1/facilitator-requests/{token}"),
    ("post", "/api/v1/facilitator-requests/{token}"),
    // Public: anyone with a certificate's code verifies it.
    ("get", "/api/v1/certificates/verify/{code}"),
];

/// Operations whose body names a record (a set or circle, a topic) that may not be one the
/// caller can see (404), though their path has no id.
const NOT_FOUND_FROM_BODY: &[(&str, &str)] = &[
    ("post", "/api/v1/interests"),
    ("post", "/api/v1/admin/interests/masterclasses"),
];

/// Operations refused when the record is not in a state that allows them (409).
const CONFLICTS: &[(&str, &str)] = &[
    // Events with choices (issue 18): not an immersion event, no plan yet, no allocation
    // possible or run yet, rankings closed.
    ("get", "/api/v1/admin/events/{id}"),
    ("put", "/api/v1/admin/events/{id}/plan"),
    ("post", "/api/v1/admin/events/{id}/hosts"),
    ("post", "/api/v1/admin/events/{id}/allocation"),
    ("get", "/api/v1/admin/events/{id}/allocation"),
    ("post", "/api/v1/admin/events/{id}/allocation/publish"),
    ("post", "/api/v1/admin/events/{id}/allocation/adjustments"),
    ("get", "/api/v1/admin/events/{id}/cafe"),
    ("put", "/api/v1/admin/events/{id}/cafe"),
    ("post", "/api/v1/admin/events/{id}/cafe/guests"),
    ("put", "/api/v1/events/{id}/choices"),
    // Erasure (issue 17): erased already.
    ("post", "/api/v1/people/{id}/erase"),
    // A topic asked for by fewer than 8 people, or made into a masterclass already.
    ("post", "/api/v1/admin/interests/masterclasses"),
    // Completion (issue 16): a session not started yet; an exception for someone who completed.
    ("put", "/api/v1/cohorts/{id}/sessions/{ordinal}/attendance"),
    (
        "put",
        "/api/v1/cohorts/{id}/completion/{participant}/exception",
    ),
    // The CPD portfolio (issue 16): a framework evidence is tagged against stays.
    ("delete", "/api/v1/frameworks/{id}"),
    // Support circles: booked already, nothing to cancel, no place held, past the deadline.
    ("post", "/api/v1/circles/{id}/booking"),
    ("delete", "/api/v1/circles/{id}/booking"),
    ("post", "/api/v1/circles/{id}/booking/accept"),
    // Support circles (issue 15): not a draft, already ended, or no merge on offer.
    ("put", "/api/v1/admin/circles/{id}"),
    ("post", "/api/v1/admin/circles/{id}/publish"),
    ("post", "/api/v1/admin/circles/{id}/cancel"),
    ("post", "/api/v1/admin/circles/{id}/merge"),
    ("post", "/api/v1/admin/circles/{id}/decline-merge"),
    ("post", "/api/v1/feedback"),
    ("post", "/api/v1/feedback/{id}/self-link"),
    ("post", "/api/v1/feedback/{id}/raters"),
    ("post", "/api/v1/programmes/{id}/applications"),
    ("post", "/api/v1/programmes/{id}/decisions"),
    ("post", "/api/v1/applications/{id}/respond"),
    ("post", "/api/v1/applications/{id}/sponsor-approval"),
    ("put", "/api/v1/cohorts/{id}"),
    ("post", "/api/v1/cohorts/{id}/sets"),
    ("post", "/api/v1/people/{id}/invitation"),
    ("post", "/api/v1/meetings/{id}/move"),
    ("post", "/api/v1/meetings/{id}/cancel"),
    ("put", "/api/v1/meetings/{id}/presenter"),
    ("post", "/api/v1/applications/{id}/decision"),
    ("post", "/api/v1/applications/{id}/sponsor-decision"),
    ("post", "/api/v1/cohorts/{id}/sets/swaps"),
    ("post", "/api/v1/cohorts/{id}/formation-runs"),
    ("post", "/api/v1/formation-runs/{id}/cancel"),
    // Evaluation targets: evaluators read, leads change; anyone else is refused.
    ("get", "/api/v1/programmes/{id}/targets"),
    ("post", "/api/v1/programmes/{id}/targets"),
    ("put", "/api/v1/targets/{id}"),
    ("delete", "/api/v1/targets/{id}"),
    ("post", "/api/v1/targets/{id}/measurement"),
    ("post", "/api/v1/waves/{id}/reminders"),
    ("post", "/api/v1/feedback/{id}/close"),
    // Sent already, not open yet, or closed.
    ("put", "/api/v1/respond/{token}"),
    // The facilitator pool (issue 15): leaving when not in it; a request already answered or
    // a set that already has two facilitators.
    ("delete", "/api/v1/facilitators/pool"),
    ("post", "/api/v1/facilitator-requests/{token}"),
    // Certificates (issue 16): revoked already.
    ("post", "/api/v1/certificates/{id}/revoke"),
];

pub struct ErrorResponses;

impl Modify for ErrorResponses {
    fn modify(&self, openapi: &mut OpenApi) {
        for (path, item) in openapi.paths.paths.iter_mut() {
            let operations = [
                ("get", &mut item.get),
                ("put", &mut item.put),
                ("post", &mut item.post),
                ("delete", &mut item.delete),
                ("patch", &mut item.patch),
            ];
            for (method, operation) in operations {
                if let Some(operation) = operation {
                    add_errors(method, path, operation);
                }
            }
        }
    }
}

fn add_errors(method: &str, path: &str, operation: &mut Operation) {
    let listed = |table: &[(&str, &str)]| table.contains(&(method, path));
    let has_param = |place: ParameterIn| {
        operation
            .parameters
            .iter()
            .flatten()
            .any(|p| p.parameter_in == place)
    };
    let signed_in = operation.security.as_ref().is_some_and(|s| !s.is_empty());
    let has_body = operation.request_body.is_some();
    let mut codes: Vec<(&str, &str)> = Vec::new();
    if has_body {
        codes.push((
            "400",
            "The body is not JSON, or not valid JSON (the message says where).",
        ));
        codes.push(("413", "The body is larger than 2 MB."));
        codes.push((
            "422",
            "A field is missing, unknown or invalid; `fields` names each one.",
        ));
    } else if has_param(ParameterIn::Query) {
        codes.push((
            "400",
            "A query parameter could not be read; `fields` names it.",
        ));
    }
    if signed_in {
        codes.push(("401", "No valid personal access token was sent."));
    }
    if listed(FORBIDDEN_FOR_SOME) {
        codes.push(("403", "Your roles do not allow this."));
    }
    if has_param(ParameterIn::Path) {
        codes.push(("404", "Nothing with that id that you may see."));
    } else if listed(NOT_FOUND_FROM_BODY) {
        codes.push(("404", "Nothing by that name that you may see."));
    }
    if listed(CONFLICTS) {
        codes.push(("409", "The record is not in a state that allows this."));
    }
    codes.push((
        "500",
        "Something went wrong on our side; quote the request id.",
    ));
    codes.push((
        "503",
        "The database is unavailable; try again in a few minutes.",
    ));
    for (code, description) in codes {
        operation
            .responses
            .responses
            .entry(code.to_owned())
            .or_insert_with(|| error_response(description));
    }
}

fn error_response(description: &str) -> RefOr<utoipa::openapi::Response> {
    RefOr::T(
        ResponseBuilder::new()
            .description(description)
            .content(
                "application/json",
                Content::new(Some(Ref::from_schema_name("ErrorBody"))),
            )
            .build(),
    )
}
