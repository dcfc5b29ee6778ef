use super::table::column_widths;
use super::*;
use crate::metrics::text_width;
use crate::model::{KiteChart, Series, Table};

fn long_document() -> Document {
    let kite = Chart::Kite(KiteChart {
        caption: "Profile".to_owned(),
        axes: ["Clan", "Adhocracy", "Market", "Hierarchy"].map(String::from),
        series: vec![Series {
            label: "Now".to_owned(),
            values: vec![25.0; 4],
        }],
        max: 50.0,
    });
    let table = Table {
        caption: "Rows".to_owned(),
        header: vec![
            "A long header that wraps over two lines at least".to_owned(),
            "n".to_owned(),
        ],
        rows: (0..45)
            .map(|i| vec![format!("Row {i} ").repeat(i % 7 + 1), i.to_string()])
            .collect(),
    };
    let mut blocks = Vec::new();
    for i in 0..6 {
        blocks.push(Block::Heading(format!("Section {i}")));
        blocks.push(Block::Paragraph(
            "A sentence of the report. ".repeat(30 * i),
        ));
        blocks.push(Block::Chart(kite.clone()));
        blocks.push(Block::Table(table.clone()));
    }
    Document {
        title: "Report".to_owned(),
        subtitle: "For the lead".to_owned(),
        blocks,
    }
}

#[test]
fn the_body_of_every_page_stays_inside_the_margins() {
    let pages = lay_out(&long_document()).pages;
    assert!(pages.len() > 10);
    for (p, shapes) in pages.iter().enumerate() {
        let footer = 3;
        for (shape, _) in &shapes[..shapes.len() - footer] {
            match shape {
                Shape::Text { y, x, .. } => {
                    assert!(*y <= BOTTOM && *y >= TOP, "page {p}: text at {y}");
                    assert!(
                        *x >= LEFT - 0.01 && *x <= RIGHT + 0.01,
                        "page {p}: text at x {x}"
                    );
                }
                Shape::Path { points, .. } => {
                    for (x, y) in points {
                        assert!(
                            *y <= BOTTOM + 0.01 && *y >= TOP - 0.01,
                            "page {p}: path at {y}"
                        );
                        assert!(
                            *x >= LEFT - 0.01 && *x <= RIGHT + 0.01,
                            "page {p}: path at x {x}"
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn a_heading_is_never_the_last_thing_on_a_page() {
    // Text of every length before the heading, so that some would leave it at the foot.
    for words in (0..1200).step_by(7) {
        let document = Document {
            title: "Report".to_owned(),
            subtitle: String::new(),
            blocks: vec![
                Block::Paragraph("word ".repeat(words)),
                Block::Heading("Next section".to_owned()),
                Block::Paragraph("More text. ".repeat(200)),
            ],
        };
        let laid_out = lay_out(&document);
        let mark = &laid_out.bookmarks[0];
        // The heading and at least two lines of what follows.
        assert!(
            mark.y + 18.0 + 4.0 + 2.0 * 14.5 <= BOTTOM,
            "{words} words before: heading at {}",
            mark.y
        );
    }
}

#[test]
fn columns_fill_the_width_and_a_column_of_numbers_is_never_squeezed_below_its_widest_word() {
    let table = Table {
        caption: String::new(),
        header: vec!["Comment".to_owned(), "Count".to_owned()],
        rows: vec![vec!["word ".repeat(200), "12345".to_owned()]],
    };
    let widths = column_widths(&table, 2);
    assert!((widths.iter().sum::<f32>() - WIDTH).abs() < 0.1);
    assert!(widths[1] >= text_width("Count", CELL, true) + 2.0 * CELL_PAD_X);
}
