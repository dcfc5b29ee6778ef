//! A person's own events: those they have a place on (to rank hosts, then read their
//! itinerary) and those where they are a host organisation's contact (to read their visitors).

use revans_storage::events as store;

use crate::{App, Error, Viewer, now_ms};

/// Where one of the person's events stands for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum EventStage {
    /// Rankings are open.
    Ranking,
    /// Rankings have closed; the allocation is not published yet.
    Waiting,
    /// The allocation is published: itineraries and visitor lists can be read.
    Published,
}

impl EventStage {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ranking => "ranking",
            Self::Waiting => "waiting",
            Self::Published => "published",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct MyEvent {
    pub programme_id: String,
    pub title: String,
    pub stage: EventStage,
    /// Milliseconds since the epoch.
    pub rankings_close_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct HostedEvent {
    pub host_id: String,
    pub host_name: String,
    pub title: String,
    pub stage: EventStage,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct MyEvents {
    pub taking_part: Vec<MyEvent>,
    pub hosting: Vec<HostedEvent>,
}

fn stage(rankings_close_at: i64, published_at: Option<i64>, now: i64) -> EventStage {
    if published_at.is_some() {
        EventStage::Published
    } else if now < rankings_close_at {
        EventStage::Ranking
    } else {
        EventStage::Waiting
    }
}

/// The viewer's events, in one query.
pub async fn my_events(app: &App, viewer: &Viewer) -> Result<MyEvents, Error> {
    let mut conn = app.store.conn().await?;
    let rows = store::events_of_person(&mut conn, &viewer.person.id).await?;
    let now = now_ms();
    let mut mine = MyEvents::default();
    for r in rows {
        let stage = stage(r.rankings_close_at, r.published_at, now);
        match (r.host_id, r.host_name) {
            (Some(host_id), Some(host_name)) => mine.hosting.push(HostedEvent {
                host_id,
                host_name,
                title: r.title,
                stage,
            }),
            _ => mine.taking_part.push(MyEvent {
                programme_id: r.programme_id,
                title: r.title,
                stage,
                rankings_close_at: r.rankings_close_at,
            }),
        }
    }
    Ok(mine)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publication_wins_then_the_closing_time_decides() {
        assert_eq!(stage(100, Some(50), 10), EventStage::Published);
        assert_eq!(stage(100, None, 99), EventStage::Ranking);
        assert_eq!(stage(100, None, 100), EventStage::Waiting);
    }
}
