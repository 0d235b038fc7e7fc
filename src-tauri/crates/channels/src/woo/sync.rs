//! One WooCommerce connection's jobs: take orders in, push statuses, publish versions as
//! customer notes, push stock.

use std::collections::HashMap;

use domain::Quantity;
use jiff::{SignedDuration, Timestamp};
use store::{ImportOutcome, StockRow, Store};
use uuid::Uuid;

use super::client::{parse_gmt, WooClient, MAX_PAGE};
use super::import::{to_import, Catalog};
use super::model::{StockUpdate, WooOrder};
use crate::config::Connection;
use crate::money::whole_units;
use crate::report::SyncReport;
use crate::status::follow_channel;
use crate::ChannelError;

/// Orders changed since the cursor, all pages, recorded in one transaction; statuses the
/// channel is master of move our orders.
pub async fn import_orders(
    store: &Store,
    connection: &Connection,
    client: &WooClient,
    now: Timestamp,
    report: &mut SyncReport,
) -> Result<(), ChannelError> {
    let state = store.channel_state(connection.id)?;
    let after = state.orders_cursor.as_deref().and_then(parse_gmt);
    let orders = client.orders_modified_after(after).await?;
    import_fetched(store, connection, &orders, now, report)
}

/// Records fetched orders (from a poll or a webhook delivery).
pub fn import_fetched(
    store: &Store,
    connection: &Connection,
    orders: &[WooOrder],
    now: Timestamp,
    report: &mut SyncReport,
) -> Result<(), ChannelError> {
    let shop = store.shop()?;
    let catalog = Catalog::new(store.products()?, shop.vat);
    let items: Vec<_> = orders
        .iter()
        .map(|o| to_import(connection, &catalog, o, now))
        .collect();
    let newest = items.iter().map(|i| i.remote_modified).max();
    let statuses: Vec<(String, String)> = items
        .iter()
        .map(|i| (i.external_id.clone(), i.remote_status.clone()))
        .collect();
    let outcomes = store.import_channel_orders(connection.id, items, now)?;
    for ((external_id, status), outcome) in statuses.iter().zip(&outcomes) {
        match outcome {
            ImportOutcome::Created { order_id, stage } => {
                report.imported += 1;
                follow_channel(
                    store,
                    connection,
                    external_id,
                    *order_id,
                    Some(stage),
                    status,
                    now,
                    report,
                )?;
            }
            ImportOutcome::Known {
                order_id: Some(order_id),
                changed: true,
                status,
                ..
            } => {
                report.updated += 1;
                follow_channel(
                    store,
                    connection,
                    external_id,
                    *order_id,
                    None,
                    status,
                    now,
                    report,
                )?;
            }
            ImportOutcome::Known { .. } => report.unchanged += 1,
            ImportOutcome::Problem(_) => report.problems += 1,
        }
    }
    let (imported, updated) = (report.imported, report.updated);
    store.update_channel_state(connection.id, move |s| {
        // One second back: orders modified in the same second as the newest are fetched
        // again next time rather than missed; re-importing them changes nothing.
        if let Some(newest) = newest {
            let cursor = newest - SignedDuration::from_secs(1);
            if s.orders_cursor.as_deref().and_then(parse_gmt) < Some(cursor) {
                s.orders_cursor = Some(super::client::gmt(cursor));
            }
        }
        s.orders_synced_at = Some(now);
        s.imported += imported;
        s.updated += updated;
    })?;
    Ok(())
}

