//! The background loop: rounds, long-polls between them, backoff while offline.

use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

use jiff::Timestamp;
use store::Store;
use tokio::sync::{watch, Notify};

use crate::{round, HttpHub, HubLink, SyncError};

/// How long a pull waits for news from other PCs before asking again.
const LONG_POLL_MS: u32 = 20_000;
const FIRST_BACKOFF: Duration = Duration::from_millis(500);
const LONGEST_BACKOFF: Duration = Duration::from_secs(30);
/// How often a shared PC asks the hub who may sign in at it.
const MEMBERS_EVERY: Duration = Duration::from_secs(60);

/// What the loop knows about the link; `pending` and refusals come from the store.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Status {
    pub running: bool,
    /// When the hub stopped answering, while it still does not.
    pub offline_since: Option<Timestamp>,
    pub last_error: Option<String>,
    pub last_synced: Option<Timestamp>,
    pub revoked: bool,
    pub upgrade_required: bool,
    /// While catching up with the hub (a first join): (applied up to, head).
    pub catching_up: Option<(i64, i64)>,
}

pub struct SyncLoop {
    status: Arc<Mutex<Status>>,
    nudge: Arc<Notify>,
    stop: watch::Sender<bool>,
    thread: Option<JoinHandle<()>>,
}

impl SyncLoop {
    /// Starts syncing `store` with the hub at `link` on a thread of its own.
    pub fn start(store: Arc<Store>, link: HubLink) -> Result<SyncLoop, SyncError> {
        let hub = HttpHub::new(link)?;
        let status = Arc::new(Mutex::new(Status {
            running: true,
            ..Status::default()
        }));
        let nudge = Arc::new(Notify::new());
        let (stop, stopped) = watch::channel(false);
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| SyncError::Offline(format!("starting the sync runtime: {e}")))?;
        let (s, n) = (status.clone(), nudge.clone());
        let thread = std::thread::Builder::new()
            .name("hub-sync".into())
            .spawn(move || {
                runtime.block_on(run(&store, &hub, &s, &n, stopped));
                lock(&s).running = false;
            })
            .map_err(|e| SyncError::Offline(format!("starting the sync thread: {e}")))?;
        Ok(SyncLoop {
            status,
            nudge,
            stop,
            thread: Some(thread),
        })
    }

    pub fn status(&self) -> Status {
        lock(&self.status).clone()
    }

    /// A local op was recorded: push it now instead of after the current long-poll.
    pub fn nudge(&self) {
        self.nudge.notify_one();
    }

    /// Stops the loop and waits for it; a round cut short is finished by the next start
    /// (the hub answers a repeated push from its store).
    pub fn stop(mut self) {
        self.halt();
    }

    fn halt(&mut self) {
        let _ = self.stop.send(true);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for SyncLoop {
    fn drop(&mut self) {
        self.halt();
    }
}

fn shared(store: &Store) -> bool {
    store.team_shared().unwrap_or_else(|e| {
        tracing::warn!(error = %e, "reading whether this device is shared");
        false
    })
}

fn lock(status: &Mutex<Status>) -> std::sync::MutexGuard<'_, Status> {
    status.lock().unwrap_or_else(PoisonError::into_inner)
}

async fn run(
    store: &Store,
    hub: &HttpHub,
    status: &Mutex<Status>,
    nudge: &Notify,
    mut stop: watch::Receiver<bool>,
) {
    let mut backoff = FIRST_BACKOFF;
    let mut wait = 0;
    let mut members_at: Option<std::time::Instant> = None;
    loop {
        if *stop.borrow() {
            return;
        }
        if members_at.is_none_or(|t| t.elapsed() >= MEMBERS_EVERY) && shared(store) {
            tokio::select! {
                r = crate::refresh_members(store, hub, Timestamp::now()) => match r {
                    Ok(_) => members_at = Some(std::time::Instant::now()),
                    // The round that follows meets the same trouble and says it.
                    Err(e) => tracing::warn!(error = %e, "the shared device's members"),
                },
                _ = stop.changed() => return,
            }
        }
        let mut progress = |done: i64, head: i64| {
            lock(status).catching_up = (head > done).then_some((done, head));
        };
        let result = tokio::select! {
            r = round(store, hub, wait, Timestamp::now(), &mut progress) => Some(r),
            () = nudge.notified(), if wait > 0 => None,
            _ = stop.changed() => return,
        };
        let Some(result) = result else {
            // A local op: the next round pushes it at once.
            wait = 0;
            continue;
        };
        let pause = match result {
            Ok(done) => {
                if done.refused > 0 {
                    // A refusal may be a member the hub no longer lets act here: learn who
                    // may before the next round, not in a minute.
                    members_at = None;
                }
                let mut s = lock(status);
                s.offline_since = None;
                // Ops the hub took that this desk's rules refused: its shop settings differ
                // from the hub's; say so rather than look synced.
                s.last_error = (done.diverged > 0).then(|| {
                    format!(
                        "{} changes from the hub could not be applied here: this desk's shop \
                         settings differ from the hub's",
                        done.diverged
                    )
                });
                s.catching_up = None;
                s.last_synced = Some(Timestamp::now());
                backoff = FIRST_BACKOFF;
                wait = LONG_POLL_MS;
                continue;
            }
            Err(SyncError::Revoked) => {
                if let Err(e) = store.mark_revoked() {
                    tracing::error!(error = %e, "could not remember the revocation");
                }
                let mut s = lock(status);
                s.revoked = true;
                s.last_error = Some(SyncError::Revoked.to_string());
                return;
            }
            Err(SyncError::UpgradeRequired) => {
                let mut s = lock(status);
                s.upgrade_required = true;
                s.last_error = Some(SyncError::UpgradeRequired.to_string());
                return;
            }
            Err(SyncError::RateLimited { retry_after_s }) => {
                lock(status).last_error =
                    Some(SyncError::RateLimited { retry_after_s }.to_string());
                Duration::from_secs(retry_after_s)
            }
            Err(e) => {
                tracing::warn!(error = %e, "sync round failed");
                let mut s = lock(status);
                if matches!(e, SyncError::Offline(_)) {
                    s.offline_since.get_or_insert_with(Timestamp::now);
                }
                s.last_error = Some(e.to_string());
                // Jitter, so PCs that lost the hub together do not return in lockstep.
                let pause = backoff.mul_f64(0.75 + fastrand::f64() / 2.0);
                backoff = (backoff * 2).min(LONGEST_BACKOFF);
                pause
            }
        };
        wait = 0;
        tokio::select! {
            () = tokio::time::sleep(pause) => {}
            () = nudge.notified() => {}
            _ = stop.changed() => return,
        }
    }
}
