//! Checkpoints off the write path. SQLite's automatic checkpoint runs inside COMMIT, so the
//! write that crossed the threshold (a whole channel import: a tenth of its time) waited for
//! the copy into the database file and its fsyncs, and so did every write queued behind it.
//! The writer's connection only counts WAL frames; a thread with its own connection copies
//! them while the writer goes on (WAL lets one checkpoint run beside one writer).

use std::cell::Cell;
use std::ffi::c_int;
use std::path::Path;
use std::sync::mpsc::{self, SyncSender, TrySendError};
use std::thread::JoinHandle;

use rusqlite::hooks::Wal;
use rusqlite::Connection;

use crate::StoreError;

/// Checkpoints once the WAL holds ~40 MB rather than SQLite's 4 MB: at thousands of
/// operations a second the default spent a third of the writer's time in them.
pub(crate) const FRAMES: c_int = 10_000;

thread_local! {
    /// Frames in the WAL after this thread's last commit (the writer's WAL hook).
    static WAL_FRAMES: Cell<c_int> = const { Cell::new(0) };
}

fn wal_grew(_: &Wal, frames: c_int) -> rusqlite::Result<()> {
    WAL_FRAMES.set(frames);
    Ok(())
}

/// Frames in the WAL as of the calling thread's last commit.
#[cfg(test)]
pub(crate) fn wal_frames() -> c_int {
    WAL_FRAMES.get()
}

/// Copies the WAL into the database file when the writer asks, on its own thread.
pub(crate) struct Checkpointer {
    nudge: Option<SyncSender<()>>,
    thread: Option<JoinHandle<()>>,
    frames: c_int,
}

impl Checkpointer {
    /// Replaces `writer`'s automatic checkpoint; call on the thread that will write.
    pub(crate) fn start(writer: &Connection, frames: c_int) -> Result<Checkpointer, StoreError> {
        let path = writer.path().unwrap_or_default();
        let conn = Connection::open(Path::new(path))?;
        conn.busy_timeout(crate::connection::BUSY_TIMEOUT)?;
        // One nudge waiting is enough: a checkpoint copies everything committed before it.
        let (nudge, nudges) = mpsc::sync_channel::<()>(1);
        let thread = std::thread::Builder::new()
            .name("sqlite-checkpoint".into())
            .spawn(move || {
                for () in nudges {
                    checkpoint(&conn);
                }
            })
            .map_err(StoreError::Spawn)?;
        writer.wal_hook(Some(wal_grew));
        Ok(Checkpointer {
            nudge: Some(nudge),
            thread: Some(thread),
            frames,
        })
    }

    /// After each write, on the writer's thread: past the threshold, asks for a checkpoint
    /// and returns at once.
    pub(crate) fn after_write(&self) {
        if WAL_FRAMES.get() < self.frames {
            return;
        }
        if let Some(nudge) = &self.nudge {
            match nudge.try_send(()) {
                // Full: a checkpoint is already due and will copy this write too. Either way
                // the count is spent: the next commit's hook sets it again, so jobs that
                // commit nothing do not ask for more (empty) checkpoints meanwhile.
                Ok(()) | Err(TrySendError::Full(())) => WAL_FRAMES.set(0),
                Err(TrySendError::Disconnected(())) => {
                    tracing::warn!("the checkpoint thread has stopped")
                }
            }
        }
    }
}

/// PASSIVE: never waits for readers nor stops the writer. Frames a reader still needs stay
/// for the next checkpoint; the writer starts the WAL over once all are copied.
fn checkpoint(conn: &Connection) {
    let done = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| r.get::<_, i64>(0));
    if let Err(e) = done {
        tracing::warn!("checkpoint failed: {e}");
    }
}

impl Drop for Checkpointer {
    /// Lets a running checkpoint finish and closes its connection before the writer closes
    /// its own (the last connection to close copies what is left and removes the WAL).
    fn drop(&mut self) {
        drop(self.nudge.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
