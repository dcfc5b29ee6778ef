//! A private PostgreSQL 15 server for the outage drill: initdb into a temporary folder, on a
//! free port, so stopping it disturbs nobody else's tests. Run as root, the server runs as the
//! `postgres` user (as `.ci/postgres.sh` does).

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

const BIN: &str = "/usr/lib/postgresql/15/bin";

pub struct PrivatePg {
    dir: tempfile::TempDir,
    port: u16,
    pub url: String,
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// Runs a PostgreSQL tool, as `postgres` when we are root.
fn pg(tool: &str, args: &[&str]) -> anyhow::Result<()> {
    let program = Path::new(BIN).join(tool);
    let output = if is_root() {
        let mut line = shell_quote(&program.to_string_lossy());
        for a in args {
            line.push(' ');
            line.push_str(&shell_quote(a));
        }
        Command::new("su").args(["postgres", "-c", &line]).output()
    } else {
        Command::new(&program).args(args).output()
    }
    .with_context(|| format!("cannot run {tool}"))?;
    if !output.status.success() {
        bail!(
            "{tool} failed: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    Ok(())
}

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

impl PrivatePg {
    pub fn start() -> anyhow::Result<Self> {
        let dir = tempfile::Builder::new()
            .prefix("revans-drill-pg-")
            .tempdir()?;
        if is_root() {
            let status = Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(dir.path())
                .status()?;
            if !status.success() {
                bail!("cannot give {} to the postgres user", dir.path().display());
            }
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")?
            .local_addr()?
            .port();
        let data = dir.path().join("data");
        pg(
            "initdb",
            &[
                "-D",
                &data.to_string_lossy(),
                "-U",
                "revans",
                "-A",
                "trust",
                "--no-sync",
            ],
        )?;
        let me = PrivatePg {
            url: format!("postgres://revans@127.0.0.1:{port}/revans"),
            dir,
            port,
        };
        me.up()?;
        pg(
            "createdb",
            &[
                "-h",
                "127.0.0.1",
                "-p",
                &port.to_string(),
                "-U",
                "revans",
                "revans",
            ],
        )?;
        Ok(me)
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// Starts the server and waits until it accepts connections.
    pub fn up(&self) -> anyhow::Result<()> {
        let options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1",
            self.port,
            self.dir.path().display()
        );
        pg(
            "pg_ctl",
            &[
                "-D",
                &self.data().to_string_lossy(),
                "-o",
                &options,
                "-l",
                &self.dir.path().join("server.log").to_string_lossy(),
                "-w",
                "start",
            ],
        )
    }

    /// Stops the server ("fast": open connections are cut, as when a database host goes away).
    pub fn down(&self) -> anyhow::Result<()> {
        pg(
            "pg_ctl",
            &[
                "-D",
                &self.data().to_string_lossy(),
                "-m",
                "fast",
                "-w",
                "stop",
            ],
        )
    }
}

impl Drop for PrivatePg {
    fn drop(&mut self) {
        let _ = pg(
            "pg_ctl",
            &[
                "-D",
                &self.data().to_string_lossy(),
                "-m",
                "immediate",
                "-w",
                "stop",
            ],
        );
    }
}
