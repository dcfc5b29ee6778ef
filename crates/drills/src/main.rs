//! `revans-drill`: reliability drills against a real, running Revans (issue 12).
//!
//! - `crash`: a write load, SIGKILL at a random moment, restart on the same database; N times.
//! - `outage`: PostgreSQL stops and starts under load; the app answers 503 and recovers.
//!
//! Each prints what it measured and exits non-zero on any lost write, duplicate email or bad
//! answer.
// A command-line tool reports on its terminal by design.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod crash;
mod fixture;
mod load;
mod outage;
mod pg;
mod server;
mod verify;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "revans-drill",
    about = "Reliability drills against a running Revans"
)]
struct Cli {
    /// The revans binary to drive.
    #[arg(long, global = true, default_value = "target/debug/revans")]
    bin: PathBuf,
    /// Keep the drill's data folder (database, mail, server log) afterwards.
    #[arg(long, global = true)]
    keep: bool,
    #[command(subcommand)]
    command: Drill,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum BackendChoice {
    Sqlite,
    Postgres,
}

#[derive(Debug, Subcommand)]
enum Drill {
    /// Kill -9 under write load, restart, repeat; then check nothing acknowledged was lost.
    Crash {
        #[arg(long, default_value_t = 5)]
        runs: usize,
        #[arg(long, value_enum, default_value = "sqlite")]
        backend: BackendChoice,
        /// PostgreSQL server (a fresh database is made on it for the drill, then dropped).
        #[arg(long, value_name = "URL")]
        database_url: Option<String>,
        /// Seed for the kill moments (printed; random when absent).
        #[arg(long)]
        seed: Option<u64>,
        /// Longest load before a kill, in milliseconds.
        #[arg(long, default_value_t = 2500)]
        max_window_ms: u64,
    },
    /// Stop and start a private PostgreSQL under load.
    Outage {
        /// How long PostgreSQL stays down, in seconds.
        #[arg(long, default_value_t = 6)]
        down_for: u64,
        /// The slowest answer allowed, in milliseconds.
        #[arg(long, default_value_t = 5000)]
        slowest_ms: u64,
    },
}

pub(crate) fn say(line: String) {
    println!("{line}");
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    match runtime.block_on(run(cli)) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("drill error: {e:#}");
            ExitCode::from(2)
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<bool> {
    let bin = std::fs::canonicalize(&cli.bin)
        .map_err(|e| anyhow::anyhow!("no revans binary at {}: {e}", cli.bin.display()))?;
    let (data, _guard) = server::data_folder(cli.keep)?;
    if cli.keep {
        say(format!("data folder (kept): {}", data.display()));
    }
    match cli.command {
        Drill::Crash {
            runs,
            backend,
            database_url,
            seed,
            max_window_ms,
        } => {
            let pg_db = match backend {
                BackendChoice::Sqlite => None,
                BackendChoice::Postgres => {
                    let url = database_url.ok_or_else(|| {
                        anyhow::anyhow!("--backend postgres needs --database-url postgres://...")
                    })?;
                    Some(revans_storage::testing::TestDatabase::create_on(Some(url)).await)
                }
            };
            let database_url = pg_db
                .as_ref()
                .map_or_else(|| server::sqlite_url(&data), |db| db.url.clone());
            let options = crash::Options {
                runs,
                seed: seed.unwrap_or_else(rand::random),
                target: server::Target {
                    bin,
                    data: data.clone(),
                    database_url,
                },
                max_window: Duration::from_millis(max_window_ms.max(300)),
            };
            let f = crash::run(&options).await?;
            print_findings(&f);
            Ok(!f.failed())
        }
        Drill::Outage {
            down_for,
            slowest_ms,
        } => {
            let report = outage::run(&outage::Options {
                bin,
                data: data.clone(),
                down_for: Duration::from_secs(down_for),
                slowest: Duration::from_millis(slowest_ms),
            })
            .await?;
            print_findings(&report.findings);
            for p in &report.problems {
                say(format!("PROBLEM: {p}"));
            }
            Ok(!report.findings.failed() && report.problems.is_empty())
        }
    }
}

fn print_findings(f: &verify::Findings) {
    say(format!(
        "acknowledged writes: {}, lost: {}, database integrity: {}",
        f.acknowledged,
        f.lost.len(),
        if f.integrity.is_empty() {
            "ok".to_owned()
        } else {
            f.integrity.join("; ")
        }
    ));
    for lost in &f.lost {
        say(format!("LOST: {lost}"));
    }
    say(format!(
        "emails: {} enqueued = {} sent + {} pending + {} given up; {} file(s), duplicates: {}, sent but missing: {}, files for no job: {}, sent but not yet recorded: {}",
        f.emails_enqueued,
        f.emails_sent,
        f.emails_pending,
        f.emails_given_up,
        f.email_files,
        f.duplicates,
        f.emails_lost,
        f.strays,
        f.sent_unrecorded
    ));
    say(if f.failed() {
        "RESULT: FAILED".to_owned()
    } else {
        "RESULT: ok".to_owned()
    });
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }

    #[test]
    fn passwords_are_not_printed() {
        assert_eq!(
            crate::crash::redact("postgres://revans_ci:secret@127.0.0.1:5432/db"),
            "postgres://revans_ci:***@127.0.0.1:5432/db"
        );
    }
}
