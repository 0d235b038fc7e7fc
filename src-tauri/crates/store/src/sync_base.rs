//! The hub's picture of orders with unsent ops (`sync_base`): kept before a joined desk's
//! first local op on an order, so a later rebase has something to start from. Apart from the
//! rest of the sync because every local write keeps it (`write::record_for`), and the sync
//! in turn writes through `write`.

use domain::Order;
use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;

use crate::rows::uuid;
use crate::{read, StoreError};

pub(crate) const JOINED: &str = "sync_joined";

pub(crate) fn joined(conn: &Connection) -> Result<bool, StoreError> {
    Ok(read::meta(conn, JOINED)?.is_some())
}

/// The hub's picture of an order: `Some((None, _))` when the order is not on the hub.
pub(crate) type Base = (Option<Order>, Option<Uuid>);

pub(crate) fn base(conn: &Connection, order_id: Uuid) -> Result<Option<Base>, StoreError> {
    let row: Option<(Option<String>, Option<String>)> = conn
        .prepare_cached("SELECT body, version_op FROM sync_base WHERE order_id = ?1")?
        .query_row([order_id.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((body, op)) = row else {
        return Ok(None);
    };
    let order = body.as_deref().map(serde_json::from_str).transpose()?;
    Ok(Some((order, op.as_deref().map(uuid).transpose()?)))
}

pub(crate) fn set_base(conn: &Connection, order_id: Uuid, base: &Base) -> Result<(), StoreError> {
    let body = base.0.as_ref().map(serde_json::to_string).transpose()?;
    conn.prepare_cached(
        "INSERT INTO sync_base (order_id, body, version_op) VALUES (?1, ?2, ?3) \
         ON CONFLICT (order_id) DO UPDATE SET body = excluded.body, \
         version_op = excluded.version_op",
    )?
    .execute(params![
        order_id.to_string(),
        body,
        base.1.map(|id| id.to_string())
    ])?;
    Ok(())
}

pub(crate) fn drop_base(conn: &Connection, order_id: Uuid) -> Result<(), StoreError> {
    conn.prepare_cached("DELETE FROM sync_base WHERE order_id = ?1")?
        .execute([order_id.to_string()])?;
    Ok(())
}

/// Before the first local op on an order of a joined desk, keeps the order as it is (which
/// is then the hub's picture) so a later rebase has something to start from.
pub(crate) fn capture_base(
    conn: &Connection,
    order_id: Uuid,
    before: Option<&Order>,
) -> Result<(), StoreError> {
    if !joined(conn)? || base(conn, order_id)?.is_some() {
        return Ok(());
    }
    let version_op = match before {
        Some(o) => crate::versions::op_of(conn, order_id, o.version)?,
        None => None,
    };
    set_base(conn, order_id, &(before.cloned(), version_op))
}
