//! The minimum-size sweep (C7, issue 15). At a circle's decision time (its first session's
//! start less `confirm_hours`) a published circle that reached its minimum is confirmed and
//! everyone booked (and its facilitators) told; one below its minimum is cancelled and everyone
//! told, unless another circle of the region on a shared topic starts within
//! `MERGE_WINDOW_MS` and has room for all its bookings: then its lead is offered a merge, to
//! accept (bookings move across) or decline (cancelled). An offer the lead leaves until the
//! first session starts is cancelled. Every step claims its circle with a conditional UPDATE
//! in the transaction that queues its emails, so several instances never send one twice.

use revans_domain::Id;
use revans_storage::circle_admin::{self as store, MergeCandidate};
use revans_storage::circles::{self, Circle, split_topics};
use revans_storage::{Conn, audit, people};

use super::manage::{circle_email, circle_to_change};
use crate::mail::{self, Text};
use crate::{Actor, App, Error};

/// A circle may merge into one starting this long before or after its first session.
pub const MERGE_WINDOW_MS: i64 = 14 * 86_400_000;

/// What one sweep decided.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct CircleSweep {
    pub confirmed: usize,
    pub cancelled: usize,
    pub merges_offered: usize,
    /// Circles whose step failed (logged; tried again next sweep).
    pub failed: usize,
}

enum Decided {
    Confirmed,
    Cancelled,
    MergeOffered,
    /// Another instance decided first.
    Nothing,
}

/// Decides every circle whose time has come, and cancels lapsed merge offers.
pub async fn sweep(app: &App, now: i64) -> Result<CircleSweep, Error> {
    let mut summary = CircleSweep::default();
    let (due, lapsed) = {
        let mut conn = app.store.conn().await?;
        (
            store::due_for_decision(&mut conn, now).await?,
            store::lapsed_merge_offers(&mut conn, now).await?,
        )
    };
    for id in due {
        match decide(app, &id, now).await {
            Ok(Decided::Confirmed) => summary.confirmed += 1,
            Ok(Decided::Cancelled) => summary.cancelled += 1,
            Ok(Decided::MergeOffered) => summary.merges_offered += 1,
            Ok(Decided::Nothing) => {}
            Err(e) => {
                tracing::error!(circle = %id, error = %e, "deciding a circle failed");
                summary.failed += 1;
            }
        }
    }
    for id in lapsed {
        match cancel_below_minimum(app, &id, now, LAPSED).await {
            Ok(true) => summary.cancelled += 1,
            Ok(false) => {}
            Err(e) => {
                tracing::error!(circle = %id, error = %e, "cancelling a lapsed merge failed");
                summary.failed += 1;
            }
        }
    }
    Ok(summary)
}

const BELOW_MINIMUM: &str = "Too few people booked for it to go ahead.";
const LAPSED: &str =
    "Too few people booked for it to go ahead, and it was not merged with another circle in time.";
const DECLINED: &str = "Too few people booked for it to go ahead.";

/// The circle a circle below its minimum could merge into: of the same region, sharing a
/// topic, starting within the window (and after now), with room for all its bookings.
pub async fn merge_target(
    conn: &mut Conn,
    circle: &Circle,
    now: i64,
) -> Result<Option<MergeCandidate>, Error> {
    let Some(first) = circle.fields.sessions.first().map(|s| s.starts_at) else {
        return Ok(None);
    };
    let candidates = store::merge_candidates(
        conn,
        &circle.region_id,
        &circle.id,
        (first - MERGE_WINDOW_MS).max(now),
        first + MERGE_WINDOW_MS,
    )
    .await?;
    Ok(candidates.into_iter().find(|c| {
        c.max_places - c.booked >= circle.booked
            && split_topics(&c.topics)
                .iter()
                .any(|t| circle.fields.topics.contains(t))
    }))
}

async fn record(tx: &mut Conn, circle: &Circle, action: &str, detail: &str) -> Result<(), Error> {
    audit::record(
        tx,
        audit::NewAuditEntry {
            actor_id: None,
            actor_name: "Revans (scheduled)",
            action,
            subject_type: "circle",
            subject_id: circle.id.as_str(),
            detail,
            ip: "background worker",
            organisation_id: Some(&circle.region_id),
        },
    )
    .await?;
    Ok(())
}

