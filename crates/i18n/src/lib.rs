//! Every text a person reads, in their language. The catalogues are Fluent files in
//! `locales/<tag>/<area>.ftl`, compiled into the binary; English is complete and the fallback,
//! German must be complete too (`tests/catalogues.rs` fails on a message in one and not the
//! other).
//!
//! The locale is ambient: the web layer resolves it once per request (the person's choice, else
//! the tenant's default, else `Accept-Language`) and runs the handler inside [`scope`]; the
//! email worker runs each email inside the recipient's. So pages, the application layer's views,
//! emails and documents all call [`t`] without passing a locale through every function.

mod ambient;
mod catalogue;
mod formats;

pub use ambient::{carried, current, prefer, scope, sync_scope};
pub use catalogue::{Arg, MessageIds, message_ids, t, t_args, t_in, t_in_args};
pub use formats::{day, day_and_time, decimal, last_day, when, when_in, whole_number};
pub use revans_domain::Locale;
