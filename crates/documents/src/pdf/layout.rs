//! Lays a document out on A4 pages as shapes in points, y downwards from the top. Knowing every
//! page before any is written is what lets the footer say "Page N of M".

use crate::chart::{self, Anchor, GREY, INK, Paint, Rgb, Shape, Stroke};
use crate::metrics::{text_width, wrap};
use crate::model::{Block, Chart, Document, Table};

pub(crate) const PAGE_WIDTH: f32 = 595.28;
pub(crate) const PAGE_HEIGHT: f32 = 841.89;
const LEFT: f32 = 56.7;
const RIGHT: f32 = PAGE_WIDTH - 56.7;
const TOP: f32 = 56.7;
/// Content stops here; the footer sits below.
const BOTTOM: f32 = PAGE_HEIGHT - 64.0;
const WIDTH: f32 = RIGHT - LEFT;

const BODY: f32 = 10.0;
const CELL: f32 = 8.5;
const CELL_PAD_X: f32 = 4.0;
const CELL_PAD_Y: f32 = 3.5;
const RULE: Rgb = Rgb(0xb0, 0xb0, 0xb0);
const HEADER_FILL: Rgb = Rgb(0xec, 0xef, 0xf3);

/// A heading for the PDF outline (bookmarks): its text, page and position.
pub(crate) struct Bookmark {
    pub text: String,
    pub page: usize,
    pub y: f32,
}

