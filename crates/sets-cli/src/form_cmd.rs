//! `revans sets form ...` (being written).

#[derive(Debug, clap::Args)]
pub struct FormArgs {}

pub fn run(_args: FormArgs) -> anyhow::Result<()> {
    anyhow::bail!("not yet")
}
