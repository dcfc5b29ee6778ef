//! Single sign-on with OpenID Connect (issue 17). The web layer speaks the protocol (discovery,
//! the code flow with PKCE, ID token checks); these use cases keep what it needs between the
//! two legs of a sign-in and decide who the verified identity is here.
pub mod pending;
pub mod sign_in;

pub use pending::{PENDING_MINUTES, begin, take};
pub use sign_in::{ProviderPolicy, VerifiedIdentity, complete};
