//! Stock out to the site: products through `products/batch`, variations of variable products
//! through `products/{parent}/variations/batch`, 100 items a call.

use std::collections::{BTreeMap, HashMap, HashSet};

use jiff::Timestamp;
use store::{StockRow, Store};

use super::client::{WooClient, MAX_PAGE};
use super::model::StockUpdate;
use crate::config::Connection;
use crate::money::whole_units;
use crate::report::SyncReport;
use crate::ChannelError;

/// Stock of changed products, 100 per `products/batch`; a variation's stock goes through its
/// product's `products/{parent}/variations/batch`. Products the site does not have (or
/// deleted) are remembered and not sent again.
pub async fn push_stock(
    store: &Store,
    connection: &Connection,
    client: &WooClient,
    now: Timestamp,
    report: &mut SyncReport,
) -> Result<(), ChannelError> {
    let mut changes = store.stock_changes(connection.id)?;
    if changes.iter().any(|c| c.external_id.is_none()) {
        let ids = site_skus(client).await?;
        for c in &mut changes {
            if c.external_id.is_none() {
                c.external_id = ids.get(&c.sku).cloned();
            }
        }
    }
    // Grouped by the batch endpoint they go to: `None` for products, the parent's id for
    // variations; an id that does not parse counts as missing.
    let mut batches: BTreeMap<Option<i64>, Vec<(i64, StockRow)>> = BTreeMap::new();
    let mut missing = Vec::new();
    for c in changes {
        match c.external_id.as_deref().and_then(target) {
            Some((parent, id)) => batches.entry(parent).or_default().push((id, c)),
            None => missing.push(c),
        }
    }
    report.stock_missing += missing.len() as u64;
    store.mark_stock(connection.id, missing, true)?;
    for (parent, rows) in batches {
        for chunk in rows.chunks(MAX_PAGE as usize) {
            push_chunk(store, connection, client, parent, chunk, report).await?;
        }
    }
    store.update_channel_state(connection.id, move |s| s.stock_synced_at = Some(now))?;
    Ok(())
}

/// SKU → the external id stock is addressed by: the product's id, or `parent/variation` for a
/// variation of a variable product.
async fn site_skus(client: &WooClient) -> Result<HashMap<String, String>, ChannelError> {
    let mut ids = HashMap::new();
    for p in client.products().await? {
        if p.kind == "variable" {
            for v in client.variations(p.id).await? {
                if !v.sku.is_empty() {
                    ids.insert(v.sku, format!("{}/{}", p.id, v.id));
                }
            }
        }
        if !p.sku.is_empty() {
            // A variable product's own SKU names the family, not a stock line: its variations
            // carry the stock, unless it manages stock itself (then this id is right).
            ids.entry(p.sku).or_insert_with(|| p.id.to_string());
        }
    }
    Ok(ids)
}

/// `"12"` → `(None, 12)`; `"12/345"` (a variation) → `(Some(12), 345)`.
fn target(external_id: &str) -> Option<(Option<i64>, i64)> {
    match external_id.split_once('/') {
        Some((parent, id)) => Some((Some(parent.parse().ok()?), id.parse().ok()?)),
        None => Some((None, external_id.parse().ok()?)),
    }
}

/// One batch call; the items it refuses are remembered as gone from the site.
async fn push_chunk(
    store: &Store,
    connection: &Connection,
    client: &WooClient,
    parent: Option<i64>,
    chunk: &[(i64, StockRow)],
    report: &mut SyncReport,
) -> Result<(), ChannelError> {
    let updates: Vec<StockUpdate> = chunk
        .iter()
        .map(|(id, c)| StockUpdate {
            id: *id,
            stock_quantity: whole_units(c.stock),
        })
        .collect();
    // The keys read the site's products for this run: a refusal says they are read-only.
    let reply = client
        .stock_batch(parent, &updates)
        .await
        .map_err(ChannelError::on_write)?;
    let failed: HashSet<i64> = reply
        .update
        .iter()
        .filter(|i| i.error.is_some())
        .map(|i| i.id)
        .collect();
    let (mut gone, mut done) = (Vec::new(), Vec::new());
    for (id, c) in chunk {
        if failed.contains(id) {
            gone.push(c.clone());
        } else {
            done.push(c.clone());
        }
    }
    report.stock_pushed += done.len() as u64;
    report.stock_missing += gone.len() as u64;
    store.mark_stock(connection.id, done, false)?;
    store.mark_stock(connection.id, gone, true)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::target;

    #[test]
    fn external_ids_address_products_and_variations() {
        assert_eq!(target("12"), Some((None, 12)));
        assert_eq!(target("12/345"), Some((Some(12), 345)));
        assert_eq!(target("x/1"), None);
        assert_eq!(target(""), None);
    }
}
