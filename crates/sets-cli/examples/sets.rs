//! `cargo run --release -p revans-sets --example sets -- mdgp FILE --seconds 3`: the same
//! `revans sets` commands without the full `revans` binary.
#![allow(clippy::print_stderr)]

use clap::Parser;

#[derive(Parser)]
#[command(name = "sets")]
struct Cli {
    #[command(flatten)]
    args: revans_sets::SetsArgs,
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    match revans_sets::run(cli.args) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
