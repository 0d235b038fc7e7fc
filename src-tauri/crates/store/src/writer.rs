use std::ffi::c_int;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Mutex, PoisonError};
use std::thread::JoinHandle;

use rusqlite::Connection;

use crate::checkpoint::{self, Checkpointer};
use crate::StoreError;

type Job = Box<dyn FnOnce(&mut Connection) + Send>;

/// The one connection that writes. Writes never fight over SQLite's lock with `SQLITE_BUSY`:
/// they take turns on this connection. A write the caller waits for ([`Writer::run`]) runs on
/// the caller's own thread when no queued write is ahead of it; writes queued without
/// waiting ([`Writer::submit`]) run on the writer's thread, in order, and a `run` behind one
/// of them goes through the same queue so it still sees them.
///
/// Why not always the thread: a single-op write handed to another thread and back costs two
/// wake-ups, and on a busy machine each waits for a free core (the core bench measured
/// 120–700 µs of waiting per op on two loaded cores, against ~270 µs of work).
pub(crate) struct Writer {
    shared: Arc<Shared>,
    jobs: Option<mpsc::Sender<Job>>,
    thread: Option<JoinHandle<()>>,
}

struct Shared {
    conn: Mutex<Conn>,
    /// Jobs submitted to the thread and not finished yet.
    queued: AtomicUsize,
}

/// Fields drop in order: the checkpointer closes its connection before the writer's (the
/// last connection to close copies what is left and removes the WAL).
struct Conn {
    checkpointer: Checkpointer,
    conn: Connection,
}

impl Conn {
    /// Runs `job` on the calling thread. A panicking job must not take every later write
    /// with it: its open transaction is rolled back (rusqlite's guard does so while
    /// unwinding, and this makes sure) and the panic goes on to the caller's handling.
    fn execute<R>(&mut self, job: impl FnOnce(&mut Connection) -> R) -> std::thread::Result<R> {
        let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| job(&mut self.conn)));
        if ran.is_err() {
            tracing::error!("a write job panicked; rolled back, the writer goes on");
            if !self.conn.is_autocommit() {
                let _ = self.conn.execute_batch("ROLLBACK");
            }
        }
        // On the thread that committed: the WAL hook counted its frames there.
        self.checkpointer.after_write();
        ran
    }
}

impl Writer {
    pub(crate) fn spawn(conn: Connection) -> Result<Writer, StoreError> {
        Self::spawn_checkpointing_at(conn, checkpoint::FRAMES)
    }

    fn spawn_checkpointing_at(conn: Connection, frames: c_int) -> Result<Writer, StoreError> {
        let checkpointer = Checkpointer::start(&conn, frames)?;
        crate::write::writer_opened();
        let shared = Arc::new(Shared {
            conn: Mutex::new(Conn { checkpointer, conn }),
            queued: AtomicUsize::new(0),
        });
        let (jobs, queue) = mpsc::channel::<Job>();
        let on_thread = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name("sqlite-writer".into())
            .spawn(move || {
                for job in queue {
                    // A job that panicked has answered `WriteAborted` (see `submit`).
                    let _ = on_thread.lock().execute(job);
                    on_thread.queued.fetch_sub(1, Ordering::AcqRel);
                }
            })
            .map_err(StoreError::Spawn)?;
        Ok(Writer {
            shared,
            jobs: Some(jobs),
            thread: Some(thread),
        })
    }

