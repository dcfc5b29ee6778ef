//! Reports across sets that show aggregates only (C5, C9). Counts pass through the NHS Digital
//! small-number rule before anyone sees them.

use revans_domain::{Id, Role};
use revans_storage::{organisations as orgs, set_content};

use crate::Actor;
use crate::App;
use crate::Error;
use crate::Viewer;
use revans_domain::{Published, ThemeVocabulary, suppress};

/// One theme's published count: `None` when hidden (1 to 7 problems).
pub struct ThemeCount {
    pub theme: String,
    pub count: Option<u32>,
}

pub struct ThemesReport {
    pub rows: Vec<ThemeCount>,
    /// The sum of the published counts (hidden ones add nothing).
    pub total: u32,
}

/// The organisations whose sets the viewer may see aggregates of: each admin or evaluator
/// grant's organisation, without any that lie inside another (so nothing is counted twice).
/// Refused for everyone else.
pub async fn report_roots(
    conn: &mut revans_storage::Conn,
    viewer: &Viewer,
) -> Result<Vec<Id>, Error> {
    let mut roots: Vec<Id> = viewer
        .roles
        .iter()
        .filter(|g| matches!(g.role, Role::Admin | Role::Evaluator))
        .map(|g| g.organisation_id.clone())
        .collect();
    if roots.is_empty() {
        return Err(Error::Forbidden);
    }
    roots.sort_by(|a, b| a.as_str().cmp(b.as_str()));
    roots.dedup();
    let mut inside: Vec<Id> = Vec::new();
    for root in &roots {
        for org in orgs::tree(conn, root).await? {
            if &org.id != root {
                inside.push(org.id);
            }
        }
    }
    roots.retain(|r| !inside.contains(r));
    Ok(roots)
}

/// Problems per theme across the viewer's tenants, after suppression.
pub async fn themes(state: &App, viewer: &Viewer) -> Result<ThemesReport, Error> {
    let mut conn = state.store.conn().await?;
    let roots = report_roots(&mut conn, viewer).await?;
    let mut counts: std::collections::BTreeMap<String, u32> = Default::default();
    for root in &roots {
        // One row per distinct list of tags, with how many problems carry it.
        for (mut tags, problems) in set_content::theme_sets_in_tree(&mut conn, root).await? {
            let problems = u32::try_from(problems).unwrap_or(u32::MAX);
            tags.sort();
            tags.dedup();
            for tag in tags {
                let n = counts.entry(tag).or_default();
                *n = n.saturating_add(problems);
            }
        }
    }
    let table = suppress(counts.into_iter().collect());
    Ok(ThemesReport {
        rows: table
            .rows
            .into_iter()
            .map(|(theme, p)| ThemeCount {
                theme,
                count: match p {
                    Published::Hidden => None,
                    Published::Count(n) => Some(n),
                },
            })
            .collect(),
        total: table.total,
    })
}

/// The organisation whose vocabulary an admin edits: their first admin grant's.
pub fn vocabulary_owner(viewer: &Viewer) -> Option<Id> {
    let mut roots = viewer.admin_roots();
    roots.sort_by(|a, b| a.as_str().cmp(b.as_str()));
    roots.into_iter().next()
}

pub async fn vocabulary(state: &App, viewer: &Viewer) -> Result<String, Error> {
    let Some(org) = vocabulary_owner(viewer) else {
        return Ok(String::new());
    };
    let mut conn = state.store.conn().await?;
    Ok(set_content::vocabulary(&mut conn, &org).await?)
}

/// Replaces the tenant's theme words (one per line). Admins only.
pub async fn save_vocabulary(state: &App, actor: &Actor<'_>, lines: &str) -> Result<(), Error> {
    let org = vocabulary_owner(actor.viewer).ok_or(Error::Forbidden)?;
    let vocabulary = ThemeVocabulary::parse(lines)?;
    let themes = vocabulary.themes();
    let mut tx = state.store.begin().await?;
    set_content::save_vocabulary(&mut tx, &org, &themes.join("\n")).await?;
    actor
        .audit(
            &mut tx,
            "themes.vocabulary_saved",
            "organisation",
            org.as_str(),
            &format!("Set the theme vocabulary ({} themes)", themes.len()),
            &org,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(())
}
