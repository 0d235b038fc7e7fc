//! An order and its lines, payments and calls: loading it whole and writing it back.

use domain::{
    Buyer, Call, CallOutcome, Channel, Customer, DeliveryMethod, Kopecks, Line, Order, Payment,
    PaymentMethod, Quantity, StagePosition, TimeWindow, VatRate,
};
use rusqlite::{params, Connection, OptionalExtension, Row};
use uuid::Uuid;

use crate::rows::{ms, opt_timestamp, parse, timestamp, uuid};
use crate::StoreError;

pub(crate) const COLUMNS: &str =
    "number, channel, customer_id, customer_name, phone, email, address, \
    delivery, payment, stage_id, stage_entered_at, deadline, order_discount, delivery_cost, \
    comment, created_at, delivery_zone, window_from, window_to, delivery_vat, draft, version, \
    published_version, confirmed_version, original_total, delivery_fixed, buyer, places";

pub(crate) fn load(conn: &Connection, id: Uuid) -> Result<Option<Order>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM orders WHERE id = ?1"))?;
    let mut rows = stmt.query([id.to_string()])?;
    let Some(row) = rows.next()? else {
        return Ok(None);
    };
    let mut order = from_row(id, row)?;
    order.lines = lines(conn, id)?;
    order.payments = payments(conn, id)?;
    order.calls = calls(conn, id)?;
    Ok(Some(order))
}

pub(crate) fn exists(conn: &Connection, id: Uuid) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM orders WHERE id = ?1")?
        .query_row([id.to_string()], |_| Ok(()))
        .optional()?
        .is_some())
}

fn window(from: Option<i64>, to: Option<i64>) -> Result<Option<TimeWindow>, StoreError> {
    Ok(match (opt_timestamp(from)?, opt_timestamp(to)?) {
        (Some(from), Some(to)) => Some(TimeWindow { from, to }),
        _ => None,
    })
}

pub(crate) fn from_row(id: Uuid, r: &Row<'_>) -> Result<Order, StoreError> {
    let text = |i| r.get::<_, String>(i);
    Ok(Order {
        id,
        number: r.get(0)?,
        channel: parse(&text(1)?, "channel", Channel::parse)?,
        customer: Customer {
            id: uuid(&text(2)?)?,
            name: r.get(3)?,
            phone: r.get(4)?,
            email: r.get(5)?,
        },
        address: r.get(6)?,
        delivery: parse(&text(7)?, "delivery method", DeliveryMethod::parse)?,
        payment: parse(&text(8)?, "payment method", PaymentMethod::parse)?,
        stage: StagePosition {
            stage_id: r.get(9)?,
            entered_at: timestamp(r.get(10)?)?,
            deadline: opt_timestamp(r.get(11)?)?,
        },
        lines: Vec::new(),
        discount: serde_json::from_str(&text(12)?)?,
        delivery_cost: Kopecks(r.get(13)?),
        comment: r.get(14)?,
        created_at: timestamp(r.get(15)?)?,
        delivery_zone: r.get(16)?,
        delivery_window: window(r.get(17)?, r.get(18)?)?,
        delivery_vat: parse(&text(19)?, "VAT rate", VatRate::parse)?,
        draft: r.get(20)?,
        version: r.get(21)?,
        published_version: r.get(22)?,
        confirmed_version: r.get(23)?,
        original_total: Kopecks(r.get(24)?),
        delivery_fixed: r.get(25)?,
        buyer: buyer(r.get(26)?)?,
        places: r.get(27)?,
        payments: Vec::new(),
        calls: Vec::new(),
    })
}

fn buyer(json: Option<String>) -> Result<Buyer, StoreError> {
    Ok(match json {
        None => Buyer::Person,
        Some(json) => Buyer::Company(Box::new(serde_json::from_str(&json)?)),
    })
}

/// Written apart from the order's other columns, only when it changed: almost every op leaves
/// the buyer as it is, and the hot UPDATE stays as it was.
fn write_buyer(conn: &Connection, o: &Order) -> Result<(), StoreError> {
    let json = o.buyer.company().map(serde_json::to_string).transpose()?;
    conn.prepare_cached("UPDATE orders SET buyer = ?2 WHERE id = ?1")?
        .execute(params![o.id.to_string(), json])?;
    Ok(())
}

/// Apart from the hot UPDATE too, as the buyer is: only the set_places op changes it.
fn write_places(conn: &Connection, o: &Order) -> Result<(), StoreError> {
    conn.prepare_cached("UPDATE orders SET places = ?2 WHERE id = ?1")?
        .execute(params![o.id.to_string(), o.places])?;
    Ok(())
}

