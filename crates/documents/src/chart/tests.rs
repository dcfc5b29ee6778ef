use super::*;
use crate::model::{BarChart, KiteChart};

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
