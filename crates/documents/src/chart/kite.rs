//! The culture profile: four diagonal axes, a square at each quarter of the maximum.

use super::{
    Anchor, Drawing, GREY, GRID, INK, Paint, Shape, Stroke, WHITE, WIDTH, colour, dash,
    format_value, legend, marker, rect, scale_max, value_at,
};
use crate::metrics::text_width;
use crate::model::KiteChart;

pub(super) fn draw_kite(k: &KiteChart) -> Drawing {
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
