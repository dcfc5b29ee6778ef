//! The CPD portfolio (C10, issue 16): a person tags their own diary entries, actions and the
//! sessions they attended as evidence against a professional framework, and exports it all
//! with their hours and certificates as a PDF. Everything here is the author's alone: every
//! read and change takes the viewer as the person, so nobody reaches anyone else's evidence
//! (another person's item reads as no item at all). Leads add their tenant's own frameworks.

pub mod evidence;
pub mod export;
pub mod frameworks;
pub mod view;

pub use evidence::{EvidenceInput, PortfolioItemKind};
pub use frameworks::{FrameworkInput, PortfolioFrameworkView};
pub use view::{Portfolio, portfolio};
