//! What judging any pushed op shares (`order_ops`, `shop_ops`): the stored answer of an op
//! judged before, refusals, races between two pushes of the same op.

use deadpool_postgres::ClientWrapper;
use proto::sync::{OpOutcome, OpResult, RejectCode};
use serde_json::Value;
use tokio_postgres::error::SqlState;
use uuid::Uuid;

use crate::auth::Device;
use crate::HubError;

/// An accepted op's place before the sequencer has numbered it; the push answer waits for
/// the real one.
pub(crate) const UNNUMBERED: i64 = 0;

/// How often an op is retried when a concurrent push of the same op or order won a race
/// (unique violation): the retry then finds the stored result.
pub(crate) const RACE_RETRIES: usize = 3;

pub(crate) fn op_id(value: &Value) -> String {
    value
        .get("id")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

/// The stored result of op `$2` of shop `$1`, if it was judged before: accepted (with its
/// place once numbered) or refused. Columns: device_id, seq, code, message, current (as
/// [`answer`] reads them). A macro so `order_ops`' read can embed it.
macro_rules! stored_sql {
    () => {
        "SELECT o.device_id, l.seq, NULL::text AS code, NULL::text AS message, \
         NULL::jsonb AS current FROM ops o \
         LEFT JOIN op_log l ON l.shop_id = o.shop_id AND l.op_id = o.id \
         WHERE o.shop_id = $1 AND o.id = $2 \
         UNION ALL SELECT device_id, NULL::bigint, code, message, current \
         FROM rejections WHERE shop_id = $1 AND op_id = $2"
    };
}
pub(crate) use stored_sql;

const STORED: &str = stored_sql!();
/// The device's next rejection number and the refusal, in one statement.
pub(crate) const REJECT: &str = "WITH n AS (UPDATE devices SET rejections = rejections + 1 \
     WHERE id = $2 RETURNING rejections) \
     INSERT INTO rejections (shop_id, device_id, n, op_id, code, message, current) \
     SELECT $1, $2, n.rejections, $3, $4, $5, $6 FROM n";

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
    answer(device, op_id, row.as_ref())
}

/// The stored result as an answer, from the [`STORED`] row (if any).
pub(crate) fn answer(
    device: &Device,
    op_id: Uuid,
    row: Option<&tokio_postgres::Row>,
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
pub(crate) fn is_race(e: &tokio_postgres::Error) -> bool {
    e.code() == Some(&SqlState::UNIQUE_VIOLATION)
}

pub(crate) fn code_text(code: RejectCode) -> String {
    match serde_json::to_value(code) {
        Ok(Value::String(s)) => s,
        _ => format!("{code:?}"),
    }
}

pub(crate) fn corrupt(e: serde_json::Error) -> HubError {
    HubError::Corrupt(e.to_string())
}
