//! A chart as one self-contained `<svg>`: scales with its container, names itself to screen
//! readers (`role="img"`, `<title>`, `<desc>`), and escapes every piece of user text.

use std::fmt::Write;

use crate::chart::{self, Anchor, Hatch, Paint, Rgb, Shape};
use crate::model::Chart;

/// Text safe in element content and in double- or single-quoted attributes.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters are not allowed in XML 1.0.
            c if c.is_control() && !matches!(c, '\n' | '\t') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn hex(c: Rgb) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

/// A short id prefix from the chart's content, so two charts on one page do not share ids.
fn id_prefix(chart: &Chart) -> String {
    // FNV-1a over the debug form: stable across runs, unlike the std hasher's random keys.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in format!("{chart:?}").bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("rv{:08x}", hash & 0xffff_ffff)
}

fn pattern(out: &mut String, id: &str, colour: Rgb, hatch: Hatch) {
    let c = hex(colour);
    let lines = match hatch {
        Hatch::Solid => String::new(),
        Hatch::Diagonal => format!(
            r#"<path d="M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2" stroke="{c}" stroke-width="1.4"/>"#
        ),
        Hatch::Horizontal => {
            format!(r#"<path d="M0,1.5 h6 M0,4.5 h6" stroke="{c}" stroke-width="1.2"/>"#)
        }
        Hatch::Cross => format!(r#"<path d="M0,3 h6 M3,0 v6" stroke="{c}" stroke-width="1.2"/>"#),
    };
    let _ = write!(
        out,
        r#"<pattern id="{id}" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="{c}" fill-opacity="0.22"/>{lines}</pattern>"#
    );
}

pub(crate) fn chart_svg(chart: &Chart) -> String {
    let drawing = chart::draw(chart);
    let caption = match chart {
        Chart::Kite(k) => &k.caption,
        Chart::Bars(b) => &b.caption,
    };
    let prefix = id_prefix(chart);
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="100%" style="max-width:{w}px;height:auto" role="img" aria-labelledby="{prefix}-t {prefix}-d" font-family="'DejaVu Sans', Verdana, sans-serif"><title id="{prefix}-t">{title}</title><desc id="{prefix}-d">{desc}</desc>"#,
        w = drawing.width,
        h = drawing.height.ceil(),
        title = escape(caption),
        desc = escape(&chart::summary(chart)),
    );
    let mut defs = String::new();
    let mut seen = Vec::new();
    for shape in &drawing.shapes {
        if let Shape::Path {
            fill:
                Some(Paint::Hatched {
                    colour,
                    hatch,
                    series,
                }),
            ..
        } = shape
            && !seen.contains(series)
        {
            seen.push(*series);
            pattern(&mut defs, &format!("{prefix}-p{series}"), *colour, *hatch);
        }
    }
    if !defs.is_empty() {
        let _ = write!(out, "<defs>{defs}</defs>");
    }
    for shape in &drawing.shapes {
        match shape {
            Shape::Path {
                points,
                closed,
                stroke,
                fill,
            } => {
                let tag = if *closed { "polygon" } else { "polyline" };
                let points: Vec<String> = points
                    .iter()
                    .map(|(x, y)| format!("{x:.1},{y:.1}"))
                    .collect();
                let fill = match fill {
                    None => "none".to_owned(),
                    Some(Paint::Solid(c)) => hex(*c),
                    Some(Paint::Hatched { series, .. }) => format!("url(#{prefix}-p{series})"),
                };
                let _ = write!(out, r#"<{tag} points="{}" fill="{fill}""#, points.join(" "));
                if let Some(s) = stroke {
                    let _ = write!(
                        out,
                        r#" stroke="{}" stroke-width="{}" stroke-linejoin="round""#,
                        hex(s.colour),
                        s.width
                    );
                    if let Some(dash) = &s.dash {
                        let dash: Vec<String> = dash.iter().map(f32::to_string).collect();
                        let _ = write!(out, r#" stroke-dasharray="{}""#, dash.join(" "));
                    }
                }
                out.push_str("/>");
            }
            Shape::Text {
                x,
                y,
                size,
                anchor,
                bold,
                colour,
                text,
            } => {
                let anchor = match anchor {
                    Anchor::Start => "start",
                    Anchor::Middle => "middle",
                    Anchor::End => "end",
                };
                let weight = if *bold { r#" font-weight="bold""# } else { "" };
                let _ = write!(
                    out,
                    r#"<text x="{x:.1}" y="{y:.1}" font-size="{size}" text-anchor="{anchor}" fill="{}"{weight}>{}</text>"#,
                    hex(*colour),
                    escape(text)
                );
            }
        }
    }
    out.push_str("</svg>");
    out
}
