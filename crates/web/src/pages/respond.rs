//! Answering a questionnaire by its emailed link (C9): no account, one question after another
//! on a page that works on a phone, "Save and come back later", then "Send my answers" and a
//! confirmation. The token in the path is the only key.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};

use crate::auth::MaybeViewer;
use crate::csrf::{AnonCsrf, CsrfForm};
use crate::error::PageResult;
use crate::layout::{Errors, Layout, form_error, render};
use crate::state::AppState;
use revans_app::evaluation::responding::{self, Answering, Questionnaire, Saved, Status};
use revans_domain::evaluation::{AnswerValue, Answers, Instrument, QuestionKind};

/// One box or button of a question.
pub struct Choice {
    pub id: String,
    pub name: String,
    pub value: String,
    pub label: String,
    pub checked: bool,
}

/// A question as the page draws it.
pub struct QuestionView {
    pub key: String,
    pub text: String,
    pub hint: String,
    pub required: bool,
    /// scale, single, multiple, free_text, constant_sum, matrix.
    pub kind: &'static str,
    pub choices: Vec<Choice>,
    /// Constant sum: (field, label, value typed).
    pub points: Vec<(String, String, String)>,
    pub total: u32,
    /// Matrix: one row of radio buttons per item.
    pub items: Vec<(String, String, Vec<Choice>)>,
    pub text_value: String,
    pub max_chars: u32,
}

pub struct SectionView {
    pub title: String,
    pub intro: String,
    pub questions: Vec<QuestionView>,
}

/// Field name -> the values posted (or saved) for it.
type Values = BTreeMap<String, Vec<String>>;

fn values_of(answers: &Answers) -> Values {
    let mut v = Values::new();
    for (key, answer) in &answers.0 {
        match answer {
            AnswerValue::Number(n) => {
                v.insert(key.clone(), vec![n.to_string()]);
            }
            AnswerValue::Text(t) => {
                v.insert(key.clone(), vec![t.clone()]);
            }
            AnswerValue::Keys(keys) => {
                v.insert(key.clone(), keys.clone());
            }
            AnswerValue::Numbers(map) => {
                for (k, n) in map {
                    v.insert(format!("{key}.{k}"), vec![n.to_string()]);
                }
            }
        }
    }
    v
}

fn first(values: &Values, field: &str) -> String {
    values
        .get(field)
        .and_then(|v| v.first())
        .cloned()
        .unwrap_or_default()
}

fn scale_choices(field: &str, min: u8, labels: &[String], values: &Values) -> Vec<Choice> {
    let chosen = first(values, field);
    labels
        .iter()
        .enumerate()
        .map(|(i, label)| {
            let point = (u32::from(min) + u32::try_from(i).unwrap_or(0)).to_string();
            Choice {
                id: if i == 0 {
                    field.to_owned()
                } else {
                    format!("{field}-{point}")
                },
                name: field.to_owned(),
                checked: chosen == point,
                value: point,
                label: label.clone(),
            }
        })
        .collect()
}

