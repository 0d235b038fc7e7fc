//! Shop ops (workflow, requisites, catalogue) judged like order ops: in their own
//! transaction, under the user's role here, idempotent by op id, numbered by the sequencer.
//! The shop's settings row is locked for the op, so two administrators' edits apply one
//! after the other, each on what the other left.

use deadpool_postgres::{Client, ClientWrapper};
use domain::{ShopOp, ShopOpEnvelope, Workflow, WorkflowError};
use proto::sync::{OpOutcome, OpResult, RejectCode};
use serde_json::Value;
use uuid::Uuid;

use crate::auth::{not_a_member, Device};
use crate::optx::OpTx;
use crate::push::{corrupt, is_race, reject, stored, RACE_RETRIES, UNNUMBERED};
use crate::HubError;

/// The `kind`s of [`ShopOp`]; an op of another kind is an order op.
const KINDS: [&str; 5] = [
    "edit_workflow",
    "set_requisites",
    "set_product",
    "set_input_limits",
    "set_delivery_payment",
];

pub(crate) fn is_shop_op(value: &Value) -> bool {
    value
        .get("op")
        .and_then(|op| op.get("kind"))
        .and_then(Value::as_str)
        .is_some_and(|k| KINDS.contains(&k))
}

/// Judges the shop op `value` in its own transaction on `conn` (the hub's synchronous
/// pool); returns its result. `conn` is `None` afterwards only if the connection had to be
/// closed mid-transaction, which also returns an error.
pub(crate) async fn shop_op(
    conn: &mut Option<Client>,
    device: &Device,
    value: Value,
) -> Result<OpResult, HubError> {
    let op_id = crate::push::op_id(&value);
    let mut attempt = 0;
    loop {
        attempt += 1;
        match one(conn, device, value.clone(), op_id.clone()).await {
            Err(HubError::Db(e)) if attempt < RACE_RETRIES && is_race(&e) => continue,
            other => return other,
        }
    }
}

