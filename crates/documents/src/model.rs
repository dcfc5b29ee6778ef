//! What a document holds, independent of how it is drawn.

#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub title: String,
    /// Under the title: who it is for, when it was made.
    pub subtitle: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Heading(String),
    Paragraph(String),
    Table(Table),
    /// A chart is always followed in the PDF by its data as a table.
    Chart(Chart),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub caption: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Chart {
    Kite(KiteChart),
    Bars(BarChart),
}

/// The CVF profile: four axes (clan top-left, adhocracy top-right, market bottom-right,
/// hierarchy bottom-left), one closed shape per series.
#[derive(Debug, Clone, PartialEq)]
pub struct KiteChart {
    pub caption: String,
    pub axes: [String; 4],
    pub series: Vec<Series>,
    /// The value at the end of each axis (e.g. 50 points).
    pub max: f64,
}

/// Grouped bars: one group per category, one bar per series.
#[derive(Debug, Clone, PartialEq)]
pub struct BarChart {
    pub caption: String,
    pub categories: Vec<String>,
    pub series: Vec<Series>,
    pub max: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub label: String,
    /// One value per axis or category.
    pub values: Vec<f64>,
}
