//! Booking a circle in one click: a place while there is one (taken by a conditional UPDATE
//! in the same transaction as the booking, so it can never overbook), otherwise the waiting
//! list. Cancelling before the deadline frees the place for the first in line, who is emailed
//! an offer to accept in time; an offer that lapses passes to the next (a sweep step).

use revans_domain::Id;
use revans_domain::circle::{BookingStatus, may_cancel, offer_expires_at};
use revans_storage::circle_bookings::{self as store, Booking, MyCircle};
use revans_storage::{Conn, audit, circle_calendar, people};

use super::calendar::{listings, refusal, rfc3339};
use crate::mail::{self, ApplicationEmail, Text, Value};
use crate::{Actor, App, Error, Viewer};

/// What booking did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct BookingOutcome {
    /// `booked` or `waiting`.
    pub status: String,
    /// Their place in the queue when waiting.
    pub position: Option<i64>,
}

async fn load(conn: &mut Conn, id: &Id) -> Result<super::calendar::CircleListing, Error> {
    let rows = circle_calendar::circle(conn, id).await?;
    listings(rows).into_iter().next().ok_or(Error::NotFound)
}

/// Books the actor onto a circle, or onto its waiting list when it is full.
pub async fn book(app: &App, actor: &Actor<'_>, id: &Id) -> Result<BookingOutcome, Error> {
    let person = &actor.viewer.person;
    let mut tx = app.store.begin().await?;
    let circle = load(&mut tx, id).await?;
    if !matches!(circle.status.as_str(), "published" | "confirmed") {
        return Err(Error::NotFound);
    }
    if let Some(why) = refusal(&mut tx, actor.viewer, &circle, crate::now_ms()).await? {
        return Err(Error::ForbiddenBecause(why));
    }
    if let Some(b) = store::live(&mut tx, id, &person.id).await? {
        return Err(Error::Conflict(match b.status.as_str() {
            "waiting" => "You are already on the waiting list for this circle".into(),
            "offered" => "A place is already held for you: accept it on My circles".into(),
            _ => "You already have a place on this circle".into(),
        }));
    }
    let booked = store::take_place(&mut tx, id).await?;
    let status = if booked {
        BookingStatus::Booked
    } else {
        BookingStatus::Waiting
    };
    let b = store::insert(&mut tx, id, &person.id, status.as_str()).await?;
    let position = if booked {
        None
    } else {
        Some(store::position(&mut tx, &b).await?)
    };
    let region = Id::from_trusted(circle.region_id.clone());
    actor
        .audit(
            &mut tx,
            if booked {
                "circle.booked"
            } else {
                "circle.waiting"
            },
            "circle",
            id.as_str(),
            &format!(
                "{} {}",
                person.name,
                if booked {
                    "booked a place"
                } else {
                    "joined the waiting list"
                }
            ),
            &region,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(BookingOutcome {
        status: status.as_str().into(),
        position,
    })
}

/// Cancels the actor's place, wait or offer. A place can be given up until the circle's cancel
/// deadline; the freed place is offered to the first in line.
pub async fn cancel(app: &App, actor: &Actor<'_>, id: &Id) -> Result<(), Error> {
    let person = &actor.viewer.person;
    let now = crate::now_ms();
    let mut tx = app.store.begin().await?;
    let circle = load(&mut tx, id).await?;
    let Some(b) = store::live(&mut tx, id, &person.id).await? else {
        return Err(Error::Conflict("You have no booking on this circle".into()));
    };
    let first = circle.sessions.first().map_or(0, |s| s.starts_ms);
    if b.status == "booked" && !may_cancel(now, first, circle.cancel_hours) {
        return Err(Error::Conflict(format!(
            "Places can only be cancelled up to {} hours before the first session; tell the \
             facilitator if you cannot come",
            circle.cancel_hours
        )));
    }
    if !store::change_status(&mut tx, &b.id, &b.status, "cancelled", None).await? {
        return Err(Error::Conflict(
            "Your booking changed meanwhile; try again".into(),
        ));
    }
    if BookingStatus::parse(&b.status).is_some_and(BookingStatus::holds_place) {
        pass_on_place(app, &mut tx, &circle, now).await?;
    }
    let region = Id::from_trusted(circle.region_id.clone());
    actor
        .audit(
            &mut tx,
            "circle.cancelled",
            "circle",
            id.as_str(),
            &format!("{} cancelled their {}", person.name, b.status),
            &region,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(())
}

/// Accepts the place held for the actor.
pub async fn accept(app: &App, actor: &Actor<'_>, id: &Id) -> Result<(), Error> {
    let person = &actor.viewer.person;
    let mut tx = app.store.begin().await?;
    let circle = load(&mut tx, id).await?;
    let b = store::live(&mut tx, id, &person.id).await?;
    let Some(b) = b.filter(|b| b.status == "offered") else {
        return Err(Error::Conflict(
            "No place is held for you on this circle".into(),
        ));
    };
    if b.offer_expires_at.is_some_and(|t| t <= crate::now_ms())
        || !store::change_status(&mut tx, &b.id, "offered", "booked", None).await?
    {
        return Err(Error::Conflict(
            "The time to accept this place has passed".into(),
        ));
    }
    let region = Id::from_trusted(circle.region_id.clone());
    actor
        .audit(
            &mut tx,
            "circle.offer_accepted",
            "circle",
            id.as_str(),
            &format!("{} accepted a place", person.name),
            &region,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(())
}

/// A place was given up (a cancelled place, a declined or lapsed offer): it is offered to the
/// first in line, who is emailed, and stays counted while the offer stands; with nobody
/// waiting (or too late to offer) it is freed.
pub(crate) async fn pass_on_place(
    app: &App,
    conn: &mut Conn,
    circle: &super::calendar::CircleListing,
    now: i64,
) -> Result<(), Error> {
    let id = Id::from_trusted(circle.id.clone());
    let first = circle.sessions.first().map_or(0, |s| s.starts_ms);
    let until = offer_expires_at(now, first, circle.cancel_hours);
    let next = match until {
        Some(_) => store::first_waiting(conn, &id).await?,
        None => None,
    };
    let (Some(next), Some(until)) = (next, until) else {
        store::free_place(conn, &id).await?;
        return Ok(());
    };
    if !store::change_status(conn, &next.id, "waiting", "offered", Some(until)).await? {
        store::free_place(conn, &id).await?;
        return Ok(());
    }
    let Some(person) = people::get(conn, &Id::from_trusted(next.person_id.clone())).await? else {
        return Ok(());
    };
    let message = ApplicationEmail {
        tenant: app.settings.tenant_name.clone(),
        name: person.name.clone(),
        programme: circle.title.clone(),
        headline: Text::new("email-circle-place-offered").arg("title", &circle.title),
        lines: std::iter::once(
            Text::new("email-circle-accept-by")
                .arg("until", Value::moment(until, &circle.timezone)),
        )
        .chain(
            circle
                .sessions
                .iter()
                .map(|s| mail::session_line(s.starts_ms, s.ends_ms, &circle.timezone)),
        )
        .collect(),
        link: format!("{}/circles/mine", app.settings.base_url()),
        link_label: Text::new("email-accept-on-my-circles"),
    };
    mail::enqueue(conn, &person.email, &message).await?;
    Ok(())
}

/// The sweep step: each offer whose time ran out is cancelled and its place passed to the next
/// in line, claimed by a conditional UPDATE so two instances never pass one place twice.
pub async fn lapse_offers(app: &App, now: i64) -> Result<usize, Error> {
    let due: Vec<Booking> = {
        let mut conn = app.store.conn().await?;
        store::lapsed_offers(&mut conn, now).await?
    };
    let mut lapsed = 0;
    for b in due {
        let mut tx = app.store.begin().await?;
        if !store::change_status(&mut tx, &b.id, "offered", "cancelled", None).await? {
            continue;
        }
        let id = Id::from_trusted(b.circle_id.clone());
        let circle = load(&mut tx, &id).await?;
        pass_on_place(app, &mut tx, &circle, now).await?;
        audit::record(
            &mut tx,
            audit::NewAuditEntry {
                actor_id: None,
                actor_name: "Revans (scheduled)",
                action: "circle.offer_lapsed",
                subject_type: "circle",
                subject_id: id.as_str(),
                detail: "An offered place was not accepted in time and passed on",
                ip: "background worker",
                organisation_id: Some(&Id::from_trusted(circle.region_id.clone())),
            },
        )
        .await?;
        revans_storage::commit(tx).await?;
        lapsed += 1;
    }
    Ok(lapsed)
}

/// A circle on "My circles".
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct MyCircleView {
    pub circle_id: String,
    pub title: String,
    /// `booked`, `waiting` or `offered`.
    pub status: String,
    /// The circle's own status (`published`, `confirmed`, `cancelled`, `merged`).
    pub circle_status: String,
    /// The first session in words.
    pub first_session: String,
    /// RFC 3339.
    pub first_starts_at: String,
    pub sessions: i64,
    pub position: Option<i64>,
    /// RFC 3339, for an offer.
    pub offer_expires_at: Option<String>,
    /// For an offer, in words.
    pub offer_expires: Option<String>,
    pub can_cancel: bool,
}

/// The viewer's upcoming circles, in one query.
pub async fn my_circles(app: &App, viewer: &Viewer) -> Result<Vec<MyCircleView>, Error> {
    let now = crate::now_ms();
    let mut conn = app.store.conn().await?;
    let rows = store::for_person(&mut conn, &viewer.person.id, now).await?;
    Ok(rows.into_iter().map(|m| view(m, now)).collect())
}

fn view(m: MyCircle, now: i64) -> MyCircleView {
    MyCircleView {
        first_session: revans_domain::describe_session(
            &revans_domain::Session {
                starts_at: m.first_starts_at,
                ends_at: m.first_ends_at,
            },
            &m.timezone,
        ),
        first_starts_at: rfc3339(m.first_starts_at),
        can_cancel: m.status != "booked" || may_cancel(now, m.first_starts_at, m.cancel_hours),
        position: (m.status == "waiting").then_some(m.position),
        offer_expires_at: m.offer_expires_at.map(rfc3339),
        offer_expires: m
            .offer_expires_at
            .map(|t| revans_i18n::when_in(t, &m.timezone)),
        circle_id: m.circle_id,
        title: m.title,
        status: m.status,
        circle_status: m.circle_status,
        sessions: m.sessions,
    }
}
