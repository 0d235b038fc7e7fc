//! One MegaMarket connection's orders job: search and read shipments, record them, queue the
//! calls our stages trigger, work the queue. Stock is `stock.rs`'s.

use jiff::{SignedDuration, Timestamp};
use store::Store;

use super::client::{Fetched, MegaMarketClient};
use super::import::to_import;
use super::model::Shipment;
use super::push;
use crate::config::Connection;
use crate::market_import::{keep_malformed, record};
use crate::report::SyncReport;
use crate::ChannelError;

pub async fn run(
    store: &Store,
    connection: &Connection,
    client: &MegaMarketClient,
    now: Timestamp,
    report: &mut SyncReport,
) -> Result<(), ChannelError> {
    let since = now - SignedDuration::from_hours(24 * connection.megamarket().lookback_days.max(1));
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
