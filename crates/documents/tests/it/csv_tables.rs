use revans_documents::{Table, table_csv};

use crate::strings;

#[test]
fn csv_is_rfc_4180_header_first_with_quotes_where_needed() {
    let table = Table {
        caption: "ignored in CSV".to_owned(),
        header: strings(&["Group", "Comment", "n"]),
        rows: vec![
            strings(&["Board, Wien", "said \"yes\"\nthen left", "7"]),
            strings(&["Müller – €", "", "5"]),
        ],
    };
    let csv = table_csv(&table);
    assert_eq!(
        csv,
        "Group,Comment,n\r\n\"Board, Wien\",\"said \"\"yes\"\"\nthen left\",7\r\nMüller – €,,5\r\n"
    );
    // And it reads back to the same cells.
    let mut reader = csv::ReaderBuilder::new().from_reader(csv.as_bytes());
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    assert_eq!(rows, table.rows);
}

#[test]
fn cells_a_spreadsheet_would_run_are_defused() {
    let table = Table {
        caption: String::new(),
        header: strings(&["=HYPERLINK(\"http://x\")"]),
        rows: vec![
            strings(&["=1+2"]),
            strings(&["+cmd|' /C calc'!A0"]),
            strings(&["-2+3"]),
            strings(&["@SUM(A1:A2)"]),
            strings(&["\tindented"]),
            strings(&["-3.5"]),
            strings(&["-1e5"]),
            strings(&["a=b"]),
        ],
    };
    let csv = table_csv(&table);
    let cells: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(
        cells,
        [
            "\"'=HYPERLINK(\"\"http://x\"\")\"",
            "'=1+2",
            "'+cmd|' /C calc'!A0",
            "'-2+3",
            "'@SUM(A1:A2)",
            "'\tindented",
            "-3.5",
            "'-1e5",
            "a=b",
            ""
        ]
    );
}
