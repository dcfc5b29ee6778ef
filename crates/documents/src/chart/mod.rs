//! Charts drawn once as a list of shapes in their own box, then written as SVG or into the PDF.
//! Series differ by colour and also by something that survives greyscale and colour blindness:
//! dash pattern and marker shape (kite), fill pattern (bars).

use crate::metrics::text_width;
use crate::model::{Chart, Series, Table};

mod bars;
mod kite;
#[cfg(test)]
mod tests;

use bars::draw_bars;
use kite::draw_kite;

/// Every chart is drawn this wide; the PDF scales it to the text width, SVG to the screen.
pub(crate) const WIDTH: f32 = 480.0;

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rgb(pub u8, pub u8, pub u8);

pub(crate) const INK: Rgb = Rgb(0x22, 0x22, 0x22);
pub(crate) const GREY: Rgb = Rgb(0x6b, 0x6b, 0x6b);
pub(crate) const GRID: Rgb = Rgb(0xc8, 0xc8, 0xc8);
pub(crate) const WHITE: Rgb = Rgb(0xff, 0xff, 0xff);

/// Okabe–Ito: told apart by most forms of colour blindness.
const PALETTE: [Rgb; 6] = [
    Rgb(0x00, 0x72, 0xb2),
    Rgb(0xd5, 0x5e, 0x00),
    Rgb(0x00, 0x9e, 0x73),
    Rgb(0xcc, 0x79, 0xa7),
    Rgb(0xe6, 0x9f, 0x00),
    Rgb(0x56, 0xb4, 0xe9),
];

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Hatch {
    Solid,
    Diagonal,
    Horizontal,
    Cross,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Marker {
    Circle,
    Square,
    Triangle,
    Diamond,
}

/// How series `i` is told apart from the others.
pub(crate) fn colour(i: usize) -> Rgb {
    PALETTE[i % PALETTE.len()]
}

fn dash(i: usize) -> Option<Vec<f32>> {
    match i % 4 {
        0 => None,
        1 => Some(vec![7.0, 3.5]),
        2 => Some(vec![1.5, 2.5]),
        _ => Some(vec![9.0, 3.0, 2.0, 3.0]),
    }
}

fn marker(i: usize) -> Marker {
    [
        Marker::Circle,
        Marker::Square,
        Marker::Triangle,
        Marker::Diamond,
    ][i % 4]
}

fn hatch(i: usize) -> Hatch {
    [
        Hatch::Solid,
        Hatch::Diagonal,
        Hatch::Horizontal,
        Hatch::Cross,
    ][i % 4]
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Stroke {
    pub colour: Rgb,
    pub width: f32,
    pub dash: Option<Vec<f32>>,
}

impl Stroke {
    fn solid(colour: Rgb, width: f32) -> Self {
        Stroke {
            colour,
            width,
            dash: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Paint {
    Solid(Rgb),
    /// Lines of `colour` over a pale tint of it; `series` names the pattern in SVG.
    Hatched {
        colour: Rgb,
        hatch: Hatch,
        series: usize,
    },
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Anchor {
    Start,
    Middle,
    End,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Shape {
    Path {
        points: Vec<(f32, f32)>,
        closed: bool,
        stroke: Option<Stroke>,
        fill: Option<Paint>,
    },
    Text {
        x: f32,
        y: f32,
        size: f32,
        anchor: Anchor,
        bold: bool,
        colour: Rgb,
        text: String,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Drawing {
    pub width: f32,
    pub height: f32,
    pub shapes: Vec<Shape>,
}

impl Drawing {
    fn line(&mut self, points: Vec<(f32, f32)>, stroke: Stroke) {
        self.shapes.push(Shape::Path {
            points,
            closed: false,
            stroke: Some(stroke),
            fill: None,
        });
    }

    fn text(&mut self, x: f32, y: f32, size: f32, anchor: Anchor, text: &str) {
        self.shapes.push(Shape::Text {
            x,
            y,
            size,
            anchor,
            bold: false,
            colour: INK,
            text: text.to_owned(),
        });
    }

    fn marker(&mut self, kind: Marker, x: f32, y: f32, colour: Rgb) {
        let r = 3.2;
        let points = match kind {
            Marker::Circle => (0..16)
                .map(|k| {
                    let a = k as f32 * std::f32::consts::TAU / 16.0;
                    (x + r * a.cos(), y + r * a.sin())
                })
                .collect(),
            Marker::Square => {
                let h = r * 0.85;
                vec![
                    (x - h, y - h),
                    (x + h, y - h),
                    (x + h, y + h),
                    (x - h, y + h),
                ]
            }
            Marker::Triangle => vec![
                (x, y - r * 1.15),
                (x + r, y + r * 0.75),
                (x - r, y + r * 0.75),
            ],
            Marker::Diamond => vec![(x, y - r * 1.2), (x + r, y), (x, y + r * 1.2), (x - r, y)],
        };
        self.shapes.push(Shape::Path {
            points,
            closed: true,
            stroke: Some(Stroke::solid(WHITE, 0.6)),
            fill: Some(Paint::Solid(colour)),
        });
    }
}

/// A number as a reader wants it: at most two decimals, no trailing zeros.
pub(crate) fn format_value(value: f64) -> String {
    if !value.is_finite() {
        return "–".to_owned();
    }
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_owned()
    } else {
        text.to_owned()
    }
}

fn value_at(series: &Series, i: usize) -> Option<f64> {
    series.values.get(i).copied().filter(|v| v.is_finite())
}

/// The chart's numbers as a table: one row per axis or category, one column per series.
pub fn chart_table(chart: &Chart) -> Table {
    let (caption, first, labels, series): (&str, &str, &[String], &[Series]) = match chart {
        Chart::Kite(k) => (&k.caption, "pdf-chart-axis", &k.axes, &k.series),
        Chart::Bars(b) => (&b.caption, "pdf-chart-category", &b.categories, &b.series),
    };
    let mut header = vec![revans_i18n::t(first)];
    header.extend(series.iter().map(|s| s.label.clone()));
    let rows = labels
        .iter()
        .enumerate()
        .map(|(i, label)| {
            let mut row = vec![label.clone()];
            row.extend(
                series
                    .iter()
                    .map(|s| value_at(s, i).map_or("–".to_owned(), format_value)),
            );
            row
        })
        .collect();
    Table {
        caption: caption.to_owned(),
        header,
        rows,
    }
}

/// A plain-English account of the chart for `<desc>` and screen readers.
pub(crate) fn summary(chart: &Chart) -> String {
    let (kind, labels, series, max): (&str, &[String], &[Series], f64) = match chart {
        Chart::Kite(k) => ("chart-kite", &k.axes, &k.series, k.max),
        Chart::Bars(b) => ("chart-bars", &b.categories, &b.series, b.max),
    };
    let mut text = revans_i18n::t_args(
        "chart-summary",
        &[
            ("kind", revans_i18n::t(kind).into()),
            ("labels", labels.join(", ").into()),
            ("max", format_value(max).into()),
        ],
    );
    if series.is_empty() {
        text.push(' ');
        text.push_str(&revans_i18n::t("chart-no-data"));
    }
    for s in series {
        let values: Vec<String> = labels
            .iter()
            .enumerate()
            .map(|(i, l)| {
                format!(
                    "{l} {}",
                    value_at(s, i).map_or_else(|| revans_i18n::t("chart-no-value"), format_value)
                )
            })
            .collect();
        text.push_str(&format!(" {}: {}.", s.label, values.join(", ")));
    }
    text
}

pub(crate) fn draw(chart: &Chart) -> Drawing {
    match chart {
        Chart::Kite(k) => draw_kite(k),
        Chart::Bars(b) => draw_bars(b),
    }
}

fn scale_max(max: f64, series: &[Series]) -> f64 {
    let data_max = series
        .iter()
        .flat_map(|s| s.values.iter())
        .copied()
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max);
    let max = if max.is_finite() && max > 0.0 {
        max
    } else {
        data_max
    };
    if max > 0.0 { max } else { 1.0 }
}

/// Legend entries laid out left to right, wrapping; returns the height used.
fn legend(d: &mut Drawing, top: f32, series: &[Series], bars: bool) -> f32 {
    let size = 9.0;
    let (mut x, mut y) = (10.0, top + 10.0);
    for (i, s) in series.iter().enumerate() {
        let sample = if bars { 14.0 } else { 28.0 };
        let label_width = text_width(&s.label, size, false).min(WIDTH - 20.0 - sample - 6.0);
        let item = sample + 6.0 + label_width + 16.0;
        if x > 10.0 && x + item > WIDTH - 10.0 {
            x = 10.0;
            y += 16.0;
        }
        if bars {
            let (x0, y0) = (x, y - 5.0);
            d.shapes.push(Shape::Path {
                points: rect(x0, y0, 14.0, 10.0),
                closed: true,
                stroke: Some(Stroke::solid(colour(i), 0.8)),
                fill: Some(bar_paint(i)),
            });
        } else {
            let mut stroke = Stroke::solid(colour(i), 2.0);
            stroke.dash = dash(i);
            d.line(vec![(x, y), (x + sample, y)], stroke);
            d.marker(marker(i), x + sample / 2.0, y, colour(i));
        }
        d.text(x + sample + 6.0, y + 3.2, size, Anchor::Start, &s.label);
        x += item;
    }
    if series.is_empty() {
        0.0
    } else {
        y + 10.0 - top
    }
}

fn rect(x: f32, y: f32, w: f32, h: f32) -> Vec<(f32, f32)> {
    vec![(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
}

fn bar_paint(i: usize) -> Paint {
    match hatch(i) {
        Hatch::Solid => Paint::Solid(colour(i)),
        h => Paint::Hatched {
            colour: colour(i),
            hatch: h,
            series: i,
        },
    }
}
