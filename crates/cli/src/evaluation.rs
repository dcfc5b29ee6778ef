//! `revans instrument check` and `revans cvf score`: evaluation work that needs no database.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use clap::Subcommand;
use revans_domain::evaluation::{Format, Instrument, InstrumentSummary};

#[derive(Debug, Subcommand)]
pub enum InstrumentCommand {
    /// Validate an instrument file (.toml or .json) and print its summary, or every problem
    /// as FILE:LINE: FIELD: MESSAGE.
    Check {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum CvfCommand {
    /// Score culture-profile answers collected elsewhere: a CSV with a `respondent` column,
    /// any grouping columns and the 48 columns d{1-6}_{now|pref}_{a|b|c|d}.
    Score {
        #[arg(value_name = "RESPONSES.csv")]
        file: PathBuf,
        /// A column to group respondents by (repeat for combinations).
        #[arg(long = "group-by", value_name = "COLUMN")]
        group_by: Vec<String>,
        /// Groups with fewer respondents are suppressed.
        #[arg(long = "min-group", value_name = "K", default_value_t = 5)]
        min_group: usize,
        /// Write the JSON here instead of to standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

pub fn run_instrument(command: &InstrumentCommand) -> anyhow::Result<()> {
    let InstrumentCommand::Check { file } = command;
    let name = file.display().to_string();
    let Some(format) = Format::from_path(&name) else {
        bail!("{name}: an instrument file ends in .toml or .json");
    };
    let source = std::fs::read_to_string(file).with_context(|| format!("Cannot read {name}"))?;
    match Instrument::parse(&source, format) {
        Ok(instrument) => {
            print!("{}", describe(&instrument.summary()));
            Ok(())
        }
        Err(errors) => {
            for e in &errors {
                match e.line {
                    Some(line) => eprintln!("{name}:{line}: {}: {}", e.field, e.message),
                    None => eprintln!("{name}: {}: {}", e.field, e.message),
                }
            }
            bail!("{name} has {} problem(s)", errors.len())
        }
    }
}

fn describe(s: &InstrumentSummary) -> String {
    let types: Vec<String> = s.by_type.iter().map(|(t, n)| format!("{n} {t}")).collect();
    let profile = match s.profile {
        Some(p) => format!("{p:?}").to_lowercase(),
        None => "none".into(),
    };
    format!(
        "{}\nkey: {}\nversion: {}\nsections: {}\nquestions: {} ({})\nprofile: {}\n",
        s.title,
        s.key,
        s.version,
        s.sections,
        s.questions,
        types.join(", "),
        profile
    )
}

pub fn run_cvf(command: &CvfCommand) -> anyhow::Result<()> {
    let CvfCommand::Score {
        file,
        group_by,
        min_group,
        out,
    } = command;
    if *min_group == 0 {
        bail!("--min-group must be at least 1");
    }
    let name = file.display().to_string();
    let bytes = std::fs::read(file).with_context(|| format!("Cannot read {name}"))?;
    let scored = crate::evaluation_cvf::score(&bytes, group_by, *min_group)
        .map_err(|errors| anyhow::anyhow!("{name}: {}", errors.join(&format!("\n{name}: "))))?;
    let json = serde_json::to_string_pretty(&scored)? + "\n";
    match out {
        Some(path) => write_new(path, &json),
        None => {
            print!("{json}");
            Ok(())
        }
    }
}

/// Writes through a temporary file beside the target, so a failed write leaves no half file.
fn write_new(path: &Path, text: &str) -> anyhow::Result<()> {
    let tmp = path.with_extension("partial");
    std::fs::write(&tmp, text).with_context(|| format!("Cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("Cannot write {}", path.display()))
}
