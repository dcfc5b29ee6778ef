//! Writes a sample evaluation report so a person can look at the layout:
//! `cargo run -p revans-documents --example sample_report -- /tmp/sample.pdf`
//! (also writes the charts as `.svg` and the first table as `.csv` beside it).

use std::io::Write;

use revans_documents::{
    BarChart, Block, Chart, Document, KiteChart, Series, Table, chart_svg, table_csv, to_pdf,
};

fn cultures() -> [String; 4] {
    ["Clan", "Adhocracy", "Market", "Hierarchy"].map(String::from)
}

fn series(label: &str, values: &[f64]) -> Series {
    Series {
        label: label.to_owned(),
        values: values.to_vec(),
    }
}

fn row(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| (*c).to_owned()).collect()
}

fn sample() -> Document {
    let kite = Chart::Kite(KiteChart {
        caption: "Culture profile: board and managers, now and preferred".to_owned(),
        axes: cultures(),
        series: vec![
            series("Board now", &[22.5, 14.17, 31.67, 31.67]),
            series("Board preferred", &[30.0, 25.0, 20.0, 25.0]),
            series("Managers now", &[18.33, 10.0, 30.0, 41.67]),
            series("Managers preferred", &[35.83, 22.5, 18.33, 23.33]),
        ],
        max: 50.0,
    });
    let bars = Chart::Bars(BarChart {
        caption: "Culture profile of the managers: now and preferred".to_owned(),
        categories: cultures().to_vec(),
        series: vec![
            series("Now", &[18.33, 10.0, 30.0, 41.67]),
            series("Preferred", &[35.83, 22.5, 18.33, 23.33]),
        ],
        max: 50.0,
    });
    let rates = Table {
        caption: "Response rates per wave".to_owned(),
        header: row(&["Wave", "Cohort", "Invited", "Answered", "Rate"]),
        rows: vec![
            row(&[
                "Before the first session",
                "Cohort 1 (Wien)",
                "24",
                "21",
                "88%",
            ]),
            row(&[
                "After the last session",
                "Cohort 1 (Wien)",
                "24",
                "19",
                "79%",
            ]),
            row(&[
                "Two years later",
                "Cohort 1 (Wien)",
                "24",
                "fewer than 5",
                "–",
            ]),
            row(&[
                "Before the first session",
                "Comparison group",
                "30",
                "17",
                "57%",
            ]),
        ],
    };
    let mut targets = Table {
        caption: "Targets set at scoping, against their measures".to_owned(),
        header: row(&[
            "Target",
            "Measure",
            "Baseline",
            "Target value",
            "Measured",
            "By",
        ]),
        rows: Vec::new(),
    };
    for i in 1..=40 {
        targets.rows.push(vec![
            format!("Target {i}: reduce the time from referral to first appointment in clinic {i}"),
            "Days, median over a quarter".to_owned(),
            format!("{}", 40 + i),
            format!("{}", 30 + i),
            format!("{}", 32 + i),
            "31 March 2027".to_owned(),
        ]);
    }
    Document {
        title: "Leading Together 2026: evaluation report".to_owned(),
        subtitle: "For the programme lead and Dr Jürgen Müller, funder – prepared 2 December 2026 (budget €12,500)".to_owned(),
        blocks: vec![
            Block::Heading("Summary".to_owned()),
            Block::Paragraph(
                "This report sets out who answered each questionnaire, how the scores moved between the waves, and how \
                 the board and the managers see their organisation's culture now and would prefer it to be. Counts below \
                 five are not shown, so that no answer can be traced to a person."
                    .to_owned(),
            ),
            Block::Heading("Response rates".to_owned()),
            Block::Table(rates.clone()),
            Block::Heading("Culture profiles".to_owned()),
            Block::Paragraph("Each line is one group's mean over the six dimensions, out of 100 points.".to_owned()),
            Block::Chart(kite),
            Block::Chart(bars),
            Block::Heading("Targets".to_owned()),
            Block::Table(targets),
        ],
    }
}

fn main() -> std::io::Result<()> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "sample_report.pdf".to_owned());
    let document = sample();
    std::fs::write(&path, to_pdf(&document))?;
    for (i, chart) in document
        .blocks
        .iter()
        .filter_map(|b| {
            if let Block::Chart(c) = b {
                Some(c)
            } else {
                None
            }
        })
        .enumerate()
    {
        std::fs::write(format!("{path}.chart{}.svg", i + 1), chart_svg(chart))?;
    }
    if let Some(Block::Table(table)) = document
        .blocks
        .iter()
        .find(|b| matches!(b, Block::Table(_)))
    {
        std::fs::write(format!("{path}.csv"), table_csv(table))?;
    }
    writeln!(std::io::stderr(), "wrote {path}")
}
