//! Shows engine progress: a spinner with the best objective on a terminal (after a second),
//! plain periodic lines otherwise, nothing when quiet.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};
use revans_engine::{Progress, ProgressInfo};

pub struct Reporter {
    bar: Option<ProgressBar>,
    total: Duration,
    last_line: Duration,
    quiet: bool,
}

impl Reporter {
    pub fn new(total_seconds: f64, quiet: bool) -> Reporter {
        let total = Duration::from_secs_f64(total_seconds.max(0.0));
        let bar = (!quiet && std::io::stderr().is_terminal() && total_seconds > 1.0).then(|| {
            let bar = ProgressBar::new(total.as_millis() as u64);
            bar.set_style(
                ProgressStyle::with_template("{bar:30} {elapsed}/{duration} {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar
        });
        Reporter {
            bar,
            total,
            last_line: Duration::ZERO,
            quiet,
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Progress for Reporter {
    fn update(&mut self, info: &ProgressInfo) {
        if self.quiet {
            return;
        }
        match &self.bar {
            Some(bar) => {
                bar.set_position(info.elapsed.min(self.total).as_millis() as u64);
                bar.set_message(format!(
                    "best {:.3} after {} rounds",
                    info.best, info.rounds
                ));
            }
            None => {
                if info.elapsed >= self.last_line + Duration::from_secs(1) || info.rounds == 0 {
                    self.last_line = info.elapsed;
                    eprintln!(
                        "[{:6.1}s] best {:.3} after {} rounds",
                        info.elapsed.as_secs_f64(),
                        info.best,
                        info.rounds
                    );
                }
            }
        }
    }
}
