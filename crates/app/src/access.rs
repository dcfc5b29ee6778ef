//! Accounts and signing in: passwords, password resets, the sign-in guard, personal access tokens.
pub mod accounts;
pub mod password_reset;
pub mod sessions;
pub mod sign_in_guard;
pub mod tokens;
