use askama::Template;
use axum::extract::{OriginalUri, State};
use axum::response::Response;

use crate::auth::{SignedIn, Viewer};
use crate::error::PageResult;
use crate::layout::{Layout, render};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    layout: Layout,
    viewer: Viewer,
}

pub async fn show(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    uri: OriginalUri,
) -> PageResult<Response> {
    let layout = Layout::new(
        &state,
        Some(&viewer),
        viewer.csrf.clone(),
        "Home",
        uri.path(),
    );
    render(&HomePage { layout, viewer })
}
