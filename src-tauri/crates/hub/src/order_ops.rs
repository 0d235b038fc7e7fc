//! Order ops judged in waves on one connection: the reads of a wave's ops go to PostgreSQL
//! together, then their writes together (pipelined), so a wave of many ops costs two round
//! trips. Each op is still judged on its own and written by one statement, which is its own
//! transaction; a wave holds at most one op per order, so no op of a wave reads another's
//! write.

use deadpool_postgres::ClientWrapper;
use domain::{Op, OpEnvelope, Order, Shop};
use futures_util::future::{join_all, try_join_all};
use proto::sync::{OpOutcome, OpResult, RejectCode};
use serde_json::Value;
use tokio_postgres::types::{Json, ToSql};
use tokio_postgres::Row;
use uuid::Uuid;

use crate::auth::{not_a_member, Device};
use crate::order_locks::OrderLocks;
use crate::push::{
    answer, code_text, corrupt, is_race, stored_sql, RACE_RETRIES, REJECT, UNNUMBERED,
};
use crate::{judge, HubError};

/// Most ops in one wave.
pub(crate) const WAVE: usize = 32;

/// How often an op is judged again because its order changed between the read and the
/// write (through another hub process); each such change is another op's success.
const CONFLICT_RETRIES: usize = 32;

/// The op's stored result, if it was judged before (columns 0–4, as [`answer`] reads them),
/// and its order with the number the sequencer gave it (columns 5–8): one row always.
const READ: &str = concat!(
    "SELECT s.device_id, s.seq, s.code, s.message, s.current, \
     r.body, r.version_op, r.rev, n.number \
     FROM (VALUES (1)) AS one (x) LEFT JOIN LATERAL (",
    stored_sql!(),
    " LIMIT 1) s ON true \
     LEFT JOIN orders r ON r.shop_id = $1 AND r.id = $3 \
     LEFT JOIN order_numbers n ON n.shop_id = $1 AND n.order_id = $3"
);
/// A new order, its op and its place in the numbering queue in one statement, hence one
/// transaction. A concurrent creation of the same order (or push of the same op) fails on a
/// unique key and is judged again, finding it.
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

/// An op of the wave on its way.
struct Pending {
    /// Its place in the push.
    index: usize,
    env: OpEnvelope,
    races: usize,
    conflicts: usize,
}

/// What judging an op on what was read leads to.
enum Step {
    Answered(OpResult),
    Write {
        after: Box<Order>,
        version_op: Option<Uuid>,
        /// The order's `rev` judged on; `None` for a new order.
        rev: Option<i64>,
    },
    Refuse {
        code: RejectCode,
        message: String,
        current: Option<Value>,
    },
}

/// Judges `ops` (at most one per order, as sent) on `client`, a connection of the ops pool
/// (asynchronous commits, see `db::ops_pool`); returns each op's place in the push and its
/// result (an accepted op's seq is [`UNNUMBERED`] until the sequencer has run).
pub(crate) async fn wave(
    client: &ClientWrapper,
    locks: &OrderLocks,
    shop: &Shop,
    device: &Device,
    ops: Vec<(usize, Value)>,
) -> Result<Vec<(usize, OpResult)>, HubError> {
    let mut out = Vec::with_capacity(ops.len());
    let mut pending = Vec::with_capacity(ops.len());
    for (index, value) in ops {
        let op_id = crate::push::op_id(&value);
        match serde_json::from_value::<OpEnvelope>(value) {
            Ok(env) => pending.push(Pending {
                index,
                env,
                races: 0,
                conflicts: 0,
            }),
            // Not stored: without a readable op there may be no id to store it under.
            Err(e) => out.push((index, malformed(op_id, &e))),
        }
    }
    // Ops on these orders from other pushes to this process wait; another process's are
    // caught by the `rev` check.
    let orders: Vec<Uuid> = pending.iter().map(|p| p.env.op.order_id()).collect();
    let _judging = locks.lock_all(device.shop_id, &orders).await;
    let (read, create, update, reject) = tokio::try_join!(
        client.prepare_cached(READ),
        client.prepare_cached(CREATE),
        client.prepare_cached(UPDATE),
        client.prepare_cached(REJECT),
    )?;
    while !pending.is_empty() {
        let rows = try_join_all(pending.iter().map(|p| {
            let order_id = p.env.op.order_id();
            let read = &read;
            async move {
                let params: [&(dyn ToSql + Sync); 3] = [&device.shop_id, &p.env.id, &order_id];
                client.query_one(read, &params).await
            }
        }))
        .await?;
        let mut steps = Vec::with_capacity(pending.len());
        for (p, row) in pending.iter_mut().zip(rows) {
            steps.push(judge(shop, device, &mut p.env, &row)?);
        }
        let written = join_all(pending.iter().zip(&steps).map(|(p, step)| {
            let (create, update, reject) = (&create, &update, &reject);
            async move {
                let env = &p.env;
                match step {
                    Step::Answered(_) => Ok(1),
                    Step::Write {
                        after,
                        version_op,
                        rev,
                    } => {
                        let envelope = Json(env);
                        let body = Json(after.as_ref());
                        let mut params: Vec<&(dyn ToSql + Sync)> = vec![
                            &device.shop_id,
                            &env.id,
                            &device.id,
                            &env.device_seq,
                            &after.id,
                            &body,
                            version_op,
                            &envelope,
                        ];
                        let stmt = match rev {
                            None => create,
                            Some(rev) => {
                                params.push(rev);
                                update
                            }
                        };
                        Ok(client.execute(stmt, &params).await?)
                    }
                    Step::Refuse {
                        code,
                        message,
                        current,
                    } => {
                        let code_name = code_text(*code);
                        let params: [&(dyn ToSql + Sync); 6] = [
                            &device.shop_id,
                            &device.id,
                            &env.id,
                            &code_name,
                            message,
                            current,
                        ];
                        // A refusal is answered without a numbering, so it commits
                        // synchronously. The setting is restored by a statement of its own,
                        // sent even if the insert fails; were it cut off, the session would
                        // merely stay on the safe side.
                        let (on, stored, off) = tokio::join!(
                            biased;
                            client.batch_execute("SET synchronous_commit = on"),
                            client.execute(reject, &params),
                            client.batch_execute("SET synchronous_commit = off"),
                        );
                        on?;
                        let stored = stored?;
                        off?;
                        Ok::<u64, HubError>(stored)
                    }
                }
            }
        }))
        .await;
        let mut again = Vec::new();
        for ((mut p, step), written) in pending.into_iter().zip(steps).zip(written) {
            match (step, written) {
                (Step::Answered(result), _) => out.push((p.index, result)),
                (Step::Write { .. }, Ok(0)) => {
                    p.conflicts += 1;
                    if p.conflicts >= CONFLICT_RETRIES {
                        return Err(HubError::Contended);
                    }
                    again.push(p);
                }
                (Step::Write { .. }, Ok(_)) => out.push((
                    p.index,
                    result(
                        &p.env,
                        OpOutcome::Accepted {
                            shop_seq: UNNUMBERED,
                        },
                    ),
                )),
                (
                    Step::Refuse {
                        code,
                        message,
                        current,
                    },
                    Ok(_),
                ) => out.push((
                    p.index,
                    result(
                        &p.env,
                        OpOutcome::Rejected {
                            code,
                            message,
                            current,
                        },
                    ),
                )),
                (_, Err(HubError::Db(e))) if p.races + 1 < RACE_RETRIES && is_race(&e) => {
                    p.races += 1;
                    again.push(p);
                }
                (_, Err(e)) => return Err(e),
            }
        }
        pending = again;
    }
    Ok(out)
}

