//! The access matrix: for every route and every role, the exact outcome. A route missing from
//! the table fails the test, so every new route gets its access rule written down and checked.
//!
//! Roles: anon (signed out), participant, sponsor, facilitator, evaluator, admin (programme
//! lead of the demo region), other (programme lead of an unrelated tenant).
//! Outcomes are status codes; `303>/sign-in` means a redirect to that path; `303` alone means a
//! redirect elsewhere (a successful form). Page POSTs send a valid CSRF token and an empty form,
//! so an allowed role typically gets 422 (the form's own validation) and a refused one 403.

use axum::http::StatusCode;

use crate::helpers::*;

/// (method, path, outcomes for anon participant sponsor facilitator evaluator admin other).
pub(crate) const MATRIX: &[(&str, &str, [&str; 7])] = &[
    // Completion and CPD (issue 16): the spring cohort's leads; {participant} is the demo
    // participant, who has a place in it; session 1 has been held. Everyone reads their own CPD.
    (
        "GET",
        "/admin/cohorts/{spring}/completion",
        ["303>/sign-in", "403", "403", "403", "403", "200", "404"],
    ),
    (
        "GET",
        "/admin/cohorts/{spring}/sessions/{ordinal}/attendance",
        ["303>/sign-in", "403", "403", "403", "403", "200", "404"],
    ),
    (
        "POST",
        "/admin/cohorts/{spring}/sessions/{ordinal}/attendance",
        ["303>/sign-in", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "GET",
        "/admin/cohorts/{spring}/completion/{participant}/exception",
        ["303>/sign-in", "403", "403", "403", "403", "200", "404"],
    ),
    (
        "POST",
        "/admin/cohorts/{spring}/completion/{participant}/exception",
        ["303>/sign-in", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "POST",
        "/admin/cohorts/{spring}/completion/{participant}/exception/remove",
        ["303>/sign-in", "403", "403", "403", "403", "303", "404"],
    ),
    (
        "GET",
        "/cpd",
        ["303>/sign-in", "200", "200", "200", "200", "200", "200"],
    ),
    (
        "GET",
        "/api/v1/cohorts/{spring}/completion",
        ["401", "403", "403", "403", "403", "200", "404"],
    ),
    (
        "GET",
        "/api/v1/cohorts/{spring}/sessions/{ordinal}/attendance",
        ["401", "403", "403", "403", "403", "200", "404"],
    ),
    (
        "PUT",
        "/api/v1/cohorts/{spring}/sessions/{ordinal}/attendance",
        ["401", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "PUT",
        "/api/v1/cohorts/{spring}/completion/{participant}/exception",
        ["401", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "DELETE",
        "/api/v1/cohorts/{spring}/completion/{participant}/exception",
        ["401", "403", "403", "403", "403", "200", "404"],
    ),
    (
        "GET",
        "/api/v1/cpd",
        ["401", "200", "200", "200", "200", "200", "200"],
    ),
    // Facilitator records (issue 15): {job} is no qualification at all; {person} is the demo
    // participant, whose own profile they may read; leads of the region read it, another
    // tenant's lead gets 404.
    (
        "GET",
        "/facilitators/profile",
        ["303>/sign-in", "403", "403", "200", "403", "403", "403"],
    ),
    (
        "GET",
        "/facilitators/profile/background",
        ["303>/sign-in", "403", "403", "200", "403", "403", "403"],
    ),
    (
        "POST",
        "/facilitators/profile/background",
        ["303>/sign-in", "403", "403", "422", "403", "403", "403"],
    ),
    (
        "GET",
        "/facilitators/profile/qualifications/new",
        ["303>/sign-in", "403", "403", "200", "403", "403", "403"],
    ),
    (
        "POST",
        "/facilitators/profile/qualifications",
        ["303>/sign-in", "403", "403", "422", "403", "403", "403"],
    ),
    (
        "GET",
        "/facilitators/profile/qualifications/{job}/edit",
        ["303>/sign-in", "403", "403", "404", "403", "403", "403"],
    ),
    (
        "POST",
        "/facilitators/profile/qualifications/{job}",
        ["303>/sign-in", "403", "403", "404", "403", "403", "403"],
    ),
    (
        "GET",
        "/facilitators/profile/qualifications/{job}/delete",
        ["303>/sign-in", "403", "403", "404", "403", "403", "403"],
    ),
    (
        "POST",
        "/facilitators/profile/qualifications/{job}/delete",
        ["303>/sign-in", "403", "403", "404", "403", "403", "403"],
    ),
    (
        "GET",
        "/admin/facilitators/{person}",
        ["303>/sign-in", "200", "403", "403", "403", "200", "404"],
    ),
    (
        "GET",
        "/facilitators/supervision",
        ["303>/sign-in", "403", "403", "200", "403", "403", "403"],
    ),
    (
        "POST",
        "/facilitators/supervision",
        ["303>/sign-in", "403", "403", "422", "403", "403", "403"],
    ),
    (
        "GET",
        "/facilitators/supervision/hours.csv",
        ["303>/sign-in", "403", "403", "200", "403", "403", "403"],
    ),
    (
        "GET",
        "/admin/supervision/hours.csv",
        ["303>/sign-in", "403", "403", "200", "403", "200", "200"],
    ),
    (
        "GET",
        "/admin/cohorts/{cohort}/mentors",
        ["303>/sign-in", "403", "403", "403", "403", "200", "404"],
    ),
    (
        "POST",
        "/admin/cohorts/{cohort}/mentors",
        ["303>/sign-in", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "GET",
        "/admin/programmes/{programme}/award",
        ["303>/sign-in", "403", "403", "403", "403", "200", "404"],
    ),
    (
        "POST",
        "/admin/programmes/{programme}/award",
        ["303>/sign-in", "403", "403", "403", "403", "303", "404"],
    ),
    (
        "GET",
        "/api/v1/facilitators/me/profile",
        ["401", "403", "403", "200", "403", "403", "403"],
    ),
    (
        "GET",
        "/api/v1/facilitators/{person}/profile",
        ["401", "200", "403", "403", "403", "200", "404"],
    ),
    (
        "PUT",
        "/api/v1/facilitators/me/background",
        ["401", "403", "403", "422", "403", "403", "403"],
    ),
    (
        "POST",
        "/api/v1/facilitators/me/qualifications",
        ["401", "403", "403", "422", "403", "403", "403"],
    ),
    (
        "PUT",
        "/api/v1/facilitators/me/qualifications/{job}",
        ["401", "403", "403", "404", "403", "403", "403"],
    ),
    (
        "DELETE",
        "/api/v1/facilitators/me/qualifications/{job}",
        ["401", "403", "403", "404", "403", "403", "403"],
    ),
    (
        "GET",
        "/api/v1/facilitators/me/supervision",
        ["401", "403", "403", "200", "403", "403", "403"],
    ),
    (
        "POST",
        "/api/v1/facilitators/me/supervision",
        ["401", "403", "403", "422", "403", "403", "403"],
    ),
    (
        "GET",
        "/api/v1/supervision/hours",
        ["401", "403", "403", "200", "403", "200", "200"],
    ),
    (
        "POST",
        "/api/v1/sets/{set}/supervision-group",
        ["401", "403", "403", "403", "403", "200", "404"],
    ),
    (
        "GET",
        "/api/v1/cohorts/{cohort}/mentors",
        ["401", "403", "403", "403", "403", "200", "404"],
    ),
    (
        "POST",
        "/api/v1/cohorts/{cohort}/mentors",
        ["401", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "GET",
        "/api/v1/me/mentoring",
        ["401", "200", "200", "200", "200", "200", "200"],
    ),
    (
        "PUT",
        "/api/v1/programmes/{programme}/award",
        ["401", "403", "403", "403", "403", "200", "404"],
    ),
    (
        "GET",
        "/healthz",
        ["200", "200", "200", "200", "200", "200", "200"],
    ),
    ("GET", "/readyz", ["200"; 7]),
    ("GET", "/accessibility", ["200"; 7]),
    ("GET", "/privacy", ["200"; 7]),
    ("GET", "/help", ["200"; 7]),
    // Only for a scraper with the configured token; without one configured it does not exist.
    ("GET", "/metrics", ["404"; 7]),
    (
        "GET",
        "/assets/revans.css",
        ["200", "200", "200", "200", "200", "200", "200"],
    ),
    (
        "GET",
        "/assets/revans.js",
        ["200", "200", "200", "200", "200", "200", "200"],
    ),
    (
        "GET",
        "/assets/logo",
        ["404", "404", "404", "404", "404", "404", "404"],
    ),
    (
        "GET",
        "/api/openapi.json",
        ["200", "200", "200", "200", "200", "200", "200"],
    ),
    // The public catalogue and calendar files; {programme} and {cohort} are the demo's.
    ("GET", "/programmes", ["200"; 7]),
    ("GET", "/programmes/{programme}", ["200"; 7]),
    ("GET", "/cohorts/{cohort}/sessions.ics", ["200"; 7]),
    ("GET", "/calendar/{token}", ["404"; 7]),
    // Masterclasses from interests (issue 16): everyone signed in keeps their own topics (an
    // empty form names the source; {job} is nobody's interest); leads read their own tree's
    // figures (the other tenant's lead sees an empty table) and name a topic (empty: 422).
    (
        "GET",
        "/interests",
        ["303>/sign-in", "200", "200", "200", "200", "200", "200"],
    ),
    (
        "POST",
        "/interests",
        ["303>/sign-in", "422", "422", "422", "422", "422", "422"],
    ),
    (
        "POST",
        "/interests/{job}/withdraw",
        ["303>/sign-in", "404", "404", "404", "404", "404", "404"],
    ),
    (
        "GET",
        "/admin/interests",
        ["303>/sign-in", "403", "403", "403", "403", "200", "200"],
    ),
    (
        "GET",
        "/admin/interests/masterclass",
        ["303>/sign-in", "403", "403", "403", "403", "422", "422"],
    ),
    (
        "POST",
        "/admin/interests/masterclass",
        ["303>/sign-in", "403", "403", "403", "403", "422", "422"],
    ),
    (
        "GET",
        "/admin/interests/masterclass/made",
        ["303>/sign-in", "403", "403", "403", "403", "422", "422"],
    ),
    (
        "GET",
        "/api/v1/interests",
        ["401", "200", "200", "200", "200", "200", "200"],
    ),
    (
        "POST",
        "/api/v1/interests",
        ["401", "422", "422", "422", "422", "422", "422"],
    ),
    (
        "DELETE",
        "/api/v1/interests/{job}",
        ["401", "404", "404", "404", "404", "404", "404"],
    ),
    (
        "GET",
        "/api/v1/admin/interests",
        ["401", "403", "403", "403", "403", "200", "200"],
    ),
    (
        "POST",
        "/api/v1/admin/interests/masterclasses",
        ["401", "403", "403", "403", "403", "422", "422"],
    ),
    // Certificates (issue 16): {certificate} is the demo participant's in the finished cohort
    // {winter}; verification ({code} is its code) is public; a certificate is its holder's and
    // their leads'; everyone else is told it does not exist.
    ("GET", "/certificates/verify", ["200"; 7]),
    ("GET", "/certificates/verify/{code}", ["200"; 7]),
    ("GET", "/api/v1/certificates/verify/{code}", ["200"; 7]),
    (
        "GET",
        "/certificates",
        ["303>/sign-in", "200", "200", "200", "200", "200", "200"],
    ),
    (
        "GET",
        "/certificates/{certificate}/pdf",
        ["303>/sign-in", "200", "404", "404", "404", "200", "404"],
    ),
    (
        "GET",
        "/admin/cohorts/{winter}/certificates",
        ["303>/sign-in", "403", "403", "403", "403", "200", "404"],
    ),
    (
        "POST",
        "/admin/cohorts/{winter}/certificates/issue",
        ["303>/sign-in", "403", "403", "403", "403", "303", "404"],
    ),
    (
        "GET",
        "/admin/cohorts/{winter}/certificates.zip",
        ["303>/sign-in", "403", "403", "403", "403", "200", "404"],
    ),
    (
        "GET",
        "/admin/certificates/{certificate}/revoke",
        ["303>/sign-in", "403", "403", "403", "403", "200", "404"],
    ),
    (
        "POST",
        "/admin/certificates/{certificate}/revoke",
        ["303>/sign-in", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "GET",
        "/api/v1/certificates",
        ["401", "200", "200", "200", "200", "200", "200"],
    ),
    (
        "GET",
        "/api/v1/certificates/{certificate}/pdf",
        ["401", "200", "404", "404", "404", "200", "404"],
    ),
    (
        "POST",
        "/api/v1/certificates/{certificate}/revoke",
        ["401", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "GET",
        "/api/v1/cohorts/{winter}/certificates",
        ["401", "403", "403", "403", "403", "200", "404"],
    ),
    (
        "POST",
        "/api/v1/cohorts/{winter}/certificates/issue",
        ["401", "403", "403", "403", "403", "200", "404"],
    ),
    (
        "GET",
        "/api/v1/cohorts/{winter}/certificates.zip",
        ["401", "403", "403", "403", "403", "200", "404"],
    ),
    // Support circles (issue 15): {circle} is the demo's burnout circle, facilitated by the
    // demo facilitator in the demo region; the other tenant's lead may look but not book.
    // Signed out with two regions, the feeds ask which region (422).
    ("GET", "/circles", ["200"; 7]),
    ("GET", "/circles/embed", ["200"; 7]),
    (
        "GET",
        "/circles.ics",
        ["422", "200", "200", "200", "200", "200", "200"],
    ),
    (
        "GET",
        "/circles/topics/{topic}",
        ["422", "200", "200", "200", "200", "200", "200"],
    ),
    (
        "GET",
        "/circles/mine",
        ["303>/sign-in", "200", "200", "200", "200", "200", "200"],
    ),
    ("GET", "/circles/{circle}", ["200"; 7]),
    (
        "POST",
        "/circles/{circle}/book",
        ["303>/sign-in", "303", "303", "303", "303", "303", "403"],
    ),
    (
        "POST",
        "/circles/{circle}/cancel",
        ["303>/sign-in", "303", "303", "303", "303", "303", "409"],
    ),
    (
        "POST",
        "/circles/{circle}/accept",
        ["303>/sign-in", "409", "409", "409", "409", "409", "409"],
    ),
    (
        "GET",
        "/circles/{circle}/attendance",
        ["303>/sign-in", "403", "403", "200", "403", "200", "403"],
    ),
    (
        "POST",
        "/circles/{circle}/attendance",
        ["303>/sign-in", "403", "403", "422", "403", "403", "403"],
    ),
    (
        "GET",
        "/api/v1/circles",
        ["401", "200", "200", "200", "200", "200", "200"],
    ),
    (
        "GET",
        "/api/v1/circles/mine",
        ["401", "200", "200", "200", "200", "200", "200"],
    ),
    (
        "GET",
        "/api/v1/circles/{circle}",
        ["401", "200", "200", "200", "200", "200", "200"],
    ),
    (
        "POST",
        "/api/v1/circles/{circle}/booking",
        ["401", "201", "201", "201", "201", "201", "403"],
    ),
    (
        "DELETE",
        "/api/v1/circles/{circle}/booking",
        ["401", "204", "204", "204", "204", "204", "409"],
    ),
    (
        "POST",
        "/api/v1/circles/{circle}/booking/accept",
        ["401", "409", "409", "409", "409", "409", "409"],
    ),
    (
        "GET",
        "/api/v1/circles/{circle}/attendance",
        ["401", "403", "403", "200", "403", "200", "403"],
    ),
    (
        "PUT",
        "/api/v1/circles/{circle}/attendance",
        ["401", "403", "403", "422", "403", "403", "403"],
    ),
    // Applying: anyone signed in; an empty form names the missing answers.
    (
        "GET",
        "/programmes/{programme}/apply",
        ["303>/sign-in", "200", "200", "200", "200", "200", "200"],
    ),
    (
        "POST",
        "/programmes/{programme}/apply",
        ["303>/sign-in", "422", "422", "422", "422", "422", "422"],
    ),
    (
        "GET",
        "/applications",
        ["303>/sign-in", "200", "200", "200", "200", "200", "200"],
    ),
    // {application} does not exist: nobody learns anything about it.
    (
        "POST",
        "/applications/{application}/respond",
        ["303>/sign-in", "404", "404", "404", "404", "404", "404"],
    ),
    (
        "GET",
        "/account/calendar",
        ["303>/sign-in", "200", "200", "200", "200", "200", "200"],
    ),
    (
        "POST",
        "/account/calendar",
        ["303>/sign-in", "200", "200", "200", "200", "200", "200"],
    ),
    (
        "GET",
        "/sponsor/applications",
        ["303>/sign-in", "403", "200", "403", "403", "403", "403"],
    ),
    (
        "POST",
        "/sponsor/nominations",
        ["303>/sign-in", "403", "422", "403", "403", "403", "403"],
    ),
    (
        "POST",
        "/sponsor/applications/{application}/approve",
        ["303>/sign-in", "403", "404", "403", "403", "403", "403"],
    ),
    (
        "GET",
        "/admin/programmes",
        ["303>/sign-in", "403", "403", "403", "403", "200", "200"],
    ),
    (
        "GET",
        "/admin/programmes/new",
        ["303>/sign-in", "403", "403", "403", "403", "200", "200"],
    ),
    (
        "POST",
        "/admin/programmes",
        ["303>/sign-in", "403", "403", "403", "403", "422", "422"],
    ),
    (
        "GET",
        "/admin/programmes/{programme}",
        ["303>/sign-in", "403", "403", "403", "403", "200", "404"],
    ),
    (
        "GET",
        "/admin/programmes/{programme}/edit",
        ["303>/sign-in", "403", "403", "403", "403", "200", "404"],
    ),
    (
        "POST",
        "/admin/programmes/{programme}/edit",
        ["303>/sign-in", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "POST",
        "/admin/programmes/{programme}/status",
        ["303>/sign-in", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "POST",
        "/admin/programmes/{programme}/cohorts",
        ["303>/sign-in", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "POST",
        "/admin/programmes/{programme}/caps",
        ["303>/sign-in", "403", "403", "403", "403", "422", "404"],
    ),
    // The review queue's own page and one application's page (issue 11): the programme's lead
    // only; {application} does not exist, so even the lead is told "not found".
    (
        "GET",
        "/admin/programmes/{programme}/applications",
        ["303>/sign-in", "403", "403", "403", "403", "200", "404"],
    ),
    (
        "GET",
        "/admin/applications/{application}",
        ["303>/sign-in", "403", "403", "403", "403", "404", "404"],
    ),
    (
        "POST",
        "/admin/applications/{application}/decision",
        ["303>/sign-in", "403", "403", "403", "403", "404", "404"],
    ),
    (
        "GET",
        "/sponsor/applications/{application}",
        ["303>/sign-in", "403", "404", "403", "403", "403", "403"],
    ),
    (
        "POST",
        "/sponsor/applications/{application}/decision",
        ["303>/sign-in", "403", "404", "403", "403", "403", "403"],
    ),
    (
        "GET",
        "/applications/{application}/sent",
        ["303>/sign-in", "404", "404", "404", "404", "404", "404"],
    ),
    (
        "GET",
        "/applications/{application}/withdraw",
        ["303>/sign-in", "404", "404", "404", "404", "404", "404"],
    ),
    (
        "POST",
        "/admin/programmes/{programme}/decisions",
        ["303>/sign-in", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "POST",
        "/admin/programmes/{programme}/allocate",
        ["303>/sign-in", "403", "403", "403", "403", "303", "404"],
    ),
    (
        "GET",
        "/admin/programmes/{programme}/applications.csv",
        ["303>/sign-in", "403", "403", "403", "403", "200", "404"],
    ),
    // Closing is a 303 for the lead; nothing else in the matrix depends on that cohort's window.
    (
        "POST",
        "/admin/cohorts/{cohort}/close",
        ["303>/sign-in", "403", "403", "403", "403", "303", "404"],
    ),
    (
        "POST",
        "/admin/cohorts/{cohort}/capacity",
        ["303>/sign-in", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "GET",
        "/admin/cohorts/{cohort}/edit",
        ["303>/sign-in", "403", "403", "403", "403", "200", "404"],
    ),
    (
        "POST",
        "/admin/cohorts/{cohort}/edit",
        ["303>/sign-in", "403", "403", "403", "403", "422", "404"],
    ),
    // Support circles (issue 15): {circle} is a confirmed circle of the demo's ICS (so
    // publishing and merging it are conflicts), {circle2} a draft the lead's page cancels (the
    // API's cancel then finds it ended). The evaluator reads the report only; another tenant's
    // lead has their own (empty) region and never sees these.
    (
        "GET",
        "/admin/circles",
        ["303>/sign-in", "403", "403", "403", "403", "200", "200"],
    ),
    (
        "GET",
        "/admin/circles/new",
        ["303>/sign-in", "403", "403", "403", "403", "200", "200"],
    ),
    (
        "POST",
        "/admin/circles",
        ["303>/sign-in", "403", "403", "403", "403", "422", "422"],
    ),
    (
        "GET",
        "/admin/circles/report",
        ["303>/sign-in", "403", "403", "403", "200", "200", "200"],
    ),
    (
        "GET",
        "/admin/circles/report.csv",
        ["303>/sign-in", "403", "403", "403", "200", "200", "200"],
    ),
    (
        "GET",
        "/admin/circles/{acircle}",
        ["303>/sign-in", "403", "403", "403", "403", "200", "404"],
    ),
    (
        "GET",
        "/admin/circles/{acircle}/edit",
        ["303>/sign-in", "403", "403", "403", "403", "200", "404"],
    ),
    (
        "POST",
        "/admin/circles/{acircle}/edit",
        ["303>/sign-in", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "POST",
        "/admin/circles/{acircle}/publish",
        ["303>/sign-in", "403", "403", "403", "403", "409", "404"],
    ),
    (
        "GET",
        "/admin/circles/{acircle}/published",
        ["303>/sign-in", "403", "403", "403", "403", "200", "404"],
    ),
    (
        "GET",
        "/admin/circles/{acircle}/cancel",
        ["303>/sign-in", "403", "403", "403", "403", "200", "404"],
    ),
    (
        "POST",
        "/admin/circles/{circle2}/cancel",
        ["303>/sign-in", "403", "403", "403", "403", "303", "404"],
    ),
    (
        "POST",
        "/admin/circles/{acircle}/merge",
        ["303>/sign-in", "403", "403", "403", "403", "409", "404"],
    ),
    (
        "POST",
        "/admin/circles/{acircle}/decline",
        ["303>/sign-in", "403", "403", "403", "403", "409", "404"],
    ),
    (
        "GET",
        "/api/v1/admin/circles",
        ["401", "403", "403", "403", "403", "200", "200"],
    ),
    (
        "POST",
        "/api/v1/admin/circles",
        ["401", "403", "403", "403", "403", "422", "422"],
    ),
    (
        "GET",
        "/api/v1/admin/circles/report",
        ["401", "403", "403", "403", "200", "200", "200"],
    ),
    (
        "GET",
        "/api/v1/admin/circles/{acircle}",
        ["401", "403", "403", "403", "403", "200", "404"],
    ),
    (
        "PUT",
        "/api/v1/admin/circles/{acircle}",
        ["401", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "POST",
        "/api/v1/admin/circles/{acircle}/publish",
        ["401", "403", "403", "403", "403", "409", "404"],
    ),
    (
        "POST",
        "/api/v1/admin/circles/{circle2}/cancel",
        ["401", "403", "403", "403", "403", "409", "404"],
    ),
    (
        "POST",
        "/api/v1/admin/circles/{acircle}/merge",
        ["401", "403", "403", "403", "403", "409", "404"],
    ),
    (
        "POST",
        "/api/v1/admin/circles/{acircle}/decline-merge",
        ["401", "403", "403", "403", "403", "409", "404"],
    ),
    // A programme's evaluation targets (issue 14): {target} and {target2} are targets of the
    // demo programme. The tenant's evaluator reads them; only its lead changes them. The API's
    // DELETE comes last, as it removes {target}; the page deletes {target2}.
    (
        "GET",
        "/admin/programmes/{programme}/targets",
        ["303>/sign-in", "403", "403", "403", "200", "200", "404"],
    ),
    (
        "GET",
        "/admin/programmes/{programme}/targets/new",
        ["303>/sign-in", "403", "403", "403", "403", "200", "404"],
    ),
    (
        "POST",
        "/admin/programmes/{programme}/targets",
        ["303>/sign-in", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "GET",
        "/admin/targets/{target}/edit",
        ["303>/sign-in", "403", "403", "403", "403", "200", "404"],
    ),
    (
        "POST",
        "/admin/targets/{target}/edit",
        ["303>/sign-in", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "GET",
        "/admin/targets/{target}/measurement",
        ["303>/sign-in", "403", "403", "403", "403", "200", "404"],
    ),
    (
        "POST",
        "/admin/targets/{target}/measurement",
        ["303>/sign-in", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "GET",
        "/admin/targets/{target}/delete",
        ["303>/sign-in", "403", "403", "403", "403", "200", "404"],
    ),
    (
        "POST",
        "/admin/targets/{target2}/delete",
        ["303>/sign-in", "403", "403", "403", "403", "303", "404"],
    ),
    (
        "GET",
        "/api/v1/programmes/{programme}/targets",
        ["401", "403", "403", "403", "200", "200", "404"],
    ),
    (
        "POST",
        "/api/v1/programmes/{programme}/targets",
        ["401", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "PUT",
        "/api/v1/targets/{target}",
        ["401", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "POST",
        "/api/v1/targets/{target}/measurement",
        ["401", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "DELETE",
        "/api/v1/targets/{target}",
        ["401", "403", "403", "403", "403", "204", "404"],
    ),
    // Sets in use: {set} is the demo's published spring set (the participant is a member, the
    // facilitator facilitates it); {meeting} is its third meeting, not yet held. Everyone
    // else is told it does not exist.
    (
        "GET",
        "/sets",
        ["303>/sign-in", "200", "200", "200", "200", "200", "200"],
    ),
    (
        "GET",
        "/sets/{set}",
        ["303>/sign-in", "200", "404", "200", "404", "404", "404"],
    ),
    (
        "POST",
        "/sets/{set}/problems",
        ["303>/sign-in", "422", "404", "403", "404", "404", "404"],
    ),
    (
        "POST",
        "/sets/{set}/meetings",
        ["303>/sign-in", "403", "404", "422", "404", "404", "404"],
    ),
    // Choosing a set: nobody in the matrix has a place in {autumn}, and it is not open.
    (
        "GET",
        "/cohorts/{autumn}/choose",
        ["303>/sign-in", "404", "404", "404", "404", "404", "404"],
    ),
    (
        "POST",
        "/cohorts/{autumn}/choose",
        ["303>/sign-in", "404", "404", "404", "404", "404", "404"],
    ),
    (
        "POST",
        "/sets/{set}/settings",
        ["303>/sign-in", "403", "404", "422", "404", "404", "404"],
    ),
    (
        "GET",
        "/meetings/{meeting}",
        ["303>/sign-in", "200", "404", "200", "404", "404", "404"],
    ),
    (
        "POST",
        "/meetings/{meeting}/attendance",
        ["303>/sign-in", "403", "404", "422", "404", "404", "404"],
    ),
    (
        "POST",
        "/meetings/{meeting}/actions",
        ["303>/sign-in", "422", "404", "422", "404", "404", "404"],
    ),
    (
        "POST",
        "/meetings/{meeting}/reviews",
        ["303>/sign-in", "422", "404", "422", "404", "404", "404"],
    ),
    (
        "POST",
        "/meetings/{meeting}/change",
        ["303>/sign-in", "403", "404", "422", "404", "404", "404"],
    ),
    // Around a meeting (issue 11). Apologies are the member's own (the facilitator is
    // refused); {meeting} starts as the demo is made, so it has begun and the member is told
    // apologies are too late (422). "Everyone was present" needs its button's confirmation.
    (
        "GET",
        "/meetings/{meeting}/calendar.ics",
        ["303>/sign-in", "200", "404", "200", "404", "404", "404"],
    ),
    (
        "POST",
        "/meetings/{meeting}/apologies",
        ["303>/sign-in", "422", "404", "403", "404", "404", "404"],
    ),
    (
        "POST",
        "/meetings/{meeting}/apologies/withdraw",
        ["303>/sign-in", "422", "404", "403", "404", "404", "404"],
    ),
    (
        "POST",
        "/meetings/{meeting}/attendance/everyone",
        ["303>/sign-in", "403", "404", "422", "404", "404", "404"],
    ),
    (
        "GET",
        "/meetings/{meeting}/cancel",
        ["303>/sign-in", "403", "404", "200", "404", "404", "404"],
    ),
    // Not cancelled, so there is nothing to undo (422).
    (
        "POST",
        "/meetings/{meeting}/restore",
        ["303>/sign-in", "403", "404", "422", "404", "404", "404"],
    ),
    // Forming sets: {spring} has published sets, {autumn} 24 people waiting for theirs.
    (
        "GET",
        "/admin/cohorts/{spring}/sets",
        ["303>/sign-in", "403", "403", "403", "403", "200", "404"],
    ),
    (
        "POST",
        "/admin/cohorts/{autumn}/sets",
        ["303>/sign-in", "403", "403", "403", "403", "422", "404"],
    ),
    // Evaluation (C9): the programme's leads and the tenant's evaluators read the plan and the
    // results; only leads change it; the lead of another tenant is told it does not exist.
    // {job} is no wave at all (evaluation_access.rs checks real ones).
    (
        "GET",
        "/evaluation",
        ["303>/sign-in", "403", "403", "403", "200", "200", "200"],
    ),
    (
        "GET",
        "/evaluation/programmes/{programme}",
        ["303>/sign-in", "403", "403", "403", "200", "200", "404"],
    ),
    (
        "GET",
        "/evaluation/programmes/{programme}/results",
        ["303>/sign-in", "403", "403", "403", "200", "200", "404"],
    ),
    (
        "GET",
        "/evaluation/programmes/{programme}/report.pdf",
        ["303>/sign-in", "403", "403", "403", "200", "200", "404"],
    ),
    (
        "GET",
        "/evaluation/programmes/{programme}/results.csv",
        ["303>/sign-in", "403", "403", "403", "200", "200", "404"],
    ),
    (
        "GET",
        "/evaluation/programmes/{programme}/instruments/new",
        ["303>/sign-in", "403", "403", "403", "403", "200", "404"],
    ),
    (
        "POST",
        "/evaluation/programmes/{programme}/instruments",
        ["303>/sign-in", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "GET",
        "/evaluation/programmes/{programme}/waves/new",
        ["303>/sign-in", "403", "403", "403", "403", "200", "404"],
    ),
    (
        "POST",
        "/evaluation/programmes/{programme}/waves",
        ["303>/sign-in", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "GET",
        "/evaluation/waves/{job}/invite",
        ["303>/sign-in", "403", "403", "403", "403", "404", "404"],
    ),
    (
        "POST",
        "/evaluation/waves/{job}/invite",
        ["303>/sign-in", "403", "403", "403", "403", "404", "404"],
    ),
    (
        "POST",
        "/evaluation/waves/{job}/remind",
        ["303>/sign-in", "403", "403", "403", "403", "404", "404"],
    ),
    // 360 feedback: the lead offers it; a round is its participant's alone. {job} is no round
    // at all (evaluation_360.rs checks real ones against every role and another participant).
    (
        "GET",
        "/evaluation/programmes/{programme}/feedback360",
        ["303>/sign-in", "403", "403", "403", "403", "200", "404"],
    ),
    (
        "POST",
        "/evaluation/programmes/{programme}/feedback360",
        ["303>/sign-in", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "GET",
        "/feedback",
        ["303>/sign-in", "200", "200", "200", "200", "200", "200"],
    ),
    (
        "POST",
        "/feedback",
        ["303>/sign-in", "422", "422", "422", "422", "422", "422"],
    ),
    (
        "GET",
        "/feedback/{job}",
        ["303>/sign-in", "404", "404", "404", "404", "404", "404"],
    ),
    (
        "POST",
        "/feedback/{job}/self",
        ["303>/sign-in", "404", "404", "404", "404", "404", "404"],
    ),
    (
        "GET",
        "/feedback/{job}/raters",
        ["303>/sign-in", "404", "404", "404", "404", "404", "404"],
    ),
    (
        "POST",
        "/feedback/{job}/raters",
        ["303>/sign-in", "404", "404", "404", "404", "404", "404"],
    ),
    (
        "GET",
        "/feedback/{job}/report",
        ["303>/sign-in", "404", "404", "404", "404", "404", "404"],
    ),
    (
        "POST",
        "/feedback/{job}/close",
        ["303>/sign-in", "404", "404", "404", "404", "404", "404"],
    ),
    // Forming runs: {job} is no run at all (forming_runs.rs checks real ones).
    (
        "GET",
        "/admin/formation-runs/{job}",
        ["303>/sign-in", "403", "403", "403", "403", "404", "404"],
    ),
    (
        "GET",
        "/admin/formation-runs/{job}/progress",
        ["303>/sign-in", "403", "403", "403", "403", "404", "404"],
    ),
    (
        "POST",
        "/admin/formation-runs/{job}/cancel",
        ["303>/sign-in", "403", "403", "403", "403", "404", "404"],
    ),
    (
        "POST",
        "/admin/cohorts/{autumn}/sets/move",
        ["303>/sign-in", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "POST",
        "/admin/cohorts/{autumn}/sets/publish",
        ["303>/sign-in", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "POST",
        "/admin/cohorts/{autumn}/sets/open",
        ["303>/sign-in", "403", "403", "403", "403", "422", "404"],
    ),
    // "X has left": the confirmation and the page after it need a member (without one the
    // lead is sent back to the sets, 303); the change and its undo name the missing member.
    (
        "GET",
        "/admin/cohorts/{spring}/sets/leave",
        ["303>/sign-in", "403", "403", "403", "403", "303", "404"],
    ),
    (
        "GET",
        "/admin/cohorts/{spring}/sets/leavers",
        ["303>/sign-in", "403", "403", "403", "403", "303", "404"],
    ),
    (
        "POST",
        "/admin/cohorts/{autumn}/sets/leavers",
        ["303>/sign-in", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "POST",
        "/admin/cohorts/{autumn}/sets/restore",
        ["303>/sign-in", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "POST",
        "/admin/cohorts/{autumn}/sets/leave",
        ["303>/sign-in", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "POST",
        "/admin/cohorts/{autumn}/sets/repair",
        ["303>/sign-in", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "POST",
        "/admin/sets/{set}/facilitators",
        ["303>/sign-in", "403", "403", "403", "403", "422", "404"],
    ),
    // Hand changes to a cohort's sets (issue 11): its programme lead only.
    (
        "POST",
        "/admin/cohorts/{autumn}/sets/swap",
        ["303>/sign-in", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "GET",
        "/admin/cohorts/{autumn}/sets/facilitators",
        ["303>/sign-in", "403", "403", "403", "403", "200", "404"],
    ),
    (
        "POST",
        "/admin/cohorts/{autumn}/sets/facilitators",
        ["303>/sign-in", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "GET",
        "/admin/sets/{set}/name",
        ["303>/sign-in", "403", "403", "403", "403", "200", "404"],
    ),
    (
        "POST",
        "/admin/sets/{set}/name",
        ["303>/sign-in", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "GET",
        "/admin/reporting-lines",
        ["303>/sign-in", "403", "403", "403", "403", "200", "200"],
    ),
    (
        "POST",
        "/admin/reporting-lines",
        ["303>/sign-in", "403", "403", "403", "403", "422", "422"],
    ),
    (
        "GET",
        "/api/v1/sets",
        ["401", "200", "200", "200", "200", "200", "200"],
    ),
    (
        "GET",
        "/api/v1/sets/{set}",
        ["401", "200", "404", "200", "404", "404", "404"],
    ),
    (
        "POST",
        "/api/v1/sets/{set}/problems",
        ["401", "422", "404", "403", "404", "404", "404"],
    ),
    (
        "GET",
        "/api/v1/cohorts/{spring}/sets",
        ["401", "403", "403", "403", "403", "200", "404"],
    ),
    (
        "POST",
        "/api/v1/cohorts/{autumn}/sets",
        ["401", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "GET",
        "/sign-in",
        ["200", "303>/", "303>/", "303>/", "303>/", "303>/", "303>/"],
    ),
    (
        "POST",
        "/sign-in",
        ["422", "422", "422", "422", "422", "422", "422"],
    ),
    ("POST", "/sign-out", ["303>/sign-in?notice=signed-out"; 7]),
    // Single sign-on (issue 17): the test app has no providers, so no provider is there for
    // anyone (tests/it/sso.rs covers configured ones).
    ("GET", "/sign-in/sso/{provider}", ["404"; 7]),
    ("GET", "/sign-in/sso/{provider}/callback", ["404"; 7]),
    ("GET", "/password-reset", ["200"; 7]),
    ("POST", "/password-reset", ["422"; 7]),
    ("GET", "/password-reset/{token}", ["410"; 7]),
    ("POST", "/password-reset/{token}", ["422"; 7]),
    // Answering a questionnaire by its link: an unknown token opens nothing, for anyone.
    ("GET", "/respond/{token}", ["404"; 7]),
    ("POST", "/respond/{token}", ["404"; 7]),
    ("GET", "/invitations/{token}", ["410"; 7]),
    ("POST", "/invitations/{token}", ["422"; 7]),
    // Signed out, the home page says what this service is and how to get an account.
    ("GET", "/", ["200"; 7]),
    (
        "GET",
        "/account",
        ["303>/sign-in", "200", "200", "200", "200", "200", "200"],
    ),
    (
        "POST",
        "/account/password",
        ["303>/sign-in", "422", "422", "422", "422", "422", "422"],
    ),
    // An empty time zone means "each set's own": saved for anyone signed in.
    (
        "POST",
        "/account/timezone",
        ["303>/sign-in", "303", "303", "303", "303", "303", "303"],
    ),
    // An empty language means "the organisation's default": saved for anyone signed in.
    (
        "POST",
        "/account/language",
        ["303>/sign-in", "303", "303", "303", "303", "303", "303"],
    ),
    (
        "GET",
        "/account/tokens",
        ["303>/sign-in", "200", "200", "200", "200", "200", "200"],
    ),
    (
        "POST",
        "/account/tokens",
        ["303>/sign-in", "422", "422", "422", "422", "422", "422"],
    ),
    // {id} is the admin's own token: only its owner can revoke it; others get "not found".
    (
        "POST",
        "/account/tokens/{id}/revoke",
        ["303>/sign-in", "404", "404", "404", "404", "303", "404"],
    ),
    (
        "GET",
        "/admin/people",
        ["303>/sign-in", "403", "403", "403", "403", "200", "200"],
    ),
    (
        "GET",
        "/admin/people/new",
        ["303>/sign-in", "403", "403", "403", "403", "200", "200"],
    ),
    (
        "POST",
        "/admin/people",
        ["303>/sign-in", "403", "403", "403", "403", "422", "422"],
    ),
    // {person} is the demo participant: the other tenant's lead cannot even see they exist.
    (
        "GET",
        "/admin/people/{person}",
        ["303>/sign-in", "403", "403", "403", "403", "200", "404"],
    ),
    (
        "POST",
        "/admin/people/{person}/roles",
        ["303>/sign-in", "403", "403", "403", "403", "422", "404"],
    ),
    // {person} is the demo participant, not a facilitator: the lead's empty form is refused.
    (
        "POST",
        "/admin/people/{person}/supervisor",
        ["303>/sign-in", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "POST",
        "/admin/people/{person}/invitation",
        ["303>/sign-in", "403", "403", "403", "403", "409", "404"],
    ),
    // Erasure (issue 17): {person} is the demo participant. Leads of their organisation
    // only; the empty form (or body) lacks the confirmation, so nothing is erased (422). The
    // participant asking about themself is refused: self-erasure is off unless configured.
    (
        "GET",
        "/admin/people/{person}/erase",
        ["303>/sign-in", "403", "403", "403", "403", "200", "404"],
    ),
    (
        "POST",
        "/admin/people/{person}/erase",
        ["303>/sign-in", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "GET",
        "/account/erase",
        ["303>/sign-in", "403", "403", "403", "403", "403", "403"],
    ),
    (
        "POST",
        "/account/erase",
        ["303>/sign-in", "403", "403", "403", "403", "403", "403"],
    ),
    (
        "POST",
        "/api/v1/people/{person}/erase",
        ["401", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "GET",
        "/admin/organisations",
        ["303>/sign-in", "403", "403", "403", "403", "200", "200"],
    ),
    (
        "POST",
        "/admin/organisations",
        ["303>/sign-in", "403", "403", "403", "403", "422", "422"],
    ),
    (
        "GET",
        "/admin/audit",
        ["303>/sign-in", "403", "403", "403", "403", "200", "200"],
    ),
    // Failed emails about the lead's people; {job} does not exist (nor would another tenant's).
    (
        "GET",
        "/admin/jobs/failed",
        ["303>/sign-in", "403", "403", "403", "403", "200", "200"],
    ),
    (
        "POST",
        "/admin/jobs/{job}/retry",
        ["303>/sign-in", "403", "403", "403", "403", "404", "404"],
    ),
    // API: no token is 401; a token without the role is 403.
    (
        "GET",
        "/api/v1/me",
        ["401", "200", "200", "200", "200", "200", "200"],
    ),
    // Subject access (issue 17): everyone signed in downloads their own data; no path names
    // anyone else (privacy_export.rs checks whose rows come out).
    (
        "GET",
        "/api/v1/me/export",
        ["401", "200", "200", "200", "200", "200", "200"],
    ),
    (
        "GET",
        "/account/export",
        ["303>/sign-in", "200", "200", "200", "200", "200", "200"],
    ),
    (
        "GET",
        "/api/v1/organisations",
        ["401", "403", "403", "403", "403", "200", "200"],
    ),
    (
        "POST",
        "/api/v1/organisations",
        ["401", "403", "403", "403", "403", "422", "422"],
    ),
    (
        "GET",
        "/api/v1/people",
        ["401", "403", "403", "403", "403", "200", "200"],
    ),
    (
        "POST",
        "/api/v1/people",
        ["401", "403", "403", "403", "403", "422", "422"],
    ),
    (
        "GET",
        "/api/v1/people/{person}",
        ["401", "403", "403", "403", "403", "200", "404"],
    ),
    (
        "PUT",
        "/api/v1/people/{person}/roles",
        ["401", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "GET",
        "/api/v1/audit",
        ["401", "403", "403", "403", "403", "200", "200"],
    ),
    (
        "GET",
        "/api/v1/jobs/failed",
        ["401", "403", "403", "403", "403", "200", "200"],
    ),
    (
        "POST",
        "/api/v1/jobs/{job}/retry",
        ["401", "403", "403", "403", "403", "404", "404"],
    ),
    (
        "GET",
        "/api/v1/programmes",
        ["401", "200", "200", "200", "200", "200", "200"],
    ),
    (
        "POST",
        "/api/v1/programmes",
        ["401", "403", "403", "403", "403", "422", "422"],
    ),
    (
        "POST",
        "/api/v1/programmes/{programme}/cohorts",
        ["401", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "PUT",
        "/api/v1/cohorts/{cohort}",
        ["401", "403", "403", "403", "403", "422", "404"],
    ),
    // The page row above already closed this cohort for the lead, so the API says so.
    (
        "POST",
        "/api/v1/cohorts/{cohort}/close",
        ["401", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "PUT",
        "/api/v1/programmes/{programme}/status",
        ["401", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "POST",
        "/api/v1/programmes/{programme}/applications",
        ["401", "422", "422", "422", "422", "422", "422"],
    ),
    (
        "GET",
        "/api/v1/programmes/{programme}/applications",
        ["401", "403", "403", "403", "403", "200", "404"],
    ),
    (
        "POST",
        "/api/v1/programmes/{programme}/caps",
        ["401", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "POST",
        "/api/v1/programmes/{programme}/decisions",
        ["401", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "POST",
        "/api/v1/programmes/{programme}/allocate",
        ["401", "403", "403", "403", "403", "200", "404"],
    ),
    (
        "GET",
        "/api/v1/applications",
        ["401", "200", "200", "200", "200", "200", "200"],
    ),
    (
        "GET",
        "/api/v1/applications/{application}",
        ["401", "403", "403", "403", "403", "404", "404"],
    ),
    (
        "POST",
        "/api/v1/applications/{application}/decision",
        ["401", "403", "403", "403", "403", "404", "404"],
    ),
    (
        "POST",
        "/api/v1/applications/{application}/sponsor-decision",
        ["401", "403", "404", "403", "403", "403", "403"],
    ),
    (
        "POST",
        "/api/v1/applications/{application}/sponsor-approval",
        ["401", "403", "404", "403", "403", "403", "403"],
    ),
    (
        "POST",
        "/api/v1/applications/{application}/respond",
        ["401", "404", "404", "404", "404", "404", "404"],
    ),
    (
        "GET",
        "/api/v1/tokens",
        ["401", "200", "200", "200", "200", "200", "200"],
    ),
    // A token cannot make or revoke tokens (a stolen one could otherwise outlive its owner's
    // recovery): these are for the signed-in pages only.
    (
        "POST",
        "/api/v1/tokens",
        ["401", "403", "403", "403", "403", "403", "403"],
    ),
    (
        "DELETE",
        "/api/v1/tokens/{id}",
        ["401", "403", "403", "403", "403", "403", "403"],
    ),
    // Learning diaries: {diary} is a private entry by the demo participant; to everyone else
    // it is "not found", never "forbidden". The themes report: leads and evaluators only.
    (
        "GET",
        "/diary",
        ["303>/sign-in", "200", "200", "200", "200", "200", "200"],
    ),
    (
        "POST",
        "/diary",
        ["303>/sign-in", "422", "422", "422", "422", "422", "422"],
    ),
    (
        "GET",
        "/diary/{diary}",
        ["303>/sign-in", "200", "404", "404", "404", "404", "404"],
    ),
    (
        "POST",
        "/diary/{diary}",
        ["303>/sign-in", "422", "404", "404", "404", "404", "404"],
    ),
    (
        "GET",
        "/reports/themes",
        ["303>/sign-in", "403", "403", "403", "200", "200", "200"],
    ),
    // How the sets are going: counts and rates for leads and evaluators, in their own region.
    (
        "GET",
        "/reports/sets",
        ["303>/sign-in", "403", "403", "403", "200", "200", "200"],
    ),
    // The same as CSV downloads, and attendance per set: counts only, in the viewer's region.
    (
        "GET",
        "/reports/sets.csv",
        ["303>/sign-in", "403", "403", "403", "200", "200", "200"],
    ),
    (
        "GET",
        "/reports/attendance.csv",
        ["303>/sign-in", "403", "403", "403", "200", "200", "200"],
    ),
    (
        "POST",
        "/reports/themes/vocabulary",
        ["303>/sign-in", "403", "403", "403", "403", "303", "303"],
    ),
    (
        "GET",
        "/api/v1/diary",
        ["401", "200", "200", "200", "200", "200", "200"],
    ),
    (
        "POST",
        "/api/v1/diary",
        ["401", "422", "422", "422", "422", "422", "422"],
    ),
    (
        "GET",
        "/api/v1/diary/{diary}",
        ["401", "200", "404", "404", "404", "404", "404"],
    ),
    // Changing an entry: the matrix's empty PUT body lacks the entry's text, refused before
    // anything is looked up, so nobody learns whether the entry exists.
    (
        "PUT",
        "/api/v1/diary/{diary}",
        ["401", "422", "422", "422", "422", "422", "422"],
    ),
    (
        "GET",
        "/api/v1/reports/themes",
        ["401", "403", "403", "403", "200", "200", "200"],
    ),
    (
        "GET",
        "/api/v1/reports/sets",
        ["401", "403", "403", "403", "200", "200", "200"],
    ),
    // The home's read model: everyone signed in, each in their own scope.
    (
        "GET",
        "/api/v1/home",
        ["401", "200", "200", "200", "200", "200", "200"],
    ),
    // The rest of what the pages do, over the API: refused as the page refuses, 401 for no token.
    // An empty time zone means "each set's own", as on the page.
    (
        "PUT",
        "/api/v1/me/timezone",
        ["401", "204", "204", "204", "204", "204", "204"],
    ),
    // An empty body means "the organisation's default", as on the page.
    (
        "PUT",
        "/api/v1/me/locale",
        ["401", "204", "204", "204", "204", "204", "204"],
    ),
    (
        "PUT",
        "/api/v1/programmes/{programme}",
        ["401", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "PUT",
        "/api/v1/cohorts/{cohort}/capacity",
        ["401", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "PUT",
        "/api/v1/people/{person}/supervisor",
        ["401", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "POST",
        "/api/v1/people/{person}/invitation",
        ["401", "403", "403", "403", "403", "409", "404"],
    ),
    (
        "GET",
        "/api/v1/reporting-lines",
        ["401", "403", "403", "403", "403", "200", "200"],
    ),
    (
        "POST",
        "/api/v1/reporting-lines",
        ["401", "403", "403", "403", "403", "422", "422"],
    ),
    (
        "GET",
        "/api/v1/sponsor/nominees",
        ["401", "403", "200", "403", "403", "403", "403"],
    ),
    (
        "POST",
        "/api/v1/sponsor/nominations",
        ["401", "403", "422", "403", "403", "403", "403"],
    ),
    // A set's meetings: its facilitator runs them, a member is refused (403), everyone else is
    // told the set does not exist. An empty presenter body gives the floor back to the rota;
    // cancelling comes last, as it cancels {meeting} for the facilitator's later rows.
    (
        "GET",
        "/api/v1/meetings/{meeting}",
        ["401", "200", "404", "200", "404", "404", "404"],
    ),
    (
        "POST",
        "/api/v1/sets/{set}/meetings",
        ["401", "403", "404", "422", "404", "404", "404"],
    ),
    (
        "PUT",
        "/api/v1/sets/{set}/settings",
        ["401", "403", "404", "422", "404", "404", "404"],
    ),
    (
        "POST",
        "/api/v1/meetings/{meeting}/move",
        ["401", "403", "404", "422", "404", "404", "404"],
    ),
    (
        "PUT",
        "/api/v1/meetings/{meeting}/presenter",
        ["401", "403", "404", "204", "404", "404", "404"],
    ),
    (
        "PUT",
        "/api/v1/meetings/{meeting}/attendance",
        ["401", "403", "404", "422", "404", "404", "404"],
    ),
    (
        "POST",
        "/api/v1/meetings/{meeting}/actions",
        ["401", "422", "404", "422", "404", "404", "404"],
    ),
    (
        "POST",
        "/api/v1/meetings/{meeting}/reviews",
        ["401", "422", "404", "422", "404", "404", "404"],
    ),
    (
        "POST",
        "/api/v1/meetings/{meeting}/apologies",
        ["401", "422", "404", "403", "404", "404", "404"],
    ),
    (
        "DELETE",
        "/api/v1/meetings/{meeting}/apologies",
        ["401", "422", "404", "403", "404", "404", "404"],
    ),
    (
        "POST",
        "/api/v1/meetings/{meeting}/attendance/everyone-present",
        ["401", "403", "404", "422", "404", "404", "404"],
    ),
    (
        "POST",
        "/api/v1/meetings/{meeting}/restore",
        ["401", "403", "404", "422", "404", "404", "404"],
    ),
    (
        "POST",
        "/api/v1/meetings/{meeting}/cancel",
        ["401", "403", "404", "204", "404", "404", "404"],
    ),
    // Choosing a set: nobody in the matrix has a place in {autumn}.
    (
        "GET",
        "/api/v1/cohorts/{autumn}/choices",
        ["401", "404", "404", "404", "404", "404", "404"],
    ),
    (
        "POST",
        "/api/v1/cohorts/{autumn}/choice",
        ["401", "404", "404", "404", "404", "404", "404"],
    ),
    // Changing a cohort's sets: its programme lead only; another tenant's is told "not found".
    (
        "POST",
        "/api/v1/cohorts/{autumn}/sets/moves",
        ["401", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "POST",
        "/api/v1/cohorts/{autumn}/formation-runs",
        ["401", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "GET",
        "/api/v1/programmes/{programme}/evaluation",
        ["401", "403", "403", "403", "200", "200", "404"],
    ),
    (
        "GET",
        "/api/v1/programmes/{programme}/evaluation/results",
        ["401", "403", "403", "403", "200", "200", "404"],
    ),
    (
        "GET",
        "/api/v1/programmes/{programme}/evaluation/report.pdf",
        ["401", "403", "403", "403", "200", "200", "404"],
    ),
    (
        "POST",
        "/api/v1/programmes/{programme}/instruments",
        ["401", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "POST",
        "/api/v1/programmes/{programme}/waves",
        ["401", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "POST",
        "/api/v1/waves/{job}/invitations",
        ["401", "403", "403", "403", "403", "404", "404"],
    ),
    (
        "POST",
        "/api/v1/waves/{job}/reminders",
        ["401", "403", "403", "403", "403", "404", "404"],
    ),
    ("GET", "/api/v1/respond/{token}", ["404"; 7]),
    ("PUT", "/api/v1/respond/{token}", ["404"; 7]),
    // The regional facilitator pool (issue 15): facilitators opt in; leads of the region read
    // it; a set's leads see proposals (another tenant's lead: not found); {circle} is none.
    (
        "GET",
        "/facilitators/pool",
        ["303>/sign-in", "403", "403", "200", "403", "403", "403"],
    ),
    (
        "POST",
        "/facilitators/pool",
        ["303>/sign-in", "403", "403", "422", "403", "403", "403"],
    ),
    (
        "GET",
        "/facilitators/pool/change",
        ["303>/sign-in", "403", "403", "200", "403", "403", "403"],
    ),
    (
        "POST",
        "/facilitators/pool/check",
        ["303>/sign-in", "403", "403", "422", "403", "403", "403"],
    ),
    (
        "GET",
        "/facilitators/pool/confirmed",
        ["303>/sign-in", "403", "403", "200", "403", "403", "403"],
    ),
    (
        "POST",
        // Fran is in the demo's pool, so she leaves here (and the API's DELETE below finds
        // her gone: 409).
        "/facilitators/pool/leave",
        ["303>/sign-in", "403", "403", "200", "403", "403", "403"],
    ),
    (
        "POST",
        "/facilitators/pool/absences",
        ["303>/sign-in", "403", "403", "422", "403", "403", "403"],
    ),
    (
        "GET",
        "/admin/pool",
        ["303>/sign-in", "403", "403", "403", "403", "200", "200"],
    ),
    (
        "GET",
        "/admin/sets/{set}/facilitator-proposals",
        ["303>/sign-in", "403", "403", "403", "403", "200", "404"],
    ),
    (
        "POST",
        "/admin/sets/{set}/facilitator-proposals",
        ["303>/sign-in", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "POST",
        "/admin/sets/{set}/facilitator-unavailable",
        ["303>/sign-in", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "GET",
        "/admin/circles/{application}/facilitator-proposals",
        ["303>/sign-in", "403", "403", "403", "403", "404", "404"],
    ),
    (
        "POST",
        "/admin/circles/{application}/facilitator-proposals",
        ["303>/sign-in", "403", "403", "403", "403", "404", "404"],
    ),
    ("GET", "/facilitator-requests/{token}", ["404"; 7]),
    ("POST", "/facilitator-requests/{token}", ["404"; 7]),
    (
        "GET",
        "/api/v1/facilitators/pool",
        ["401", "403", "403", "200", "403", "403", "403"],
    ),
    (
        "PUT",
        "/api/v1/facilitators/pool",
        ["401", "403", "403", "422", "403", "403", "403"],
    ),
    (
        "DELETE",
        "/api/v1/facilitators/pool",
        ["401", "403", "403", "409", "403", "403", "403"],
    ),
    (
        "POST",
        "/api/v1/facilitators/pool/absences",
        ["401", "403", "403", "422", "403", "403", "403"],
    ),
    (
        "GET",
        "/api/v1/admin/pool",
        ["401", "403", "403", "403", "403", "200", "200"],
    ),
    (
        "GET",
        "/api/v1/sets/{set}/facilitator-proposals",
        ["401", "403", "403", "403", "403", "200", "404"],
    ),
    (
        "POST",
        "/api/v1/sets/{set}/facilitator-requests",
        ["401", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "POST",
        "/api/v1/sets/{set}/facilitator-unavailable",
        ["401", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "GET",
        "/api/v1/circles/{application}/facilitator-proposals",
        ["401", "403", "403", "403", "403", "404", "404"],
    ),
    (
        "POST",
        "/api/v1/circles/{application}/facilitator-requests",
        ["401", "403", "403", "403", "403", "404", "404"],
    ),
    ("GET", "/api/v1/facilitator-requests/{token}", ["404"; 7]),
    ("POST", "/api/v1/facilitator-requests/{token}", ["404"; 7]),
    (
        "GET",
        "/api/v1/programmes/{programme}/feedback360",
        ["401", "403", "403", "403", "403", "200", "404"],
    ),
    (
        "PUT",
        "/api/v1/programmes/{programme}/feedback360",
        ["401", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "GET",
        "/api/v1/feedback",
        ["401", "200", "200", "200", "200", "200", "200"],
    ),
    (
        "POST",
        "/api/v1/feedback",
        ["401", "422", "422", "422", "422", "422", "422"],
    ),
    (
        "GET",
        "/api/v1/feedback/{job}",
        ["401", "404", "404", "404", "404", "404", "404"],
    ),
    (
        "POST",
        "/api/v1/feedback/{job}/self-link",
        ["401", "404", "404", "404", "404", "404", "404"],
    ),
    (
        "POST",
        "/api/v1/feedback/{job}/raters",
        ["401", "404", "404", "404", "404", "404", "404"],
    ),
    (
        "GET",
        "/api/v1/feedback/{job}/report",
        ["401", "404", "404", "404", "404", "404", "404"],
    ),
    (
        "POST",
        "/api/v1/feedback/{job}/close",
        ["401", "404", "404", "404", "404", "404", "404"],
    ),
    (
        "GET",
        "/api/v1/formation-runs/{job}",
        ["401", "403", "403", "403", "403", "404", "404"],
    ),
    (
        "POST",
        "/api/v1/formation-runs/{job}/cancel",
        ["401", "403", "403", "403", "403", "404", "404"],
    ),
    (
        "POST",
        "/api/v1/cohorts/{autumn}/sets/publish",
        ["401", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "POST",
        "/api/v1/cohorts/{autumn}/sets/swaps",
        ["401", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "PUT",
        "/api/v1/cohorts/{autumn}/sets/facilitators",
        ["401", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "PUT",
        "/api/v1/sets/{set}/name",
        ["401", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "POST",
        "/api/v1/cohorts/{autumn}/sets/open",
        ["401", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "POST",
        "/api/v1/cohorts/{autumn}/sets/leavers",
        ["401", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "POST",
        "/api/v1/cohorts/{autumn}/sets/leavers/undo",
        ["401", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "GET",
        "/api/v1/cohorts/{spring}/sets/repair",
        ["401", "403", "403", "403", "403", "200", "404"],
    ),
    (
        "POST",
        "/api/v1/cohorts/{autumn}/sets/repair",
        ["401", "403", "403", "403", "403", "422", "404"],
    ),
    (
        "PUT",
        "/api/v1/sets/{set}/facilitators",
        ["401", "403", "403", "403", "403", "422", "404"],
    ),
    // An empty theme list is saved, as on the page.
    (
        "PUT",
        "/api/v1/reports/themes/vocabulary",
        ["401", "403", "403", "403", "403", "204", "204"],
    ),
    // The CPD portfolio (issue 16): everyone signed in has their own and reads only that;
    // {job} is no evidence or framework at all (portfolio.rs checks another person's real
    // evidence gets the same 404). Leads add their own tenant's frameworks.
    (
        "GET",
        "/portfolio",
        ["303>/sign-in", "200", "200", "200", "200", "200", "200"],
    ),
    (
        "GET",
        "/portfolio.pdf",
        ["303>/sign-in", "200", "200", "200", "200", "200", "200"],
    ),
    (
        "GET",
        "/portfolio/evidence/new",
        ["303>/sign-in", "200", "200", "200", "200", "200", "200"],
    ),
    (
        "POST",
        "/portfolio/evidence",
        ["303>/sign-in", "422", "422", "422", "422", "422", "422"],
    ),
    (
        "POST",
        "/portfolio/evidence/{job}/remove",
        ["303>/sign-in", "404", "404", "404", "404", "404", "404"],
    ),
    (
        "GET",
        "/admin/frameworks",
        ["303>/sign-in", "403", "403", "403", "403", "200", "200"],
    ),
    (
        "POST",
        "/admin/frameworks",
        ["303>/sign-in", "403", "403", "403", "403", "422", "422"],
    ),
    (
        "POST",
        "/admin/frameworks/{job}/remove",
        ["303>/sign-in", "403", "403", "403", "403", "404", "404"],
    ),
    (
        "GET",
        "/api/v1/portfolio",
        ["401", "200", "200", "200", "200", "200", "200"],
    ),
    (
        "GET",
        "/api/v1/portfolio.pdf",
        ["401", "200", "200", "200", "200", "200", "200"],
    ),
    (
        "GET",
        "/api/v1/portfolio/items",
        ["401", "200", "200", "200", "200", "200", "200"],
    ),
    (
        "POST",
        "/api/v1/portfolio/evidence",
        ["401", "422", "422", "422", "422", "422", "422"],
    ),
    (
        "DELETE",
        "/api/v1/portfolio/evidence/{job}",
        ["401", "404", "404", "404", "404", "404", "404"],
    ),
    // Events with choices (issue 18). {programme} is the demo's action learning programme, not
    // an immersion event: its lead is told so (409); another tenant's lead finds nothing, even
    // with a body that would be refused (422). The flows are in events.rs.
    // The pages of events with choices: everyone signed in has "Your events"; an event's pages
    // are found only by its participants, a host's list only by its contact.
    (
        "GET",
        "/events",
        ["303>/sign-in", "200", "200", "200", "200", "200", "200"],
    ),
    (
        "GET",
        "/api/v1/events",
        ["401", "200", "200", "200", "200", "200", "200"],
    ),
    (
        "GET",
        "/events/{programme}",
        ["303>/sign-in", "404", "404", "404", "404", "404", "404"],
    ),
    (
        "GET",
        "/events/{programme}/choices",
        ["303>/sign-in", "404", "404", "404", "404", "404", "404"],
    ),
    (
        "POST",
        "/events/{programme}/choices",
        ["303>/sign-in", "404", "404", "404", "404", "404", "404"],
    ),
    (
        "GET",
        "/events/{programme}/itinerary.csv",
        ["303>/sign-in", "404", "404", "404", "404", "404", "404"],
    ),
    (
        "GET",
        "/events/{programme}/itinerary.pdf",
        ["303>/sign-in", "404", "404", "404", "404", "404", "404"],
    ),
    (
        "GET",
        "/event-hosts/{job}/visitors",
        ["303>/sign-in", "404", "404", "404", "404", "404", "404"],
    ),
    (
        "GET",
        "/event-hosts/{job}/visitors.csv",
        ["303>/sign-in", "404", "404", "404", "404", "404", "404"],
    ),
    (
        "GET",
        "/event-hosts/{job}/visitors.pdf",
        ["303>/sign-in", "404", "404", "404", "404", "404", "404"],
    ),
    (
        "GET",
        "/admin/events/{programme}",
        ["303>/sign-in", "403", "403", "403", "403", "409", "404"],
    ),
    (
        "GET",
        "/admin/events/{programme}/plan",
        ["303>/sign-in", "403", "403", "403", "403", "409", "404"],
    ),
    (
        "POST",
        "/admin/events/{programme}/plan",
        ["303>/sign-in", "403", "403", "403", "403", "409", "404"],
    ),
    (
        "GET",
        "/admin/events/{programme}/hosts/new",
        ["303>/sign-in", "403", "403", "403", "403", "409", "404"],
    ),
    (
        "POST",
        "/admin/events/{programme}/hosts",
        ["303>/sign-in", "403", "403", "403", "403", "409", "404"],
    ),
    (
        "GET",
        "/admin/events/{programme}/allocation",
        ["303>/sign-in", "403", "403", "403", "403", "409", "404"],
    ),
    (
        "POST",
        "/admin/events/{programme}/allocation",
        ["303>/sign-in", "403", "403", "403", "403", "409", "404"],
    ),
    (
        "POST",
        "/admin/events/{programme}/allocation/publish",
        ["303>/sign-in", "403", "403", "403", "403", "409", "404"],
    ),
    (
        "POST",
        "/admin/events/{programme}/allocation/adjust",
        ["303>/sign-in", "403", "403", "403", "403", "409", "404"],
    ),
    (
        "POST",
        "/api/v1/admin/events/{programme}/allocation/adjustments",
        ["401", "403", "403", "403", "403", "409", "404"],
    ),
    (
        "GET",
        "/admin/events/{programme}/cafe",
        ["303>/sign-in", "403", "403", "403", "403", "409", "404"],
    ),
    (
        "POST",
        "/admin/events/{programme}/cafe",
        ["303>/sign-in", "403", "403", "403", "403", "409", "404"],
    ),
    (
        "POST",
        "/admin/events/{programme}/cafe/guests",
        ["303>/sign-in", "403", "403", "403", "403", "409", "404"],
    ),
    (
        "GET",
        "/api/v1/admin/events/{programme}/cafe",
        ["401", "403", "403", "403", "403", "409", "404"],
    ),
    (
        "PUT",
        "/api/v1/admin/events/{programme}/cafe",
        ["401", "403", "403", "403", "403", "409", "404"],
    ),
    (
        "POST",
        "/api/v1/admin/events/{programme}/cafe/guests",
        ["401", "403", "403", "403", "403", "409", "404"],
    ),
    (
        "GET",
        "/api/v1/events/{programme}/cafe",
        ["401", "404", "404", "404", "404", "404", "404"],
    ),
    (
        "GET",
        "/api/v1/admin/events/{programme}",
        ["401", "403", "403", "403", "403", "409", "404"],
    ),
    (
        "PUT",
        "/api/v1/admin/events/{programme}/plan",
        ["401", "403", "403", "403", "403", "409", "404"],
    ),
    (
        "POST",
        "/api/v1/admin/events/{programme}/hosts",
        ["401", "403", "403", "403", "403", "409", "404"],
    ),
    (
        "POST",
        "/api/v1/admin/events/{programme}/allocation",
        ["401", "403", "403", "403", "403", "409", "404"],
    ),
    (
        "GET",
        "/api/v1/admin/events/{programme}/allocation",
        ["401", "403", "403", "403", "403", "409", "404"],
    ),
    (
        "POST",
        "/api/v1/admin/events/{programme}/allocation/publish",
        ["401", "403", "403", "403", "403", "409", "404"],
    ),
    (
        "GET",
        "/api/v1/events/{programme}/choices",
        ["401", "404", "404", "404", "404", "404", "404"],
    ),
    (
        "PUT",
        "/api/v1/events/{programme}/choices",
        ["401", "404", "404", "404", "404", "404", "404"],
    ),
    (
        "GET",
        "/api/v1/events/{programme}/itinerary",
        ["401", "404", "404", "404", "404", "404", "404"],
    ),
    (
        "GET",
        "/api/v1/event-hosts/{job}/visitors",
        ["401", "404", "404", "404", "404", "404", "404"],
    ),
    (
        "GET",
        "/api/v1/frameworks",
        ["401", "200", "200", "200", "200", "200", "200"],
    ),
    (
        "POST",
        "/api/v1/frameworks",
        ["401", "403", "403", "403", "403", "422", "422"],
    ),
    (
        "DELETE",
        "/api/v1/frameworks/{job}",
        ["401", "403", "403", "403", "403", "404", "404"],
    ),
];

const ROLES: [Option<&str>; 7] = [
    None,
    Some(PARTICIPANT),
    Some(SPONSOR),
    Some(FACILITATOR),
    Some(EVALUATOR),
    Some(ADMIN),
    Some(OTHER_ADMIN),
];

#[test]
fn every_route_has_an_entry_and_every_entry_a_route() {
    let routes = revans_web::routes::list();
    for (method, path) in &routes {
        assert!(
            MATRIX
                .iter()
                .any(|(m, p, _)| m == method && matrix_path(p) == *path),
            "route {method} {path} has no row in the access matrix"
        );
    }
    for (m, p, _) in MATRIX {
        assert!(
            routes
                .iter()
                .any(|(rm, rp)| rm == m && *rp == matrix_path(p)),
            "matrix row {m} {p} names no route"
        );
    }
}

/// The matrix writes `{person}` where the route has `{id}`, to say which id is used.
pub(crate) fn matrix_path(p: &str) -> String {
    p.replace("{person}", "{id}")
        .replace("{programme}", "{id}")
        .replace("{cohort}", "{id}")
        .replace("{application}", "{id}")
        .replace("{set}", "{id}")
        .replace("{meeting}", "{id}")
        .replace("{spring}", "{id}")
        .replace("{autumn}", "{id}")
        .replace("{diary}", "{id}")
        .replace("{job}", "{id}")
        .replace("{target2}", "{id}")
        .replace("{target}", "{id}")
        .replace("{circle2}", "{id}")
        .replace("{acircle}", "{id}")
        .replace("{circle}", "{id}")
        .replace("{certificate}", "{id}")
        .replace("{winter}", "{id}")
}

#[tokio::test]
async fn every_route_answers_every_role_as_the_matrix_says() {
    let app = TestApp::spawn().await;
    let person = app.person_id(PARTICIPANT).await;
    let (programme, cohort) = app.demo_programme().await;
    let sets = demo_sets(&app).await;
    let diary = private_diary_entry(&app, &person).await;
    let [target, target2] = crate::evaluation_targets::demo_targets(&app, &programme).await;
    let circle = crate::circles::demo_circle(&app).await;
    let (acircle, circle2) = crate::circle_admin::matrix_circles(&app).await;
    let (winter, certificate, code) = crate::certificates::matrix_certificate(&app).await;
    let mut failures = Vec::new();
    for (role_index, role) in ROLES.iter().enumerate() {
        let (mut shared, _) = client_for(&app, *role).await;
        for (method, path, outcomes) in MATRIX {
            // Requests that end a session or a token get fresh fixtures; the rest share one.
            let destructive =
                path.contains("sign-out") || path.contains("revoke") || *method == "DELETE";
            let (mut fresh, admin_token_id) = if destructive {
                client_for(&app, *role).await
            } else {
                (
                    shared.with_router(revans_web::router(app.state.clone())),
                    String::new(),
                )
            };
            let client = if destructive { &mut fresh } else { &mut shared };
            let concrete = path
                .replace("{participant}", &person)
                .replace("{ordinal}", "1")
                .replace("{person}", &person)
                .replace("{programme}", &programme)
                .replace("{cohort}", &cohort)
                .replace("{set}", &sets.set)
                .replace("{meeting}", &sets.meeting)
                .replace("{spring}", &sets.spring)
                .replace("{autumn}", &sets.autumn)
                .replace("{application}", "00000000-0000-0000-0000-000000000000")
                .replace("{job}", "00000000-0000-0000-0000-000000000000")
                .replace("{diary}", &diary)
                .replace("{target2}", &target2)
                .replace("{target}", &target)
                .replace("{circle2}", &circle2)
                .replace("{acircle}", &acircle)
                .replace("{circle}", &circle)
                .replace("{certificate}", &certificate)
                .replace("{winter}", &winter)
                .replace("{code}", &code)
                .replace("{topic}", "burnout.ics")
                .replace("{provider}", "no-such-provider")
                .replace("{token}", "no-such-token-0000000000000000000000000000")
                .replace("{id}", &admin_token_id);
            let r = if concrete.starts_with("/api/") {
                // A well-formed body where the route needs one, so access is what is tested.
                let body = match *method {
                    "PUT" if concrete.ends_with("/roles") => {
                        Some(r#"{"organisation_id":"no-such-org","roles":[]}"#)
                    }
                    "PUT" | "POST" => Some("{}"),
                    _ => None,
                };
                client.json(method, &concrete, body).await
            } else if *method == "GET" {
                client.get(&concrete).await
            } else {
                client.post_form(&concrete, &[]).await
            };
            let got = match (&r.location, r.status) {
                (Some(loc), s)
                    if s == StatusCode::SEE_OTHER && outcomes[role_index].contains('>') =>
                {
                    // Without where to come back to (`?next=`), which a GET carries.
                    format!("303>{}", loc.split("?next=").next().unwrap_or_default())
                }
                (_, s) => s.as_u16().to_string(),
            };
            if got != outcomes[role_index] {
                failures.push(format!(
                    "{method} {path} as {}: expected {}, got {got}",
                    role.unwrap_or("anon"),
                    outcomes[role_index]
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// A client for the role: signed in (pages) and holding a token (API); plus the id of a token
/// owned by the programme lead, for the revoke routes.
async fn client_for(app: &TestApp, role: Option<&str>) -> (Client, String) {
    let admin_token_ids = {
        let mut conn = app.state.store.conn().await.unwrap();
        let admin = revans_domain::Id::parse(&app.person_id(ADMIN).await).unwrap();
        revans_storage::api_tokens::list_for(&mut conn, &admin)
            .await
            .unwrap()
    };
    let live = admin_token_ids
        .iter()
        .find(|t| t.revoked_at.is_none())
        .map(|t| t.id.to_string());
    let admin_token_id = match live {
        Some(id) => id,
        None => {
            app.api_token(ADMIN).await;
            let mut conn = app.state.store.conn().await.unwrap();
            let admin = revans_domain::Id::parse(&app.person_id(ADMIN).await).unwrap();
            revans_storage::api_tokens::list_for(&mut conn, &admin)
                .await
                .unwrap()[0]
                .id
                .to_string()
        }
    };
    let client = match role {
        None => {
            let mut c = app.client();
            c.get("/sign-in").await;
            c
        }
        Some(email) => {
            let token = app.api_token(email).await;
            let mut c = app.signed_in(email).await;
            c.get("/account").await;
            c.bearer = Some(token);
            c
        }
    };
    (client, admin_token_id)
}

/// Ids from the demo's action learning programme, for the set routes.
struct DemoSets {
    spring: String,
    autumn: String,
    set: String,
    meeting: String,
}

async fn demo_sets(app: &TestApp) -> DemoSets {
    let mut conn = app.state.store.conn().await.unwrap();
    let pat = revans_domain::Id::parse(&app.person_id(PARTICIPANT).await).unwrap();
    let set = revans_storage::sets::list_for_person(&mut conn, &pat)
        .await
        .unwrap()
        .remove(0);
    let spring = revans_storage::cohorts::get(&mut conn, &set.cohort_id)
        .await
        .unwrap()
        .unwrap();
    let autumn = revans_storage::cohorts::list_for_programme(&mut conn, &spring.programme_id)
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.id != spring.id)
        .unwrap();
    let meeting = revans_storage::meetings::list_for_set(&mut conn, &set.id)
        .await
        .unwrap()
        .remove(2);
    DemoSets {
        spring: spring.id.to_string(),
        autumn: autumn.id.to_string(),
        set: set.id.to_string(),
        meeting: meeting.id.to_string(),
    }
}

/// A private diary entry by the demo participant, for the `{diary}` rows.
async fn private_diary_entry(app: &TestApp, person: &str) -> String {
    let mut conn = app.state.store.conn().await.unwrap();
    let author = revans_domain::Id::parse(person).unwrap();
    let entry = revans_storage::diaries::NewEntry {
        author_id: &author,
        kind: "diary",
        set_id: None,
        meeting_id: None,
        problem_id: None,
        sharing: "private",
        body: "Private reflection",
    };
    revans_storage::diaries::insert(&mut conn, &entry)
        .await
        .unwrap()
        .to_string()
}

/// The attackers of the outside review (issue 9), each after doing what they tried: the same
/// kind of role somewhere else, or a lead who reaches for more. (who, method, path, outcome).
/// `{shared}` is an entry the demo participant shared with their set's facilitator; `{log}` a
/// log the demo facilitator shared with the supervisor they had before the current one.
const ATTACKS: &[(&str, &str, &str, &str)] = &[
    // A lead who tried to make themself a facilitator: refused, and still reads nothing.
    (
        "lead who made themself facilitator",
        "POST",
        "/admin/people/{lead}/roles",
        "422",
    ),
    (
        "lead who made themself facilitator",
        "POST",
        "/admin/sets/{set}/facilitators",
        "422",
    ),
    (
        "lead who made themself facilitator",
        "GET",
        "/api/v1/sets/{set}",
        "404",
    ),
    (
        "lead who made themself facilitator",
        "GET",
        "/sets/{set}",
        "404",
    ),
    (
        "lead who made themself facilitator",
        "GET",
        "/api/v1/diary/{shared}",
        "404",
    ),
    (
        "lead who made themself facilitator",
        "POST",
        "/admin/people/{facilitator}/supervisor",
        "422",
    ),
    // A supervisor changed after the log was shared: neither the old nor the new one reads it.
    (
        "supervisor replaced after sharing",
        "GET",
        "/api/v1/diary/{log}",
        "404",
    ),
    (
        "supervisor who took over after sharing",
        "GET",
        "/api/v1/diary/{log}",
        "404",
    ),
    (
        "supervisor who took over after sharing",
        "GET",
        "/diary/{log}",
        "404",
    ),
    // A facilitator of another set in the same cohort reads nothing of this one.
    (
        "facilitator of another set",
        "GET",
        "/api/v1/sets/{set}",
        "404",
    ),
    (
        "facilitator of another set",
        "GET",
        "/api/v1/diary/{shared}",
        "404",
    ),
    // Another tenant's lead: nothing of this set or its cohort.
    ("lead of another tenant", "GET", "/api/v1/sets/{set}", "404"),
    (
        "lead of another tenant",
        "GET",
        "/api/v1/cohorts/{cohort}/sets",
        "404",
    ),
    (
        "lead of another tenant",
        "POST",
        "/admin/people/{facilitator}/supervisor",
        "404",
    ),
];

#[tokio::test]
async fn attackers_the_review_tried_get_what_the_matrix_says() {
    use revans_domain::{EmailAddress, Id, PersonName, Role};
    const OTHER_SPONSOR: &str = "sponsor@elsewhere.example";
    use revans_storage::{diaries, people, sets};
    let app = TestApp::spawn().await;
    let id = |s: String| Id::parse(&s).unwrap();
    let pat = id(app.person_id(PARTICIPANT).await);
    let fran = id(app.person_id(FACILITATOR).await);
    let lead = id(app.person_id(ADMIN).await);
    let demo = demo_sets(&app).await;
    let set = Id::parse(&demo.set).unwrap();
    // Two facilitators besides Fran (one supervises her first, the other afterwards; the second
    // also runs another set of the cohort), all in the lead's region.
    let mut tx = app.state.store.begin().await.unwrap();
    let org = people::get(&mut tx, &fran)
        .await
        .unwrap()
        .unwrap()
        .organisation_id;
    revans_storage::commit(tx).await.unwrap();
    let make = |email, name| crate::diaries::make_person(&app, email, name, Role::Facilitator);
    let old_sup = make("old.supervisor@northcoast-ics.example", "Olive Old").await;
    let new_sup = make("new.supervisor@northcoast-ics.example", "Nina New").await;
    let mut tx = app.state.store.begin().await.unwrap();
    let other_set = sets::insert(
        &mut tx,
        &sets::NewSet {
            cohort_id: &Id::parse(&demo.spring).unwrap(),
            name: "Another set",
            position: 99,
            review_every: 7,
            timezone: "Europe/London",
        },
    )
    .await
    .unwrap();
    sets::replace_facilitators(&mut tx, &other_set, std::slice::from_ref(&new_sup))
        .await
        .unwrap();
    diaries::set_supervisor(&mut tx, &fran, &old_sup)
        .await
        .unwrap();
    revans_storage::commit(tx).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(3)).await;
    let mut conn = app.state.store.conn().await.unwrap();
    let mut entry = async |author: &Id, kind: &str, sharing: &str| {
        diaries::insert(
            &mut conn,
            &diaries::NewEntry {
                author_id: author,
                kind,
                set_id: (kind == "diary").then_some(&set),
                meeting_id: None,
                problem_id: None,
                sharing,
                body: "Something said in confidence",
            },
        )
        .await
        .unwrap()
        .to_string()
    };
    let shared = entry(&pat, "diary", "facilitator").await;
    let log = entry(&fran, "log", "supervisor").await;
    drop(conn);
    tokio::time::sleep(std::time::Duration::from_millis(3)).await;
    let mut conn = app.state.store.conn().await.unwrap();
    diaries::set_supervisor(&mut conn, &fran, &new_sup)
        .await
        .unwrap();
    drop(conn);

    // A sponsor in the other tenant.
    {
        let mut tx = app.state.store.begin().await.unwrap();
        let theirs = id(app.person_id(OTHER_ADMIN).await);
        let their_org = people::get(&mut tx, &theirs)
            .await
            .unwrap()
            .unwrap()
            .organisation_id;
        let p = people::insert(
            &mut tx,
            &their_org,
            &EmailAddress::parse(OTHER_SPONSOR).unwrap(),
            &PersonName::parse("Otto Sponsor").unwrap(),
        )
        .await
        .unwrap();
        people::set_roles(&mut tx, &p, &their_org, &[Role::Sponsor])
            .await
            .unwrap();
        let hash =
            revans_app::security::hash_password(&revans_domain::Password::parse(PASSWORD).unwrap())
                .await
                .unwrap();
        people::set_password_hash(&mut tx, &p, &hash).await.unwrap();
        revans_storage::commit(tx).await.unwrap();
    }
    let (programme, cohort) = app.demo_programme().await;
    let mut failures = Vec::new();
    for (who, method, path, expected) in ATTACKS {
        let email = match *who {
            "lead who made themself facilitator" => ADMIN,
            "supervisor replaced after sharing" => "old.supervisor@northcoast-ics.example",
            "supervisor who took over after sharing" => "new.supervisor@northcoast-ics.example",
            "facilitator of another set" => "new.supervisor@northcoast-ics.example",
            "lead of another tenant" => OTHER_ADMIN,
            "sponsor of another tenant" => OTHER_SPONSOR,
            other => panic!("no attacker called {other}"),
        };
        let mut c = app.signed_in(email).await;
        c.bearer = Some(app.api_token(email).await);
        let concrete = path
            .replace("{lead}", lead.as_str())
            .replace("{facilitator}", fran.as_str())
            .replace("{set}", set.as_str())
            .replace("{cohort}", &cohort)
            .replace("{shared}", &shared)
            .replace("{log}", &log);
        // The forms carry what the attacker would send: themself as the new role holder.
        let r = match (*method, path.starts_with("/api/")) {
            ("GET", true) => c.json("GET", &concrete, None).await,
            ("GET", false) => c.get(&concrete).await,
            _ if path.ends_with("/roles") => {
                c.post_form(
                    &concrete,
                    &[
                        ("organisation_id", org.as_str()),
                        ("roles", "admin"),
                        ("roles", "facilitator"),
                    ],
                )
                .await
            }
            _ if path.ends_with("/nominations") => {
                // The demo participant's address, in another letter case.
                let r = c
                    .post_form(
                        &concrete,
                        &[
                            ("programme", programme.as_str()),
                            ("email", &PARTICIPANT.to_uppercase()),
                        ],
                    )
                    .await;
                let unknown = c
                    .post_form(
                        &concrete,
                        &[
                            ("programme", programme.as_str()),
                            ("email", "nobody.at.all@harbour-trust.example"),
                        ],
                    )
                    .await;
                if r.body.contains("Pat Participant")
                    || strip_csrf(&r.body)
                        != strip_csrf(&unknown.body).replace(
                            "nobody.at.all@harbour-trust.example",
                            &PARTICIPANT.to_uppercase(),
                        )
                {
                    failures.push(format!("{who}: the answer differs for an existing account"));
                }
                r
            }
            _ if path.ends_with("/facilitators") => {
                c.post_form(
                    &concrete,
                    &[
                        ("facilitators", fran.as_str()),
                        ("facilitators", lead.as_str()),
                    ],
                )
                .await
            }
            _ => {
                let me = app.person_id(email).await;
                c.post_form(&concrete, &[("supervisor", me.as_str())]).await
            }
        };
        let got = r.status.as_u16().to_string();
        if got != *expected || r.body.contains("Something said in confidence") {
            failures.push(format!(
                "{who}: {method} {path}: expected {expected}, got {got}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A page without its per-request CSRF token, to compare two answers.
fn strip_csrf(body: &str) -> String {
    body.lines()
        .filter(|l| !l.contains("csrf"))
        .collect::<Vec<_>>()
        .join("\n")
}
