//! Erasing a person (issue 17): a lead's confirmation page for someone in their organisation
//! (`/admin/people/{id}/erase`) and, when the service allows it, the person's own
//! (`/account/erase`). Each says what will be deleted and what kept, asks for a tick, and
//! answers with a confirmation panel (rendered by the POST itself: a self-erasure has just
//! ended the session that could have read a page after a redirect).

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use revans_app::Actor;
use revans_app::privacy::erase::{ErasePreview, erase, preview};
use revans_domain::Id;

use crate::auth::{Admin, ClientIp, SignedIn, Viewer};
use crate::csrf::CsrfForm;
use crate::error::PageResult;
use crate::layout::{Errors, Layout, form_error, render};
use crate::path_id::PathId;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "erase_confirm.html")]
struct ConfirmPage {
    layout: Layout,
    errors: Errors,
    p: ErasePreview,
    /// Where the form posts, and where "No, go back" leads.
    action: String,
    back: String,
}

#[derive(Template)]
#[template(path = "erase_done.html")]
struct DonePage {
    layout: Layout,
    own: bool,
}

#[derive(serde::Deserialize)]
pub struct EraseForm {
    /// "yes" when the box is ticked.
    #[serde(default)]
    confirm: Option<String>,
}

/// Where a flow's form posts and its back link, for the lead's or the person's own.
fn paths(person: &Id, own_flow: bool) -> (String, String) {
    if own_flow {
        ("/account/erase".into(), "/account".into())
    } else {
        (
            format!("/admin/people/{person}/erase"),
            format!("/admin/people/{person}"),
        )
    }
}

async fn confirm_page(
    state: &AppState,
    viewer: &Viewer,
    person: &Id,
    own_flow: bool,
    errors: Errors,
) -> Result<ConfirmPage, crate::error::AppError> {
    let p = preview(state, viewer, person).await?;
    let (action, back) = paths(person, own_flow);
    let title = if p.own {
        crate::i18n::t("erase-account-heading")
    } else {
        crate::i18n::t1("erase-person-link", "name", &p.person.name)
    };
    let nav = if own_flow {
        "/account"
    } else {
        "/admin/people"
    };
    let layout =
        Layout::new(state, Some(viewer), viewer.csrf.clone(), title, nav).with_errors(&errors);
    Ok(ConfirmPage {
        layout,
        errors,
        p,
        action,
        back,
    })
}

async fn submit(
    state: &AppState,
    viewer: &Viewer,
    ip: &str,
    person: &Id,
    own_flow: bool,
    form: &EraseForm,
) -> PageResult<Response> {
    let actor = Actor { viewer, ip };
    let confirmed = form.confirm.as_deref() == Some("yes");
    match erase(state, &actor, person, confirmed).await {
        Ok(done) => {
            // Someone who erased themself is signed out: the page has no navigation.
            let layout = if done.own {
                Layout::new(
                    state,
                    None,
                    String::new(),
                    crate::i18n::t("erase-done-own-heading"),
                    "/",
                )
            } else {
                Layout::new(
                    state,
                    Some(viewer),
                    viewer.csrf.clone(),
                    crate::i18n::t("erase-done-heading"),
                    "/admin/people",
                )
            };
            render(&DonePage {
                layout,
                own: done.own,
            })
        }
        Err(e) => {
            let e = crate::error::AppError::from(e);
            if !matches!(e, crate::error::AppError::Invalid(_)) {
                return Err(e.into());
            }
            let page = confirm_page(state, viewer, person, own_flow, Errors::default()).await?;
            form_error(e, |errors| ConfirmPage {
                layout: page.layout.with_errors(&errors),
                errors,
                ..page
            })
        }
    }
}

pub async fn lead_form(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    PathId(id): PathId,
) -> PageResult<Response> {
    render(&confirm_page(&state, &viewer, &id, false, Errors::default()).await?)
}

pub async fn lead_erase(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    CsrfForm(form): CsrfForm<EraseForm>,
) -> PageResult<Response> {
    submit(&state, &viewer, &ip, &id, false, &form).await
}

pub async fn own_form(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
) -> PageResult<Response> {
    let id = viewer.person.id.clone();
    render(&confirm_page(&state, &viewer, &id, true, Errors::default()).await?)
}

pub async fn own_erase(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    ClientIp(ip): ClientIp,
    CsrfForm(form): CsrfForm<EraseForm>,
) -> PageResult<Response> {
    let id = viewer.person.id.clone();
    submit(&state, &viewer, &ip, &id, true, &form).await
}