async fn one(
    conn: &mut Option<Client>,
    device: &Device,
    value: Value,
    op_id: String,
) -> Result<OpResult, HubError> {
    let mut env: ShopOpEnvelope = match serde_json::from_value(value) {
        Ok(env) => env,
        Err(e) => {
            return Ok(OpResult {
                op_id,
                duplicate: false,
                outcome: OpOutcome::Rejected {
                    code: RejectCode::Malformed,
                    message: format!("not a shop operation of protocol 1: {e}"),
                    current: None,
                },
            })
        }
    };
    let tx = OpTx::start(conn);
    let client = tx.client()?;
    client.batch_execute("BEGIN").await?;
    if let Some(known) = stored(client, device, env.id).await? {
        tx.rollback().await?;
        return Ok(known);
    }
    env.device_id = device.id;
    let Some(actor) = device.acting(&env.actor) else {
        let message = not_a_member(&env.actor);
        let outcome = forbidden(client, device, env.id, message, None).await?;
        tx.commit_with(async { Ok(()) }).await?;
        return Ok(OpResult {
            op_id: env.id.to_string(),
            duplicate: false,
            outcome,
        });
    };
    env.actor = actor;
    let outcome = match &env.op {
        ShopOp::EditWorkflow { edit } => {
            let before = workflow(client, device.shop_id).await?;
            match before.edit(env.actor.role, edit) {
                Ok(after) => {
                    client
                        .execute(
                            "UPDATE shop_settings SET workflow = $2 WHERE shop_id = $1",
                            &[
                                &device.shop_id,
                                &serde_json::to_value(&after).map_err(corrupt)?,
                            ],
                        )
                        .await?;
                    accept(client, device, &env).await?
                }
                Err(e) => {
                    let current = serde_json::to_value(&before).map_err(corrupt)?;
                    reject(
                        client,
                        device,
                        env.id,
                        code(&e),
                        e.to_string(),
                        Some(current),
                    )
                    .await?
                }
            }
        }
        ShopOp::SetRequisites { requisites } => {
            let before: Option<Value> = lock(client, device.shop_id).await?.get(1);
            match env.op.check_role(env.actor.role) {
                Ok(()) => {
                    client
                        .execute(
                            "UPDATE shop_settings SET requisites = $2 WHERE shop_id = $1",
                            &[
                                &device.shop_id,
                                &serde_json::to_value(requisites).map_err(corrupt)?,
                            ],
                        )
                        .await?;
                    accept(client, device, &env).await?
                }
                Err(e) => {
                    let current = Some(before.unwrap_or(Value::Null));
                    forbidden(client, device, env.id, e.to_string(), current).await?
                }
            }
        }
        ShopOp::SetProduct { product } => {
            let before: Option<Value> = client
                .query_opt(
                    "SELECT body FROM products WHERE shop_id = $1 AND id = $2 FOR UPDATE",
                    &[&device.shop_id, &product.id],
                )
                .await?
                .map(|r| r.get(0));
            match env.op.check_role(env.actor.role) {
                Ok(()) => {
                    client
                        .execute(
                            "INSERT INTO products (shop_id, id, body) VALUES ($1, $2, $3) \
                         ON CONFLICT (shop_id, id) DO UPDATE SET body = excluded.body",
                            &[
                                &device.shop_id,
                                &product.id,
                                &serde_json::to_value(product).map_err(corrupt)?,
                            ],
                        )
                        .await?;
                    accept(client, device, &env).await?
                }
                Err(e) => forbidden(client, device, env.id, e.to_string(), before).await?,
            }
        }
        ShopOp::SetInputLimits { limits } => {
            // Locked like the other settings, so two administrators' bounds apply in turn.
            lock(client, device.shop_id).await?;
            let before: Value = client
                .query_one(
                    "SELECT settings->'limits' FROM shops WHERE id = $1",
                    &[&device.shop_id],
                )
                .await?
                .try_get::<_, Option<Value>>(0)?
                .unwrap_or(Value::Null);
            let judged = match env.op.check_role(env.actor.role) {
                Err(e) => Err((RejectCode::Forbidden, e.to_string())),
                Ok(()) => limits
                    .validated()
                    .map(|_| ())
                    .map_err(|e| (RejectCode::Invalid, e.to_string())),
            };
            match judged {
                Ok(()) => {
                    // The shop's settings are what order ops are judged against here.
                    client
                        .execute(
                            "UPDATE shops SET settings = jsonb_set(settings, '{limits}', $2) \
                             WHERE id = $1",
                            &[
                                &device.shop_id,
                                &serde_json::to_value(limits).map_err(corrupt)?,
                            ],
                        )
                        .await?;
                    accept(client, device, &env).await?
                }
                Err((code, message)) => {
                    reject(client, device, env.id, code, message, Some(before)).await?
                }
            }
        }
        ShopOp::SetDeliveryPayment { setting } => {
            lock(client, device.shop_id).await?;
            let row = client
                .query_one(
                    "SELECT settings->'tariffs', settings->'offered' FROM shops WHERE id = $1",
                    &[&device.shop_id],
                )
                .await?;
            let tariffs: Option<Value> = row.try_get(0)?;
            // A shop from before the setting offers every method, as its desks read it.
            let offered = match row.try_get::<_, Option<Value>>(1)? {
                Some(v) if !v.is_null() => v,
                _ => serde_json::to_value(domain::Offered::default()).map_err(corrupt)?,
            };
            let before = serde_json::json!({
                "tariffs": tariffs.unwrap_or_else(|| Value::Array(Vec::new())),
                "offered": offered,
            });
            let judged = match env.op.check_role(env.actor.role) {
                Err(e) => Err((RejectCode::Forbidden, e.to_string())),
                Ok(()) => setting
                    .validated()
                    .map_err(|e| (RejectCode::Invalid, e.to_string())),
            };
            match judged {
                Ok(valid) => {
                    // New orders are priced here by the tariffs the desks price them by.
                    client
                        .execute(
                            "UPDATE shops SET settings = jsonb_set(jsonb_set(settings, \
                             '{tariffs}', $2), '{offered}', $3) WHERE id = $1",
                            &[
                                &device.shop_id,
                                &serde_json::to_value(&valid.tariffs).map_err(corrupt)?,
                                &serde_json::to_value(&valid.offered).map_err(corrupt)?,
                            ],
                        )
                        .await?;
                    accept(client, device, &env).await?
                }
                Err((code, message)) => {
                    reject(client, device, env.id, code, message, Some(before)).await?
                }
            }
        }
    };
    tx.commit_with(async { Ok(()) }).await?;
    Ok(OpResult {
        op_id: env.id.to_string(),
        duplicate: false,
        outcome,
    })
}

