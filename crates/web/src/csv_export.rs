//! CSV that Excel opens correctly: UTF-8 with a byte-order mark, CRLF line ends, every field
//! quoted, and cells that a spreadsheet would run as a formula (starting = + - @, tab or
//! carriage return) prefixed with an apostrophe (OWASP's advice against CSV injection).

const BOM: &str = "\u{feff}";

fn cell(value: &str) -> String {
    let neutral = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    format!("\"{}\"", neutral.replace('"', "\"\""))
}

/// The whole file: a header row, then the rows.
pub fn render(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::from(BOM);
    let line = |cells: Vec<String>| cells.join(",") + "\r\n";
    out.push_str(&line(header.iter().map(|h| cell(h)).collect()));
    for row in rows {
        out.push_str(&line(row.iter().map(|c| cell(c)).collect()));
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_quotes_doubled() {
        let csv = render(
            &["name"],
            &[
                vec!["=HYPERLINK(\"x\")".into()],
                vec!["-1".into()],
                vec!["Ann".into()],
            ],
        );
        assert!(csv.starts_with('\u{feff}'));
        assert!(csv.contains("\"'=HYPERLINK(\"\"x\"\")\"\r\n"));
        assert!(csv.contains("\"'-1\"\r\n"));
        assert!(csv.ends_with("\"Ann\"\r\n"));
    }
}
