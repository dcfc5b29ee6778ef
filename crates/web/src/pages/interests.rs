//! Masterclasses from interests (issue 16, C10): a person's own interests (one page reached
//! from their set's and circle's pages), the lead's figures across their organisation tree,
//! and "create a masterclass from this interest" (check your answers, then a confirmation).
//! Every rule is in `revans_app::interests`.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use revans_app::Actor;
use revans_app::interests::masterclass::{self, MasterclassPlan};
use revans_app::interests::record::{self, MyInterestsView, RecordInterest};
use revans_app::interests::report::{InterestTopicLine, InterestsReport, report};

use crate::auth::{Admin, ClientIp, SignedIn, Viewer};
use crate::csrf::CsrfForm;
use crate::error::PageResult;
use crate::layout::{Errors, Layout, form_error, render};
use crate::pages::sign_in::NoticeQuery;
use crate::path_id::PathId;
use crate::state::AppState;

/// The form as typed: `source` is `set:<id>` or `circle:<id>`.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct InterestForm {
    pub source: String,
    pub topic: String,
    pub own_words: String,
}

impl InterestForm {
    fn input(&self) -> RecordInterest {
        let (kind, id) = self.source.split_once(':').unwrap_or(("", ""));
        RecordInterest {
            source_kind: kind.into(),
            source_id: id.into(),
            topic: self.topic.clone(),
            own_words: self.own_words.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "interests.html")]
struct MinePage {
    layout: Layout,
    errors: Errors,
    v: MyInterestsView,
    /// Each source as the select's (value, label).
    sources: Vec<(String, String)>,
    f: InterestForm,
}

async fn mine_page(state: &AppState, viewer: &Viewer, f: InterestForm) -> PageResult<MinePage> {
    let v = record::my_interests(state, viewer).await?;
    let sources: Vec<(String, String)> = v
        .sources
        .iter()
        .map(|s| (format!("{}:{}", kind_word(s.kind), s.id), s.name.clone()))
        .collect();
    let mut f = f;
    if f.source.is_empty()
        && let [(only, _)] = sources.as_slice()
    {
        f.source = only.clone();
    }
    Ok(MinePage {
        layout: Layout::new(
            state,
            Some(viewer),
            viewer.csrf.clone(),
            crate::i18n::t("interests-title"),
            "/interests",
        ),
        errors: Errors::default(),
        v,
        sources,
        f,
    })
}

fn kind_word(kind: revans_app::interests::record::InterestSourceKind) -> &'static str {
    match kind {
        revans_app::interests::record::InterestSourceKind::Set => "set",
        revans_app::interests::record::InterestSourceKind::Circle => "circle",
    }
}

/// The person's interests and the form to add one.
pub async fn mine(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    Query(q): Query<NoticeQuery>,
) -> PageResult<Response> {
    let page = mine_page(&state, &viewer, InterestForm::default()).await?;
    let notice = match q.notice.as_deref() {
        Some("recorded") => Some(crate::i18n::t("interests-notice-recorded")),
        Some("withdrawn") => Some(crate::i18n::t("interests-notice-withdrawn")),
        _ => None,
    };
    render(&MinePage {
        layout: page.layout.with_notice(notice.as_deref()),
        ..page
    })
}

/// Records an interest, or shows the form again with what to fix.
pub async fn add(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    CsrfForm(form): CsrfForm<InterestForm>,
) -> PageResult<Response> {
    match record::record(&state, &viewer, &form.input()).await {
        Ok(_) => Ok(Redirect::to("/interests?notice=recorded").into_response()),
        Err(e) => {
            let page = mine_page(&state, &viewer, form).await?;
            form_error(e, |errors| MinePage {
                layout: page.layout.with_errors(&errors),
                errors,
                ..page
            })
        }
    }
}

/// The empty form a button posts.
#[derive(Debug, Default, serde::Deserialize)]
pub struct NoFields {}

/// Withdraws one of the person's own interests.
pub async fn withdraw(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    PathId(id): PathId,
    CsrfForm(_): CsrfForm<NoFields>,
) -> PageResult<Response> {
    record::withdraw(&state, &viewer, &id).await?;
    Ok(Redirect::to("/interests?notice=withdrawn").into_response())
}

#[derive(Template)]
#[template(path = "interests_admin.html")]
struct ReportPage {
    layout: Layout,
    r: InterestsReport,
    /// Each topic's "create a masterclass" link, in the report's order.
    make_links: Vec<String>,
}

const NAV: &str = "/admin/interests";

/// The lead's figures: topics and counts under the small-number rule, never who or where.
pub async fn admin_report(
    State(state): State<AppState>,
    Admin(viewer): Admin,
) -> PageResult<Response> {
    let r = report(&state, &viewer).await?;
    let make_links = r
        .topics
        .iter()
        .map(|t| {
            let q: String = form_urlencoded::byte_serialize(t.topic.as_bytes()).collect();
            format!("/admin/interests/masterclass?topic={q}")
        })
        .collect();
    render(&ReportPage {
        layout: Layout::new(
            &state,
            Some(&viewer),
            viewer.csrf.clone(),
            crate::i18n::t("interests-admin-title"),
            NAV,
        ),
        r,
        make_links,
    })
}

/// The topic a lead chose.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct TopicForm {
    pub topic: String,
}

#[derive(Template)]
#[template(path = "interests_masterclass_check.html")]
struct CheckPage {
    layout: Layout,
    p: MasterclassPlan,
}

/// Check your answers before the masterclass is made.
pub async fn masterclass_check(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    Query(q): Query<TopicForm>,
) -> PageResult<Response> {
    let p = masterclass::plan(&state, &viewer, &q.topic).await?;
    render(&CheckPage {
        layout: Layout::new(
            &state,
            Some(&viewer),
            viewer.csrf.clone(),
            crate::i18n::t("check-answers-title"),
            NAV,
        ),
        p,
    })
}

/// Makes the masterclass; the confirmation follows.
pub async fn make_masterclass(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    ClientIp(ip): ClientIp,
    CsrfForm(form): CsrfForm<TopicForm>,
) -> PageResult<Response> {
    let actor = Actor {
        viewer: &viewer,
        ip: &ip,
    };
    let made = masterclass::make(&state, &actor, &form.topic).await?;
    let topic: String = form_urlencoded::byte_serialize(made.topic.as_bytes()).collect();
    Ok(Redirect::to(&format!("/admin/interests/masterclass/made?topic={topic}")).into_response())
}

#[derive(Template)]
#[template(path = "interests_masterclass_made.html")]
struct MadePage {
    layout: Layout,
    line: InterestTopicLine,
}

/// The confirmation: the draft made, and that Revans emailed the people who asked.
pub async fn masterclass_made(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    Query(q): Query<TopicForm>,
) -> PageResult<Response> {
    let topic =
        revans_domain::interest::InterestTopic::parse(&q.topic).map_err(revans_app::Error::from)?;
    let r = report(&state, &viewer).await?;
    let line = r
        .topics
        .into_iter()
        .find(|l| l.topic == topic.as_str() && l.masterclass_programme_id.is_some())
        .ok_or(revans_app::Error::NotFound)?;
    render(&MadePage {
        layout: Layout::new(
            &state,
            Some(&viewer),
            viewer.csrf.clone(),
            crate::i18n::t("interests-made-title"),
            NAV,
        ),
        line,
    })
}
