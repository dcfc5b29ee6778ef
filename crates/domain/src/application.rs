//! An application's life (C2) as a checked state machine: submitted -> approved (by the
//! sponsor where the programme asks) -> offered -> accepted / declined / expired, with a
//! waiting list, withdrawal at any live point, and rejection with a reason. Storage keeps the
//! state as text; every change goes through `ApplicationState::apply`, so an impossible move
//! (accepting a rejected application) is refused in one place.

use std::fmt;
use std::str::FromStr;

use crate::ValidationError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicationState {
    /// Saved by the applicant, not yet sent.
    Draft,
    Submitted,
    Approved,
    /// Approved, waiting for a place in a full cohort.
    Waitlisted,
    Offered,
    Accepted,
    Declined,
    /// The offer was not answered in time.
    Expired,
    Withdrawn,
    Rejected,
}

/// What can happen to an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Event {
    Submit,
    Approve,
    Waitlist,
    Offer,
    Accept,
    Decline,
    Expire,
    Withdraw,
    Reject,
}

/// A move the state machine does not allow; says what the application is now.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("An application that is {} cannot be {}", from.label().to_lowercase(), event.past_tense())]
pub struct TransitionError {
    pub from: ApplicationState,
    pub event: Event,
}

impl ApplicationState {
    pub const ALL: [ApplicationState; 10] = [
        ApplicationState::Draft,
        ApplicationState::Submitted,
        ApplicationState::Approved,
        ApplicationState::Waitlisted,
        ApplicationState::Offered,
        ApplicationState::Accepted,
        ApplicationState::Declined,
        ApplicationState::Expired,
        ApplicationState::Withdrawn,
        ApplicationState::Rejected,
    ];

    /// The only place the allowed moves are written down.
    pub fn apply(self, event: Event) -> Result<Self, TransitionError> {
        use ApplicationState as S;
        use Event as E;
        let next = match (self, event) {
            (S::Draft, E::Submit) => S::Submitted,
            (S::Submitted, E::Approve) => S::Approved,
            (S::Approved, E::Waitlist) => S::Waitlisted,
            (S::Approved | S::Waitlisted, E::Offer) => S::Offered,
            (S::Offered, E::Accept) => S::Accepted,
            (S::Offered, E::Decline) => S::Declined,
            (S::Offered, E::Expire) => S::Expired,
            (
                S::Draft | S::Submitted | S::Approved | S::Waitlisted | S::Offered | S::Accepted,
                E::Withdraw,
            ) => S::Withdrawn,
            (S::Submitted | S::Approved | S::Waitlisted, E::Reject) => S::Rejected,
            (from, event) => return Err(TransitionError { from, event }),
        };
        Ok(next)
    }

    /// Nothing more can happen.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            ApplicationState::Declined
                | ApplicationState::Expired
                | ApplicationState::Withdrawn
                | ApplicationState::Rejected
        )
    }

    /// Counts against a nominating organisation's cap: sent and not finished.
    pub fn holds_nomination(self) -> bool {
        !self.is_final() && self != ApplicationState::Draft
    }

    /// Holds one of the cohort's confirmed places.
    pub fn holds_place(self) -> bool {
        self == ApplicationState::Accepted
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ApplicationState::Draft => "draft",
            ApplicationState::Submitted => "submitted",
            ApplicationState::Approved => "approved",
            ApplicationState::Waitlisted => "waitlisted",
            ApplicationState::Offered => "offered",
            ApplicationState::Accepted => "accepted",
            ApplicationState::Declined => "declined",
            ApplicationState::Expired => "expired",
            ApplicationState::Withdrawn => "withdrawn",
            ApplicationState::Rejected => "rejected",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ApplicationState::Draft => "Draft",
            ApplicationState::Submitted => "Submitted",
            ApplicationState::Approved => "Approved",
            ApplicationState::Waitlisted => "On the waiting list",
            ApplicationState::Offered => "Offered a place",
            ApplicationState::Accepted => "Place confirmed",
            ApplicationState::Declined => "Declined",
            ApplicationState::Expired => "Offer expired",
            ApplicationState::Withdrawn => "Withdrawn",
            ApplicationState::Rejected => "Not accepted",
        }
    }

    /// The catalogue id of [`Self::label`] (`admin.ftl`), for pages in the reader's language.
    pub fn message_id(self) -> &'static str {
        match self {
            ApplicationState::Draft => "admin-application-draft",
            ApplicationState::Submitted => "admin-application-submitted",
            ApplicationState::Approved => "admin-application-approved",
            ApplicationState::Waitlisted => "admin-application-waitlisted",
            ApplicationState::Offered => "admin-application-offered",
            ApplicationState::Accepted => "admin-application-accepted",
            ApplicationState::Declined => "admin-application-declined",
            ApplicationState::Expired => "admin-application-expired",
            ApplicationState::Withdrawn => "admin-application-withdrawn",
            ApplicationState::Rejected => "admin-application-rejected",
        }
    }
}

impl Event {
    fn past_tense(self) -> &'static str {
        match self {
            Event::Submit => "submitted",
            Event::Approve => "approved",
            Event::Waitlist => "put on a waiting list",
            Event::Offer => "offered a place",
            Event::Accept => "accepted",
            Event::Decline => "declined",
            Event::Expire => "expired",
            Event::Withdraw => "withdrawn",
            Event::Reject => "rejected",
        }
    }
}

impl fmt::Display for ApplicationState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ApplicationState {
    type Err = ValidationError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ApplicationState::ALL
            .into_iter()
            .find(|st| st.as_str() == s.trim())
            .ok_or_else(|| {
                ValidationError::new("state", format!("\"{s}\" is not an application state"))
            })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const EVENTS: [Event; 9] = [
        Event::Submit,
        Event::Approve,
        Event::Waitlist,
        Event::Offer,
        Event::Accept,
        Event::Decline,
        Event::Expire,
        Event::Withdraw,
        Event::Reject,
    ];

    #[test]
    fn the_happy_path_and_a_refusal() {
        let s = ApplicationState::Draft;
        let s = s.apply(Event::Submit).unwrap();
        let s = s.apply(Event::Approve).unwrap();
        let s = s.apply(Event::Waitlist).unwrap();
        let s = s.apply(Event::Offer).unwrap();
        let s = s.apply(Event::Accept).unwrap();
        assert!(s.holds_place());
        assert_eq!(s.apply(Event::Withdraw), Ok(ApplicationState::Withdrawn));
        let e = ApplicationState::Rejected.apply(Event::Accept).unwrap_err();
        assert_eq!(
            e.to_string(),
            "An application that is not accepted cannot be accepted"
        );
    }

    #[test]
    fn states_round_trip() {
        for s in ApplicationState::ALL {
            assert_eq!(s.as_str().parse::<ApplicationState>(), Ok(s));
        }
    }

    proptest! {
        #[test]
        fn any_sequence_keeps_the_rules(events in proptest::collection::vec(0usize..9, 0..30)) {
            let mut state = ApplicationState::Draft;
            let mut accepted_before = false;
            for i in events {
                let event = EVENTS[i];
                match state.apply(event) {
                    Ok(next) => {
                        // A final state never moves again.
                        prop_assert!(!state.is_final());
                        // A place is only ever taken from an offer.
                        if next == ApplicationState::Accepted {
                            prop_assert_eq!(state, ApplicationState::Offered);
                            accepted_before = true;
                        }
                        state = next;
                    }
                    Err(e) => prop_assert_eq!(e.from, state),
                }
            }
            if state.holds_place() { prop_assert!(accepted_before); }
        }
    }
}
