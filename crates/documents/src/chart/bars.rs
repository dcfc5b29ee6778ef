//! Grouped bars from zero (or below it), with a value over each bar.

use super::{
    Anchor, Drawing, GREY, GRID, Shape, Stroke, WIDTH, bar_paint, colour, format_value, legend,
    rect, scale_max, value_at,
};
use crate::metrics::wrap;
use crate::model::BarChart;

pub(super) fn draw_bars(b: &BarChart) -> Drawing {
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
