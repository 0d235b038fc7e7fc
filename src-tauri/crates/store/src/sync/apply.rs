//! Bringing the hub's accepted ops into the local database, and rebuilding an order from the
//! hub's picture plus this desk's ops the hub has not applied yet (the rebase).

use std::collections::BTreeSet;

use domain::{OpEnvelope, Order, Shop};
use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;

use super::rows;
use crate::rows::ms;
use crate::{invoices, order_rows, shop_rows, write, StoreError};

/// Applies one accepted op at `seq`; orders whose local row must be rebuilt go to `dirty`.
/// An op the local rules refuse although the hub accepted it means the two disagree on the
/// shop's settings: it is recorded, counted in the result, and skipped.
pub(crate) fn pulled(
    conn: &Connection,
    shop: &Shop,
    seq: i64,
    env: &OpEnvelope,
    dirty: &mut BTreeSet<Uuid>,
) -> Result<bool, StoreError> {
    let order_id = env.op.order_id();
    let own = conn
        .prepare_cached("SELECT 1 FROM ops WHERE id = ?1")?
        .query_row([env.id.to_string()], |_| Ok(()))
        .optional()?
        .is_some();
    if let (false, domain::Op::IssueInvoice { number, .. }) = (own, &env.op) {
        invoices::learn(conn, order_id, number, env.at, env.id)?;
    }
    if let Some((before, version_op)) = rows::base(conn, order_id)? {
        let after = match env.op.apply(shop, env.actor.role, before.as_ref(), env.at) {
            Ok(after) => after,
            Err(err) => {
                // The hub accepted it; this desk's copy of the order refuses it. Counted in
                // the sync state; the why is for the log.
                tracing::warn!(op = %env.id, order = %order_id, %err, "an accepted op does not apply here");
                return mark(conn, own, seq, env, None, None).map(|()| false);
            }
        };
        let version_op = if env.op.saves_version() {
            // Replaces a provisional local version of the same number; the rebuild that
            // follows renumbers the local ones above it.
            save_version(conn, &after, env)?;
            Some(env.id)
        } else {
            version_op
        };
        mark(conn, own, seq, env, before.as_ref(), Some(&after))?;
        crate::channel_numbers::note(conn, &env.op)?;
        rows::set_base(conn, order_id, &(Some(after), version_op))?;
        dirty.insert(order_id);
        return Ok(true);
    }
    let before = order_rows::load(conn, order_id)?;
    let Ok(after) = env.op.apply(shop, env.actor.role, before.as_ref(), env.at) else {
        mark(conn, own, seq, env, None, None)?;
        return Ok(false);
    };
    write_order(conn, before.as_ref(), &after)?;
    if env.op.saves_version() {
        save_version(conn, &after, env)?;
    }
    mark(conn, own, seq, env, before.as_ref(), Some(&after))?;
    // How a team desk learns the channel's number of an order the hub's worker imported.
    crate::channel_numbers::note(conn, &env.op)?;
    Ok(true)
}

/// Records the op at its place in the shop's history: this desk's own op gets its number and
/// the hub's wording (the hub's actor, a new order's number); another's is added to the log.
fn mark(
    conn: &Connection,
    own: bool,
    seq: i64,
    env: &OpEnvelope,
    before: Option<&Order>,
    after: Option<&Order>,
) -> Result<(), StoreError> {
    if own {
        conn.prepare_cached("UPDATE ops SET hub_seq = ?2, payload = ?3 WHERE id = ?1")?
            .execute(params![
                env.id.to_string(),
                seq,
                serde_json::to_string(&env.op)?
            ])?;
        return Ok(());
    }
    let snap = |o: Option<&Order>| -> Result<Option<String>, StoreError> {
        Ok(env
            .op
            .snapshot(o)?
            .map(|s| serde_json::to_string(&s))
            .transpose()?)
    };
    let number = number_for_pulled(conn, seq, env)?;
    let renumbered;
    let env = if number == env.device_seq {
        env
    } else {
        renumbered = OpEnvelope {
            device_seq: number,
            ..env.clone()
        };
        &renumbered
    };
    write::insert_op(conn, env, snap(before)?.as_deref(), snap(after)?.as_deref())?;
    conn.prepare_cached("UPDATE ops SET hub_seq = ?2 WHERE id = ?1")?
        .execute(params![env.id.to_string(), seq])?;
    Ok(())
}

