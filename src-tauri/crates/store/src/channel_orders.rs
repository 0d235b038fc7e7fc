//! Orders and stock as a channel knows them: the (connection, external id) key that makes
//! imports idempotent, the channel's last seen status, and stock last pushed per SKU.

use domain::{Quantity, Shop};
use jiff::Timestamp;
use rusqlite::{params, Connection, OptionalExtension, Row};
use uuid::Uuid;

use crate::rows::{ms, timestamp, uuid};
use crate::write::{record_for, NewOp};
use crate::StoreError;

/// One order as fetched from a channel, ready to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportItem {
    pub external_id: String,
    pub remote_status: String,
    pub remote_modified: Timestamp,
    pub flags: Vec<String>,
    /// The `CreateOrder` op, or why the order could not be made (it is kept as a problem).
    pub op: Result<NewOp, String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportOutcome {
    /// A new order was recorded (op and effect together with the key row); it entered
    /// `stage`.
    Created { order_id: Uuid, stage: String },
    /// Already imported; the channel's status is now `status` (was `previous_status`).
    Known {
        order_id: Option<Uuid>,
        previous_status: String,
        status: String,
        /// The status changed.
        changed: bool,
        /// The channel changed the order since we last read it (its status or anything else).
        newer: bool,
    },
    /// Kept as a problem row without an order: the reason.
    Problem(String),
}

/// A channel order with our order's current stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelOrderRow {
    pub connection_id: Uuid,
    pub external_id: String,
    pub order_id: Option<Uuid>,
    pub stage_id: Option<String>,
    pub remote_status: String,
    pub remote_modified: Timestamp,
    pub pushed_status: Option<String>,
    pub flags: Vec<String>,
    pub problem: Option<String>,
    /// When our order entered its stage: a status push is made only when that is later than
    /// the channel's last change, so our older move never overwrites the channel's newer state.
    pub stage_entered_at: Option<Timestamp>,
    /// When the desk first recorded the channel's order.
    pub imported_at: Timestamp,
    /// When the desk learnt the channel's current status (`remote_status`); `None` for an
    /// order recorded before it was kept.
    pub status_seen_at: Option<Timestamp>,
}

/// Records each new order with its key in one transaction; a known key updates the remote
/// status instead. One item the domain refuses becomes a problem row; the others still go in.
pub(crate) fn import(
    conn: &mut Connection,
    device_id: Uuid,
    connection_id: Uuid,
    items: Vec<ImportItem>,
    at: Timestamp,
) -> Result<Vec<ImportOutcome>, StoreError> {
    import_pages(conn, device_id, connection_id, std::iter::once(items), at)
}

/// [`import`] for pages that arrive one by one (a connector sends each as soon as it is
/// parsed, while it fetches the next): all of them in one transaction, committed when the
/// pages end. One transaction rather than one per page: each commit would write the hot
/// index and search pages to the WAL again.
pub(crate) fn import_pages(
    conn: &mut Connection,
    device_id: Uuid,
    connection_id: Uuid,
    pages: impl IntoIterator<Item = Vec<ImportItem>>,
    at: Timestamp,
) -> Result<Vec<ImportOutcome>, StoreError> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let shop: Shop = crate::shop_rows::shop(&tx)?;
    let cid = connection_id.to_string();
    let mut out = Vec::new();
    // New orders' names are indexed together at the end (migration 0018); a failed import
    // rolls this back with everything else.
    tx.execute_batch("UPDATE search_deferral SET deferring = 1")?;
    for items in pages {
        out.reserve(items.len());
        for item in items {
            out.push(import_one(&tx, device_id, &shop, &cid, item, at)?);
        }
    }
    tx.execute_batch(
        "INSERT INTO order_names (rowid, name) SELECT number, name FROM pending_names; \
         DELETE FROM pending_names; \
         DELETE FROM customer_search WHERE rowid IN (SELECT id FROM pending_customer_cards); \
         INSERT INTO customer_search (rowid, search) SELECT c.id, c.search \
         FROM pending_customer_cards p JOIN customer_cards c ON c.id = p.id; \
         DELETE FROM pending_customer_cards; \
         UPDATE search_deferral SET deferring = 0",
    )?;
    tx.commit()?;
    Ok(out)
}

