//! Immutable versions of an order's content, and the channel events publishing makes.

use std::collections::HashMap;

use domain::{Actor, Kopecks, Op, Order, OrderContent, Snapshot, VersionRef};
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
    /// What the version changed and why, as its last note says.
    pub note: Option<String>,
}

/// Where a version's content is kept.
pub(crate) enum Stored<'a> {
    /// In this row, as this JSON.
    Here(&'a str),
    /// In the `after` snapshot of the op that saved it (a `Snapshot::Content` of exactly this
    /// content): the row keeps an empty `content` instead of a second copy. Ops are never
    /// deleted and their snapshots never rewritten, so the reference stays good.
    InOp,
}

/// Saves `order`'s content as its version `order.version`, saved by op `op_id` (`None` for an
/// imported version, which then keeps its content [`Stored::Here`]).
pub(crate) fn insert(
    conn: &Connection,
    order: &Order,
    total: Kopecks,
    at: Timestamp,
    actor: &Actor,
    op_id: Option<Uuid>,
    content: Stored<'_>,
) -> Result<(), StoreError> {
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
        total.0,
        match content {
            Stored::Here(json) => json,
            Stored::InOp => "",
        },
    ])?;
    Ok(())
}

/// A version's content from its row, or (an empty row) from its op's `after` snapshot.
fn resolve(
    order_id: Uuid,
    content: &str,
    op_after: Option<&str>,
) -> Result<OrderContent, StoreError> {
    if !content.is_empty() {
        return Ok(serde_json::from_str(content)?);
    }
    let missing = || StoreError::Corrupt(format!("a version of {order_id} lost its op"));
    match serde_json::from_str(op_after.ok_or_else(missing)?)? {
        Snapshot::Content(c) => Ok(*c),
        _ => Err(missing()),
    }
}

/// The columns a version's content is read from: its own, and its op's `after` when its own
/// is empty.
const CONTENT_JOIN: &str = "LEFT JOIN ops o ON v.content = '' AND o.id = v.op_id";

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
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT v.number, v.created_at, v.actor_id, v.actor_name, v.total, v.content, o.after \
         FROM order_versions v {CONTENT_JOIN} WHERE v.order_id = ?1 ORDER BY v.number"
    ))?;
    let mut rows = stmt.query([order_id.to_string()])?;
    let mut notes = notes(conn, order_id)?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let number: i64 = r.get(0)?;
        out.push(VersionRecord {
            note: notes.remove(&number),
            number,
            created_at: timestamp(r.get(1)?)?,
            actor_id: r.get(2)?,
            actor_name: r.get(3)?,
            total: Kopecks(r.get(4)?),
            content: resolve(
                order_id,
                &r.get::<_, String>(5)?,
                r.get::<_, Option<String>>(6)?.as_deref(),
            )?,
        });
    }
    Ok(out)
}

/// The versions' notes, read from the ops that wrote them: the last one on a version wins,
/// in the hub's order and then this desk's ops not yet on the hub (as the order's own note
/// does). An op the hub refused says nothing. Kept in the log only, so a rebase that drops or
/// renumbers local versions never leaves a note on a row it no longer belongs to. A note
/// names the op that saved the version its author saw (`based_on`): on a version of the same
/// number saved by another op (two desks each saved their own offline, and the other won) it
/// says nothing. Notes written before that was recorded have no `based_on` and go by number.
fn notes(conn: &Connection, order_id: Uuid) -> Result<HashMap<i64, String>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT payload, based_on FROM ops WHERE order_id = ?1 AND kind = 'note_version' \
         AND id NOT IN (SELECT op_id FROM sync_rejections) \
         ORDER BY hub_seq IS NULL, hub_seq, rowid",
    )?;
    let mut rows = stmt.query([order_id.to_string()])?;
    let mut notes = HashMap::new();
    let mut saved_by: HashMap<i64, Option<Uuid>> = HashMap::new();
    while let Some(r) = rows.next()? {
        let op: Op = serde_json::from_str(&r.get::<_, String>(0)?)?;
        let based_on: Option<VersionRef> = r
            .get::<_, Option<String>>(1)?
            .map(|b| serde_json::from_str(&b))
            .transpose()?;
        if let (Op::NoteVersion { version, .. }, Some(base)) = (&op, based_on) {
            let saved = match saved_by.get(version) {
                Some(saved) => *saved,
                None => {
                    let saved = op_of(conn, order_id, *version)?;
                    saved_by.insert(*version, saved);
                    saved
                }
            };
            if base.number != *version || base.op_id != saved {
                continue;
            }
        }
        if let Op::NoteVersion { version, note, .. } = op {
            match note {
                Some(n) => notes.insert(version, n),
                None => notes.remove(&version),
            };
        }
    }
    Ok(notes)
}

pub(crate) fn content(
    conn: &Connection,
    order_id: Uuid,
    number: i64,
) -> Result<Option<OrderContent>, StoreError> {
    let text: Option<(String, Option<String>)> = conn
        .prepare_cached(&format!(
            "SELECT v.content, o.after FROM order_versions v {CONTENT_JOIN} \
             WHERE v.order_id = ?1 AND v.number = ?2"
        ))?
        .query_row(params![order_id.to_string(), number], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    text.map(|(content, after)| resolve(order_id, &content, after.as_deref()))
        .transpose()
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
