//! `POST /v1/push`: each op judged in its own transaction.

use deadpool_postgres::{Client, ClientWrapper};
use domain::{Op, OpEnvelope, Order, Shop};
use proto::sync::{OpOutcome, OpResult, RejectCode};
use serde_json::Value;
use tokio_postgres::error::SqlState;
use tokio_postgres::types::{Json, ToSql};
use uuid::Uuid;

use crate::auth::Device;
use crate::order_locks::OrderLocks;
use crate::{judge, shop_ops, HubError};

/// An accepted op's place before the sequencer has numbered it; the push answer waits for
/// the real one.
pub(crate) const UNNUMBERED: i64 = 0;

/// How often an op is retried when a concurrent push of the same op or order won a race
/// (unique violation): the retry then finds the stored result.
const RACE_RETRIES: usize = 3;

/// How often an op is judged again because its order changed between the read and the
/// write; each such change is another op's success, so the shop as a whole progresses.
const CONFLICT_RETRIES: usize = 32;

/// Judges the shop op `value` in its own transaction on `conn` (the hub's synchronous
/// pool); returns its result. `conn` is `None` afterwards only if the connection had to be
/// closed mid-transaction, which also returns an error.
pub(crate) async fn shop_op(
    conn: &mut Option<Client>,
    device: &Device,
    value: Value,
) -> Result<OpResult, HubError> {
    let op_id = op_id(&value);
    let mut attempt = 0;
    loop {
        attempt += 1;
        match shop_ops::one(conn, device, value.clone(), op_id.clone()).await {
            Err(HubError::Db(e)) if attempt < RACE_RETRIES && is_race(&e) => continue,
            other => return other,
        }
    }
}

/// Judges the order op `value` on `client`, a connection of the ops pool (asynchronous
/// commits); returns its result (an accepted op's place is [`UNNUMBERED`] until the
/// sequencer has run).
pub(crate) async fn order_op(
    client: &ClientWrapper,
    locks: &OrderLocks,
    shop: &Shop,
    device: &Device,
    value: Value,
) -> Result<OpResult, HubError> {
    let op_id = op_id(&value);
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
    // Not held across pushes of other hub processes: the write's `rev` check covers those.
    let _judging = locks.lock(device.shop_id, env.op.order_id()).await;
    let (mut races, mut conflicts) = (0, 0);
    loop {
        match judge_once(client, shop, device, env.clone()).await {
            Ok(Judged::Done(result)) => return Ok(result),
            Ok(Judged::Changed) => {
                conflicts += 1;
                if conflicts >= CONFLICT_RETRIES {
                    return Err(HubError::Contended);
                }
            }
            Err(HubError::Db(e)) if races + 1 < RACE_RETRIES && is_race(&e) => races += 1,
            Err(e) => return Err(e),
        }
    }
}

