//! Shop-level ops on the desk: requisites and catalogue edits recorded with their op row, and
//! shop ops other PCs made brought in from the hub. Workflow edits are recorded by
//! `workflow_edits.rs`; all of them are op rows without an order, which the push carries as
//! [`ShopOpEnvelope`]s.

use domain::{
    Actor, Product, ShopOp, ShopOpEnvelope, SET_DELIVERY_PAYMENT, SET_INPUT_LIMITS, SET_PRODUCT,
    SET_REQUISITES,
};
use jiff::Timestamp;
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use uuid::Uuid;

use crate::rows::ms;
use crate::{requisites_rows, shop_rows, Store, StoreError};

/// A requisites or catalogue edit made on this device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewShopOp {
    pub id: Uuid,
    pub actor: Actor,
    pub at: Timestamp,
    pub op: ShopOp,
}

impl Store {
    /// Applies the edit and writes its op row in one transaction. Refused when the actor's
    /// role may not make it — the hub would refuse it too.
    pub fn record_shop_op(&self, new: NewShopOp) -> Result<(), StoreError> {
        self.record_shop_ops(vec![new])
    }

    /// Several edits (a catalogue file's products) in one transaction: all of them or, when
    /// one is refused, none.
    pub fn record_shop_ops(&self, ops: Vec<NewShopOp>) -> Result<(), StoreError> {
        let device_id = self.device_id();
        self.writer.run(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let first = next_seq(&tx, device_id)?;
            for (seq, new) in (first..).zip(ops) {
                new.op.check_role(new.actor.role)?;
                let env = ShopOpEnvelope {
                    id: new.id,
                    device_id,
                    device_seq: seq,
                    actor: new.actor,
                    at: new.at,
                    op: new.op,
                };
                let (before, after) = apply(&tx, &env)?;
                insert(&tx, &env, before.as_deref(), after.as_deref())?;
            }
            tx.commit()?;
            Ok(())
        })
    }
}

/// The op as an op row keeps it: (kind, payload). Workflow edits keep their edit's kind and
/// the edit itself, as they did before they were synced.
pub(crate) fn to_row(op: &ShopOp) -> Result<(&'static str, String), StoreError> {
    Ok(match op {
        ShopOp::EditWorkflow { edit } => (edit.kind(), serde_json::to_string(edit)?),
        ShopOp::SetRequisites { requisites } => {
            (SET_REQUISITES, serde_json::to_string(requisites)?)
        }
        ShopOp::SetProduct { product } => (SET_PRODUCT, serde_json::to_string(product)?),
        ShopOp::SetInputLimits { limits } => (SET_INPUT_LIMITS, serde_json::to_string(limits)?),
        ShopOp::SetDeliveryPayment { setting } => {
            (SET_DELIVERY_PAYMENT, serde_json::to_string(setting)?)
        }
    })
}

/// The op of a row without an order (see [`to_row`]).
pub(crate) fn from_row(kind: &str, payload: &str) -> Result<ShopOp, StoreError> {
    Ok(match kind {
        SET_REQUISITES => ShopOp::SetRequisites {
            requisites: serde_json::from_str(payload)?,
        },
        SET_PRODUCT => ShopOp::SetProduct {
            product: serde_json::from_str(payload)?,
        },
        SET_INPUT_LIMITS => ShopOp::SetInputLimits {
            limits: serde_json::from_str(payload)?,
        },
        SET_DELIVERY_PAYMENT => ShopOp::SetDeliveryPayment {
            setting: serde_json::from_str(payload)?,
        },
        _ => ShopOp::EditWorkflow {
            edit: serde_json::from_str(payload)?,
        },
    })
}

fn next_seq(conn: &Connection, device_id: Uuid) -> Result<i64, StoreError> {
    Ok(conn
        .prepare_cached("SELECT COALESCE(MAX(device_seq), 0) + 1 FROM ops WHERE device_id = ?1")?
        .query_row([device_id.to_string()], |r| r.get(0))?)
}

