//! The application layer's one error type. It says what went wrong in terms a caller can act
//! on; the web layer maps it once to an HTTP status, the command line to a message.

use revans_domain::{FieldError, ValidationError};
use revans_storage::StoreError;

/// Said for any email address that cannot be given to a new account, whoever holds it:
/// addresses are unique across tenants, and the answer must not tell one tenant about another's
/// people.
pub const EMAIL_CANNOT_BE_USED: &str = "This email address cannot be used for a new account here. Check it is typed correctly, or use another address for this person.";

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input is not usable: each field at fault, with what to do.
    #[error("check the highlighted fields")]
    Invalid(Vec<FieldError>),
    /// Not there, or not in the actor's scope (so another tenant's records cannot be confirmed).
    #[error("page not found")]
    NotFound,
    #[error("you do not have permission to do that")]
    Forbidden,
    /// Refused for a reason the actor can act on, said in the message.
    #[error("{0}")]
    ForbiddenBecause(String),
    /// The request clashes with the current state (a full cohort, a published set).
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    TooManyRequests(String),
    /// The database cannot be reached; worth trying again.
    #[error("the service is temporarily unavailable")]
    Unavailable(String),
    #[error("internal error")]
    Internal(String),
}

impl Error {
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        Error::Internal(cause.to_string())
    }

    pub fn field(field: &str, message: impl Into<String>) -> Self {
        Error::Invalid(vec![FieldError {
            field: field.to_owned(),
            message: message.into(),
        }])
    }
}

impl From<ValidationError> for Error {
    fn from(e: ValidationError) -> Self {
        Error::Invalid(vec![e.into()])
    }
}

impl From<StoreError> for Error {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Duplicate { field } => {
                let message = match field {
                    "email" => EMAIL_CANNOT_BE_USED.to_owned(),
                    "name" => "That name is already in use; choose another".to_owned(),
                    other => format!("That {other} is already in use"),
                };
                Error::field(field, message)
            }
            StoreError::Reference => Error::Conflict(
                "That record refers to something that no longer exists, or is still in use".into(),
            ),
            StoreError::Unavailable(cause) => Error::Unavailable(cause.to_string()),
            other => Error::Internal(other.to_string()),
        }
    }
}