async fn decide(app: &App, id: &Id, now: i64) -> Result<Decided, Error> {
    let mut tx = app.store.begin().await?;
    let Some(circle) = circles::get(&mut tx, id).await? else {
        return Ok(Decided::Nothing);
    };
    if circle.booked >= circle.fields.min_places {
        if !store::claim_confirmed(&mut tx, id, now).await? {
            return Ok(Decided::Nothing);
        }
        let when: Vec<Text> = circle
            .fields
            .sessions
            .iter()
            .map(|s| mail::session_line(s.starts_at, s.ends_at, &circle.fields.timezone))
            .collect();
        for c in store::contacts(&mut tx, id).await? {
            if c.status == "booked" || c.status == "facilitator" {
                let email = circle_email(
                    app,
                    &c.name,
                    &circle.fields.title,
                    Text::new("email-circle-going-ahead").arg("title", &circle.fields.title),
                    when.clone(),
                    id,
                );
                mail::enqueue(&mut tx, &c.email, &email).await?;
            }
        }
        record(
            &mut tx,
            &circle,
            "circle.confirmed",
            "Reached its minimum; confirmed",
        )
        .await?;
        revans_storage::commit(tx).await?;
        return Ok(Decided::Confirmed);
    }
    // A circle already started (a sweep that ran late) has no time left for a merge offer.
    let started = circle
        .fields
        .sessions
        .first()
        .is_none_or(|s| s.starts_at <= now);
    let target = if started {
        None
    } else {
        merge_target(&mut tx, &circle, now).await?
    };
    if let Some(target) = target {
        if !store::claim_merge_offer(&mut tx, id, now).await? {
            return Ok(Decided::Nothing);
        }
        if let Some(lead) = &circle.created_by
            && let Some(p) = people::get(&mut tx, lead).await?
        {
            let mut email = circle_email(
                app,
                &p.name,
                &circle.fields.title,
                Text::new("email-circle-merge-offer").arg("title", &circle.fields.title),
                vec![
                    Text::new("email-circle-booked-of-minimum")
                        .arg("booked", circle.booked)
                        .arg("minimum", circle.fields.min_places),
                    Text::new("email-circle-merge-explained").arg("target", &target.title),
                ],
                id,
            );
            email.link = format!("{}/admin/circles/{id}", app.settings.base_url());
            email.link_label = Text::new("email-merge-or-cancel");
            mail::enqueue(&mut tx, &p.email, &email).await?;
        }
        record(
            &mut tx,
            &circle,
            "circle.merge_offered",
            &format!(
                "Below its minimum; offered a merge into \"{}\"",
                target.title
            ),
        )
        .await?;
        revans_storage::commit(tx).await?;
        return Ok(Decided::MergeOffered);
    }
    drop(tx);
    Ok(
        if cancel_below_minimum(app, id, now, BELOW_MINIMUM).await? {
            Decided::Cancelled
        } else {
            Decided::Nothing
        },
    )
}

/// Claims and cancels an undecided circle, telling everyone; false when decided already.
async fn cancel_below_minimum(app: &App, id: &Id, now: i64, reason: &str) -> Result<bool, Error> {
    let mut tx = app.store.begin().await?;
    let Some(circle) = circles::get(&mut tx, id).await? else {
        return Ok(false);
    };
    if !store::claim_cancelled(&mut tx, id, now).await? {
        return Ok(false);
    }
    tell_cancelled(app, &mut tx, &circle, reason).await?;
    record(&mut tx, &circle, "circle.cancelled", reason).await?;
    revans_storage::commit(tx).await?;
    Ok(true)
}

/// Why a circle was cancelled, in the recipient's language when it is one of the known reasons.
fn reason_text(reason: &str) -> Text {
    if reason == BELOW_MINIMUM || reason == DECLINED {
        Text::new("email-circle-too-few")
    } else if reason == super::manage::LEAD_CANCELLED {
        Text::new("email-circle-lead-cancelled")
    } else {
        Text::Written(reason.to_owned())
    }
}

/// Tells everyone booked, waiting, offered a place or facilitating that a circle is cancelled.
pub(crate) async fn tell_cancelled(
    app: &App,
    tx: &mut Conn,
    circle: &Circle,
    reason: &str,
) -> Result<(), Error> {
    for c in store::contacts(tx, &circle.id).await? {
        let email = circle_email(
            app,
            &c.name,
            &circle.fields.title,
            Text::new("email-circle-cancelled").arg("title", &circle.fields.title),
            vec![reason_text(reason)],
            &circle.id,
        );
        mail::enqueue(tx, &c.email, &email).await?;
    }
    Ok(())
}

