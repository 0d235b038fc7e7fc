//! Stock to Ozon: `/v2/products/stocks`, at most 100 product–warehouse pairs a call, into the
//! connection's FBS warehouse. Ozon wants its `product_id` beside our offer id: looked up once
//! by `/v3/product/list` and kept with the pushed level.

use std::collections::HashMap;

use jiff::Timestamp;
use serde::Deserialize;
use serde_json::{json, Value};
use store::{StockRow, Store};

use super::client::OzonClient;
use crate::config::Connection;
use crate::money::whole_units;
use crate::paging::PageGuard;
use crate::report::SyncReport;
use crate::ChannelError;

/// Ozon's cap on pairs per stock update.
pub const STOCK_BATCH: usize = 100;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ListItem {
    offer_id: String,
    product_id: i64,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ListResult {
    items: Vec<ListItem>,
    last_id: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct StockResult {
    pub offer_id: String,
    pub product_id: i64,
    pub updated: bool,
    pub errors: Vec<Value>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Results<T> {
    result: Vec<T>,
}

impl OzonClient {
    /// Offer id → Ozon's product id for the offers asked about (every visibility).
    pub async fn product_ids(
        &self,
        offers: &[String],
    ) -> Result<HashMap<String, i64>, ChannelError> {
        let mut out = HashMap::new();
        for chunk in offers.chunks(1000) {
            let mut last_id = String::new();
            // A `last_id` seen before ends the walk (Ozon may hand the last one back at the
            // end, and the offers are already in); the cap stops a cursor that never repeats.
            let mut guard = PageGuard::new("Ozon, список товаров");
            loop {
                guard.next_page()?;
                let body = json!({
                    "filter": { "offer_id": chunk, "visibility": "ALL" },
                    "last_id": last_id,
                    "limit": 1000,
                });
                let page: super::model::Wrapped<ListResult> =
                    self.post("/v3/product/list", &body, "product list").await?;
                let n = page.result.items.len();
                out.extend(
                    page.result
                        .items
                        .into_iter()
                        .map(|i| (i.offer_id, i.product_id)),
                );
                if n == 0 || page.result.last_id.is_empty() {
                    break;
                }
                if !guard.first_time(page.result.last_id.clone()) {
                    break;
                }
                last_id = page.result.last_id;
            }
        }
        Ok(out)
    }

    /// One batch of `(product id, pieces)` into `warehouse_id`.
    pub async fn update_stocks(
        &self,
        warehouse_id: i64,
        stocks: &[(i64, i64)],
    ) -> Result<Vec<StockResult>, ChannelError> {
        let stocks: Vec<Value> = stocks
            .iter()
            .map(|(product, stock)| {
                // Only `product_id` (the schema's required one): the method's text says to send
                // one of offer_id/product_id, and that `quant_size` was switched off in June
                // 2025, although the schema still lists it as required.
                json!({ "product_id": product, "stock": stock, "warehouse_id": warehouse_id })
            })
            .collect();
        let got: Results<StockResult> = self
            .post(
                "/v2/products/stocks",
                &json!({ "stocks": stocks }),
                "stock update",
            )
            .await?;
        Ok(got.result)
    }
}

/// Changed products' stock to the connection's warehouse. An offer Ozon does not know is
/// counted missing and marked so; a pair Ozon refused this time (too soon after the last
/// update) stays changed and goes again next time.
pub async fn push_stock(
    store: &Store,
    connection: &Connection,
    client: &OzonClient,
    now: Timestamp,
    report: &mut SyncReport,
) -> Result<(), ChannelError> {
    let warehouse = connection.ozon().warehouse_id;
    if warehouse <= 0 {
        return Ok(());
    }
    let mut changes = store.stock_changes(connection.id)?;
    let unknown: Vec<String> = changes
        .iter()
        .filter(|c| c.external_id.is_none())
        .map(|c| c.sku.clone())
        .collect();
    if !unknown.is_empty() {
        let ids = client.product_ids(&unknown).await?;
        for c in &mut changes {
            if c.external_id.is_none() {
                c.external_id = ids.get(&c.sku).map(|id| id.to_string());
            }
        }
    }
    let (known, missing): (Vec<StockRow>, Vec<StockRow>) = changes.into_iter().partition(|c| {
        c.external_id
            .as_deref()
            .is_some_and(|e| e.parse::<i64>().is_ok())
    });
    report.stock_missing += missing.len() as u64;
    store.mark_stock(connection.id, missing, true)?;
    for chunk in known.chunks(STOCK_BATCH) {
        let product_of = |c: &StockRow| c.external_id.as_deref()?.parse::<i64>().ok();
        let batch: Vec<(i64, i64)> = chunk
            .iter()
            .filter_map(|c| Some((product_of(c)?, whole_units(c.stock).max(0))))
            .collect();
        let results = client.update_stocks(warehouse, &batch).await?;
        // Matched by the product id we sent (Ozon may leave offer_id empty when not sent).
        let (done, later): (Vec<StockRow>, Vec<StockRow>) = chunk.iter().cloned().partition(|c| {
            results
                .iter()
                .any(|r| r.updated && Some(r.product_id) == product_of(c))
        });
        for r in results.iter().filter(|r| !r.updated) {
            tracing::warn!(offer = %r.offer_id, errors = ?r.errors, "Ozon did not update stock");
        }
        report.stock_pushed += done.len() as u64;
        report.stock_missing += later.len() as u64;
        store.mark_stock(connection.id, done, false)?;
    }
    store.update_channel_state(connection.id, move |s| s.stock_synced_at = Some(now))?;
    Ok(())
}
