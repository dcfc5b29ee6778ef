//! Events with choices (issue 18) bodies: times as RFC 3339, the rest as the use cases take and
//! give them.

use revans_app::Error;
use revans_app::events::choices::{ChoicesView, RankedHost};
use revans_app::events::mine::{EventStage, HostedEvent, MyEvents};
use revans_app::events::setup::{EventOverview, HostOut, PlanInput};

use crate::api::programmes::rfc3339;

/// The event's time slots and when rankings close.
#[derive(Debug, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields, default)]
pub struct EventPlanIn {
    /// From 1 to 24: each participant visits a different host in each slot.
    pub slots: i64,
    /// RFC 3339, e.g. 2027-03-01T17:00:00Z.
    pub rankings_close_at: String,
}

impl EventPlanIn {
    pub fn input(&self) -> Result<PlanInput, Error> {
        let at: jiff::Timestamp = self.rankings_close_at.trim().parse().map_err(|_| {
            Error::field(
                "rankings_close_at",
                "Enter when rankings close as an RFC 3339 time, like 2027-03-01T17:00:00Z",
            )
        })?;
        Ok(PlanInput {
            slots: self.slots,
            rankings_close_at: at.as_millisecond(),
        })
    }
}

/// The lead's overview of an immersion event.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct EventOverviewOut {
    pub programme_id: String,
    pub title: String,
    pub slots: Option<i64>,
    /// RFC 3339; null until the plan is set.
    pub rankings_close_at: Option<String>,
    pub hosts: Vec<HostOut>,
    pub participants: u32,
    pub ranked: u32,
    pub not_ranked: Vec<String>,
    /// The last allocation's sum of squared ranks and lower bound (equal when proven optimal).
    pub objective: Option<i64>,
    pub bound: Option<i64>,
    pub allocated_at: Option<String>,
    pub published_at: Option<String>,
}

impl From<EventOverview> for EventOverviewOut {
    fn from(o: EventOverview) -> Self {
        EventOverviewOut {
            programme_id: o.programme_id,
            title: o.title,
            slots: o.slots,
            rankings_close_at: o.rankings_close_at.map(rfc3339),
            hosts: o.hosts,
            participants: o.participants,
            ranked: o.ranked,
            not_ranked: o.not_ranked,
            objective: o.objective,
            bound: o.bound,
            allocated_at: o.allocated_at.map(rfc3339),
            published_at: o.published_at.map(rfc3339),
        }
    }
}

/// A participant's ranking page.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct EventChoicesOut {
    pub programme_id: String,
    pub title: String,
    pub slots: i64,
    /// RFC 3339.
    pub rankings_close_at: String,
    /// Rankings may still be changed.
    pub open: bool,
    pub hosts: Vec<HostOut>,
    pub ranking: Vec<RankedHost>,
    pub needs: String,
}

impl From<ChoicesView> for EventChoicesOut {
    fn from(v: ChoicesView) -> Self {
        EventChoicesOut {
            programme_id: v.programme_id,
            title: v.title,
            slots: v.slots,
            open: v.open,
            rankings_close_at: rfc3339(v.rankings_close_at),
            hosts: v.hosts,
            ranking: v.ranking,
            needs: v.needs,
        }
    }
}

/// One of the caller's events as a participant.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct MyEventOut {
    pub programme_id: String,
    pub title: String,
    pub stage: EventStage,
    /// RFC 3339.
    pub rankings_close_at: String,
}

/// The caller's events: those they take part in and the hosts they are the contact for.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct MyEventsOut {
    pub taking_part: Vec<MyEventOut>,
    pub hosting: Vec<HostedEvent>,
}

impl From<MyEvents> for MyEventsOut {
    fn from(m: MyEvents) -> Self {
        Self {
            taking_part: m
                .taking_part
                .into_iter()
                .map(|e| MyEventOut {
                    rankings_close_at: rfc3339(e.rankings_close_at),
                    programme_id: e.programme_id,
                    title: e.title,
                    stage: e.stage,
                })
                .collect(),
            hosting: m.hosting,
        }
    }
}
