//! One MegaMarket connection's stock job: the stock of changed products out in batches.

use jiff::Timestamp;
use store::Store;

use super::client::{MegaMarketClient, STOCK_BATCH};
use crate::config::Connection;
use crate::report::SyncReport;
use crate::sku_stock::push_by_sku;
use crate::ChannelError;

/// Stock of changed products, `STOCK_BATCH` offers a call; the offer id is our SKU.
pub async fn push_stock(
    store: &Store,
    connection: &Connection,
    client: &MegaMarketClient,
    now: Timestamp,
    report: &mut SyncReport,
) -> Result<(), ChannelError> {
    push_by_sku(
        store,
        connection,
        STOCK_BATCH,
        now,
        report,
        |stocks| async move { client.update_stock(&stocks).await },
    )
    .await
}
