//! Proposals for a set or circle: the region's pool ranked by fit with the reasons shown, the
//! facilitators who need a replacement, and asking the chosen one (or pair) by emailed link.

use revans_domain::{Id, Need, PoolCandidate, Ranking, WeeklyWindow, pairs, parse_uk_date, rank};
use revans_storage::facilitator_requests::{self as requests, NewRequest, Target};
use revans_storage::pool::{self, PoolRow};
use revans_storage::{Conn, people, reporting_lines};

use super::subject::{Subject, load};
use crate::mail::{self, ApplicationEmail, Text};
use crate::security::{hash_token, new_token};
use crate::{Actor, App, Error, now_ms};

/// A proposable facilitator with the reasons for their place.
#[derive(Debug, Clone)]
pub struct Proposal {
    pub person_id: Id,
    pub name: String,
    pub organisation: String,
    pub experienced: bool,
    pub capacity_left: i64,
    pub meetings_available: usize,
    pub meetings_total: usize,
    pub reasons: Vec<String>,
}

/// Someone in the pool who may not be proposed, and why.
#[derive(Debug, Clone)]
pub struct Excluded {
    pub person_id: Id,
    pub name: String,
    pub reason: &'static str,
}

/// A current facilitator unavailable from a day before a meeting still to come.
#[derive(Debug, Clone)]
pub struct NeedsReplacement {
    pub person_id: Id,
    pub name: String,
    pub from: String,
}

/// A request already made, as the lead sees it.
#[derive(Debug, Clone)]
pub struct AskedView {
    pub name: String,
    pub status: String,
    pub replaces: Option<String>,
}

/// Everything the proposals page and its API twin show.
#[derive(Debug, Clone)]
pub struct Proposals {
    pub target_id: Id,
    pub kind: &'static str,
    pub name: String,
    pub current: Vec<(Id, String)>,
    pub needs_replacement: Vec<NeedsReplacement>,
    pub proposals: Vec<Proposal>,
    /// Experienced with newly qualified, best first.
    pub pairs: Vec<(Proposal, Proposal)>,
    pub excluded: Vec<Excluded>,
    pub asked: Vec<AskedView>,
}

/// What the lead confirms: one or two people, and whom they replace (if a replacement).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct AskInput {
    pub person_ids: Vec<String>,
    pub replaces: String,
}

/// A lead marks a facilitator of their set or circle unavailable from a day.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct UnavailableInput {
    pub person_id: String,
    pub from: String,
}

fn overlaps(row: &PoolRow, days: &[String]) -> bool {
    row.absences.iter().any(|a| {
        days.iter().any(|d| {
            d.as_str() >= a.first_day.as_str()
                && a.last_day.as_deref().is_none_or(|l| d.as_str() <= l)
        })
    })
}

fn candidate(row: &PoolRow, days: &[String]) -> PoolCandidate {
    PoolCandidate {
        person_id: row.person_id.to_string(),
        name: row.name.clone(),
        home_organisation_id: row.home_organisation_id.to_string(),
        outside_own_org: row.outside_own_org,
        capacity_left: row.capacity_left(),
        timezone: row.timezone.clone(),
        availability: row
            .availability
            .iter()
            .map(|w| WeeklyWindow {
                weekday: w.weekday,
                from_minute: w.from_minute,
                to_minute: w.to_minute,
            })
            .collect(),
        languages: row.languages.clone(),
        years: row.years,
        qualifications: row.qualifications.len(),
        away: overlaps(row, days),
    }
}

/// The pool, the ranking and who needs replacing, read in a fixed number of queries.
async fn ranking(conn: &mut Conn, s: &Subject) -> Result<(Vec<PoolRow>, Ranking), Error> {
    let rows = pool::list(conn, &s.region_id, now_ms()).await?;
    let lines = reporting_lines::in_tree(conn, &s.region_id)
        .await?
        .into_iter()
        .map(|(p, m)| (p.to_string(), m.to_string()))
        .collect();
    let days = s.meeting_days();
    let need = Need {
        members: s.members.iter().map(|m| m.person_id.to_string()).collect(),
        member_organisations: s
            .members
            .iter()
            .map(|m| m.organisation_id.to_string())
            .collect(),
        reporting_lines: lines,
        meetings: s.meetings.clone(),
        language: None,
        not_from_member_orgs: s.not_from_member_orgs,
        current: s.current.iter().map(ToString::to_string).collect(),
    };
    let pool: Vec<PoolCandidate> = rows.iter().map(|r| candidate(r, &days)).collect();
    let ranked = rank(&pool, &need);
    Ok((rows, ranked))
}

