//! Nomination caps (C2): "an ICS can nominate up to 5". A cap belongs to an organisation for one
//! programme and counts every live application from that organisation and the organisations
//! below it, so an ICS's cap is shared by its member trusts and councils. Pure: the caller
//! passes the organisation tree and the applications already made.

use std::collections::HashMap;

use crate::{ApplicationState, Id};

/// Who holds one of the places under a cap, for the refusal message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    pub person_name: String,
    pub organisation_id: Id,
    pub organisation_name: String,
    pub state: ApplicationState,
}

/// A cap that a new nomination would break.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message())]
pub struct CapReached {
    pub cap_organisation: String,
    pub limit: u32,
    pub holders: Vec<Holder>,
}

impl CapReached {
    /// Says the cap and who holds the places, so a sponsor knows whom to talk to.
    pub fn message(&self) -> String {
        let names: Vec<String> = self
            .holders
            .iter()
            .map(|h| format!("{} ({})", h.person_name, h.organisation_name))
            .collect();
        format!(
            "{} can nominate up to {} {} for this programme, and all are taken by: {}",
            self.cap_organisation,
            self.limit,
            if self.limit == 1 { "person" } else { "people" },
            names.join(", ")
        )
    }
}

/// Parent links of the organisations involved (`None` for a root).
#[derive(Debug, Clone, Default)]
pub struct OrgTree {
    parents: HashMap<Id, Option<Id>>,
}

impl OrgTree {
    pub fn new(parents: impl IntoIterator<Item = (Id, Option<Id>)>) -> Self {
        Self {
            parents: parents.into_iter().collect(),
        }
    }

    /// Whether `org` is `ancestor` or below it. Bounded by the tree's size, so a corrupted
    /// cycle cannot loop forever.
    pub fn is_within(&self, org: &Id, ancestor: &Id) -> bool {
        let mut current = Some(org.clone());
        for _ in 0..=self.parents.len() {
            match current {
                Some(c) if &c == ancestor => return true,
                Some(c) => current = self.parents.get(&c).cloned().flatten(),
                None => return false,
            }
        }
        false
    }
}

/// A cap: `organisation_id` may have at most `limit` live nominations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cap {
    pub organisation_id: Id,
    pub organisation_name: String,
    pub limit: u32,
}

/// Checks that one more application from `applicant_org` fits every cap that covers it.
/// `existing` are the programme's applications (other than the one being checked).
pub fn check_caps(
    tree: &OrgTree,
    caps: &[Cap],
    applicant_org: &Id,
    existing: &[Holder],
) -> Result<(), CapReached> {
    for cap in caps {
        if !tree.is_within(applicant_org, &cap.organisation_id) {
            continue;
        }
        let holders: Vec<Holder> = existing
            .iter()
            .filter(|h| h.state.holds_nomination())
            .filter(|h| tree.is_within(&h.organisation_id, &cap.organisation_id))
            .cloned()
            .collect();
        if holders.len() >= cap.limit as usize {
            return Err(CapReached {
                cap_organisation: cap.organisation_name.clone(),
                limit: cap.limit,
                holders,
            });
        }
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn id(s: &str) -> Id {
        Id::from_trusted(s.to_owned())
    }

    fn region() -> OrgTree {
        OrgTree::new([
            (id("ics"), None),
            (id("trust"), Some(id("ics"))),
            (id("council"), Some(id("ics"))),
            (id("ward"), Some(id("trust"))),
            (id("other"), None),
        ])
    }

    fn holder(name: &str, org: &str, state: ApplicationState) -> Holder {
        Holder {
            person_name: name.into(),
            organisation_id: id(org),
            organisation_name: org.into(),
            state,
        }
    }

    #[test]
    fn an_ics_cap_counts_its_members_and_names_the_holders() {
        let caps = [Cap {
            organisation_id: id("ics"),
            organisation_name: "North Coast ICS".into(),
            limit: 2,
        }];
        let existing = [
            holder("Asha", "ward", ApplicationState::Submitted),
            holder("Ben", "council", ApplicationState::Accepted),
            holder("Cy", "trust", ApplicationState::Withdrawn),
        ];
        let err = check_caps(&region(), &caps, &id("trust"), &existing).unwrap_err();
        assert_eq!(
            err.to_string(),
            "North Coast ICS can nominate up to 2 people for this programme, and all are taken by: Asha (ward), Ben (council)"
        );
        // Someone outside the ICS is not covered by its cap.
        assert!(check_caps(&region(), &caps, &id("other"), &existing).is_ok());
    }

    proptest! {
        #[test]
        fn the_cap_refuses_exactly_when_full(limit in 1u32..6, states in proptest::collection::vec(0usize..10, 0..12)) {
            let orgs = ["trust", "council", "ward", "other"];
            let existing: Vec<Holder> = states.iter().enumerate()
                .map(|(i, s)| holder(&format!("p{i}"), orgs[i % 4], ApplicationState::ALL[*s]))
                .collect();
            let caps = [Cap { organisation_id: id("ics"), organisation_name: "ICS".into(), limit }];
            let live = existing.iter()
                .filter(|h| h.state.holds_nomination() && h.organisation_id != id("other"))
                .count();
            let result = check_caps(&region(), &caps, &id("council"), &existing);
            prop_assert_eq!(result.is_err(), live >= limit as usize);
            if let Err(e) = result { prop_assert_eq!(e.holders.len(), live); }
        }
    }
}