/// The lead accepts the merge on offer: the places booked move to the other circle (within
/// its places), everyone is told, and this circle becomes `merged`.
pub async fn accept_merge(app: &App, actor: &Actor<'_>, id: &Id) -> Result<Id, Error> {
    let mut tx = app.store.begin().await?;
    let (circle, _) = circle_to_change(&mut tx, actor.viewer, id).await?;
    if circle.merge_offered_at.is_none() || circle.decided_at.is_some() {
        return Err(Error::Conflict(
            "No merge is on offer for this circle".into(),
        ));
    }
    let now = crate::now_ms();
    let Some(target) = merge_target(&mut tx, &circle, now).await? else {
        return Err(Error::Conflict(
            "No circle on the same topic has room for everyone booked now; cancel this one instead"
                .into(),
        ));
    };
    let target_id = Id::from_trusted(target.id.clone());
    let before = store::contacts(&mut tx, id).await?;
    if !store::claim_merged(&mut tx, id, &target_id, now).await? {
        return Err(Error::Conflict(
            "This circle has already been decided".into(),
        ));
    }
    if store::move_bookings(&mut tx, id, &target_id, now)
        .await?
        .is_none()
    {
        return Err(Error::Conflict(
            "The other circle no longer has room for everyone booked; cancel this one instead"
                .into(),
        ));
    }
    let moved_to = circles::get(&mut tx, &target_id)
        .await?
        .ok_or(Error::NotFound)?;
    let when: Vec<Text> = moved_to
        .fields
        .sessions
        .iter()
        .map(|s| mail::session_line(s.starts_at, s.ends_at, &moved_to.fields.timezone))
        .collect();
    for c in before {
        let email = match c.status.as_str() {
            "booked" => {
                let mut lines = vec![
                    Text::new("email-circle-moved-line")
                        .arg("title", &circle.fields.title)
                        .arg("target", &target.title),
                ];
                lines.extend(when.iter().cloned());
                circle_email(
                    app,
                    &c.name,
                    &target.title,
                    Text::new("email-circle-moved").arg("target", &target.title),
                    lines,
                    &target_id,
                )
            }
            "facilitator" => circle_email(
                app,
                &c.name,
                &circle.fields.title,
                Text::new("email-circle-merged").arg("title", &circle.fields.title),
                vec![Text::new("email-circle-merged-facilitator").arg("target", &target.title)],
                id,
            ),
            _ => circle_email(
                app,
                &c.name,
                &circle.fields.title,
                Text::new("email-circle-cancelled").arg("title", &circle.fields.title),
                vec![Text::new("email-circle-merged-others").arg("target", &target.title)],
                &target_id,
            ),
        };
        mail::enqueue(&mut tx, &c.email, &email).await?;
    }
    actor
        .audit(
            &mut tx,
            "circle.merged",
            "circle",
            id.as_str(),
            &format!(
                "Merged the circle \"{}\" into \"{}\"",
                circle.fields.title, target.title
            ),
            &circle.region_id,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(target_id)
}

/// The lead declines the merge on offer: the circle is cancelled and everyone told.
pub async fn decline_merge(app: &App, actor: &Actor<'_>, id: &Id) -> Result<(), Error> {
    let mut tx = app.store.begin().await?;
    let (circle, _) = circle_to_change(&mut tx, actor.viewer, id).await?;
    if circle.merge_offered_at.is_none() || circle.decided_at.is_some() {
        return Err(Error::Conflict(
            "No merge is on offer for this circle".into(),
        ));
    }
    if !store::claim_cancelled(&mut tx, id, crate::now_ms()).await? {
        return Err(Error::Conflict(
            "This circle has already been decided".into(),
        ));
    }
    tell_cancelled(app, &mut tx, &circle, DECLINED).await?;
    actor
        .audit(
            &mut tx,
            "circle.cancelled",
            "circle",
            id.as_str(),
            &format!(
                "Declined the merge and cancelled the circle \"{}\"",
                circle.fields.title
            ),
            &circle.region_id,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(())
}
