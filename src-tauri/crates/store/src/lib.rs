//! OrderDesk's local database: one SQLite file per shop, in WAL mode, with one writer
//! connection on its own thread and a small pool of readers.
//!
//! Every write goes through the writer; an operation is validated by `domain` against the rows
//! as they are inside the write transaction, and its effect and its `ops` row (the outbox and
//! the audit) commit together or not at all.

mod connection;
mod error;
mod read;
mod readers;
mod rows;
mod write;
mod writer;

#[cfg(test)]
mod tests;

use std::path::Path;

use domain::{OpEnvelope, Order, Workflow};
use jiff::Timestamp;
use rusqlite::TransactionBehavior;
use uuid::Uuid;

pub use error::StoreError;
pub use read::{OpRecord, QueueRow, StageCount};
pub use write::{NewOp, Seed};

use readers::Readers;
use writer::Writer;

const DEVICE_ID: &str = "device_id";

pub struct Store {
    writer: Writer,
    readers: Readers,
    device_id: Uuid,
}

impl Store {
    /// Opens the database at `path`, creating and migrating it as needed. A new database gets
    /// this device's id and the default workflow.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let mut conn = connection::open_writer(path)?;
        let device_id = {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let device_id = match read::meta(&tx, DEVICE_ID)? {
                Some(text) => rows::uuid(&text)?,
                None => {
                    let id = Uuid::now_v7();
                    write::set_meta(&tx, DEVICE_ID, &id.to_string())?;
                    id
                }
            };
            let stages: i64 = tx.query_row("SELECT COUNT(*) FROM stages", [], |r| r.get(0))?;
            if stages == 0 {
                write::insert_workflow(&tx, &Workflow::default_template())?;
            }
            tx.commit()?;
            device_id
        };
        Ok(Store {
            writer: Writer::spawn(conn)?,
            readers: Readers::new(path.to_path_buf()),
            device_id,
        })
    }

    /// This installation's id, made once when the database was created.
    pub fn device_id(&self) -> Uuid {
        self.device_id
    }

    pub fn workflow(&self) -> Result<Workflow, StoreError> {
        self.readers.read(read::workflow)
    }

    /// Counts per stage that has orders; stages without orders are absent.
    pub fn stage_counts(&self, now: Timestamp) -> Result<Vec<StageCount>, StoreError> {
        self.readers.read(|conn| read::stage_counts(conn, now))
    }

    /// A stage's orders, the most urgent deadline first, then the longest waiting.
    pub fn stage_orders(&self, stage_id: &str) -> Result<Vec<QueueRow>, StoreError> {
        self.readers.read(|conn| read::stage_orders(conn, stage_id))
    }

    pub fn order(&self, id: Uuid) -> Result<Order, StoreError> {
        self.readers.read(|conn| read::order(conn, id))
    }

    /// The order's operations, oldest first.
    pub fn order_ops(&self, id: Uuid) -> Result<Vec<OpRecord>, StoreError> {
        self.readers.read(|conn| read::order_ops(conn, id))
    }

    /// Validates and applies an operation made on this device and appends it to the outbox,
    /// in one transaction. Returns the op as it will be synced.
    pub fn record(&self, op: NewOp) -> Result<OpEnvelope, StoreError> {
        let device_id = self.device_id;
        self.writer.run(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let envelope = write::record(&tx, device_id, op)?;
            tx.commit()?;
            Ok(envelope)
        })
    }

    /// Whether an import under `key` has happened.
    pub fn is_seeded(&self, key: &str) -> Result<bool, StoreError> {
        Ok(self.readers.read(|conn| read::meta(conn, key))?.is_some())
    }

    /// Imports `seed` in one transaction unless an import under `key` already happened.
    pub fn seed_once(&self, key: &str, seed: Seed) -> Result<bool, StoreError> {
        let key = key.to_owned();
        self.writer.run(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let imported = write::seed_once(&tx, &key, &seed)?;
            tx.commit()?;
            Ok(imported)
        })
    }
}