fn op_id(value: &Value) -> String {
    value
        .get("id")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

enum Judged {
    Done(OpResult),
    /// The order changed after it was read: judge again on what it is now.
    Changed,
}

const READ_ORDER: &str = "SELECT o.body, o.version_op, o.rev, n.number FROM orders o \
     LEFT JOIN order_numbers n ON n.shop_id = o.shop_id AND n.order_id = o.id \
     WHERE o.shop_id = $1 AND o.id = $2";
const STORED: &str = "SELECT o.device_id, l.seq, NULL::text, NULL::text, NULL::jsonb FROM ops o \
     LEFT JOIN op_log l ON l.shop_id = o.shop_id AND l.op_id = o.id \
     WHERE o.shop_id = $1 AND o.id = $2 \
     UNION ALL SELECT device_id, NULL::bigint, code, message, current \
     FROM rejections WHERE shop_id = $1 AND op_id = $2";
/// A new order and its op in one statement, hence one transaction. A concurrent creation of
/// the same order (or a concurrent push of the same op) fails on a unique key and is judged
/// again, finding it.
const CREATE: &str = "WITH o AS (INSERT INTO orders (shop_id, id, body, version_op) \
     VALUES ($1, $5, $6, $7)), \
     q AS (INSERT INTO op_queue (shop_id, op_id, creates) VALUES ($1, $2, $5)) \
     INSERT INTO ops (shop_id, id, device_id, device_seq, envelope) \
     VALUES ($1, $2, $3, $4, $8)";
/// The order's new state and the op, only if the order is still at the `rev` judged on;
/// no row written means someone else's op came first.
const UPDATE: &str = "WITH o AS (UPDATE orders SET body = $6, version_op = $7, rev = rev + 1 \
     WHERE shop_id = $1 AND id = $5 AND rev = $9 RETURNING 1), \
     q AS (INSERT INTO op_queue (shop_id, op_id) SELECT $1, $2 FROM o) \
     INSERT INTO ops (shop_id, id, device_id, device_seq, envelope) \
     SELECT $1, $2, $3, $4, $8 FROM o";
/// The device's next rejection number and the refusal, in one statement.
const REJECT: &str = "WITH n AS (UPDATE devices SET rejections = rejections + 1 \
     WHERE id = $2 RETURNING rejections) \
     INSERT INTO rejections (shop_id, device_id, n, op_id, code, message, current) \
     SELECT $1, $2, n.rejections, $3, $4, $5, $6 FROM n";

/// Two round trips and two statements, without a row lock: the duplicate check and the
/// order's state (pipelined), then the write, whose own statement is its transaction.
/// The statements are prepared once per connection.
async fn judge_once(
    client: &ClientWrapper,
    shop: &Shop,
    device: &Device,
    mut env: OpEnvelope,
) -> Result<Judged, HubError> {
    let (read, find) = tokio::try_join!(
        client.prepare_cached(READ_ORDER),
        client.prepare_cached(STORED),
    )?;
    let order_id = env.op.order_id();
    let find_params: [&(dyn ToSql + Sync); 2] = [&device.shop_id, &env.id];
    let read_params: [&(dyn ToSql + Sync); 2] = [&device.shop_id, &order_id];
    let (known, row) = tokio::join!(
        client.query_opt(&find, &find_params),
        client.query_opt(&read, &read_params),
    );
    if let Some(known) = answer(device, env.id, known?)? {
        return Ok(Judged::Done(known));
    }
    // The hub's record of who did it wins over what the desk wrote: the role checked is the
    // user's role here, and the device is the token's.
    env.device_id = device.id;
    env.actor = device.actor.clone();
    let (before, version_op, rev): (Option<Order>, Option<Uuid>, i64) = match row? {
        None => (None, None, 0),
        Some(r) => {
            // Read straight from the row's bytes, without a `Value` in between.
            let mut order = r.try_get::<_, Json<Order>>(0)?.0;
            // Numbered by the sequencer beside the JSON (orders from before migration 0005
            // keep theirs in it).
            if let Some(number) = r.try_get::<_, Option<i64>>(3)? {
                order.number = number;
            }
            (Some(order), r.try_get(1)?, r.try_get(2)?)
        }
    };
    let verdict = env
        .op
        .check_base(env.based_on, before.as_ref(), version_op)
        .and_then(|()| env.op.apply(shop, env.actor.role, before.as_ref(), env.at));
    let outcome = match verdict {
        Ok(mut after) => {
            if let Op::CreateOrder { order } = &mut env.op {
                // The sequencer gives the number; until then the order has none.
                order.number = 0;
                after.number = 0;
            }
            // Serialized straight into the statement's buffer.
            let envelope = Json(&env);
            let body = Json(&after);
            let version_op = if env.op.saves_version() {
                Some(env.id)
            } else {
                version_op
            };
            // Asynchronous commit (the ops pool): sound because nothing takes the op as final
            // before the sequencer's numbering commits *synchronously* after it (see
            // `sequencer.rs`): that flush covers this commit's WAL, pulls only return
            // numbered ops, and the push answer is sent after the numbering. A crash before
            // it loses only an unanswered op, which its desk pushes again (idempotent by id).
            let written = if before.is_none() {
                let stmt = client.prepare_cached(CREATE).await?;
                let params: [&(dyn ToSql + Sync); 8] = [
                    &device.shop_id,
                    &env.id,
                    &device.id,
                    &env.device_seq,
                    &after.id,
                    &body,
                    &version_op,
                    &envelope,
                ];
                client.execute(&stmt, &params).await?
            } else {
                let stmt = client.prepare_cached(UPDATE).await?;
                let params: [&(dyn ToSql + Sync); 9] = [
                    &device.shop_id,
                    &env.id,
                    &device.id,
                    &env.device_seq,
                    &after.id,
                    &body,
                    &version_op,
                    &envelope,
                    &rev,
                ];
                client.execute(&stmt, &params).await?
            };
            if written == 0 {
                return Ok(Judged::Changed);
            }
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
            let stmt = client.prepare_cached(REJECT).await?;
            let code_name = code_text(code);
            let params: [&(dyn ToSql + Sync); 6] = [
                &device.shop_id,
                &device.id,
                &env.id,
                &code_name,
                &message,
                &current,
            ];
            // A refusal is answered without a numbering, so it commits synchronously. The
            // setting is restored by a statement of its own, sent even if the insert fails;
            // were it cut off, the session would merely stay on the safe side.
            let (on, stored, off) = tokio::join!(
                biased;
                client.batch_execute("SET synchronous_commit = on"),
                client.execute(&stmt, &params),
                client.batch_execute("SET synchronous_commit = off"),
            );
            on?;
            stored?;
            off?;
            OpOutcome::Rejected {
                code,
                message,
                current,
            }
        }
    };
    Ok(Judged::Done(OpResult {
        op_id: env.id.to_string(),
        duplicate: false,
        outcome,
    }))
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
