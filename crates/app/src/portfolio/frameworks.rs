//! Professional frameworks: the NHS Healthcare Leadership Model ships with Revans (an editable
//! file, `crates/app/frameworks/`), and a tenant's leads add their own in the same TOML format
//! and remove one nobody has tagged evidence against. A tenant's frameworks are read only by
//! people of that tenant (the root organisation of their tree).

use revans_domain::framework::{Dimension, Framework};
use revans_domain::{FieldError, Id, Role};
use revans_storage::Conn;
use revans_storage::circle_admin::region_of;
use revans_storage::portfolio as store;

use crate::{Actor, App, Error, Viewer};

/// The shipped framework's file.
const HEALTHCARE_LEADERSHIP_MODEL: &str =
    include_str!("../../frameworks/healthcare-leadership-model.toml");

/// The framework every tenant has: the NHS Healthcare Leadership Model.
pub fn shipped() -> Framework {
    // The file is in the repository and checked by a test; a broken edit fails the build's
    // tests rather than a request.
    Framework::parse(HEALTHCARE_LEADERSHIP_MODEL).unwrap_or_else(|problems| {
        let first = problems
            .first()
            .map(ToString::to_string)
            .unwrap_or_default();
        panic!("frameworks/healthcare-leadership-model.toml: {first}")
    })
}

/// A framework as a person chooses from it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, utoipa::ToSchema)]
pub struct PortfolioFrameworkView {
    /// What evidence names the framework by: the shipped framework's key, or the id Revans
    /// gave a tenant's framework.
    pub id: String,
    pub name: String,
    pub source: String,
    /// False for the shipped framework, which nobody can remove.
    pub tenant_owned: bool,
    /// How many pieces of evidence are tagged against it (shown to leads deciding whether
    /// it can go; a count, never whose).
    pub in_use: i64,
    pub dimensions: Vec<PortfolioFrameworkDimension>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, utoipa::ToSchema)]
pub struct PortfolioFrameworkDimension {
    pub key: String,
    pub name: String,
    pub description: String,
}

fn dimensions(f: &Framework) -> Vec<PortfolioFrameworkDimension> {
    f.dimensions()
        .iter()
        .map(
            |Dimension {
                 key,
                 name,
                 description,
             }| PortfolioFrameworkDimension {
                key: key.clone(),
                name: name.clone(),
                description: description.clone(),
            },
        )
        .collect()
}

/// The tenant (root organisation) a person belongs to.
pub(crate) async fn tenant_of(conn: &mut Conn, viewer: &Viewer) -> Result<Id, Error> {
    Ok(region_of(conn, &viewer.person.organisation_id)
        .await?
        .unwrap_or_else(|| viewer.person.organisation_id.clone()))
}

/// The frameworks open to the viewer: the shipped one, then their tenant's, in two queries.
pub(crate) async fn available(
    conn: &mut Conn,
    viewer: &Viewer,
) -> Result<Vec<PortfolioFrameworkView>, Error> {
    let tenant = tenant_of(conn, viewer).await?;
    let shipped = shipped();
    let mut out = vec![PortfolioFrameworkView {
        id: shipped.id().to_owned(),
        name: shipped.name().to_owned(),
        source: shipped.source().to_owned(),
        tenant_owned: false,
        in_use: 0,
        dimensions: dimensions(&shipped),
    }];
    for row in store::frameworks_of(conn, &tenant).await? {
        // Stored files were checked when added; one that no longer parses is left out.
        if let Ok(f) = Framework::parse(&row.source) {
            out.push(PortfolioFrameworkView {
                id: row.id,
                name: row.name,
                source: f.source().to_owned(),
                tenant_owned: true,
                in_use: row.in_use,
                dimensions: dimensions(&f),
            });
        }
    }
    Ok(out)
}

/// The frameworks open to the viewer (anyone signed in).
pub async fn list(app: &App, viewer: &Viewer) -> Result<Vec<PortfolioFrameworkView>, Error> {
    let mut conn = app.store.conn().await?;
    available(&mut conn, viewer).await
}

