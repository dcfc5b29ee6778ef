//! Times the PDF of a long evaluation report (about 20 pages: text, tables, kite and bar charts)
//! and reports the peak memory of the process:
//! `cargo run --release -p revans-documents --example bench_report [SECTIONS] [RUNS] [OUT.pdf]`

use std::io::Write;
use std::time::Instant;

use revans_documents::{BarChart, Block, Chart, Document, KiteChart, Series, Table, to_pdf};

fn section(i: usize) -> Vec<Block> {
    let cultures = ["Clan", "Adhocracy", "Market", "Hierarchy"].map(String::from);
    let f = i as f64;
    let series = |label: &str, values: [f64; 4]| Series {
        label: label.to_owned(),
        values: values.to_vec(),
    };
    vec![
        Block::Heading(format!("Cohort {i}: results")),
        Block::Paragraph(
            "Scores before and after, with the mean change and its confidence interval. ".repeat(6),
        ),
        Block::Chart(Chart::Kite(KiteChart {
            caption: format!("Culture profile of cohort {i}"),
            axes: cultures.clone(),
            series: vec![
                series("Board now", [20.0 + f, 15.0, 30.0, 35.0 - f]),
                series("Board preferred", [30.0, 25.0, 20.0, 25.0]),
                series("Managers now", [18.0, 12.0 + f, 30.0, 40.0 - f]),
                series("Managers preferred", [35.0, 22.0, 18.0, 25.0]),
            ],
            max: 50.0,
        })),
        Block::Chart(Chart::Bars(BarChart {
            caption: format!("Response rates of cohort {i}"),
            categories: vec![
                "Before".to_owned(),
                "After".to_owned(),
                "Six months on".to_owned(),
                "Two years on".to_owned(),
            ],
            series: vec![
                series("Participants", [90.0, 80.0 - f, 70.0, 55.0]),
                series("Comparison", [60.0, 50.0, 45.0, 30.0]),
            ],
            max: 100.0,
        })),
        Block::Table(Table {
            caption: format!("Scale results of cohort {i}"),
            header: [
                "Item",
                "n",
                "Before",
                "After",
                "Change",
                "95% CI",
                "Effect size",
            ]
            .map(String::from)
            .to_vec(),
            rows: (1..=18)
                .map(|k| {
                    vec![
                        format!(
                            "Item {k}: I ask questions that help colleagues see a problem afresh"
                        ),
                        "21".to_owned(),
                        "3.1".to_owned(),
                        "3.8".to_owned(),
                        "0.7".to_owned(),
                        "0.4 to 1.0".to_owned(),
                        "0.62".to_owned(),
                    ]
                })
                .collect(),
        }),
    ]
}

fn peak_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let sections: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(7);
    let runs: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(5);
    let document = Document {
        title: "Leading Together: evaluation report (benchmark)".to_owned(),
        subtitle: "Generated for timing – Müller, €".to_owned(),
        blocks: (1..=sections).flat_map(section).collect(),
    };
    let before = peak_kib();
    let mut times = Vec::new();
    let mut pdf = Vec::new();
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        pdf = to_pdf(&document);
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    let pages = pdf.windows(10).filter(|w| w == b"/Type/Page").count()
        - pdf.windows(11).filter(|w| w == b"/Type/Pages").count();
    if let Some(path) = args.next() {
        std::fs::write(path, &pdf)?;
    }
    let mut sorted = times.clone();
    sorted.sort_by(f64::total_cmp);
    writeln!(
        std::io::stderr(),
        "{pages} pages, {} bytes; first {:.1} ms, median {:.1} ms over {} runs; peak RSS {} KiB (before rendering {} KiB)",
        pdf.len(),
        times[0],
        sorted[sorted.len() / 2],
        times.len(),
        peak_kib().unwrap_or(0),
        before.unwrap_or(0),
    )
}
