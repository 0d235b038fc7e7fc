//! Stock to Yandex Market: `PUT /v2/campaigns/{campaignId}/offers/stocks`, each changed offer
//! once (`sku` is our SKU, unique within a request), at most 2000 a call, with the instant
//! the level was read.

use jiff::Timestamp;
use serde_json::{json, Value};
use store::Store;

use super::client::YandexClient;
use crate::config::Connection;
use crate::report::SyncReport;
use crate::sku_stock::push_by_sku;
use crate::ChannelError;

/// The market's cap on offers per stock update.
pub const STOCK_BATCH: usize = 2000;

impl YandexClient {
    /// One batch of `(sku, pieces)`.
    pub async fn update_stocks(
        &self,
        stocks: &[(String, i64)],
        at: Timestamp,
    ) -> Result<(), ChannelError> {
        let url = self.url("offers/stocks")?;
        let skus: Vec<Value> = stocks
            .iter()
            .map(|(sku, count)| {
                json!({ "sku": sku, "items": [ { "count": count, "updatedAt": at.to_string() } ] })
            })
            .collect();
        let body = json!({ "skus": skus });
        self.send(|c| c.put(url.clone()).json(&body)).await?;
        Ok(())
    }
}

pub async fn push_stock(
    store: &Store,
    connection: &Connection,
    client: &YandexClient,
    now: Timestamp,
    report: &mut SyncReport,
) -> Result<(), ChannelError> {
    push_by_sku(
        store,
        connection,
        STOCK_BATCH,
        now,
        report,
        |batch| async move { client.update_stocks(&batch, now).await },
    )
    .await
}
