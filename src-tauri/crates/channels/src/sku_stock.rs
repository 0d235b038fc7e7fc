//! The stock job of the marketplaces that take stock by our SKU in plain batches (MegaMarket,
//! Yandex Market): one shared loop, each market's client sends a batch its own way.

use std::future::Future;

use jiff::Timestamp;
use store::Store;

use crate::config::Connection;
use crate::money::whole_units;
use crate::report::SyncReport;
use crate::ChannelError;

/// Sends the stock of changed products as `(sku, pieces)`, `batch` at a time, marking each
/// batch pushed once `send` took it (the SKU doubles as the offer id), then notes the sync.
pub(crate) async fn push_by_sku<F>(
    store: &Store,
    connection: &Connection,
    batch: usize,
    now: Timestamp,
    report: &mut SyncReport,
    send: impl Fn(Vec<(String, i64)>) -> F,
) -> Result<(), ChannelError>
where
    F: Future<Output = Result<(), ChannelError>>,
{
    let changes = store.stock_changes(connection.id)?;
    for chunk in changes.chunks(batch) {
        let stocks = chunk
            .iter()
            .map(|c| (c.sku.clone(), whole_units(c.stock).max(0)))
            .collect();
        send(stocks).await?;
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
