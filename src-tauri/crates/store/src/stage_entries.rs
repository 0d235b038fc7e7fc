//! Moves of a connection's orders into stages, read from the op log: a marketplace action is
//! queued for every stage an order entered, not only for the one it sits in when the
//! connector runs — an order that passes through two trigger stages between two runs gets
//! both actions, in order. The op log is the outbox: each move is written there in the same
//! transaction as its effect.

use rusqlite::{params, Connection};
use uuid::Uuid;

use crate::rows::uuid;
use crate::{Store, StoreError};

/// One order entering one stage; `seq` orders entries and is the cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageEntry {
    pub seq: i64,
    pub order_id: Uuid,
    pub stage_id: String,
}

fn key(connection_id: Uuid) -> String {
    format!("stage_entries_seen:{connection_id}")
}

impl Store {
    /// Entries since the connection last looked, oldest first, and the cursor to save once
    /// they are queued. The first look starts at the log's end: what happened before the
    /// connection watched is the current-stage scan's business.
    pub fn stage_entries(&self, connection_id: Uuid) -> Result<(Vec<StageEntry>, i64), StoreError> {
        self.readers.read(|conn| {
            let end: i64 = conn
                .prepare_cached("SELECT COALESCE(MAX(rowid), 0) FROM ops")?
                .query_row([], |r| r.get(0))?;
            let Some(seen) = crate::read::meta(conn, &key(connection_id))? else {
                return Ok((Vec::new(), end));
            };
            let seen: i64 = seen.parse().unwrap_or(end);
            Ok((entries(conn, connection_id, seen, end)?, end))
        })
    }

    pub fn set_stage_entries_seen(&self, connection_id: Uuid, seq: i64) -> Result<(), StoreError> {
        self.write(move |conn| crate::meta::set_meta(conn, &key(connection_id), &seq.to_string()))
    }
}

fn entries(
    conn: &Connection,
    connection_id: Uuid,
    after: i64,
    end: i64,
) -> Result<Vec<StageEntry>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT o.rowid, o.order_id, json_extract(o.after, '$.stage_id') FROM ops o \
         JOIN channel_orders c ON c.order_id = o.order_id AND c.connection_id = ?1 \
         WHERE o.rowid > ?2 AND o.rowid <= ?3 \
         AND o.kind IN ('advance_stage', 'move_to_stage', 'cancel') ORDER BY o.rowid",
    )?;
    let mut rows = stmt.query(params![connection_id.to_string(), after, end])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let Some(stage_id) = r.get::<_, Option<String>>(2)? else {
            continue;
        };
        out.push(StageEntry {
            seq: r.get(0)?,
            order_id: uuid(&r.get::<_, String>(1)?)?,
            stage_id,
        });
    }
    Ok(out)
}
