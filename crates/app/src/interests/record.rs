//! A person's own interests: where they may record one (their sets and circles), the topics
//! offered there, recording and withdrawing. Recording is the person's own content, so it is
//! not audited, and nobody else ever reads these rows one by one.

use std::collections::BTreeSet;

use revans_domain::interest::{InterestTopic, title_case_first};
use revans_domain::{Id, ThemeVocabulary};
use revans_storage::circles::split_topics;
use revans_storage::masterclass_interests::{self as store, NewInterest, Source};

use crate::{App, Error, Viewer};

/// Where an interest comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum InterestSourceKind {
    Set,
    Circle,
}

impl InterestSourceKind {
    fn parse(raw: &str) -> Result<Self, Error> {
        match raw.trim() {
            "set" => Ok(Self::Set),
            "circle" => Ok(Self::Circle),
            "" => Err(Error::field(
                "source_kind",
                "Choose the set or circle this interest comes from",
            )),
            other => Err(Error::field(
                "source_kind",
                format!("\"{other}\" is not a kind of source; choose set or circle"),
            )),
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Self::Set => "set",
            Self::Circle => "circle",
        }
    }
}

/// A set or circle the person belongs to.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct InterestSource {
    pub kind: InterestSourceKind,
    pub id: String,
    pub name: String,
}

/// One of the person's interests.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct MyInterestOut {
    pub id: String,
    /// Normalised: lower case, single spaces.
    pub topic: String,
    /// The topic as a title ("Managing change").
    pub title: String,
    pub source: InterestSource,
}

/// Everything the interests page shows the person.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct MyInterestsView {
    /// Where they may record an interest.
    pub sources: Vec<InterestSource>,
    /// Topics to choose from: the themes of their sets' and circles' organisations and the
    /// circles' topics (anything else in their own words).
    pub suggested_topics: Vec<String>,
    pub interests: Vec<MyInterestOut>,
}

fn source_of(s: &Source) -> InterestSource {
    InterestSource {
        kind: if s.kind == "set" {
            InterestSourceKind::Set
        } else {
            InterestSourceKind::Circle
        },
        id: s.id.clone(),
        name: s.name.clone(),
    }
}

/// The topics offered for these sources: vocabulary themes and circle tags, normalised.
pub fn suggested_topics(sources: &[Source]) -> Vec<String> {
    let mut topics = BTreeSet::new();
    for s in sources {
        let themes = ThemeVocabulary::parse(&s.vocabulary)
            .map(|v| v.themes().to_vec())
            .unwrap_or_default();
        let tags = split_topics(&s.topics)
            .into_iter()
            .map(|t| t.replace('-', " "));
        for raw in themes.into_iter().chain(tags) {
            if let Ok(t) = InterestTopic::parse(&raw) {
                topics.insert(t.as_str().to_owned());
            }
        }
    }
    topics.into_iter().collect()
}

/// The person's sets and circles, the topics offered and their interests: two statements.
pub async fn my_interests(app: &App, viewer: &Viewer) -> Result<MyInterestsView, Error> {
    let mut conn = app.store.conn().await?;
    let sources = store::sources_for(&mut conn, &viewer.person.id).await?;
    let mine = store::mine(&mut conn, &viewer.person.id).await?;
    Ok(MyInterestsView {
        suggested_topics: suggested_topics(&sources),
        sources: sources.iter().map(source_of).collect(),
        interests: mine
            .into_iter()
            .map(|i| MyInterestOut {
                title: title_case_first(&i.topic),
                source: InterestSource {
                    kind: if i.source_kind == "set" {
                        InterestSourceKind::Set
                    } else {
                        InterestSourceKind::Circle
                    },
                    id: i.source_id,
                    name: i.source_name,
                },
                topic: i.topic,
                id: i.id,
            })
            .collect(),
    })
}

/// What someone sends to record an interest: a topic from the list or in their own words
/// (the page's second box; the API sends `topic` only).
#[derive(Debug, Clone, Default)]
pub struct RecordInterest {
    pub source_kind: String,
    pub source_id: String,
    pub topic: String,
    pub own_words: String,
}

/// Records an interest from one of the person's sets or circles. A set or circle they do not
/// belong to is "not found" (its existence is not confirmed); asking twice for one topic in one
/// place is refused, naming the field.
pub async fn record(app: &App, viewer: &Viewer, input: &RecordInterest) -> Result<Id, Error> {
    let kind = InterestSourceKind::parse(&input.source_kind)?;
    let raw = match (input.topic.trim(), input.own_words.trim()) {
        (chosen, "") => chosen,
        ("", own) => own,
        _ => {
            return Err(Error::field(
                "own_words",
                "Choose a topic from the list or write one in your own words, not both",
            ));
        }
    };
    let topic = InterestTopic::parse(raw)?;
    let source_id = Id::parse(input.source_id.trim()).ok_or(Error::NotFound)?;
    let mut tx = app.store.begin().await?;
    let sources = store::sources_for(&mut tx, &viewer.person.id).await?;
    let source = sources
        .iter()
        .find(|s| s.kind == kind.as_str() && s.id == source_id.as_str())
        .ok_or(Error::NotFound)?;
    let organisation = Id::from_trusted(source.organisation_id.clone());
    let new = NewInterest {
        person_id: &viewer.person.id,
        set_id: (kind == InterestSourceKind::Set).then_some(&source_id),
        circle_id: (kind == InterestSourceKind::Circle).then_some(&source_id),
        organisation_id: &organisation,
        topic: topic.as_str(),
    };
    let Some(id) = store::insert(&mut tx, &new).await? else {
        return Err(Error::field(
            "topic",
            format!(
                "You have already asked for a masterclass on {} in {}",
                topic.as_str(),
                source.name
            ),
        ));
    };
    revans_storage::commit(tx).await?;
    Ok(id)
}

/// Withdraws one of the person's own interests; anyone else's is "not found".
pub async fn withdraw(app: &App, viewer: &Viewer, id: &Id) -> Result<(), Error> {
    let mut tx = app.store.begin().await?;
    if !store::withdraw(&mut tx, &viewer.person.id, id).await? {
        return Err(Error::NotFound);
    }
    revans_storage::commit(tx).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_join_themes_and_circle_tags_once_each() {
        let s = |topics: &str, vocabulary: &str| Source {
            kind: "circle".into(),
            id: "c".into(),
            name: "C".into(),
            organisation_id: "o".into(),
            topics: topics.into(),
            vocabulary: vocabulary.into(),
        };
        let got = suggested_topics(&[
            s("burnout,hybrid-working", "Workforce\nBurnout"),
            s("", "Workforce"),
        ]);
        assert_eq!(got, vec!["burnout", "hybrid working", "workforce"]);
    }
}
