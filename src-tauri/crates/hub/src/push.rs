//! `POST /v1/push`: each op judged in its own transaction.

use deadpool_postgres::{Client, ClientWrapper};
use domain::{Op, OpEnvelope, Order, Shop};
use proto::sync::{OpOutcome, OpResult, RejectCode};
use serde_json::Value;
use tokio_postgres::error::SqlState;
use tokio_postgres::types::{Json, ToSql};
use uuid::Uuid;

use crate::auth::Device;
use crate::optx::OpTx;
use crate::{judge, shop_ops, HubError};

/// An accepted op's place before the sequencer has numbered it; the push answer waits for
/// the real one.
pub(crate) const UNNUMBERED: i64 = 0;

/// How often an op is retried when a concurrent push of the same op or order won a race
/// (unique violation): the retry then finds the stored result.
const RACE_RETRIES: usize = 3;

/// Judges `value` on the connection `conn`; returns its result (an accepted op's place is
/// [`UNNUMBERED`] until the sequencer has run). `conn` is `None` afterwards only if the
/// connection had to be closed mid-transaction, which also returns an error.
pub(crate) async fn one(
    conn: &mut Option<Client>,
    shop: &Shop,
    device: &Device,
    value: Value,
) -> Result<OpResult, HubError> {
    let op_id = value
        .get("id")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    if shop_ops::is_shop_op(&value) {
        let mut attempt = 0;
        loop {
            attempt += 1;
            match shop_ops::one(conn, device, value.clone(), op_id.clone()).await {
                Err(HubError::Db(e)) if attempt < RACE_RETRIES && is_race(&e) => continue,
                other => return other,
            }
        }
    }
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
        match judge_once(conn, shop, device, env.clone()).await {
            Err(HubError::Db(e)) if attempt < RACE_RETRIES && is_race(&e) => continue,
            other => return other,
        }
    }
}

const LOCK_ORDER: &str =
    "SELECT body, version_op FROM orders WHERE shop_id = $1 AND id = $2 FOR UPDATE";
const STORED: &str = "SELECT device_id, seq, NULL::text, NULL::text, NULL::jsonb FROM ops \
     WHERE shop_id = $1 AND id = $2 \
     UNION ALL SELECT device_id, NULL::bigint, code, message, current \
     FROM rejections WHERE shop_id = $1 AND op_id = $2";
const INSERT_OP: &str = "INSERT INTO ops (shop_id, id, device_id, device_seq, envelope, creates) \
     VALUES ($1, $2, $3, $4, $5, $6)";
/// A plain insert: a concurrent creation of the same order fails here and is retried.
const INSERT_ORDER: &str =
    "INSERT INTO orders (shop_id, id, body, version_op) VALUES ($1, $2, $3, $4)";
const UPDATE_ORDER: &str =
    "UPDATE orders SET body = $3, version_op = $4 WHERE shop_id = $1 AND id = $2";
/// The device's next rejection number and the refusal, in one statement.
const REJECT: &str = "WITH n AS (UPDATE devices SET rejections = rejections + 1 \
     WHERE id = $2 RETURNING rejections) \
     INSERT INTO rejections (shop_id, device_id, n, op_id, code, message, current) \
     SELECT $1, $2, n.rejections, $3, $4, $5, $6 FROM n";

