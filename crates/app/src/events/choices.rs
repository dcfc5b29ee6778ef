//! A participant ranks the event's hosts (1 = most wanted) and says what they need on the day,
//! until the closing date; saving replaces their whole ranking.

use std::collections::{BTreeMap, HashSet};

use revans_domain::{FieldError, Id};
use revans_storage::events as store;

use super::plan_of;
use super::setup::HostOut;
use crate::{Actor, App, Error, Viewer, now_ms};

/// Everything the ranking page shows the participant.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct ChoicesView {
    pub programme_id: String,
    pub title: String,
    pub slots: i64,
    pub rankings_close_at: i64,
    /// Rankings may still be changed.
    pub open: bool,
    pub hosts: Vec<HostOut>,
    /// Their ranking so far: host id and rank, best first (empty before they rank).
    pub ranking: Vec<RankedHost>,
    pub needs: String,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RankedHost {
    pub host_id: String,
    /// 1 = most wanted.
    pub rank: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChoicesInput {
    /// At least as many hosts as there are slots; ranks run 1, 2, 3... without a gap. Missing
    /// is read as empty, so the event is checked (404) before the ranking (422).
    #[serde(default)]
    pub ranking: Vec<RankedHost>,
    /// Access, diet or anything else the hosts should know (shown to the hosts they visit).
    #[serde(default)]
    pub needs: String,
}

/// The programme's title, if the viewer has an accepted place on it (else "not found": the
/// event's hosts are not shown to people outside it).
async fn title_for_participant(
    conn: &mut revans_storage::Conn,
    viewer: &Viewer,
    programme: &Id,
) -> Result<String, Error> {
    store::participant(conn, programme, &viewer.person.id)
        .await?
        .ok_or(Error::NotFound)?;
    let p = revans_storage::programmes::get(conn, programme)
        .await?
        .ok_or(Error::NotFound)?;
    Ok(p.fields.title)
}

pub async fn my_choices(app: &App, viewer: &Viewer, programme: &Id) -> Result<ChoicesView, Error> {
    let mut conn = app.store.conn().await?;
    let title = title_for_participant(&mut conn, viewer, programme).await?;
    let plan = store::plan(&mut conn, programme)
        .await?
        .ok_or(Error::NotFound)?;
    let hosts = store::hosts(&mut conn, programme).await?;
    let mine = store::ranking_of(&mut conn, programme, &viewer.person.id).await?;
    Ok(ChoicesView {
        programme_id: programme.to_string(),
        title,
        slots: plan.slots,
        rankings_close_at: plan.rankings_close_at,
        open: now_ms() < plan.rankings_close_at && plan.published_at.is_none(),
        hosts: hosts.into_iter().map(HostOut::from).collect(),
        needs: mine.first().map(|r| r.needs.clone()).unwrap_or_default(),
        ranking: mine
            .into_iter()
            .map(|r| RankedHost {
                host_id: r.host_id,
                rank: r.rank,
            })
            .collect(),
    })
}

/// Checks the ranking against the event's hosts and slots: every problem, each naming the host.
fn checked(
    input: &ChoicesInput,
    hosts: &[store::Host],
    slots: i64,
) -> Result<Vec<(Id, i64)>, Error> {
    let mut problems = Vec::new();
    let mut by_rank: BTreeMap<i64, &str> = BTreeMap::new();
    let mut seen = HashSet::new();
    let mut ranking = Vec::new();
    for (i, r) in input.ranking.iter().enumerate() {
        let field = format!("ranking[{i}]");
        let Some(host) = hosts.iter().find(|h| h.id == r.host_id) else {
            problems.push(FieldError {
                field,
                message: "That host is not part of this event".into(),
            });
            continue;
        };
        if !seen.insert(host.id.as_str()) {
            problems.push(FieldError {
                field,
                message: format!("{} is ranked twice; give each host one rank", host.name),
            });
        } else if r.rank < 1 || r.rank > hosts.len() as i64 {
            problems.push(FieldError {
                field,
                message: format!(
                    "Give {} a rank from 1 to {}, 1 for the host you most want to visit",
                    host.name,
                    hosts.len()
                ),
            });
        } else if let Some(other) = by_rank.insert(r.rank, host.name.as_str()) {
            problems.push(FieldError {
                field,
                message: format!(
                    "{} and {other} are both ranked {}; give each host a different rank",
                    host.name, r.rank
                ),
            });
        } else if let Some(id) = Id::parse(&host.id) {
            ranking.push((id, r.rank));
        }
    }
    if problems.is_empty() {
        if (by_rank.len() as i64) < slots {
            problems.push(FieldError {
                field: "ranking".into(),
                message: format!(
                    "Rank at least {slots} hosts: you visit a different one in each time slot"
                ),
            });
        } else if let Some(gap) = (1..=by_rank.len() as i64).find(|r| !by_rank.contains_key(r)) {
            problems.push(FieldError {
                field: "ranking".into(),
                message: format!("No host is ranked {gap}; ranks run 1, 2, 3 without a gap"),
            });
        }
    }
    if input.needs.chars().count() > 1000 {
        problems.push(FieldError {
            field: "needs".into(),
            message: "Needs must be 1,000 characters or fewer".into(),
        });
    }
    if problems.is_empty() {
        Ok(ranking)
    } else {
        Err(Error::Invalid(problems))
    }
}

pub async fn save_choices(
    app: &App,
    actor: &Actor<'_>,
    programme: &Id,
    input: &ChoicesInput,
) -> Result<(), Error> {
    let mut tx = app.store.begin().await?;
    title_for_participant(&mut tx, actor.viewer, programme).await?;
    let plan = plan_of(&mut tx, programme).await?;
    if plan.published_at.is_some() {
        return Err(Error::Conflict(
            "The visits are published, so rankings can no longer change".into(),
        ));
    }
    if now_ms() >= plan.rankings_close_at {
        return Err(Error::Conflict(
            "Rankings for this event have closed; ask the programme lead if something has changed"
                .into(),
        ));
    }
    let hosts = store::hosts(&mut tx, programme).await?;
    let ranking = checked(input, &hosts, plan.slots)?;
    store::save_choices(
        &mut tx,
        programme,
        &actor.viewer.person.id,
        input.needs.trim(),
        &ranking,
    )
    .await?;
    revans_storage::commit(tx).await?;
    Ok(())
}
