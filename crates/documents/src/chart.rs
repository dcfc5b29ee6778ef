//! Charts drawn once as a list of shapes in their own box, then written as SVG or into the PDF.
//! Series differ by colour and also by something that survives greyscale and colour blindness:
//! dash pattern and marker shape (kite), fill pattern (bars).

use crate::metrics::{text_width, wrap};
use crate::model::{BarChart, Chart, KiteChart, Series, Table};

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
        Chart::Kite(k) => (&k.caption, "Axis", &k.axes, &k.series),
        Chart::Bars(b) => (&b.caption, "Category", &b.categories, &b.series),
    };
    let mut header = vec![first.to_owned()];
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
        Chart::Kite(k) => ("Profile chart on four axes", &k.axes, &k.series, k.max),
        Chart::Bars(b) => ("Bar chart", &b.categories, &b.series, b.max),
    };
    let mut text = format!(
        "{kind}: {}, scale 0 to {}.",
        labels.join(", "),
        format_value(max)
    );
    if series.is_empty() {
        text.push_str(" No data.");
    }
    for s in series {
        let values: Vec<String> = labels
            .iter()
            .enumerate()
            .map(|(i, l)| {
                format!(
                    "{l} {}",
                    value_at(s, i).map_or("no value".to_owned(), format_value)
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

fn draw_kite(k: &KiteChart) -> Drawing {
    let max = scale_max(k.max, &k.series);
    let mut d = Drawing {
        width: WIDTH,
        height: 0.0,
        shapes: Vec::new(),
    };
    let (cx, cy, r) = (WIDTH / 2.0, 124.0, 140.0);
    // Unit vectors of the axes: clan top-left, adhocracy top-right, market bottom-right,
    // hierarchy bottom-left.
    let h = std::f32::consts::FRAC_1_SQRT_2;
    let dirs = [(-h, -h), (h, -h), (h, h), (-h, h)];
    let at = |axis: usize, fraction: f32| {
        (
            cx + dirs[axis].0 * r * fraction,
            cy + dirs[axis].1 * r * fraction,
        )
    };
    for q in 1..=4 {
        let f = q as f32 / 4.0;
        d.shapes.push(Shape::Path {
            points: (0..4).map(|a| at(a, f)).collect(),
            closed: true,
            stroke: Some(Stroke::solid(GRID, 0.6)),
            fill: None,
        });
    }
    for (a, label) in k.axes.iter().enumerate() {
        let tip = at(a, 1.0);
        d.line(vec![(cx, cy), tip], Stroke::solid(GREY, 0.8));
        let (x, y, anchor) = match a {
            0 => (tip.0 + 4.0, tip.1 - 8.0, Anchor::End),
            1 => (tip.0 - 4.0, tip.1 - 8.0, Anchor::Start),
            2 => (tip.0 - 4.0, tip.1 + 16.0, Anchor::Start),
            _ => (tip.0 + 4.0, tip.1 + 16.0, Anchor::End),
        };
        d.shapes.push(Shape::Text {
            x,
            y,
            size: 10.0,
            anchor,
            bold: true,
            colour: INK,
            text: label.clone(),
        });
    }
    for (i, s) in k.series.iter().enumerate() {
        let points: Vec<(f32, f32)> = (0..4)
            .map(|a| {
                let v = value_at(s, a).unwrap_or(0.0).clamp(0.0, max);
                at(a, (v / max) as f32)
            })
            .collect();
        let mut stroke = Stroke::solid(colour(i), 2.0);
        stroke.dash = dash(i);
        d.shapes.push(Shape::Path {
            points: points.clone(),
            closed: true,
            stroke: Some(stroke),
            fill: None,
        });
        for (x, y) in points {
            d.marker(marker(i), x, y, colour(i));
        }
    }
    // The scale last, on a white ground, so no line hides it.
    for q in 1..=4 {
        let f = q as f32 / 4.0;
        let (_, top) = at(0, f);
        let label = format_value(max * f64::from(f));
        let w = text_width(&label, 7.0, false) + 3.0;
        d.shapes.push(Shape::Path {
            points: rect(cx - w / 2.0, top - 3.5, w, 7.0),
            closed: true,
            stroke: None,
            fill: Some(Paint::Solid(WHITE)),
        });
        d.shapes.push(Shape::Text {
            x: cx,
            y: top + 2.5,
            size: 7.0,
            anchor: Anchor::Middle,
            bold: false,
            colour: GREY,
            text: label,
        });
    }
    let top = cy + r * h + 28.0;
    d.height = top + legend(&mut d, top, &k.series, false) + 4.0;
    d
}

fn draw_bars(b: &BarChart) -> Drawing {
    let values = || {
        b.series
            .iter()
            .flat_map(|s| s.values.iter())
            .copied()
            .filter(|v| v.is_finite())
    };
    let hi = scale_max(b.max, &b.series).max(values().fold(0.0, f64::max));
    let lo = values().fold(0.0, f64::min);
    let mut d = Drawing {
        width: WIDTH,
        height: 0.0,
        shapes: Vec::new(),
    };
    let (left, right, top, bottom) = (44.0, WIDTH - 8.0, 16.0, 196.0);
    let y_of = |v: f64| bottom - ((v - lo) / (hi - lo)) as f32 * (bottom - top);
    for q in 0..=4 {
        let v = lo + (hi - lo) * f64::from(q) / 4.0;
        let y = y_of(v);
        d.line(vec![(left, y), (right, y)], Stroke::solid(GRID, 0.6));
        d.shapes.push(Shape::Text {
            x: left - 4.0,
            y: y + 2.5,
            size: 7.5,
            anchor: Anchor::End,
            bold: false,
            colour: GREY,
            text: format_value(v),
        });
    }
    let base = y_of(0.0);
    let n = b.categories.len().max(1);
    let group = (right - left) / n as f32;
    let bars = b.series.len().max(1);
    let bar = group * 0.76 / bars as f32;
    let label_size = if bar < 16.0 { 6.0 } else { 7.5 };
    let mut label_lines = 1;
    for (c, category) in b.categories.iter().enumerate() {
        let x0 = left + group * c as f32 + group * 0.12;
        for (i, s) in b.series.iter().enumerate() {
            let Some(v) = value_at(s, c) else { continue };
            let x = x0 + bar * i as f32;
            let (y, height) = if v >= 0.0 {
                (y_of(v), base - y_of(v))
            } else {
                (base, y_of(v) - base)
            };
            d.shapes.push(Shape::Path {
                points: rect(x + 1.0, y, bar - 2.0, height.max(0.5)),
                closed: true,
                stroke: Some(Stroke::solid(colour(i), 0.8)),
                fill: Some(bar_paint(i)),
            });
            let label_y = if v >= 0.0 { y - 2.5 } else { y + height + 8.0 };
            d.text(
                x + bar / 2.0,
                label_y,
                label_size,
                Anchor::Middle,
                &format_value(v),
            );
        }
        let lines = wrap(category, 8.5, false, group - 4.0);
        label_lines = label_lines.max(lines.len().min(3));
        for (l, line) in lines.iter().take(3).enumerate() {
            d.text(
                left + group * (c as f32 + 0.5),
                bottom + 13.0 + 10.0 * l as f32,
                8.5,
                Anchor::Middle,
                line,
            );
        }
    }
    d.line(vec![(left, base), (right, base)], Stroke::solid(GREY, 0.9));
    let top = bottom + 10.0 + 10.0 * label_lines as f32 + 8.0;
    d.height = top + legend(&mut d, top, &b.series, true) + 4.0;
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kite(values: Vec<Vec<f64>>) -> Chart {
        Chart::Kite(KiteChart {
            caption: "k".to_owned(),
            axes: ["Clan", "Adhocracy", "Market", "Hierarchy"].map(String::from),
            series: values
                .into_iter()
                .enumerate()
                .map(|(i, v)| Series {
                    label: format!("s{i}"),
                    values: v,
                })
                .collect(),
            max: 40.0,
        })
    }

    type Outline = (Vec<(f32, f32)>, Option<Vec<f32>>);

    /// The closed, 2-wide outlines of the series, in order, with their dashes.
    fn outlines(d: &Drawing) -> Vec<Outline> {
        d.shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Path {
                    points,
                    closed: true,
                    stroke: Some(st),
                    fill: None,
                } if st.width == 2.0 => Some((points.clone(), st.dash.clone())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn kite_vertices_sit_at_value_over_max_along_each_diagonal_axis() {
        let d = draw(&kite(vec![vec![40.0, 20.0, 10.0, 80.0]]));
        let (points, _) = &outlines(&d)[0];
        let (cx, cy) = (WIDTH / 2.0, 124.0);
        let reach = |(x, y): (f32, f32)| ((x - cx).powi(2) + (y - cy).powi(2)).sqrt();
        assert!(
            (reach(points[0]) - 140.0).abs() < 0.01,
            "the maximum reaches the tip"
        );
        assert!((reach(points[1]) - 70.0).abs() < 0.01);
        assert!((reach(points[2]) - 35.0).abs() < 0.01);
        assert!(
            (reach(points[3]) - 140.0).abs() < 0.01,
            "above the maximum is held at the tip"
        );
        // Clan top-left, adhocracy top-right, market bottom-right, hierarchy bottom-left.
        assert!(points[0].0 < cx && points[0].1 < cy);
        assert!(points[1].0 > cx && points[1].1 < cy);
        assert!(points[2].0 > cx && points[2].1 > cy);
        assert!(points[3].0 < cx && points[3].1 > cy);
    }

    #[test]
    fn four_series_have_four_different_dash_patterns() {
        let d = draw(&kite(vec![vec![10.0; 4]; 4]));
        let dashes: Vec<_> = outlines(&d).into_iter().map(|(_, dash)| dash).collect();
        assert_eq!(dashes.len(), 4);
        for i in 0..4 {
            for j in i + 1..4 {
                assert_ne!(dashes[i], dashes[j]);
            }
        }
    }

    #[test]
    fn a_negative_bar_hangs_below_the_zero_line() {
        let chart = Chart::Bars(BarChart {
            caption: "change".to_owned(),
            categories: vec!["Clan".to_owned(), "Market".to_owned()],
            series: vec![Series {
                label: "Change".to_owned(),
                values: vec![5.0, -5.0],
            }],
            max: 10.0,
        });
        let d = draw(&chart);
        let bars: Vec<&Vec<(f32, f32)>> = d
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Path {
                    points,
                    fill: Some(_),
                    ..
                } if points.len() == 4 && points[0].0 > 44.0 => Some(points),
                _ => None,
            })
            .take(2)
            .collect();
        let (up, down) = (bars[0], bars[1]);
        // The same height either side of the same line.
        assert!(
            (up[2].1 - down[0].1).abs() < 0.01,
            "both meet the zero line"
        );
        assert!(((up[2].1 - up[0].1) - (down[2].1 - down[0].1)).abs() < 0.01);
    }

    #[test]
    fn values_read_as_people_write_them() {
        assert_eq!(format_value(33.333), "33.33");
        assert_eq!(format_value(25.0), "25");
        assert_eq!(format_value(12.5), "12.5");
        assert_eq!(format_value(-0.001), "0");
        assert_eq!(format_value(f64::NAN), "–");
    }
}