/// Pushes each order's stage as the mapped site status where we are master — but only when
/// the site has not changed the status since we last read it.
pub async fn push_statuses(
    store: &Store,
    connection: &Connection,
    client: &WooClient,
    now: Timestamp,
    report: &mut SyncReport,
) -> Result<(), ChannelError> {
    for row in store.channel_orders(connection.id)? {
        let Some(stage) = row.stage_id.as_deref() else {
            continue;
        };
        let Some(target) = connection.status_map.status_to_push(stage) else {
            continue;
        };
        if target == row.remote_status {
            continue;
        }
        let Ok(id) = row.external_id.parse::<i64>() else {
            continue;
        };
        let site = client.order(id).await?;
        let site_modified = site.date_modified_gmt.as_deref().and_then(parse_gmt);
        if site.status != row.remote_status
            && site_modified.is_some_and(|m| m > row.remote_modified)
        {
            // The site moved on since our last read: its status is newer than what we
            // would push over it. Take it in instead and flag the order.
            store.set_channel_remote(
                connection.id,
                row.external_id.clone(),
                site.status.clone(),
                site_modified.unwrap_or(now),
                false,
            )?;
            store.add_channel_flag(
                connection.id,
                row.external_id.clone(),
                format!("stale_push_skipped:{target}<{}", site.status),
            )?;
            report.stale_skipped += 1;
            if let Some(order_id) = row.order_id {
                follow_channel(
                    store,
                    connection,
                    &row.external_id,
                    order_id,
                    None,
                    &site.status,
                    now,
                    report,
                )?;
            }
            continue;
        }
        let updated = client.set_status(id, target).await?;
        let modified = updated
            .date_modified_gmt
            .as_deref()
            .and_then(parse_gmt)
            .unwrap_or(now);
        store.set_channel_remote(
            connection.id,
            row.external_id.clone(),
            updated.status,
            modified,
            true,
        )?;
        report.pushed += 1;
    }
    let pushed = report.pushed;
    store.update_channel_state(connection.id, move |s| s.pushed += pushed)?;
    Ok(())
}

/// Published versions of this connection's orders go to the customer as notes.
pub async fn publish_notes(
    store: &Store,
    connection: &Connection,
    client: &WooClient,
    now: Timestamp,
    report: &mut SyncReport,
) -> Result<(), ChannelError> {
    let mine: HashMap<Uuid, String> = store
        .channel_orders(connection.id)?
        .into_iter()
        .filter_map(|r| Some((r.order_id?, r.external_id)))
        .collect();
    for event in store.pending_channel_events()? {
        if event.kind != "version_published" {
            continue;
        }
        let Some(external) = mine.get(&event.order_id) else {
            continue;
        };
        let Ok(id) = external.parse::<i64>() else {
            continue;
        };
        let note = crate::note::version_note(&event.payload)?;
        client.add_customer_note(id, &note).await?;
        store.mark_channel_event_delivered(event.id, now)?;
        report.notes += 1;
    }
    Ok(())
}

/// Stock of changed products, 100 per `products/batch`. Products the site does not have (or
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
        let ids: HashMap<String, i64> = client
            .products()
            .await?
            .into_iter()
            .filter(|p| !p.sku.is_empty())
            .map(|p| (p.sku, p.id))
            .collect();
        for c in &mut changes {
            if c.external_id.is_none() {
                c.external_id = ids.get(&c.sku).map(|id| id.to_string());
            }
        }
    }
    let (known, missing): (Vec<StockRow>, Vec<StockRow>) =
        changes.into_iter().partition(|c| c.external_id.is_some());
    report.stock_missing += missing.len() as u64;
    store.mark_stock(connection.id, missing, true)?;
    for chunk in known.chunks(MAX_PAGE as usize) {
        let updates: Vec<StockUpdate> = chunk
            .iter()
            .filter_map(|c| {
                Some(StockUpdate {
                    id: c.external_id.as_deref()?.parse().ok()?,
                    manage_stock: true,
                    stock_quantity: whole_units(c.stock),
                })
            })
            .collect();
        let reply = client.stock_batch(&updates).await?;
        let failed: HashMap<i64, String> = reply
            .update
            .iter()
            .filter_map(|i| Some((i.id, i.error.as_ref()?.code.clone())))
            .collect();
        let (gone, done): (Vec<StockRow>, Vec<StockRow>) = chunk.iter().cloned().partition(|c| {
            c.external_id
                .as_deref()
                .and_then(|e| e.parse::<i64>().ok())
                .is_some_and(|id| failed.contains_key(&id))
        });
        report.stock_pushed += done.len() as u64;
        report.stock_missing += gone.len() as u64;
        store.mark_stock(connection.id, done, false)?;
        store.mark_stock(connection.id, gone, true)?;
    }
    store.update_channel_state(connection.id, move |s| s.stock_synced_at = Some(now))?;
    Ok(())
}

/// Stock as whole pieces; what a channel reports in pieces comes back as thousandths.
pub fn pieces(q: i64) -> Quantity {
    Quantity(q.saturating_mul(1000))
}
