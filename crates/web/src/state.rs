use std::sync::Arc;

use revans_storage::Store;

use crate::config::Settings;
use crate::mail::Mailer;

/// Shared by every handler. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub settings: Arc<Settings>,
    pub mailer: Arc<Mailer>,
}
