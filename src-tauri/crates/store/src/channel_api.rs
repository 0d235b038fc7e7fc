//! The store's API for channel connectors.

use domain::Quantity;
use jiff::Timestamp;
use rusqlite::TransactionBehavior;
use uuid::Uuid;

use crate::channel_orders::{
    self, CatalogEntry, ChannelOrderRow, ImportItem, ImportOutcome, StockRow,
};
use crate::channel_rows::{self, ChannelStateRow, ConnectionRow, StatusMapRow};
use crate::writer::Pending;
use crate::{Store, StoreError};

impl Store {
    pub fn save_connection(&self, row: ConnectionRow) -> Result<(), StoreError> {
        self.write(move |conn| channel_rows::save_connection(conn, &row))
    }

    /// Removes the connection with its map, state and keys; the orders it imported stay.
    pub fn delete_connection(&self, id: Uuid) -> Result<bool, StoreError> {
        self.write(move |conn| channel_rows::delete_connection(conn, id))
    }

    pub fn connections(&self) -> Result<Vec<ConnectionRow>, StoreError> {
        self.readers.read(channel_rows::connections)
    }

    pub fn connection(&self, id: Uuid) -> Result<Option<ConnectionRow>, StoreError> {
        self.readers.read(|conn| channel_rows::connection(conn, id))
    }

    pub fn set_status_map(&self, id: Uuid, map: Vec<StatusMapRow>) -> Result<(), StoreError> {
        self.write(move |conn| channel_rows::set_status_map(conn, id, &map))
    }

    pub fn status_map(&self, id: Uuid) -> Result<Vec<StatusMapRow>, StoreError> {
        self.readers.read(|conn| channel_rows::status_map(conn, id))
    }

    pub fn channel_state(&self, id: Uuid) -> Result<ChannelStateRow, StoreError> {
        self.readers.read(|conn| channel_rows::state(conn, id))
    }

    /// Reads, changes and saves a connection's state in one write transaction, so two sync
    /// steps never overwrite each other's counts.
    pub fn update_channel_state<F>(
        &self,
        id: Uuid,
        change: F,
    ) -> Result<ChannelStateRow, StoreError>
    where
        F: FnOnce(&mut ChannelStateRow) + Send + 'static,
    {
        self.write(move |conn| {
            let mut state = channel_rows::state(conn, id)?;
            change(&mut state);
            channel_rows::save_state(conn, id, &state)?;
            Ok(state)
        })
    }

    /// Records new channel orders (each a `CreateOrder` op with its effect and its key row)
    /// and refreshes the known ones, all in one transaction.
    pub fn import_channel_orders(
        &self,
        connection_id: Uuid,
        items: Vec<ImportItem>,
        at: Timestamp,
    ) -> Result<Vec<ImportOutcome>, StoreError> {
        let device_id = self.device_id;
        self.writer
            .run(move |conn| channel_orders::import(conn, device_id, connection_id, items, at))
    }

    /// Starts an import whose pages are sent one by one ([`ImportPages::send`]) while the
    /// connector fetches and parses the next; [`ImportPages::finish`] commits them all in
    /// one transaction. The writer is held until then: the caller writes nothing else in
    /// between (it would wait on itself).
    pub fn import_channel_pages(
        &self,
        connection_id: Uuid,
        at: Timestamp,
    ) -> Result<ImportPages, StoreError> {
        let device_id = self.device_id;
        let (pages, queue) = std::sync::mpsc::channel::<Vec<ImportItem>>();
        let done = self.writer.submit(move |conn| {
            channel_orders::import_pages(conn, device_id, connection_id, queue, at)
        })?;
        Ok(ImportPages {
            pages: Some(pages),
            done,
        })
    }

    pub fn channel_orders(&self, id: Uuid) -> Result<Vec<ChannelOrderRow>, StoreError> {
        self.readers.read(|conn| channel_orders::orders(conn, id))
    }

    /// This connection's orders that are now in one of `stages`.
    pub fn channel_orders_in_stages(
        &self,
        id: Uuid,
        stages: Vec<String>,
    ) -> Result<Vec<ChannelOrderRow>, StoreError> {
        self.readers
            .read(move |conn| channel_orders::in_stages(conn, id, &stages))
    }

    /// Which channels know this order, and how.
    pub fn order_channels(&self, order_id: Uuid) -> Result<Vec<ChannelOrderRow>, StoreError> {
        self.readers
            .read(|conn| channel_orders::of_order(conn, order_id))
    }

    pub fn set_channel_remote(
        &self,
        id: Uuid,
        external_id: String,
        status: String,
        modified: Timestamp,
        pushed: bool,
    ) -> Result<(), StoreError> {
        self.write(move |conn| {
            channel_orders::set_remote(conn, id, &external_id, &status, modified, pushed)
        })
    }

    pub fn add_channel_flag(
        &self,
        id: Uuid,
        external_id: String,
        flag: String,
    ) -> Result<(), StoreError> {
        self.write(move |conn| channel_orders::add_flag(conn, id, &external_id, &flag))
    }

