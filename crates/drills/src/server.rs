//! A real `revans demo` process: started on a free port with its own data and mail folders,
//! killed with SIGKILL (`Child::kill` on Unix) when a drill says so.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use anyhow::{Context, bail};

pub struct Server {
    child: Child,
    pub url: String,
}

/// Where a drill's Revans keeps its state between restarts.
#[derive(Clone)]
pub struct Target {
    pub bin: PathBuf,
    pub data: PathBuf,
    pub database_url: String,
}

impl Target {
    pub fn mail_folder(&self) -> PathBuf {
        self.data.join("mail")
    }
}

impl Server {
    /// Starts `revans --database URL demo --listen 127.0.0.1:0 --data DIR` (the demo seeds its
    /// tenant once and leaves it on later starts) and waits for "running at URL".
    pub fn start(target: &Target) -> anyhow::Result<Self> {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(target.data.join("server.log"))?;
        let mut command = Command::new(&target.bin);
        // Revans refuses REVANS_* settings it does not know: pass none of ours.
        for (key, _) in std::env::vars() {
            if key.starts_with("REVANS_") {
                command.env_remove(key);
            }
        }
        let mut child = command
            .arg("--database")
            .arg(&target.database_url)
            .args(["demo", "--listen", "127.0.0.1:0", "--data"])
            .arg(&target.data)
            .current_dir(&target.data)
            .env("REVANS_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .with_context(|| format!("cannot start {}", target.bin.display()))?;
        let stdout = child.stdout.take().context("no stdout")?;
        let (tx, rx) = mpsc::channel();
        // Reads the banner, then keeps draining so the child never blocks on a full pipe.
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { return };
                if let Some(i) = line.find("running at http://") {
                    let _ = tx.send(line[i + "running at ".len()..].trim().to_owned());
                }
            }
        });
        match rx.recv_timeout(Duration::from_secs(90)) {
            Ok(url) => Ok(Server { child, url }),
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                bail!(
                    "revans did not start within 90 s; see {}",
                    target.data.join("server.log").display()
                )
            }
        }
    }

    /// SIGKILL: no shutdown hooks, no flushing; as a power cut is to the process.
    pub fn kill(mut self) -> anyhow::Result<()> {
        self.child.kill()?;
        self.child.wait()?;
        Ok(())
    }
}

/// Makes a fresh folder for a drill's data, kept when `keep` is true (to inspect after a failure).
pub fn data_folder(keep: bool) -> anyhow::Result<(PathBuf, Option<tempfile::TempDir>)> {
    let dir = tempfile::Builder::new().prefix("revans-drill-").tempdir()?;
    let path = dir.path().to_path_buf();
    if keep {
        let _ = dir.keep();
        Ok((path, None))
    } else {
        Ok((path, Some(dir)))
    }
}

pub fn sqlite_url(data: &Path) -> String {
    format!("sqlite://{}/revans.db", data.display())
}
