//! `revans generate national`: fill an empty database with a generated nation to measure.

use std::path::PathBuf;

use clap::Subcommand;

use crate::Cli;

#[derive(Debug, Subcommand)]
pub enum GenerateCommand {
    /// A deterministic nation: 42 regions and their organisations, people in every role,
    /// programmes, cohorts, applications, sets, meetings, diaries and an audit log, scaled
    /// from the number of people. Refuses a database that already holds data.
    National {
        /// How many people (the other figures scale from it; issue 13 uses 100000).
        #[arg(long, value_name = "N")]
        people: u32,
        /// The same seed makes the same nation.
        #[arg(long, value_name = "S", default_value_t = 1)]
        seed: u64,
        /// Write the accounts and the URLs to measure as JSON to this file.
        #[arg(long, value_name = "FILE")]
        manifest: Option<PathBuf>,
    },
}

pub fn run(cli: &Cli, command: &GenerateCommand) -> anyhow::Result<()> {
    let GenerateCommand::National {
        people,
        seed,
        manifest,
    } = command;
    let settings = crate::settings(cli, None)?;
    crate::runtime()?.block_on(async {
        let url = secrecy::ExposeSecret::expose_secret(&settings.database_url).to_owned();
        let store = revans_storage::Store::connect(&url, 2).await.map_err(|e| {
            anyhow::anyhow!(
                "Cannot reach the database at {}: {e}",
                settings.database_display()
            )
        })?;
        store.migrate().await?;
        let report = revans_app::generate::national(&store, *people, *seed).await?;
        println!(
            "Generated a nation of {} people (seed {seed}) in {} in {:.1} s:",
            report.scale.people,
            settings.database_display(),
            report.seconds
        );
        let mut total = 0;
        let mut spent = 0.0;
        for ((table, rows), (_, seconds)) in report.counts.iter().zip(&report.write_seconds) {
            println!("  {table:<24} {rows:>10} rows {seconds:>8.1} s writing");
            total += rows;
            spent += seconds;
        }
        println!(
            "  {:<24} {total:>10} rows {spent:>8.1} s writing",
            "rows in all"
        );
        println!("Password for every account: {}", report.manifest.password);
        for (role, email) in &report.manifest.accounts {
            println!("  {role:<12} {email}");
        }
        if let Some(path) = manifest {
            std::fs::write(path, report.manifest.to_json()?).map_err(|e| {
                anyhow::anyhow!("Cannot write the manifest {}: {e}", path.display())
            })?;
            println!("Manifest written to {}.", path.display());
        }
        Ok(())
    })
}
