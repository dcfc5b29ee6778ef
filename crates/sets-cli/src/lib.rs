//! `revans sets ...`: reads files, drives the engine, writes results. The engine stays pure.
// This crate is the command-line front end: printing results to stdout and progress/errors to
// stderr is its job, so the workspace's print lints do not apply here.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod bench;
mod form_cmd;
mod generate;
mod instance;
mod mdgp_cmd;
mod output;
mod people;
mod progress;
mod report;

pub use instance::parse_mdgp;
pub use people::People;

/// Arguments of `revans sets`.
#[derive(Debug, clap::Args)]
pub struct SetsArgs {
    #[command(subcommand)]
    pub command: SetsCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum SetsCommand {
    /// Solve one MDGPLIB instance; the last stdout line is `objective: VALUE`.
    Mdgp(mdgp_cmd::MdgpArgs),
    /// Form action learning sets from a people CSV under hard rules and weighted aims.
    Form(Box<form_cmd::FormArgs>),
    /// Run the literature protocol on a benchmark directory and print the gaps.
    Bench(bench::BenchArgs),
    /// Write a realistic synthetic people CSV (organisations, org chart, project pairs).
    Generate(generate::GenerateArgs),
}

/// Runs a `revans sets` subcommand.
pub fn run(args: SetsArgs) -> anyhow::Result<()> {
    match args.command {
        SetsCommand::Mdgp(a) => mdgp_cmd::run(a),
        SetsCommand::Form(a) => form_cmd::run(*a),
        SetsCommand::Bench(a) => bench::run(a),
        SetsCommand::Generate(a) => generate::run(a),
    }
}
