//! `POST /v1/pull`: the shop's accepted ops after a cursor, and this device's refusals.

use deadpool_postgres::Client;
use proto::sync::{PullRequest, PullResponse, PulledOp, Rejection, PULL_MAX_OPS};
use serde_json::Value;
use uuid::Uuid;

use crate::auth::Device;
use crate::HubError;

/// Rejections are few; a page carries at most this many.
const REJECTIONS_PAGE: i64 = 1_000;

pub(crate) async fn page(
    client: &Client,
    device: &Device,
    req: &PullRequest,
) -> Result<PullResponse, HubError> {
    let limit = i64::from(req.limit.clamp(1, PULL_MAX_OPS));
    // Read inside one snapshot so `head` and `more` agree with the ops returned.
    let rows = client
        .query(
            &client
                .prepare_cached(
                    "SELECT l.seq, o.envelope, l.number FROM op_log l \
                     JOIN ops o ON o.shop_id = l.shop_id AND o.id = l.op_id \
                     WHERE l.shop_id = $1 AND l.seq > $2 ORDER BY l.seq LIMIT $3",
                )
                .await?,
            &[&device.shop_id, &req.after, &(limit + 1)],
        )
        .await?;
    let more = rows.len() as i64 > limit;
    let ops: Vec<PulledOp> = rows
        .into_iter()
        .take(usize::try_from(limit).unwrap_or(usize::MAX))
        .map(|r| {
            let mut envelope: Value = r.try_get(1)?;
            // A new order's number, given by the sequencer beside the JSON (see sequencer.rs).
            if let Some(number) = r.try_get::<_, Option<i64>>(2)? {
                if let Some(order) = envelope.pointer_mut("/op/order") {
                    order["number"] = Value::from(number);
                }
            }
            Ok(PulledOp {
                shop_seq: r.try_get(0)?,
                envelope,
            })
        })
        .collect::<Result<_, HubError>>()?;
    let head: i64 = client
        .query_one(
            &client
                .prepare_cached("SELECT seq FROM shops WHERE id = $1")
                .await?,
            &[&device.shop_id],
        )
        .await?
        .get(0);
    let rejections = rejections(client, device.id, req.rejections_after).await?;
    Ok(PullResponse {
        ops,
        head,
        more,
        rejections,
    })
}

async fn rejections(
    client: &Client,
    device_id: Uuid,
    after: i64,
) -> Result<Vec<Rejection>, HubError> {
    let rows = client
        .query(
            &client
                .prepare_cached(
                    "SELECT n, op_id, code, message, current FROM rejections \
                     WHERE device_id = $1 AND n > $2 ORDER BY n LIMIT $3",
                )
                .await?,
            &[&device_id, &after, &REJECTIONS_PAGE],
        )
        .await?;
    rows.into_iter()
        .map(|r| {
            let code: String = r.get(2);
            Ok(Rejection {
                n: r.get(0),
                op_id: r.get::<_, Uuid>(1).to_string(),
                code: serde_json::from_value(Value::String(code))
                    .map_err(|e| HubError::Corrupt(e.to_string()))?,
                message: r.get(3),
                current: r.get(4),
            })
        })
        .collect()
}
