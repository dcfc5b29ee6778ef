//! Writes the laid-out certificate with krilla: fonts embedded (subset), every element tagged.

use std::num::NonZeroU16;

use krilla::Document;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::image::Image;
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, ListNumbering, SpanTag, Tag, TagGroup, TagKind, TagTree,
};
use krilla::text::{Font, TextDirection};

use super::layout::{ACCENT, Draw, Element, PAGE_HEIGHT, PAGE_WIDTH, Role};
use super::{Certificate, DocumentError};
use crate::chart::Rgb;
use crate::metrics::{BOLD, REGULAR};

struct Fonts {
    regular: Font,
    bold: Font,
}

/// The logo read far enough to know its size; a file that is not a PNG is refused here.
pub(super) fn png(bytes: &[u8]) -> Result<Image, DocumentError> {
    Image::from_png(bytes.to_vec().into(), true).map_err(DocumentError::Logo)
}

fn fill(c: Rgb) -> Fill {
    Fill {
        paint: krilla::color::rgb::Color::new(c.0, c.1, c.2).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

fn rect([x, y, w, h]: [f32; 4]) -> Option<Rect> {
    Rect::from_xywh(x, y, w, h)
}

fn draw(surface: &mut Surface<'_>, fonts: &Fonts, logo: Option<&Image>, item: &Draw) {
    match item {
        Draw::Text {
            x,
            y,
            size,
            bold,
            colour,
            text,
        } => {
            if text.is_empty() {
                return;
            }
            let font = if *bold { &fonts.bold } else { &fonts.regular };
            surface.set_stroke(None);
            surface.set_fill(Some(fill(*colour)));
            surface.draw_text(
                Point::from_xy(*x, *y),
                font.clone(),
                *size,
                text,
                false,
                TextDirection::Auto,
            );
        }
        Draw::Rects { rects, colour } => {
            let mut builder = PathBuilder::new();
            for r in rects.iter().copied().filter_map(rect) {
                builder.push_rect(r);
            }
            if let Some(path) = builder.finish() {
                surface.set_stroke(None);
                surface.set_fill(Some(fill(*colour)));
                surface.draw_path(&path);
            }
        }
        Draw::Frame { rect: r, width } => {
            let mut builder = PathBuilder::new();
            if let Some(r) = rect(*r) {
                builder.push_rect(r);
            }
            stroke(surface, builder, *width);
        }
        Draw::Line { x0, x1, y } => {
            let mut builder = PathBuilder::new();
            builder.move_to(*x0, *y);
            builder.line_to(*x1, *y);
            stroke(surface, builder, 0.8);
        }
        Draw::Logo { rect: [x, y, w, h] } => {
            if let (Some(image), Some(size)) = (logo, Size::from_wh(*w, *h)) {
                surface.push_transform(&Transform::from_translate(*x, *y));
                surface.draw_image(image.clone(), size);
                surface.pop();
            }
        }
    }
}

fn stroke(surface: &mut Surface<'_>, builder: PathBuilder, width: f32) {
    if let Some(path) = builder.finish() {
        surface.set_fill(None);
        surface.set_stroke(Some(Stroke {
            paint: krilla::color::rgb::Color::new(ACCENT.0, ACCENT.1, ACCENT.2).into(),
            width,
            ..Default::default()
        }));
        surface.draw_path(&path);
        surface.set_stroke(None);
    }
}

fn tag_kind(role: &Role) -> TagKind {
    let level = |n| NonZeroU16::new(n).unwrap_or(NonZeroU16::MIN);
    match role {
        Role::Title => Tag::Hn(level(1), Some(revans_i18n::t("pdf-certificate-title"))).into(),
        Role::Heading(title) => Tag::Hn(level(2), Some(title.clone())).into(),
        Role::Paragraph | Role::Artifact => Tag::P.into(),
        Role::List => Tag::L(ListNumbering::Disc).into(),
        Role::Item => Tag::LI.into(),
        Role::Label => Tag::Lbl.into(),
        Role::Body => Tag::LBody.into(),
        Role::Figure(alt) => Tag::Figure(Some(alt.clone())).into(),
    }
}

/// Draws an element and its children in order; returns its tag group (none for decoration).
fn emit(
    surface: &mut Surface<'_>,
    fonts: &Fonts,
    logo: Option<&Image>,
    element: &Element,
) -> Option<TagGroup> {
    if element.role == Role::Artifact {
        surface.start_tagged(ContentTag::Artifact(Artifact::new(
            ArtifactType::Layout,
            None,
        )));
        for item in &element.draws {
            draw(surface, fonts, logo, item);
        }
        surface.end_tagged();
        return None;
    }
    let mut group = TagGroup::new(tag_kind(&element.role));
    for item in &element.draws {
        let tag = match element.role {
            Role::Figure(_) => ContentTag::Other,
            _ => ContentTag::Span(SpanTag::empty()),
        };
        let id = surface.start_tagged(tag);
        draw(surface, fonts, logo, item);
        surface.end_tagged();
        group.push(id);
    }
    for child in &element.children {
        if let Some(child) = emit(surface, fonts, logo, child) {
            group.push(child);
        }
    }
    Some(group)
}

pub(super) fn render(
    certificate: &Certificate,
    logo: Option<Image>,
    elements: &[Element],
) -> Result<Vec<u8>, DocumentError> {
    let fonts = Fonts {
        regular: Font::new(REGULAR.into(), 0).expect("the embedded DejaVu Sans loads"),
        bold: Font::new(BOLD.into(), 0).expect("the embedded DejaVu Sans Bold loads"),
    };
    let mut document = Document::new();
    let settings =
        PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT).expect("A4 landscape is a valid size");
    let mut page = document.start_page_with(settings);
    let mut surface = page.surface();
    let mut tree = TagTree::new().with_lang(Some(revans_i18n::current().tag().to_owned()));
    for element in elements {
        if let Some(group) = emit(&mut surface, &fonts, logo.as_ref(), element) {
            tree.push(group);
        }
    }
    surface.finish();
    page.finish();
    document.set_tag_tree(tree);
    document.set_metadata(
        Metadata::new()
            .title(format!(
                "{}: {}, {}",
                revans_i18n::t("pdf-certificate-title"),
                certificate.holder_name,
                certificate.programme_title
            ))
            .authors(vec![certificate.tenant_name.clone()])
            .language(revans_i18n::current().tag().to_owned())
            .creator("Revans".to_owned())
            .producer("Revans (krilla)".to_owned()),
    );
    document.finish().map_err(|e| match e {
        krilla::error::KrillaError::Image(_, _, why) => DocumentError::Logo(why),
        other => DocumentError::Pdf(format!("{other:?}")),
    })
}
