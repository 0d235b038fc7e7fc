use std::sync::mpsc;
use std::thread::JoinHandle;

use rusqlite::Connection;

use crate::StoreError;

type Job = Box<dyn FnOnce(&mut Connection) + Send>;

/// The one connection that writes, on its own thread: writes queue up here instead of
/// fighting over SQLite's lock with `SQLITE_BUSY`.
pub(crate) struct Writer {
    jobs: Option<mpsc::Sender<Job>>,
    thread: Option<JoinHandle<()>>,
}

impl Writer {
    pub(crate) fn spawn(mut conn: Connection) -> Result<Writer, StoreError> {
        let (jobs, queue) = mpsc::channel::<Job>();
        let thread = std::thread::Builder::new()
            .name("sqlite-writer".into())
            .spawn(move || {
                for job in queue {
                    job(&mut conn);
                }
            })
            .map_err(StoreError::Spawn)?;
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
            // The caller may have given up waiting; its result then has nowhere to go.
            let _ = reply.send(job(conn));
        }))
        .map_err(|_| StoreError::WriterGone)?;
        Ok(Pending(answer))
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
