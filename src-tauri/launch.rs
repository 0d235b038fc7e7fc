//! Command-line and environment options of the desk binary.

use std::path::PathBuf;
use std::time::{Duration, Instant};

/// How this process was launched.
#[derive(Debug, Clone)]
pub struct Launch {
    /// `--data-dir DIR` or `ORDERDESK_DATA_DIR`; else the OS data directory.
    pub data_dir: Option<PathBuf>,
    /// `ORDERDESK_EXIT_AFTER_RENDER=1`: print the start-up time and quit once the queue is on
    /// screen. The start-up benchmark runs the real binary this way.
    pub exit_after_render: bool,
    /// `--clock-offset-minutes N` or `ORDERDESK_CLOCK_OFFSET_MINUTES`: the desk's clock runs N
    /// minutes ahead. For demonstrations and end-to-end tests of time limits, which would
    /// otherwise need hours of waiting.
    pub clock_offset_minutes: i64,
    /// `--papers-dir DIR` or `ORDERDESK_PAPERS_DIR`: where "Save PDF" writes; else
    /// «OrderDesk» in the user's documents.
    pub papers_dir: Option<PathBuf>,
    /// `--demo` or `ORDERDESK_DEMO=1`: a new shop opens as the demo shop instead of asking
    /// on the first-run screen (`cargo xtask run`, tests that want demo orders). A shop set
    /// up already opens as it is. `--team` (or `ORDERDESK_TEAM=1`), a desk meant for a team,
    /// overrides it.
    pub demo: bool,
    /// `orderdesk://order/N` or `orderdesk://call?from=…` among the arguments: what the
    /// window opens once it is up (src-tauri/links.rs).
    pub link: Option<String>,
    /// `--hidden`: started at login, the desk waits in the tray without showing its window
    /// (shown when the desktop has no tray).
    pub hidden: bool,
    /// How often overdue orders are looked for: a minute, the resolution of stage limits;
    /// `ORDERDESK_ALERT_EVERY_SECONDS` shortens it for the end-to-end test of the tray.
    pub alert_every: Duration,
    pub started: Instant,
}

impl Launch {
    pub fn from_env() -> Self {
        let started = Instant::now();
        let mut data_dir = std::env::var_os("ORDERDESK_DATA_DIR").map(PathBuf::from);
        let mut clock_offset_minutes = std::env::var("ORDERDESK_CLOCK_OFFSET_MINUTES")
            .ok()
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0);
        let mut papers_dir = std::env::var_os("ORDERDESK_PAPERS_DIR").map(PathBuf::from);
        let mut team = std::env::var("ORDERDESK_TEAM").is_ok_and(|v| v == "1");
        let mut demo = std::env::var("ORDERDESK_DEMO").is_ok_and(|v| v == "1");
        let mut hidden = false;
        let mut args = std::env::args_os().skip(1);
        while let Some(arg) = args.next() {
            if arg == "--data-dir" {
                data_dir = args.next().map(PathBuf::from);
            } else if let Some(value) = arg.to_str().and_then(|a| a.strip_prefix("--data-dir=")) {
                data_dir = Some(PathBuf::from(value));
            } else if arg == "--team" {
                team = true;
            } else if arg == "--demo" {
                demo = true;
            } else if arg == crate::desktop::HIDDEN_ARG {
                hidden = true;
            } else if arg == "--connectors" {
                // Gone: in a team the hub runs the connectors (`orderdesk-hub connector
                // enable`), so that they never run on every PC at once.
                eprintln!("--connectors is no longer used: a team's hub runs its connectors");
            } else if arg == "--papers-dir" {
                papers_dir = args.next().map(PathBuf::from);
            } else if arg == "--clock-offset-minutes" {
                match args.next().and_then(|v| v.to_str()?.trim().parse().ok()) {
                    Some(minutes) => clock_offset_minutes = minutes,
                    None => eprintln!("--clock-offset-minutes wants a whole number; ignored"),
                }
            }
        }
        let alert_every = std::env::var("ORDERDESK_ALERT_EVERY_SECONDS")
            .ok()
            .and_then(|v| v.trim().parse::<u64>().ok())
            .filter(|s| *s > 0)
            // A day at most: tokio's interval adds the period to an Instant, which panics on
            // a period near u64::MAX seconds.
            .map_or(Duration::from_secs(60), |s| {
                Duration::from_secs(s.min(86_400))
            });
        let exit_after_render =
            std::env::var("ORDERDESK_EXIT_AFTER_RENDER").is_ok_and(|v| v == "1");
        Self {
            data_dir,
            exit_after_render,
            clock_offset_minutes,
            papers_dir,
            demo: demo && !team,
            hidden,
            alert_every,
            link: crate::links::in_args(
                std::env::args_os().map(|a| a.to_string_lossy().into_owned()),
            ),
            started,
        }
    }

    /// The desk's "now": the only place the shell reads the clock for business logic.
    pub fn now(&self) -> jiff::Timestamp {
        let now = jiff::Timestamp::now();
        // An offset beyond what a duration holds is no offset (from_mins would panic).
        jiff::SignedDuration::try_from_mins(self.clock_offset_minutes)
            .and_then(|offset| now.checked_add(offset).ok())
            .unwrap_or(now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An offset beyond what a duration holds (`--clock-offset-minutes` with a huge number)
    /// panicked in `now()`, and with it every command and watcher.
    #[test]
    fn a_clock_offset_beyond_any_duration_is_no_offset() {
        let launch = |clock_offset_minutes| Launch {
            data_dir: None,
            exit_after_render: false,
            clock_offset_minutes,
            papers_dir: None,
            demo: false,
            link: None,
            hidden: false,
            alert_every: Duration::from_secs(60),
            started: Instant::now(),
        };
        let before = jiff::Timestamp::now();
        for huge in [i64::MAX, i64::MIN] {
            let now = launch(huge).now();
            assert!(now >= before && now <= jiff::Timestamp::now(), "{huge}");
        }
        let ahead = launch(120).now();
        assert!(ahead >= before + jiff::SignedDuration::from_mins(120));
    }
}
