//! The endpoints: hello, push, pull.

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::{Extension, Json};
use proto::sync::{
    Hello, Member, Members, OpOutcome, OpResult, PullRequest, PullResponse, PushRequest,
    PushResponse, PROTOCOL_VERSION, PUSH_MAX_OPS,
};
use serde::de::DeserializeOwned;
use uuid::Uuid;

use crate::auth::Device;
use crate::state::AppState;
use crate::{order_ops, pull, push, shop_ops, HubError};

/// Connections one push judges its order ops on at once: enough to keep PostgreSQL busy
/// while the hub judges a wave, few enough to leave some for other pushes.
const LANES: usize = 4;

/// Longest a pull waits for news: below common proxy idle timeouts.
const LONGEST_WAIT: Duration = Duration::from_secs(25);

fn body<T: DeserializeOwned>(bytes: &Bytes) -> Result<T, HubError> {
    serde_json::from_slice(bytes).map_err(|e| HubError::BadRequest(format!("request body: {e}")))
}

pub(crate) async fn hello(
    State(state): State<Arc<AppState>>,
    Extension(device): Extension<Device>,
) -> Result<Json<Hello>, HubError> {
    let head: i64 = state
        .pool
        .get()
        .await?
        .query_one("SELECT seq FROM shops WHERE id = $1", &[&device.shop_id])
        .await?
        .get(0);
    Ok(Json(Hello {
        protocol: PROTOCOL_VERSION,
        shop_id: device.shop_id.to_string(),
        shop_name: device.shop_name.clone(),
        device_id: device.id.to_string(),
        user_id: device.user_id.to_string(),
        user_name: device.actor.name.clone(),
        role: proto::Role::parse(device.actor.role.as_str()),
        head,
        shared: device.shared,
    }))
}

/// Who may sign in at a shared device, with their PINs' hashes (so it checks them offline).
/// A device of one user has no one else to sign in and is not given anyone's hash.
pub(crate) async fn members(
    State(state): State<Arc<AppState>>,
    Extension(device): Extension<Device>,
) -> Result<Json<Members>, HubError> {
    if !device.shared {
        return Err(HubError::BadRequest(
            "only a shared device has members to sign in".into(),
        ));
    }
    let rows = state
        .pool
        .get()
        .await?
        .query(
            &format!(
                "SELECT id, name, role, pin_hash FROM users WHERE {} ORDER BY name, id",
                crate::auth::MAY_SIGN_IN
            ),
            &[&device.shop_id],
        )
        .await?;
    Ok(Json(Members {
        members: rows
            .iter()
            .map(|r| Member {
                id: r.get::<_, Uuid>(0).to_string(),
                name: r.get(1),
                role: proto::Role::parse(r.get(2)),
                pin_hash: r.get(3),
            })
            .collect(),
    }))
}

pub(crate) async fn push_ops(
    State(state): State<Arc<AppState>>,
    Extension(device): Extension<Device>,
    bytes: Bytes,
) -> Result<Json<PushResponse>, HubError> {
    let req: PushRequest = body(&bytes)?;
    if req.protocol != PROTOCOL_VERSION {
        return Err(HubError::Upgrade(req.protocol));
    }
    if req.ops.len() > PUSH_MAX_OPS {
        return Err(HubError::BadRequest(format!(
            "{} ops in one push; at most {PUSH_MAX_OPS}",
            req.ops.len()
        )));
    }
    let mut shop = state.shop(device.shop_id).await?;
    let count = req.ops.len();
    let ids: Vec<Uuid> = req
        .ops
        .iter()
        .filter_map(|op| op.get("id")?.as_str()?.parse().ok())
        .collect();
    let expected = state.sequencer.expect(&ids);
    let mut results: Vec<Option<OpResult>> = vec![None; count];
    let mut failed = None;
    let mut orders: Vec<(usize, serde_json::Value)> = Vec::new();
    for (i, value) in req.ops.into_iter().enumerate() {
        if !shop_ops::is_shop_op(&value) {
            orders.push((i, value));
            continue;
        }
        // A shop op (settings, catalogue) goes alone: the order ops before it are judged on
        // the settings they were made under, those after it on the settings it left.
        let before = std::mem::take(&mut orders);
        judge_orders(&state, &shop, &device, before, &mut results, &mut failed).await;
        if failed.is_some() {
            break;
        }
        // Failures are kept, not returned at once: what committed must still be numbered.
        let judged = match state.pool.get().await {
            Ok(client) => shop_ops::shop_op(&mut Some(client), &device, value).await,
            Err(e) => Err(e.into()),
        };
        state.forget_shop(device.shop_id);
        match judged {
            Ok(r) => results[i] = Some(r),
            Err(e) => {
                failed = Some(e);
                break;
            }
        }
        match state.shop(device.shop_id).await {
            Ok(s) => shop = s,
            Err(e) => {
                failed = Some(e);
                break;
            }
        }
    }
    if failed.is_none() {
        judge_orders(&state, &shop, &device, orders, &mut results, &mut failed).await;
    }
    let unnumbered: Vec<Uuid> = results
        .iter()
        .flatten()
        .filter(|r| {
            r.outcome
                == OpOutcome::Accepted {
                    shop_seq: push::UNNUMBERED,
                }
        })
        .filter_map(|r| Uuid::parse_str(&r.op_id).ok())
        .collect();
    // What committed stays committed; the sequencer numbers it whether or not we answer.
    state.sequencer.settle().await?;
    let mut seqs = expected.places();
    if let Some(e) = failed {
        return Err(e);
    }
    let missed: Vec<Uuid> = unnumbered
        .into_iter()
        .filter(|id| !seqs.contains_key(id))
        .collect();
    if !missed.is_empty() {
        let rows = state
            .pool
            .get()
            .await?
            .query(
                "SELECT op_id, seq FROM op_log WHERE shop_id = $1 AND op_id = ANY($2)",
                &[&device.shop_id, &missed],
            )
            .await?;
        seqs.extend(
            rows.iter()
                .map(|r| (r.get::<_, Uuid>(0), r.get::<_, i64>(1))),
        );
    }
    let mut results: Vec<OpResult> = results.into_iter().flatten().collect();
    for r in &mut results {
        if let OpOutcome::Accepted { shop_seq } = &mut r.outcome {
            if *shop_seq == push::UNNUMBERED {
                let id = Uuid::parse_str(&r.op_id).ok();
                *shop_seq = id
                    .and_then(|id| seqs.get(&id).copied())
                    .ok_or_else(|| HubError::Corrupt("an accepted op has no number".into()))?;
            }
        }
    }
    tracing::info!(device = %device.id, ops = results.len(), "push");
    Ok(Json(PushResponse { results }))
}