fn import_one(
    tx: &Connection,
    device_id: Uuid,
    shop: &Shop,
    cid: &str,
    item: ImportItem,
    at: Timestamp,
) -> Result<ImportOutcome, StoreError> {
    let known = tx
        .prepare_cached(
            "SELECT order_id, remote_status, remote_modified FROM channel_orders \
             WHERE connection_id = ?1 AND external_id = ?2",
        )?
        .query_row(params![cid, item.external_id], |r| {
            Ok((
                r.get::<_, Option<String>>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })
        .optional()?;
    if let Some((None, _, _)) = &known {
        // A problem row (the order could not be made last time) is tried again: what
        // refused it may be fixed now, and an order kept out is an order lost.
        if let Ok(op) = item.op.clone() {
            let recorded = match record_for(tx, device_id, shop, op) {
                Ok((_, order)) => Some(order),
                Err(StoreError::Rejected(_)) => None,
                Err(e) => return Err(e),
            };
            if let Some(order) = recorded {
                tx.prepare_cached(
                    "UPDATE channel_orders SET order_id = ?3, problem = NULL, \
                     remote_status = ?4, remote_modified = ?5, flags = ?6, status_seen_at = ?7 \
                     WHERE connection_id = ?1 AND external_id = ?2",
                )?
                .execute(params![
                    cid,
                    item.external_id,
                    order.id.to_string(),
                    item.remote_status,
                    ms(item.remote_modified),
                    serde_json::to_string(&item.flags)?,
                    ms(at),
                ])?;
                return Ok(ImportOutcome::Created {
                    order_id: order.id,
                    stage: order.stage.stage_id,
                });
            }
        }
    }
    // A removed connection's order, linked again with what we last knew of it: a change the
    // site made meanwhile is then newer than that, and followed like any other.
    let known = match known {
        Some(known) => Some(known),
        None => relink(tx, cid, &item, at)?,
    };
    if let Some((order_id, previous_status, previous_modified)) = known {
        let newer = ms(item.remote_modified) > previous_modified;
        if newer {
            tx.prepare_cached(
                "UPDATE channel_orders SET remote_status = ?3, remote_modified = ?4, \
                 status_seen_at = CASE WHEN remote_status = ?3 THEN status_seen_at ELSE ?5 END \
                 WHERE connection_id = ?1 AND external_id = ?2",
            )?
            .execute(params![
                cid,
                item.external_id,
                item.remote_status,
                ms(item.remote_modified),
                ms(at)
            ])?;
        }
        return Ok(ImportOutcome::Known {
            order_id: order_id.as_deref().map(uuid).transpose()?,
            changed: newer && previous_status != item.remote_status,
            newer,
            status: if newer {
                item.remote_status
            } else {
                previous_status.clone()
            },
            previous_status,
        });
    }
    let flags = serde_json::to_string(&item.flags)?;
    let (created, problem) = match item.op {
        // A refusal comes before any write (see `record_for`): the batch goes on.
        Ok(op) => match record_for(tx, device_id, shop, op) {
            Ok((_, order)) => (Some((order.id, order.stage.stage_id)), None),
            Err(StoreError::Rejected(e)) => (None, Some(e.to_string())),
            Err(e) => return Err(e),
        },
        Err(reason) => (None, Some(reason)),
    };
    let order_id = created.as_ref().map(|(id, _)| *id);
    tx.prepare_cached(
        "INSERT INTO channel_orders (connection_id, external_id, order_id, remote_status, \
         remote_modified, flags, problem, imported_at, status_seen_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
    )?
    .execute(params![
        cid,
        item.external_id,
        order_id.map(|id| id.to_string()),
        item.remote_status,
        ms(item.remote_modified),
        flags,
        problem,
        ms(at),
    ])?;
    Ok(match (created, problem) {
        (Some((order_id, stage)), _) => ImportOutcome::Created { order_id, stage },
        (None, p) => ImportOutcome::Problem(p.unwrap_or_default()),
    })
}

/// Links this channel order to our order kept from a removed connection to the same site
/// (see `channel_rows::delete_connection`), with the status, change date, pushed status and
/// flags it had then, and returns it as known. A link kept without them (from before
/// migration 0042) counts as never read: the site's order is then followed afresh.
fn relink(
    tx: &Connection,
    cid: &str,
    item: &ImportItem,
    at: Timestamp,
) -> Result<Option<(Option<String>, String, i64)>, StoreError> {
    let linked = tx
        .prepare_cached(&format!(
            "SELECT l.order_id, l.remote_status, l.remote_modified, l.pushed_status, l.flags \
             FROM channel_connections c \
             JOIN channel_links l ON l.kind = c.kind AND l.site = {} \
             JOIN orders o ON o.id = l.order_id \
             WHERE c.id = ?1 AND l.external_id = ?2",
            crate::channel_rows::SITE_KEY
        ))?
        .query_row(params![cid, item.external_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<i64>>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
            ))
        })
        .optional()?;
    let Some((order_id, status, modified, pushed, flags)) = linked else {
        return Ok(None);
    };
    let status = status.unwrap_or_default();
    let modified = modified.unwrap_or(0);
    let flags = match flags {
        Some(flags) => flags,
        None => serde_json::to_string(&item.flags)?,
    };
    tx.prepare_cached(
        "INSERT INTO channel_orders (connection_id, external_id, order_id, remote_status, \
         remote_modified, pushed_status, flags, imported_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        cid,
        item.external_id,
        order_id,
        status,
        modified,
        pushed,
        flags,
        ms(at),
    ])?;
    Ok(Some((Some(order_id), status, modified)))
}

