//! Writes. Each runs inside a transaction opened by the caller on the writer thread.

use domain::{Actor, Customer, Op, OpEnvelope, Order, Product, Workflow};
use jiff::Timestamp;
use rusqlite::{params, Connection};
use uuid::Uuid;

use crate::read;
use crate::rows::{duration_ms, ms};
use crate::StoreError;

/// An operation made on this device, before the store numbers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOp {
    pub id: Uuid,
    pub actor: Actor,
    pub at: Timestamp,
    pub op: Op,
}

/// Rows imported in one go (the demo shop, later a migration from another system).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Seed {
    pub products: Vec<Product>,
    pub customers: Vec<Customer>,
    pub orders: Vec<Order>,
}

pub(crate) fn set_meta(conn: &Connection, key: &str, value: &str) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, value],
    )?;
    Ok(())
}

pub(crate) fn insert_workflow(conn: &Connection, workflow: &Workflow) -> Result<(), StoreError> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO stages (id, name, position, kind, time_limit_ms, clock_paused, \
         route_delivery, route_payment) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for s in workflow.stages() {
        let delivery = s
            .route
            .delivery
            .as_ref()
            .map(serde_json::to_string)
            .transpose()?;
        let payment = s
            .route
            .payment
            .as_ref()
            .map(serde_json::to_string)
            .transpose()?;
        stmt.execute(params![
            s.id,
            s.name,
            s.position,
            s.kind.as_str(),
            s.time_limit.map(duration_ms),
            s.clock_paused,
            delivery,
            payment,
        ])?;
    }
    Ok(())
}

/// Validates `new` against the order as stored, writes its effect, then its ops row. Both or
/// neither: the caller's transaction rolls back if either write fails.
pub(crate) fn record(
    conn: &Connection,
    device_id: Uuid,
    new: NewOp,
) -> Result<OpEnvelope, StoreError> {
    let order_id = new.op.order_id();
    let workflow = read::workflow(conn)?;
    let before = read::order_state(conn, order_id)?;
    let after = new.op.apply(&workflow, &before, new.at)?;
    conn.execute(
        "UPDATE orders SET stage_id = ?2, stage_entered_at = ?3, deadline = ?4 WHERE id = ?1",
        params![
            order_id.to_string(),
            after.stage_id,
            ms(after.entered_at),
            after.deadline.map(ms),
        ],
    )?;
    let device_seq = next_device_seq(conn, device_id)?;
    let envelope = OpEnvelope {
        id: new.id,
        device_id,
        device_seq,
        actor: new.actor,
        at: new.at,
        op: new.op,
    };
    insert_op(
        conn,
        &envelope,
        &serde_json::to_string(&before.position)?,
        &serde_json::to_string(&after)?,
    )?;
    Ok(envelope)
}

/// Gap-free per device, so the hub can tell a lost op from a late one.
fn next_device_seq(conn: &Connection, device_id: Uuid) -> Result<i64, StoreError> {
    Ok(conn.query_row(
        "SELECT COALESCE(MAX(device_seq), 0) + 1 FROM ops WHERE device_id = ?1",
        [device_id.to_string()],
        |r| r.get(0),
    )?)
}

pub(crate) fn insert_op(
    conn: &Connection,
    env: &OpEnvelope,
    before: &str,
    after: &str,
) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO ops (id, device_id, device_seq, actor_id, actor_name, at, kind, order_id, \
         payload, before, after) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            env.id.to_string(),
            env.device_id.to_string(),
            env.device_seq,
            env.actor.id,
            env.actor.name,
            ms(env.at),
            env.op.kind(),
            env.op.order_id().to_string(),
            serde_json::to_string(&env.op)?,
            before,
            after,
        ],
    )?;
    Ok(())
}

/// Imports `seed` unless `key` is already in meta; returns whether it did.
pub(crate) fn seed_once(conn: &Connection, key: &str, seed: &Seed) -> Result<bool, StoreError> {
    if read::meta(conn, key)?.is_some() {
        return Ok(false);
    }
    let mut product = conn.prepare_cached(
        "INSERT INTO products (id, sku, name, unit, price, vat_rate, location, stock) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for p in &seed.products {
        product.execute(params![
            p.id.to_string(),
            p.sku,
            p.name,
            p.unit,
            p.price.0,
            p.vat.as_str(),
            p.location,
            p.stock.0,
        ])?;
    }
    let mut customer = conn
        .prepare_cached("INSERT INTO customers (id, name, phone, email) VALUES (?1, ?2, ?3, ?4)")?;
    for c in &seed.customers {
        customer.execute(params![c.id.to_string(), c.name, c.phone, c.email])?;
    }
    for order in &seed.orders {
        insert_order(conn, order)?;
    }
    set_meta(conn, key, "1")?;
    Ok(true)
}

fn insert_order(conn: &Connection, o: &Order) -> Result<(), StoreError> {
    let totals = o.totals()?;
    conn.prepare_cached(
        "INSERT INTO orders (id, number, channel, customer_id, customer_name, phone, email, \
         address, delivery, payment, stage_id, stage_entered_at, deadline, subtotal, discount, \
         delivery_cost, total, comment, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
    )?
    .execute(params![
        o.id.to_string(),
        o.number,
        o.channel.as_str(),
        o.customer.id.to_string(),
        o.customer.name,
        o.customer.phone,
        o.customer.email,
        o.address,
        o.delivery.as_str(),
        o.payment.as_str(),
        o.stage.stage_id,
        ms(o.stage.entered_at),
        o.stage.deadline.map(ms),
        totals.subtotal.0,
        totals.discount.0,
        totals.delivery_cost.0,
        totals.total.0,
        o.comment,
        ms(o.created_at),
    ])?;
    let mut line = conn.prepare_cached(
        "INSERT INTO order_lines (order_id, position, product_id, sku, name, unit, quantity, \
         price, amount) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for (position, l) in o.lines.iter().enumerate() {
        line.execute(params![
            o.id.to_string(),
            i64::try_from(position).unwrap_or(i64::MAX),
            l.product_id.map(|id| id.to_string()),
            l.sku,
            l.name,
            l.unit,
            l.quantity.0,
            l.price.0,
            l.amount()?.0,
        ])?;
    }
    Ok(())
}
