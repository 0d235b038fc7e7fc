//! The shop as the window sees it: its open desk, or why the database could not be opened.
//! The desk can be closed and opened again in the running program, so a copy is put back
//! without a restart and a database that failed at start gets a window instead of an exit.

// Its refusals are the commands' own `{code, message, ...}` replies, made once per command:
// boxing them would only move the allocation, and every command would unbox it again.
#![allow(clippy::result_large_err)]

use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::{Duration, Instant};

use desk::Desk;
use proto::{CommandError, ErrorCode, OpenProblem, RecoveryView, RestoreDone};
use tauri::async_runtime::JoinHandle;

use crate::Launch;

/// How long a restore waits for the commands already running (a channel exchange, a paper
/// being printed) to let go of the desk before it gives up and leaves everything as it was.
const CLOSE_WAIT: Duration = Duration::from_secs(30);

pub struct Shop {
    data_dir: PathBuf,
    launch: Launch,
    desk: RwLock<Option<Arc<Desk>>>,
    /// Why the desk is not open; `None` while it is.
    problem: RwLock<Option<OpenProblem>>,
    /// The background jobs of the open desk, ended when it closes (each holds the desk).
    watchers: Mutex<Vec<JoinHandle<()>>>,
    /// One restore at a time.
    restoring: Mutex<()>,
    /// What the background jobs tell the window and the tray.
    hooks: crate::watch::Hooks,
}

/// Which copy to put back.
pub enum Which {
    Named(String),
    /// The newest that passes the check.
    Latest,
}

impl Shop {
    /// Opens the shop's desk; a failure is kept for the recovery window, never fatal.
    pub fn open(data_dir: PathBuf, launch: Launch, hooks: crate::watch::Hooks) -> Shop {
        let shop = Shop {
            data_dir,
            launch,
            hooks,
            desk: RwLock::new(None),
            problem: RwLock::new(None),
            watchers: Mutex::new(Vec::new()),
            restoring: Mutex::new(()),
        };
        shop.open_desk();
        shop
    }

    /// The open desk, or `desk_closed` for the window to show the recovery screen.
    pub fn desk(&self) -> Result<Arc<Desk>, CommandError> {
        let open = self.desk.read().unwrap_or_else(PoisonError::into_inner);
        open.clone().ok_or_else(|| {
            CommandError::new(
                ErrorCode::DeskClosed,
                "База магазина сейчас закрыта: идёт восстановление или её не удалось открыть.",
            )
        })
    }

    pub fn recovery_view(&self) -> RecoveryView {
        let problem = self
            .problem
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        desk::recovery::recovery_view(&self.data_dir, problem)
    }

    /// «Повторить»: the database is opened again (another copy of the program may have been
    /// closed, or the file's rights fixed, meanwhile).
    pub fn retry(&self) -> RecoveryView {
        let _one = self
            .restoring
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if self.desk().is_err() {
            self.open_desk();
        }
        self.recovery_view()
    }

    /// Puts a copy back. With the desk open (the backups screen) only the administrator may,
    /// the copy is checked while the desk still works, and the desk is closed, the copy put
    /// in place and the desk opened again on it. With the desk closed (the recovery window)
    /// the copy goes straight in and the desk is opened.
    pub fn restore(&self, which: Which) -> Result<RestoreDone, CommandError> {
        let _one = self
            .restoring
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let now = self.launch.now();
        let was_open = match self.desk() {
            Ok(desk) => {
                let Which::Named(name) = &which else {
                    // The latest copy is the recovery window's offer, not the desk's.
                    return Err(CommandError::new(
                        ErrorCode::InvalidInput,
                        "Выберите копию в списке.",
                    ));
                };
                desk.check_copy(name)?;
                drop(desk);
                self.close()?;
                true
            }
            Err(_) => false,
        };
        let restored = match which {
            Which::Named(name) => desk::recovery::restore_named(&self.data_dir, &name, now),
            Which::Latest => desk::recovery::restore_latest(&self.data_dir, now),
        };
        let restored = match restored {
            Ok(r) => r,
            Err(e) => {
                // Nothing was replaced: the shop goes on as it was.
                if was_open {
                    self.open_desk();
                }
                return Err(e.into());
            }
        };
        let opened = self.open_desk();
        Ok(restored.done(self.desk().ok().as_deref(), opened))
    }

    /// Lets the sync finish its round as the program exits.
    pub fn stop(&self) {
        if let Ok(desk) = self.desk() {
            desk.stop_sync();
        }
    }

    /// Opens the desk with its background jobs; on failure keeps why. `true` when open.
    fn open_desk(&self) -> bool {
        let now = self.launch.now();
        let opened = if self.launch.demo {
            Desk::open_demo(&self.data_dir, now)
        } else {
            Desk::open(&self.data_dir, now)
        };
        match opened {
            Ok(desk) => {
                let desk = Arc::new(desk);
                self.start_jobs(&desk);
                *self.problem.write().unwrap_or_else(PoisonError::into_inner) = None;
                *self.desk.write().unwrap_or_else(PoisonError::into_inner) = Some(desk);
                true
            }
            Err(err) => {
                tracing::error!(%err, data_dir = %self.data_dir.display(), "the shop's database could not be opened");
                let problem = desk::recovery::open_problem(&self.data_dir, &err);
                *self.problem.write().unwrap_or_else(PoisonError::into_inner) = Some(problem);
                false
            }
        }
    }

    fn start_jobs(&self, desk: &Arc<Desk>) {
        // A desk that joined a team syncs in the background from the start.
        match desk.start_sync() {
            Ok(true) => tracing::info!("team sync started"),
            Ok(false) => {}
            Err(err) => tracing::warn!(%err, "team sync not started"),
        }
        let launch = &self.launch;
        let jobs = [
            crate::watch::overdue_alerts(Arc::clone(desk), launch.clone(), self.hooks.clone()),
            crate::watch::channel_schedules(Arc::clone(desk), launch.clone()),
            crate::watch::daily_backups(Arc::clone(desk), launch.clone()),
        ];
        self.watchers
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend(jobs);
    }

    /// Takes the desk from the window and waits until nothing holds it, then drops it: its
    /// database is closed and its lock let go. New commands meanwhile get `desk_closed`. When
    /// something still holds it after [`CLOSE_WAIT`], the desk goes back to work as it was.
    fn close(&self) -> Result<(), CommandError> {
        let taken = self
            .desk
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        for job in self
            .watchers
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .drain(..)
        {
            job.abort();
        }
        let Some(mut desk) = taken else {
            return Ok(());
        };
        desk.stop_sync();
        let until = Instant::now() + CLOSE_WAIT;
        loop {
            match Arc::try_unwrap(desk) {
                Ok(alone) => {
                    drop(alone);
                    return Ok(());
                }
                Err(held) if Instant::now() < until => {
                    desk = held;
                    // Nothing to wait on but the other holders' ends: look again shortly.
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(held) => {
                    tracing::warn!("the desk stayed busy: nothing was restored");
                    self.start_jobs(&held);
                    *self.desk.write().unwrap_or_else(PoisonError::into_inner) = Some(held);
                    return Err(CommandError::new(
                        ErrorCode::DeskBusy,
                        "Программа занята долгой операцией — копия не восстановлена. \
                         Попробуйте ещё раз через минуту.",
                    ));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
