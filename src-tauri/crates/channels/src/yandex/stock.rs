//! Stock to Yandex Market: `PUT /v2/campaigns/{campaignId}/offers/stocks`, each changed offer
//! once (`sku` is our SKU, unique within a request), at most 2000 a call, with the instant
//! the level was read.

use jiff::Timestamp;
use serde_json::{json, Value};
use store::Store;

use super::client::YandexClient;
use crate::config::Connection;
use crate::money::whole_units;
use crate::report::SyncReport;
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
    let changes = store.stock_changes(connection.id)?;
    for chunk in changes.chunks(STOCK_BATCH) {
        let batch: Vec<(String, i64)> = chunk
            .iter()
            .map(|c| (c.sku.clone(), whole_units(c.stock).max(0)))
            .collect();
        client.update_stocks(&batch, now).await?;
        report.stock_pushed += chunk.len() as u64;
        let done = chunk
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
