//! Shop-level admin actions on the channels (trigger maps, failed marketplace pushes): each
//! written with its `ops` row (no order: the shop's history, kept on this PC like workflow
//! edits) in one transaction.

use domain::Actor;
use jiff::Timestamp;
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::json;
use uuid::Uuid;

use crate::channel_pushes::{row, PushRow, PushState, COLUMNS};
use crate::channel_rows::{self, ConnectionRow};
use crate::rows::ms;
use crate::{Store, StoreError};

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
    crate::setup::OPEN_DEMO,
    crate::setup::START_SHOP,
    crate::setup::CHOOSE_WORKFLOW,
    crate::setup::FIRST_ADMIN_OP,
    crate::people::SET_PERSON,
    crate::people::SET_PERSON_PIN,
    crate::people::REMOVE_PERSON,
    crate::people::SET_IDLE_LOCK,
    "set_customer",
    crate::customers::MERGE_CUSTOMERS,
    crate::customers::KEEP_CUSTOMERS_APART,
    crate::customers::SPLIT_CUSTOMER,
];

/// What a retry or dismissal of a push came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PushChange {
    /// Done; the push as it is now.
    Changed(Box<PushRow>),
    NotFound,
    /// Only a failed push can be retried or dismissed; nothing was written.
    NotFailed(PushState),
}

pub(crate) fn record(conn: &Connection, device_id: Uuid, op: &ShopOp) -> Result<(), StoreError> {
    if !LOCAL_KINDS.contains(&op.kind.as_str()) {
        return Err(StoreError::Corrupt(format!(
            "{:?} is not a local shop op: add it to LOCAL_KINDS and SYNCED_OPS",
            op.kind
        )));
    }
    let seq: i64 = conn
        .prepare_cached("SELECT COALESCE(MAX(device_seq), 0) + 1 FROM ops WHERE device_id = ?1")?
        .query_row([device_id.to_string()], |r| r.get(0))?;
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

fn push(conn: &Connection, id: Uuid) -> Result<Option<PushRow>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM channel_pushes WHERE id = ?1"
    ))?;
    let mut rows = stmt.query([id.to_string()])?;
    rows.next()?.map(row).transpose()
}

/// The order's "this push failed" flag goes with the failure (a new failure sets it again).
fn clear_failed_flag(conn: &Connection, p: &PushRow) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE channel_orders SET flags = (SELECT json_group_array(value) FROM json_each(flags) \
         WHERE value != ?3) WHERE connection_id = ?1 AND external_id = ?2",
        params![
            p.connection_id.to_string(),
            p.external_id,
            format!("push_failed:{}", p.stage_id)
        ],
    )?;
    Ok(())
}

/// Runs `change` on a failed push and records `op` with the push's state before and after.
fn change_failed(
    conn: &Connection,
    device_id: Uuid,
    id: Uuid,
    mut op: ShopOp,
    change: impl FnOnce(&Connection) -> Result<(), StoreError>,
) -> Result<PushChange, StoreError> {
    let Some(before) = push(conn, id)? else {
        return Ok(PushChange::NotFound);
    };
    if before.state != PushState::Failed {
        return Ok(PushChange::NotFailed(before.state));
    }
    change(conn)?;
    clear_failed_flag(conn, &before)?;
    let after = push(conn, id)?.ok_or(StoreError::Corrupt(format!("push {id} vanished")))?;
    let state = |p: &PushRow| {
        json!({ "state": p.state.as_str(), "attempts": p.attempts, "last_error": p.last_error })
            .to_string()
    };
    op.before = Some(state(&before));
    op.after = Some(state(&after));
    record(conn, device_id, &op)?;
    Ok(PushChange::Changed(Box::new(after)))
}

impl Store {
    /// Saves a connection's row (its settings), its fulfilment models when given, and the op
    /// that changed them, together.
    pub fn save_connection_logged(
        &self,
        row: ConnectionRow,
        models: Option<Vec<String>>,
        op: ShopOp,
    ) -> Result<(), StoreError> {
        let device_id = self.device_id();
        self.write(move |conn| {
            channel_rows::save_connection(conn, &row)?;
            if let Some(models) = models {
                conn.execute(
                    "INSERT INTO channel_market_models (connection_id, models) VALUES (?1, ?2) \
                     ON CONFLICT (connection_id) DO UPDATE SET models = excluded.models",
                    params![row.id.to_string(), serde_json::to_string(&models)?],
                )?;
            }
            record(conn, device_id, &op)
        })
    }

    /// The fulfilment models chosen for a marketplace connection, if any were.
    pub fn market_models(&self, connection_id: Uuid) -> Result<Option<Vec<String>>, StoreError> {
        self.readers.read(move |conn| {
            let json: Option<String> = conn
                .prepare_cached(
                    "SELECT models FROM channel_market_models WHERE connection_id = ?1",
                )?
                .query_row([connection_id.to_string()], |r| r.get(0))
                .optional()?;
            Ok(json.as_deref().map(serde_json::from_str).transpose()?)
        })
    }

    /// One push by id.
    pub fn push(&self, id: Uuid) -> Result<Option<PushRow>, StoreError> {
        self.readers.read(move |conn| push(conn, id))
    }

    /// Puts a failed push back in the queue, due at once, with a fresh count of attempts.
    pub fn retry_push(&self, id: Uuid, op: ShopOp) -> Result<PushChange, StoreError> {
        let device_id = self.device_id();
        let at = ms(op.at);
        self.write(move |conn| {
            change_failed(conn, device_id, id, op, |conn| {
                conn.execute(
                    "UPDATE channel_pushes SET state = 'pending', attempts = 0, next_at = ?2, \
                     finished_at = NULL WHERE id = ?1",
                    params![id.to_string(), at],
                )?;
                Ok(())
            })
        })
    }

    /// Stops a failed push for good; it stays listed with who dismissed it and why.
    pub fn dismiss_push(
        &self,
        id: Uuid,
        reason: String,
        op: ShopOp,
    ) -> Result<PushChange, StoreError> {
        let device_id = self.device_id();
        let (at, by) = (ms(op.at), op.actor.name.clone());
        self.write(move |conn| {
            change_failed(conn, device_id, id, op, |conn| {
                conn.execute(
                    "UPDATE channel_pushes SET state = 'stopped', dismissed_by = ?2, \
                     dismissed_reason = ?3, dismissed_at = ?4, finished_at = ?4 WHERE id = ?1",
                    params![id.to_string(), by, reason, at],
                )?;
                Ok(())
            })
        })
    }

    /// Whether an op with this id was recorded (tests and audits).
    pub fn has_op(&self, id: Uuid) -> Result<bool, StoreError> {
        self.readers.read(move |conn| {
            Ok(conn
                .prepare_cached("SELECT 1 FROM ops WHERE id = ?1")?
                .query_row([id.to_string()], |_| Ok(()))
                .optional()?
                .is_some())
        })
    }
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
