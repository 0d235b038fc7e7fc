//! One MegaMarket connection's stock job: the stock of changed products out in batches.

use jiff::Timestamp;
use store::{StockRow, Store};

use super::client::{MegaMarketClient, STOCK_BATCH};
use crate::config::Connection;
use crate::money::whole_units;
use crate::report::SyncReport;
use crate::ChannelError;

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
