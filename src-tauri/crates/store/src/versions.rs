//! Immutable versions of an order's content, and the channel events publishing makes.

use domain::{Actor, Kopecks, Order, OrderContent};
use jiff::Timestamp;
use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;

use crate::rows::{ms, timestamp};
use crate::StoreError;

/// One saved version as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionRecord {
    pub number: i64,
    pub created_at: Timestamp,
    pub actor_id: String,
    pub actor_name: String,
    pub total: Kopecks,
    pub content: OrderContent,
}

/// Saves `order`'s content as its version `order.version`.
pub(crate) fn insert(
    conn: &Connection,
    order: &Order,
    at: Timestamp,
    actor: &Actor,
    op_id: Option<Uuid>,
) -> Result<(), StoreError> {
    let content = order.content()?;
    conn.prepare_cached(
        "INSERT INTO order_versions (order_id, number, created_at, actor_id, actor_name, op_id, \
         total, content) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        order.id.to_string(),
        order.version,
        ms(at),
        actor.id,
        actor.name,
        op_id.map(|id| id.to_string()),
        content.total.0,
        serde_json::to_string(&content)?,
    ])?;
    Ok(())
}

/// The op that saved version `number` (`None` for an imported version).
pub(crate) fn op_of(
    conn: &Connection,
    order_id: Uuid,
    number: i64,
) -> Result<Option<Uuid>, StoreError> {
    let text: Option<Option<String>> = conn
        .prepare_cached("SELECT op_id FROM order_versions WHERE order_id = ?1 AND number = ?2")?
        .query_row(params![order_id.to_string(), number], |r| r.get(0))
        .optional()?;
    text.flatten().map(|t| crate::rows::uuid(&t)).transpose()
}

pub(crate) fn list(conn: &Connection, order_id: Uuid) -> Result<Vec<VersionRecord>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT number, created_at, actor_id, actor_name, total, content FROM order_versions \
         WHERE order_id = ?1 ORDER BY number",
    )?;
    let mut rows = stmt.query([order_id.to_string()])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(VersionRecord {
            number: r.get(0)?,
            created_at: timestamp(r.get(1)?)?,
            actor_id: r.get(2)?,
            actor_name: r.get(3)?,
            total: Kopecks(r.get(4)?),
            content: serde_json::from_str(&r.get::<_, String>(5)?)?,
        });
    }
    Ok(out)
}

pub(crate) fn content(
    conn: &Connection,
    order_id: Uuid,
    number: i64,
) -> Result<Option<OrderContent>, StoreError> {
    let text: Option<String> = conn
        .prepare_cached("SELECT content FROM order_versions WHERE order_id = ?1 AND number = ?2")?
        .query_row(params![order_id.to_string(), number], |r| r.get(0))
        .optional()?;
    Ok(text.as_deref().map(serde_json::from_str).transpose()?)
}

/// The event a channel connector delivers to the customer: the published version's content.
pub(crate) fn publish_event(
    conn: &Connection,
    order_id: Uuid,
    version: i64,
    op_id: Uuid,
    at: Timestamp,
) -> Result<(), StoreError> {
    let content = content(conn, order_id, version)?.ok_or_else(|| {
        StoreError::Corrupt(format!("order {order_id} has no stored version {version}"))
    })?;
    let payload = serde_json::json!({ "version": version, "content": content });
    conn.prepare_cached(
        "INSERT INTO channel_events (id, order_id, kind, payload, created_at) \
         VALUES (?1, ?2, 'version_published', ?3, ?4)",
    )?
    .execute(params![
        op_id.to_string(),
        order_id.to_string(),
        payload.to_string(),
        ms(at)
    ])?;
    Ok(())
}

/// A pending channel event, oldest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelEvent {
    pub id: Uuid,
    pub order_id: Uuid,
    pub kind: String,
    pub payload: String,
    pub created_at: Timestamp,
}

pub(crate) fn pending_events(conn: &Connection) -> Result<Vec<ChannelEvent>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, order_id, kind, payload, created_at FROM channel_events \
         WHERE delivered_at IS NULL ORDER BY created_at, rowid",
    )?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(ChannelEvent {
            id: crate::rows::uuid(&r.get::<_, String>(0)?)?,
            order_id: crate::rows::uuid(&r.get::<_, String>(1)?)?,
            kind: r.get(2)?,
            payload: r.get(3)?,
            created_at: timestamp(r.get(4)?)?,
        });
    }
    Ok(out)
}
