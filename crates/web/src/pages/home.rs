use askama::Template;
use axum::extract::{OriginalUri, State};
use axum::response::Response;

use axum::Extension;

use revans_app::home::Home;

use crate::auth::{MaybeViewer, Viewer};
use crate::csrf::AnonCsrf;
use crate::error::PageResult;
use crate::layout::{Layout, render};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    layout: Layout,
    viewer: Viewer,
    home: Home,
    /// The sponsor's nominees by state: (label, tag colour, count).
    nominee_tags: Vec<(String, &'static str, i64)>,
    /// Mentor pairings the viewer is in (issue 15).
    mentoring: Vec<revans_app::facilitator_records::mentors::MyPairing>,
}

/// The colour of a status tag for an application state, as the rest of the service shows it.
fn state_colour(state: &str) -> &'static str {
    match state {
        "submitted" | "draft" => "blue",
        "approved" | "waitlisted" => "yellow",
        "offered" => "purple",
        "accepted" => "green",
        "declined" | "expired" | "withdrawn" => "grey",
        "rejected" => "red",
        _ => "grey",
    }
}

/// What a signed-out visitor sees at `/`: what this service is, the catalogue, and how
/// accounts are made.
#[derive(Template)]
#[template(path = "landing.html")]
struct LandingPage {
    layout: Layout,
}

pub async fn show(
    State(state): State<AppState>,
    MaybeViewer(viewer): MaybeViewer,
    Extension(anon): Extension<AnonCsrf>,
    uri: OriginalUri,
) -> PageResult<Response> {
    let Some(viewer) = viewer else {
        let layout = Layout::new(
            &state,
            None,
            anon.0,
            crate::i18n::t("home-title-signed-out"),
            uri.path(),
        );
        return render(&LandingPage { layout });
    };
    let layout = Layout::new(
        &state,
        Some(&viewer),
        viewer.csrf.clone(),
        crate::i18n::t("nav-home"),
        uri.path(),
    );
    let home = revans_app::home::home(&state, &viewer).await?;
    let nominee_tags = home
        .sponsor
        .as_ref()
        .map(|s| {
            s.nominees
                .iter()
                .map(|n| (n.label.clone(), state_colour(&n.state), n.count))
                .collect()
        })
        .unwrap_or_default();
    let mentoring = revans_app::facilitator_records::mentors::my_pairings(&state, &viewer).await?;
    render(&HomePage {
        layout,
        viewer,
        home,
        nominee_tags,
        mentoring,
    })
}

/// "You are signed in to <tenant> as part of <organisation>.", in the reader's language.
pub(crate) fn signed_in_as(tenant: &str, organisation: &str) -> String {
    crate::i18n::t_args(
        "home-signed-in-as",
        &[
            ("tenant", crate::i18n::Arg::from(tenant.to_owned())),
            (
                "organisation",
                crate::i18n::Arg::from(organisation.to_owned()),
            ),
        ],
    )
}
