//! `POST /v1/push`: each op judged in its own transaction.

use deadpool_postgres::{Client, Transaction};
use domain::{Op, OpEnvelope, Order, Shop};
use proto::sync::{OpOutcome, OpResult, RejectCode};
use serde_json::Value;
use tokio_postgres::error::SqlState;
use uuid::Uuid;

use crate::auth::Device;
use crate::{judge, HubError};

/// An accepted op's place before the sequencer has numbered it; the push answer waits for
/// the real one.
pub(crate) const UNNUMBERED: i64 = 0;

/// How often an op is retried when a concurrent push of the same op or order won a race
/// (unique violation): the retry then finds the stored result.
const RACE_RETRIES: usize = 3;

/// Judges `value`; returns its result and, when accepted, its shop seq.
pub(crate) async fn one(
    client: &mut Client,
    shop: &Shop,
    device: &Device,
    value: Value,
) -> Result<OpResult, HubError> {
    let op_id = value
        .get("id")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let env: OpEnvelope = match serde_json::from_value(value) {
        Ok(env) => env,
        // Not stored: without a readable op there may be no id to store it under.
        Err(e) => {
            return Ok(OpResult {
                op_id,
                duplicate: false,
                outcome: OpOutcome::Rejected {
                    code: RejectCode::Malformed,
                    message: format!("not an operation of protocol 1: {e}"),
                    current: None,
                },
            })
        }
    };
    let mut attempt = 0;
    loop {
        attempt += 1;
        match judge_once(client, shop, device, env.clone()).await {
            Err(HubError::Db(e))
                if attempt < RACE_RETRIES && e.code() == Some(&SqlState::UNIQUE_VIOLATION) =>
            {
                continue
            }
            other => return other,
        }
    }
}