pub(crate) fn lines(conn: &Connection, order_id: Uuid) -> Result<Vec<Line>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, product_id, sku, name, unit, quantity, price, vat_rate, discount \
         FROM order_lines WHERE order_id = ?1 ORDER BY position",
    )?;
    let mut rows = stmt.query([order_id.to_string()])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let product: Option<String> = r.get(1)?;
        out.push(Line {
            id: uuid(&r.get::<_, String>(0)?)?,
            product_id: product.as_deref().map(uuid).transpose()?,
            sku: r.get(2)?,
            name: r.get(3)?,
            unit: r.get(4)?,
            quantity: Quantity(r.get(5)?),
            price: Kopecks(r.get(6)?),
            vat: parse(&r.get::<_, String>(7)?, "VAT rate", VatRate::parse)?,
            discount: serde_json::from_str(&r.get::<_, String>(8)?)?,
        });
    }
    Ok(out)
}

fn payments(conn: &Connection, order_id: Uuid) -> Result<Vec<Payment>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, amount, method, at, note, corrects FROM payments WHERE order_id = ?1 \
         ORDER BY at, rowid",
    )?;
    let mut rows = stmt.query([order_id.to_string()])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(Payment {
            id: uuid(&r.get::<_, String>(0)?)?,
            amount: Kopecks(r.get(1)?),
            method: parse(
                &r.get::<_, String>(2)?,
                "payment method",
                PaymentMethod::parse,
            )?,
            at: timestamp(r.get(3)?)?,
            note: r.get(4)?,
            corrects: r
                .get::<_, Option<String>>(5)?
                .as_deref()
                .map(uuid)
                .transpose()?,
        });
    }
    Ok(out)
}

fn calls(conn: &Connection, order_id: Uuid) -> Result<Vec<Call>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, started_at, ended_at, outcome, call_back_at, note FROM calls \
         WHERE order_id = ?1 ORDER BY started_at, rowid",
    )?;
    let mut rows = stmt.query([order_id.to_string()])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let outcome: String = r.get(3)?;
        let back: Option<i64> = r.get(4)?;
        let outcome = match (outcome.as_str(), back) {
            ("reached", _) => CallOutcome::Reached,
            ("no_answer", _) => CallOutcome::NoAnswer,
            ("call_back_at", Some(at)) => CallOutcome::CallBackAt { at: timestamp(at)? },
            ("confirmed", _) => CallOutcome::Confirmed,
            ("refused", _) => CallOutcome::Refused,
            _ => {
                return Err(StoreError::Corrupt(format!(
                    "unknown call outcome {outcome:?}"
                )))
            }
        };
        out.push(Call {
            id: uuid(&r.get::<_, String>(0)?)?,
            started_at: timestamp(r.get(1)?)?,
            ended_at: timestamp(r.get(2)?)?,
            outcome,
            note: r.get(5)?,
        });
    }
    Ok(out)
}

/// A new order in one INSERT (then its lines, payments and calls): imports write thousands,
/// and an insert followed by an update of the same row cost a sixth of each.
pub(crate) fn insert(conn: &Connection, o: &Order) -> Result<(), StoreError> {
    let totals = o.totals()?;
    let paid = o.paid()?;
    conn.prepare_cached(
        "INSERT INTO orders (id, number, channel, customer_id, customer_name, phone, email, \
         address, delivery, payment, stage_id, stage_entered_at, deadline, subtotal, discount, \
         delivery_cost, total, comment, created_at, delivery_zone, window_from, window_to, \
         delivery_vat, order_discount, draft, version, published_version, confirmed_version, \
         original_total, paid, delivery_fixed) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, \
         ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31)",
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
        o.delivery_zone,
        o.delivery_window.map(|w| ms(w.from)),
        o.delivery_window.map(|w| ms(w.to)),
        o.delivery_vat.as_str(),
        serde_json::to_string(&o.discount)?,
        o.draft,
        o.version,
        o.published_version,
        o.confirmed_version,
        o.original_total.0,
        paid.0,
        o.delivery_fixed,
    ])?;
    if o.buyer != Buyer::Person {
        write_buyer(conn, o)?;
    }
    if o.places.is_some() {
        write_places(conn, o)?;
    }
    write_children(conn, None, o)
}