const ORDER_COLUMNS: &str = "c.connection_id, c.external_id, c.order_id, o.stage_id, \
    c.remote_status, c.remote_modified, c.pushed_status, c.flags, c.problem, o.stage_entered_at, \
    c.imported_at, c.status_seen_at";

fn order_row(r: &Row<'_>) -> Result<ChannelOrderRow, StoreError> {
    let flags: String = r.get(7)?;
    Ok(ChannelOrderRow {
        connection_id: uuid(&r.get::<_, String>(0)?)?,
        external_id: r.get(1)?,
        order_id: r
            .get::<_, Option<String>>(2)?
            .as_deref()
            .map(uuid)
            .transpose()?,
        stage_id: r.get(3)?,
        remote_status: r.get(4)?,
        remote_modified: timestamp(r.get(5)?)?,
        pushed_status: r.get(6)?,
        flags: serde_json::from_str(&flags)?,
        problem: r.get(8)?,
        stage_entered_at: r.get::<_, Option<i64>>(9)?.map(timestamp).transpose()?,
        imported_at: timestamp(r.get(10)?)?,
        status_seen_at: r.get::<_, Option<i64>>(11)?.map(timestamp).transpose()?,
    })
}

fn collect(
    conn: &Connection,
    filter: &str,
    arg: String,
) -> Result<Vec<ChannelOrderRow>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ORDER_COLUMNS} FROM channel_orders c LEFT JOIN orders o ON o.id = c.order_id \
         WHERE {filter} ORDER BY c.imported_at, c.rowid"
    ))?;
    let mut rows = stmt.query([arg])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(order_row(r)?);
    }
    Ok(out)
}

pub(crate) fn orders(conn: &Connection, id: Uuid) -> Result<Vec<ChannelOrderRow>, StoreError> {
    collect(conn, "c.connection_id = ?1", id.to_string())
}

/// This connection's orders whose order is now in one of `stages`: a status push reads only
/// the orders it may push, not every order the connection ever imported.
pub(crate) fn in_stages(
    conn: &Connection,
    id: Uuid,
    stages: &[String],
) -> Result<Vec<ChannelOrderRow>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ORDER_COLUMNS} FROM orders o JOIN channel_orders c ON c.order_id = o.id \
         WHERE o.stage_id IN (SELECT value FROM json_each(?2)) AND c.connection_id = ?1 \
         ORDER BY c.imported_at, c.rowid"
    ))?;
    let mut rows = stmt.query(params![id.to_string(), serde_json::to_string(stages)?])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(order_row(r)?);
    }
    Ok(out)
}

pub(crate) fn of_order(
    conn: &Connection,
    order_id: Uuid,
) -> Result<Vec<ChannelOrderRow>, StoreError> {
    collect(conn, "c.order_id = ?1", order_id.to_string())
}

/// After a push or a fresh read: the channel's status and modification instant as now known.
pub(crate) fn set_remote(
    conn: &Connection,
    id: Uuid,
    external_id: &str,
    status: &str,
    modified: Timestamp,
    pushed: bool,
) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE channel_orders SET remote_status = ?3, remote_modified = ?4, \
         pushed_status = CASE WHEN ?5 THEN ?3 ELSE pushed_status END, \
         status_seen_at = CASE WHEN remote_status = ?3 THEN status_seen_at ELSE ?4 END \
         WHERE connection_id = ?1 AND external_id = ?2",
        params![id.to_string(), external_id, status, ms(modified), pushed],
    )?;
    Ok(())
}

pub(crate) fn add_flag(
    conn: &Connection,
    id: Uuid,
    external_id: &str,
    flag: &str,
) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE channel_orders SET flags = json_insert(flags, '$[#]', ?3) \
         WHERE connection_id = ?1 AND external_id = ?2 \
         AND NOT EXISTS (SELECT 1 FROM json_each(flags) WHERE value = ?3)",
        params![id.to_string(), external_id, flag],
    )?;
    Ok(())
}

/// A product whose stock differs from what this connection was last sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StockRow {
    pub sku: String,
    pub stock: Quantity,
    pub external_id: Option<String>,
}

