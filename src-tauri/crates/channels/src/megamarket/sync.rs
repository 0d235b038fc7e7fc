//! One MegaMarket connection's jobs: search and read shipments, record them, queue the calls
//! our stages trigger, work the queue; and stock out in batches.

use jiff::{SignedDuration, Timestamp};
use store::{StockRow, Store};

use super::client::{Fetched, MegaMarketClient, STOCK_BATCH};
use super::import::to_import;
use super::model::Shipment;
use super::push;
use super::settings::MegaMarketSettings;
use crate::config::Connection;
use crate::market_import::{keep_malformed, record};
use crate::money::whole_units;
use crate::report::SyncReport;
use crate::ChannelError;

pub fn settings(connection: &Connection) -> MegaMarketSettings {
    connection.settings.megamarket.clone().unwrap_or_default()
}

pub async fn run(
    store: &Store,
    connection: &Connection,
    client: &MegaMarketClient,
    now: Timestamp,
    report: &mut SyncReport,
) -> Result<(), ChannelError> {
    let since = now - SignedDuration::from_hours(24 * settings(connection).lookback_days.max(1));
    let ids = client.search(since, now).await?;
    let mut shipments = Vec::with_capacity(ids.len());
    let mut malformed = Vec::new();
    for f in client.get(&ids).await? {
        match f {
            Fetched::Shipment(s) => shipments.push(*s),
            Fetched::Malformed { shipment_id, error } => malformed.push((shipment_id, error)),
        }
    }
    keep_malformed(
        store,
        connection,
        malformed,
        "MegaMarket shipment",
        now,
        report,
    )?;
    import_shipments(store, connection, &shipments, now, report)?;
    push::enqueue_triggers(store, connection, now)?;
    push::work_queue(store, connection, client, now, report).await
}

/// Records shipments (from a read or an `order/new` push): new ones become orders, known ones
/// refresh their status; one MegaMarket cancelled stops its triggers at once.
pub fn import_shipments(
    store: &Store,
    connection: &Connection,
    shipments: &[Shipment],
    now: Timestamp,
    report: &mut SyncReport,
) -> Result<(), ChannelError> {
    record(
        store,
        connection,
        shipments,
        |catalog, s| to_import(connection, catalog, s, now),
        now,
        report,
        |_, _| {},
    )
}

/// Stock of changed products, `STOCK_BATCH` offers a call; the offer id is our SKU.
pub async fn push_stock(
    store: &Store,
    connection: &Connection,
    client: &MegaMarketClient,
    now: Timestamp,
    report: &mut SyncReport,
) -> Result<(), ChannelError> {
    let changes = store.stock_changes(connection.id)?;
    for chunk in changes.chunks(STOCK_BATCH) {
        let stocks: Vec<(String, i64)> = chunk
            .iter()
            .map(|c| (c.sku.clone(), whole_units(c.stock).max(0)))
            .collect();
        client.update_stock(&stocks).await?;
        report.stock_pushed += chunk.len() as u64;
        let done: Vec<StockRow> = chunk
            .iter()
            .cloned()
            .map(|mut c| {
                c.external_id.get_or_insert_with(|| c.sku.clone());
                c
            })
            .collect();
        store.mark_stock(connection.id, done, false)?;
    }
    store.update_channel_state(connection.id, move |s| s.stock_synced_at = Some(now))?;
    Ok(())
}
