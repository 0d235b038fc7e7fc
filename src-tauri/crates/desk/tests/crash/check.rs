//! What the file must hold after a kill: every op whole or absent, from both ends.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use domain::{LineEdit, Op};
use rusqlite::Connection;

/// One device's ops in the file: those the writers report (every kind but order creation)
/// and the orders it created (imports, new orders).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Written {
    pub ops: usize,
    pub created: usize,
}

pub fn written(conn: &Connection, device: &str) -> Written {
    let count = |sql: &str| -> usize {
        let n: i64 = conn
            .query_row(sql, [device], |r| r.get(0))
            .expect("ops counted");
        usize::try_from(n).expect("a count")
    };
    Written {
        ops: count("SELECT COUNT(*) FROM ops WHERE device_id = ?1 AND kind <> 'create_order'"),
        created: count("SELECT COUNT(*) FROM ops WHERE device_id = ?1 AND kind = 'create_order'"),
    }
}

/// The desk's own device (the one the writers act on).
pub fn device_id(conn: &Connection) -> String {
    conn.query_row("SELECT value FROM meta WHERE key = 'device_id'", [], |r| {
        r.get(0)
    })
    .expect("the device id")
}

pub fn db(dir: &Path) -> Connection {
    Connection::open(dir.join("orderdesk.sqlite3")).expect("database opens")
}

pub fn stages(conn: &Connection) -> HashMap<String, String> {
    let mut stmt = conn
        .prepare("SELECT id, stage_id FROM orders")
        .expect("query");
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("stages")
}

pub fn column<T: rusqlite::types::FromSql>(conn: &Connection, sql: &str) -> Vec<T> {
    let mut stmt = conn.prepare(sql).expect("query");
    stmt.query_map([], |r| r.get(0))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("values")
}

