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
