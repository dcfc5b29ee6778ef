//! Documents a lead or evaluator downloads: a report as a PDF with embedded fonts, its charts
//! as SVG for the pages, and its tables as CSV. The app layer builds a [`Document`] from a read
//! model; this crate only lays it out. Certificates of completion ([`certificate_pdf`]) and
//! a ZIP of many documents ([`zip_files`]) are made here too.

mod certificate;
mod chart;
mod metrics;
mod model;
mod pdf;
mod svg;
mod table_csv;
mod zip_files;

pub use certificate::{Certificate, DocumentError, Logo, certificate_pdf};
pub use chart::chart_table;
pub use model::{BarChart, Block, Chart, Document, KiteChart, Series, Table};

/// The document as a PDF: A4, embedded DejaVu Sans (subset), a title and language (en-GB) in
/// its metadata, headings as bookmarks, long tables broken across pages with their header
/// repeated, each chart followed by its data, "Page N of M" in the footer.
pub fn to_pdf(document: &Document) -> Vec<u8> {
    pdf::to_pdf(document)
}

/// A chart as an SVG element with a `<title>` and `<desc>`; pages put the table beside it
/// ([`chart_table`] gives the same numbers as a [`Table`]). Scales to the width of its container.
pub fn chart_svg(chart: &Chart) -> String {
    svg::chart_svg(chart)
}

/// A table as CSV (RFC 4180, CRLF line ends), header first; cells a spreadsheet would run as a
/// formula are prefixed with `'`.
pub fn table_csv(table: &Table) -> String {
    table_csv::table_csv(table)
}

/// Files as one ZIP archive (deflate), in the order given. Each name is a plain file name:
/// empty names, path separators (`/`, `\`), `.` and `..`, control characters, names over 255
/// bytes and names used twice (ignoring case, as Windows and macOS unpack them) are refused.
pub fn zip_files(files: &[(String, Vec<u8>)]) -> Result<Vec<u8>, DocumentError> {
    zip_files::zip_files(files)
}