pub fn sections(instrument: &Instrument, values: &Values) -> Vec<SectionView> {
    instrument
        .sections
        .iter()
        .map(|s| SectionView {
            title: s.title.clone(),
            intro: s.intro.clone(),
            questions: s
                .questions
                .iter()
                .map(|q| {
                    let mut view = QuestionView {
                        key: q.key.clone(),
                        text: q.text.clone(),
                        hint: q.hint.clone(),
                        required: q.required,
                        kind: "free_text",
                        choices: Vec::new(),
                        points: Vec::new(),
                        total: 0,
                        items: Vec::new(),
                        text_value: String::new(),
                        max_chars: 0,
                    };
                    match &q.kind {
                        QuestionKind::Scale { scale, .. } => {
                            view.kind = "scale";
                            view.choices = scale_choices(&q.key, scale.min, &scale.labels, values);
                        }
                        QuestionKind::Single { options }
                        | QuestionKind::Multiple { options, .. } => {
                            let multiple = matches!(q.kind, QuestionKind::Multiple { .. });
                            view.kind = if multiple { "multiple" } else { "single" };
                            let chosen = values.get(&q.key).cloned().unwrap_or_default();
                            view.choices = options
                                .iter()
                                .enumerate()
                                .map(|(i, o)| Choice {
                                    id: if i == 0 {
                                        q.key.clone()
                                    } else {
                                        format!("{}-{}", q.key, o.key)
                                    },
                                    name: q.key.clone(),
                                    value: o.key.clone(),
                                    label: o.label.clone(),
                                    checked: chosen.contains(&o.key),
                                })
                                .collect();
                        }
                        QuestionKind::FreeText { max_chars } => {
                            view.text_value = first(values, &q.key);
                            view.max_chars = *max_chars;
                        }
                        QuestionKind::ConstantSum { options, total } => {
                            view.kind = "constant_sum";
                            view.total = *total;
                            view.points = options
                                .iter()
                                .map(|o| {
                                    let field = format!("{}.{}", q.key, o.key);
                                    let typed = first(values, &field);
                                    (field, o.label.clone(), typed)
                                })
                                .collect();
                        }
                        QuestionKind::Matrix { scale, items } => {
                            view.kind = "matrix";
                            view.items = items
                                .iter()
                                .map(|item| {
                                    let field = format!("{}.{}", q.key, item.key);
                                    let choices =
                                        scale_choices(&field, scale.min, &scale.labels, values);
                                    (field, item.text.clone(), choices)
                                })
                                .collect();
                        }
                    }
                    view
                })
                .collect(),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "respond.html")]
struct RespondPage {
    layout: Layout,
    errors: Errors,
    token: String,
    q: Questionnaire,
    status: &'static str,
    promise: String,
    sections: Vec<SectionView>,
    consent: bool,
    has_free_text: bool,
    notice: Option<String>,
}

fn page(
    state: &AppState,
    viewer: Option<&crate::auth::Viewer>,
    csrf: String,
    token: &str,
    q: Questionnaire,
    values: &Values,
    consent: bool,
) -> RespondPage {
    let status = match q.status {
        Status::NotOpenYet => "not_open",
        Status::Open => "open",
        Status::Closed => "closed",
        Status::Submitted => "submitted",
    };
    let has_free_text = q
        .instrument
        .questions()
        .any(|x| matches!(x.kind, QuestionKind::FreeText { .. }))
        // A 360 round's free text goes only to its participant: no consent to ask.
        && q.feedback360.is_none();
    RespondPage {
        layout: Layout::new(state, viewer, csrf, q.instrument.title.clone(), "/respond"),
        errors: Errors::default(),
        token: token.to_owned(),
        sections: sections(&q.instrument, values),
        promise: q
            .feedback360
            .clone()
            .unwrap_or_else(|| crate::i18n::t(q.anonymity.promise_id())),
        status,
        q,
        consent,
        has_free_text,
        notice: None,
    }
}

pub async fn show(
    State(state): State<AppState>,
    MaybeViewer(viewer): MaybeViewer,
    axum::Extension(AnonCsrf(csrf)): axum::Extension<AnonCsrf>,
    Path(token): Path<String>,
    axum::extract::Query(q): axum::extract::Query<crate::pages::sign_in::NoticeQuery>,
) -> PageResult<Response> {
    let questionnaire = responding::open(&state, &token).await?;
    let values = values_of(&questionnaire.answers);
    let mut p = page(
        &state,
        viewer.as_ref(),
        csrf,
        &token,
        questionnaire,
        &values,
        false,
    );
    if q.notice.as_deref() == Some("saved") {
        p.notice = Some(crate::i18n::t("eval-notice-saved"));
    }
    let notice = p.notice.clone();
    p.layout = p.layout.with_notice(notice.as_deref());
    render(&p)
}

pub async fn save(
    State(state): State<AppState>,
    MaybeViewer(viewer): MaybeViewer,
    axum::Extension(AnonCsrf(csrf)): axum::Extension<AnonCsrf>,
    Path(token): Path<String>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> PageResult<Response> {
    let submit = fields.iter().any(|(k, v)| k == "action" && v == "submit");
    let consent = fields
        .iter()
        .any(|(k, v)| k == "free_text_consent" && v == "yes");
    let result = match responding::answers_from_form(&state, &token, &fields).await {
        Ok(answers) => {
            responding::save(
                &state,
                &token,
                Answering {
                    answers,
                    free_text_consent: consent,
                    submit,
                },
            )
            .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(Saved::Submitted) => Ok(Redirect::to(&format!("/respond/{token}")).into_response()),
        Ok(Saved::Draft) => {
            Ok(Redirect::to(&format!("/respond/{token}?notice=saved")).into_response())
        }
        Err(e) => {
            let questionnaire = responding::open(&state, &token).await?;
            let mut values = Values::new();
            for (k, v) in &fields {
                values.entry(k.clone()).or_default().push(v.clone());
            }
            let p = page(
                &state,
                viewer.as_ref(),
                csrf,
                &token,
                questionnaire,
                &values,
                consent,
            );
            form_error(e, |errors| RespondPage {
                layout: p.layout.with_errors(&errors),
                errors,
                ..p
            })
        }
    }
}
