//! `revans sets ...`: reads files, drives the engine, writes results. The engine stays pure.

/// Arguments of `revans sets`.
#[derive(Debug, clap::Args)]
pub struct SetsArgs {
    #[command(subcommand)]
    pub command: SetsCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum SetsCommand {}

/// Runs a `revans sets` subcommand.
pub fn run(args: SetsArgs) -> anyhow::Result<()> {
    match args.command {}
}
