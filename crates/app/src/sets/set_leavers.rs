//! Someone has left a published set (issue 11): what marking them as left will do and who is
//! told (for the confirmation page), the change itself (their membership ends and their place
//! in the cohort is given up, so "N people have a confirmed place" counts them no more), and
//! its undo. The emails go to the people the confirmation page names: the person and the
//! set's facilitators.

use revans_domain::{ApplicationState, Id};
use revans_storage::set_leavers::{self, Leaver};
use revans_storage::sets::{self, ActionSet, Member};
use revans_storage::{Conn, applications, cohorts, now_ms};

use crate::mail::{self, ApplicationEmail, Text};
use crate::sets::formation_rules::cohort_for_admin;
use crate::{Actor, App, Error};

/// One membership of a cohort's published set, as the confirmation and "after" pages show it.
pub struct LeaverView {
    pub cohort_id: Id,
    pub membership_id: Id,
    pub name: String,
    pub set_id: Id,
    pub set_name: String,
    /// They have been marked as left.
    pub left: bool,
    /// A left member can be put back (their place is still free to take).
    pub can_restore: bool,
    /// They hold a confirmed place in the cohort now (before leaving) or held one (after).
    pub has_place: bool,
    /// Who will be (or was) told: the person, then the set's facilitators.
    pub told: Vec<String>,
    /// Current members of their set, before or after the change.
    pub set_members_now: usize,
}

/// The membership and its set, for the cohort's programme lead only.
async fn find(
    conn: &mut Conn,
    actor: &Actor<'_>,
    cohort: &Id,
    member: &Id,
) -> Result<(Id, ActionSet, Member, Vec<Member>), Error> {
    let (tenant, _) = cohort_for_admin(conn, actor, cohort).await?;
    let all = sets::members_of_cohort(conn, cohort).await?;
    let m = all
        .iter()
        .find(|m| &m.id == member)
        .cloned()
        .ok_or_else(|| Error::field("member", "Choose a member of this cohort's sets"))?;
    let set = sets::get(conn, &m.set_id).await?.ok_or(Error::NotFound)?;
    if !set.is_published() {
        return Err(Error::field(
            "member",
            "Draft sets change by forming them again or moving people",
        ));
    }
    let mates = all.into_iter().filter(|x| x.set_id == set.id).collect();
    Ok((tenant, set, m, mates))
}

pub async fn leaver_view(
    state: &App,
    actor: &Actor<'_>,
    cohort: &Id,
    member: &Id,
) -> Result<LeaverView, Error> {
    let mut conn = state.store.conn().await?;
    let (_, set, m, mates) = find(&mut conn, actor, cohort, member).await?;
    let facilitators = sets::facilitators(&mut conn, &set.id).await?;
    let place = set_leavers::accepted_application(&mut conn, &m.person_id, cohort).await?;
    let record = set_leavers::get(&mut conn, &m.id).await?;
    let left = m.left_at.is_some();
    Ok(LeaverView {
        cohort_id: cohort.clone(),
        membership_id: m.id.clone(),
        name: m.name.clone(),
        set_id: set.id.clone(),
        set_name: set.name.clone(),
        left,
        can_restore: left && record.is_some(),
        has_place: place.is_some() || record.is_some_and(|r| r.application_id.is_some()),
        told: std::iter::once(m.name.clone())
            .chain(facilitators.into_iter().map(|f| f.name))
            .collect(),
        set_members_now: mates.iter().filter(|x| x.left_at.is_none()).count(),
    })
}

