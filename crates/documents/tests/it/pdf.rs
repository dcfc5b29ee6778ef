use revans_documents::{Block, Chart, Document, KiteChart, Series, to_pdf};

use crate::{bars, kite, strings, table};

fn text_of(pdf: &[u8]) -> String {
    pdf_extract::extract_text_from_mem(pdf).expect("the PDF reads back")
}

fn pages_of(pdf: &[u8]) -> Vec<String> {
    pdf_extract::extract_text_from_mem_by_pages(pdf).expect("the PDF reads back")
}

/// Words only, one space between: extraction puts table cells on lines of their own.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn report(blocks: Vec<Block>) -> Document {
    Document {
        title: "Evaluation report: Leading Together".to_owned(),
        subtitle: "For Dr Jürgen Müller – December 2026, budget €12,500".to_owned(),
        blocks,
    }
}

#[test]
fn title_subtitle_headings_paragraphs_and_table_cells_come_out_as_text() {
    let pdf = to_pdf(&report(vec![
        Block::Heading("Response rates".to_owned()),
        Block::Paragraph("Counts below five are not shown.".to_owned()),
        Block::Table(table("Targets against measures", 3)),
    ]));
    assert!(pdf.starts_with(b"%PDF-"));
    let text = words(&text_of(&pdf));
    for expected in [
        "Evaluation report: Leading Together",
        "For Dr Jürgen Müller – December 2026, budget €12,500",
        "Response rates",
        "Counts below five are not shown.",
        "Targets against measures",
        "Target Baseline Measured",
        "Target number 2",
        "102",
        "203",
        "Page 1 of 1",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from {text:?}"
        );
    }
}

#[test]
fn a_long_table_breaks_across_pages_repeating_its_header_and_numbering_them() {
    let pdf = to_pdf(&report(vec![Block::Table(table("Targets", 70))]));
    let pages = pages_of(&pdf);
    assert_eq!(pages.len(), 2, "70 rows fill a page and part of the next");
    let (first, second) = (words(&pages[0]), words(&pages[1]));
    assert!(first.contains("Page 1 of 2"), "{first}");
    assert!(second.contains("Page 2 of 2"), "{second}");
    assert!(second.contains("Targets (continued)"), "{second}");
    assert!(
        second.contains("Target Baseline Measured"),
        "the header is repeated: {second}"
    );
    // Every row once, none lost at the break.
    let all = format!("{first} {second}");
    for i in 1..=70 {
        assert_eq!(
            all.matches(&format!("Target number {i} ")).count(),
            1,
            "row {i}"
        );
    }
}

#[test]
fn long_paragraphs_wrap_and_flow_onto_more_pages_without_losing_a_word() {
    let sentence =
        "Action learning sets meet every month to work on real problems through questions. ";
    let paragraph = sentence.repeat(60);
    let pdf = to_pdf(&report(vec![Block::Paragraph(paragraph.clone()); 3]));
    let pages = pages_of(&pdf);
    assert!(pages.len() >= 2);
    let last = pages.len();
    assert!(words(&pages[last - 1]).contains(&format!("Page {last} of {last}")));
    let text = words(&text_of(&pdf));
    // Single words: a footer may fall between two words of a sentence split by a page break.
    assert_eq!(text.matches("questions.").count(), 180);
    assert_eq!(text.matches("Action").count(), 180);
}

#[test]
fn each_chart_is_followed_by_its_data_as_a_table() {
    let pdf = to_pdf(&report(vec![Block::Chart(kite()), Block::Chart(bars())]));
    let text = words(&text_of(&pdf));
    for expected in [
        "Culture profile of the board",
        "Data: Culture profile of the board",
        "Axis Now Preferred",
        "Clan 22.5 30",
        "Hierarchy 31.67 25",
        "Data: Response rate per wave",
        "Category Cohort 1 Comparison",
        "Two years on 61.5 33",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from {text:?}"
        );
    }
}

#[test]
fn the_font_is_embedded_and_the_metadata_names_the_title_and_language() {
    let pdf = to_pdf(&report(vec![Block::Paragraph("Müller".to_owned())]));
    let contains = |needle: &[u8]| pdf.windows(needle.len()).any(|w| w == needle);
    assert!(
        contains(b"/FontFile2"),
        "a TrueType font program is embedded"
    );
    assert!(contains(b"DejaVuSans"), "the embedded font is DejaVu Sans");
    assert!(contains(b"/Lang(en-GB)"));
    assert!(contains(
        "<rdf:li xml:lang=\"x-default\">Evaluation report: Leading Together</rdf:li>".as_bytes()
    ));
}

#[test]
fn odd_input_still_makes_a_readable_pdf() {
    let odd = Chart::Kite(KiteChart {
        caption: String::new(),
        axes: ["", "b", "c", "d"].map(String::from),
        series: vec![
            Series {
                label: "nan".to_owned(),
                values: vec![f64::NAN, -5.0, 1e9],
            },
            Series {
                label: "empty".to_owned(),
                values: Vec::new(),
            },
        ],
        max: 0.0,
    });
    let pdf = to_pdf(&Document {
        title: String::new(),
        subtitle: String::new(),
        blocks: vec![
            Block::Chart(odd),
            Block::Table(revans_documents::Table {
                caption: String::new(),
                header: Vec::new(),
                rows: vec![strings(&["a"]), Vec::new()],
            }),
            Block::Paragraph("x".repeat(5000)),
            Block::Heading(String::new()),
            // Outside the font (drawn as a blank box) and control characters: no panic.
            Block::Paragraph("日本語 😀 \u{7}\u{0} \r\ttab".to_owned()),
        ],
    });
    assert!(words(&text_of(&pdf)).contains("Page 1 of"));
}

fn count(pdf: &[u8], needle: &str) -> usize {
    pdf.windows(needle.len())
        .filter(|w| *w == needle.as_bytes())
        .count()
}

#[test]
fn the_pdf_is_tagged_for_screen_readers_with_headings_tables_and_described_figures() {
    let pdf = to_pdf(&report(vec![
        Block::Heading("Targets".to_owned()),
        Block::Table(table("Targets", 70)),
        Block::Chart(kite()),
    ]));
    assert!(count(&pdf, "/StructTreeRoot") >= 1);
    assert!(count(&pdf, "/MarkInfo<</Marked true") == 1);
    assert_eq!(count(&pdf, "/S/H1"), 1, "the title");
    assert_eq!(count(&pdf, "/S/H2"), 1);
    assert_eq!(count(&pdf, "/T(Targets)"), 1, "the heading's title");
    // The long table is one table: its header cells once (the copy on page 2 is an artifact),
    // a row per data row plus the header row.
    assert_eq!(
        count(&pdf, "/S/Table"),
        2,
        "the targets and the chart's data"
    );
    assert_eq!(
        count(&pdf, "/S/TH"),
        3 + 3,
        "Target, Baseline, Measured; Axis, Now, Preferred"
    );
    assert_eq!(count(&pdf, "/S/TR"), 71 + 5);
    assert_eq!(count(&pdf, "/S/Figure"), 1);
    assert_eq!(
        count(
            &pdf,
            "/Alt(Profile chart on four axes: Clan, Adhocracy, Market, Hierarchy, scale 0 to 50."
        ),
        1
    );
}
