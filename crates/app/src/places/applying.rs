//! An applicant's reads: the application form (with their saved draft) and their own
//! applications with what they may do next.

use revans_domain::{ApplicationState, Event, Id};
use revans_storage::applications;

pub use revans_storage::applications::Application;

use crate::places::applications::ApplyInput;
use crate::places::catalogue::{CohortListing, Programme, cohort_listings, visible_programme};
use crate::{App, Error, Viewer};

/// What the application form shows: the programme, its cohorts to rank, and the draft saved so
/// far (its answers and ranked cohorts), or a blank one.
pub struct ApplicationForm {
    pub programme: Programme,
    pub cohorts: Vec<CohortListing>,
    pub draft: ApplyInput,
}

pub async fn application_form(
    app: &App,
    viewer: &Viewer,
    programme_id: &Id,
) -> Result<ApplicationForm, Error> {
    let mut conn = app.store.conn().await?;
    let programme = visible_programme(&mut conn, programme_id).await?;
    let cohorts = cohort_listings(&mut conn, &programme).await?;
    let draft =
        match applications::find_for_person(&mut conn, programme_id, &viewer.person.id).await? {
            Some(a) => {
                let prefs = applications::preferences(&mut conn, &a.id).await?;
                ApplyInput {
                    answers: a.answers,
                    preferences: prefs.into_iter().map(|p| p.to_string()).collect(),
                    ..ApplyInput::default()
                }
            }
            None => ApplyInput::default(),
        };
    Ok(ApplicationForm {
        programme,
        cohorts,
        draft,
    })
}

/// One of the viewer's applications (its waiting-list rank included) and what they may do.
pub struct MyApplication {
    pub application: Application,
    pub can_accept: bool,
    pub can_withdraw: bool,
}

/// The viewer's own applications, newest first, in one query.
pub async fn my_applications(app: &App, viewer: &Viewer) -> Result<Vec<MyApplication>, Error> {
    let mut conn = app.store.conn().await?;
    Ok(applications::list_for_person(&mut conn, &viewer.person.id)
        .await?
        .into_iter()
        .map(|a| MyApplication {
            can_accept: a.state == ApplicationState::Offered,
            can_withdraw: a.state.apply(Event::Withdraw).is_ok(),
            application: a,
        })
        .collect())
}

/// An application checked before it is sent ("check your answers"): what the person would
/// send, in words. Nothing is saved.
pub struct CheckedApplication {
    pub programme: revans_storage::programmes::Programme,
    /// The statements they confirmed (all of the programme's, or the check fails).
    pub eligibility: Vec<String>,
    pub confirmations: Vec<String>,
    /// (question, answer) in order.
    pub answers: Vec<(String, String)>,
    /// The cohorts they ranked, by name, first choice first.
    pub preferences: Vec<String>,
}

/// Runs every check a submission gets (answers, confirmations, cohorts, caps, not applied
/// already), changing nothing, and says what would be sent.
pub async fn check_application(
    app: &App,
    actor: &crate::Actor<'_>,
    programme_id: &Id,
    input: &ApplyInput,
) -> Result<CheckedApplication, Error> {
    let mut conn = app.store.conn().await?;
    let c = crate::places::applications::check_input(&mut conn, actor, programme_id, input, true)
        .await?;
    let f = &c.programme.fields;
    let answers = f
        .questions
        .iter()
        .zip(c.answers.iter())
        .map(|(q, a)| {
            (
                revans_domain::Question::from_line(q).text().to_owned(),
                a.clone(),
            )
        })
        .collect();
    let preferences = c
        .preferences
        .iter()
        .filter_map(|id| c.cohorts.iter().find(|k| &k.id == id))
        .map(|k| k.name.clone())
        .collect();
    Ok(CheckedApplication {
        eligibility: f.eligibility.clone(),
        confirmations: f.confirmations.clone(),
        answers,
        preferences,
        programme: c.programme,
    })
}

/// One of the viewer's own applications with what they may do (for the withdrawal page);
/// anyone else's is not found.
pub async fn my_application(app: &App, viewer: &Viewer, id: &Id) -> Result<MyApplication, Error> {
    let mut conn = app.store.conn().await?;
    let a = applications::get(&mut conn, id)
        .await?
        .filter(|a| a.person_id == viewer.person.id)
        .ok_or(Error::NotFound)?;
    Ok(MyApplication {
        can_accept: a.state == ApplicationState::Offered,
        can_withdraw: a.state.apply(Event::Withdraw).is_ok(),
        application: a,
    })
}