/// Sets products' stock by SKU; returns the SKUs the catalogue does not have.
pub(crate) fn set_stock(
    conn: &Connection,
    items: &[(String, Quantity)],
) -> Result<Vec<String>, StoreError> {
    let mut update = conn.prepare_cached("UPDATE products SET stock = ?2 WHERE sku = ?1")?;
    let mut unknown = Vec::new();
    for (sku, q) in items {
        if update.execute(params![sku, q.0])? == 0 {
            unknown.push(sku.clone());
        }
    }
    Ok(unknown)
}

pub(crate) fn stock_changes(conn: &Connection, id: Uuid) -> Result<Vec<StockRow>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.sku, p.stock, s.external_id FROM products p \
         LEFT JOIN channel_stock s ON s.connection_id = ?1 AND s.sku = p.sku \
         WHERE COALESCE(s.deleted, 0) = 0 AND (s.pushed_stock IS NULL OR s.pushed_stock <> p.stock) \
         ORDER BY p.sku",
    )?;
    let rows = stmt.query_map([id.to_string()], |r| {
        Ok(StockRow {
            sku: r.get(0)?,
            stock: Quantity(r.get(1)?),
            external_id: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Remembers what the channel now holds (or that it deleted the product).
pub(crate) fn mark_stock(
    conn: &Connection,
    id: Uuid,
    rows: &[StockRow],
    deleted: bool,
) -> Result<(), StoreError> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO channel_stock (connection_id, sku, external_id, pushed_stock, deleted) \
         VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (connection_id, sku) DO UPDATE SET \
         external_id = COALESCE(excluded.external_id, external_id), \
         pushed_stock = excluded.pushed_stock, deleted = excluded.deleted",
    )?;
    for r in rows {
        stmt.execute(params![
            id.to_string(),
            r.sku,
            r.external_id,
            r.stock.0,
            deleted
        ])?;
    }
    Ok(())
}

/// Links one of our orders to the record a channel made of it (an order we pushed).
pub(crate) fn link(
    conn: &Connection,
    id: Uuid,
    external_id: &str,
    order_id: Uuid,
    status: &str,
    modified: Timestamp,
    at: Timestamp,
) -> Result<bool, StoreError> {
    Ok(conn.execute(
        "INSERT INTO channel_orders (connection_id, external_id, order_id, remote_status, \
         remote_modified, pushed_status, imported_at) VALUES (?1, ?2, ?3, ?4, ?5, ?4, ?6) \
         ON CONFLICT DO NOTHING",
        params![
            id.to_string(),
            external_id,
            order_id.to_string(),
            status,
            ms(modified),
            ms(at)
        ],
    )? == 1)
}

/// Confirmed orders this connection does not know yet, oldest first.
pub(crate) fn unlinked_confirmed(
    conn: &Connection,
    id: Uuid,
    limit: u32,
) -> Result<Vec<Uuid>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT o.id FROM orders o WHERE o.draft = 0 AND o.confirmed_version IS NOT NULL \
         AND NOT EXISTS (SELECT 1 FROM channel_orders c WHERE c.connection_id = ?1 \
         AND c.order_id = o.id) ORDER BY o.created_at, o.id LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![id.to_string(), limit], |r| r.get::<_, String>(0))?;
    rows.map(|r| uuid(&r?)).collect()
}

/// A catalogue entry from a channel (1C's import.xml and offers.xml): what is `None` stays
/// as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogEntry {
    pub sku: String,
    pub name: Option<String>,
    pub unit: Option<String>,
    pub price: Option<domain::Kopecks>,
    pub stock: Option<Quantity>,
}

/// Adds products the shop does not have (when the entry has a name) and updates the others;
/// returns (added, updated).
pub(crate) fn upsert_catalog(
    conn: &Connection,
    entries: &[CatalogEntry],
) -> Result<(u64, u64), StoreError> {
    let (mut added, mut updated) = (0, 0);
    for e in entries {
        let changed = conn.execute(
            "UPDATE products SET name = COALESCE(?2, name), unit = COALESCE(?3, unit), \
             price = COALESCE(?4, price), stock = COALESCE(?5, stock) WHERE sku = ?1",
            params![
                e.sku,
                e.name,
                e.unit,
                e.price.map(|p| p.0),
                e.stock.map(|q| q.0)
            ],
        )?;
        if changed > 0 {
            updated += 1;
            continue;
        }
        let Some(name) = &e.name else { continue };
        conn.execute(
            "INSERT INTO products (id, sku, name, unit, price, vat_rate, location, stock) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, '', ?7)",
            params![
                Uuid::now_v7().to_string(),
                e.sku,
                name,
                e.unit.as_deref().unwrap_or("шт"),
                e.price.map_or(0, |p| p.0.max(0)),
                crate::rows::SHOP_VAT,
                e.stock.map_or(0, |q| q.0),
            ],
        )?;
        added += 1;
    }
    Ok((added, updated))
}