/// Applies a shop op to the local settings; returns the before/after the history shows.
/// A workflow edit the local workflow refuses is an error.
fn apply(
    conn: &Connection,
    env: &ShopOpEnvelope,
) -> Result<(Option<String>, Option<String>), StoreError> {
    match &env.op {
        ShopOp::EditWorkflow { edit } => {
            let before = shop_rows::workflow(conn)?;
            let after = before.edit(env.actor.role, edit)?;
            shop_rows::save_workflow(conn, &after, ms(env.at))?;
            let id = edit.stage_id();
            let stage = |wf: &domain::Workflow| {
                wf.stage(id)
                    .or_else(|| wf.retired_stage(id))
                    .map(serde_json::to_string)
                    .transpose()
            };
            Ok((stage(&before)?, stage(&after)?))
        }
        ShopOp::SetRequisites { requisites } => {
            let before = requisites_rows::load(conn)?;
            requisites_rows::save(conn, requisites, env.at)?;
            Ok((
                before.map(|r| serde_json::to_string(&r)).transpose()?,
                Some(serde_json::to_string(requisites)?),
            ))
        }
        ShopOp::SetProduct { product } => {
            let before = crate::catalog::product(conn, product.id)?;
            upsert_product(conn, product)?;
            Ok((
                before.map(|p| serde_json::to_string(&p)).transpose()?,
                Some(serde_json::to_string(product)?),
            ))
        }
        ShopOp::SetInputLimits { limits } => {
            let before = shop_rows::limits(conn)?;
            shop_rows::save_limits(conn, limits)?;
            Ok((
                Some(serde_json::to_string(&before)?),
                Some(serde_json::to_string(limits)?),
            ))
        }
        ShopOp::SetDeliveryPayment { setting } => {
            let before = shop_rows::delivery_payment(conn)?;
            shop_rows::save_delivery_payment(conn, setting)?;
            Ok((
                Some(serde_json::to_string(&before)?),
                Some(serde_json::to_string(setting)?),
            ))
        }
    }
}

fn insert(
    conn: &Connection,
    env: &ShopOpEnvelope,
    before: Option<&str>,
    after: Option<&str>,
) -> Result<(), StoreError> {
    let (kind, payload) = to_row(&env.op)?;
    let op = crate::local_ops::ShopOp {
        id: env.id,
        actor: env.actor.clone(),
        at: env.at,
        kind: kind.to_owned(),
        payload,
        before: before.map(str::to_owned),
        after: after.map(str::to_owned),
    };
    crate::local_ops::insert_numbered(conn, env.device_id, env.device_seq, &op)
}

/// A product as a whole; a product of another id holding its SKU gives the SKU up (marked
/// with its id) so the team's catalogue wins.
pub(crate) fn upsert_product(conn: &Connection, p: &Product) -> Result<(), StoreError> {
    conn.prepare_cached("UPDATE products SET sku = sku || '~' || id WHERE sku = ?1 AND id <> ?2")?
        .execute(params![p.sku, p.id.to_string()])?;
    conn.prepare_cached(
        "INSERT INTO products (id, sku, name, unit, price, vat_rate, location, stock, barcode, \
         weight_g, archived) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) \
         ON CONFLICT (id) DO UPDATE SET sku = excluded.sku, name = excluded.name, \
         unit = excluded.unit, price = excluded.price, vat_rate = excluded.vat_rate, \
         location = excluded.location, stock = excluded.stock, barcode = excluded.barcode, \
         weight_g = excluded.weight_g, archived = excluded.archived",
    )?
    .execute(params![
        p.id.to_string(),
        p.sku,
        p.name,
        p.unit,
        p.price.0,
        p.vat.map_or(crate::rows::SHOP_VAT, |v| v.as_str()),
        p.location,
        p.stock.0,
        p.barcode,
        p.weight_g,
        p.archived,
    ])?;
    Ok(())
}

/// Brings in a shop op the hub accepted at `seq`. This desk's own op only gets its place; one
/// from another PC is applied and logged. Returns false when the local settings refuse it
/// (they differ from the hub's): it is logged, not applied.
pub(crate) fn pulled(
    conn: &Connection,
    seq: i64,
    env: &ShopOpEnvelope,
) -> Result<bool, StoreError> {
    let own = conn
        .prepare_cached("SELECT 1 FROM ops WHERE id = ?1")?
        .query_row([env.id.to_string()], |_| Ok(()))
        .optional()?
        .is_some();
    let applied = if own {
        true
    } else {
        let (ok, before, after) = match apply(conn, env) {
            Ok((before, after)) => (true, before, after),
            Err(StoreError::Workflow(_)) => (false, None, None),
            Err(e) => return Err(e),
        };
        insert(conn, env, before.as_deref(), after.as_deref())?;
        ok
    };
    conn.prepare_cached("UPDATE ops SET hub_seq = ?2 WHERE id = ?1")?
        .execute(params![env.id.to_string(), seq])?;
    Ok(applied)
}

