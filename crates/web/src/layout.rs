//! What every page shares: the header with the tenant's name, navigation for the viewer's
//! roles, the CSRF token for forms, and the error summary.

use crate::auth::Viewer;
use crate::state::AppState;

pub struct NavItem {
    pub href: &'static str,
    pub label: String,
    pub current: bool,
}

pub struct Layout {
    /// The language the page is written in, for `<html lang>`.
    pub lang: &'static str,
    pub tenant_name: String,
    pub has_logo: bool,
    pub title: String,
    pub viewer_name: Option<String>,
    pub nav: Vec<NavItem>,
    pub csrf: String,
    /// The assets' fingerprints, for links a browser may cache for a year.
    pub css_version: &'static str,
    pub js_version: &'static str,
    /// A one-line confirmation after a successful change ("Password changed").
    pub notice: Option<String>,
    /// Prefixes the title with "Error:" so screen reader users hear it first.
    pub has_errors: bool,
    /// The programme office's address for the footer, when configured.
    pub contact_email: Option<String>,
}

impl Layout {
    pub fn new(
        state: &AppState,
        viewer: Option<&Viewer>,
        csrf: String,
        title: impl Into<String>,
        path: &str,
    ) -> Self {
        let mut nav = Vec::new();
        if let Some(v) = viewer {
            // Each link's label is a message id in the catalogues (`common.ftl`).
            let mut add = |href: &'static str, label: &'static str| {
                let current = if href == "/" {
                    path == "/"
                } else {
                    path.starts_with(href)
                };
                nav.push(NavItem {
                    href,
                    label: crate::i18n::t(label),
                    current,
                });
            };
            add("/", "nav-home");
            add("/programmes", "nav-programmes");
            add("/applications", "nav-applications");
            add("/sets", "nav-sets");
            add("/circles", "nav-circles");
            add("/events", "nav-events");
            add("/certificates", "nav-certificates");
            if v.has_role(revans_domain::Role::Sponsor) {
                add("/sponsor/applications", "nav-nominees");
            }
            if v.is_admin() {
                add("/admin/programmes", "nav-manage-programmes");
                add("/admin/people", "nav-people");
                add("/admin/organisations", "nav-organisations");
                add("/admin/audit", "nav-audit");
                add("/admin/jobs/failed", "nav-failed-emails");
                add("/admin/interests", "nav-interests");
            }
            // Learning diaries for everyone; the themes report for leads and evaluators (C5).
            add("/diary", "nav-diary");
            add("/cpd", "nav-cpd");
            add("/portfolio", "nav-portfolio");
            if v.is_admin() || v.has_role(revans_domain::Role::Evaluator) {
                add("/reports/sets", "nav-sets-overview");
                add("/reports/themes", "nav-themes");
            }
            add("/account", "nav-account");
        }
        Self {
            lang: crate::i18n::lang(),
            tenant_name: state.settings.tenant_name.clone(),
            has_logo: state.settings.logo_path.is_some(),
            title: title.into(),
            viewer_name: viewer.map(|v| v.person.name.clone()),
            nav,
            // Masked afresh for each page: pages are compressed (see `security::mask_token`).
            csrf: revans_app::security::mask_token(&csrf),
            css_version: crate::assets::CSS_VERSION,
            js_version: crate::assets::JS_VERSION,
            notice: None,
            has_errors: false,
            contact_email: state.settings.contact_email.clone(),
        }
    }

    pub fn with_errors(mut self, errors: &Errors) -> Self {
        self.has_errors = errors.any();
        self
    }

    pub fn with_notice(mut self, notice: Option<&str>) -> Self {
        self.notice = notice.map(str::to_owned);
        self
    }
}

/// Field errors for a form, shown in the summary at the top and next to each field.
pub use revans_domain::FieldErrors as Errors;
/// Formats stored milliseconds for people: "22 Nov 2026, 14:05 UTC".
pub use revans_i18n::{last_day, when, when_in};

/// Renders an askama template into a response; a template failure is an internal error.
pub fn render(
    template: &impl askama::Template,
) -> Result<axum::response::Response, crate::error::PageError> {
    use axum::response::IntoResponse;
    let html = template
        .render()
        .map_err(crate::error::AppError::internal)?;
    Ok(axum::response::Html(html).into_response())
}

/// Renders a form page again with its errors (422), or passes other errors on.
pub fn form_error<T: askama::Template>(
    err: impl Into<crate::error::AppError>,
    page: impl FnOnce(Errors) -> T,
) -> Result<axum::response::Response, crate::error::PageError> {
    match err.into() {
        crate::error::AppError::Invalid(fields) => {
            let mut response = render(&page(Errors(fields)))?;
            *response.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
        other => Err(other.into()),
    }
}

/// A stored day (`2027-02-11`) as people read it: "11 February 2027". Anything that does not
/// read as a date is shown as it is.
pub fn day_in_words(stored: &str) -> String {
    revans_domain::parse_uk_date(stored, "date")
        .map(|d| revans_i18n::current().day(d))
        .unwrap_or_else(|_| stored.to_owned())
}

#[cfg(test)]
mod tests {
    #[test]
    fn stored_days_read_in_words() {
        assert_eq!(super::day_in_words("2027-02-11"), "11 February 2027");
        assert_eq!(super::day_in_words("soon"), "soon");
    }
}