/// Two round trips: `BEGIN` with the duplicate check and the order's row lock, then the
/// writes with `COMMIT`. The statements are prepared once per connection, before either.
async fn judge_once(
    conn: &mut Option<Client>,
    shop: &Shop,
    device: &Device,
    mut env: OpEnvelope,
) -> Result<OpResult, HubError> {
    let tx = OpTx::start(conn);
    let client = tx.client()?;
    let (lock, find, insert_op, insert_order, update_order, reject_stmt) = tokio::try_join!(
        client.prepare_cached(LOCK_ORDER),
        client.prepare_cached(STORED),
        client.prepare_cached(INSERT_OP),
        client.prepare_cached(INSERT_ORDER),
        client.prepare_cached(UPDATE_ORDER),
        client.prepare_cached(REJECT),
    )?;
    let order_id = env.op.order_id();
    // In this order on the wire (`biased`): BEGIN first. A duplicate then rolls back, and
    // the order's lock goes with it.
    let find_params: [&(dyn ToSql + Sync); 2] = [&device.shop_id, &env.id];
    let lock_params: [&(dyn ToSql + Sync); 2] = [&device.shop_id, &order_id];
    let (begun, known, row) = tokio::join!(
        biased;
        client.batch_execute("BEGIN"),
        client.query_opt(&find, &find_params),
        client.query_opt(&lock, &lock_params),
    );
    begun?;
    if let Some(known) = answer(device, env.id, known?)? {
        tx.rollback().await?;
        return Ok(known);
    }
    let row = row?;
    // The hub's record of who did it wins over what the desk wrote: the role checked is the
    // user's role here, and the device is the token's.
    env.device_id = device.id;
    env.actor = device.actor.clone();
    let (before, version_op): (Option<Order>, Option<Uuid>) = match row {
        None => (None, None),
        Some(r) => (
            // Read straight from the row's bytes, without a `Value` in between.
            Some(r.try_get::<_, Json<Order>>(0)?.0),
            r.try_get(1)?,
        ),
    };
    let verdict = env
        .op
        .check_base(env.based_on, before.as_ref(), version_op)
        .and_then(|()| env.op.apply(shop, env.actor.role, before.as_ref(), env.at));
    let outcome = match verdict {
        Ok(mut after) => {
            let creates = if let Op::CreateOrder { order } = &mut env.op {
                // The sequencer gives the number; until then the order has none.
                order.number = 0;
                after.number = 0;
                Some(order.id)
            } else {
                None
            };
            // Serialized straight into the statement's buffer.
            let envelope = Json(&env);
            let body = Json(&after);
            let version_op = if env.op.saves_version() {
                Some(env.id)
            } else {
                version_op
            };
            let order_stmt = if before.is_none() {
                &insert_order
            } else {
                &update_order
            };
            let op_params: [&(dyn ToSql + Sync); 6] = [
                &device.shop_id,
                &env.id,
                &device.id,
                &env.device_seq,
                &envelope,
                &creates,
            ];
            let order_params: [&(dyn ToSql + Sync); 4] =
                [&device.shop_id, &after.id, &body, &version_op];
            // The op's commit is asynchronous: it does not wait for the WAL flush. Sound
            // because nothing takes it as final before the sequencer's numbering commits
            // *synchronously* after it (see `sequencer.rs`): that flush covers this commit's
            // WAL, pulls only return numbered ops, and the push answer is sent after the
            // numbering. A crash before it loses only an unanswered op, which its desk pushes
            // again (idempotent by op id). Refusals stay synchronous: they are answered
            // without a numbering, and they are rare.
            tx.commit_with(async {
                tokio::try_join!(
                    biased;
                    client.batch_execute("SET LOCAL synchronous_commit = off"),
                    client.execute(&insert_op, &op_params),
                    client.execute(order_stmt, &order_params),
                )?;
                Ok(())
            })
            .await?;
            OpOutcome::Accepted {
                shop_seq: UNNUMBERED,
            }
        }
        Err(e) => {
            let current = before
                .as_ref()
                .map(serde_json::to_value)
                .transpose()
                .map_err(corrupt)?;
            let (code, message) = (judge::code(&e), e.to_string());
            let code_name = code_text(code);
            let params: [&(dyn ToSql + Sync); 6] = [
                &device.shop_id,
                &device.id,
                &env.id,
                &code_name,
                &message,
                &current,
            ];
            tx.commit_with(async { Ok(client.execute(&reject_stmt, &params).await?) })
                .await?;
            OpOutcome::Rejected {
                code,
                message,
                current,
            }
        }
    };
    Ok(OpResult {
        op_id: env.id.to_string(),
        duplicate: false,
        outcome,
    })
}

/// Stores a refusal under the device's next rejection number, inside the caller's
/// transaction (which commits it synchronously: it is answered without a numbering).
pub(crate) async fn reject(
    client: &ClientWrapper,
    device: &Device,
    op_id: Uuid,
    code: RejectCode,
    message: String,
    current: Option<Value>,
) -> Result<OpOutcome, HubError> {
    let stmt = client.prepare_cached(REJECT).await?;
    client
        .execute(
            &stmt,
            &[
                &device.shop_id,
                &device.id,
                &op_id,
                &code_text(code),
                &message,
                &current,
            ],
        )
        .await?;
    Ok(OpOutcome::Rejected {
        code,
        message,
        current,
    })
}

/// The result given before, when this op was judged already (for shop ops, which do not
/// pipeline their checks).
pub(crate) async fn stored(
    client: &ClientWrapper,
    device: &Device,
    op_id: Uuid,
) -> Result<Option<OpResult>, HubError> {
    let row = client
        .query_opt(
            &client.prepare_cached(STORED).await?,
            &[&device.shop_id, &op_id],
        )
        .await?;
    answer(device, op_id, row)
}

/// The stored result as an answer, from the [`STORED`] row (if any).
fn answer(
    device: &Device,
    op_id: Uuid,
    row: Option<tokio_postgres::Row>,
) -> Result<Option<OpResult>, HubError> {
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

/// A concurrent push of the same op or order won: a retry finds its result.
fn is_race(e: &tokio_postgres::Error) -> bool {
    e.code() == Some(&SqlState::UNIQUE_VIOLATION)
}

fn code_text(code: RejectCode) -> String {
    match serde_json::to_value(code) {
        Ok(Value::String(s)) => s,
        _ => format!("{code:?}"),
    }
}

pub(crate) fn corrupt(e: serde_json::Error) -> HubError {
    HubError::Corrupt(e.to_string())
}