/// Judges one op on its row from [`READ`].
fn judge(shop: &Shop, device: &Device, env: &mut OpEnvelope, row: &Row) -> Result<Step, HubError> {
    let stored: Option<Uuid> = row.try_get(0)?;
    if stored.is_some() {
        if let Some(known) = answer(device, env.id, Some(row))? {
            return Ok(Step::Answered(known));
        }
    }
    // The hub's record of who did it wins over what the desk wrote: the role checked is the
    // user's role here, and the device is the token's.
    env.device_id = device.id;
    let Some(actor) = device.acting(&env.actor) else {
        return Ok(Step::Refuse {
            code: RejectCode::Forbidden,
            message: not_a_member(&env.actor),
            current: None,
        });
    };
    env.actor = actor;
    let before: Option<Order> = row
        .try_get::<_, Option<Json<Order>>>(5)?
        .map(|Json(mut order)| {
            // Numbered by the sequencer beside the JSON (orders from before hub migration
            // 0005 keep theirs in it).
            if let Some(number) = row.try_get::<_, Option<i64>>(8)? {
                order.number = number;
            }
            Ok::<_, HubError>(order)
        })
        .transpose()?;
    let version_op: Option<Uuid> = row.try_get(6)?;
    let rev: Option<i64> = row.try_get(7)?;
    let verdict = env
        .op
        .check_base(env.based_on, before.as_ref(), version_op)
        .and_then(|()| env.op.apply(shop, env.actor.role, before.as_ref(), env.at));
    Ok(match verdict {
        Ok(mut after) => {
            if let Op::CreateOrder { order, .. } = &mut env.op {
                // The sequencer gives the number; until then the order has none.
                order.number = 0;
                after.number = 0;
            }
            Step::Write {
                after: Box::new(after),
                version_op: if env.op.saves_version() {
                    Some(env.id)
                } else {
                    version_op
                },
                rev: before.as_ref().and(rev),
            }
        }
        Err(e) => Step::Refuse {
            code: judge::code(&e),
            message: e.to_string(),
            current: before
                .as_ref()
                .map(serde_json::to_value)
                .transpose()
                .map_err(corrupt)?,
        },
    })
}

fn result(env: &OpEnvelope, outcome: OpOutcome) -> OpResult {
    OpResult {
        op_id: env.id.to_string(),
        duplicate: false,
        outcome,
    }
}

fn malformed(op_id: String, e: &serde_json::Error) -> OpResult {
    OpResult {
        op_id,
        duplicate: false,
        outcome: OpOutcome::Rejected {
            code: RejectCode::Malformed,
            message: format!("not an operation of protocol 1: {e}"),
            current: None,
        },
    }
}