async fn judge_once(
    client: &mut Client,
    shop: &Shop,
    device: &Device,
    mut env: OpEnvelope,
) -> Result<OpResult, HubError> {
    let tx = client.transaction().await?;
    let order_id = env.op.order_id();
    let lock = tx
        .prepare_cached(
            "SELECT body, version_op FROM orders WHERE shop_id = $1 AND id = $2 FOR UPDATE",
        )
        .await?;
    // Sent together (pipelined): the duplicate check and the order's row lock. A duplicate
    // then rolls back and the lock goes with it.
    let (known, row) = tokio::try_join!(stored(&tx, device, env.id), async {
        Ok(tx.query_opt(&lock, &[&device.shop_id, &order_id]).await?)
    })?;
    if let Some(known) = known {
        return Ok(known);
    }
    // The hub's record of who did it wins over what the desk wrote: the role checked is the
    // user's role here, and the device is the token's.
    env.device_id = device.id;
    env.actor = device.actor.clone();
    let (before, version_op): (Option<Order>, Option<Uuid>) = match row {
        None => (None, None),
        Some(r) => (
            Some(serde_json::from_value(r.get(0)).map_err(corrupt)?),
            r.get(1),
        ),
    };
    let verdict = env
        .op
        .check_base(env.based_on, before.as_ref(), version_op)
        .and_then(|()| env.op.apply(shop, env.actor.role, before.as_ref(), env.at));
    let outcome = match verdict {
        Ok(after) => accept(&tx, device, &mut env, before.is_none(), after, version_op).await?,
        Err(e) => {
            let code = judge::code(&e);
            let current = before
                .as_ref()
                .map(serde_json::to_value)
                .transpose()
                .map_err(corrupt)?;
            let n: i64 = tx
                .query_one(
                    &tx.prepare_cached(
                        "UPDATE devices SET rejections = rejections + 1 WHERE id = $1 \
                         RETURNING rejections",
                    )
                    .await?,
                    &[&device.id],
                )
                .await?
                .get(0);
            let message = e.to_string();
            tx.execute(
                &tx.prepare_cached(
                    "INSERT INTO rejections (shop_id, device_id, n, op_id, code, message, \
                     current) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .await?,
                &[
                    &device.shop_id,
                    &device.id,
                    &n,
                    &env.id,
                    &code_text(code),
                    &message,
                    &current,
                ],
            )
            .await?;
            OpOutcome::Rejected {
                code,
                message,
                current,
            }
        }
    };
    tx.commit().await?;
    Ok(OpResult {
        op_id: env.id.to_string(),
        duplicate: false,
        outcome,
    })
}

async fn accept(
    tx: &Transaction<'_>,
    device: &Device,
    env: &mut OpEnvelope,
    new: bool,
    mut after: Order,
    version_op: Option<Uuid>,
) -> Result<OpOutcome, HubError> {
    let creates = if let Op::CreateOrder { order } = &mut env.op {
        // The sequencer gives the number; until then the order has none.
        order.number = 0;
        after.number = 0;
        Some(order.id)
    } else {
        None
    };
    let envelope = serde_json::to_value(&*env).map_err(corrupt)?;
    let body = serde_json::to_value(&after).map_err(corrupt)?;
    let version_op = if env.op.saves_version() {
        Some(env.id)
    } else {
        version_op
    };
    let order_sql = if new {
        // A plain insert: a concurrent creation of the same order fails here and is retried.
        "INSERT INTO orders (shop_id, id, body, version_op) VALUES ($1, $2, $3, $4)"
    } else {
        "UPDATE orders SET body = $3, version_op = $4 WHERE shop_id = $1 AND id = $2"
    };
    let (op_stmt, order_stmt) = tokio::try_join!(
        tx.prepare_cached(
            "INSERT INTO ops (shop_id, id, device_id, device_seq, envelope, creates) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        ),
        tx.prepare_cached(order_sql)
    )?;
    // Both writes sent together (pipelined).
    let op_params: [&(dyn tokio_postgres::types::ToSql + Sync); 6] = [
        &device.shop_id,
        &env.id,
        &device.id,
        &env.device_seq,
        &envelope,
        &creates,
    ];
    let order_params: [&(dyn tokio_postgres::types::ToSql + Sync); 4] =
        [&device.shop_id, &after.id, &body, &version_op];
    tokio::try_join!(
        tx.execute(&op_stmt, &op_params),
        tx.execute(&order_stmt, &order_params)
    )?;
    Ok(OpOutcome::Accepted {
        shop_seq: UNNUMBERED,
    })
}

/// The result given before, when this op was judged already.
async fn stored(
    tx: &Transaction<'_>,
    device: &Device,
    op_id: Uuid,
) -> Result<Option<OpResult>, HubError> {
    let row = tx
        .query_opt(
            &tx.prepare_cached(
                "SELECT device_id, seq, NULL::text, NULL::text, NULL::jsonb FROM ops \
                 WHERE shop_id = $1 AND id = $2 \
                 UNION ALL SELECT device_id, NULL::bigint, code, message, current \
                 FROM rejections WHERE shop_id = $1 AND op_id = $2",
            )
            .await?,
            &[&device.shop_id, &op_id],
        )
        .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let owner: Uuid = row.get(0);
    let outcome = if owner != device.id {
        // Another device's op id: answered, not stored, and nothing of theirs revealed.
        return Ok(Some(OpResult {
            op_id: op_id.to_string(),
            duplicate: false,
            outcome: OpOutcome::Rejected {
                code: RejectCode::IdTaken,
                message: "this op id is used by another device".into(),
                current: None,
            },
        }));
    } else if row.get::<_, Option<String>>(2).is_none() {
        OpOutcome::Accepted {
            shop_seq: row.get::<_, Option<i64>>(1).unwrap_or(UNNUMBERED),
        }
    } else {
        let code: String = row.get(2);
        OpOutcome::Rejected {
            code: serde_json::from_value(Value::String(code)).map_err(corrupt)?,
            message: row.get(3),
            current: row.get(4),
        }
    };
    Ok(Some(OpResult {
        op_id: op_id.to_string(),
        duplicate: true,
        outcome,
    }))
}

fn code_text(code: RejectCode) -> String {
    match serde_json::to_value(code) {
        Ok(Value::String(s)) => s,
        _ => format!("{code:?}"),
    }
}

fn corrupt(e: serde_json::Error) -> HubError {
    HubError::Corrupt(e.to_string())
}
