//! Stage triggers and the push queue for MegaMarket. Reaching a stage queues its call once
//! (with the op that moved the order there); the queue reads the shipment first (cancelled on
//! MegaMarket → flagged and stopped, our order follows; already past the call → done without
//! calling), retries what may heal with backoff and keeps what will not heal as failed.

use jiff::Timestamp;
use store::{PushRow, Store};

use super::client::MegaMarketClient;
use super::import::CANCELLED_THERE;
use super::model::{BoxCode, Shipment};
use super::settings::MegaMarketAction;
use crate::config::Connection;
use crate::market_import::{cancelled_before_push, MarketOrder};
use crate::push_queue::{
    count_pushed, dropped_here, enqueue, note, outcome_of, settle, Outcome, Patience,
};
use crate::report::SyncReport;
use crate::{ChannelError, ErrorCode};

/// Queues the call of each order's current stage, unless MegaMarket cancelled the shipment.
pub fn enqueue_triggers(
    store: &Store,
    connection: &Connection,
    now: Timestamp,
) -> Result<u64, ChannelError> {
    let triggers = connection.megamarket().triggers;
    enqueue(store, connection, &triggers, now, |row, _| {
        let cancelled = row.flags.iter().any(|f| f == CANCELLED_THERE)
            || super::model::CANCELLED.contains(&row.remote_status.as_str());
        !cancelled
    })
}

pub async fn work_queue(
    store: &Store,
    connection: &Connection,
    client: &MegaMarketClient,
    now: Timestamp,
    report: &mut SyncReport,
) -> Result<(), ChannelError> {
    let policy = connection.megamarket();
    let patience = Patience {
        attempts: policy.push_attempts,
        backoff_s: policy.push_backoff_s,
        market: "Мегамаркет",
    };
    for push in store.due_pushes(connection.id, now)? {
        let outcome = outcome_of(attempt(store, connection, client, &push, now, report).await)?;
        settle(store, connection, &push, outcome, &patience, now, report)?;
    }
    count_pushed(store, connection, report)
}

const PACKED_OR_LATER: [&str; 3] = ["PACKED", "SHIPPED", "DELIVERED"];

async fn attempt(
    store: &Store,
    connection: &Connection,
    client: &MegaMarketClient,
    push: &PushRow,
    now: Timestamp,
    report: &mut SyncReport,
) -> Result<Outcome, ChannelError> {
    let action: MegaMarketAction = serde_json::from_str(&push.action)
        .map_err(|e| ChannelError::Config(format!("queued action: {e}")))?;
    let reject = matches!(action, MegaMarketAction::Reject { .. });
    if let Some(dropped) = dropped_here(store, push, reject)? {
        return Ok(dropped);
    }
    // `shipment` refuses an answer about another shipment (WrongOrder).
    let s = client.shipment(&push.external_id).await?;
    let status = s.status();
    if s.is_cancelled() && !matches!(action, MegaMarketAction::Reject { .. }) {
        let reason = s.cancellation().unwrap_or_default();
        cancelled_before_push(store, connection, &s, push.order_id, reason, now, report)?;
        return Ok(Outcome::Stopped);
    }
    let reached = match action {
        MegaMarketAction::Confirm => match status.as_str() {
            "NEW" => {
                client.confirm(&s).await?;
                "CONFIRMED"
            }
            _ => return Ok(Outcome::Done),
        },
        MegaMarketAction::Packing { boxes } => match status.as_str() {
            // The confirm trigger was skipped (the order moved on first): confirm, then pack.
            "NEW" | "CONFIRMED" => {
                if status == "NEW" {
                    client.confirm(&s).await?;
                }
                let merchant = connection.megamarket().merchant_id;
                if merchant <= 0 {
                    return Ok(Outcome::Failed(note(
                        ErrorCode::push_no_merchant(),
                        "no MegaMarket merchant id: box codes need it",
                    )));
                }
                client.packing(&s, merchant, boxes).await?;
                "PACKED"
            }
            s if PACKED_OR_LATER.contains(&s) => return Ok(Outcome::Done),
            other => return Ok(Outcome::Failed(wrong_state("pack", other))),
        },
        MegaMarketAction::Shipping => match status.as_str() {
            "PACKED" => {
                let boxes = boxes_of(&s);
                if boxes.is_empty() {
                    return Ok(Outcome::Failed(note(
                        ErrorCode::push_no_boxes(),
                        "the packed shipment names no boxes",
                    )));
                }
                client.shipping(&s, &boxes, now).await?;
                "SHIPPED"
            }
            "SHIPPED" | "DELIVERED" => return Ok(Outcome::Done),
            other => return Ok(Outcome::Failed(wrong_state("ship", other))),
        },
        MegaMarketAction::Reject { reason } => match status.as_str() {
            s if super::model::CANCELLED.contains(&s) => return Ok(Outcome::Done),
            "SHIPPED" | "DELIVERED" => return Ok(Outcome::Failed(wrong_state("reject", &status))),
            _ => {
                if !super::settings::REJECT_REASONS.contains(&reason.as_str()) {
                    let detail = format!("unknown reject reason {reason}");
                    return Ok(Outcome::Failed(note(ErrorCode::config(&detail), detail)));
                }
                client.reject(&s, &reason).await?;
                "MERCHANT_CANCELED"
            }
        },
    };
    store.set_channel_remote(
        connection.id,
        s.shipment_id.clone(),
        reached.to_owned(),
        now,
        true,
    )?;
    Ok(Outcome::Done)
}

/// The distinct boxes the shipment's items were packed in.
pub fn boxes_of(s: &Shipment) -> Vec<BoxCode> {
    let mut out: Vec<BoxCode> = Vec::new();
    for b in s.live_items().flat_map(|i| i.boxes.iter()) {
        if !out.iter().any(|o| o.box_code == b.box_code) {
            out.push(b.clone());
        }
    }
    out.sort_by_key(|b| b.box_index);
    out
}

/// The shipment is not where the action can start from.
fn wrong_state(action: &str, state: &str) -> store::PushNote {
    note(
        ErrorCode::push_wrong_state(action, state),
        format!("shipment is {state}, cannot {action}"),
    )
}
