//! `revans jobs`: the dead letters (emails and other jobs that failed on every attempt), for
//! whoever runs the service. They are not on a lead's page: jobs carry no tenant, and an email
//! to one tenant's people is not another tenant's business.

use clap::Subcommand;
use revans_app::jobs;

use crate::Cli;

#[derive(Debug, Subcommand)]
pub enum JobsCommand {
    /// List jobs that failed on every attempt (newest first) with their last error.
    Failed {
        #[arg(long, default_value_t = 50)]
        limit: i64,
    },
    /// Run a failed job again from its first attempt, once its cause is fixed.
    Retry { id: String },
}

pub fn run(cli: &Cli, command: &JobsCommand) -> anyhow::Result<()> {
    let settings = crate::settings(cli, None)?;
    crate::runtime()?.block_on(async move {
        let state = revans_web::build_state(settings)
            .await
            .map_err(anyhow::Error::msg)?;
        match command {
            JobsCommand::Failed { limit } => {
                let dead = jobs::dead_letters(&state.app, *limit).await?;
                if dead.is_empty() {
                    println!("No failed jobs.");
                }
                for job in dead {
                    println!(
                        "{}  {}  {} attempts  {}",
                        job.id,
                        job.kind,
                        job.attempts,
                        job.last_error.as_deref().unwrap_or("(no error recorded)")
                    );
                }
                Ok(())
            }
            JobsCommand::Retry { id } => match jobs::retry(&state.app, id).await {
                Ok(()) => {
                    println!("Job {id} will run again within a minute.");
                    Ok(())
                }
                Err(revans_app::Error::NotFound) => {
                    anyhow::bail!("No failed job has the id {id}: `revans jobs failed` lists them")
                }
                Err(e) => Err(e.into()),
            },
        }
    })
}
