//! Writes. Each runs inside a transaction opened by the caller on the writer thread.

use std::cell::RefCell;
use std::sync::Arc;

use domain::{
    Actor, Customer, Op, OpEnvelope, OpError, Order, Product, Shop, Snapshot, VersionRef,
};
use jiff::Timestamp;
use rusqlite::{params, Connection};
use uuid::Uuid;

use crate::rows::ms;
use crate::{order_rows, read, shop_rows, versions, StoreError};

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

/// Who imported orders are attributed to in their first version.
const IMPORT_ACTOR: (&str, &str) = ("import", "Импорт");

/// Who imports (demo seeds, channel catalogues): the administrator's rights.
pub(crate) fn import_actor() -> Actor {
    Actor {
        id: IMPORT_ACTOR.0.to_owned(),
        name: IMPORT_ACTOR.1.to_owned(),
        role: domain::Role::Admin,
    }
}

/// Validates `new` against the order as stored, writes its effect (order row, lines,
/// payments, calls, a version, a channel event), then its ops row. All or nothing: the
/// caller's transaction rolls back if any write fails.
pub(crate) fn record(
    conn: &Connection,
    device_id: Uuid,
    new: NewOp,
) -> Result<OpEnvelope, StoreError> {
    let shop = current_shop(conn)?;
    Ok(record_for(conn, device_id, &shop, new)?.0)
}

/// [`record`] with the shop's settings already read, for batches of ops in one transaction;
/// also returns the order as it now is.
pub(crate) fn record_for(
    conn: &Connection,
    device_id: Uuid,
    shop: &domain::Shop,
    mut new: NewOp,
) -> Result<(OpEnvelope, Order), StoreError> {
    let order_id = new.op.order_id();
    let before = if let Op::CreateOrder { order, .. } = &mut new.op {
        if order_rows::exists(conn, order_id)? {
            return Err(StoreError::Rejected(OpError::OrderExists));
        }
        // Numbered here, inside the write transaction, so two windows never share a number.
        // Cached: an import numbers thousands of orders, and preparing this each time cost
        // a tenth of the import.
        order.number = conn
            .prepare_cached("SELECT COALESCE(MAX(number), 10000) + 1 FROM orders")?
            .query_row([], |r| r.get(0))?;
        None
    } else {
        Some(
            order_rows::load(conn, order_id)?
                .ok_or_else(|| StoreError::OrderNotFound(order_id.to_string()))?,
        )
    };
    crate::sync_base::capture_base(conn, order_id, before.as_ref())?;
    // Validated before anything is written: a refusal leaves the transaction untouched, so
    // a batch of imports goes on without a savepoint per op.
    let after = new
        .op
        .apply(shop, new.actor.role, before.as_ref(), new.at)?;
    let based_on = match (&before, &new.op) {
        (Some(b), op) if op.saves_version() => Some(VersionRef {
            number: b.version,
            op_id: versions::op_of(conn, order_id, b.version)?,
        }),
        // A note is about the version its author saw, named by the op that saved it: two
        // desks can each save their own version N offline, and a note on the one that lost
        // must not land on the other (see versions::notes).
        (Some(_), Op::NoteVersion { version, .. }) => Some(VersionRef {
            number: *version,
            op_id: versions::op_of(conn, order_id, *version)?,
        }),
        _ => None,
    };
    match &before {
        None => {
            insert_customer(conn, &after.customer)?;
            order_rows::insert(conn, &after)?;
            crate::channel_numbers::note(conn, &new.op)?
        }
        Some(b) => order_rows::update(conn, Some(b), &after)?,
    }
    let version = if new.op.saves_version() {
        let content = after.content()?;
        let json = serde_json::to_string(&content)?;
        Some((content, json))
    } else {
        None
    };
    let (after_json, version_in_op) = match (new.op.snapshot(Some(&after))?, &version) {
        // The version's content is the op's after snapshot: serialised once, stored once.
        (Some(Snapshot::Content(c)), Some((content, json))) if *c == *content => {
            (Some(content_snapshot(json)), true)
        }
        (snapshot, _) => (
            snapshot.map(|s| serde_json::to_string(&s)).transpose()?,
            false,
        ),
    };
    if let Some((content, json)) = &version {
        let stored = if version_in_op {
            versions::Stored::InOp
        } else {
            versions::Stored::Here(json)
        };
        versions::insert(
            conn,
            &after,
            content.total,
            new.at,
            &new.actor,
            Some(new.id),
            stored,
        )?;
    }
    if let Op::PublishVersion { version, .. } = &new.op {
        versions::publish_event(conn, order_id, *version, new.id, new.at)?;
    }
    let before_json = snapshot_json(&new.op, before.as_ref())?;
    let envelope = OpEnvelope {
        id: new.id,
        device_id,
        device_seq: next_device_seq(conn, device_id)?,
        actor: new.actor,
        at: new.at,
        op: new.op,
        based_on,
    };
    insert_op(
        conn,
        &envelope,
        before_json.as_deref(),
        after_json.as_deref(),
    )?;
    Ok((envelope, after))
}

