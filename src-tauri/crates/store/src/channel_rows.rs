//! Channel connections, their status maps and their state. The connector logic lives in the
//! `channels` crate; these are the rows it keeps, in this database's one writer.

use jiff::Timestamp;
use rusqlite::{params, Connection, OptionalExtension, Row};
use uuid::Uuid;

use crate::rows::{ms, opt_timestamp, timestamp, uuid};
use crate::StoreError;

/// A configured channel connection. `settings` is the connector's JSON; it never holds a
/// secret (those stay in the OS keyring).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectionRow {
    pub id: Uuid,
    pub kind: String,
    pub name: String,
    pub base_url: String,
    pub settings: String,
    pub created_at: Timestamp,
}

/// One line of a connection's status map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusMapRow {
    pub channel_status: String,
    pub stage_id: String,
    /// `"channel"` or `"desk"`: which side decides this status.
    pub master: String,
}

/// What a connection has done lately, as the channels screen shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChannelStateRow {
    pub orders_synced_at: Option<Timestamp>,
    pub orders_cursor: Option<String>,
    pub stock_synced_at: Option<Timestamp>,
    pub stock_cursor: Option<String>,
    pub imported: i64,
    pub updated: i64,
    pub pushed: i64,
    pub failures: i64,
    pub last_error: Option<String>,
    pub last_error_at: Option<Timestamp>,
    pub paused_reason: Option<String>,
    /// `last_error` as a stable code and its params (a JSON object of strings), for the card
    /// to word in the manager's language; `last_error` keeps the technical text for logs.
    pub last_error_code: Option<String>,
    pub last_error_params: Option<String>,
    /// The same for `paused_reason`.
    pub paused_code: Option<String>,
    pub paused_params: Option<String>,
}

pub(crate) fn save_connection(conn: &Connection, c: &ConnectionRow) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO channel_connections (id, kind, name, base_url, settings, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) \
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, base_url = excluded.base_url, \
         settings = excluded.settings",
        params![
            c.id.to_string(),
            c.kind,
            c.name,
            c.base_url,
            c.settings,
            ms(c.created_at)
        ],
    )?;
    conn.execute(
        "INSERT INTO channel_state (connection_id) VALUES (?1) ON CONFLICT DO NOTHING",
        [c.id.to_string()],
    )?;
    // The same site added again: what was last pushed to it is what it holds.
    conn.execute(
        &format!(
            "INSERT OR IGNORE INTO channel_stock (connection_id, sku, external_id, \
             pushed_stock, deleted) \
             SELECT c.id, l.sku, l.external_id, l.pushed_stock, l.deleted \
             FROM channel_connections c \
             JOIN channel_stock_links l ON l.kind = c.kind AND l.site = {SITE_KEY} \
             WHERE c.id = ?1"
        ),
        [c.id.to_string()],
    )?;
    Ok(())
}

/// A connection's site as its orders are remembered by: the address without scheme or
/// trailing slash, lower case, so `https://Shop.ru/` and `http://shop.ru` are one site.
pub(crate) const SITE_KEY: &str =
    "lower(rtrim(replace(replace(trim(c.base_url), 'https://', ''), 'http://', ''), '/'))";

/// Removes the connection and what it kept, but remembers which of our orders are which of
/// the channel's, and what stock it last pushed: adding the same site again re-links them
/// instead of importing the orders twice or pushing every product's stock again.
pub(crate) fn delete_connection(conn: &Connection, id: Uuid) -> Result<bool, StoreError> {
    conn.execute(
        &format!(
            "INSERT OR REPLACE INTO channel_links (kind, site, external_id, order_id, \
             remote_status, remote_modified, pushed_status, flags) \
             SELECT c.kind, {SITE_KEY}, o.external_id, o.order_id, o.remote_status, \
             o.remote_modified, o.pushed_status, o.flags \
             FROM channel_orders o JOIN channel_connections c ON c.id = o.connection_id \
             WHERE o.connection_id = ?1 AND o.order_id IS NOT NULL"
        ),
        [id.to_string()],
    )?;
    conn.execute(
        &format!(
            "INSERT OR REPLACE INTO channel_stock_links (kind, site, sku, external_id, \
             pushed_stock, deleted) \
             SELECT c.kind, {SITE_KEY}, s.sku, s.external_id, s.pushed_stock, s.deleted \
             FROM channel_stock s JOIN channel_connections c ON c.id = s.connection_id \
             WHERE s.connection_id = ?1"
        ),
        [id.to_string()],
    )?;
    Ok(conn.execute(
        "DELETE FROM channel_connections WHERE id = ?1",
        [id.to_string()],
    )? > 0)
}

fn connection_row(r: &Row<'_>) -> Result<ConnectionRow, StoreError> {
    Ok(ConnectionRow {
        id: uuid(&r.get::<_, String>(0)?)?,
        kind: r.get(1)?,
        name: r.get(2)?,
        base_url: r.get(3)?,
        settings: r.get(4)?,
        created_at: timestamp(r.get(5)?)?,
    })
}

pub(crate) fn connections(conn: &Connection) -> Result<Vec<ConnectionRow>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, kind, name, base_url, settings, created_at FROM channel_connections \
         ORDER BY created_at, id",
    )?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(connection_row(r)?);
    }
    Ok(out)
}