/// Every invariant that ties an op row to its effect, checked from both ends; `device` is the
/// desk whose file `conn` is.
pub fn check(
    conn: &Connection,
    initial: &HashMap<String, String>,
    device: &str,
) -> Result<(), String> {
    let integrity: Vec<String> = column(conn, "PRAGMA integrity_check");
    if integrity != ["ok"] {
        return Err(format!("integrity_check: {integrity:?}"));
    }
    let fk: Vec<String> = column(conn, "SELECT \"table\" FROM pragma_foreign_key_check");
    if !fk.is_empty() {
        return Err(format!("foreign keys broken in {fk:?}"));
    }
    // This desk's own ops are numbered without gaps: a kill never loses a number (an op the
    // hub refused stays here, with its refusal). Another desk's, pulled from the hub, may have
    // gaps, each number at most once: an op the hub refused stays with its author and in the
    // hub's rejections, never handed to others, and an op of a push that lost a race for its
    // order is placed after the push's later ones, so a pull may end between them. Seen in a
    // full run as [1, 4, 5, 10, 12] for the team scene's second desk.
    for other in column::<String>(conn, "SELECT DISTINCT device_id FROM ops") {
        let seqs: Vec<i64> = column(
            conn,
            &format!("SELECT device_seq FROM ops WHERE device_id = '{other}' ORDER BY device_seq"),
        );
        let numbered = if other == device {
            seqs.iter().zip(1..).all(|(s, n)| *s == n)
        } else {
            seqs.windows(2).all(|w| w[0] < w[1])
        };
        if !numbered {
            return Err(format!(
                "device {other}: device_seq out of order or with gaps: {seqs:?}"
            ));
        }
    }
    // Pulled pages are whole: every place in the hub's history up to the cursor is here
    // once (the hub numbers this desk's own ops too).
    let cursor: Vec<String> = column(conn, "SELECT value FROM meta WHERE key = 'sync_cursor'");
    let cursor: i64 = cursor.first().and_then(|c| c.parse().ok()).unwrap_or(0);
    let places: Vec<i64> = column(
        conn,
        &format!("SELECT hub_seq FROM ops WHERE hub_seq <= {cursor} ORDER BY hub_seq"),
    );
    if places.len() as i64 != cursor || places.iter().zip(1..).any(|(s, n)| *s != n) {
        return Err(format!(
            "the hub's ops up to {cursor} are not all here once: {places:?}"
        ));
    }
    let refused: Vec<String> = column(conn, "SELECT kind || ' ' || code FROM sync_rejections");
    if !refused.is_empty() {
        return Err(format!(
            "the hub refused ops no other PC contested: {refused:?}"
        ));
    }

    // Replay the order ops: what each order must look like if every op is whole. (The shop
    // ops beside them, such as the first run's choice of the demo, change no order.)
    let mut stmt = conn
        .prepare("SELECT id, payload FROM ops WHERE order_id IS NOT NULL ORDER BY device_seq")
        .expect("ops");
    let ops: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("ops");
    let mut expected_stage = initial.clone();
    let mut created = HashSet::new();
    let first_stage: Vec<String> = column(conn, "SELECT id FROM stages ORDER BY position LIMIT 1");
    // An order's creation comes before anything done to it, whichever device numbered what.
    for (op_id, payload) in &ops {
        let op: Op = serde_json::from_str(payload).map_err(|e| format!("op {op_id}: {e}"))?;
        if let Op::CreateOrder { order, channel } = op {
            // A channel's order goes to the stage its status maps to (every stage it names
            // here is on the demo's route); a new order to the first stage.
            let stage = channel
                .and_then(|c| c.stage)
                .or_else(|| Some(order.stage.stage_id.clone()).filter(|s| !s.is_empty()))
                .or_else(|| first_stage.first().cloned())
                .unwrap_or_default();
            expected_stage.insert(order.id.to_string(), stage);
            created.insert(order.id.to_string());
        }
    }
    let mut version_ops: HashMap<String, i64> = HashMap::new();
    let mut version_op_ids = HashSet::new();
    let (mut payments, mut calls) = (HashSet::new(), HashSet::new());
    let mut quantities = HashMap::new();
    let mut discounts = HashMap::new();
    for (op_id, payload) in &ops {
        let op: Op = serde_json::from_str(payload).map_err(|e| format!("op {op_id}: {e}"))?;
        let order = op.order_id().to_string();
        if op.saves_version() {
            *version_ops.entry(order.clone()).or_default() += 1;
            version_op_ids.insert(op_id.clone());
        }
        match op {
            Op::CreateOrder { .. } => {}
            Op::AdvanceStage { to_stage, .. } => {
                expected_stage.insert(order, to_stage);
            }
            Op::RecordPayment { payment, .. } => {
                payments.insert(payment.id.to_string());
            }
            Op::LogCall { call, .. } => {
                calls.insert(call.id.to_string());
            }
            Op::EditLines { edits, .. } => {
                for edit in edits {
                    if let LineEdit::SetQuantity { line_id, quantity } = edit {
                        quantities.insert(line_id.to_string(), quantity.0);
                    }
                }
            }
            Op::SetOrderDiscount { discount, .. } => {
                discounts.insert(order, serde_json::to_value(discount).expect("json"));
            }
            other => return Err(format!("unexpected op {}", other.kind())),
        }
    }

    let drift: Vec<String> = column(
        conn,
        "SELECT stage_id FROM stage_order_counts c \
         WHERE count <> (SELECT COUNT(*) FROM orders o WHERE o.stage_id = c.stage_id) \
         UNION SELECT stage_id FROM orders o GROUP BY stage_id \
         HAVING COUNT(*) <> COALESCE((SELECT count FROM stage_order_counts c \
         WHERE c.stage_id = o.stage_id), -1)",
    );
    if !drift.is_empty() {
        return Err(format!(
            "kept stage counts differ from the orders in {drift:?}"
        ));
    }
    // Each imported order once, linked to the order its op made.
    let linked: Vec<i64> = column(
        conn,
        "SELECT COUNT(*) FROM channel_orders c WHERE c.order_id IS NOT NULL \
         AND NOT EXISTS (SELECT 1 FROM ops o WHERE o.kind = 'create_order' \
         AND o.order_id = c.order_id)",
    );
    if linked != [0] {
        return Err(format!(
            "{linked:?} channel orders without the op that made them"
        ));
    }
    let actual_stage = stages(conn);
    if actual_stage != expected_stage {
        let wrong: Vec<_> = actual_stage
            .iter()
            .filter(|(id, s)| expected_stage.get(*id) != Some(*s))
            .collect();
        return Err(format!(
            "stage differs from the last stage op for {wrong:?}"
        ));
    }
    let mut stmt = conn
        .prepare("SELECT order_id, COUNT(*), MAX(number) FROM order_versions GROUP BY order_id")
        .expect("versions");
    let counted: Vec<(String, i64, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("versions");
    for (order, count, max) in counted {
        // The demo's seeded version 1 plus one per version-saving op, numbered without gaps.
        // An order made by an op has that op's version instead.
        let seeded = i64::from(!created.contains(&order));
        let want = seeded + version_ops.get(&order).copied().unwrap_or(0);
        if count != want || max != want {
            return Err(format!(
                "order {order}: {count} versions up to {max}, ops say {want}"
            ));
        }
    }
    let stale: Vec<String> = column(
        conn,
        "SELECT o.id FROM orders o WHERE o.version <> \
         (SELECT MAX(number) FROM order_versions v WHERE v.order_id = o.id)",
    );
    if !stale.is_empty() {
        return Err(format!("orders.version behind their versions: {stale:?}"));
    }
    let linked: HashSet<String> = column::<String>(
        conn,
        "SELECT op_id FROM order_versions WHERE op_id IS NOT NULL",
    )
    .into_iter()
    .collect();
    if linked != version_op_ids {
        return Err("versions and version-saving ops do not match one to one".into());
    }
    let stored: HashSet<String> = column::<String>(conn, "SELECT id FROM payments")
        .into_iter()
        .collect();
    if stored != payments {
        return Err("payment rows and payment ops differ".into());
    }
    let unpaid: Vec<String> = column(
        conn,
        "SELECT id FROM orders o WHERE paid <> \
         (SELECT COALESCE(SUM(amount), 0) FROM payments p WHERE p.order_id = o.id)",
    );
    if !unpaid.is_empty() {
        return Err(format!(
            "orders.paid differs from their payments: {unpaid:?}"
        ));
    }
    let stored: HashSet<String> = column::<String>(conn, "SELECT id FROM calls")
        .into_iter()
        .collect();
    if stored != calls {
        return Err("call rows and call ops differ".into());
    }
    for (line, quantity) in &quantities {
        let q: Vec<i64> = column(
            conn,
            &format!("SELECT quantity FROM order_lines WHERE id = '{line}'"),
        );
        if q != [*quantity] {
            return Err(format!(
                "line {line}: quantity {q:?}, last edit says {quantity}"
            ));
        }
    }
    // The catalogue's shop ops: each product's price is its last op's.
    let mut prices: HashMap<String, i64> = HashMap::new();
    for payload in column::<String>(
        conn,
        "SELECT payload FROM ops WHERE kind = 'set_product' ORDER BY device_seq",
    ) {
        let product: domain::Product =
            serde_json::from_str(&payload).map_err(|e| format!("set_product: {e}"))?;
        prices.insert(product.id.to_string(), product.price.0);
    }
    for (product, price) in &prices {
        let p: Vec<i64> = column(
            conn,
            &format!("SELECT price FROM products WHERE id = '{product}'"),
        );
        if p != [*price] {
            return Err(format!(
                "product {product}: price {p:?}, last op says {price}"
            ));
        }
    }
    for (order, discount) in &discounts {
        let d: Vec<String> = column(
            conn,
            &format!("SELECT order_discount FROM orders WHERE id = '{order}'"),
        );
        let d: Vec<serde_json::Value> = d
            .iter()
            .map(|t| serde_json::from_str(t).expect("json"))
            .collect();
        if d != [discount.clone()] {
            return Err(format!(
                "order {order}: discount {d:?}, last op says {discount}"
            ));
        }
    }
    Ok(())
}
