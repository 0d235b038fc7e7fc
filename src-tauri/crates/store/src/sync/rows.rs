//! Rows the sync keeps beside the orders: the hub's picture of orders with unsent ops, the
//! outbox as envelopes, refusals, and the cursors.

use domain::{Actor, AnyOp, OpEnvelope, Role, ShopOpEnvelope, VersionRef};
use rusqlite::{params, Connection, OptionalExtension, Row};
use uuid::Uuid;

use crate::rows::{ms, parse, timestamp, uuid};
use crate::{read, StoreError};

pub(crate) use crate::sync_base::{base, drop_base, joined, set_base, JOINED};
pub(crate) const CURSOR: &str = "sync_cursor";
pub(crate) const REJECTIONS_CURSOR: &str = "sync_rejections_cursor";
pub(crate) const HUB_URL: &str = "hub_url";
pub(crate) const REVOKED: &str = "sync_revoked";
pub(crate) const HUB_TOKEN: &str = "hub_token";

pub(crate) fn meta_i64(conn: &Connection, key: &str) -> Result<i64, StoreError> {
    match read::meta(conn, key)? {
        None => Ok(0),
        Some(text) => text
            .parse()
            .map_err(|_| StoreError::Corrupt(format!("meta {key} = {text:?}"))),
    }
}

pub(crate) fn set_meta_i64(conn: &Connection, key: &str, value: i64) -> Result<(), StoreError> {
    crate::meta::set_meta(conn, key, &value.to_string())
}

const ENVELOPE: &str = "id, device_id, device_seq, actor_id, actor_name, actor_role, at, \
    payload, based_on";

/// Who made the op and when, as both kinds of envelope carry it.
struct Made {
    id: Uuid,
    device_id: Uuid,
    device_seq: i64,
    actor: Actor,
    at: jiff::Timestamp,
}

fn made(r: &Row<'_>) -> Result<Made, StoreError> {
    Ok(Made {
        id: uuid(&r.get::<_, String>(0)?)?,
        device_id: uuid(&r.get::<_, String>(1)?)?,
        device_seq: r.get(2)?,
        actor: Actor {
            id: r.get(3)?,
            name: r.get(4)?,
            role: parse(&r.get::<_, String>(5)?, "role", Role::parse)?,
        },
        at: timestamp(r.get(6)?)?,
    })
}

fn envelope(r: &Row<'_>) -> Result<OpEnvelope, StoreError> {
    let based_on: Option<String> = r.get(8)?;
    let m = made(r)?;
    Ok(OpEnvelope {
        id: m.id,
        device_id: m.device_id,
        device_seq: m.device_seq,
        actor: m.actor,
        at: m.at,
        op: serde_json::from_str(&r.get::<_, String>(7)?)?,
        based_on: based_on
            .as_deref()
            .map(serde_json::from_str::<VersionRef>)
            .transpose()?,
    })
}

/// This device's ops the hub has not answered, oldest first: order ops, and shop ops (rows
/// without an order: workflow, requisites and catalogue edits).
pub(crate) fn unsent(
    conn: &Connection,
    device_id: Uuid,
    limit: u32,
) -> Result<Vec<AnyOp>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ENVELOPE}, order_id, kind FROM ops WHERE device_id = ?1 AND hub_seq IS NULL \
         AND {SYNCED} AND id NOT IN (SELECT op_id FROM sync_rejections) \
         ORDER BY device_seq LIMIT ?2",
        SYNCED = crate::local_ops::SYNCED_OPS
    ))?;
    let mut rows = stmt.query(params![device_id.to_string(), limit])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        if r.get::<_, Option<String>>(9)?.is_some() {
            out.push(AnyOp::Order(envelope(r)?));
            continue;
        }
        let kind: String = r.get(10)?;
        let m = made(r)?;
        out.push(AnyOp::Shop(ShopOpEnvelope {
            id: m.id,
            device_id: m.device_id,
            device_seq: m.device_seq,
            actor: m.actor,
            at: m.at,
            op: super::shop::from_row(&kind, &r.get::<_, String>(7)?)?,
        }));
    }
    Ok(out)
}

pub(crate) fn unsent_count(conn: &Connection, device_id: Uuid) -> Result<u32, StoreError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT COUNT(*) FROM ops WHERE device_id = ?1 AND hub_seq IS NULL \
             AND {SYNCED} AND id NOT IN (SELECT op_id FROM sync_rejections)",
            SYNCED = crate::local_ops::SYNCED_OPS
        ))?
        .query_row([device_id.to_string()], |r| r.get(0))?)
}

/// This device's ops on `order_id` that the hub's picture (up to `cursor`) does not hold yet:
/// not answered, or accepted at a place not pulled yet. Refused ones are out for good.
pub(crate) fn ahead_of_base(
    conn: &Connection,
    device_id: Uuid,
    order_id: Uuid,
    cursor: i64,
) -> Result<Vec<OpEnvelope>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ENVELOPE} FROM ops WHERE device_id = ?1 AND order_id = ?2 \
         AND (hub_seq IS NULL OR hub_seq > ?3) \
         AND id NOT IN (SELECT op_id FROM sync_rejections) ORDER BY device_seq"
    ))?;
    let mut rows = stmt.query(params![device_id.to_string(), order_id.to_string(), cursor])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(envelope(r)?);
    }
    Ok(out)
}

/// A refusal of one of this desk's ops, as kept for its author.
#[derive(Debug, Clone, PartialEq)]
pub struct RejectionRecord {
    pub op_id: Uuid,
    pub code: String,
    pub message: String,
    /// The order as the hub had it (`domain::Order` JSON).
    pub current: Option<String>,
    pub at: jiff::Timestamp,
}

/// What the desk shows: the refusal plus what the op was.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredRejection {
    pub rejection: RejectionRecord,
    pub order_id: Option<Uuid>,
    pub kind: String,
}

/// Records a refusal once; returns the order it touched when this desk has the op.
pub(crate) fn insert_rejection(
    conn: &Connection,
    r: &RejectionRecord,
) -> Result<Option<Uuid>, StoreError> {
    let op: Option<(Option<String>, String)> = conn
        .prepare_cached("SELECT order_id, kind FROM ops WHERE id = ?1")?
        .query_row([r.op_id.to_string()], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?;
    let Some((order_id, kind)) = op else {
        return Ok(None);
    };
    conn.prepare_cached(
        "INSERT INTO sync_rejections (op_id, order_id, kind, code, message, current, at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (op_id) DO NOTHING",
    )?
    .execute(params![
        r.op_id.to_string(),
        order_id,
        kind,
        r.code,
        r.message,
        r.current,
        ms(r.at),
    ])?;
    order_id.as_deref().map(uuid).transpose()
}

pub(crate) fn rejections(conn: &Connection) -> Result<Vec<StoredRejection>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT op_id, order_id, kind, code, message, current, at FROM sync_rejections \
         ORDER BY at DESC, op_id DESC",
    )?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let order_id: Option<String> = r.get(1)?;
        out.push(StoredRejection {
            rejection: RejectionRecord {
                op_id: uuid(&r.get::<_, String>(0)?)?,
                code: r.get(3)?,
                message: r.get(4)?,
                current: r.get(5)?,
                at: timestamp(r.get(6)?)?,
            },
            order_id: order_id.as_deref().map(uuid).transpose()?,
            kind: r.get(2)?,
        });
    }
    Ok(out)
}
