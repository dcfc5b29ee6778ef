use std::sync::Arc;

use revans_app::App;

use crate::config::Settings;
use crate::mail::Mailer;

/// Shared by every handler. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// The use cases' context (the store and the settings they need).
    pub app: App,
    pub settings: Arc<Settings>,
    pub mailer: Arc<Mailer>,
}

/// So a handler passes `&state` to a use case, and reaches the store as `state.store`.
impl std::ops::Deref for AppState {
    type Target = App;

    fn deref(&self) -> &App {
        &self.app
    }
}
