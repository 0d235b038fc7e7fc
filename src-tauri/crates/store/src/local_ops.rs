//! Ops that stay on this PC: shop-level actions with no order (the channels' trigger maps and
//! failed pushes, the first run, the people and their PINs, customer cards), each written with
//! its `ops` row in the caller's transaction. Every kind of them is named here, so the push
//! to the hub (`SYNCED_OPS`) and the writer (`record`) agree on which they are.

use domain::Actor;
use jiff::Timestamp;
use rusqlite::{params, Connection};
use uuid::Uuid;

use crate::rows::ms;
use crate::StoreError;

/// Ops of the first run (`setup.rs`).
pub(crate) const OPEN_DEMO: &str = "open_demo";
pub(crate) const START_SHOP: &str = "start_shop";
pub(crate) const CHOOSE_WORKFLOW: &str = "choose_workflow";
pub(crate) const FIRST_ADMIN_OP: &str = "first_admin";

/// The people of this PC and their PINs (`people.rs`).
pub(crate) const SET_PERSON: &str = "set_person";
pub(crate) const SET_PERSON_PIN: &str = "set_person_pin";
pub(crate) const REMOVE_PERSON: &str = "remove_person";
pub(crate) const SET_IDLE_LOCK: &str = "set_idle_lock";

/// A customer card's correction and the answers about merging cards (`customers.rs`): the
/// cards are derived on every desk from the orders it has, and no new data travels through
/// the hub.
pub(crate) const SET_CUSTOMER: &str = "set_customer";
pub(crate) const MERGE_CUSTOMERS: &str = "merge_customers";
pub(crate) const KEEP_CUSTOMERS_APART: &str = "keep_customers_apart";
pub(crate) const SPLIT_CUSTOMER: &str = "split_customer";

/// One shop-level op: `kind` names it in the history, `payload` is its JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShopOp {
    pub id: Uuid,
    pub actor: Actor,
    pub at: Timestamp,
    pub kind: String,
    pub payload: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// Which ops sync: all but the shop ops about this PC's own channel connections (the
/// trigger editor, retrying or dismissing a marketplace push). Those live where the
/// connectors run; offered to the hub, which cannot read them, they stopped the whole push.
/// The first run's choices (`setup.rs`) stay on this PC too: a team's shop is the hub's.
/// So do the people and their PINs (`people.rs`): a team's members are the hub's users, and
/// PIN hashes are not sent anywhere. A customer card's correction (`customers.rs`) corrects
/// this PC's register, which every desk derives from the orders it syncs, and so do its
/// merges (`customers/merges.rs`).
pub(crate) const SYNCED_OPS: &str =
    "(order_id IS NOT NULL OR kind NOT IN ('set_marketplace_triggers', 'push_retry', \
     'push_dismiss', 'open_demo', 'start_shop', 'choose_workflow', 'first_admin', \
     'set_delivery_map', 'edit_connection', 'set_person', 'set_person_pin', 'remove_person', \
     'set_idle_lock', 'set_customer', 'merge_customers', 'keep_customers_apart', \
     'split_customer'))";

/// An admin's change of a connection's address, keys (never their values) or certificate
/// (kept where the connectors run, like the trigger editor's).
pub const EDIT_CONNECTION: &str = "edit_connection";

/// A site connection's delivery map saved by the admin (kept where the connectors run).
pub const SET_DELIVERY_MAP: &str = "set_delivery_map";

/// The kinds [`SYNCED_OPS`] leaves out; `record` writes no other, so a new kind of local op
/// cannot slip into the push unlisted.
const LOCAL_KINDS: [&str; 17] = [
    "set_marketplace_triggers",
    SET_DELIVERY_MAP,
    EDIT_CONNECTION,
    "push_retry",
    "push_dismiss",
    OPEN_DEMO,
    START_SHOP,
    CHOOSE_WORKFLOW,
    FIRST_ADMIN_OP,
    SET_PERSON,
    SET_PERSON_PIN,
    REMOVE_PERSON,
    SET_IDLE_LOCK,
    SET_CUSTOMER,
    MERGE_CUSTOMERS,
    KEEP_CUSTOMERS_APART,
    SPLIT_CUSTOMER,
];

pub(crate) fn record(conn: &Connection, device_id: Uuid, op: &ShopOp) -> Result<(), StoreError> {
    if !LOCAL_KINDS.contains(&op.kind.as_str()) {
        return Err(StoreError::Corrupt(format!(
            "{:?} is not a local shop op: add it to LOCAL_KINDS and SYNCED_OPS",
            op.kind
        )));
    }
    insert_row(conn, device_id, op)
}

/// The `ops` row of a shop-level op, local or not (workflow edits sync): numbered after this
/// device's last op.
pub(crate) fn insert_row(
    conn: &Connection,
    device_id: Uuid,
    op: &ShopOp,
) -> Result<(), StoreError> {
    let seq: i64 = conn
        .prepare_cached("SELECT COALESCE(MAX(device_seq), 0) + 1 FROM ops WHERE device_id = ?1")?
        .query_row([device_id.to_string()], |r| r.get(0))?;
    insert_numbered(conn, device_id, seq, op)
}

/// The `ops` row of a shop-level op at its given place in `device_id`'s ops (one pulled from
/// the hub keeps its author's).
pub(crate) fn insert_numbered(
    conn: &Connection,
    device_id: Uuid,
    seq: i64,
    op: &ShopOp,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO ops (id, device_id, device_seq, actor_id, actor_name, actor_role, at, kind, \
         order_id, payload, before, after) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, NULL, ?9, ?10, ?11)",
    )?
    .execute(params![
        op.id.to_string(),
        device_id.to_string(),
        seq,
        op.actor.id,
        op.actor.name,
        op.actor.role.as_str(),
        ms(op.at),
        op.kind,
        op.payload,
        op.before,
        op.after,
    ])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{LOCAL_KINDS, SYNCED_OPS};

    #[test]
    fn every_local_kind_is_kept_out_of_the_push() {
        for kind in LOCAL_KINDS {
            assert!(SYNCED_OPS.contains(&format!("'{kind}'")), "{kind}");
        }
    }
}