/// Judges order ops: ops on one order one after another, in the order sent; different
/// orders side by side, in waves (see `order_ops.rs`) on a few connections at once.
async fn judge_orders(
    state: &Arc<AppState>,
    shop: &Arc<domain::Shop>,
    device: &Device,
    ops: Vec<(usize, serde_json::Value)>,
    results: &mut [Option<OpResult>],
    failed: &mut Option<HubError>,
) {
    let mut groups: Vec<(String, VecDeque<(usize, serde_json::Value)>)> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for (i, value) in ops {
        let key = order_key(&value);
        match by_key.get(&key) {
            Some(g) => groups[*g].1.push_back((i, value)),
            None => {
                by_key.insert(key.clone(), groups.len());
                groups.push((key, VecDeque::from([(i, value)])));
            }
        }
    }
    let mut lanes: Vec<Vec<VecDeque<(usize, serde_json::Value)>>> =
        (0..LANES.min(groups.len())).map(|_| Vec::new()).collect();
    for (g, (_, ops)) in groups.into_iter().enumerate() {
        lanes[g % LANES].push(ops);
    }
    let mut tasks = tokio::task::JoinSet::new();
    for mut lane in lanes {
        let (state, shop, device) = (state.clone(), shop.clone(), device.clone());
        tasks.spawn(async move {
            let client = state.ops_pool.get().await?;
            let mut out = Vec::new();
            loop {
                // The next op of up to WAVE orders: at most one per order in a wave.
                let wave: Vec<(usize, serde_json::Value)> = lane
                    .iter_mut()
                    .filter_map(VecDeque::pop_front)
                    .take(order_ops::WAVE)
                    .collect();
                if wave.is_empty() {
                    break;
                }
                lane.retain(|ops| !ops.is_empty());
                let judged =
                    order_ops::wave(&client, &state.order_locks, &shop, &device, wave).await?;
                out.extend(judged);
            }
            Ok::<_, HubError>(out)
        });
    }
    while let Some(done) = tasks.join_next().await {
        match done {
            Ok(Ok(out)) => {
                for (i, r) in out {
                    results[i] = Some(r);
                }
            }
            Ok(Err(e)) => *failed = Some(e),
            Err(e) => *failed = Some(HubError::Corrupt(format!("push task: {e}"))),
        }
    }
}

/// Which order an op (as sent) is about; an unreadable op gets a group of its own.
fn order_key(value: &serde_json::Value) -> String {
    let op = &value["op"];
    op.get("order_id")
        .or_else(|| op.get("order").and_then(|o| o.get("id")))
        .and_then(serde_json::Value::as_str)
        .map_or_else(|| format!("?{}", fastrand::u64(..)), str::to_owned)
}

pub(crate) async fn pull_ops(
    State(state): State<Arc<AppState>>,
    Extension(device): Extension<Device>,
    bytes: Bytes,
) -> Result<Json<PullResponse>, HubError> {
    let req: PullRequest = body(&bytes)?;
    if req.protocol != PROTOCOL_VERSION {
        return Err(HubError::Upgrade(req.protocol));
    }
    // Subscribed before reading, so a commit between the read and the wait still wakes us.
    let head = state.head(device.shop_id);
    let page = pull::page(&state.pool.get().await?, &device, &req).await?;
    if !page.ops.is_empty() || !page.rejections.is_empty() || req.wait_ms == 0 {
        return Ok(Json(page));
    }
    // The connection went back to the pool above: a waiting pull holds none, so many desks
    // waiting cannot starve the pushes (and the sequencer) that would wake them.
    let wait = Duration::from_millis(u64::from(req.wait_ms)).min(LONGEST_WAIT);
    // Other devices' pushes on this process wake us; a timeout answers the empty page.
    if !news_since(head, wait).await {
        return Ok(Json(page));
    }
    Ok(Json(
        pull::page(&state.pool.get().await?, &device, &req).await?,
    ))
}

/// Whether the shop's history grew since `head` was subscribed, waiting up to `wait` for it.
/// A commit that came while the page was read counts: it is not marked seen first (that lost
/// it, and the desk waited out the whole long-poll for an order already on the hub).
async fn news_since(mut head: tokio::sync::watch::Receiver<i64>, wait: Duration) -> bool {
    matches!(tokio::time::timeout(wait, head.changed()).await, Ok(Ok(())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_commit_during_a_pulls_read_still_wakes_it() {
        let (tx, _) = tokio::sync::watch::channel(0_i64);
        let head = tx.subscribe();
        // The commit lands while the pull reads its page.
        tx.send_replace(7);
        assert!(
            news_since(head, Duration::ZERO).await,
            "the commit was lost"
        );
        // Nothing new: the wait ends without news.
        assert!(!news_since(tx.subscribe(), Duration::ZERO).await);
    }
}
