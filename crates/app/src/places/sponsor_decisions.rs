//! A sponsor's decision on an application from their own organisation: approve it, or decline
//! it with a reason. A declined application is not accepted and can never be offered a place;
//! the reason is shown to the programme lead and emailed to the applicant.

use revans_domain::{ApplicationState, Id, bounded};
use revans_storage::{applications, programmes};

use super::applications::{email, sponsored_organisations};
use crate::mail::Text;
use crate::{Actor, App, Error};

/// What a sponsor decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SponsorDecision {
    Approve,
    Decline,
}

impl SponsorDecision {
    /// `approve` or `decline`; anything else is `None`.
    pub fn parse(raw: &str) -> Option<Self> {
        match raw.trim() {
            "approve" => Some(Self::Approve),
            "decline" => Some(Self::Decline),
            _ => None,
        }
    }
}

/// Approves or declines (with a reason, required) a sent application from one of the
/// sponsor's organisations. Anyone else's, or a draft, is "not found" after the same lookups.
pub async fn sponsor_decide(
    state: &App,
    actor: &Actor<'_>,
    id: &Id,
    decision: SponsorDecision,
    reason: &str,
) -> Result<(), Error> {
    let mut tx = state.store.begin().await?;
    // The same lookups for an id that does not exist and for someone else's application.
    let sponsored = sponsored_organisations(&mut tx, actor).await?;
    let a = applications::get(&mut tx, id)
        .await?
        .filter(|a| a.state != ApplicationState::Draft)
        .filter(|a| sponsored.contains(&a.organisation_id))
        .ok_or(Error::NotFound)?;
    let reason = bounded(reason, "reason", "The reason", 2_000)?;
    if decision == SponsorDecision::Decline && reason.is_empty() {
        return Err(Error::field(
            "reason",
            "Enter the reason you are declining, which is sent to the applicant",
        ));
    }
    if a.sponsor_approved_at.is_some() || a.sponsor_declined_at.is_some() {
        return Err(Error::Conflict(format!(
            "{}'s application is already {} by a sponsor",
            a.person_name,
            if a.sponsor_approved_at.is_some() {
                "approved"
            } else {
                "declined"
            }
        )));
    }
    if a.state != ApplicationState::Submitted {
        return Err(Error::Conflict(format!(
            "{}'s application is already {}",
            a.person_name,
            a.state.label().to_lowercase()
        )));
    }
    let programme = programmes::get(&mut tx, &a.programme_id)
        .await?
        .ok_or(Error::NotFound)?;
    let sponsor = &actor.viewer.person;
    let (done, action, detail, headline, lines) = match decision {
        SponsorDecision::Approve => (
            applications::approve_as_sponsor(&mut tx, id, &sponsor.id).await?,
            "application.sponsor_approved",
            format!(
                "Approved {}'s application for {} as sponsor",
                a.person_name, a.programme_title
            ),
            Text::new("email-sponsor-approved"),
            vec![Text::new("email-sponsor-approved-line").arg("sponsor", &sponsor.name)],
        ),
        SponsorDecision::Decline => (
            applications::decline_as_sponsor(&mut tx, id, &sponsor.id, &reason).await?,
            "application.sponsor_declined",
            format!(
                "Declined {}'s application for {} as sponsor",
                a.person_name, a.programme_title
            ),
            Text::new("email-sponsor-declined"),
            vec![
                Text::new("email-sponsor-declined-line").arg("sponsor", &sponsor.name),
                Text::new("email-their-reason").arg("reason", &reason),
                Text::new("email-sponsor-questions"),
            ],
        ),
    };
    if !done {
        return Err(Error::Conflict(
            "This application has changed; reload the page".into(),
        ));
    }
    actor
        .audit(
            &mut tx,
            action,
            "application",
            id.as_str(),
            &detail,
            &programme.organisation_id,
        )
        .await?;
    email(
        state,
        &mut tx,
        &a.person_email,
        &a.person_name,
        &programme.fields,
        headline,
        lines,
        None,
    )
    .await?;
    revans_storage::commit(tx).await?;
    Ok(())
}
