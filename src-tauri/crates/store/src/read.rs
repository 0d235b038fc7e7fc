//! Queries. Each takes a plain connection so it runs on a reader or inside the writer's
//! transaction alike.

use domain::{
    Channel, Customer, DeliveryMethod, Kopecks, Line, Order, OrderState, PaymentMethod, Quantity,
    RouteRule, Stage, StageKind, StagePosition, Workflow,
};
use jiff::{SignedDuration, Timestamp};
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
}

/// One entry of the operation log, as the audit shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpRecord {
    pub id: Uuid,
    pub device_id: Uuid,
    pub device_seq: i64,
    pub actor_id: String,
    pub actor_name: String,
    pub at: Timestamp,
    pub kind: String,
    pub payload: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

pub(crate) fn meta(conn: &Connection, key: &str) -> Result<Option<String>, StoreError> {
    Ok(conn
        .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()?)
}

pub(crate) fn workflow(conn: &Connection) -> Result<Workflow, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, position, kind, time_limit_ms, clock_paused, route_delivery, \
         route_payment FROM stages ORDER BY position",
    )?;
    let mut rows = stmt.query([])?;
    let mut stages = Vec::new();
    while let Some(row) = rows.next()? {
        let kind: String = row.get(3)?;
        let limit: Option<i64> = row.get(4)?;
        let delivery: Option<String> = row.get(6)?;
        let payment: Option<String> = row.get(7)?;
        stages.push(Stage {
            id: row.get(0)?,
            name: row.get(1)?,
            position: row.get(2)?,
            kind: parse(&kind, "stage kind", StageKind::parse)?,
            time_limit: limit.map(SignedDuration::from_millis),
            clock_paused: row.get(5)?,
            route: RouteRule {
                delivery: delivery.as_deref().map(serde_json::from_str).transpose()?,
                payment: payment.as_deref().map(serde_json::from_str).transpose()?,
            },
        });
    }
    Ok(Workflow::new(stages))
}

pub(crate) fn stage_counts(
    conn: &Connection,
    now: Timestamp,
) -> Result<Vec<StageCount>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT stage_id, COUNT(*), COALESCE(SUM(deadline < ?1), 0) \
         FROM orders GROUP BY stage_id",
    )?;
    let rows = stmt.query_map([ms(now)], |r| {
        Ok(StageCount {
            stage_id: r.get(0)?,
            count: r.get(1)?,
            overdue: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(crate) fn stage_orders(conn: &Connection, stage_id: &str) -> Result<Vec<QueueRow>, StoreError> {
    // Plain ORDER BY on the index columns: within one stage either every order has a deadline
    // or none does, so NULLs-first never interleaves, and the index serves the order.
    let mut stmt = conn.prepare_cached(
        "SELECT id, number, customer_name, phone, channel, total, stage_id, stage_entered_at, \
         deadline FROM orders WHERE stage_id = ?1 ORDER BY deadline, stage_entered_at",
    )?;
    let mut rows = stmt.query([stage_id])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        let channel: String = r.get(4)?;
        out.push(QueueRow {
            id: uuid(&id)?,
            number: r.get(1)?,
            customer: r.get(2)?,
            phone: r.get(3)?,
            channel: parse(&channel, "channel", Channel::parse)?,
            total: Kopecks(r.get(5)?),
            stage_id: r.get(6)?,
            stage_entered_at: timestamp(r.get(7)?)?,
            deadline: opt_timestamp(r.get(8)?)?,
        });
    }
    Ok(out)
}

pub(crate) fn order_state(conn: &Connection, id: Uuid) -> Result<OrderState, StoreError> {
    conn.query_row(
        "SELECT stage_id, stage_entered_at, deadline, delivery, payment FROM orders WHERE id = ?1",
        [id.to_string()],
        |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, Option<i64>>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ))
        },
    )
    .optional()?
    .ok_or_else(|| StoreError::OrderNotFound(id.to_string()))
    .and_then(|(stage_id, entered, deadline, delivery, payment)| {
        Ok(OrderState {
            position: StagePosition {
                stage_id,
                entered_at: timestamp(entered)?,
                deadline: opt_timestamp(deadline)?,
            },
            delivery: parse(&delivery, "delivery method", DeliveryMethod::parse)?,
            payment: parse(&payment, "payment method", PaymentMethod::parse)?,
        })
    })
}

pub(crate) fn order(conn: &Connection, id: Uuid) -> Result<Order, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT number, channel, customer_id, customer_name, phone, email, address, delivery, \
         payment, stage_id, stage_entered_at, deadline, discount, delivery_cost, comment, \
         created_at FROM orders WHERE id = ?1",
    )?;
    let mut rows = stmt.query([id.to_string()])?;
    let row = rows
        .next()?
        .ok_or_else(|| StoreError::OrderNotFound(id.to_string()))?;
    let mut order = order_from_row(id, row)?;
    order.lines = lines(conn, id)?;
    Ok(order)
}

fn order_from_row(id: Uuid, r: &Row<'_>) -> Result<Order, StoreError> {
    let channel: String = r.get(1)?;
    let customer_id: String = r.get(2)?;
    let delivery: String = r.get(7)?;
    let payment: String = r.get(8)?;
    Ok(Order {
        id,
        number: r.get(0)?,
        channel: parse(&channel, "channel", Channel::parse)?,
        customer: Customer {
            id: uuid(&customer_id)?,
            name: r.get(3)?,
            phone: r.get(4)?,
            email: r.get(5)?,
        },
        address: r.get(6)?,
        delivery: parse(&delivery, "delivery method", DeliveryMethod::parse)?,
        payment: parse(&payment, "payment method", PaymentMethod::parse)?,
        stage: StagePosition {
            stage_id: r.get(9)?,
            entered_at: timestamp(r.get(10)?)?,
            deadline: opt_timestamp(r.get(11)?)?,
        },
        lines: Vec::new(),
        discount: Kopecks(r.get(12)?),
        delivery_cost: Kopecks(r.get(13)?),
        comment: r.get(14)?,
        created_at: timestamp(r.get(15)?)?,
    })
}

fn lines(conn: &Connection, order_id: Uuid) -> Result<Vec<Line>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT product_id, sku, name, unit, quantity, price FROM order_lines \
         WHERE order_id = ?1 ORDER BY position",
    )?;
    let mut rows = stmt.query([order_id.to_string()])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let product: Option<String> = r.get(0)?;
        out.push(Line {
            product_id: product.as_deref().map(uuid).transpose()?,
            sku: r.get(1)?,
            name: r.get(2)?,
            unit: r.get(3)?,
            quantity: Quantity(r.get(4)?),
            price: Kopecks(r.get(5)?),
        });
    }
    Ok(out)
}

pub(crate) fn order_ops(conn: &Connection, order_id: Uuid) -> Result<Vec<OpRecord>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, device_id, device_seq, actor_id, actor_name, at, kind, payload, before, \
         after FROM ops WHERE order_id = ?1 ORDER BY at, device_seq",
    )?;
    let mut rows = stmt.query(params![order_id.to_string()])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        let device: String = r.get(1)?;
        out.push(OpRecord {
            id: uuid(&id)?,
            device_id: uuid(&device)?,
            device_seq: r.get(2)?,
            actor_id: r.get(3)?,
            actor_name: r.get(4)?,
            at: timestamp(r.get(5)?)?,
            kind: r.get(6)?,
            payload: r.get(7)?,
            before: r.get(8)?,
            after: r.get(9)?,
        });
    }
    Ok(out)
}
