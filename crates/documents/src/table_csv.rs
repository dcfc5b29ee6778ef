//! Tables as CSV (RFC 4180: CRLF line ends, quotes where needed), safe to open in a spreadsheet.

use crate::model::Table;

/// A cell a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a
/// carriage return) gets a leading `'` so it is shown as text (the OWASP advice). A plain number
/// such as `-3.5` is left alone: it is data, and no spreadsheet runs it.
pub(crate) fn defuse(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let number = cell.parse::<f64>().is_ok_and(f64::is_finite) && !cell.contains(['e', 'E']);
    if risky && !number {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

pub(crate) fn table_csv(table: &Table) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .flexible(true)
        .from_writer(Vec::new());
    for record in std::iter::once(&table.header).chain(&table.rows) {
        writer
            .write_record(record.iter().map(|cell| defuse(cell).into_owned()))
            .expect("writing CSV to memory cannot fail");
    }
    let bytes = writer
        .into_inner()
        .expect("flushing CSV to memory cannot fail");
    String::from_utf8(bytes).expect("CSV of UTF-8 strings is UTF-8")
}
