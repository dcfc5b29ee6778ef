//! One test binary for the documents crate: the PDF read back as text, the SVG, the CSV, the
//! certificate (its text and its QR code read off the drawn page), the ZIP.

mod certificate;
mod csv_tables;
mod pdf;
mod svg;
mod zip_archive;

use revans_documents::{BarChart, Chart, KiteChart, Series, Table};

pub fn strings(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| (*c).to_owned()).collect()
}

pub fn series(label: &str, values: &[f64]) -> Series {
    Series {
        label: label.to_owned(),
        values: values.to_vec(),
    }
}

pub fn kite() -> Chart {
    Chart::Kite(KiteChart {
        caption: "Culture profile of the board".to_owned(),
        axes: ["Clan", "Adhocracy", "Market", "Hierarchy"].map(String::from),
        series: vec![
            series("Now", &[22.5, 14.17, 31.67, 31.67]),
            series("Preferred", &[30.0, 25.0, 20.0, 25.0]),
        ],
        max: 50.0,
    })
}

pub fn bars() -> Chart {
    Chart::Bars(BarChart {
        caption: "Response rate per wave".to_owned(),
        categories: strings(&["Before", "After", "Two years on"]),
        series: vec![
            series("Cohort 1", &[88.0, 79.0, 61.5]),
            series("Comparison", &[57.0, 40.0, 33.0]),
        ],
        max: 100.0,
    })
}

pub fn table(caption: &str, rows: usize) -> Table {
    Table {
        caption: caption.to_owned(),
        header: strings(&["Target", "Baseline", "Measured"]),
        rows: (1..=rows)
            .map(|i| {
                vec![
                    format!("Target number {i}"),
                    format!("{}", 100 + i),
                    format!("{}", 200 + i),
                ]
            })
            .collect(),
    }
}
