use std::fmt;
use std::str::FromStr;

use crate::ValidationError;

/// What a person may do within one organisation. One person can hold several roles
/// (a facilitator in training is also a participant).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Programme lead: the administrator of a tenant.
    Admin,
    /// Sponsor or nominator (HR, OD or wellbeing lead).
    Sponsor,
    Facilitator,
    Participant,
    /// Reads anonymised aggregates only.
    Evaluator,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Admin,
        Role::Sponsor,
        Role::Facilitator,
        Role::Participant,
        Role::Evaluator,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Sponsor => "sponsor",
            Role::Facilitator => "facilitator",
            Role::Participant => "participant",
            Role::Evaluator => "evaluator",
        }
    }

    /// The id of the role's name in the message catalogues (`revans-i18n`).
    pub fn message_id(self) -> &'static str {
        match self {
            Role::Admin => "role-admin",
            Role::Sponsor => "role-sponsor",
            Role::Facilitator => "role-facilitator",
            Role::Participant => "role-participant",
            Role::Evaluator => "role-evaluator",
        }
    }

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Role::Admin => "Programme lead",
            Role::Sponsor => "Sponsor",
            Role::Facilitator => "Facilitator",
            Role::Participant => "Participant",
            Role::Evaluator => "Evaluator",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = ValidationError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| {
                ValidationError::new(
                    "roles",
                    format!(
                        "\"{s}\" is not a role; choose from admin, sponsor, facilitator, participant, evaluator"
                    ),
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_role() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
        }
        assert!("owner".parse::<Role>().is_err());
    }
}
