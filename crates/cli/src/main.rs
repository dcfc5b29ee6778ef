//! `revans`: a thin command line over the library crates.
// A command-line front end prints to its terminal by design.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod demo;
mod evaluation;
mod evaluation_cvf;
mod events;
mod events_allocate;
mod events_allocate_read;
mod events_bench;
mod events_cafe;
mod generate;
mod jobs;
mod user;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use revans_web::config::{Overrides, Settings};

#[derive(Debug, Parser)]
#[command(
    name = "revans",
    version,
    about = "Run action learning and leadership-development programmes"
)]
struct Cli {
    /// Configuration file (default: revans.toml in the current folder, if present).
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Database URL: sqlite://PATH (default sqlite://revans.db) or postgres://...
    #[arg(long, global = true, value_name = "URL")]
    database: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the web app and API.
    Serve {
        /// Address and port to listen on, e.g. 127.0.0.1:8080 or 0.0.0.0:80.
        #[arg(long, value_name = "ADDR:PORT")]
        listen: Option<String>,
    },
    /// Apply database migrations and exit.
    Migrate,
    /// Create a demo tenant (an ICS, three member organisations, people in every role) and serve it.
    Demo {
        #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:8080")]
        listen: String,
        /// Folder for the demo database and emails.
        #[arg(long, value_name = "DIR", default_value = "demo-data")]
        data: PathBuf,
    },
    /// Manage accounts.
    User {
        #[command(subcommand)]
        command: user::UserCommand,
    },
    /// Check the configuration and that the database answers, then exit.
    Check,
    /// Jobs that failed on every attempt (the dead letters): list them, or run one again.
    Jobs {
        #[command(subcommand)]
        command: jobs::JobsCommand,
    },
    /// Write a consistent copy of the database to a new file while Revans keeps running
    /// (SQLite: VACUUM INTO; PostgreSQL: pg_dump's custom format).
    Backup {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Replace the database with a backup, after checking the backup is sound. Stop Revans
    /// first; everything written since the backup is replaced.
    Restore {
        #[arg(long, value_name = "FILE")]
        from: PathBuf,
        /// Confirms that the current database is to be replaced.
        #[arg(long)]
        replace: bool,
    },
    /// Generate data sets to measure Revans at scale.
    Generate {
        #[command(subcommand)]
        command: generate::GenerateCommand,
    },
    /// Form action learning sets and run the set formation benchmarks.
    Sets(revans_sets::SetsArgs),
    /// Events with choices: allocate host visits and seat cafe conversations.
    Events {
        #[command(subcommand)]
        command: events::EventsCommand,
    },
    /// Questionnaire instruments (docs/INSTRUMENTS.md): check a file.
    Instrument {
        #[command(subcommand)]
        command: evaluation::InstrumentCommand,
    },
    /// The Competing Values Framework culture profile: score answers collected elsewhere.
    Cvf {
        #[command(subcommand)]
        command: evaluation::CvfCommand,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_tracing();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("Error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Logs go to standard error: readable lines, or one JSON object per line with
/// `REVANS_LOG_FORMAT=json` (for a log collector). `REVANS_LOG` filters them.
fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("REVANS_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn,tower_http=warn"));
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if std::env::var("REVANS_LOG_FORMAT").is_ok_and(|f| f.eq_ignore_ascii_case("json")) {
        logs.json().init();
    } else {
        logs.init();
    }
}

fn settings(cli: &Cli, listen: Option<String>) -> anyhow::Result<Settings> {
    let overrides = Overrides {
        database_url: cli.database.clone(),
        listen,
        base_url: None,
    };
    Ok(Settings::load(cli.config.as_deref(), &overrides)?)
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?)
}

fn run(cli: Cli) -> anyhow::Result<()> {
    match &cli.command {
        Command::Sets(_) => {
            let Command::Sets(args) = cli.command else {
                unreachable!()
            };
            revans_sets::run(args)
        }
        Command::Events { .. } => {
            let Command::Events { command } = cli.command else {
                unreachable!()
            };
            events::run(command)
        }
        Command::Serve { listen } => {
            let settings = settings(&cli, listen.clone())?;
            runtime()?.block_on(async {
                let app = revans_web::Application::build(settings)
                    .await
                    .map_err(anyhow::Error::msg)?;
                println!("Revans is running at http://{}", app.addr());
                app.run_until_stopped().await?;
                Ok(())
            })
        }
        Command::Migrate => {
            let settings = settings(&cli, None)?;
            runtime()?.block_on(async {
                let url = secrecy::ExposeSecret::expose_secret(&settings.database_url).to_owned();
                let store = revans_storage::Store::connect(&url, 1).await.map_err(|e| {
                    anyhow::anyhow!(
                        "Cannot reach the database at {}: {e}",
                        settings.database_display()
                    )
                })?;
                let pending = store.pending_migrations().await?;
                store.migrate().await?;
                println!(
                    "Database {} is up to date ({} migration(s) applied now).",
                    settings.database_display(),
                    pending.len()
                );
                Ok(())
            })
        }
        Command::Check => {
            let settings = settings(&cli, None)?;
            runtime()?.block_on(async {
                let url = secrecy::ExposeSecret::expose_secret(&settings.database_url).to_owned();
                let store = revans_storage::Store::connect(&url, 1).await.map_err(|e| {
                    anyhow::anyhow!(
                        "Cannot reach the database at {}: {e}",
                        settings.database_display()
                    )
                })?;
                store.ping().await?;
                let pending = store.pending_migrations().await?;
                println!("Configuration is valid.");
                println!(
                    "Database {} answers ({:?}).",
                    settings.database_display(),
                    store.backend()
                );
                if pending.is_empty() {
                    println!("All migrations are applied.");
                } else {
                    println!(
                        "{} migration(s) to apply: run `revans migrate`.",
                        pending.len()
                    );
                }
                revans_web::mail::Mailer::from_settings(&settings.mail)
                    .map_err(anyhow::Error::msg)?;
                println!("Mail: {:?}.", settings.mail.transport);
                Ok(())
            })
        }
        Command::Backup { out } => {
            let settings = settings(&cli, None)?;
            runtime()?.block_on(async {
                let url = secrecy::ExposeSecret::expose_secret(&settings.database_url).to_owned();
                let store = revans_storage::Store::connect(&url, 1).await?;
                revans_storage::backup::backup(&store, &url, out).await?;
                println!(
                    "Backed up {} to {}.",
                    settings.database_display(),
                    out.display()
                );
                Ok(())
            })
        }
        Command::Restore { from, replace } => {
            if !replace {
                anyhow::bail!(
                    "Restoring replaces the whole database with the backup. Stop Revans, then run again with --replace"
                );
            }
            let settings = settings(&cli, None)?;
            runtime()?.block_on(async {
                let url = secrecy::ExposeSecret::expose_secret(&settings.database_url).to_owned();
                revans_storage::backup::restore(&url, from).await?;
                println!(
                    "Restored {} from {}; it passed its integrity checks.",
                    settings.database_display(),
                    from.display()
                );
                Ok(())
            })
        }
        Command::Demo { listen, data } => demo::run(&cli, listen, data),
        Command::User { command } => user::run(&cli, command),
        Command::Jobs { command } => jobs::run(&cli, command),
        Command::Generate { command } => generate::run(&cli, command),
        Command::Instrument { command } => evaluation::run_instrument(command),
        Command::Cvf { command } => evaluation::run_cvf(command),
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
