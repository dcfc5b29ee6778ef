//! The Revans web layer: pages for people, a JSON API for programs, one router for both.
//! Data flows one way: request -> handler -> domain (parse) -> storage -> response.

pub mod api;
mod assets;
pub mod auth;
pub mod client_ip;
pub mod config;
mod csrf;
mod csv_export;
mod date_boxes;
pub mod error;
mod error_pages;
pub mod i18n;
mod layout;
pub mod mail;
mod metrics;
mod pages;
mod paging;
mod path_id;
pub mod routes;
mod session;
pub mod sso;
mod startup;
pub mod state;
mod text_guard;

pub use startup::{Application, build_state, router};
