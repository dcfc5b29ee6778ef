//! Lays a document out on A4 pages as shapes in points, y downwards from the top. Knowing every
//! page before any is written is what lets the footer say "Page N of M".

use crate::chart::{self, Anchor, GREY, INK, Paint, Rgb, Shape, Stroke};
use crate::metrics::wrap;
use crate::model::{Block, Chart, Document};

mod table;
#[cfg(test)]
mod tests;

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
        table.caption = revans_i18n::t_args("pdf-data-of", &[("caption", caption.clone().into())]);
        self.table(&table);
    }
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
                &revans_i18n::t_args(
                    "pdf-page-of",
                    &[("page", (i + 1).into()), ("count", count.into())],
                ),
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
