//! Documents a lead or evaluator downloads: a report as a PDF with embedded fonts, its charts
//! as SVG for the pages, and its tables as CSV. The app layer builds a [`Document`] from a read
//! model; this crate only lays it out.

mod model;

pub use model::{BarChart, Block, Chart, Document, KiteChart, Series, Table};

/// The document as a PDF (A4, embedded DejaVu Sans, tagged headings where the library allows).
pub fn to_pdf(document: &Document) -> Vec<u8> {
    let _ = document;
    unimplemented!("to_pdf")
}

/// A chart as an SVG element with a `<title>` and `<desc>`; pages put the table beside it.
pub fn chart_svg(chart: &Chart) -> String {
    let _ = chart;
    unimplemented!("chart_svg")
}

/// A table as CSV (RFC 4180), header first.
pub fn table_csv(table: &Table) -> String {
    let _ = table;
    unimplemented!("table_csv")
}
