//! The marketplace push queue: actions our stages trigger, each with the op that caused it,
//! retried until done, and kept (failed or stopped) rather than dropped.

use jiff::Timestamp;
use rusqlite::{params, Connection, OptionalExtension, Row};
use uuid::Uuid;

use crate::rows::{ms, opt_timestamp, timestamp, uuid};
use crate::{Store, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PushState {
    Pending,
    Done,
    /// Will not heal by retrying: kept for the admin to see.
    Failed,
    /// Not made because the marketplace cancelled the order meanwhile.
    Stopped,
}

impl PushState {
    pub fn as_str(self) -> &'static str {
        match self {
            PushState::Pending => "pending",
            PushState::Done => "done",
            PushState::Failed => "failed",
            PushState::Stopped => "stopped",
        }
    }

    fn parse(text: &str) -> Option<PushState> {
        [
            PushState::Pending,
            PushState::Done,
            PushState::Failed,
            PushState::Stopped,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPush {
    pub connection_id: Uuid,
    pub external_id: String,
    pub order_id: Uuid,
    pub stage_id: String,
    pub action: String,
}

/// Why a push is not made (yet): the technical text for the log and the hover, and a code
/// with its params (a JSON object of strings) the window words in the manager's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushNote {
    pub text: String,
    pub code: String,
    pub params: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushRow {
    pub id: Uuid,
    pub connection_id: Uuid,
    pub external_id: String,
    pub order_id: Uuid,
    pub stage_id: String,
    pub op_id: Option<Uuid>,
    pub action: String,
    pub state: PushState,
    pub attempts: i64,
    pub next_at: Timestamp,
    pub last_error: Option<String>,
    /// `last_error` as a code and its params (a JSON object of strings), for the window to
    /// word; `None` on rows written before codes were kept.
    pub last_error_code: Option<String>,
    pub last_error_params: Option<String>,
    pub created_at: Timestamp,
    pub finished_at: Option<Timestamp>,
    /// Set when the admin dismissed the failed push (it is then `Stopped`).
    pub dismissed: Option<Dismissal>,
}

/// Who dismissed a failed push, when and why: kept in the queue's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dismissal {
    pub by: String,
    pub reason: String,
    pub at: Timestamp,
}

pub(crate) const COLUMNS: &str =
    "id, connection_id, external_id, order_id, stage_id, op_id, action, \
    state, attempts, next_at, last_error, created_at, finished_at, dismissed_by, dismissed_reason, \
    dismissed_at, last_error_code, last_error_params";

pub(crate) fn row(r: &Row<'_>) -> Result<PushRow, StoreError> {
    let state: String = r.get(7)?;
    Ok(PushRow {
        id: uuid(&r.get::<_, String>(0)?)?,
        connection_id: uuid(&r.get::<_, String>(1)?)?,
        external_id: r.get(2)?,
        order_id: uuid(&r.get::<_, String>(3)?)?,
        stage_id: r.get(4)?,
        op_id: r
            .get::<_, Option<String>>(5)?
            .as_deref()
            .map(uuid)
            .transpose()?,
        action: r.get(6)?,
        state: PushState::parse(&state)
            .ok_or_else(|| StoreError::Corrupt(format!("push state {state:?}")))?,
        attempts: r.get(8)?,
        next_at: timestamp(r.get(9)?)?,
        last_error: r.get(10)?,
        last_error_code: r.get(16)?,
        last_error_params: r.get(17)?,
        created_at: timestamp(r.get(11)?)?,
        finished_at: opt_timestamp(r.get(12)?)?,
        dismissed: match (
            r.get::<_, Option<String>>(13)?,
            r.get::<_, Option<String>>(14)?,
            r.get::<_, Option<i64>>(15)?,
        ) {
            (Some(by), reason, Some(at)) => Some(Dismissal {
                by,
                reason: reason.unwrap_or_default(),
                at: timestamp(at)?,
            }),
            _ => None,
        },
    })
}

fn select(
    conn: &Connection,
    filter: &str,
    args: impl rusqlite::Params,
) -> Result<Vec<PushRow>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM channel_pushes WHERE {filter} ORDER BY created_at, rowid"
    ))?;
    let mut rows = stmt.query(args)?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(row(r)?);
    }
    Ok(out)
}

