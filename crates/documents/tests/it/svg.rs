use revans_documents::{Chart, KiteChart, chart_svg, chart_table};

use crate::{bars, kite, series};

#[test]
fn an_svg_names_itself_to_screen_readers_and_scales_with_its_container() {
    let svg = chart_svg(&kite());
    assert!(
        svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 480 "),
        "{svg}"
    );
    assert!(svg.ends_with("</svg>"));
    assert!(svg.contains(r#"role="img""#));
    assert!(svg.contains(r#"width="100%""#) && svg.contains("height:auto"));
    assert!(svg.contains(">Culture profile of the board</title>"));
    let desc = &svg[svg.find("<desc").unwrap()..svg.find("</desc>").unwrap()];
    assert!(
        desc.contains("Clan, Adhocracy, Market, Hierarchy, scale 0 to 50."),
        "{desc}"
    );
    assert!(
        desc.contains("Now: Clan 22.5, Adhocracy 14.17, Market 31.67, Hierarchy 31.67."),
        "{desc}"
    );
    assert!(
        desc.contains("Preferred: Clan 30, Adhocracy 25, Market 20, Hierarchy 25."),
        "{desc}"
    );
    // The title and desc are what aria-labelledby points at.
    let labelled = svg
        .split("aria-labelledby=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    for id in labelled.split(' ') {
        assert!(svg.contains(&format!("id=\"{id}\"")), "{id}");
    }
}

#[test]
fn kite_series_differ_by_dash_and_marker_not_colour_alone() {
    let svg = chart_svg(&kite());
    // A legend entry per series, and one closed outline each: the first solid, the second dashed.
    assert!(svg.contains(">Now</text>") && svg.contains(">Preferred</text>"));
    let outlines: Vec<&str> = svg
        .split("<polygon")
        .skip(1)
        .map(|p| p.split("/>").next().unwrap())
        .filter(|p| p.contains("stroke-width=\"2\""))
        .collect();
    assert_eq!(outlines.len(), 2, "{svg}");
    assert!(!outlines[0].contains("stroke-dasharray"));
    assert!(outlines[1].contains("stroke-dasharray"));
    // Gridlines at a quarter, half, three quarters and all of the maximum.
    for label in ["12.5", "25", "37.5", "50"] {
        assert!(svg.contains(&format!(">{label}</text>")), "{label}");
    }
}

#[test]
fn bar_series_differ_by_fill_pattern_and_bars_carry_their_values() {
    let svg = chart_svg(&bars());
    assert!(svg.contains("<pattern id="), "the second series is hatched");
    for value in ["88", "79", "61.5", "57", "40", "33"] {
        assert!(svg.contains(&format!(">{value}</text>")), "{value}");
    }
    assert!(svg.contains(">Two years on</text>"));
}

#[test]
fn user_text_is_escaped_everywhere() {
    let evil = "<script>alert('x')</script> & \"quoted\"";
    let chart = Chart::Kite(KiteChart {
        caption: evil.to_owned(),
        axes: [evil, "b", "c", "d"].map(String::from),
        series: vec![series(evil, &[1.0, 2.0, 3.0, 4.0])],
        max: 5.0,
    });
    let svg = chart_svg(&chart);
    assert!(!svg.contains("<script"), "{svg}");
    assert!(!svg.contains("\"quoted\""));
    assert!(
        svg.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;")
    );
    // Only the elements we write: every '<' opens one of them.
    for tag in svg.split('<').skip(1) {
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect();
        assert!(
            [
                "svg", "title", "desc", "defs", "pattern", "rect", "path", "polygon", "polyline",
                "text"
            ]
            .contains(&name.as_str()),
            "unexpected element {name:?}"
        );
    }
}

#[test]
fn two_different_charts_do_not_share_element_ids() {
    let (a, b) = (chart_svg(&kite()), chart_svg(&bars()));
    let id = |svg: &str| {
        svg.split("<title id=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_owned()
    };
    assert_ne!(id(&a), id(&b));
}

#[test]
fn the_chart_table_holds_the_same_numbers() {
    let table = chart_table(&kite());
    assert_eq!(table.header, ["Axis", "Now", "Preferred"]);
    assert_eq!(table.rows[1], ["Adhocracy", "14.17", "25"]);
    assert_eq!(table.caption, "Culture profile of the board");
}
