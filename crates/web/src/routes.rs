//! Every route, in one table. The router is built from it, and the access-matrix test reads
//! it, so a route cannot be added without its access rule being tested for every role.

use axum::Router;
use axum::routing::{MethodRouter, delete, get, post, put};

use crate::state::AppState;
use crate::{api, assets, pages};

pub struct Route {
    pub method: &'static str,
    pub path: &'static str,
    handler: MethodRouter<AppState>,
}

fn r(method: &'static str, path: &'static str, handler: MethodRouter<AppState>) -> Route {
    Route {
        method,
        path,
        handler,
    }
}

pub fn table() -> Vec<Route> {
    use pages::*;
    vec![
        // Public.
        r("GET", "/healthz", get(assets::healthz)),
        r("GET", "/readyz", get(assets::readyz)),
        r("GET", "/metrics", get(crate::metrics::page)),
        r("GET", "/assets/revans.css", get(assets::css)),
        r("GET", "/assets/revans.js", get(assets::js)),
        r("GET", "/assets/logo", get(assets::logo)),
        r("GET", "/api/openapi.json", get(api::openapi::document)),
        // The public catalogue (C1) and calendar files.
        r("GET", "/accessibility", get(pages::about::accessibility)),
        r("GET", "/privacy", get(pages::about::privacy)),
        r("GET", "/help", get(pages::about::help)),
        r("GET", "/programmes", get(catalogue::list)),
        r("GET", "/programmes/{id}", get(catalogue::show)),
        r(
            "GET",
            "/cohorts/{id}/sessions.ics",
            get(catalogue::cohort_ics),
        ),
        r("GET", "/calendar/{token}", get(calendar::feed)),
        // Certificates of completion (issue 16): verification is public; the rest signed in.
        r(
            "GET",
            "/certificates/verify",
            get(certificates::verify_form),
        ),
        r(
            "GET",
            "/certificates/verify/{code}",
            get(certificates::verify_code),
        ),
        r(
            "GET",
            "/api/v1/certificates/verify/{code}",
            get(api::certificates::verify_code),
        ),
        r("GET", "/certificates", get(certificates::list_mine)),
        r("GET", "/certificates/{id}/pdf", get(certificates::pdf)),
        r(
            "GET",
            "/admin/cohorts/{id}/certificates",
            get(certificates::cohort_page),
        ),
        r(
            "POST",
            "/admin/cohorts/{id}/certificates/issue",
            post(certificates::issue_now),
        ),
        r(
            "GET",
            "/admin/cohorts/{id}/certificates.zip",
            get(certificates::zip),
        ),
        r(
            "GET",
            "/admin/certificates/{id}/revoke",
            get(certificates::revoke_form),
        ),
        r(
            "POST",
            "/admin/certificates/{id}/revoke",
            post(certificates::revoke_certificate),
        ),
        r(
            "GET",
            "/api/v1/certificates",
            get(api::certificates::list_mine),
        ),
        r(
            "GET",
            "/api/v1/certificates/{id}/pdf",
            get(api::certificates::pdf),
        ),
        r(
            "POST",
            "/api/v1/certificates/{id}/revoke",
            post(api::certificates::revoke_certificate),
        ),
        r(
            "GET",
            "/api/v1/cohorts/{id}/certificates",
            get(api::certificates::cohort_list),
        ),
        r(
            "POST",
            "/api/v1/cohorts/{id}/certificates/issue",
            post(api::certificates::issue_now),
        ),
        r(
            "GET",
            "/api/v1/cohorts/{id}/certificates.zip",
            get(api::certificates::zip),
        ),
        // Support circles (C7, issue 15): the public calendar, its feeds, booking, attendance.
        r("GET", "/circles", get(circles::list)),
        r("GET", "/circles/embed", get(circles::embed)),
        r("GET", "/circles.ics", get(circles::region_feed)),
        r("GET", "/circles/topics/{topic}", get(circles::topic_feed)),
        r("GET", "/circles/mine", get(circles::mine)),
        r("GET", "/circles/{id}", get(circles::show)),
        r("POST", "/circles/{id}/book", post(circles::book)),
        r("POST", "/circles/{id}/cancel", post(circles::cancel)),
        r("POST", "/circles/{id}/accept", post(circles::accept)),
        r(
            "GET",
            "/circles/{id}/attendance",
            get(circles::attendance_sheet),
        ),
        r(
            "POST",
            "/circles/{id}/attendance",
            post(circles::record_attendance),
        ),
        r("GET", "/api/v1/circles", get(api::circles::calendar)),
        r("GET", "/api/v1/circles/mine", get(api::circles::mine)),
        r("GET", "/api/v1/circles/{id}", get(api::circles::show)),
        r(
            "POST",
            "/api/v1/circles/{id}/booking",
            post(api::circles::book),
        ),
        r(
            "DELETE",
            "/api/v1/circles/{id}/booking",
            delete(api::circles::cancel),
        ),
        r(
            "POST",
            "/api/v1/circles/{id}/booking/accept",
            post(api::circles::accept),
        ),
        r(
            "GET",
            "/api/v1/circles/{id}/attendance",
            get(api::circles::attendance_sheet),
        ),
        r(
            "PUT",
            "/api/v1/circles/{id}/attendance",
            put(api::circles::record_attendance),
        ),
        // Signing in and out, and recovering an account.
        r("GET", "/sign-in", get(sign_in::show)),
        r("POST", "/sign-in", post(sign_in::submit)),
        r("POST", "/sign-out", post(sign_in::sign_out)),
        // Single sign-on with OpenID Connect (issue 17).
        r("GET", "/sign-in/sso/{provider}", get(sso::start)),
        r(
            "GET",
            "/sign-in/sso/{provider}/callback",
            get(sso::callback),
        ),
        r("GET", "/password-reset", get(password_reset::request_form)),
        r(
            "POST",
            "/password-reset",
            post(password_reset::request_submit),
        ),
        r(
            "GET",
            "/password-reset/{token}",
            get(password_reset::choose_form),
        ),
        r(
            "POST",
            "/password-reset/{token}",
            post(password_reset::choose_submit),
        ),
        r("GET", "/respond/{token}", get(respond::show)),
        r("POST", "/respond/{token}", post(respond::save)),
        r("GET", "/invitations/{token}", get(invitation::show)),
        r("POST", "/invitations/{token}", post(invitation::accept)),
        // Signed in.
        r("GET", "/", get(home::show)),
        r("GET", "/account", get(account::show)),
        r("POST", "/account/password", post(account::change_password)),
        r("POST", "/account/timezone", post(account::change_timezone)),
        r("GET", "/account/export", get(privacy_export::show)),
        r("POST", "/account/language", post(account::change_locale)),
        r("GET", "/account/tokens", get(tokens::list)),
        r("POST", "/account/tokens", post(tokens::create)),
        r("POST", "/account/tokens/{id}/revoke", post(tokens::revoke)),
        // Applying, offers and places (C2).
        r("GET", "/programmes/{id}/apply", get(applications::form)),
        r("POST", "/programmes/{id}/apply", post(applications::submit)),
        r("GET", "/applications", get(applications::mine)),
        r("GET", "/applications/{id}/sent", get(applications::sent)),
        r(
            "GET",
            "/applications/{id}/withdraw",
            get(applications::withdraw_form),
        ),
        r(
            "POST",
            "/applications/{id}/respond",
            post(applications::respond),
        ),
        r("GET", "/account/calendar", get(calendar::show)),
        r("POST", "/account/calendar", post(calendar::change)),
        r("GET", "/sponsor/applications", get(sponsor::list)),
        r("GET", "/sponsor/applications/{id}", get(sponsor::show)),
        r(
            "POST",
            "/sponsor/applications/{id}/decision",
            post(sponsor::decide),
        ),
        r("POST", "/sponsor/nominations", post(sponsor::nominate)),
        r(
            "POST",
            "/sponsor/applications/{id}/approve",
            post(sponsor::approve),
        ),
        // Programme leads.
        r("GET", "/admin/people", get(admin_people::list)),
        r("GET", "/admin/people/new", get(admin_people::new_form)),
        r("POST", "/admin/people", post(admin_people::create)),
        r("GET", "/admin/people/{id}", get(admin_people::show)),
        r(
            "POST",
            "/admin/people/{id}/roles",
            post(admin_people::set_roles),
        ),
        r(
            "POST",
            "/admin/people/{id}/supervisor",
            post(admin_people::set_supervisor),
        ),
        r(
            "POST",
            "/admin/people/{id}/invitation",
            post(admin_people::resend_invitation),
        ),
        r(
            "GET",
            "/admin/organisations",
            get(admin_organisations::list),
        ),
        r(
            "POST",
            "/admin/organisations",
            post(admin_organisations::create),
        ),
        r("GET", "/admin/audit", get(audit::list)),
        r("GET", "/admin/jobs/failed", get(admin_jobs::failed)),
        r("POST", "/admin/jobs/{id}/retry", post(admin_jobs::retry)),
        r("GET", "/admin/programmes", get(admin_programmes::list)),
        r(
            "GET",
            "/admin/programmes/new",
            get(admin_programmes::new_form),
        ),
        r("POST", "/admin/programmes", post(admin_programmes::create)),
        r("GET", "/admin/programmes/{id}", get(admin_programmes::show)),
        r(
            "GET",
            "/admin/programmes/{id}/edit",
            get(admin_programmes::edit_form),
        ),
        r(
            "POST",
            "/admin/programmes/{id}/edit",
            post(admin_programmes::update),
        ),
        r(
            "POST",
            "/admin/programmes/{id}/status",
            post(admin_programmes::status),
        ),
        r(
            "POST",
            "/admin/programmes/{id}/cohorts",
            post(admin_programmes::cohort),
        ),
        r(
            "POST",
            "/admin/programmes/{id}/caps",
            post(admin_programmes::cap),
        ),
        r(
            "POST",
            "/admin/programmes/{id}/decisions",
            post(application_review::decisions),
        ),
        r(
            "POST",
            "/admin/programmes/{id}/allocate",
            post(admin_programmes::allocate),
        ),
        r(
            "GET",
            "/admin/programmes/{id}/applications",
            get(application_review::queue),
        ),
        r(
            "GET",
            "/admin/applications/{id}",
            get(application_review::show),
        ),
        r(
            "POST",
            "/admin/applications/{id}/decision",
            post(application_review::decide_application),
        ),
        r(
            "GET",
            "/admin/programmes/{id}/applications.csv",
            get(admin_programmes::export),
        ),
        r(
            "POST",
            "/admin/cohorts/{id}/close",
            post(admin_programmes::close_cohort),
        ),
        r(
            "POST",
            "/admin/cohorts/{id}/capacity",
            post(admin_programmes::capacity),
        ),
        r(
            "GET",
            "/admin/cohorts/{id}/edit",
            get(admin_cohorts::edit_form),
        ),
        r(
            "POST",
            "/admin/cohorts/{id}/edit",
            post(admin_cohorts::update),
        ),
        // Support circles (issue 15, C7): leads of the region create and run them.
        r("GET", "/admin/circles", get(circle_admin::list)),
        r("GET", "/admin/circles/new", get(circle_admin::new_form)),
        r("POST", "/admin/circles", post(circle_admin::create_circle)),
        r(
            "GET",
            "/admin/circles/report",
            get(circle_admin::report_page),
        ),
        r(
            "GET",
            "/admin/circles/report.csv",
            get(circle_admin::report_csv),
        ),
        r("GET", "/admin/circles/{id}", get(circle_admin::show)),
        r(
            "GET",
            "/admin/circles/{id}/edit",
            get(circle_admin::edit_form),
        ),
        r(
            "POST",
            "/admin/circles/{id}/edit",
            post(circle_admin::update),
        ),
        r(
            "POST",
            "/admin/circles/{id}/publish",
            post(circle_admin::publish_circle),
        ),
        r(
            "GET",
            "/admin/circles/{id}/published",
            get(circle_admin::published),
        ),
        r(
            "GET",
            "/admin/circles/{id}/cancel",
            get(circle_admin::cancel_form),
        ),
        r(
            "POST",
            "/admin/circles/{id}/cancel",
            post(circle_admin::cancel_circle),
        ),
        r(
            "POST",
            "/admin/circles/{id}/merge",
            post(circle_admin::merge),
        ),
        r(
            "POST",
            "/admin/circles/{id}/decline",
            post(circle_admin::decline),
        ),
        // Erasure (issue 17): a lead's confirmation for someone in their organisation, the
        // person's own when the service allows it, and the API action behind both.
        r("GET", "/admin/people/{id}/erase", get(erasure::lead_form)),
        r(
            "POST",
            "/admin/people/{id}/erase",
            post(erasure::lead_erase),
        ),
        r("GET", "/account/erase", get(erasure::own_form)),
        r("POST", "/account/erase", post(erasure::own_erase)),
        r(
            "POST",
            "/api/v1/people/{id}/erase",
            post(api::erasure::erase_person),
        ),
        // Masterclasses from interests (issue 16): people's own topics; the lead's figures.
        r("GET", "/interests", get(interests::mine)),
        r("POST", "/interests", post(interests::add)),
        r(
            "POST",
            "/interests/{id}/withdraw",
            post(interests::withdraw),
        ),
        r("GET", "/admin/interests", get(interests::admin_report)),
        r(
            "GET",
            "/admin/interests/masterclass",
            get(interests::masterclass_check),
        ),
        r(
            "POST",
            "/admin/interests/masterclass",
            post(interests::make_masterclass),
        ),
        r(
            "GET",
            "/admin/interests/masterclass/made",
            get(interests::masterclass_made),
        ),
        // Events with choices (issue 18): the lead's set-up and allocation; participants'
        // rankings and itineraries; a host contact's visitors.
        r("GET", "/events", get(events::mine)),
        r("GET", "/events/{id}", get(events::show)),
        r("GET", "/events/{id}/choices", get(events::choices_form)),
        r("POST", "/events/{id}/choices", post(events::save_choices)),
        r(
            "GET",
            "/events/{id}/itinerary.csv",
            get(events::itinerary_csv),
        ),
        r(
            "GET",
            "/events/{id}/itinerary.pdf",
            get(events::itinerary_pdf),
        ),
        r("GET", "/event-hosts/{id}/visitors", get(events::visitors)),
        r(
            "GET",
            "/event-hosts/{id}/visitors.csv",
            get(events::visitors_csv),
        ),
        r(
            "GET",
            "/event-hosts/{id}/visitors.pdf",
            get(events::visitors_pdf),
        ),
        r("GET", "/admin/events/{id}", get(events_admin::overview)),
        r(
            "GET",
            "/admin/events/{id}/plan",
            get(events_admin::plan_form),
        ),
        r(
            "POST",
            "/admin/events/{id}/plan",
            post(events_admin::set_plan),
        ),
        r(
            "GET",
            "/admin/events/{id}/hosts/new",
            get(events_admin::host_form),
        ),
        r(
            "POST",
            "/admin/events/{id}/hosts",
            post(events_admin::add_host),
        ),
        r(
            "GET",
            "/admin/events/{id}/allocation",
            get(events_admin::allocation),
        ),
        r(
            "POST",
            "/admin/events/{id}/allocation",
            post(events_admin::run),
        ),
        r(
            "POST",
            "/admin/events/{id}/allocation/publish",
            post(events_admin::publish),
        ),
        r(
            "POST",
            "/admin/events/{id}/allocation/adjust",
            post(events_admin::adjust),
        ),
        r(
            "POST",
            "/api/v1/admin/events/{id}/allocation/adjustments",
            post(api::events::adjust),
        ),
        r("GET", "/admin/events/{id}/cafe", get(events_cafe::show)),
        r(
            "POST",
            "/admin/events/{id}/cafe",
            post(events_cafe::make_rota),
        ),
        r(
            "POST",
            "/admin/events/{id}/cafe/guests",
            post(events_cafe::add_guest),
        ),
        r(
            "GET",
            "/api/v1/admin/events/{id}/cafe",
            get(api::events::cafe_view),
        ),
        r(
            "PUT",
            "/api/v1/admin/events/{id}/cafe",
            put(api::events::make_cafe_rota),
        ),
        r(
            "POST",
            "/api/v1/admin/events/{id}/cafe/guests",
            post(api::events::add_cafe_guest),
        ),
        r("GET", "/api/v1/events/{id}/cafe", get(api::events::my_cafe)),
        r("GET", "/api/v1/events", get(api::events::mine)),
        r(
            "GET",
            "/api/v1/admin/events/{id}",
            get(api::events::overview),
        ),
        r(
            "PUT",
            "/api/v1/admin/events/{id}/plan",
            put(api::events::set_plan),
        ),
        r(
            "POST",
            "/api/v1/admin/events/{id}/hosts",
            post(api::events::add_host),
        ),
        r(
            "POST",
            "/api/v1/admin/events/{id}/allocation",
            post(api::events::run_allocation),
        ),
        r(
            "GET",
            "/api/v1/admin/events/{id}/allocation",
            get(api::events::allocation),
        ),
        r(
            "POST",
            "/api/v1/admin/events/{id}/allocation/publish",
            post(api::events::publish),
        ),
        r(
            "GET",
            "/api/v1/events/{id}/choices",
            get(api::events::my_choices),
        ),
        r(
            "PUT",
            "/api/v1/events/{id}/choices",
            put(api::events::save_choices),
        ),
        r(
            "GET",
            "/api/v1/events/{id}/itinerary",
            get(api::events::itinerary),
        ),
        r(
            "GET",
            "/api/v1/event-hosts/{id}/visitors",
            get(api::events::host_visitors),
        ),
        r("GET", "/api/v1/interests", get(api::interests::mine)),
        r("POST", "/api/v1/interests", post(api::interests::add)),
        r(
            "DELETE",
            "/api/v1/interests/{id}",
            delete(api::interests::withdraw),
        ),
        r(
            "GET",
            "/api/v1/admin/interests",
            get(api::interests::figures),
        ),
        r(
            "POST",
            "/api/v1/admin/interests/masterclasses",
            post(api::interests::make_masterclass),
        ),
        r("GET", "/api/v1/admin/circles", get(api::circle_admin::list)),
        r(
            "POST",
            "/api/v1/admin/circles",
            post(api::circle_admin::create_circle),
        ),
        r(
            "GET",
            "/api/v1/admin/circles/report",
            get(api::circle_admin::report),
        ),
        r(
            "GET",
            "/api/v1/admin/circles/{id}",
            get(api::circle_admin::show),
        ),
        r(
            "PUT",
            "/api/v1/admin/circles/{id}",
            put(api::circle_admin::update),
        ),
        r(
            "POST",
            "/api/v1/admin/circles/{id}/publish",
            post(api::circle_admin::publish_circle),
        ),
        r(
            "POST",
            "/api/v1/admin/circles/{id}/cancel",
            post(api::circle_admin::cancel_circle),
        ),
        r(
            "POST",
            "/api/v1/admin/circles/{id}/merge",
            post(api::circle_admin::merge),
        ),
        r(
            "POST",
            "/api/v1/admin/circles/{id}/decline-merge",
            post(api::circle_admin::decline),
        ),
        // The CPD portfolio (issue 16, C10): everyone's own; leads add their tenant's frameworks.
        r("GET", "/portfolio", get(portfolio::show)),
        r("GET", "/portfolio.pdf", get(portfolio::pdf)),
        r("GET", "/portfolio/evidence/new", get(portfolio::new_form)),
        r("POST", "/portfolio/evidence", post(portfolio::submit)),
        r(
            "POST",
            "/portfolio/evidence/{id}/remove",
            post(portfolio::remove),
        ),
        r("GET", "/admin/frameworks", get(admin_frameworks::list)),
        r("POST", "/admin/frameworks", post(admin_frameworks::add)),
        r(
            "POST",
            "/admin/frameworks/{id}/remove",
            post(admin_frameworks::remove),
        ),
        r("GET", "/api/v1/portfolio", get(api::portfolio::show)),
        r("GET", "/api/v1/portfolio.pdf", get(api::portfolio::pdf)),
        r("GET", "/api/v1/portfolio/items", get(api::portfolio::items)),
        r(
            "POST",
            "/api/v1/portfolio/evidence",
            post(api::portfolio::add_evidence),
        ),
        r(
            "DELETE",
            "/api/v1/portfolio/evidence/{id}",
            delete(api::portfolio::remove_evidence),
        ),
        r(
            "GET",
            "/api/v1/frameworks",
            get(api::portfolio::list_frameworks),
        ),
        r(
            "POST",
            "/api/v1/frameworks",
            post(api::portfolio::add_framework),
        ),
        r(
            "DELETE",
            "/api/v1/frameworks/{id}",
            delete(api::portfolio::remove_framework),
        ),
        // A programme's evaluation targets (issue 14): leads change, evaluators read.
        r(
            "GET",
            "/admin/programmes/{id}/targets",
            get(admin_targets::list),
        ),
        r(
            "GET",
            "/admin/programmes/{id}/targets/new",
            get(admin_targets::new_form),
        ),
        r(
            "POST",
            "/admin/programmes/{id}/targets",
            post(admin_targets::create),
        ),
        r(
            "GET",
            "/admin/targets/{id}/edit",
            get(admin_targets::edit_form),
        ),
        r(
            "POST",
            "/admin/targets/{id}/edit",
            post(admin_targets::update),
        ),
        r(
            "GET",
            "/admin/targets/{id}/measurement",
            get(admin_targets::measurement_form),
        ),
        r(
            "POST",
            "/admin/targets/{id}/measurement",
            post(admin_targets::measure),
        ),
        r(
            "GET",
            "/admin/targets/{id}/delete",
            get(admin_targets::delete_form),
        ),
        r(
            "POST",
            "/admin/targets/{id}/delete",
            post(admin_targets::delete),
        ),
        // Action learning sets: members and facilitators (C4, C5).
        // Evaluation (C9).
        r("GET", "/evaluation", get(evaluation::programmes)),
        r("GET", "/evaluation/programmes/{id}", get(evaluation::show)),
        r(
            "GET",
            "/evaluation/programmes/{id}/results",
            get(evaluation_results::show),
        ),
        r(
            "GET",
            "/evaluation/programmes/{id}/report.pdf",
            get(evaluation_results::pdf),
        ),
        r(
            "GET",
            "/evaluation/programmes/{id}/results.csv",
            get(evaluation_results::csv),
        ),
        r(
            "GET",
            "/evaluation/programmes/{id}/instruments/new",
            get(evaluation::instrument_form),
        ),
        r(
            "POST",
            "/evaluation/programmes/{id}/instruments",
            post(evaluation::add_instrument),
        ),
        r(
            "GET",
            "/evaluation/programmes/{id}/waves/new",
            get(evaluation::wave_form),
        ),
        r(
            "POST",
            "/evaluation/programmes/{id}/waves",
            post(evaluation::plan_wave),
        ),
        r(
            "GET",
            "/evaluation/waves/{id}/invite",
            get(evaluation::invite_form),
        ),
        r(
            "POST",
            "/evaluation/waves/{id}/invite",
            post(evaluation::invite),
        ),
        r(
            "POST",
            "/evaluation/waves/{id}/remind",
            post(evaluation::remind),
        ),
        // 360 feedback (C9): the lead's offer; a participant's own rounds.
        r(
            "GET",
            "/evaluation/programmes/{id}/feedback360",
            get(feedback360::offer_form),
        ),
        r(
            "POST",
            "/evaluation/programmes/{id}/feedback360",
            post(feedback360::offer),
        ),
        r("GET", "/feedback", get(feedback360::home)),
        r("POST", "/feedback", post(feedback360::start)),
        r("GET", "/feedback/{id}", get(feedback360::round)),
        r("POST", "/feedback/{id}/self", post(feedback360::self_link)),
        r(
            "GET",
            "/feedback/{id}/raters",
            get(feedback360::raters_form),
        ),
        r("POST", "/feedback/{id}/raters", post(feedback360::raters)),
        r("GET", "/feedback/{id}/report", get(feedback360::report)),
        r("POST", "/feedback/{id}/close", post(feedback360::close)),
        r("GET", "/sets", get(sets::mine)),
        r("GET", "/sets/{id}", get(sets::show)),
        r("POST", "/sets/{id}/problems", post(sets::problem)),
        r("POST", "/sets/{id}/meetings", post(sets::schedule)),
        r("POST", "/sets/{id}/settings", post(sets::settings)),
        r("GET", "/cohorts/{id}/choose", get(choose_set::show)),
        r("POST", "/cohorts/{id}/choose", post(choose_set::choose)),
        r("GET", "/meetings/{id}", get(meetings::show)),
        r(
            "POST",
            "/meetings/{id}/attendance",
            post(meetings::attendance),
        ),
        r("POST", "/meetings/{id}/actions", post(meetings::action)),
        r("POST", "/meetings/{id}/reviews", post(meetings::review)),
        r("POST", "/meetings/{id}/change", post(meetings::change)),
        // Around a meeting (issue 11): apologies, everyone present, cancel with a confirmation
        // page and its undo, the meeting as a calendar file.
        r(
            "GET",
            "/meetings/{id}/calendar.ics",
            get(meeting_actions::calendar),
        ),
        r(
            "POST",
            "/meetings/{id}/apologies",
            post(meeting_actions::apologies),
        ),
        r(
            "POST",
            "/meetings/{id}/apologies/withdraw",
            post(meeting_actions::withdraw),
        ),
        r(
            "POST",
            "/meetings/{id}/attendance/everyone",
            post(meeting_actions::everyone),
        ),
        r(
            "GET",
            "/meetings/{id}/cancel",
            get(meeting_actions::confirm_cancel),
        ),
        r(
            "POST",
            "/meetings/{id}/restore",
            post(meeting_actions::restore),
        ),
        // Forming sets: programme leads (C3).
        r("GET", "/admin/cohorts/{id}/sets", get(admin_sets::show)),
        r("POST", "/admin/cohorts/{id}/sets", post(admin_sets::run)),
        // Forming as a background job (issue 13): its progress, and cancelling it.
        r(
            "GET",
            "/admin/formation-runs/{id}",
            get(admin_forming_run::show),
        ),
        r(
            "GET",
            "/admin/formation-runs/{id}/progress",
            get(admin_forming_run::progress),
        ),
        r(
            "POST",
            "/admin/formation-runs/{id}/cancel",
            post(admin_forming_run::cancel),
        ),
        r(
            "POST",
            "/admin/cohorts/{id}/sets/move",
            post(admin_sets::move_one),
        ),
        r(
            "POST",
            "/admin/cohorts/{id}/sets/publish",
            post(admin_sets::publish_all),
        ),
        r(
            "POST",
            "/admin/cohorts/{id}/sets/open",
            post(admin_sets::open_choosing),
        ),
        r(
            "POST",
            "/admin/cohorts/{id}/sets/leave",
            post(admin_sets::leave_one),
        ),
        // "X has left": a confirmation page, the change, what changed, and its undo (issue 11).
        r(
            "GET",
            "/admin/cohorts/{id}/sets/leave",
            get(set_leavers::confirm),
        ),
        r(
            "POST",
            "/admin/cohorts/{id}/sets/leavers",
            post(set_leavers::leave_confirmed),
        ),
        r(
            "GET",
            "/admin/cohorts/{id}/sets/leavers",
            get(set_leavers::done),
        ),
        r(
            "POST",
            "/admin/cohorts/{id}/sets/restore",
            post(set_leavers::undo),
        ),
        r(
            "POST",
            "/admin/cohorts/{id}/sets/repair",
            post(admin_sets::repair),
        ),
        r(
            "POST",
            "/admin/sets/{id}/facilitators",
            post(admin_sets::facilitators),
        ),
        r(
            "POST",
            "/admin/cohorts/{id}/sets/swap",
            post(admin_sets::swap),
        ),
        r(
            "GET",
            "/admin/cohorts/{id}/sets/facilitators",
            get(admin_set_changes::show_facilitators),
        ),
        r(
            "POST",
            "/admin/cohorts/{id}/sets/facilitators",
            post(admin_set_changes::save_facilitators),
        ),
        r(
            "GET",
            "/admin/sets/{id}/name",
            get(admin_set_changes::show_name),
        ),
        r(
            "POST",
            "/admin/sets/{id}/name",
            post(admin_set_changes::rename),
        ),
        r(
            "GET",
            "/admin/reporting-lines",
            get(admin_reporting_lines::show),
        ),
        r(
            "POST",
            "/admin/reporting-lines",
            post(admin_reporting_lines::import),
        ),
        // JSON API (personal access tokens).
        r("GET", "/api/v1/me", get(api::me::show)),
        // Subject access (issue 17): everything held about the caller, as a ZIP.
        r("GET", "/api/v1/me/export", get(api::privacy_export::export)),
        r("GET", "/api/v1/home", get(api::home::show)),
        r(
            "GET",
            "/api/v1/organisations",
            get(api::organisations::list),
        ),
        r(
            "POST",
            "/api/v1/organisations",
            post(api::organisations::create),
        ),
        r("GET", "/api/v1/people", get(api::people::list)),
        r("POST", "/api/v1/people", post(api::people::invite_person)),
        r("GET", "/api/v1/people/{id}", get(api::people::show)),
        r(
            "PUT",
            "/api/v1/people/{id}/roles",
            put(api::people::set_roles),
        ),
        r("GET", "/api/v1/audit", get(api::audit::list)),
        r("GET", "/api/v1/jobs/failed", get(api::jobs::failed)),
        r("POST", "/api/v1/jobs/{id}/retry", post(api::jobs::retry)),
        r("GET", "/api/v1/programmes", get(api::programmes::list)),
        r(
            "POST",
            "/api/v1/programmes",
            post(api::programmes::create_programme),
        ),
        r(
            "POST",
            "/api/v1/programmes/{id}/cohorts",
            post(api::programmes::create_cohort),
        ),
        r("PUT", "/api/v1/cohorts/{id}", put(api::cohorts::update)),
        r(
            "POST",
            "/api/v1/cohorts/{id}/close",
            post(api::cohorts::close),
        ),
        r(
            "PUT",
            "/api/v1/programmes/{id}/status",
            put(api::programmes::put_status),
        ),
        r(
            "POST",
            "/api/v1/programmes/{id}/applications",
            post(api::applications::create_application),
        ),
        r(
            "GET",
            "/api/v1/programmes/{id}/applications",
            get(api::applications::queue),
        ),
        r(
            "POST",
            "/api/v1/programmes/{id}/caps",
            post(api::programmes::set_nomination_cap),
        ),
        r(
            "POST",
            "/api/v1/programmes/{id}/decisions",
            post(api::applications::decisions),
        ),
        r(
            "POST",
            "/api/v1/programmes/{id}/allocate",
            post(api::applications::allocate),
        ),
        r("GET", "/api/v1/applications", get(api::applications::mine)),
        r(
            "GET",
            "/api/v1/applications/{id}",
            get(api::application_detail::show),
        ),
        r(
            "POST",
            "/api/v1/applications/{id}/decision",
            post(api::application_detail::decide),
        ),
        r(
            "POST",
            "/api/v1/applications/{id}/sponsor-decision",
            post(api::application_detail::sponsor_decision),
        ),
        r(
            "POST",
            "/api/v1/applications/{id}/respond",
            post(api::applications::respond_to),
        ),
        r(
            "POST",
            "/api/v1/applications/{id}/sponsor-approval",
            post(api::applications::sponsor_approval),
        ),
        r("GET", "/api/v1/sets", get(api::sets::mine)),
        r("GET", "/api/v1/sets/{id}", get(api::sets::show)),
        r(
            "POST",
            "/api/v1/sets/{id}/problems",
            post(api::sets::create_problem),
        ),
        r(
            "GET",
            "/api/v1/cohorts/{id}/sets",
            get(api::sets::cohort_sets),
        ),
        r(
            "POST",
            "/api/v1/cohorts/{id}/sets",
            post(api::sets::form_sets),
        ),
        r(
            "POST",
            "/api/v1/cohorts/{id}/formation-runs",
            post(api::formation_runs::start_run),
        ),
        r(
            "GET",
            "/api/v1/formation-runs/{id}",
            get(api::formation_runs::show),
        ),
        r(
            "POST",
            "/api/v1/formation-runs/{id}/cancel",
            post(api::formation_runs::cancel),
        ),
        // Evaluation (C9).
        r(
            "GET",
            "/api/v1/programmes/{id}/evaluation",
            get(api::evaluation::show_plan),
        ),
        r(
            "POST",
            "/api/v1/programmes/{id}/instruments",
            post(api::evaluation::add_instrument),
        ),
        r(
            "POST",
            "/api/v1/programmes/{id}/waves",
            post(api::evaluation::plan_wave),
        ),
        r(
            "POST",
            "/api/v1/waves/{id}/invitations",
            post(api::evaluation::invite),
        ),
        r(
            "POST",
            "/api/v1/waves/{id}/reminders",
            post(api::evaluation::remind),
        ),
        r(
            "GET",
            "/api/v1/programmes/{id}/evaluation/results",
            get(api::evaluation::show_results),
        ),
        r(
            "GET",
            "/api/v1/programmes/{id}/evaluation/report.pdf",
            get(api::evaluation::report_pdf),
        ),
        r(
            "GET",
            "/api/v1/respond/{token}",
            get(api::evaluation::questionnaire),
        ),
        r(
            "PUT",
            "/api/v1/respond/{token}",
            put(api::evaluation::answer),
        ),
        r(
            "GET",
            "/api/v1/programmes/{id}/feedback360",
            get(api::feedback360::show_offer),
        ),
        r(
            "PUT",
            "/api/v1/programmes/{id}/feedback360",
            put(api::feedback360::put_offer),
        ),
        r("GET", "/api/v1/feedback", get(api::feedback360::home)),
        r("POST", "/api/v1/feedback", post(api::feedback360::start)),
        r("GET", "/api/v1/feedback/{id}", get(api::feedback360::round)),
        r(
            "POST",
            "/api/v1/feedback/{id}/self-link",
            post(api::feedback360::self_link),
        ),
        r(
            "POST",
            "/api/v1/feedback/{id}/raters",
            post(api::feedback360::raters),
        ),
        r(
            "GET",
            "/api/v1/feedback/{id}/report",
            get(api::feedback360::report),
        ),
        r(
            "POST",
            "/api/v1/feedback/{id}/close",
            post(api::feedback360::close),
        ),
        // The rest of what the pages do, over the API (issue 10: parity).
        r(
            "PUT",
            "/api/v1/me/timezone",
            put(api::account::put_timezone),
        ),
        r("PUT", "/api/v1/me/locale", put(api::account::put_locale)),
        r(
            "PUT",
            "/api/v1/programmes/{id}",
            put(api::programme_edit::put_programme),
        ),
        r(
            "PUT",
            "/api/v1/cohorts/{id}/capacity",
            put(api::cohorts::put_capacity),
        ),
        r(
            "PUT",
            "/api/v1/people/{id}/supervisor",
            put(api::supervisors::put_supervisor),
        ),
        r(
            "POST",
            "/api/v1/people/{id}/invitation",
            post(api::supervisors::reinvite),
        ),
        r(
            "GET",
            "/api/v1/reporting-lines",
            get(api::reporting_lines::list),
        ),
        r(
            "POST",
            "/api/v1/reporting-lines",
            post(api::reporting_lines::import_lines),
        ),
        r("GET", "/api/v1/sponsor/nominees", get(api::sponsor::list)),
        r(
            "POST",
            "/api/v1/sponsor/nominations",
            post(api::sponsor::nominate_one),
        ),
        r(
            "POST",
            "/api/v1/sets/{id}/meetings",
            post(api::meetings::schedule),
        ),
        r(
            "PUT",
            "/api/v1/sets/{id}/settings",
            put(api::meetings::settings),
        ),
        r("GET", "/api/v1/meetings/{id}", get(api::meetings::show)),
        r(
            "POST",
            "/api/v1/meetings/{id}/move",
            post(api::meetings::move_meeting),
        ),
        r(
            "POST",
            "/api/v1/meetings/{id}/cancel",
            post(api::meetings::cancel_meeting),
        ),
        r(
            "PUT",
            "/api/v1/meetings/{id}/presenter",
            put(api::meetings::presenter),
        ),
        r(
            "PUT",
            "/api/v1/meetings/{id}/attendance",
            put(api::meeting_records::attendance),
        ),
        r(
            "POST",
            "/api/v1/meetings/{id}/actions",
            post(api::meeting_records::create_action),
        ),
        r(
            "POST",
            "/api/v1/meetings/{id}/reviews",
            post(api::meeting_records::review),
        ),
        r(
            "GET",
            "/api/v1/cohorts/{id}/choices",
            get(api::self_selection::list),
        ),
        r(
            "POST",
            "/api/v1/cohorts/{id}/choice",
            post(api::self_selection::choose),
        ),
        r(
            "POST",
            "/api/v1/cohorts/{id}/sets/moves",
            post(api::set_forming::move_one),
        ),
        r(
            "POST",
            "/api/v1/cohorts/{id}/sets/publish",
            post(api::set_forming::publish_all),
        ),
        r(
            "POST",
            "/api/v1/cohorts/{id}/sets/open",
            post(api::set_forming::open_choosing),
        ),
        r(
            "POST",
            "/api/v1/cohorts/{id}/sets/leavers",
            post(api::set_forming::leave_one),
        ),
        r(
            "POST",
            "/api/v1/cohorts/{id}/sets/leavers/undo",
            post(api::meeting_changes::undo_leave),
        ),
        r(
            "POST",
            "/api/v1/meetings/{id}/apologies",
            post(api::meeting_changes::send_apologies),
        ),
        r(
            "DELETE",
            "/api/v1/meetings/{id}/apologies",
            delete(api::meeting_changes::withdraw_apologies),
        ),
        r(
            "POST",
            "/api/v1/meetings/{id}/attendance/everyone-present",
            post(api::meeting_changes::everyone_present),
        ),
        r(
            "POST",
            "/api/v1/meetings/{id}/restore",
            post(api::meeting_changes::restore),
        ),
        r(
            "GET",
            "/api/v1/cohorts/{id}/sets/repair",
            get(api::set_forming::proposal),
        ),
        r(
            "POST",
            "/api/v1/cohorts/{id}/sets/repair",
            post(api::set_forming::repair),
        ),
        r(
            "PUT",
            "/api/v1/sets/{id}/facilitators",
            put(api::set_forming::facilitators),
        ),
        r(
            "POST",
            "/api/v1/cohorts/{id}/sets/swaps",
            post(api::set_changes::swap_two_members),
        ),
        r(
            "PUT",
            "/api/v1/cohorts/{id}/sets/facilitators",
            put(api::set_changes::facilitators_of_every_set),
        ),
        r(
            "PUT",
            "/api/v1/sets/{id}/name",
            put(api::set_changes::rename_one_set),
        ),
        r(
            "PUT",
            "/api/v1/reports/themes/vocabulary",
            put(api::themes::put_vocabulary),
        ),
        r("GET", "/api/v1/tokens", get(api::tokens::list)),
        r("POST", "/api/v1/tokens", post(api::tokens::create)),
        r("DELETE", "/api/v1/tokens/{id}", delete(api::tokens::revoke)),
        // Learning diaries and reflective logs, and the themes report (C5).
        r("GET", "/diary", get(diary::list)),
        r("POST", "/diary", post(diary::create)),
        r("GET", "/diary/{id}", get(diary::show)),
        r("POST", "/diary/{id}", post(diary::update)),
        r("GET", "/reports/themes", get(reports::themes)),
        r("GET", "/reports/sets", get(reports::sets_overview)),
        r("GET", "/reports/sets.csv", get(reports::sets_overview_csv)),
        r(
            "GET",
            "/reports/attendance.csv",
            get(reports::attendance_csv),
        ),
        r(
            "POST",
            "/reports/themes/vocabulary",
            post(reports::save_vocabulary),
        ),
        r("GET", "/api/v1/diary", get(api::diaries::list)),
        r("POST", "/api/v1/diary", post(api::diaries::create_entry)),
        r("GET", "/api/v1/diary/{id}", get(api::diaries::show)),
        r("PUT", "/api/v1/diary/{id}", put(api::diaries::update_entry)),
        r(
            "GET",
            "/api/v1/programmes/{id}/targets",
            get(api::targets::list),
        ),
        r(
            "POST",
            "/api/v1/programmes/{id}/targets",
            post(api::targets::create),
        ),
        r("PUT", "/api/v1/targets/{id}", put(api::targets::update)),
        r(
            "DELETE",
            "/api/v1/targets/{id}",
            delete(api::targets::delete),
        ),
        r(
            "POST",
            "/api/v1/targets/{id}/measurement",
            post(api::targets::measure),
        ),
        // Facilitator records (issue 15): profile, qualifications, supervision, mentors.
        r(
            "GET",
            "/facilitators/profile",
            get(facilitator_profile::own),
        ),
        r(
            "GET",
            "/facilitators/profile/background",
            get(facilitator_profile::background_form),
        ),
        r(
            "POST",
            "/facilitators/profile/background",
            post(facilitator_profile::save_background),
        ),
        r(
            "GET",
            "/facilitators/profile/qualifications/new",
            get(facilitator_profile::new_qualification),
        ),
        r(
            "POST",
            "/facilitators/profile/qualifications",
            post(facilitator_profile::add_qualification),
        ),
        r(
            "GET",
            "/facilitators/profile/qualifications/{id}/edit",
            get(facilitator_profile::edit_qualification),
        ),
        r(
            "POST",
            "/facilitators/profile/qualifications/{id}",
            post(facilitator_profile::change_qualification),
        ),
        r(
            "GET",
            "/facilitators/profile/qualifications/{id}/delete",
            get(facilitator_profile::remove_form),
        ),
        r(
            "POST",
            "/facilitators/profile/qualifications/{id}/delete",
            post(facilitator_profile::remove),
        ),
        r(
            "GET",
            "/admin/facilitators/{id}",
            get(facilitator_profile::for_lead),
        ),
        r("GET", "/facilitators/supervision", get(supervision::show)),
        r("POST", "/facilitators/supervision", post(supervision::log)),
        r(
            "GET",
            "/facilitators/supervision/hours.csv",
            get(supervision::own_hours_csv),
        ),
        r(
            "GET",
            "/admin/supervision/hours.csv",
            get(supervision::hours_csv),
        ),
        r("GET", "/admin/cohorts/{id}/mentors", get(mentors::show)),
        r("POST", "/admin/cohorts/{id}/mentors", post(mentors::pair)),
        r(
            "GET",
            "/admin/programmes/{id}/award",
            get(mentors::award_form),
        ),
        r(
            "POST",
            "/admin/programmes/{id}/award",
            post(mentors::save_award),
        ),
        r(
            "GET",
            "/api/v1/facilitators/me/profile",
            get(api::facilitator_records::own_profile),
        ),
        r(
            "GET",
            "/api/v1/facilitators/{id}/profile",
            get(api::facilitator_records::profile_of),
        ),
        r(
            "PUT",
            "/api/v1/facilitators/me/background",
            put(api::facilitator_records::put_background),
        ),
        r(
            "POST",
            "/api/v1/facilitators/me/qualifications",
            post(api::facilitator_records::add_qualification),
        ),
        r(
            "PUT",
            "/api/v1/facilitators/me/qualifications/{id}",
            put(api::facilitator_records::change_qualification),
        ),
        r(
            "DELETE",
            "/api/v1/facilitators/me/qualifications/{id}",
            delete(api::facilitator_records::remove_qualification),
        ),
        r(
            "GET",
            "/api/v1/facilitators/me/supervision",
            get(api::facilitator_records::own_supervision),
        ),
        r(
            "POST",
            "/api/v1/facilitators/me/supervision",
            post(api::facilitator_records::log_supervision),
        ),
        r(
            "GET",
            "/api/v1/supervision/hours",
            get(api::facilitator_records::hours),
        ),
        r(
            "POST",
            "/api/v1/sets/{id}/supervision-group",
            post(api::facilitator_records::mark_group),
        ),
        r(
            "GET",
            "/api/v1/cohorts/{id}/mentors",
            get(api::facilitator_records::cohort_mentors),
        ),
        r(
            "POST",
            "/api/v1/cohorts/{id}/mentors",
            post(api::facilitator_records::pair),
        ),
        r(
            "GET",
            "/api/v1/me/mentoring",
            get(api::facilitator_records::my_mentoring),
        ),
        r(
            "PUT",
            "/api/v1/programmes/{id}/award",
            put(api::facilitator_records::put_award),
        ),
        r("GET", "/api/v1/reports/themes", get(api::diaries::themes)),
        r(
            "GET",
            "/api/v1/reports/sets",
            get(api::diaries::sets_overview),
        ),
        // The regional facilitator pool (issue 15, C6): opting in, the pool for leads,
        // proposals for a set or circle, asking by emailed link, replacement.
        r("GET", "/facilitators/pool", get(pool::mine)),
        r("POST", "/facilitators/pool", post(pool::save)),
        r("GET", "/facilitators/pool/change", get(pool::form)),
        r("POST", "/facilitators/pool/check", post(pool::check)),
        r("GET", "/facilitators/pool/confirmed", get(pool::confirmed)),
        r("POST", "/facilitators/pool/leave", post(pool::leave)),
        r(
            "POST",
            "/facilitators/pool/absences",
            post(pool::add_absence),
        ),
        r("GET", "/admin/pool", get(pool::admin)),
        r(
            "GET",
            "/admin/sets/{id}/facilitator-proposals",
            get(facilitator_requests::set_show),
        ),
        r(
            "POST",
            "/admin/sets/{id}/facilitator-proposals",
            post(facilitator_requests::set_ask),
        ),
        r(
            "POST",
            "/admin/sets/{id}/facilitator-unavailable",
            post(facilitator_requests::set_unavailable),
        ),
        r(
            "GET",
            "/admin/circles/{id}/facilitator-proposals",
            get(facilitator_requests::circle_show),
        ),
        r(
            "POST",
            "/admin/circles/{id}/facilitator-proposals",
            post(facilitator_requests::circle_ask),
        ),
        r(
            "GET",
            "/facilitator-requests/{token}",
            get(facilitator_requests::request),
        ),
        r(
            "POST",
            "/facilitator-requests/{token}",
            post(facilitator_requests::answer),
        ),
        r("GET", "/api/v1/facilitators/pool", get(api::pool::mine)),
        r("PUT", "/api/v1/facilitators/pool", put(api::pool::join)),
        r(
            "DELETE",
            "/api/v1/facilitators/pool",
            delete(api::pool::leave),
        ),
        r(
            "POST",
            "/api/v1/facilitators/pool/absences",
            post(api::pool::add_absence),
        ),
        r("GET", "/api/v1/admin/pool", get(api::pool::pool)),
        r(
            "GET",
            "/api/v1/sets/{id}/facilitator-proposals",
            get(api::pool::set_proposals),
        ),
        r(
            "POST",
            "/api/v1/sets/{id}/facilitator-requests",
            post(api::pool::set_ask),
        ),
        r(
            "POST",
            "/api/v1/sets/{id}/facilitator-unavailable",
            post(api::pool::set_unavailable),
        ),
        r(
            "GET",
            "/api/v1/circles/{id}/facilitator-proposals",
            get(api::pool::circle_proposals),
        ),
        r(
            "POST",
            "/api/v1/circles/{id}/facilitator-requests",
            post(api::pool::circle_ask),
        ),
        r(
            "GET",
            "/api/v1/facilitator-requests/{token}",
            get(api::pool::request),
        ),
        r(
            "POST",
            "/api/v1/facilitator-requests/{token}",
            post(api::pool::answer),
        ),
        // Completion and CPD (issue 16, C10): a cohort's lead keeps the register, sees who
        // completed and records exceptions; everyone reads their own CPD record.
        r(
            "GET",
            "/admin/cohorts/{id}/completion",
            get(completion::show),
        ),
        r(
            "GET",
            "/admin/cohorts/{id}/sessions/{ordinal}/attendance",
            get(completion::register_form),
        ),
        r(
            "POST",
            "/admin/cohorts/{id}/sessions/{ordinal}/attendance",
            post(completion::record_register),
        ),
        r(
            "GET",
            "/admin/cohorts/{id}/completion/{participant}/exception",
            get(completion::exception_form),
        ),
        r(
            "POST",
            "/admin/cohorts/{id}/completion/{participant}/exception",
            post(completion::exception_post),
        ),
        r(
            "POST",
            "/admin/cohorts/{id}/completion/{participant}/exception/remove",
            post(completion::exception_remove),
        ),
        r("GET", "/cpd", get(completion::mine)),
        r(
            "GET",
            "/api/v1/cohorts/{id}/completion",
            get(api::completion::show),
        ),
        r(
            "GET",
            "/api/v1/cohorts/{id}/sessions/{ordinal}/attendance",
            get(api::completion::register_show),
        ),
        r(
            "PUT",
            "/api/v1/cohorts/{id}/sessions/{ordinal}/attendance",
            put(api::completion::register_put),
        ),
        r(
            "PUT",
            "/api/v1/cohorts/{id}/completion/{participant}/exception",
            put(api::completion::exception_put),
        ),
        r(
            "DELETE",
            "/api/v1/cohorts/{id}/completion/{participant}/exception",
            delete(api::completion::exception_delete),
        ),
        r("GET", "/api/v1/cpd", get(api::completion::mine)),
    ]
}

/// (method, path) of every route, for the access-matrix test.
pub fn list() -> Vec<(&'static str, &'static str)> {
    table().iter().map(|r| (r.method, r.path)).collect()
}

pub fn routes(state: AppState) -> Router<()> {
    table()
        .into_iter()
        .fold(Router::new(), |router, route| {
            router.route(route.path, route.handler)
        })
        .with_state(state)
}
