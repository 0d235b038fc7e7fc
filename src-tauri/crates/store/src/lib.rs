//! OrderDesk's local database: one SQLite file per shop, in WAL mode, with one writer
//! connection on its own thread and a small pool of readers.
//!
//! Every write goes through the writer; an operation is validated by `domain` against the rows
//! as they are inside the write transaction, and its effect and its `ops` row (the outbox and
//! the audit) commit together or not at all.

mod backup;
mod catalog;
mod channel_api;
mod channel_numbers;
mod channel_orders;
mod channel_pushes;
mod channel_rows;
mod checkpoint;
mod connection;
mod customers;
mod error;
mod files;
mod instance;
mod invoices;
mod local_ops;
mod market_rows;
mod meta;
mod order_export;
mod order_rows;
mod paper_dates;
mod papers;
mod people;
mod product_search;
mod queue;
mod read;
mod readers;
mod repeat_customers;
mod requisites_rows;
mod route_sheets;
mod rows;
mod search;
mod setup;
mod shipping_seen;
mod shop_ops;
mod shop_rows;
mod stage_entries;
mod sync;
mod sync_base;
mod team_people;
mod versions;
mod workflow_edits;
mod write;
mod writer;

#[cfg(test)]
mod plan_tests;
#[cfg(test)]
mod tests;

use std::path::Path;

use domain::{Customer, OpEnvelope, Order, OrderContent, Product, Shop, Workflow};
use jiff::Timestamp;
use rusqlite::TransactionBehavior;
use uuid::Uuid;

pub use backup::{check as check_database, restore as restore_database, restore_setting_aside};
pub use channel_api::{peek_connections, ImportPages};
pub use channel_numbers::ChannelNumber;
pub use channel_orders::{CatalogEntry, ChannelOrderRow, ImportItem, ImportOutcome, StockRow};
pub use channel_pushes::{Dismissal, NewPush, PushNote, PushRow, PushState};
pub use channel_rows::{ChannelStateRow, ConnectionRow, StatusMapRow};
pub use connection::schema_fingerprint;
pub use customers::{CustomerCard, CustomerEdit, CustomerRow, MergeOutcome, CUSTOMER_LIST_MAX};
pub use error::{OpenFailure, StoreError};
pub use invoices::{format_number, valid_prefix, Invoice};
pub use local_ops::{ShopOp, EDIT_CONNECTION, SET_DELIVERY_MAP};
pub use market_rows::OrderChannelStatus;
pub use order_export::{ExportCursor, ExportFilter, ExportPage, ExportedOrder};
pub use paper_dates::PaperDate;
pub use people::{PersonChange, PersonEdit, PersonRow, DEFAULT_IDLE_LOCK_MINUTES};
pub use product_search::PRODUCT_MATCHES_MAX;
pub use queue::QueueFilter;
pub use read::{OpRecord, QueueRow, StageCount};
pub use requisites_rows::Requisites;
pub use search::{normalise_name, normalise_phone, SearchKey};
pub use setup::{row_counts_at, OwnStep, RowCounts, SetupChoice, SetupOp, SetupOutcome, ShopSetup};
pub use shipping_seen::ShippingSeen;
pub use shop_ops::PushChange;
pub use stage_entries::StageEntry;
pub use sync::{Cursors, NewShopOp, Pulled, PushAnswer, RejectionRecord, StoredRejection};
pub use team_people::TeamPerson;
pub use versions::{ChannelEvent, VersionRecord};
pub use workflow_edits::NewWorkflowEdit;
pub use write::{NewOp, Seed};

use readers::Readers;
use writer::Writer;

const DEVICE_ID: &str = "device_id";
const TIME_ZONE: &str = "shop_time_zone";

pub struct Store {
    writer: Writer,
    readers: Readers,
    device_id: Uuid,
    /// Last, so it is let go only after the writer has closed (fields drop in order).
    _instance: instance::InstanceLock,
}