/// The last op that put the order where it is now: the cause a triggered action is queued
/// with.
fn stage_op(conn: &Connection, order_id: Uuid) -> Result<Option<String>, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT id FROM ops WHERE order_id = ?1 AND kind IN \
             ('create_order', 'advance_stage', 'move_to_stage', 'cancel') \
             ORDER BY at DESC, rowid DESC LIMIT 1",
        )?
        .query_row([order_id.to_string()], |r| r.get(0))
        .optional()?)
}

impl Store {
    /// Queues the action of the stage the order reached; `false` when that stage's action
    /// was already queued for this posting (a trigger fires once).
    pub fn enqueue_push(&self, push: NewPush, at: Timestamp) -> Result<bool, StoreError> {
        self.write(move |conn| {
            let op_id = stage_op(conn, push.order_id)?;
            let added = conn.execute(
                "INSERT OR IGNORE INTO channel_pushes (id, connection_id, external_id, order_id, \
                 stage_id, op_id, action, state, next_at, created_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'pending', ?8, ?8)",
                params![
                    Uuid::now_v7().to_string(),
                    push.connection_id.to_string(),
                    push.external_id,
                    push.order_id.to_string(),
                    push.stage_id,
                    op_id,
                    push.action,
                    ms(at),
                ],
            )?;
            Ok(added == 1)
        })
    }

    /// Pending pushes of a connection whose time has come, oldest first.
    pub fn due_pushes(
        &self,
        connection_id: Uuid,
        now: Timestamp,
    ) -> Result<Vec<PushRow>, StoreError> {
        self.readers.read(|conn| {
            select(
                conn,
                "connection_id = ?1 AND state = 'pending' AND next_at <= ?2",
                params![connection_id.to_string(), ms(now)],
            )
        })
    }

    /// Every push of a connection, for its state screen.
    pub fn pushes(&self, connection_id: Uuid) -> Result<Vec<PushRow>, StoreError> {
        self.readers
            .read(|conn| select(conn, "connection_id = ?1", [connection_id.to_string()]))
    }

    /// Pushes triggered for one order, for the order's card.
    pub fn order_pushes(&self, order_id: Uuid) -> Result<Vec<PushRow>, StoreError> {
        self.readers
            .read(|conn| select(conn, "order_id = ?1", [order_id.to_string()]))
    }

    /// Records an attempt's outcome. `next_at` is used while the push stays pending.
    pub fn finish_push(
        &self,
        id: Uuid,
        state: PushState,
        note: Option<PushNote>,
        next_at: Timestamp,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        self.write(move |conn| {
            let finished = (state != PushState::Pending).then_some(ms(at));
            let (text, code, params) = match note {
                Some(n) => (Some(n.text), Some(n.code), Some(n.params)),
                None => (None, None, None),
            };
            conn.execute(
                "UPDATE channel_pushes SET state = ?2, attempts = attempts + 1, last_error = ?3, \
                 next_at = ?4, finished_at = ?5, last_error_code = ?6, last_error_params = ?7 \
                 WHERE id = ?1",
                params![
                    id.to_string(),
                    state.as_str(),
                    text,
                    ms(next_at),
                    finished,
                    code,
                    params
                ],
            )?;
            Ok(())
        })
    }

    /// The marketplace cancelled the order: its pending pushes will not be made.
    pub fn stop_pushes(
        &self,
        connection_id: Uuid,
        external_id: String,
        reason: PushNote,
        at: Timestamp,
    ) -> Result<u64, StoreError> {
        self.write(move |conn| {
            let n = conn.execute(
                "UPDATE channel_pushes SET state = 'stopped', last_error = ?3, finished_at = ?4, \
                 last_error_code = ?5, last_error_params = ?6 \
                 WHERE connection_id = ?1 AND external_id = ?2 AND state = 'pending'",
                params![
                    connection_id.to_string(),
                    external_id,
                    reason.text,
                    ms(at),
                    reason.code,
                    reason.params
                ],
            )?;
            Ok(n as u64)
        })
    }
}
