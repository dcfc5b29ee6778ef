//! Writes laid-out pages with krilla: fonts embedded (subset), text extractable, charts as paths.

use krilla::Document;
use krilla::color::rgb;
use krilla::destination::XyzDestination;
use krilla::geom::{Path, PathBuilder, Point};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, LineCap, LineJoin, Stroke, StrokeDash};
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, SpanTag, TableHeaderScope, Tag, TagGroup,
    TagKind, TagTree,
};
use krilla::text::{Font, TextDirection};

use super::layout::{Kind, Mark, Node, PAGE_HEIGHT, PAGE_WIDTH, Pages};
use crate::chart::{Anchor, Hatch, Paint, Rgb, Shape};
use crate::metrics::{BOLD, REGULAR, text_width};

struct Fonts {
    regular: Font,
    bold: Font,
}

fn colour(c: Rgb) -> rgb::Color {
    rgb::Color::new(c.0, c.1, c.2)
}

/// `c` mixed with white: the pale ground under a hatch.
fn tint(c: Rgb) -> Rgb {
    let mix = |v: u8| (f32::from(v) * 0.22 + 255.0 * 0.78) as u8;
    Rgb(mix(c.0), mix(c.1), mix(c.2))
}

fn fill(c: Rgb) -> Fill {
    Fill {
        paint: colour(c).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

fn path(points: &[(f32, f32)], closed: bool) -> Option<Path> {
    let mut builder = PathBuilder::new();
    let (first, rest) = points.split_first()?;
    builder.move_to(first.0, first.1);
    for (x, y) in rest {
        builder.line_to(*x, *y);
    }
    if closed {
        builder.close();
    }
    builder.finish()
}

fn hatch_lines(points: &[(f32, f32)], hatch: Hatch) -> Vec<(f32, f32, f32, f32)> {
    let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    for (x, y) in points {
        (x0, y0, x1, y1) = (x0.min(*x), y0.min(*y), x1.max(*x), y1.max(*y));
    }
    let step = 4.0;
    let mut lines = Vec::new();
    if matches!(hatch, Hatch::Horizontal | Hatch::Cross) {
        let mut y = y0 + step / 2.0;
        while y < y1 {
            lines.push((x0, y, x1, y));
            y += step;
        }
    }
    if hatch == Hatch::Cross {
        let mut x = x0 + step / 2.0;
        while x < x1 {
            lines.push((x, y0, x, y1));
            x += step;
        }
    }
    if hatch == Hatch::Diagonal {
        let h = y1 - y0;
        let mut x = x0 - h;
        while x < x1 {
            lines.push((x, y1, x + h, y0));
            x += step;
        }
    }
    lines
}

fn draw(surface: &mut Surface<'_>, fonts: &Fonts, shape: &Shape) {
    match shape {
        Shape::Path {
            points,
            closed,
            stroke,
            fill: paint,
        } => {
            let Some(outline) = path(points, *closed) else {
                return;
            };
            surface.set_stroke(None);
            match paint {
                None => {}
                Some(Paint::Solid(c)) => {
                    surface.set_fill(Some(fill(*c)));
                    surface.draw_path(&outline);
                }
                Some(Paint::Hatched {
                    colour: c, hatch, ..
                }) => {
                    surface.set_fill(Some(fill(tint(*c))));
                    surface.draw_path(&outline);
                    surface.push_clip_path(&outline, &Default::default());
                    surface.set_fill(None);
                    surface.set_stroke(Some(Stroke {
                        paint: colour(*c).into(),
                        width: 0.9,
                        ..Default::default()
                    }));
                    for (ax, ay, bx, by) in hatch_lines(points, *hatch) {
                        if let Some(line) = path(&[(ax, ay), (bx, by)], false) {
                            surface.draw_path(&line);
                        }
                    }
                    surface.pop();
                    surface.set_stroke(None);
                }
            }
            if let Some(s) = stroke {
                surface.set_fill(None);
                surface.set_stroke(Some(Stroke {
                    paint: colour(s.colour).into(),
                    width: s.width,
                    line_cap: if s.dash.is_some() {
                        LineCap::Round
                    } else {
                        LineCap::Butt
                    },
                    line_join: LineJoin::Round,
                    dash: s
                        .dash
                        .clone()
                        .map(|array| StrokeDash { array, offset: 0.0 }),
                    ..Default::default()
                }));
                surface.draw_path(&outline);
                surface.set_stroke(None);
            }
        }
        Shape::Text {
            x,
            y,
            size,
            anchor,
            bold,
            colour: c,
            text,
        } => {
            if text.is_empty() {
                return;
            }
            let width = text_width(text, *size, *bold);
            let x = match anchor {
                Anchor::Start => *x,
                Anchor::Middle => x - width / 2.0,
                Anchor::End => x - width,
            };
            let font = if *bold {
                fonts.bold.clone()
            } else {
                fonts.regular.clone()
            };
            surface.set_stroke(None);
            surface.set_fill(Some(fill(*c)));
            surface.draw_text(
                Point::from_xy(x, *y),
                font,
                *size,
                text,
                false,
                TextDirection::Auto,
            );
        }
    }
}

fn content_tag(mark: Mark, nodes: &[Node]) -> ContentTag<'static> {
    match mark {
        Mark::Layout => ContentTag::Artifact(Artifact::new(ArtifactType::Layout, None)),
        Mark::Pagination => {
            ContentTag::Artifact(Artifact::new(ArtifactType::PaginationOther, None))
        }
        Mark::Node(n) if matches!(nodes[n].kind, Kind::Figure(_)) => ContentTag::Other,
        Mark::Node(_) => ContentTag::Span(SpanTag::empty()),
    }
}

fn tag_kind(kind: &Kind) -> TagKind {
    match kind {
        Kind::Heading(level, title) => {
            let level = std::num::NonZeroU16::new(*level).unwrap_or(std::num::NonZeroU16::MIN);
            Tag::Hn(level, Some(title.clone())).into()
        }
        Kind::Paragraph => Tag::P.into(),
        Kind::Caption => Tag::Caption.into(),
        Kind::Table => Tag::Table.into(),
        Kind::Row => Tag::TR.into(),
        Kind::HeaderCell => Tag::TH(TableHeaderScope::Column).into(),
        Kind::Cell => Tag::TD.into(),
        Kind::Figure(alt) => Tag::Figure(Some(alt.clone())).into(),
    }
}

/// The tag tree: each node's marked content first, then its children, in reading order.
fn tag_tree(nodes: &[Node], mut content: Vec<Vec<Identifier>>) -> TagTree {
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    let mut roots = Vec::new();
    for (i, node) in nodes.iter().enumerate() {
        match node.parent {
            Some(p) => children[p].push(i),
            None => roots.push(i),
        }
    }
    fn build(
        i: usize,
        nodes: &[Node],
        children: &[Vec<usize>],
        content: &mut [Vec<Identifier>],
    ) -> TagGroup {
        let mut group = TagGroup::new(tag_kind(&nodes[i].kind));
        for id in std::mem::take(&mut content[i]) {
            group.push(id);
        }
        for &c in &children[i] {
            group.push(build(c, nodes, children, content));
        }
        group
    }
    let mut tree = TagTree::new().with_lang(Some(revans_i18n::current().tag().to_owned()));
    for r in roots {
        tree.push(build(r, nodes, &children, &mut content));
    }
    tree
}

pub(crate) fn render(title: &str, laid_out: &Pages) -> Vec<u8> {
    let fonts = Fonts {
        regular: Font::new(REGULAR.into(), 0).expect("the embedded DejaVu Sans loads"),
        bold: Font::new(BOLD.into(), 0).expect("the embedded DejaVu Sans Bold loads"),
    };
    let mut document = Document::new();
    let mut content: Vec<Vec<Identifier>> = vec![Vec::new(); laid_out.nodes.len()];
    for shapes in &laid_out.pages {
        let settings =
            PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT).expect("A4 is a valid page size");
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        // Each line of text a marked-content span of its own; paths of one mark together.
        let mut open: Option<(Mark, bool)> = None;
        for (shape, mark) in shapes {
            let text = matches!(shape, Shape::Text { .. });
            if open != Some((*mark, false)) || text {
                if open.is_some() {
                    surface.end_tagged();
                }
                let id = surface.start_tagged(content_tag(*mark, &laid_out.nodes));
                if let Mark::Node(n) = mark {
                    content[*n].push(id);
                }
                open = Some((*mark, text));
            }
            draw(&mut surface, &fonts, shape);
        }
        if open.is_some() {
            surface.end_tagged();
        }
        surface.finish();
        page.finish();
    }
    let mut outline = Outline::new();
    for mark in &laid_out.bookmarks {
        outline.push_child(OutlineNode::new(
            mark.text.clone(),
            XyzDestination::new(mark.page, Point::from_xy(0.0, mark.y)),
        ));
    }
    document.set_outline(outline);
    document.set_tag_tree(tag_tree(&laid_out.nodes, content));
    document.set_metadata(
        Metadata::new()
            .title(title.to_owned())
            .language(revans_i18n::current().tag().to_owned())
            .creator("Revans".to_owned())
            .producer("Revans (krilla)".to_owned()),
    );
    document
        .finish()
        .expect("krilla writes an unvalidated PDF of embedded fonts and paths")
}