/// Marks the member as left today, gives up their place in the cohort, and tells them and the
/// set's facilitators. Returns their name.
pub async fn leave(
    state: &App,
    actor: &Actor<'_>,
    cohort: &Id,
    member: &Id,
) -> Result<String, Error> {
    let mut tx = state.store.begin().await?;
    let (tenant, set, m, _) = find(&mut tx, actor, cohort, member).await?;
    if m.left_at.is_some() {
        return Err(Error::field(
            "member",
            format!("{} has already been marked as left", m.name),
        ));
    }
    let now = now_ms();
    sets::end_membership(&mut tx, &m.id, now).await?;
    let application = set_leavers::accepted_application(&mut tx, &m.person_id, cohort).await?;
    if let Some(a) = &application {
        applications::withdraw(&mut tx, a, ApplicationState::Accepted).await?;
    }
    set_leavers::record(
        &mut tx,
        &Leaver {
            membership_id: m.id.clone(),
            application_id: application,
            left_at: now,
        },
        &actor.viewer.person.id,
    )
    .await?;
    tell(state, &mut tx, &set, &m, false).await?;
    actor
        .audit(
            &mut tx,
            "sets.left",
            "set",
            set.id.as_str(),
            &format!("{} left {}", m.name, set.name),
            &tenant,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(m.name)
}

/// Undoes a leave: the membership is current again and the place is taken back (refused if
/// the cohort filled it meanwhile). The same people are told.
pub async fn restore(
    state: &App,
    actor: &Actor<'_>,
    cohort: &Id,
    member: &Id,
) -> Result<String, Error> {
    let mut tx = state.store.begin().await?;
    let (tenant, set, m, _) = find(&mut tx, actor, cohort, member).await?;
    let record = match (m.left_at, set_leavers::get(&mut tx, &m.id).await?) {
        (Some(_), Some(r)) => r,
        _ => {
            return Err(Error::field(
                "member",
                format!(
                    "{} is not marked as left, so there is nothing to undo",
                    m.name
                ),
            ));
        }
    };
    if let Some(a) = &record.application_id {
        if !cohorts::take_place(&mut tx, cohort).await? {
            return Err(Error::Conflict(format!(
                "Every place in the cohort is now taken, so {} cannot be put back",
                m.name
            )));
        }
        if !set_leavers::reaccept_application(&mut tx, a).await? {
            return Err(Error::Conflict(format!(
                "{}'s place has changed since they left: look at their application",
                m.name
            )));
        }
    }
    set_leavers::restore_membership(&mut tx, &m.id).await?;
    tell(state, &mut tx, &set, &m, true).await?;
    actor
        .audit(
            &mut tx,
            "sets.restored",
            "set",
            set.id.as_str(),
            &format!("{} is back in {}", m.name, set.name),
            &tenant,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(m.name)
}

/// Tells the person and the set's facilitators, as the confirmation page says.
async fn tell(
    state: &App,
    conn: &mut Conn,
    set: &ActionSet,
    m: &Member,
    back: bool,
) -> Result<(), Error> {
    let link = format!("{}/sets/{}", state.settings.base_url(), set.id);
    let (to_them, to_facilitators, line) = if back {
        (
            Text::new("email-you-are-back").arg("name", &set.name),
            Text::new("email-person-back")
                .arg("person", &m.name)
                .arg("name", &set.name),
            "email-person-back-line",
        )
    } else {
        (
            Text::new("email-you-left").arg("name", &set.name),
            Text::new("email-person-left")
                .arg("person", &m.name)
                .arg("name", &set.name),
            "email-person-left-line",
        )
    };
    let mine = ApplicationEmail {
        tenant: state.settings.tenant_name.clone(),
        name: m.name.clone(),
        programme: set.name.clone(),
        headline: to_them,
        lines: vec![Text::new(if back {
            "email-you-are-back-line"
        } else {
            "email-you-left-line"
        })],
        link: format!("{}/sets", state.settings.base_url()),
        link_label: Text::new("email-see-your-sets"),
    };
    mail::enqueue(conn, &m.email, &mine).await?;
    for f in sets::facilitators(conn, &set.id).await? {
        let message = ApplicationEmail {
            tenant: state.settings.tenant_name.clone(),
            name: f.name.clone(),
            programme: set.name.clone(),
            headline: to_facilitators.clone(),
            lines: vec![Text::new(line)],
            link: link.clone(),
            link_label: Text::new("email-see-the-set"),
        };
        mail::enqueue(conn, &f.email, &message).await?;
    }
    Ok(())
}