pub(crate) fn connection(conn: &Connection, id: Uuid) -> Result<Option<ConnectionRow>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, kind, name, base_url, settings, created_at FROM channel_connections \
         WHERE id = ?1",
    )?;
    let mut rows = stmt.query([id.to_string()])?;
    rows.next()?.map(connection_row).transpose()
}

/// Replaces the whole map: the admin edits it as one table.
pub(crate) fn set_status_map(
    conn: &Connection,
    id: Uuid,
    map: &[StatusMapRow],
) -> Result<(), StoreError> {
    conn.execute(
        "DELETE FROM channel_status_map WHERE connection_id = ?1",
        [id.to_string()],
    )?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO channel_status_map (connection_id, channel_status, stage_id, master) \
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    for m in map {
        insert.execute(params![
            id.to_string(),
            m.channel_status,
            m.stage_id,
            m.master
        ])?;
    }
    Ok(())
}

pub(crate) fn status_map(conn: &Connection, id: Uuid) -> Result<Vec<StatusMapRow>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT channel_status, stage_id, master FROM channel_status_map \
         WHERE connection_id = ?1 ORDER BY rowid",
    )?;
    let rows = stmt.query_map([id.to_string()], |r| {
        Ok(StatusMapRow {
            channel_status: r.get(0)?,
            stage_id: r.get(1)?,
            master: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(crate) fn state(conn: &Connection, id: Uuid) -> Result<ChannelStateRow, StoreError> {
    let row = conn
        .prepare_cached(
            "SELECT orders_synced_at, orders_cursor, stock_synced_at, stock_cursor, imported, \
             updated, pushed, failures, last_error, last_error_at, paused_reason, \
             last_error_code, last_error_params, paused_code, paused_params \
             FROM channel_state WHERE connection_id = ?1",
        )?
        .query_row([id.to_string()], |r| {
            Ok((
                r.get::<_, Option<i64>>(0)?,
                r.get(1)?,
                r.get::<_, Option<i64>>(2)?,
                r.get(3)?,
                [r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?],
                r.get(8)?,
                r.get::<_, Option<i64>>(9)?,
                r.get(10)?,
                [r.get(11)?, r.get(12)?, r.get(13)?, r.get(14)?],
            ))
        })
        .optional()?;
    let Some((
        osync,
        ocur,
        ssync,
        scur,
        [imported, updated, pushed, failures],
        err,
        err_at,
        paused,
        [err_code, err_params, paused_code, paused_params],
    )) = row
    else {
        return Ok(ChannelStateRow::default());
    };
    Ok(ChannelStateRow {
        orders_synced_at: opt_timestamp(osync)?,
        orders_cursor: ocur,
        stock_synced_at: opt_timestamp(ssync)?,
        stock_cursor: scur,
        imported,
        updated,
        pushed,
        failures,
        last_error: err,
        last_error_at: opt_timestamp(err_at)?,
        paused_reason: paused,
        last_error_code: err_code,
        last_error_params: err_params,
        paused_code,
        paused_params,
    })
}

pub(crate) fn save_state(
    conn: &Connection,
    id: Uuid,
    s: &ChannelStateRow,
) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO channel_state (connection_id, orders_synced_at, orders_cursor, \
         stock_synced_at, stock_cursor, imported, updated, pushed, failures, last_error, \
         last_error_at, paused_reason, last_error_code, last_error_params, paused_code, \
         paused_params) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16) \
         ON CONFLICT (connection_id) DO UPDATE SET orders_synced_at = excluded.orders_synced_at, \
         orders_cursor = excluded.orders_cursor, stock_synced_at = excluded.stock_synced_at, \
         stock_cursor = excluded.stock_cursor, imported = excluded.imported, \
         updated = excluded.updated, pushed = excluded.pushed, failures = excluded.failures, \
         last_error = excluded.last_error, last_error_at = excluded.last_error_at, \
         paused_reason = excluded.paused_reason, last_error_code = excluded.last_error_code, \
         last_error_params = excluded.last_error_params, paused_code = excluded.paused_code, \
         paused_params = excluded.paused_params",
        params![
            id.to_string(),
            s.orders_synced_at.map(ms),
            s.orders_cursor,
            s.stock_synced_at.map(ms),
            s.stock_cursor,
            s.imported,
            s.updated,
            s.pushed,
            s.failures,
            s.last_error,
            s.last_error_at.map(ms),
            s.paused_reason,
            s.last_error_code,
            s.last_error_params,
            s.paused_code,
            s.paused_params,
        ],
    )?;
    Ok(())
}

/// Records a webhook delivery id; `false` when it was already taken in.
pub(crate) fn take_delivery(
    conn: &Connection,
    id: Uuid,
    delivery_id: &str,
    at: Timestamp,
) -> Result<bool, StoreError> {
    Ok(conn.execute(
        "INSERT INTO channel_deliveries (connection_id, delivery_id, received_at) \
         VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
        params![id.to_string(), delivery_id, ms(at)],
    )? == 1)
}

pub(crate) fn mark_event_delivered(
    conn: &Connection,
    event_id: Uuid,
    at: Timestamp,
) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE channel_events SET delivered_at = ?2 WHERE id = ?1",
        params![event_id.to_string(), ms(at)],
    )?;
    Ok(())
}
