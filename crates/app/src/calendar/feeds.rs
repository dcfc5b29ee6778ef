//! Each person's private calendar feed of confirmed sessions and set meetings: a secret URL
//! that calendar programs subscribe to, replaced (and the old one ended) or revoked on request.

use revans_storage::{calendar_feeds, meetings};

use crate::security::{hash_token, new_token};
use crate::{Actor, App, Error, Viewer};

/// Whether the viewer has a feed address that works.
pub async fn has_feed(app: &App, viewer: &Viewer) -> Result<bool, Error> {
    let mut conn = app.store.conn().await?;
    Ok(calendar_feeds::has_live(&mut conn, &viewer.person.id).await?)
}

/// Makes a new feed address (ending any older one) and returns it, shown once; or, with
/// `revoke`, ends the feed and returns None.
pub async fn change_feed(
    app: &App,
    actor: &Actor<'_>,
    revoke: bool,
) -> Result<Option<String>, Error> {
    let person = &actor.viewer.person;
    let mut tx = app.store.begin().await?;
    let new_url = if revoke {
        calendar_feeds::revoke(&mut tx, &person.id).await?;
        None
    } else {
        let token = new_token();
        calendar_feeds::replace(&mut tx, &person.id, &hash_token(&token)).await?;
        Some(format!("{}/calendar/{token}.ics", app.settings.base_url()))
    };
    let action = if new_url.is_some() {
        "calendar_feed.created"
    } else {
        "calendar_feed.revoked"
    };
    actor
        .audit(
            &mut tx,
            action,
            "person",
            person.id.as_str(),
            "Changed their private calendar feed",
            &person.organisation_id,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(new_url)
}

/// The feed itself, for whoever holds the secret (calendar programs have no sign-in); any
/// other token is "not found".
pub async fn personal_feed(app: &App, token: &str) -> Result<String, Error> {
    let mut conn = app.store.conn().await?;
    let person = calendar_feeds::find_person(&mut conn, &hash_token(token))
        .await?
        .ok_or(Error::NotFound)?;
    let rows = calendar_feeds::confirmed_sessions(&mut conn, &person).await?;
    let meetings = meetings::for_person_calendar(&mut conn, &person).await?;
    let circles = revans_storage::circle_calendar::booked_sessions(&mut conn, &person).await?;
    Ok(super::feed(
        &rows,
        &meetings,
        crate::circles::feeds::booked_events(&circles),
    ))
}