    /// Runs `job` and waits for its result: on this thread when nothing is queued ahead of
    /// it, else behind the queued writes on the writer's thread.
    pub(crate) fn run<R, F>(&self, job: F) -> Result<R, StoreError>
    where
        R: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<R, StoreError> + Send + 'static,
    {
        if self.jobs.is_none() {
            return Err(StoreError::WriterGone);
        }
        if self.shared.queued.load(Ordering::Acquire) > 0 {
            return self.submit(job)?.wait();
        }
        match self.shared.lock().execute(job) {
            Ok(result) => result,
            Err(_) => Err(StoreError::WriteAborted),
        }
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
        self.shared.queued.fetch_add(1, Ordering::AcqRel);
        let sent = jobs.send(Box::new(move |conn| {
            // Sent before a panic unwinds past it, so the caller hears why.
            let guard = PanicReply(Some(reply));
            let result = job(conn);
            // The caller may have given up waiting; its result then has nowhere to go.
            if let Some(reply) = guard.take() {
                let _ = reply.send(result);
            }
        }));
        if sent.is_err() {
            self.shared.queued.fetch_sub(1, Ordering::AcqRel);
            return Err(StoreError::WriterGone);
        }
        Ok(Pending(answer))
    }
}

impl Shared {
    /// A job that panicked was rolled back before the lock was released, so the connection
    /// behind a poisoned lock is still good.
    fn lock(&self) -> std::sync::MutexGuard<'_, Conn> {
        self.conn.lock().unwrap_or_else(PoisonError::into_inner)
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
        // The thread's handle on the connection went with it: `shared` is the last one, and
        // dropping it (as this returns) closes the checkpointer's connection, then the
        // writer's.
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

    fn writer_with_table(dir: &std::path::Path) -> Writer {
        let conn = Connection::open(dir.join("w.sqlite3")).expect("open");
        conn.execute_batch("PRAGMA journal_mode = WAL; CREATE TABLE t (x INTEGER);")
            .expect("schema");
        Writer::spawn(conn).expect("writer")
    }

    #[test]
    fn a_write_waited_for_sees_the_writes_queued_before_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        let writer = writer_with_table(dir.path());
        let queued: Vec<_> = (1..=50)
            .map(|x| {
                writer
                    .submit(move |conn| Ok(conn.execute("INSERT INTO t (x) VALUES (?1)", [x])?))
                    .expect("queued")
            })
            .collect();
        let seen = writer
            .run(|conn| {
                Ok(conn.query_row("SELECT count(*), max(x) FROM t", [], |r| {
                    Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
                })?)
            })
            .expect("read behind the queue");
        assert_eq!(seen, (50, 50), "every queued insert ran first");
        for q in queued {
            assert_eq!(q.wait().expect("queued insert"), 1);
        }
    }

    #[test]
    fn a_panicking_queued_job_answers_write_aborted_and_the_writer_goes_on() {
        let dir = tempfile::tempdir().expect("temp dir");
        let writer = writer_with_table(dir.path());
        let panicked = writer
            .submit(|conn| -> Result<(), StoreError> {
                let tx = conn.transaction()?;
                tx.execute("INSERT INTO t (x) VALUES (1)", [])?;
                panic!("a bug in a queued write job");
            })
            .expect("queued")
            .wait();
        assert!(
            matches!(panicked, Err(StoreError::WriteAborted)),
            "{panicked:?}"
        );
        let count = writer
            .run(|conn| {
                conn.execute("INSERT INTO t (x) VALUES (2)", [])?;
                Ok(conn.query_row("SELECT count(*) FROM t", [], |r| r.get::<_, i64>(0))?)
            })
            .expect("the next write");
        assert_eq!(count, 1, "the panicked insert was undone");
    }

    #[test]
    fn writes_from_several_threads_take_turns_on_the_one_connection() {
        let dir = tempfile::tempdir().expect("temp dir");
        let writer = writer_with_table(dir.path());
        std::thread::scope(|s| {
            for t in 0..4 {
                let writer = &writer;
                s.spawn(move || {
                    for i in 0..100 {
                        writer
                            .run(move |conn| {
                                let tx = conn.transaction()?;
                                tx.execute("INSERT INTO t (x) VALUES (?1)", [t * 1000 + i])?;
                                tx.commit()?;
                                Ok(())
                            })
                            .expect("write");
                    }
                });
            }
        });
        let count = writer
            .run(|conn| Ok(conn.query_row("SELECT count(*) FROM t", [], |r| r.get::<_, i64>(0))?))
            .expect("count");
        assert_eq!(count, 400);
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