thread_local! {
    /// The settings operations are validated against, kept by the writer thread (the only
    /// thread that records) with the `settings_rev` they were read at. Loading them took a
    /// good part of every operation; one meta lookup now tells whether they are still current.
    static SHOP: RefCell<Option<(String, Arc<Shop>)>> = const { RefCell::new(None) };
}

/// The shop's settings as of this transaction.
pub(crate) fn current_shop(conn: &Connection) -> Result<Arc<Shop>, StoreError> {
    let Some(rev) = shop_rows::settings_rev(conn)? else {
        return Ok(Arc::new(shop_rows::shop(conn)?));
    };
    // Keyed by file too: a thread that records into two databases never mixes them up.
    let rev = format!("{}#{rev}", conn.path().unwrap_or_default());
    if let Some(shop) = SHOP.with_borrow(|c| {
        c.as_ref()
            .filter(|(known, _)| *known == rev)
            .map(|(_, s)| Arc::clone(s))
    }) {
        return Ok(shop);
    }
    let shop = Arc::new(shop_rows::shop(conn)?);
    SHOP.set(Some((rev, Arc::clone(&shop))));
    Ok(shop)
}

fn snapshot_json(op: &Op, order: Option<&Order>) -> Result<Option<String>, StoreError> {
    Ok(op
        .snapshot(order)?
        .map(|s| serde_json::to_string(&s))
        .transpose()?)
}

/// `Snapshot::Content` as serde writes it (the tag first, then the content's fields), made
/// from the content's JSON.
pub(crate) fn content_snapshot(content_json: &str) -> String {
    match content_json.strip_prefix('{') {
        Some(rest) if rest != "}" => format!("{{\"kind\":\"content\",{rest}"),
        _ => format!(
            "{{\"kind\":\"content\"{}",
            content_json.trim_start_matches('{')
        ),
    }
}

/// Gap-free per device, so the hub can tell a lost op from a late one.
fn next_device_seq(conn: &Connection, device_id: Uuid) -> Result<i64, StoreError> {
    Ok(conn
        .prepare_cached("SELECT COALESCE(MAX(device_seq), 0) + 1 FROM ops WHERE device_id = ?1")?
        .query_row([device_id.to_string()], |r| r.get(0))?)
}

pub(crate) fn insert_op(
    conn: &Connection,
    env: &OpEnvelope,
    before: Option<&str>,
    after: Option<&str>,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO ops (id, device_id, device_seq, actor_id, actor_name, actor_role, at, kind, \
         order_id, payload, before, after, based_on) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        env.id.to_string(),
        env.device_id.to_string(),
        env.device_seq,
        env.actor.id,
        env.actor.name,
        env.actor.role.as_str(),
        ms(env.at),
        env.op.kind(),
        env.op.order_id().to_string(),
        serde_json::to_string(&env.op)?,
        before,
        after,
        env.based_on
            .map(|b| serde_json::to_string(&b))
            .transpose()?,
    ])?;
    Ok(())
}

/// A customer already known by id stays as stored: the order keeps its own copy of the name
/// and phone it was taken with.
pub(crate) fn insert_customer(conn: &Connection, c: &Customer) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO customers (id, name, phone, email) VALUES (?1, ?2, ?3, ?4) \
         ON CONFLICT (id) DO NOTHING",
    )?
    .execute(params![c.id.to_string(), c.name, c.phone, c.email])?;
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
            p.vat.map_or(crate::rows::SHOP_VAT, |v| v.as_str()),
            p.location,
            p.stock.0,
        ])?;
    }
    for c in &seed.customers {
        insert_customer(conn, c)?;
    }
    let importer = Actor {
        id: IMPORT_ACTOR.0.to_owned(),
        name: IMPORT_ACTOR.1.to_owned(),
        role: domain::Role::Admin,
    };
    for order in &seed.orders {
        order_rows::insert(conn, order)?;
        let content = order.content()?;
        let json = serde_json::to_string(&content)?;
        versions::insert(
            conn,
            order,
            content.total,
            order.created_at,
            &importer,
            None,
            versions::Stored::Here(&json),
        )?;
    }
    crate::meta::set_meta(conn, key, "1")?;
    Ok(true)
}
