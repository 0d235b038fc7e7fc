//! The site's catalogue into the desk's: products and the variations of variable products,
//! by SKU, so order lines link to products and stock can be pushed. Only products the desk
//! does not have are added; the desk's own (or its back office's) names, prices and stock
//! are never overwritten from the site, which would fight the stock the desk pushes there.

use std::collections::HashSet;

use jiff::Timestamp;
use store::{CatalogEntry, Store};

use super::client::WooClient;
use super::model::WooProduct;
use crate::report::SyncReport;
use crate::ChannelError;

pub async fn pull_catalog(
    store: &Store,
    client: &WooClient,
    now: Timestamp,
    report: &mut SyncReport,
) -> Result<(), ChannelError> {
    let mut entries = Vec::new();
    for product in client.catalog_products().await? {
        if product.kind == "variable" {
            let parent = product.name.clone().unwrap_or_default();
            for v in client.catalog_variations(product.id).await? {
                entries.extend(entry(&v, Some(&parent)));
            }
        } else {
            entries.extend(entry(&product, None));
        }
    }
    let skus: Vec<String> = entries.iter().map(|e| e.sku.clone()).collect();
    let known: HashSet<String> = store
        .products_by_sku(skus)?
        .into_iter()
        .map(|p| p.sku)
        .collect();
    let mut seen = HashSet::new();
    entries.retain(|e| !known.contains(&e.sku) && seen.insert(e.sku.clone()));
    if entries.is_empty() {
        return Ok(());
    }
    let (added, _) = store.upsert_catalog(entries, now)?;
    report.products_added += added;
    Ok(())
}

/// A product or variation with a SKU as a catalogue entry; a variation is named after its
/// product («Кофе … — 1 кг»).
fn entry(p: &WooProduct, parent: Option<&str>) -> Option<CatalogEntry> {
    let sku = p.sku.trim();
    if sku.is_empty() {
        return None;
    }
    let own = p.name.as_deref().map(str::trim).unwrap_or("");
    let name = match parent.map(str::trim).filter(|n| !n.is_empty()) {
        Some(parent) if !own.is_empty() => format!("{parent} — {own}"),
        Some(parent) => parent.to_owned(),
        None if own.is_empty() => sku.to_owned(),
        None => own.to_owned(),
    };
    let managed = p
        .manage_stock
        .as_ref()
        .is_some_and(|m| m.as_bool() == Some(true));
    let stock = managed
        .then(|| {
            p.stock_quantity
                .as_ref()
                .and_then(crate::money::quantity_json)
        })
        .flatten()
        .map(|q| domain::Quantity(q.0.max(0)));
    Some(CatalogEntry {
        sku: sku.to_owned(),
        name: Some(name),
        unit: None,
        price: p.price.as_deref().and_then(crate::money::kopecks),
        stock,
    })
}
