//! The caller's own time zone (meeting times are shown in it).

use crate::auth::Viewer;
use crate::error::AppError;
use crate::state::AppState;

/// Saves the person's own time zone, or clears it (blank: each set's own). Returns the zone.
pub async fn set_timezone(
    state: &AppState,
    viewer: &Viewer,
    typed: &str,
) -> Result<Option<String>, AppError> {
    let typed = typed.trim();
    let zone = if typed.is_empty() {
        None
    } else {
        revans_domain::parse_zone(typed)?;
        Some(typed.to_owned())
    };
    let mut conn = state.store.conn().await?;
    revans_storage::people::set_timezone(&mut conn, &viewer.person.id, zone.as_deref()).await?;
    Ok(zone)
}
