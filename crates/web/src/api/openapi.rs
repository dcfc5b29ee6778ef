//! The OpenAPI document, generated from the handlers' annotations.

use axum::Json;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::openapi_errors::ErrorResponses;

#[derive(OpenApi)]
#[openapi(
    info(title = "Revans API", description = "Action learning programmes. Authenticate with a personal access token: `Authorization: Bearer rvn_...` (create one under Your account > API tokens)."),
    paths(
        super::me::show, super::home::show,
        // Subject access (issue 17).
        super::privacy_export::export,
        super::tokens::list, super::tokens::create, super::tokens::revoke,
        super::people::list, super::people::show, super::people::invite_person, super::people::set_roles,
        super::organisations::list, super::organisations::create,
        super::audit::list,
        super::jobs::failed, super::jobs::retry,
        super::programmes::list, super::programmes::create_programme, super::programmes::create_cohort, super::cohorts::update, super::cohorts::close, super::programmes::put_status,
        super::applications::create_application, super::applications::mine, super::applications::respond_to, super::applications::sponsor_approval,
        super::applications::queue, super::programmes::set_nomination_cap, super::applications::decisions, super::applications::allocate,
        super::sets::mine, super::sets::show, super::sets::create_problem, super::sets::cohort_sets, super::sets::form_sets,
        super::diaries::list, super::diaries::create_entry, super::diaries::show, super::diaries::update_entry, super::diaries::themes, super::diaries::sets_overview,
        super::account::put_timezone, super::account::put_locale, super::programme_edit::put_programme, super::cohorts::put_capacity,
        super::supervisors::put_supervisor, super::supervisors::reinvite, super::reporting_lines::list, super::reporting_lines::import_lines,
        super::sponsor::list, super::sponsor::nominate_one,
        super::meetings::show, super::meetings::schedule, super::meetings::settings, super::meetings::move_meeting, super::meetings::cancel_meeting, super::meetings::presenter,
        super::meeting_records::attendance, super::meeting_records::create_action, super::meeting_records::review,
        super::self_selection::list, super::self_selection::choose,
        super::set_forming::move_one, super::set_forming::publish_all, super::set_forming::open_choosing, super::set_forming::leave_one,
        super::set_forming::proposal, super::set_forming::repair, super::set_forming::facilitators,
        super::themes::put_vocabulary,
        super::application_detail::show, super::application_detail::decide, super::application_detail::sponsor_decision,
        super::meeting_changes::send_apologies, super::meeting_changes::withdraw_apologies, super::meeting_changes::everyone_present, super::meeting_changes::restore, super::meeting_changes::undo_leave,
        super::set_changes::swap_two_members, super::set_changes::facilitators_of_every_set, super::set_changes::rename_one_set,
        super::formation_runs::start_run, super::formation_runs::show, super::formation_runs::cancel,
        super::targets::list, super::targets::create, super::targets::update, super::targets::measure, super::targets::delete,
        super::evaluation::show_plan, super::evaluation::add_instrument, super::evaluation::plan_wave, super::evaluation::invite, super::evaluation::remind,
        super::evaluation::show_results, super::evaluation::report_pdf, super::evaluation::questionnaire, super::evaluation::answer,
        super::pool::mine, super::pool::join, super::pool::leave, super::pool::add_absence, super::pool::pool, super::pool::set_proposals, super::pool::set_ask, super::pool::set_unavailable, super::pool::circle_proposals, super::pool::circle_ask, super::pool::request, super::pool::answer,
        super::feedback360::show_offer, super::feedback360::put_offer, super::feedback360::home, super::feedback360::start,
        super::feedback360::round, super::feedback360::self_link, super::feedback360::raters, super::feedback360::report, super::feedback360::close,
        super::circles::calendar, super::circles::mine, super::circles::show, super::circles::book, super::circles::cancel, super::circles::accept,
        super::circles::attendance_sheet, super::circles::record_attendance,
        // Facilitator records (issue 15).
        super::facilitator_records::own_profile, super::facilitator_records::profile_of, super::facilitator_records::put_background,
        super::facilitator_records::add_qualification, super::facilitator_records::change_qualification, super::facilitator_records::remove_qualification,
        super::facilitator_records::own_supervision, super::facilitator_records::log_supervision, super::facilitator_records::hours,
        super::facilitator_records::mark_group, super::facilitator_records::cohort_mentors, super::facilitator_records::pair,
        super::facilitator_records::my_mentoring, super::facilitator_records::put_award,
        // Completion and CPD (issue 16).
        super::completion::show, super::completion::register_show, super::completion::register_put,
        super::completion::exception_put, super::completion::exception_delete, super::completion::mine,
        super::circle_admin::list, super::circle_admin::create_circle, super::circle_admin::show, super::circle_admin::update, super::circle_admin::publish_circle, super::circle_admin::cancel_circle, super::circle_admin::merge, super::circle_admin::decline, super::circle_admin::report,
        // Erasure (issue 17).
        super::erasure::erase_person,
        // Events with choices (issue 18).
        super::events::overview, super::events::set_plan, super::events::add_host, super::events::run_allocation, super::events::allocation, super::events::publish, super::events::adjust, super::events::cafe_view, super::events::add_cafe_guest, super::events::make_cafe_rota, super::events::my_cafe,
        super::events::mine, super::events::my_choices, super::events::save_choices, super::events::itinerary, super::events::host_visitors,
        // Masterclasses from interests (issue 16).
        super::interests::mine, super::interests::add, super::interests::withdraw, super::interests::figures, super::interests::make_masterclass,
        // Certificates of completion (issue 16).
        super::certificates::list_mine, super::certificates::verify_code, super::certificates::pdf, super::certificates::revoke_certificate,
        super::certificates::cohort_list, super::certificates::issue_now, super::certificates::zip,
        // The CPD portfolio (issue 16).
        super::portfolio::show, super::portfolio::items, super::portfolio::add_evidence, super::portfolio::remove_evidence, super::portfolio::pdf,
        super::portfolio::list_frameworks, super::portfolio::add_framework, super::portfolio::remove_framework,
    ),
    components(schemas(crate::error_pages::ErrorBody)),
    modifiers(&TokenAuth, &ErrorResponses),
    tags((name = "account"), (name = "people"), (name = "organisations"), (name = "audit"), (name = "programmes"), (name = "applications"), (name = "sets"), (name = "meetings"), (name = "diary"), (name = "reports"), (name = "evaluation"), (name = "circles"), (name = "facilitators"), (name = "interests"), (name = "events"), (name = "certificates"), (name = "portfolio"))
)]
pub struct ApiDoc;

struct TokenAuth;

impl Modify for TokenAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The OpenAPI document, its enums described in the reader's language (`openapi.ftl`).
pub async fn document() -> Json<serde_json::Value> {
    let mut doc = serde_json::to_value(ApiDoc::openapi()).unwrap_or_default();
    translate_enum_descriptions(&mut doc);
    Json(doc)
}

fn translate_enum_descriptions(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            if map.contains_key("enum")
                && let Some(serde_json::Value::String(d)) = map.get_mut("description")
            {
                *d = crate::i18n::sentence("api", d);
            }
            map.values_mut().for_each(translate_enum_descriptions);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(translate_enum_descriptions),
        _ => {}
    }
}