fn proposal(f: &revans_domain::Fit, rows: &[PoolRow]) -> Proposal {
    let c = &f.candidate;
    Proposal {
        person_id: Id::from_trusted(c.person_id.clone()),
        name: c.name.clone(),
        organisation: rows
            .iter()
            .find(|r| r.person_id.as_str() == c.person_id)
            .map(|r| r.organisation_name.clone())
            .unwrap_or_default(),
        experienced: c.experienced(),
        capacity_left: c.capacity_left,
        meetings_available: f.meetings_available,
        meetings_total: f.meetings_total,
        reasons: f.reasons(),
    }
}

/// The current facilitators unavailable (with no last day) from a day on or before one of
/// the meetings still to come.
async fn needing_replacement(
    conn: &mut Conn,
    s: &Subject,
    names: &[(Id, String)],
) -> Result<Vec<NeedsReplacement>, Error> {
    let days = s.meeting_days();
    let mut out = Vec::new();
    for (id, name) in names {
        let open = pool::absences_of(conn, id)
            .await?
            .into_iter()
            .filter(|a| a.last_day.is_none())
            .find(|a| days.iter().any(|d| d.as_str() >= a.first_day.as_str()));
        if let Some(a) = open {
            out.push(NeedsReplacement {
                person_id: id.clone(),
                name: name.clone(),
                from: a.first_day,
            });
        }
    }
    Ok(out)
}

/// The proposals for a set or circle, for one of its leads.
pub async fn proposals(app: &App, actor: &Actor<'_>, target: &Target) -> Result<Proposals, Error> {
    let mut conn = app.store.conn().await?;
    let s = load(&mut conn, actor, target).await?;
    let (rows, ranked) = ranking(&mut conn, &s).await?;
    let mut current = Vec::new();
    for id in &s.current {
        let name = people::get(&mut conn, id)
            .await?
            .map(|p| p.name)
            .unwrap_or_default();
        current.push((id.clone(), name));
    }
    let needs_replacement = needing_replacement(&mut conn, &s, &current).await?;
    let asked = requests::of_target_named(&mut conn, target)
        .await?
        .into_iter()
        .map(|(r, name, replaces)| AskedView {
            name,
            status: r.status,
            replaces,
        })
        .collect();
    Ok(Proposals {
        target_id: match target {
            Target::Set(id) | Target::Circle(id) => id.clone(),
        },
        kind: s.kind,
        name: s.name.clone(),
        current,
        needs_replacement,
        proposals: ranked.fits.iter().map(|f| proposal(f, &rows)).collect(),
        pairs: pairs(&ranked, 5)
            .iter()
            .map(|(a, b)| (proposal(a, &rows), proposal(b, &rows)))
            .collect(),
        excluded: ranked
            .excluded
            .iter()
            .map(|(c, why)| Excluded {
                person_id: Id::from_trusted(c.person_id.clone()),
                name: c.name.clone(),
                reason: why.describe(),
            })
            .collect(),
        asked,
    })
}

