//! One application as a page shows it: the applicant, their organisation, the cohorts they
//! ranked, every answer, the confirmations, the sponsor's decision and reason, and (for the
//! programme lead) the history of decisions. The lead sees the applications of their
//! programmes; a sponsor those from the organisations they sponsor; anyone else is told it does
//! not exist. A draft is the applicant's own: a nomination not yet completed shows its status
//! only, and an ordinary draft is not found.

use revans_domain::{ApplicationState, Event, Id, Question};
use revans_storage::programmes::Programme;
use revans_storage::{Conn, applications, audit};

pub use revans_storage::applications::Application;

use super::applications::{decide, sponsored_organisations};
use super::programmes::load_for_admin;
use super::sponsor::require_sponsor;
use crate::{Actor, App, Error};

/// A question of the programme and the applicant's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answered {
    pub question: String,
    pub answer: String,
}

/// A step in the application's history, from the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEntry {
    pub at: i64,
    pub who: String,
    pub what: String,
}

/// What an application's page shows.
#[derive(Debug, Clone)]
pub struct ApplicationView {
    pub application: Application,
    /// Every question of the programme with the answer given (blank for a nomination not yet
    /// completed).
    pub answers: Vec<Answered>,
    /// The programme's eligibility statements and confirmations; the applicant confirmed all
    /// of them when `application.confirmed_statements`.
    pub eligibility: Vec<String>,
    pub confirmations: Vec<String>,
    /// The cohorts they ranked, by name, first choice first.
    pub preferences: Vec<String>,
    pub requires_sponsor_approval: bool,
    /// Oldest first; only the programme lead sees it.
    pub history: Vec<HistoryEntry>,
    /// Whether the lead may approve it now, and reject it now.
    pub can_approve: bool,
    pub can_reject: bool,
    /// Whether a sponsor may approve or decline it now.
    pub sponsor_can_decide: bool,
}

async fn view(
    conn: &mut Conn,
    a: Application,
    programme: &Programme,
    with_history: bool,
) -> Result<ApplicationView, Error> {
    let f = &programme.fields;
    let sent = a.state != ApplicationState::Draft;
    let answers = f
        .questions
        .iter()
        .enumerate()
        .map(|(i, line)| Answered {
            question: Question::from_line(line).text().to_owned(),
            answer: if sent {
                a.answers.get(i).cloned().unwrap_or_default()
            } else {
                String::new()
            },
        })
        .collect();
    let preferences = applications::preference_names(conn, &a.id)
        .await?
        .into_iter()
        .map(|(_, name)| name)
        .collect();
    let history = if with_history {
        audit::for_subject(conn, "application", a.id.as_str())
            .await?
            .into_iter()
            .map(|e| HistoryEntry {
                at: e.at,
                who: e.actor_name,
                what: e.detail,
            })
            .collect()
    } else {
        Vec::new()
    };
    let sponsor_undecided = a.sponsor_approved_at.is_none() && a.sponsor_declined_at.is_none();
    Ok(ApplicationView {
        can_approve: a.state.apply(Event::Approve).is_ok()
            && (!f.requires_sponsor_approval || a.sponsor_approved_at.is_some()),
        can_reject: a.state.apply(Event::Reject).is_ok(),
        sponsor_can_decide: a.state == ApplicationState::Submitted && sponsor_undecided,
        requires_sponsor_approval: f.requires_sponsor_approval,
        eligibility: f.eligibility.clone(),
        confirmations: f.confirmations.clone(),
        answers,
        preferences,
        history,
        application: a,
    })
}

/// An application of one of the lead's programmes, with its history.
pub async fn for_lead(state: &App, actor: &Actor<'_>, id: &Id) -> Result<ApplicationView, Error> {
    let mut conn = state.store.conn().await?;
    let a = applications::get(&mut conn, id)
        .await?
        .ok_or(Error::NotFound)?;
    let programme = load_for_admin(&mut conn, actor, &a.programme_id).await?;
    if a.state == ApplicationState::Draft && a.nominated_by.is_none() {
        return Err(Error::NotFound);
    }
    view(&mut conn, a, &programme, true).await
}

/// A sent application from one of the sponsor's organisations, so they approve knowingly.
pub async fn for_sponsor(
    state: &App,
    actor: &Actor<'_>,
    id: &Id,
) -> Result<ApplicationView, Error> {
    require_sponsor(actor.viewer)?;
    let mut conn = state.store.conn().await?;
    // The same lookups for an id that does not exist and for someone else's application.
    let sponsored = sponsored_organisations(&mut conn, actor).await?;
    let a = applications::get(&mut conn, id)
        .await?
        .filter(|a| a.state != ApplicationState::Draft)
        .filter(|a| sponsored.contains(&a.organisation_id))
        .ok_or(Error::NotFound)?;
    let programme = revans_storage::programmes::get(&mut conn, &a.programme_id)
        .await?
        .ok_or(Error::NotFound)?;
    view(&mut conn, a, &programme, false).await
}

/// The lead approves or rejects (with a reason) one application, from its own page: the same
/// rules as the queue's bulk decisions.
pub async fn decide_one(
    state: &App,
    actor: &Actor<'_>,
    id: &Id,
    decision: &str,
    reason: &str,
) -> Result<Id, Error> {
    let programme = {
        let mut conn = state.store.conn().await?;
        let a = applications::get(&mut conn, id)
            .await?
            .ok_or(Error::NotFound)?;
        // Someone else's programme is "not found" before anything else is said.
        load_for_admin(&mut conn, actor, &a.programme_id).await?;
        a.programme_id
    };
    decide(
        state,
        actor,
        &programme,
        &[id.to_string()],
        decision,
        reason,
    )
    .await?;
    Ok(programme)
}
