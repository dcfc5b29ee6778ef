use askama::Template;
use axum::extract::{OriginalUri, State};
use axum::response::Response;

use axum::Extension;

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
        let layout = Layout::new(&state, None, anon.0, "Welcome", uri.path());
        return render(&LandingPage { layout });
    };
    let layout = Layout::new(
        &state,
        Some(&viewer),
        viewer.csrf.clone(),
        "Home",
        uri.path(),
    );
    render(&HomePage { layout, viewer })
}
