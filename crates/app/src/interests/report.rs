//! The lead's figures: topics asked for across every set and circle of their organisation
//! tree, each a count of people under the small-number rule (1-7 hidden, the rest rounded to
//! the nearest 5), the total added after suppression. Never names, never which set or circle.

use revans_domain::interest::title_case_first;
use revans_domain::{Published, publish};
use revans_storage::masterclass_interests::{self as store, TopicCount};
use revans_storage::organisations;

use super::lead_root;
use crate::{App, Error, Viewer};

/// One topic as the lead sees it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct InterestTopicLine {
    /// Normalised: what to send to make a masterclass of it.
    pub topic: String,
    /// The topic as a title.
    pub title: String,
    /// People who asked, rounded to the nearest 5; null when fewer than 8 (hidden).
    pub people: Option<u32>,
    /// The draft or published masterclass already made from it.
    pub masterclass_programme_id: Option<String>,
    /// Whether a masterclass can be made from it: shown (8 or more asked) and not yet made.
    pub can_make_masterclass: bool,
}

/// The lead's figures.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct InterestsReport {
    /// The organisation whose tree is counted.
    pub organisation: String,
    pub topics: Vec<InterestTopicLine>,
    /// The sum of the shown counts (hidden ones add nothing).
    pub total: u32,
}

/// One topic's line from its raw count: pure, so the rule is tested without a database.
pub fn line(row: &TopicCount) -> InterestTopicLine {
    let people = publish(u32::try_from(row.people).unwrap_or(u32::MAX));
    InterestTopicLine {
        topic: row.topic.clone(),
        title: title_case_first(&row.topic),
        people: people.shown(),
        masterclass_programme_id: row.programme_id.clone(),
        can_make_masterclass: row.offered_at.is_none()
            && matches!(people, Published::Count(n) if n > 0),
    }
}

/// The figures from the tree's rows.
pub fn build(organisation: String, rows: &[TopicCount]) -> InterestsReport {
    let topics: Vec<InterestTopicLine> = rows.iter().map(line).collect();
    let total = topics
        .iter()
        .fold(0u32, |sum, t| sum.saturating_add(t.people.unwrap_or(0)));
    InterestsReport {
        organisation,
        topics,
        total,
    }
}

/// The lead's figures for their organisation tree: 403 for anyone who leads nothing.
pub async fn report(app: &App, viewer: &Viewer) -> Result<InterestsReport, Error> {
    let root = lead_root(viewer)?;
    let mut conn = app.store.conn().await?;
    let name = organisations::get(&mut conn, &root)
        .await?
        .map(|o| o.name)
        .unwrap_or_default();
    let rows = store::counts_in_tree(&mut conn, &root).await?;
    Ok(build(name, &rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(topic: &str, people: i64, offered: bool) -> TopicCount {
        TopicCount {
            topic: topic.into(),
            people,
            programme_id: offered.then(|| "p".into()),
            offered_at: offered.then_some(1),
        }
    }

    #[test]
    fn three_askers_are_hidden_nine_shown_as_ten_and_totals_add_what_is_shown() {
        let r = build(
            "ICS".into(),
            &[
                row("burnout", 3, false),
                row("managing change", 9, false),
                row("coaching", 12, true),
            ],
        );
        assert_eq!(r.topics[0].people, None);
        assert!(!r.topics[0].can_make_masterclass);
        assert_eq!(r.topics[1].people, Some(10));
        assert!(r.topics[1].can_make_masterclass);
        assert_eq!(r.topics[1].title, "Managing change");
        assert_eq!(r.topics[2].people, Some(10));
        assert!(!r.topics[2].can_make_masterclass, "made already");
        assert_eq!(r.total, 20);
    }
}