/// The hub refused this desk's shop op `op_id`: the local settings go back to the hub's
/// (`current`, as the refusal carries it), then this desk's shop ops still waiting for an
/// answer are applied again on top, as order ops are rebased. Called before the refusal is
/// stored, and only the first time: a refusal heard again (the push's answer, then the pull)
/// must not take back settings pulled since.
pub(crate) fn refused(
    conn: &Connection,
    device_id: Uuid,
    op_id: Uuid,
    current: Option<&str>,
) -> Result<(), StoreError> {
    let known = conn
        .prepare_cached("SELECT 1 FROM sync_rejections WHERE op_id = ?1")?
        .query_row([op_id.to_string()], |_| Ok(()))
        .optional()?
        .is_some();
    if known {
        return Ok(());
    }
    let row: Option<(Option<String>, String)> = conn
        .prepare_cached("SELECT order_id, kind FROM ops WHERE id = ?1")?
        .query_row([op_id.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (Some((None, kind)), Some(current)) = (row, current) else {
        return Ok(());
    };
    match kind.as_str() {
        SET_REQUISITES => {
            if let Some(r) = serde_json::from_str::<Option<domain::Requisites>>(current)? {
                requisites_rows::save(conn, &r, Timestamp::UNIX_EPOCH)?;
            }
        }
        SET_PRODUCT => upsert_product(conn, &serde_json::from_str(current)?)?,
        // The hub's bounds; `null` where the shop has never set any: the default.
        SET_INPUT_LIMITS => {
            let limits: Option<domain::InputLimits> = serde_json::from_str(current)?;
            shop_rows::save_limits(conn, &limits.unwrap_or_default())?;
        }
        // The hub's tariffs and methods, as its shop settings hold them.
        SET_DELIVERY_PAYMENT => {
            let setting: domain::DeliveryPayment = serde_json::from_str(current)?;
            shop_rows::save_delivery_payment(conn, &setting)?;
        }
        _ => {
            let workflow: domain::Workflow = serde_json::from_str(current)?;
            shop_rows::save_workflow(conn, &workflow, 0)?;
        }
    }
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, actor_role, at, kind, payload FROM ops WHERE device_id = ?1 \
         AND order_id IS NULL AND hub_seq IS NULL AND id <> ?2 AND {SYNCED} \
         AND id NOT IN (SELECT op_id FROM sync_rejections) ORDER BY device_seq",
        SYNCED = crate::local_ops::SYNCED_OPS
    ))?;
    let mut rows = stmt.query([device_id.to_string(), op_id.to_string()])?;
    let mut pending = Vec::new();
    while let Some(r) = rows.next()? {
        let role: String = r.get(1)?;
        pending.push(ShopOpEnvelope {
            id: crate::rows::uuid(&r.get::<_, String>(0)?)?,
            device_id,
            device_seq: 0,
            actor: Actor {
                id: String::new(),
                name: String::new(),
                role: crate::rows::parse(&role, "role", domain::Role::parse)?,
            },
            at: crate::rows::timestamp(r.get(2)?)?,
            op: from_row(&r.get::<_, String>(3)?, &r.get::<_, String>(4)?)?,
        });
    }
    for env in &pending {
        match apply(conn, env) {
            // No longer applies on the hub's settings: the hub will refuse it and say so.
            Ok(_) | Err(StoreError::Workflow(_)) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// The products with these SKUs as they are now (`None`: not in the catalogue).
pub(crate) fn products_by_sku(
    conn: &Connection,
    skus: &[String],
) -> Result<Vec<Option<Product>>, StoreError> {
    let mut out = Vec::with_capacity(skus.len());
    for sku in skus {
        let id: Option<String> = conn
            .prepare_cached("SELECT id FROM products WHERE sku = ?1")?
            .query_row([sku], |r| r.get(0))
            .optional()?;
        out.push(match id {
            Some(id) => crate::catalog::product(conn, crate::rows::uuid(&id)?)?,
            None => None,
        });
    }
    Ok(out)
}

/// Every product as a shop op by this device: what a desk that worked alone brings to the
/// team when it joins.
pub(crate) fn share_catalogue(
    conn: &Connection,
    device_id: Uuid,
    at: Timestamp,
) -> Result<(), StoreError> {
    for product in crate::catalog::products(conn)? {
        let after = serde_json::to_string(&product)?;
        let env = ShopOpEnvelope {
            id: Uuid::now_v7(),
            device_id,
            device_seq: next_seq(conn, device_id)?,
            actor: crate::write::import_actor(),
            at,
            op: ShopOp::SetProduct { product },
        };
        insert(conn, &env, None, Some(&after))?;
    }
    Ok(())
}

/// A channel import changed the catalogue: on a team member, each product that changed is
/// recorded as a shop op (by the import), so the other PCs get it through the hub.
pub(crate) fn catalog_changed(
    conn: &Connection,
    device_id: Uuid,
    skus: &[String],
    before: Vec<Option<Product>>,
    at: Timestamp,
) -> Result<(), StoreError> {
    if !super::rows::joined(conn)? {
        return Ok(());
    }
    let after = products_by_sku(conn, skus)?;
    for (before, after) in before.into_iter().zip(after) {
        let Some(product) = after else { continue };
        if before.as_ref() == Some(&product) {
            continue;
        }
        let env = ShopOpEnvelope {
            id: Uuid::now_v7(),
            device_id,
            device_seq: next_seq(conn, device_id)?,
            actor: crate::write::import_actor(),
            at,
            op: ShopOp::SetProduct { product },
        };
        let before = before.map(|p| serde_json::to_string(&p)).transpose()?;
        let after = match &env.op {
            ShopOp::SetProduct { product } => Some(serde_json::to_string(product)?),
            _ => None,
        };
        insert(conn, &env, before.as_deref(), after.as_deref())?;
    }
    Ok(())
}
