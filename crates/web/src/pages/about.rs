//! The service's own pages, linked from every footer: the accessibility statement and the
//! privacy notice and help with a glossary. Public, like the catalogue.

use askama::Template;
use axum::Extension;
use axum::extract::{OriginalUri, State};
use axum::response::Response;

use crate::auth::MaybeViewer;
use crate::csrf::AnonCsrf;
use crate::error::PageResult;
use crate::layout::{Layout, render};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "accessibility.html")]
struct AccessibilityPage {
    layout: Layout,
}

#[derive(Template)]
#[template(path = "help.html")]
struct HelpPage {
    layout: Layout,
}

#[derive(Template)]
#[template(path = "privacy.html")]
struct PrivacyPage {
    layout: Layout,
}

fn layout(
    state: &AppState,
    viewer: &MaybeViewer,
    anon: AnonCsrf,
    title: &str,
    uri: &OriginalUri,
) -> Layout {
    let csrf = viewer.0.as_ref().map_or(anon.0, |v| v.csrf.clone());
    Layout::new(state, viewer.0.as_ref(), csrf, title, uri.path())
}

pub async fn accessibility(
    State(state): State<AppState>,
    viewer: MaybeViewer,
    Extension(anon): Extension<AnonCsrf>,
    uri: OriginalUri,
) -> PageResult<Response> {
    let layout = layout(
        &state,
        &viewer,
        anon,
        &crate::i18n::t("pub-a11y-title"),
        &uri,
    );
    render(&AccessibilityPage { layout })
}

pub async fn privacy(
    State(state): State<AppState>,
    viewer: MaybeViewer,
    Extension(anon): Extension<AnonCsrf>,
    uri: OriginalUri,
) -> PageResult<Response> {
    let layout = layout(
        &state,
        &viewer,
        anon,
        &crate::i18n::t("pub-privacy-title"),
        &uri,
    );
    render(&PrivacyPage { layout })
}

/// Help: how to get an account and get help, and a short glossary of the words Revans uses.
pub async fn help(
    State(state): State<AppState>,
    viewer: MaybeViewer,
    Extension(anon): Extension<AnonCsrf>,
    uri: OriginalUri,
) -> PageResult<Response> {
    let layout = layout(
        &state,
        &viewer,
        anon,
        &crate::i18n::t("pub-help-title"),
        &uri,
    );
    render(&HelpPage { layout })
}
