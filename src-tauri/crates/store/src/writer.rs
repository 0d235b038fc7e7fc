use std::ffi::c_int;
use std::sync::mpsc;
use std::thread::JoinHandle;

use rusqlite::Connection;

use crate::checkpoint::{self, Checkpointer};
use crate::StoreError;

type Job = Box<dyn FnOnce(&mut Connection) + Send>;

/// The one connection that writes, on its own thread: writes queue up here instead of
/// fighting over SQLite's lock with `SQLITE_BUSY`.
pub(crate) struct Writer {
    jobs: Option<mpsc::Sender<Job>>,
    thread: Option<JoinHandle<()>>,
}

impl Writer {
    pub(crate) fn spawn(conn: Connection) -> Result<Writer, StoreError> {
        Self::spawn_checkpointing_at(conn, checkpoint::FRAMES)
    }

    fn spawn_checkpointing_at(mut conn: Connection, frames: c_int) -> Result<Writer, StoreError> {
        let (jobs, queue) = mpsc::channel::<Job>();
        let (started, start) = mpsc::sync_channel(1);
        let thread = std::thread::Builder::new()
            .name("sqlite-writer".into())
            .spawn(move || {
                let checkpointer = match Checkpointer::start(&conn, frames) {
                    Ok(c) => c,
                    Err(e) => {
                        let _ = started.send(Err(e));
                        return;
                    }
                };
                let _ = started.send(Ok(()));
                for job in queue {
                    // A panicking job must not take every later write with it: its open
                    // transaction is rolled back (rusqlite's guard does so while unwinding,
                    // and this makes sure) and the writer takes the next job. Its caller
                    // hears `WriteAborted`.
                    let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        job(&mut conn);
                    }));
                    if ran.is_err() {
                        tracing::error!("a write job panicked; rolled back, the writer goes on");
                        if !conn.is_autocommit() {
                            let _ = conn.execute_batch("ROLLBACK");
                        }
                    }
                    checkpointer.after_write();
                }
                // The checkpointer closes first (see its Drop), then this connection.
                drop(checkpointer);
            })
            .map_err(StoreError::Spawn)?;
        start.recv().map_err(|_| StoreError::WriterGone)??;
        Ok(Writer {
            jobs: Some(jobs),
            thread: Some(thread),
        })
    }

    /// Runs `job` on the writer thread and waits for its result.
    pub(crate) fn run<R, F>(&self, job: F) -> Result<R, StoreError>
    where
        R: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<R, StoreError> + Send + 'static,
    {
        self.submit(job)?.wait()
    }

    /// Queues `job` on the writer thread without waiting: the caller can do other work (fetch
    /// and parse the next page of a channel import) while it runs.
    pub(crate) fn submit<R, F>(&self, job: F) -> Result<Pending<R>, StoreError>
    where
        R: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<R, StoreError> + Send + 'static,
    {
        let (reply, answer) = mpsc::sync_channel(1);
        let jobs = self.jobs.as_ref().ok_or(StoreError::WriterGone)?;
        jobs.send(Box::new(move |conn| {
            // Sent before a panic unwinds past it, so the caller hears why.
            let guard = PanicReply(Some(reply));
            let result = job(conn);
            // The caller may have given up waiting; its result then has nowhere to go.
            if let Some(reply) = guard.take() {
                let _ = reply.send(result);
            }
        }))
        .map_err(|_| StoreError::WriterGone)?;
        Ok(Pending(answer))
    }
}

/// Answers `WriteAborted` if the job panics before it answers itself.
struct PanicReply<R>(Option<mpsc::SyncSender<Result<R, StoreError>>>);

impl<R> PanicReply<R> {
    fn take(mut self) -> Option<mpsc::SyncSender<Result<R, StoreError>>> {
        self.0.take()
    }
}

impl<R> Drop for PanicReply<R> {
    fn drop(&mut self) {
        if let Some(reply) = self.0.take() {
            let _ = reply.send(Err(StoreError::WriteAborted));
        }
    }
}

/// A write queued on the writer thread; [`Pending::wait`] blocks until it has run. Dropped
/// unread, the write still runs (and commits or rolls back) on its own.
#[must_use = "a queued write's outcome is only known by waiting for it"]
pub(crate) struct Pending<R>(mpsc::Receiver<Result<R, StoreError>>);

impl<R> Pending<R> {
    pub(crate) fn wait(self) -> Result<R, StoreError> {
        self.0.recv().map_err(|_| StoreError::WriterGone)?
    }
}

impl Drop for Writer {
    /// Finishes queued writes and closes the connection before returning, so reopening the
    /// same file right after (tests, profile switch) sees everything committed.
    fn drop(&mut self) {
        drop(self.jobs.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_job_is_rolled_back_and_the_writer_goes_on() {
        let dir = tempfile::tempdir().expect("temp dir");
        let conn = Connection::open(dir.path().join("w.sqlite3")).expect("open");
        conn.execute_batch("PRAGMA journal_mode = WAL; CREATE TABLE t (x INTEGER);")
            .expect("schema");
        let writer = Writer::spawn(conn).expect("writer");
        let panicked = writer.run(|conn| -> Result<(), StoreError> {
            let tx = conn.transaction()?;
            tx.execute("INSERT INTO t (x) VALUES (1)", [])?;
            panic!("a bug in a write job");
        });
        assert!(
            matches!(panicked, Err(StoreError::WriteAborted)),
            "{panicked:?}"
        );
        let count = writer
            .run(|conn| {
                conn.execute("INSERT INTO t (x) VALUES (2)", [])?;
                Ok(conn.query_row("SELECT count(*), max(x) FROM t", [], |r| {
                    Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
                })?)
            })
            .expect("the next write");
        assert_eq!(count, (1, 2), "the panicked insert was undone");
    }

    fn db_bytes(path: &std::path::Path) -> u64 {
        std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
    }

    #[test]
    fn a_commit_past_the_threshold_returns_before_the_checkpoint_which_runs_beside_the_writer() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("w.sqlite");
        let conn = crate::connection::open_writer(&path).expect("open");
        let writer = Writer::spawn_checkpointing_at(conn, 100).expect("writer");
        let db = path.clone();
        let (in_commit, frames) = writer
            .run(move |conn| {
                let tx = conn.transaction()?;
                tx.execute_batch("CREATE TABLE filler (b BLOB)")?;
                for _ in 0..2_000 {
                    tx.execute("INSERT INTO filler VALUES (zeroblob(1000))", [])?;
                }
                tx.commit()?;
                Ok((db_bytes(&db), checkpoint::wal_frames()))
            })
            .expect("write");
        assert!(frames > 100, "the hook saw {frames} frames");
        // Still in the WAL when the committing job got its answer: the commit did not
        // checkpoint.
        assert!(
            in_commit < 1_000_000,
            "database file {in_commit} B at commit"
        );
        // The checkpoint follows beside the writer: the file takes the rows, and once every
        // frame is copied the next write starts the WAL over.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        loop {
            let frames = writer
                .run(|conn| {
                    conn.execute("INSERT INTO filler VALUES (zeroblob(10))", [])?;
                    Ok(checkpoint::wal_frames())
                })
                .expect("one more write");
            if frames < 10 {
                break;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "no checkpoint: {frames} frames in the WAL"
            );
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        assert!(
            db_bytes(&path) > 2_000_000,
            "the rows are in the database file"
        );
    }
}
