//! Itineraries to take away: a participant's own visits and a host's own visitors, as CSV
//! (for a spreadsheet or a door list) and as PDF (to print), laid out by `revans_documents`
//! like every report. The same rules as the pages: only after publication, only one's own.

use revans_documents::{Block, Document, Table};
use revans_domain::Id;
use revans_i18n::{t, t_args};

use super::allocation::PersonAllocation;
use super::itinerary::{self, HostVisitors};
use crate::{App, Error, Viewer};

fn visit_label(slot: i64) -> String {
    t_args("events-visit-n", &[("n", slot.into())])
}

/// The person's visits, one row per slot.
pub fn itinerary_table(p: &PersonAllocation) -> Table {
    Table {
        caption: t("events-your-visits"),
        header: vec![
            t("events-col-visit"),
            t("events-col-host"),
            t("events-col-address"),
            t("events-col-your-rank"),
        ],
        rows: p
            .visits
            .iter()
            .map(|v| {
                vec![
                    visit_label(v.slot),
                    v.host.clone(),
                    v.address.clone(),
                    v.rank.to_string(),
                ]
            })
            .collect(),
    }
}

/// The host's visitors, one row per visitor, by slot.
pub fn visitors_table(h: &HostVisitors) -> Table {
    Table {
        caption: t_args("events-visitors-to", &[("host", h.name.as_str().into())]),
        header: vec![
            t("events-col-visit"),
            t("events-col-name"),
            t("events-col-needs"),
        ],
        rows: h
            .slots
            .iter()
            .flat_map(|s| {
                s.visitors
                    .iter()
                    .map(|v| vec![visit_label(s.slot), v.name.clone(), v.needs.clone()])
            })
            .collect(),
    }
}

async fn pdf_of(doc: Document) -> Result<Vec<u8>, Error> {
    tokio::task::spawn_blocking(revans_i18n::carried(move || revans_documents::to_pdf(&doc)))
        .await
        .map_err(Error::internal)
}

/// The viewer's itinerary: the event's title and their visits.
async fn itinerary_of(
    app: &App,
    viewer: &Viewer,
    programme: &Id,
) -> Result<(String, PersonAllocation), Error> {
    let p = itinerary::mine(app, viewer, programme).await?;
    let mut conn = app.store.conn().await?;
    let title = revans_storage::programmes::get(&mut conn, programme)
        .await?
        .ok_or(Error::NotFound)?
        .fields
        .title;
    Ok((title, p))
}

/// The viewer's itinerary as CSV, with a file name.
pub async fn itinerary_csv(
    app: &App,
    viewer: &Viewer,
    programme: &Id,
) -> Result<(String, String), Error> {
    let (_, p) = itinerary_of(app, viewer, programme).await?;
    Ok((
        "itinerary.csv".into(),
        revans_documents::table_csv(&itinerary_table(&p)),
    ))
}

/// The viewer's itinerary as a PDF, with a file name.
pub async fn itinerary_pdf(
    app: &App,
    viewer: &Viewer,
    programme: &Id,
) -> Result<(String, Vec<u8>), Error> {
    let (title, p) = itinerary_of(app, viewer, programme).await?;
    let doc = Document {
        title,
        subtitle: t_args("events-itinerary-for", &[("name", p.name.as_str().into())]),
        blocks: vec![Block::Table(itinerary_table(&p))],
    };
    Ok(("itinerary.pdf".into(), pdf_of(doc).await?))
}

/// A host's visitors as CSV, with a file name.
pub async fn visitors_csv(
    app: &App,
    viewer: &Viewer,
    host: &Id,
) -> Result<(String, String), Error> {
    let h = itinerary::for_host(app, viewer, host).await?;
    Ok((
        "visitors.csv".into(),
        revans_documents::table_csv(&visitors_table(&h)),
    ))
}

/// A host's visitors as a PDF, with a file name.
pub async fn visitors_pdf(
    app: &App,
    viewer: &Viewer,
    host: &Id,
) -> Result<(String, Vec<u8>), Error> {
    let h = itinerary::for_host(app, viewer, host).await?;
    let doc = Document {
        title: t_args("events-visitors-to", &[("host", h.name.as_str().into())]),
        subtitle: h.address.clone(),
        blocks: vec![Block::Table(visitors_table(&h))],
    };
    Ok(("visitors.pdf".into(), pdf_of(doc).await?))
}
