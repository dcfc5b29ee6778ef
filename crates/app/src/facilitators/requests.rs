//! A facilitator answers a request by its emailed link (signed in or not: the token is the
//! permission). Accepting adds them to the set or circle (in place of whom they replace) in one
//! transaction with the audit entry and the emails; declining tells the lead.

use revans_domain::Id;
use revans_storage::audit::{self, NewAuditEntry};
use revans_storage::facilitator_requests::{self as requests, Request, Target};
use revans_storage::{circles, people, sets};

use super::proposals::target_id;
use super::subject::load_unchecked;
use crate::mail::{self, ApplicationEmail, Text};
use crate::security::hash_token;
use crate::{App, Error};

/// What the link's page shows.
#[derive(Debug, Clone)]
pub struct RequestView {
    pub kind: &'static str,
    pub name: String,
    pub person_name: String,
    pub asked_by: String,
    pub replaces: Option<String>,
    pub meetings: usize,
    /// `asked`, `accepted` or `declined`.
    pub status: String,
}

async fn find(conn: &mut revans_storage::Conn, token: &str) -> Result<Request, Error> {
    requests::by_token_hash(conn, &hash_token(token.trim()))
        .await?
        .ok_or(Error::NotFound)
}

async fn name_of(
    conn: &mut revans_storage::Conn,
    id: Option<&Id>,
) -> Result<Option<String>, Error> {
    Ok(match id {
        Some(id) => people::get(conn, id).await?.map(|p| p.name),
        None => None,
    })
}

/// The request behind a link (404 for an unknown token).
pub async fn view(app: &App, token: &str) -> Result<RequestView, Error> {
    let mut conn = app.store.conn().await?;
    let r = find(&mut conn, token).await?;
    let s = load_unchecked(&mut conn, &r.target).await?;
    Ok(RequestView {
        kind: s.kind,
        name: s.name,
        person_name: name_of(&mut conn, Some(&r.person_id))
            .await?
            .unwrap_or_default(),
        asked_by: name_of(&mut conn, r.asked_by.as_ref())
            .await?
            .unwrap_or_default(),
        replaces: name_of(&mut conn, r.replaces_id.as_ref()).await?,
        meetings: s.meetings.len(),
        status: r.status,
    })
}

/// Accepts or declines. A second answer is refused (409) and changes nothing.
pub async fn answer(app: &App, token: &str, accept: bool, ip: &str) -> Result<RequestView, Error> {
    let mut tx = app.store.begin().await?;
    let r = find(&mut tx, token).await?;
    let status = if accept { "accepted" } else { "declined" };
    if !requests::answer(&mut tx, &r.id, status).await? {
        return Err(Error::Conflict(format!(
            "This request was already {}",
            r.status
        )));
    }
    let s = load_unchecked(&mut tx, &r.target).await?;
    let person = people::get(&mut tx, &r.person_id)
        .await?
        .ok_or(Error::NotFound)?;
    let replaces = name_of(&mut tx, r.replaces_id.as_ref()).await?;
    let tenant = app.settings.tenant_name.clone();
    let base = app.settings.base_url();
    if accept {
        let mut team: Vec<Id> = s
            .current
            .iter()
            .filter(|p| Some(*p) != r.replaces_id.as_ref())
            .cloned()
            .collect();
        if !team.contains(&person.id) {
            team.push(person.id.clone());
        }
        if team.len() > 2 {
            return Err(Error::Conflict(format!(
                "The {} already has two facilitators",
                s.kind
            )));
        }
        match &r.target {
            Target::Set(id) => {
                sets::replace_facilitators(&mut tx, id, &team).await?;
            }
            Target::Circle(id) => circles::replace_facilitators(&mut tx, id, &team).await?,
        }
        let headline = match &replaces {
            Some(old) => Text::new("email-now-facilitates-instead")
                .arg("person", &person.name)
                .arg("name", &s.name)
                .arg("old", old.as_str()),
            None => Text::new("email-now-facilitates")
                .arg("person", &person.name)
                .arg("name", &s.name),
        };
        for m in &s.members {
            mail::enqueue(
                &mut tx,
                &m.email,
                &ApplicationEmail {
                    tenant: tenant.clone(),
                    name: m.name.clone(),
                    programme: s.name.clone(),
                    headline: headline.clone(),
                    lines: vec![Text::new("email-meetings-stay")],
                    link: format!("{base}/"),
                    link_label: Text::new("email-go-to-revans"),
                },
            )
            .await?;
        }
        mail::enqueue(
            &mut tx,
            &person.email,
            &ApplicationEmail {
                tenant: tenant.clone(),
                name: person.name.clone(),
                programme: s.name.clone(),
                headline: Text::new("email-you-now-facilitate").arg("name", &s.name),
                lines: vec![Text::new("email-meetings-to-come").arg("count", s.meetings.len())],
                link: format!("{base}/"),
                link_label: Text::new("email-go-to-revans"),
            },
        )
        .await?;
    }
    if let Some(lead) = &r.asked_by
        && let Some(lead) = people::get(&mut tx, lead).await?
    {
        mail::enqueue(
            &mut tx,
            &lead.email,
            &ApplicationEmail {
                tenant: tenant.clone(),
                name: lead.name.clone(),
                programme: s.name.clone(),
                headline: Text::new(if accept {
                    "email-facilitator-agreed"
                } else {
                    "email-facilitator-declined"
                })
                .arg("person", &person.name)
                .arg("name", &s.name),
                lines: if accept {
                    vec![]
                } else {
                    vec![Text::new("email-ask-someone-else")]
                },
                link: format!(
                    "{base}/admin/{}s/{}/facilitator-proposals",
                    s.kind,
                    target_id(&r.target)
                ),
                link_label: Text::new("email-see-proposals"),
            },
        )
        .await?;
    }
    let detail = match (&replaces, accept) {
        (Some(old), true) => format!(
            "{} replaced {old} as facilitator of the {} {}",
            person.name, s.kind, s.name
        ),
        (None, true) => format!(
            "{} became a facilitator of the {} {}",
            person.name, s.kind, s.name
        ),
        (_, false) => format!(
            "{} declined to facilitate the {} {}",
            person.name, s.kind, s.name
        ),
    };
    audit::record(
        &mut tx,
        NewAuditEntry {
            actor_id: Some(&person.id),
            actor_name: &person.name,
            action: if accept {
                "facilitator.accepted"
            } else {
                "facilitator.declined"
            },
            subject_type: s.kind,
            subject_id: &target_id(&r.target),
            detail: &detail,
            ip,
            organisation_id: Some(&s.organisation_id),
        },
    )
    .await?;
    revans_storage::commit(tx).await?;
    Ok(RequestView {
        kind: s.kind,
        name: s.name,
        person_name: person.name,
        asked_by: String::new(),
        replaces,
        meetings: s.meetings.len(),
        status: status.into(),
    })
}