impl Store {
    /// Opens the database at `path`, creating and migrating it as needed. A new database gets
    /// this device's id and the default workflow.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        // Before the writer opens (and migrates) anything: a second copy touches nothing.
        let instance = instance::lock(path, instance::CLOSING_GRACE)?;
        let mut conn = connection::open_writer(path)?;
        let device_id = {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let device_id = match read::meta(&tx, DEVICE_ID)? {
                Some(text) => rows::uuid(&text)?,
                None => {
                    let id = Uuid::now_v7();
                    crate::meta::set_meta(&tx, DEVICE_ID, &id.to_string())?;
                    id
                }
            };
            let stages: i64 = tx.query_row("SELECT COUNT(*) FROM stages", [], |r| r.get(0))?;
            let template = Shop::default_template();
            if stages == 0 {
                shop_rows::insert_workflow(&tx, &template.workflow)?;
            }
            shop_rows::write_defaults(&tx, &template)?;
            tx.commit()?;
            device_id
        };
        Ok(Store {
            writer: Writer::spawn(conn)?,
            readers: Readers::new(path.to_path_buf()),
            device_id,
            _instance: instance,
        })
    }

    /// This installation's id, made once when the database was created.
    pub fn device_id(&self) -> Uuid {
        self.device_id
    }

    pub fn workflow(&self) -> Result<Workflow, StoreError> {
        self.readers.read(shop_rows::workflow)
    }

    /// The shop's settings: workflow, tariffs, default VAT.
    pub fn shop(&self) -> Result<Shop, StoreError> {
        self.readers.read(shop_rows::shop)
    }

    /// Counts per stage that has orders; stages without orders are absent.
    pub fn stage_counts(&self, now: Timestamp) -> Result<Vec<StageCount>, StoreError> {
        self.readers.read(|conn| read::stage_counts(conn, now))
    }

    /// A stage's orders, the most urgent deadline first (orders without one last), then the
    /// longest waiting.
    pub fn stage_orders(&self, stage_id: &str) -> Result<Vec<QueueRow>, StoreError> {
        self.readers.read(|conn| read::stage_orders(conn, stage_id))
    }

    /// Grows with every op recorded here or taken in from elsewhere (a channel's import, a
    /// webhook, the team's hub) and with what a channel changes without one (a flag, its
    /// status, a problem order, the connection's state): the window polls it to know when to
    /// read its lists again.
    pub fn data_revision(&self) -> Result<i64, StoreError> {
        self.readers.read(|conn| {
            Ok(conn
                .prepare_cached(
                    "SELECT COALESCE((SELECT MAX(rowid) FROM ops), 0) \
                     + (SELECT n FROM channel_revision)",
                )?
                .query_row([], |r| r.get(0))?)
        })
    }

    /// The order with its lines, payments and calls.
    pub fn order(&self, id: Uuid) -> Result<Order, StoreError> {
        self.readers.read(|conn| {
            order_rows::load(conn, id)?.ok_or_else(|| StoreError::OrderNotFound(id.to_string()))
        })
    }

    pub fn orders(&self, filter: &QueueFilter) -> Result<Vec<QueueRow>, StoreError> {
        self.readers.read(|conn| queue::orders(conn, filter))
    }

    /// How many orders match `filter` without its limit.
    pub fn count_orders(&self, filter: &QueueFilter) -> Result<u64, StoreError> {
        self.readers.read(|conn| queue::count(conn, filter))
    }

    /// Orders by number, phone (any spelling), e-mail or customer name prefix.
    pub fn search(&self, text: &str, limit: u32) -> Result<Vec<QueueRow>, StoreError> {
        self.readers.read(|conn| queue::search(conn, text, limit))
    }

    /// Every saved version of the order, oldest first.
    pub fn versions(&self, order_id: Uuid) -> Result<Vec<VersionRecord>, StoreError> {
        self.readers.read(|conn| versions::list(conn, order_id))
    }

    pub fn version(&self, order_id: Uuid, number: i64) -> Result<Option<OrderContent>, StoreError> {
        self.readers
            .read(|conn| versions::content(conn, order_id, number))
    }

    /// Channel events not yet delivered, oldest first.
    pub fn pending_channel_events(&self) -> Result<Vec<ChannelEvent>, StoreError> {
        self.readers.read(versions::pending_events)
    }

    /// The products with these SKUs; unknown SKUs are simply absent.
    pub fn products_by_sku(&self, skus: Vec<String>) -> Result<Vec<Product>, StoreError> {
        self.readers
            .read(move |conn| catalog::products_by_sku(conn, &skus))
    }

    pub fn products(&self) -> Result<Vec<Product>, StoreError> {
        self.readers.read(catalog::products)
    }

    pub fn product(&self, id: Uuid) -> Result<Option<Product>, StoreError> {
        self.readers.read(|conn| catalog::product(conn, id))
    }

    pub fn customer_by_phone(&self, phone: &str) -> Result<Option<Customer>, StoreError> {
        self.readers
            .read(|conn| catalog::customer_by_phone(conn, phone))
    }

    /// Orders in `stages` past their deadline at `now` and not alerted for their current
    /// stage entry yet; they are marked alerted in the same transaction, so each is returned
    /// once per stage entry.
    pub fn take_due_alerts(
        &self,
        now: Timestamp,
        stages: Vec<String>,
    ) -> Result<Vec<QueueRow>, StoreError> {
        self.writer.run(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let due = queue::take_due(&tx, now, &stages)?;
            tx.commit()?;
            Ok(due)
        })
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

    /// The shop's time zone (an IANA name), if one was chosen.
    pub fn time_zone(&self) -> Result<Option<String>, StoreError> {
        self.readers.read(|conn| read::meta(conn, TIME_ZONE))
    }

    pub fn set_time_zone(&self, name: &str) -> Result<(), StoreError> {
        let name = name.to_owned();
        self.writer.run(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            crate::meta::set_meta(&tx, TIME_ZONE, &name)?;
            shop_rows::bump_settings(&tx)?;
            tx.commit()?;
            Ok(())
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
