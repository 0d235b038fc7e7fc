//! Queries. Each takes a plain connection so it runs on a reader or inside the writer's
//! transaction alike.

use domain::{Channel, DeliveryMethod, Kopecks, PaymentMethod, Role};
use jiff::Timestamp;
use rusqlite::{params, Connection, OptionalExtension, Row};
use uuid::Uuid;

use crate::rows::{ms, opt_timestamp, parse, timestamp, uuid};
use crate::StoreError;

/// How many orders sit in a stage, and how many of them are past their deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageCount {
    pub stage_id: String,
    pub count: u32,
    pub overdue: u32,
}

/// One row of a stage's order list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueRow {
    pub id: Uuid,
    pub number: i64,
    pub customer: String,
    pub phone: String,
    pub channel: Channel,
    pub total: Kopecks,
    pub stage_id: String,
    pub stage_entered_at: Timestamp,
    pub deadline: Option<Timestamp>,
    pub delivery: DeliveryMethod,
    pub payment: PaymentMethod,
    pub paid: Kopecks,
    pub draft: bool,
    pub created_at: Timestamp,
}

/// The columns [`queue_row`] reads, in its order.
pub(crate) const QUEUE_COLUMNS: &str = "id, number, customer_name, phone, channel, total,     stage_id, stage_entered_at, deadline, delivery, payment, paid, draft, created_at";

pub(crate) fn queue_row(r: &Row<'_>) -> Result<QueueRow, StoreError> {
    let text = |i| r.get::<_, String>(i);
    Ok(QueueRow {
        id: uuid(&text(0)?)?,
        number: r.get(1)?,
        customer: r.get(2)?,
        phone: r.get(3)?,
        channel: parse(&text(4)?, "channel", Channel::parse)?,
        total: Kopecks(r.get(5)?),
        stage_id: r.get(6)?,
        stage_entered_at: timestamp(r.get(7)?)?,
        deadline: opt_timestamp(r.get(8)?)?,
        delivery: parse(&text(9)?, "delivery method", DeliveryMethod::parse)?,
        payment: parse(&text(10)?, "payment method", PaymentMethod::parse)?,
        paid: Kopecks(r.get(11)?),
        draft: r.get(12)?,
        created_at: timestamp(r.get(13)?)?,
    })
}

/// One entry of the operation log, as the audit shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpRecord {
    pub id: Uuid,
    pub device_id: Uuid,
    pub device_seq: i64,
    pub actor_id: String,
    pub actor_name: String,
    pub actor_role: Role,
    pub at: Timestamp,
    pub kind: String,
    pub payload: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

pub(crate) fn meta(conn: &Connection, key: &str) -> Result<Option<String>, StoreError> {
    // Cached: operations read meta on every write (is this desk in a team?).
    Ok(conn
        .prepare_cached("SELECT value FROM meta WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

/// Orders and overdue orders per stage at `?1`. Totals come from the trigger-kept table;
/// overdue orders are counted only in open stages, where the queue's index (stage, deadline
/// IS NULL, deadline) reads just the overdue part of each stage: `(deadline IS NULL) = 0`
/// names its second column.
pub(crate) const STAGE_COUNTS: &str = "SELECT c.stage_id, c.count, \
         (SELECT COUNT(*) FROM orders o WHERE o.stage_id = c.stage_id \
          AND (o.deadline IS NULL) = 0 AND o.deadline < ?1) \
         FROM stage_order_counts c JOIN stages s ON s.id = c.stage_id \
         WHERE c.count > 0 AND s.kind = 'normal' \
         UNION ALL \
         SELECT c.stage_id, c.count, 0 FROM stage_order_counts c \
         WHERE c.count > 0 AND NOT EXISTS \
         (SELECT 1 FROM stages s WHERE s.id = c.stage_id AND s.kind = 'normal')";

pub(crate) fn stage_counts(
    conn: &Connection,
    now: Timestamp,
) -> Result<Vec<StageCount>, StoreError> {
    let mut stmt = conn.prepare_cached(STAGE_COUNTS)?;
    let rows = stmt.query_map([ms(now)], |r| {
        Ok(StageCount {
            stage_id: r.get(0)?,
            count: r.get(1)?,
            overdue: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every order of stage `?1` as the queue lists them: the nearest deadline first, orders
/// without one last, then the longest waiting. That is the queue index's own order, so the
/// index serves it without a sort. A stage can hold both kinds (a channel's ship-by date in
/// a stage without a time limit, a limit the administrator set later); before migration 0048
/// this list put the orders without a deadline first, unlike the queue.
pub(crate) fn stage_orders_sql() -> String {
    format!(
        "SELECT {QUEUE_COLUMNS} FROM orders WHERE stage_id = ?1 \
         ORDER BY deadline IS NULL, deadline, stage_entered_at"
    )
}

pub(crate) fn stage_orders(conn: &Connection, stage_id: &str) -> Result<Vec<QueueRow>, StoreError> {
    let mut stmt = conn.prepare_cached(&stage_orders_sql())?;
    let mut rows = stmt.query([stage_id])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(queue_row(r)?);
    }
    Ok(out)
}

/// The columns [`op_record`] reads, in its order.
pub(crate) const OP_RECORD_COLUMNS: &str =
    "id, device_id, device_seq, actor_id, actor_name, at, kind, payload, before, after, actor_role";

pub(crate) fn op_record(r: &Row<'_>) -> Result<OpRecord, StoreError> {
    Ok(OpRecord {
        id: uuid(&r.get::<_, String>(0)?)?,
        device_id: uuid(&r.get::<_, String>(1)?)?,
        device_seq: r.get(2)?,
        actor_id: r.get(3)?,
        actor_name: r.get(4)?,
        actor_role: parse(&r.get::<_, String>(10)?, "role", Role::parse)?,
        at: timestamp(r.get(5)?)?,
        kind: r.get(6)?,
        payload: r.get(7)?,
        before: r.get(8)?,
        after: r.get(9)?,
    })
}

pub(crate) fn order_ops(conn: &Connection, order_id: Uuid) -> Result<Vec<OpRecord>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {OP_RECORD_COLUMNS} FROM ops WHERE order_id = ?1 ORDER BY at, device_seq"
    ))?;
    let mut rows = stmt.query(params![order_id.to_string()])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(op_record(r)?);
    }
    Ok(out)
}