/// Writes `after` over the stored order. `before` (as loaded in the same transaction) spares
/// rewriting lines that did not change; payments and calls are only ever inserted.
pub(crate) fn update(
    conn: &Connection,
    before: Option<&Order>,
    o: &Order,
) -> Result<(), StoreError> {
    let totals = o.totals()?;
    let paid = o.paid()?;
    // The stage columns are indexed three times (two queue orders and the unalerted deadlines):
    // naming them in an UPDATE rewrites those index entries even when the values are the same,
    // so they are written only when the order moved.
    if before.is_none_or(|b| b.stage != o.stage) {
        conn.prepare_cached(
            "UPDATE orders SET stage_id = ?2, \
             alerted_at = CASE WHEN stage_id = ?2 AND stage_entered_at = ?3 THEN alerted_at END, \
             stage_entered_at = ?3, deadline = ?4 WHERE id = ?1",
        )?
        .execute(params![
            o.id.to_string(),
            o.stage.stage_id,
            ms(o.stage.entered_at),
            o.stage.deadline.map(ms),
        ])?;
    }
    conn.prepare_cached(
        "UPDATE orders SET address = ?2, delivery = ?3, payment = ?4, subtotal = ?5, \
         discount = ?6, delivery_cost = ?7, total = ?8, comment = ?9, delivery_zone = ?10, \
         window_from = ?11, window_to = ?12, delivery_vat = ?13, order_discount = ?14, \
         draft = ?15, version = ?16, published_version = ?17, confirmed_version = ?18, \
         original_total = ?19, paid = ?20, delivery_fixed = ?21 WHERE id = ?1",
    )?
    .execute(params![
        o.id.to_string(),
        o.address,
        o.delivery.as_str(),
        o.payment.as_str(),
        totals.subtotal.0,
        totals.discount.0,
        totals.delivery_cost.0,
        totals.total.0,
        o.comment,
        o.delivery_zone,
        o.delivery_window.map(|w| ms(w.from)),
        o.delivery_window.map(|w| ms(w.to)),
        o.delivery_vat.as_str(),
        serde_json::to_string(&o.discount)?,
        o.draft,
        o.version,
        o.published_version,
        o.confirmed_version,
        o.original_total.0,
        paid.0,
        o.delivery_fixed,
    ])?;
    if before.is_none_or(|b| b.buyer != o.buyer) {
        write_buyer(conn, o)?;
    }
    if before.is_none_or(|b| b.places != o.places) {
        write_places(conn, o)?;
    }
    write_children(conn, before, o)
}

/// Lines (when changed), and payments and calls not stored yet.
fn write_children(conn: &Connection, before: Option<&Order>, o: &Order) -> Result<(), StoreError> {
    match before {
        // A new order has no lines to replace.
        None => insert_lines(conn, o)?,
        Some(b) if b.lines != o.lines => {
            conn.prepare_cached("DELETE FROM order_lines WHERE order_id = ?1")?
                .execute([o.id.to_string()])?;
            insert_lines(conn, o)?;
        }
        Some(_) => {}
    }
    let known = |id| before.is_some_and(|b: &Order| b.payments.iter().any(|p| p.id == id));
    for p in o.payments.iter().filter(|p| !known(p.id)) {
        conn.prepare_cached(
            "INSERT INTO payments (id, order_id, amount, method, at, note, corrects) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![
            p.id.to_string(),
            o.id.to_string(),
            p.amount.0,
            p.method.as_str(),
            ms(p.at),
            p.note,
            p.corrects.map(|id| id.to_string())
        ])?;
    }
    let known = |id| before.is_some_and(|b: &Order| b.calls.iter().any(|c| c.id == id));
    for c in o.calls.iter().filter(|c| !known(c.id)) {
        let back = match c.outcome {
            CallOutcome::CallBackAt { at } => Some(ms(at)),
            _ => None,
        };
        conn.prepare_cached(
            "INSERT INTO calls (id, order_id, started_at, ended_at, outcome, call_back_at, note) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![
            c.id.to_string(),
            o.id.to_string(),
            ms(c.started_at),
            ms(c.ended_at),
            c.outcome.as_str(),
            back,
            c.note
        ])?;
    }
    Ok(())
}

fn insert_lines(conn: &Connection, o: &Order) -> Result<(), StoreError> {
    let mut insert = conn.prepare_cached(
        "INSERT INTO order_lines (order_id, position, id, product_id, sku, name, unit, \
         quantity, price, amount, vat_rate, discount) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?;
    for (position, l) in (0i64..).zip(&o.lines) {
        insert.execute(params![
            o.id.to_string(),
            position,
            l.id.to_string(),
            l.product_id.map(|id| id.to_string()),
            l.sku,
            l.name,
            l.unit,
            l.quantity.0,
            l.price.0,
            l.amount()?.0,
            l.vat.as_str(),
            serde_json::to_string(&l.discount)?,
        ])?;
    }
    Ok(())
}