/// Asks the chosen one or two facilitators (each must be proposable now), each by an emailed
/// link; with `replaces`, the newcomer will take that facilitator's place on accepting.
pub async fn ask(
    app: &App,
    actor: &Actor<'_>,
    target: &Target,
    input: &AskInput,
) -> Result<Vec<Id>, Error> {
    let mut tx = app.store.begin().await?;
    let s = load(&mut tx, actor, target).await?;
    let chosen: Vec<Id> = input
        .person_ids
        .iter()
        .filter(|p| !p.trim().is_empty())
        .map(|p| {
            Id::parse(p.trim())
                .ok_or_else(|| Error::field("person_ids", "Choose a facilitator from the list"))
        })
        .collect::<Result<_, _>>()?;
    if chosen.is_empty() || chosen.len() > 2 || (chosen.len() == 2 && chosen[0] == chosen[1]) {
        return Err(Error::field(
            "person_ids",
            "Choose one facilitator, or a pair of two",
        ));
    }
    let replaces = if input.replaces.trim().is_empty() {
        None
    } else {
        let id = Id::parse(input.replaces.trim())
            .filter(|id| s.current.contains(id))
            .ok_or_else(|| Error::field("replaces", "Choose a current facilitator to replace"))?;
        Some(id)
    };
    let old_name = match &replaces {
        Some(old) => people::get(&mut tx, old).await?.map(|p| p.name),
        None => None,
    };
    let (rows, ranked) = ranking(&mut tx, &s).await?;
    let mut ids = Vec::new();
    for person in &chosen {
        if !ranked
            .fits
            .iter()
            .any(|f| f.candidate.person_id == person.as_str())
        {
            return Err(Error::field(
                "person_ids",
                "Choose a facilitator from the proposals: this person cannot be asked",
            ));
        }
        let row = rows
            .iter()
            .find(|r| &r.person_id == person)
            .ok_or(Error::NotFound)?;
        let token = new_token();
        let id = requests::insert(
            &mut tx,
            NewRequest {
                token_hash: &hash_token(&token),
                target,
                person_id: person,
                replaces_id: replaces.as_ref(),
                region_id: &s.region_id,
                asked_by: &actor.viewer.person.id,
            },
        )
        .await?;
        let mut lines = vec![
            Text::new("email-asks-will-you-facilitate")
                .arg("lead", &actor.viewer.person.name)
                .arg("kind", s.kind)
                .arg("name", &s.name),
        ];
        if let Some(old) = &old_name {
            lines.push(Text::new("email-take-over-from").arg("old", old.as_str()));
        }
        lines.push(Text::new("email-meetings-to-come").arg("count", s.meetings.len()));
        mail::enqueue(
            &mut tx,
            &row.email,
            &ApplicationEmail {
                tenant: app.settings.tenant_name.clone(),
                name: row.name.clone(),
                programme: s.name.clone(),
                headline: Text::new("email-will-you-facilitate").arg("name", &s.name),
                lines,
                link: format!("{}/facilitator-requests/{token}", app.settings.base_url()),
                link_label: Text::new("email-accept-or-decline"),
            },
        )
        .await?;
        let detail = match &old_name {
            Some(old) => format!(
                "Asked {} to facilitate the {} {} in place of {}",
                row.name, s.kind, s.name, old
            ),
            None => format!("Asked {} to facilitate the {} {}", row.name, s.kind, s.name),
        };
        actor
            .audit(
                &mut tx,
                "facilitator.asked",
                s.kind,
                &target_id(target),
                &detail,
                &s.organisation_id,
            )
            .await?;
        ids.push(id);
    }
    revans_storage::commit(tx).await?;
    Ok(ids)
}

pub(crate) fn target_id(t: &Target) -> String {
    match t {
        Target::Set(id) | Target::Circle(id) => id.to_string(),
    }
}

/// A lead marks one of the facilitators of their set or circle unavailable from a day (no
/// last day); the set or circle then shows it needs a replacement.
pub async fn mark_unavailable(
    app: &App,
    actor: &Actor<'_>,
    target: &Target,
    input: &UnavailableInput,
) -> Result<(), Error> {
    let mut tx = app.store.begin().await?;
    let s = load(&mut tx, actor, target).await?;
    let from = parse_uk_date(&input.from, "from")?;
    let person = Id::parse(input.person_id.trim())
        .filter(|id| s.current.contains(id))
        .ok_or_else(|| Error::field("person_id", "Choose one of its facilitators"))?;
    pool::add_absence(
        &mut tx,
        &person,
        &from.to_string(),
        None,
        &actor.viewer.person.id,
    )
    .await?;
    let name = people::get(&mut tx, &person)
        .await?
        .map(|p| p.name)
        .unwrap_or_default();
    actor
        .audit(
            &mut tx,
            "facilitator.unavailable",
            "person",
            person.as_str(),
            &format!("Marked {name} unavailable from {from}"),
            &s.organisation_id,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(())
}
