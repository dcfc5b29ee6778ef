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
