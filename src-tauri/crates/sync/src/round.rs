//! One sync round: push what is unsent, then pull until caught up.

use domain::AnyOp;
use jiff::Timestamp;
use proto::sync::{
    Hello, OpOutcome, PullRequest, PullResponse, PushRequest, PROTOCOL_VERSION, PUSH_MAX_OPS,
};
use store::{PushAnswer, RejectionRecord, Store};
use uuid::Uuid;

use crate::{SyncError, Transport};

/// Ops per pull page: big enough that a first join of a large shop is a few hundred pages.
const PULL_PAGE: u32 = 2_000;

/// What a round did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Round {
    pub pushed: u32,
    pub pulled: u32,
    /// Ops of this desk the hub refused in this round's pushes.
    pub refused: u32,
    /// Ops the hub accepted that this desk's rules refused (settings differ).
    pub diverged: u32,
    /// The shop's head as of the last page.
    pub head: i64,
}

/// Checks the link and marks the database as a team member. The desk should be a fresh one:
/// ops recorded before joining are pushed like any other.
pub async fn join<T: Transport>(
    store: &Store,
    hub: &T,
    now: Timestamp,
) -> Result<Hello, SyncError> {
    let hello = hub.hello().await?;
    if hello.protocol != PROTOCOL_VERSION {
        return Err(SyncError::UpgradeRequired);
    }
    store.join_team(now)?;
    Ok(hello)
}

/// Pushes every unsent op, then pulls pages until the desk has the hub's head. `wait_ms`
/// lets the first pull wait for news (long-poll) when nothing was pushed. `progress` hears
/// (applied up to, head) after every page, for a first join's progress bar.
pub async fn round<T: Transport>(
    store: &Store,
    hub: &T,
    wait_ms: u32,
    now: Timestamp,
    progress: &mut (dyn FnMut(i64, i64) + Send),
) -> Result<Round, SyncError> {
    let mut done = Round::default();
    loop {
        let ops = store.unsent_ops(u32::try_from(PUSH_MAX_OPS).unwrap_or(u32::MAX))?;
        if ops.is_empty() {
            break;
        }
        let full = ops.len() >= PUSH_MAX_OPS;
        let (pushed, refused) = push(store, hub, ops, now).await?;
        done.pushed += pushed;
        done.refused += refused;
        if !full {
            break;
        }
    }
    let mut wait = if done.pushed == 0 { wait_ms } else { 0 };
    loop {
        let cursors = store.cursors()?;
        let page = hub
            .pull(&PullRequest {
                protocol: PROTOCOL_VERSION,
                after: cursors.ops,
                rejections_after: cursors.rejections,
                limit: PULL_PAGE,
                wait_ms: wait,
            })
            .await?;
        wait = 0;
        let more = page.more;
        done.head = page.head;
        let applied = apply(store, page, now)?;
        done.pulled += applied.applied;
        done.diverged += applied.diverged;
        progress(store.cursors()?.ops, done.head);
        if !more {
            break;
        }
    }
    Ok(done)
}

async fn push<T: Transport>(
    store: &Store,
    hub: &T,
    ops: Vec<AnyOp>,
    now: Timestamp,
) -> Result<(u32, u32), SyncError> {
    let sent: Vec<Uuid> = ops.iter().map(AnyOp::id).collect();
    let values = ops
        .iter()
        .map(serde_json::to_value)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| SyncError::BadAnswer(e.to_string()))?;
    let answer = hub
        .push(&PushRequest {
            protocol: PROTOCOL_VERSION,
            ops: values,
        })
        .await?;
    let mut answers = Vec::with_capacity(answer.results.len());
    for result in answer.results {
        let op_id = parse_id(&result.op_id)?;
        if !sent.contains(&op_id) {
            return Err(SyncError::BadAnswer(format!(
                "a result for op {op_id} not sent"
            )));
        }
        answers.push(match result.outcome {
            OpOutcome::Accepted { shop_seq } => PushAnswer::Accepted { op_id, shop_seq },
            OpOutcome::Rejected {
                code,
                message,
                current,
            } => PushAnswer::Rejected(RejectionRecord {
                op_id,
                code: code_text(code),
                message,
                current: current.map(|c| c.to_string()),
                at: now,
            }),
        });
    }
    let n = u32::try_from(answers.len()).unwrap_or(u32::MAX);
    let refused = answers
        .iter()
        .filter(|a| matches!(a, PushAnswer::Rejected(_)))
        .count();
    store.record_push(answers)?;
    Ok((n, u32::try_from(refused).unwrap_or(u32::MAX)))
}

fn apply(store: &Store, page: PullResponse, now: Timestamp) -> Result<store::Pulled, SyncError> {
    let ops = page
        .ops
        .into_iter()
        .map(|op| {
            let env: AnyOp = serde_json::from_value(op.envelope)
                .map_err(|e| SyncError::BadAnswer(format!("op {}: {e}", op.shop_seq)))?;
            Ok((op.shop_seq, env))
        })
        .collect::<Result<Vec<_>, SyncError>>()?;
    let rejections = page
        .rejections
        .into_iter()
        .map(|r| {
            Ok((
                r.n,
                RejectionRecord {
                    op_id: parse_id(&r.op_id)?,
                    code: code_text(r.code),
                    message: r.message,
                    current: r.current.map(|c| c.to_string()),
                    at: now,
                },
            ))
        })
        .collect::<Result<Vec<_>, SyncError>>()?;
    Ok(store.apply_pulled(ops, rejections)?)
}

fn parse_id(text: &str) -> Result<Uuid, SyncError> {
    Uuid::parse_str(text).map_err(|_| SyncError::BadAnswer(format!("op id {text:?}")))
}

fn code_text(code: proto::sync::RejectCode) -> String {
    match serde_json::to_value(code) {
        Ok(serde_json::Value::String(s)) => s,
        _ => format!("{code:?}"),
    }
}