/// A lead's tenant, or 403 for anyone who leads nothing.
async fn lead_tenant(conn: &mut Conn, viewer: &Viewer) -> Result<Id, Error> {
    let Some(root) = viewer.admin_roots().into_iter().next() else {
        return Err(Error::Forbidden);
    };
    if !viewer.has_role(Role::Admin) {
        return Err(Error::Forbidden);
    }
    Ok(region_of(conn, &root).await?.unwrap_or(root))
}

/// The frameworks a lead manages (403 for anyone else).
pub async fn for_lead(app: &App, viewer: &Viewer) -> Result<Vec<PortfolioFrameworkView>, Error> {
    let mut conn = app.store.conn().await?;
    lead_tenant(&mut conn, viewer).await?;
    available(&mut conn, viewer).await
}

/// What a lead pastes or uploads.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct FrameworkInput {
    /// The framework file (TOML).
    pub source: String,
}

/// Every problem in a pasted file, as one message per problem on the `source` field.
fn problems(list: Vec<revans_domain::framework::FrameworkProblem>) -> Error {
    Error::Invalid(
        list.into_iter()
            .map(|p| FieldError {
                field: "source".into(),
                message: p.to_string(),
            })
            .collect(),
    )
}

/// Adds a framework to the lead's tenant; its id.
pub async fn add(app: &App, actor: &Actor<'_>, input: &FrameworkInput) -> Result<String, Error> {
    let mut tx = app.store.begin().await?;
    let tenant = lead_tenant(&mut tx, actor.viewer).await?;
    if input.source.trim().is_empty() {
        return Err(Error::field(
            "source",
            "Paste the framework file, starting with its id, name and source",
        ));
    }
    if input.source.len() > 64 * 1024 {
        return Err(Error::field(
            "source",
            "The framework file must be 64 KB or smaller",
        ));
    }
    let f = Framework::parse(&input.source).map_err(problems)?;
    if f.id() == shipped().id() || store::key_taken(&mut tx, &tenant, f.id()).await? {
        return Err(Error::field(
            "source",
            format!(
                "Line 1, id: \"{}\" is already a framework here; give this one another id",
                f.id()
            ),
        ));
    }
    let id = store::insert_framework(
        &mut tx,
        &tenant,
        f.id(),
        f.name(),
        &input.source,
        &actor.viewer.person.id,
    )
    .await?;
    actor
        .audit(
            &mut tx,
            "framework.added",
            "framework",
            id.as_str(),
            &format!(
                "Added the framework {} ({} dimensions)",
                f.name(),
                f.dimensions().len()
            ),
            &tenant,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(id.to_string())
}

/// Removes one of the tenant's frameworks that no evidence is tagged against. 404 for the
/// shipped framework, another tenant's, or none; 409 while evidence uses it.
pub async fn remove(app: &App, actor: &Actor<'_>, id: &Id) -> Result<(), Error> {
    let mut tx = app.store.begin().await?;
    let tenant = lead_tenant(&mut tx, actor.viewer).await?;
    let Some(row) = store::framework_of(&mut tx, &tenant, id.as_str()).await? else {
        return Err(Error::NotFound);
    };
    if !store::delete_unused_framework(&mut tx, &tenant, id.as_str()).await? {
        return Err(Error::Conflict(format!(
            "{} cannot be removed: evidence in people's portfolios is tagged against it",
            row.name
        )));
    }
    actor
        .audit(
            &mut tx,
            "framework.removed",
            "framework",
            id.as_str(),
            &format!("Removed the framework {}", row.name),
            &tenant,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_shipped_file_is_the_nine_dimensions_of_the_healthcare_leadership_model() {
        let f = super::shipped();
        let names: Vec<_> = f.dimensions().iter().map(|d| d.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Inspiring shared purpose",
                "Leading with care",
                "Evaluating information",
                "Connecting our service",
                "Sharing the vision",
                "Engaging the team",
                "Holding to account",
                "Developing capability",
                "Influencing for results",
            ]
        );
    }
}
