//! Shop-level admin actions on the channels (trigger maps, failed marketplace pushes): each
//! written with its `ops` row (no order: the shop's history, kept on this PC like workflow
//! edits) in one transaction.

use rusqlite::{params, Connection, OptionalExtension};
use serde_json::json;
use uuid::Uuid;

use crate::channel_pushes::{row, PushRow, PushState, COLUMNS};
use crate::channel_rows::{self, ConnectionRow};
use crate::local_ops::{record, ShopOp};
use crate::rows::ms;
use crate::{Store, StoreError};

/// What a retry or dismissal of a push came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PushChange {
    /// Done; the push as it is now.
    Changed(Box<PushRow>),
    NotFound,
    /// Only a failed push can be retried or dismissed; nothing was written.
    NotFailed(PushState),
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