/// The shop's settings row, made on first use and locked for this transaction.
async fn lock(client: &ClientWrapper, shop_id: Uuid) -> Result<tokio_postgres::Row, HubError> {
    client
        .execute(
            "INSERT INTO shop_settings (shop_id) VALUES ($1) ON CONFLICT (shop_id) DO NOTHING",
            &[&shop_id],
        )
        .await?;
    Ok(client
        .query_one(
            "SELECT ss.workflow, ss.requisites, s.settings->'workflow' \
             FROM shop_settings ss JOIN shops s ON s.id = ss.shop_id \
             WHERE ss.shop_id = $1 FOR UPDATE OF ss",
            &[&shop_id],
        )
        .await?)
}

/// The shop's workflow as edited so far (the template it was made with until then).
async fn workflow(client: &ClientWrapper, shop_id: Uuid) -> Result<Workflow, HubError> {
    let row = lock(client, shop_id).await?;
    let value: Value = match row.try_get::<_, Option<Value>>(0)? {
        Some(edited) => edited,
        None => row.try_get(2)?,
    };
    serde_json::from_value(value).map_err(corrupt)
}

async fn accept(
    client: &ClientWrapper,
    device: &Device,
    env: &ShopOpEnvelope,
) -> Result<OpOutcome, HubError> {
    let envelope = serde_json::to_value(env).map_err(corrupt)?;
    // Asynchronous like an accepted order op, for the same reason (see push.rs).
    client
        .batch_execute("SET LOCAL synchronous_commit = off")
        .await?;
    client
        .execute(
            "WITH q AS (INSERT INTO op_queue (shop_id, op_id) VALUES ($1, $2)) \
             INSERT INTO ops (shop_id, id, device_id, device_seq, envelope) \
             VALUES ($1, $2, $3, $4, $5)",
            &[
                &device.shop_id,
                &env.id,
                &device.id,
                &env.device_seq,
                &envelope,
            ],
        )
        .await?;
    Ok(OpOutcome::Accepted {
        shop_seq: UNNUMBERED,
    })
}

/// Refuses an op its actor may not make, with the setting as it stands (`current`).
async fn forbidden(
    client: &ClientWrapper,
    device: &Device,
    op_id: Uuid,
    message: String,
    current: Option<Value>,
) -> Result<OpOutcome, HubError> {
    reject(
        client,
        device,
        op_id,
        RejectCode::Forbidden,
        message,
        current,
    )
    .await
}

fn code(e: &WorkflowError) -> RejectCode {
    match e {
        WorkflowError::NotAdmin(_) => RejectCode::Forbidden,
        WorkflowError::UnknownStage(_) => RejectCode::NotFound,
        WorkflowError::DuplicateId(_) => RejectCode::Exists,
        WorkflowError::EmptyName
        | WorkflowError::DuplicateName(_)
        | WorkflowError::BadLimit
        | WorkflowError::ClosedStage(_)
        | WorkflowError::LastStage
        | WorkflowError::EmptyRoute => RejectCode::Invalid,
    }
}
