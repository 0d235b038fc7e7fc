//! A shop op's transaction (order ops need none: each is one statement, see `order_ops.rs`),
//! written so its `COMMIT` travels with its writes (pipelined). tokio-postgres's
//! `Transaction` waits for each of them.

use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};

use deadpool_postgres::{Client, ClientWrapper, Object};

use crate::HubError;

/// An open transaction on a pooled connection: the caller sends `BEGIN` with its first
/// statements, then finishes with [`OpTx::commit_with`] or [`OpTx::rollback`]. Dropped
/// while still open (an early error, a panic), it takes the connection out of the pool and
/// closes it, so PostgreSQL rolls the transaction back and no later request is handed a
/// connection in the middle of one.
pub(crate) struct OpTx<'a> {
    conn: &'a mut Option<Client>,
    /// Atomic only so the guard can be shared across awaits of a `Send` future.
    open: AtomicBool,
}

impl<'a> OpTx<'a> {
    pub(crate) fn start(conn: &'a mut Option<Client>) -> OpTx<'a> {
        OpTx {
            conn,
            open: AtomicBool::new(true),
        }
    }

    pub(crate) fn client(&self) -> Result<&ClientWrapper, HubError> {
        self.conn
            .as_deref()
            .ok_or_else(|| HubError::Corrupt("the connection was closed".into()))
    }

    /// Sends `COMMIT` right behind `writes` (pipelined) and waits for both. Had a write failed,
    /// PostgreSQL turns the `COMMIT` into a rollback: either way the transaction is over.
    pub(crate) async fn commit_with<T>(
        &self,
        writes: impl Future<Output = Result<T, HubError>>,
    ) -> Result<T, HubError> {
        let client = self.client()?;
        let (written, committed) = tokio::join!(writes, client.batch_execute("COMMIT"));
        self.open.store(false, Ordering::Relaxed);
        let written = written?;
        committed?;
        Ok(written)
    }

    pub(crate) async fn rollback(&self) -> Result<(), HubError> {
        self.client()?.batch_execute("ROLLBACK").await?;
        self.open.store(false, Ordering::Relaxed);
        Ok(())
    }
}

impl Drop for OpTx<'_> {
    fn drop(&mut self) {
        if *self.open.get_mut() {
            if let Some(client) = self.conn.take() {
                drop(Object::take(client));
            }
        }
    }
}