/// The number to keep a pulled op under in this log, where one device's numbers are unique.
/// A desk restored from a copy numbers its ops again from where the copy left off, so one
/// it makes before its first pull can take a number the hub already holds from it (the bug
/// `a_copy_restored_on_a_team_desk_catches_up_and_its_new_ops_stop_no_desk`: the round
/// failed on the unique pair, on that desk and on every desk that pulled both ops):
/// - taken here by this desk's op not yet back from the hub: its ops not back yet move above
///   every number it has, their order kept (the hub never ordered them by number), and the
///   pulled op keeps its own;
/// - taken by an op the hub already placed: the pulled op is kept under its place in the
///   shop's log, negated, which no device's number is.
fn number_for_pulled(conn: &Connection, seq: i64, env: &OpEnvelope) -> Result<i64, StoreError> {
    let device = env.device_id.to_string();
    let taken: Option<Option<i64>> = conn
        .prepare_cached("SELECT hub_seq FROM ops WHERE device_id = ?1 AND device_seq = ?2")?
        .query_row(params![device, env.device_seq], |r| r.get(0))
        .optional()?;
    match taken {
        None => Ok(env.device_seq),
        Some(None) => {
            conn.prepare_cached(
                "UPDATE ops SET device_seq = device_seq + \
                 (SELECT max(MAX(device_seq), ?2) FROM ops WHERE device_id = ?1) \
                 WHERE device_id = ?1 AND hub_seq IS NULL",
            )?
            .execute(params![device, env.device_seq])?;
            Ok(env.device_seq)
        }
        Some(Some(_)) => Ok(-seq),
    }
}

/// Rebuilds the local row of `order_id` as the hub's picture plus this desk's ops not in it
/// yet, in the order they were made. An op that no longer applies (someone moved the order
/// first) is left out locally; the hub will refuse it and say so. Once no op is ahead of the
/// picture, the picture is dropped: the local row is then exactly the hub's.
pub(crate) fn rebuild(
    conn: &Connection,
    shop: &Shop,
    device_id: Uuid,
    cursor: i64,
    order_id: Uuid,
) -> Result<(), StoreError> {
    let Some((mut current, mut version_op)) = rows::base(conn, order_id)? else {
        return Ok(());
    };
    let ahead = rows::ahead_of_base(conn, device_id, order_id, cursor)?;
    let local = order_rows::load(conn, order_id)?;
    conn.prepare_cached("DELETE FROM order_versions WHERE order_id = ?1 AND number > ?2")?
        .execute(params![
            order_id.to_string(),
            current.as_ref().map_or(0, |o| o.version)
        ])?;
    for env in &ahead {
        if env
            .op
            .check_base(env.based_on, current.as_ref(), version_op)
            .is_err()
        {
            continue;
        }
        let Ok(next) = env.op.apply(shop, env.actor.role, current.as_ref(), env.at) else {
            continue;
        };
        if env.op.saves_version() {
            save_version(conn, &next, env)?;
            version_op = Some(env.id);
        }
        current = Some(next);
    }
    match (&local, &current) {
        (_, Some(order)) => write_order(conn, local.as_ref(), order)?,
        // The hub refused the order's creation: it never existed for the team.
        (Some(_), None) => {
            conn.prepare_cached("DELETE FROM orders WHERE id = ?1")?
                .execute([order_id.to_string()])?;
        }
        (None, None) => {}
    }
    if ahead.is_empty() {
        rows::drop_base(conn, order_id)?;
    }
    Ok(())
}

