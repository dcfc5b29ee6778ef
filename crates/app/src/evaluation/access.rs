//! Who may do what with a programme's evaluation. The programme's leads plan waves, invite and
//! read response rates and aggregates; the tenant's evaluators read aggregates; nobody reads
//! one person's answers (a respondent reads their own, through their link).

use revans_domain::{Id, Role};
use revans_storage::programmes::Programme;
use revans_storage::{Conn, organisations, programmes};

use crate::places::programmes::load_for_admin;
use crate::{Actor, Error, Viewer};

/// The programme, for one of its leads (404 outside their organisations).
pub async fn for_lead(conn: &mut Conn, actor: &Actor<'_>, id: &Id) -> Result<Programme, Error> {
    load_for_admin(conn, actor, id).await
}

/// The programme, for a lead or an evaluator of an organisation it belongs to: 403 for a
/// signed-in person with neither role anywhere, 404 for anyone outside its tree (so another
/// tenant cannot confirm it exists).
pub async fn for_reader(conn: &mut Conn, viewer: &Viewer, id: &Id) -> Result<Programme, Error> {
    let readers: Vec<&Id> = viewer
        .roles
        .iter()
        .filter(|g| matches!(g.role, Role::Admin | Role::Evaluator))
        .map(|g| &g.organisation_id)
        .collect();
    if readers.is_empty() {
        return Err(Error::Forbidden);
    }
    let programme = programmes::get(conn, id).await?.ok_or(Error::NotFound)?;
    for root in readers {
        if organisations::tree(conn, root)
            .await?
            .iter()
            .any(|o| o.id == programme.organisation_id)
        {
            return Ok(programme);
        }
    }
    Err(Error::NotFound)
}

/// The programmes a lead or evaluator may read the evaluation of, newest first, each once.
pub async fn readable_programmes(
    conn: &mut Conn,
    viewer: &Viewer,
) -> Result<Vec<Programme>, Error> {
    let roots: Vec<&Id> = viewer
        .roles
        .iter()
        .filter(|g| matches!(g.role, Role::Admin | Role::Evaluator))
        .map(|g| &g.organisation_id)
        .collect();
    if roots.is_empty() {
        return Err(Error::Forbidden);
    }
    let mut all: Vec<Programme> = Vec::new();
    // One query per grant (a person holds a handful), never per programme.
    for root in roots {
        for p in programmes::list_in_tree(conn, root).await? {
            if !all.iter().any(|x| x.id == p.id) {
                all.push(p);
            }
        }
    }
    Ok(all)
}

/// The programmes whose evaluation the viewer may read, as (id, title), for the list page.
pub async fn programme_list(
    app: &crate::App,
    viewer: &Viewer,
) -> Result<Vec<(String, String)>, Error> {
    let mut conn = app.store.conn().await?;
    Ok(readable_programmes(&mut conn, viewer)
        .await?
        .into_iter()
        .map(|p| (p.id.to_string(), p.fields.title))
        .collect())
}
