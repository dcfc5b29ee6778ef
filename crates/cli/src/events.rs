//! `revans events`: the event-with-choices solvers (DOMAIN.md C8) on CSV files.

use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum EventsCommand {
    /// Allocate people to host visits over time slots, minimising the sum of squared ranks,
    /// and say whether the answer is proven optimal.
    Allocate(crate::events_allocate::AllocateArgs),
    /// Seat participants at guest leaders' tables over rounds: nobody meets a guest twice,
    /// and as few pairs as possible share a table again.
    Cafe(crate::events_cafe::CafeArgs),
    /// Measure both solvers on generated events (docs/BENCHMARKS.md).
    Bench(crate::events_bench::BenchArgs),
}

pub fn run(command: EventsCommand) -> anyhow::Result<()> {
    match command {
        EventsCommand::Allocate(args) => crate::events_allocate::run(args),
        EventsCommand::Cafe(args) => crate::events_cafe::run(args),
        EventsCommand::Bench(args) => crate::events_bench::run(args),
    }
}
