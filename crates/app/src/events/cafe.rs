//! Cafe conversations (C8, issue 18): the lead names the guest leaders (one table each) and
//! makes a rota for a number of rounds; revans-events seats every participant with a place at
//! one table a round, table sizes in a round differing by at most one, nobody meeting a guest
//! twice while there are enough guests, and few pairs of participants meeting again. The rota
//! is checked and its repeats recounted before it is stored. Participants read their own seats
//! once the event's visits are published.

use std::collections::BTreeMap;

use revans_domain::Id;
use revans_engine::Budget;
use revans_events::cafe::{self, CafeProblem};
use revans_storage::{event_cafe as store, events as event_store};

use super::event_for_admin;
use crate::{Actor, App, Error, Viewer, now_ms};

/// How long the lead waits for the rota (it is good long before; the bound says how good).
const SECONDS: f64 = 3.0;
/// Fixed, so the same event gives the same rota.
const SEED: u64 = 2026;

/// A guest leader as the lead enters them.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields, default)]
pub struct GuestInput {
    pub name: String,
    /// What they lead, as participants read it ("Chief nurse, Harbour Trust").
    pub role: String,
}

/// Adds a guest leader (one table).
pub async fn add_guest(
    app: &App,
    actor: &Actor<'_>,
    programme: &Id,
    input: &GuestInput,
) -> Result<Id, Error> {
    let mut tx = app.store.begin().await?;
    let event = event_for_admin(&mut tx, actor, programme).await?;
    let name = input.name.trim();
    let role = input.role.trim();
    let mut problems = Vec::new();
    if name.is_empty() || name.chars().count() > 120 {
        problems.push(revans_domain::FieldError {
            field: "name".into(),
            message: "Enter the guest's name, up to 120 characters".into(),
        });
    }
    if role.chars().count() > 200 {
        problems.push(revans_domain::FieldError {
            field: "role".into(),
            message: "Describe the guest's role in 200 characters or fewer".into(),
        });
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let id = store::insert_guest(&mut tx, programme, name, role)
        .await?
        .ok_or_else(|| Error::field("name", "This event already has a guest with that name"))?;
    actor
        .audit(
            &mut tx,
            "event.cafe_guest_added",
            "programme",
            programme.as_str(),
            &format!("Added the cafe guest {name}"),
            &event.organisation_id,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(id)
}

/// How many rounds of cafe conversations.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields, default)]
pub struct RotaInput {
    pub rounds: i64,
}

/// What the rota achieved.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct RotaSummary {
    pub participants: u32,
    pub rounds: i64,
    /// Pairs of participants who share a table again (k rounds together count k - 1).
    pub repeats: i64,
    /// No rota can have fewer repeats than this; equal means the rota is the best possible.
    pub lower_bound: i64,
}

/// Makes (or remakes) the rota for everyone with a place.
pub async fn make_rota(
    app: &App,
    actor: &Actor<'_>,
    programme: &Id,
    input: &RotaInput,
) -> Result<RotaSummary, Error> {
    let (guests, people, org) = {
        let mut conn = app.store.conn().await?;
        let event = event_for_admin(&mut conn, actor, programme).await?;
        let guests = store::guests(&mut conn, programme).await?;
        let people = event_store::participants(&mut conn, programme).await?;
        (guests, people, event.organisation_id)
    };
    if guests.is_empty() {
        return Err(Error::Conflict(
            "Add at least one guest before making the rota".into(),
        ));
    }
    if people.is_empty() {
        return Err(Error::Conflict(
            "Nobody has a place on this event yet".into(),
        ));
    }
    let rounds = usize::try_from(input.rounds)
        .ok()
        .filter(|r| (1..=24).contains(r))
        .ok_or_else(|| Error::field("rounds", "Enter the number of rounds, from 1 to 24"))?;
    let problem = CafeProblem::new(people.len(), guests.len(), rounds)
        .map_err(|e| Error::field("rounds", e.to_string()))?;
    let (problem, solution) = tokio::task::spawn_blocking(move || {
        let solution = cafe::solve(&problem, SEED, Budget::seconds(SECONDS));
        (problem, solution)
    })
    .await
    .map_err(Error::internal)?;
    // Recounted from scratch rather than trusting the search's own books.
    cafe::check(&problem, &solution.rota).map_err(Error::internal)?;
    let repeats =
        i64::try_from(cafe::repeats(&problem, &solution.rota)).map_err(Error::internal)?;
    let lower_bound = i64::try_from(solution.lower_bound).map_err(Error::internal)?;
    let mut seats = Vec::with_capacity(rounds * people.len());
    for round in 0..rounds {
        for (p, person) in people.iter().enumerate() {
            let guest = &guests[solution.rota.table(round, p)];
            seats.push((
                round as i64 + 1,
                Id::parse(&person.person_id).ok_or_else(|| Error::internal("person id"))?,
                Id::parse(&guest.id).ok_or_else(|| Error::internal("guest id"))?,
            ));
        }
    }
    let mut tx = app.store.begin().await?;
    event_for_admin(&mut tx, actor, programme).await?;
    let rota = store::Rota {
        rounds: rounds as i64,
        repeats,
        lower_bound,
        made_at: now_ms(),
    };
    store::replace_rota(&mut tx, programme, &rota, &seats).await?;
    actor
        .audit(
            &mut tx,
            "event.cafe_made",
            "programme",
            programme.as_str(),
            &format!(
                "Made a cafe rota of {rounds} round(s) for {} people at {} tables ({repeats} repeated pairs, at least {lower_bound} possible)",
                people.len(),
                guests.len()
            ),
            &org,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(RotaSummary {
        participants: people.len() as u32,
        rounds: rounds as i64,
        repeats,
        lower_bound,
    })
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct GuestOut {
    pub id: String,
    pub name: String,
    pub role: String,
}

impl From<store::Guest> for GuestOut {
    fn from(g: store::Guest) -> Self {
        Self {
            id: g.id,
            name: g.name,
            role: g.role,
        }
    }
}

/// One table in one round: its guest and who sits there.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct CafeTable {
    pub guest: String,
    pub people: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct CafeRound {
    /// From 1.
    pub round: i64,
    pub tables: Vec<CafeTable>,
}

/// The lead's view: guests, and the rota last made with how well it mixes people.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct CafeView {
    pub guests: Vec<GuestOut>,
    pub summary: Option<RotaSummary>,
    pub rounds: Vec<CafeRound>,
}

/// The lead's view of the cafe (the event, guests, rota and seats: four statements).
pub async fn view(app: &App, viewer: &Viewer, programme: &Id) -> Result<CafeView, Error> {
    let mut conn = app.store.conn().await?;
    event_for_admin(&mut conn, &Actor { viewer, ip: "" }, programme).await?;
    let guests = store::guests(&mut conn, programme).await?;
    let rota = store::rota(&mut conn, programme).await?;
    let seats = store::seats(&mut conn, programme).await?;
    let mut by_round: BTreeMap<i64, BTreeMap<&str, Vec<String>>> = BTreeMap::new();
    for s in &seats {
        by_round
            .entry(s.round_no)
            .or_default()
            .entry(s.guest_id.as_str())
            .or_default()
            .push(s.person_name.clone());
    }
    let rounds = by_round
        .iter()
        .map(|(round, tables)| CafeRound {
            round: *round,
            tables: guests
                .iter()
                .map(|g| CafeTable {
                    guest: g.name.clone(),
                    people: tables.get(g.id.as_str()).cloned().unwrap_or_default(),
                })
                .collect(),
        })
        .collect();
    let participants = seats.iter().filter(|s| s.round_no == 1).count() as u32;
    Ok(CafeView {
        summary: rota.map(|r| RotaSummary {
            participants,
            rounds: r.rounds,
            repeats: r.repeats,
            lower_bound: r.lower_bound,
        }),
        guests: guests.into_iter().map(GuestOut::from).collect(),
        rounds,
    })
}

/// A participant's table in one round.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct MySeat {
    pub round: i64,
    pub guest: String,
    pub role: String,
}

/// The viewer's own seats, once the event's visits are published; 404 otherwise (no place, not
/// published, or no rota).
pub async fn mine(app: &App, viewer: &Viewer, programme: &Id) -> Result<Vec<MySeat>, Error> {
    let mut conn = app.store.conn().await?;
    event_store::participant(&mut conn, programme, &viewer.person.id)
        .await?
        .ok_or(Error::NotFound)?;
    event_store::plan(&mut conn, programme)
        .await?
        .filter(|p| p.published_at.is_some())
        .ok_or(Error::NotFound)?;
    let guests = store::guests(&mut conn, programme).await?;
    let seats = store::seats_of(&mut conn, programme, &viewer.person.id).await?;
    if seats.is_empty() {
        return Err(Error::NotFound);
    }
    Ok(seats
        .into_iter()
        .filter_map(|s| {
            let g = guests.iter().find(|g| g.id == s.guest_id)?;
            Some(MySeat {
                round: s.round_no,
                guest: g.name.clone(),
                role: g.role.clone(),
            })
        })
        .collect())
}