    /// Sets stock by SKU; returns the SKUs the catalogue does not have. `now` stamps the
    /// catalogue ops that carry the change to the team.
    pub fn set_stock(
        &self,
        items: Vec<(String, Quantity)>,
        now: Timestamp,
    ) -> Result<Vec<String>, StoreError> {
        let device_id = self.device_id();
        self.write(move |conn| {
            let skus: Vec<String> = items.iter().map(|(sku, _)| sku.clone()).collect();
            let before = crate::sync::products_by_sku(conn, &skus)?;
            let unknown = channel_orders::set_stock(conn, &items)?;
            crate::sync::catalog_changed(conn, device_id, &skus, before, now)?;
            Ok(unknown)
        })
    }

    pub fn stock_changes(&self, id: Uuid) -> Result<Vec<StockRow>, StoreError> {
        self.readers
            .read(|conn| channel_orders::stock_changes(conn, id))
    }

    pub fn mark_stock(
        &self,
        id: Uuid,
        rows: Vec<StockRow>,
        deleted: bool,
    ) -> Result<(), StoreError> {
        self.write(move |conn| channel_orders::mark_stock(conn, id, &rows, deleted))
    }

    /// Records that the channel holds `order_id` as `external_id`; `false` if already linked.
    pub fn link_channel_order(
        &self,
        id: Uuid,
        external_id: String,
        order_id: Uuid,
        status: String,
        modified: Timestamp,
        at: Timestamp,
    ) -> Result<bool, StoreError> {
        self.write(move |conn| {
            channel_orders::link(conn, id, &external_id, order_id, &status, modified, at)
        })
    }

    /// Confirmed orders not yet sent to this connection, oldest first.
    pub fn unlinked_confirmed_orders(&self, id: Uuid, limit: u32) -> Result<Vec<Uuid>, StoreError> {
        self.readers
            .read(|conn| channel_orders::unlinked_confirmed(conn, id, limit))
    }

    /// Adds or updates products by SKU in one transaction; returns (added, updated).
    pub fn upsert_catalog(
        &self,
        entries: Vec<CatalogEntry>,
        now: Timestamp,
    ) -> Result<(u64, u64), StoreError> {
        let device_id = self.device_id();
        self.write(move |conn| {
            let skus: Vec<String> = entries.iter().map(|e| e.sku.clone()).collect();
            let before = crate::sync::products_by_sku(conn, &skus)?;
            let counts = channel_orders::upsert_catalog(conn, &entries)?;
            crate::sync::catalog_changed(conn, device_id, &skus, before, now)?;
            Ok(counts)
        })
    }

    /// `false` when this webhook delivery was already taken in.
    pub fn take_delivery(
        &self,
        id: Uuid,
        delivery_id: String,
        at: Timestamp,
    ) -> Result<bool, StoreError> {
        self.write(move |conn| channel_rows::take_delivery(conn, id, &delivery_id, at))
    }

    pub fn mark_channel_event_delivered(
        &self,
        event_id: Uuid,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        self.write(move |conn| channel_rows::mark_event_delivered(conn, event_id, at))
    }

    /// Runs `job` in one immediate transaction on the writer.
    pub(crate) fn write<R, F>(&self, job: F) -> Result<R, StoreError>
    where
        R: Send + 'static,
        F: FnOnce(&rusqlite::Connection) -> Result<R, StoreError> + Send + 'static,
    {
        self.writer.run(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let out = job(&tx)?;
            tx.commit()?;
            Ok(out)
        })
    }
}

/// An import in progress on the writer thread; see [`Store::import_channel_pages`].
pub struct ImportPages {
    pages: Option<std::sync::mpsc::Sender<Vec<ImportItem>>>,
    done: Pending<Vec<ImportOutcome>>,
}

impl ImportPages {
    /// Queues one page. An error means the import already failed: [`ImportPages::finish`]
    /// tells why.
    pub fn send(&self, items: Vec<ImportItem>) -> Result<(), StoreError> {
        self.pages
            .as_ref()
            .ok_or(StoreError::WriterGone)?
            .send(items)
            .map_err(|_| StoreError::WriterGone)
    }

    /// Commits the pages sent (a failed one rolls them all back) and returns each item's
    /// outcome in the order sent.
    pub fn finish(mut self) -> Result<Vec<ImportOutcome>, StoreError> {
        drop(self.pages.take());
        self.done.wait()
    }
}

/// The connections of the database at `path`, read without opening it as a store: an
/// operator's command (`orderdesk-hub connector urls`) reads them while the hub's worker has
/// the database open, which a second store would be refused (see `instance.rs`).
pub fn peek_connections(path: &std::path::Path) -> Result<Vec<ConnectionRow>, StoreError> {
    let conn = crate::connection::open_reader(path)?;
    channel_rows::connections(&conn)
}