/// Writes `order` over the local row (or adds it), removing payments and calls a rebase
/// left out, and taking the order's number from a local order that only borrowed it.
fn write_order(conn: &Connection, local: Option<&Order>, order: &Order) -> Result<(), StoreError> {
    claim_number(conn, order.id, order.number)?;
    let Some(local) = local else {
        write::insert_customer(conn, &order.customer)?;
        learn_products(conn, order)?;
        return order_rows::insert(conn, order);
    };
    learn_products(conn, order)?;
    let mut kept = local.clone();
    kept.payments
        .retain(|p| order.payments.iter().any(|q| q.id == p.id));
    for p in local.payments.iter().filter(|p| !kept.payments.contains(p)) {
        conn.prepare_cached("DELETE FROM payments WHERE id = ?1")?
            .execute([p.id.to_string()])?;
    }
    kept.calls
        .retain(|c| order.calls.iter().any(|d| d.id == c.id));
    for c in local.calls.iter().filter(|c| !kept.calls.contains(c)) {
        conn.prepare_cached("DELETE FROM calls WHERE id = ?1")?
            .execute([c.id.to_string()])?;
    }
    order_rows::update(conn, Some(&kept), order)
}

/// Order numbers are the hub's: a local order not yet on the hub holds a provisional one and
/// gives it up to whichever order the hub numbered so.
fn claim_number(conn: &Connection, id: Uuid, number: i64) -> Result<(), StoreError> {
    let holder: Option<String> = conn
        .prepare_cached("SELECT id FROM orders WHERE number = ?1")?
        .query_row([number], |r| r.get(0))
        .optional()?;
    let id_text = id.to_string();
    if holder.as_deref().is_some_and(|h| h != id_text) {
        conn.prepare_cached(
            "UPDATE orders SET number = (SELECT MAX(number) + 1 FROM orders) WHERE number = ?1",
        )?
        .execute([number])?;
    }
    conn.prepare_cached("UPDATE orders SET number = ?2 WHERE id = ?1 AND number <> ?2")?
        .execute(params![id_text, number])?;
    Ok(())
}

/// The catalogue is not synced yet; a line naming a product this desk has never seen adds
/// it from the line (its sku made unique if another product holds it).
fn learn_products(conn: &Connection, order: &Order) -> Result<(), StoreError> {
    for line in &order.lines {
        let Some(product_id) = line.product_id else {
            continue;
        };
        let known = conn
            .prepare_cached("SELECT 1 FROM products WHERE id = ?1")?
            .query_row([product_id.to_string()], |_| Ok(()))
            .optional()?
            .is_some();
        if known {
            continue;
        }
        let taken = conn
            .prepare_cached("SELECT 1 FROM products WHERE sku = ?1")?
            .query_row([&line.sku], |_| Ok(()))
            .optional()?
            .is_some();
        let sku = if taken {
            format!("{}~{}", line.sku, product_id.simple())
        } else {
            line.sku.clone()
        };
        conn.prepare_cached(
            "INSERT INTO products (id, sku, name, unit, price, vat_rate, location, stock) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, '', 0)",
        )?
        .execute(params![
            product_id.to_string(),
            sku,
            line.name,
            line.unit,
            line.price.0.max(0),
            line.vat.as_str(),
        ])?;
    }
    Ok(())
}

/// The version an op saved, replacing a provisional one of the same number a rebase moved.
fn save_version(conn: &Connection, order: &Order, env: &OpEnvelope) -> Result<(), StoreError> {
    let content = order.content()?;
    conn.prepare_cached(
        "INSERT OR REPLACE INTO order_versions (order_id, number, created_at, actor_id, \
         actor_name, op_id, total, content) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        order.id.to_string(),
        order.version,
        ms(env.at),
        env.actor.id,
        env.actor.name,
        env.id.to_string(),
        content.total.0,
        serde_json::to_string(&content)?,
    ])?;
    Ok(())
}

pub(crate) fn shop(conn: &Connection) -> Result<Shop, StoreError> {
    shop_rows::shop(conn)
}
