//! The Revans domain: types that validate on construction, so an invalid value cannot
//! exist past the edge of the system ("parse, don't validate"). Pure: no I/O, no async.

mod capacity;
mod email;
mod error;
mod id;
mod role;
mod text;

pub use capacity::{Capacity, SetSize};
pub use email::EmailAddress;
pub use error::ValidationError;
pub use id::Id;
pub use role::Role;
pub use text::{OrganisationName, Password, PersonName, TokenName};