/// What a shape is in the document's logical structure (the PDF's tags, for screen readers):
/// part of a node, or decoration a reader skips.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Mark {
    /// Rules, cell backgrounds.
    Layout,
    /// Footers, and a table's caption and header repeated on a new page.
    Pagination,
    /// Content of `nodes[i]`.
    Node(usize),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Kind {
    Heading(u16, String),
    Paragraph,
    Caption,
    Table,
    Row,
    HeaderCell,
    Cell,
    /// A chart, with its summary as the alternative text.
    Figure(String),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node {
    pub kind: Kind,
    pub parent: Option<usize>,
}

pub(crate) struct Pages {
    pub pages: Vec<Vec<(Shape, Mark)>>,
    pub bookmarks: Vec<Bookmark>,
    /// The logical structure in reading order; parents before their children.
    pub nodes: Vec<Node>,
}

struct Layout {
    pages: Vec<Vec<(Shape, Mark)>>,
    bookmarks: Vec<Bookmark>,
    nodes: Vec<Node>,
    /// What the shapes drawn now belong to.
    mark: Mark,
    y: f32,
}

/// Where the baseline sits below the top of a line of text of this size.
fn ascent(size: f32) -> f32 {
    size * 0.93
}

fn text(x: f32, y: f32, size: f32, bold: bool, colour: Rgb, anchor: Anchor, text: &str) -> Shape {
    Shape::Text {
        x,
        y,
        size,
        anchor,
        bold,
        colour,
        text: text.to_owned(),
    }
}

impl Layout {
    fn push(&mut self, shape: Shape) {
        let mark = self.mark;
        self.pages
            .last_mut()
            .expect("there is always a page")
            .push((shape, mark));
    }

    /// A new node of the structure; what is drawn from now on belongs to it.
    fn open(&mut self, kind: Kind, parent: Option<usize>) -> usize {
        self.nodes.push(Node { kind, parent });
        self.mark = Mark::Node(self.nodes.len() - 1);
        self.nodes.len() - 1
    }

    fn at_top(&self) -> bool {
        self.y <= TOP + 0.01
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    /// Starts a new page unless `height` still fits on this one (or this one is empty).
    fn need(&mut self, height: f32) {
        if self.y + height > BOTTOM && !self.at_top() {
            self.new_page();
        }
    }

    fn space(&mut self, height: f32) {
        if !self.at_top() {
            self.y += height;
        }
    }

    fn lines(&mut self, lines: &[String], size: f32, bold: bool, colour: Rgb, leading: f32) {
        for line in lines {
            self.need(leading);
            let baseline = self.y + ascent(size) + (leading - size) / 2.0;
            self.push(text(
                LEFT,
                baseline,
                size,
                bold,
                colour,
                Anchor::Start,
                line,
            ));
            self.y += leading;
        }
    }

    fn rule(&mut self, y: f32, x0: f32, x1: f32, colour: Rgb, width: f32) {
        let mark = std::mem::replace(&mut self.mark, Mark::Layout);
        self.push(Shape::Path {
            points: vec![(x0, y), (x1, y)],
            closed: false,
            stroke: Some(Stroke {
                colour,
                width,
                dash: None,
            }),
            fill: None,
        });
        self.mark = mark;
    }

    /// `next` is the least of what follows that must share the heading's page.
    fn heading(&mut self, heading: &str, next: f32) {
        self.space(14.0);
        let lines = wrap(heading, 13.5, true, WIDTH);
        self.need(lines.len() as f32 * 18.0 + 4.0 + next);
        self.bookmarks.push(Bookmark {
            text: heading.to_owned(),
            page: self.pages.len() - 1,
            y: self.y,
        });
        self.open(Kind::Heading(2, heading.to_owned()), None);
        self.lines(&lines, 13.5, true, INK, 18.0);
        self.y += 4.0;
    }

    fn paragraph(&mut self, paragraph: &str) {
        let lines = wrap(paragraph, BODY, false, WIDTH);
        self.open(Kind::Paragraph, None);
        self.lines(&lines, BODY, false, INK, 14.5);
        self.y += 7.0;
    }

    fn table(&mut self, table: &Table) {
        let columns = table
            .header
            .len()
            .max(table.rows.iter().map(Vec::len).max().unwrap_or(0))
            .max(1);
        let widths = column_widths(table, columns);
        let cell = |row: &[String], c: usize| row.get(c).map_or("", String::as_str).to_owned();
        let wrap_row = |row: &[String], bold: bool| -> Vec<Vec<String>> {
            (0..columns)
                .map(|c| wrap(&cell(row, c), CELL, bold, widths[c] - 2.0 * CELL_PAD_X))
                .collect()
        };
        let header = wrap_row(&table.header, true);
        // A column of numbers (and dashes for what is not shown) is set right, header included.
        let numeric: Vec<bool> = (0..columns)
            .map(|c| {
                let mut cells = table
                    .rows
                    .iter()
                    .map(|r| cell(r, c))
                    .filter(|v| !v.trim().is_empty())
                    .peekable();
                cells.peek().is_some() && cells.all(|v| is_number(&v))
            })
            .collect();
        let leading = CELL * 1.3;
        let height = |cells: &[Vec<String>]| {
            cells.iter().map(Vec::len).max().unwrap_or(1) as f32 * leading + 2.0 * CELL_PAD_Y
        };
        let header_height = height(&header);
        let caption = wrap(&table.caption, 9.5, true, WIDTH);
        let caption_height = if table.caption.is_empty() {
            0.0
        } else {
            caption.len() as f32 * 13.0 + 2.0
        };
        let first_row = table
            .rows
            .first()
            .map_or(0.0, |r| height(&wrap_row(r, false)));
        self.space(4.0);
        self.need(caption_height + header_height + first_row);
        let node = self.open(Kind::Table, None);
        if !table.caption.is_empty() {
            self.open(Kind::Caption, Some(node));
            self.lines(&caption, 9.5, true, INK, 13.0);
            self.y += 2.0;
        }
        self.row(&header, &widths, &numeric, Some(node), true, header_height);
        for row in &table.rows {
            let cells = wrap_row(row, false);
            let h = height(&cells);
            if self.y + h > BOTTOM {
                self.new_page();
                let more = format!(
                    "{} (continued)",
                    if table.caption.is_empty() {
                        "Table"
                    } else {
                        &table.caption
                    }
                );
                let more = wrap(&more, 9.5, true, WIDTH);
                // Repeated for the eye; a screen reader has read them once.
                self.mark = Mark::Pagination;
                self.lines(&more, 9.5, true, GREY, 13.0);
                self.y += 2.0;
                self.row(&header, &widths, &numeric, None, true, header_height);
            }
            self.row(&cells, &widths, &numeric, Some(node), false, h);
        }
        self.y += 10.0;
    }

    fn row(
        &mut self,
        cells: &[Vec<String>],
        widths: &[f32],
        numeric: &[bool],
        table: Option<usize>,
        header: bool,
        height: f32,
    ) {
        let top = self.y;
        let right = LEFT + widths.iter().sum::<f32>();
        let row = table.map(|t| self.open(Kind::Row, Some(t)));
        if header {
            self.mark = Mark::Layout;
            self.push(Shape::Path {
                points: vec![
                    (LEFT, top),
                    (right, top),
                    (right, top + height),
                    (LEFT, top + height),
                ],
                closed: true,
                stroke: None,
                fill: Some(Paint::Solid(HEADER_FILL)),
            });
        }
        let mut x = LEFT;
        for ((lines, width), numeric) in cells.iter().zip(widths).zip(numeric.iter().copied()) {
            self.mark = Mark::Pagination;
            if let Some(row) = row {
                self.open(
                    if header { Kind::HeaderCell } else { Kind::Cell },
                    Some(row),
                );
            }
            for (l, line) in lines.iter().enumerate() {
                let baseline =
                    top + CELL_PAD_Y + ascent(CELL) + l as f32 * CELL * 1.3 + CELL * 0.15;
                let (tx, anchor) = if numeric {
                    (x + width - CELL_PAD_X, Anchor::End)
                } else {
                    (x + CELL_PAD_X, Anchor::Start)
                };
                self.push(text(tx, baseline, CELL, header, INK, anchor, line));
            }
            x += width;
        }
        let (colour, weight) = if header { (INK, 0.9) } else { (RULE, 0.5) };
        self.rule(top + height, LEFT, right, colour, weight);
        self.y = top + height;
    }

    fn chart(&mut self, chart: &Chart) {
        let drawing = chart::draw(chart);
        let scale = WIDTH / drawing.width;
        let caption = chart::chart_table(chart).caption;
        let lines = wrap(&caption, 10.5, true, WIDTH);
        self.space(8.0);
        self.need(chart_need(&drawing, &caption) - 8.0);
        self.open(Kind::Paragraph, None);
        self.lines(&lines, 10.5, true, INK, 14.0);
        self.open(Kind::Figure(chart::summary(chart)), None);
        let (dx, dy) = (LEFT, self.y + 4.0);
        let place = |(x, y): (f32, f32)| (dx + x * scale, dy + y * scale);
        for shape in drawing.shapes {
            let placed = match shape {
                Shape::Path {
                    points,
                    closed,
                    stroke,
                    fill,
                } => Shape::Path {
                    points: points.into_iter().map(place).collect(),
                    closed,
                    stroke: stroke.map(|s| Stroke {
                        width: s.width * scale,
                        dash: s.dash.map(|d| d.into_iter().map(|v| v * scale).collect()),
                        ..s
                    }),
                    fill,
                },
                Shape::Text {
                    x,
                    y,
                    size,
                    anchor,
                    bold,
                    colour,
                    text,
                } => {
                    let (x, y) = place((x, y));
                    Shape::Text {
                        x,
                        y,
                        size: size * scale,
                        anchor,
                        bold,
                        colour,
                        text,
                    }
                }
            };
            self.push(placed);
        }
        self.y = dy + drawing.height * scale + 4.0;
        let mut table = chart::chart_table(chart);
        table.caption = format!("Data: {caption}");
        self.table(&table);
    }
}

fn is_number(cell: &str) -> bool {
    let cell = cell.trim().trim_end_matches('%').trim();
    cell == "–" || (!cell.is_empty() && cell.replace(',', "").parse::<f64>().is_ok())
}

/// Each column as wide as its content where that fits; otherwise the columns narrower than a
/// fair share keep their width and the wide ones share the rest in proportion, none below its
/// longest word (up to a fair share). Always the full text width in total.
fn column_widths(table: &Table, columns: usize) -> Vec<f32> {
    let mut natural = vec![0.0f32; columns];
    let mut minimum = vec![0.0f32; columns];
    let rows = std::iter::once((&table.header, true)).chain(table.rows.iter().map(|r| (r, false)));
    for (row, bold) in rows {
        for (c, cell) in row.iter().enumerate().take(columns) {
            let mut longest_word = 0.0f32;
            for word in cell.split_whitespace() {
                longest_word = longest_word.max(text_width(word, CELL, bold));
            }
            minimum[c] = minimum[c].max(longest_word);
            // A header may wrap at its spaces: it asks only for its longest word.
            let wants = if bold {
                longest_word
            } else {
                text_width(cell, CELL, bold)
            };
            natural[c] = natural[c].max(wants);
        }
    }
    let pad = 2.0 * CELL_PAD_X + 1.0;
    let natural: Vec<f32> = natural.iter().map(|w| w + pad).collect();
    let fair = WIDTH / columns as f32;
    let minimum: Vec<f32> = minimum
        .iter()
        .map(|w| (w + pad).min(fair.max(60.0)))
        .collect();
    let total: f32 = natural.iter().sum();
    if total <= WIDTH {
        // Share the slack out evenly so narrow tables still span the page.
        let extra = (WIDTH - total) / columns as f32;
        return natural.iter().map(|w| w + extra).collect();
    }
    let mut fixed = vec![false; columns];
    let mut remaining = WIDTH;
    loop {
        let open = fixed.iter().filter(|f| !**f).count().max(1);
        let share = remaining / open as f32;
        let settled: Vec<usize> = (0..columns)
            .filter(|&c| !fixed[c] && natural[c] <= share)
            .collect();
        if settled.is_empty() {
            break;
        }
        for c in settled {
            fixed[c] = true;
            remaining -= natural[c];
        }
    }
    let wide: f32 = (0..columns)
        .filter(|&c| !fixed[c])
        .map(|c| natural[c])
        .sum();
    let widths: Vec<f32> = (0..columns)
        .map(|c| {
            if fixed[c] {
                natural[c]
            } else {
                (remaining * natural[c] / wide).max(minimum[c])
            }
        })
        .collect();
    let sum: f32 = widths.iter().sum();
    widths.iter().map(|w| w * WIDTH / sum).collect()
}

/// A chart's caption, the chart, and the start of its data table: kept on one page.
fn chart_need(drawing: &chart::Drawing, caption: &str) -> f32 {
    let lines = wrap(caption, 10.5, true, WIDTH).len();
    8.0 + lines as f32 * 14.0 + drawing.height * WIDTH / drawing.width + 64.0
}

/// How much of what follows a heading must fit under it: a chart whole, a table's caption,
/// header and first rows, a paragraph's first lines (a short introduction and the chart after it).
fn keep_with_heading(next: &[Block]) -> f32 {
    match next {
        [Block::Chart(chart), ..] => {
            chart_need(&chart::draw(chart), &chart::chart_table(chart).caption)
        }
        [Block::Table(_), ..] => 80.0,
        [Block::Paragraph(paragraph), rest @ ..] => {
            let lines = wrap(paragraph, BODY, false, WIDTH).len();
            match rest.first() {
                Some(Block::Chart(_)) if lines <= 4 => {
                    lines as f32 * 14.5 + 7.0 + keep_with_heading(rest)
                }
                _ => 50.0,
            }
        }
        _ => 50.0,
    }
}

pub(crate) fn lay_out(document: &Document) -> Pages {
    let mut layout = Layout {
        pages: vec![Vec::new()],
        bookmarks: Vec::new(),
        nodes: Vec::new(),
        mark: Mark::Layout,
        y: TOP,
    };
    let title = wrap(&document.title, 20.0, true, WIDTH);
    layout.open(Kind::Heading(1, document.title.clone()), None);
    layout.lines(&title, 20.0, true, INK, 26.0);
    if !document.subtitle.is_empty() {
        layout.open(Kind::Paragraph, None);
        layout.y += 2.0;
        let subtitle = wrap(&document.subtitle, 11.0, false, WIDTH);
        layout.lines(&subtitle, 11.0, false, GREY, 15.0);
    }
    layout.y += 6.0;
    let y = layout.y;
    layout.rule(y, LEFT, RIGHT, INK, 1.0);
    layout.y += 12.0;
    for (i, block) in document.blocks.iter().enumerate() {
        match block {
            Block::Heading(heading) => {
                layout.heading(heading, keep_with_heading(&document.blocks[i + 1..]))
            }
            Block::Paragraph(paragraph) => layout.paragraph(paragraph),
            Block::Table(table) => layout.table(table),
            Block::Chart(chart) => layout.chart(chart),
        }
    }
    let count = layout.pages.len();
    let footer_title = wrap(&document.title, 8.0, false, WIDTH * 0.7)
        .into_iter()
        .next()
        .unwrap_or_default();
    for (i, page) in layout.pages.iter_mut().enumerate() {
        let y = PAGE_HEIGHT - 40.0;
        page.push((
            Shape::Path {
                points: vec![(LEFT, y - 11.0), (RIGHT, y - 11.0)],
                closed: false,
                stroke: Some(Stroke {
                    colour: RULE,
                    width: 0.5,
                    dash: None,
                }),
                fill: None,
            },
            Mark::Pagination,
        ));
        page.push((
            text(LEFT, y, 8.0, false, GREY, Anchor::Start, &footer_title),
            Mark::Pagination,
        ));
        page.push((
            text(
                RIGHT,
                y,
                8.0,
                false,
                GREY,
                Anchor::End,
                &format!("Page {} of {count}", i + 1),
            ),
            Mark::Pagination,
        ));
    }
    Pages {
        pages: layout.pages,
        bookmarks: layout.bookmarks,
        nodes: layout.nodes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{KiteChart, Series};

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
}
