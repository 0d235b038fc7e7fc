//! Stage triggers and the push queue. Reaching a stage queues its action once (with the op
//! that moved the order there); the queue calls Ozon, retries what may heal with backoff, and
//! keeps what will not heal as failed, visible in the connection's state.

use jiff::Timestamp;
use store::{PushRow, Store};

use super::client::OzonClient;
use super::import::{CANCELLED_THERE, RFBS};
use super::settings::OzonAction;
use crate::config::Connection;
use crate::market_import::{cancelled_before_push, MarketOrder};
use crate::push_queue::{
    count_pushed, dropped_here, enqueue, note, outcome_of, settle, Outcome, Patience,
};
use crate::report::SyncReport;
use crate::{ChannelError, ErrorCode};

/// Queues the action of each order's current stage, unless Ozon cancelled the posting or the
/// action does not apply to its model (rFBS-only moves on an FBS posting).
pub fn enqueue_triggers(
    store: &Store,
    connection: &Connection,
    now: Timestamp,
) -> Result<u64, ChannelError> {
    let triggers = connection.ozon().triggers;
    enqueue(store, connection, &triggers, now, |row, action| {
        let cancelled =
            row.flags.iter().any(|f| f == CANCELLED_THERE) || row.remote_status == "cancelled";
        let rfbs = row.flags.iter().any(|f| f == RFBS);
        !cancelled && (!action.rfbs_only() || rfbs)
    })
}

pub async fn work_queue(
    store: &Store,
    connection: &Connection,
    client: &OzonClient,
    now: Timestamp,
    report: &mut SyncReport,
) -> Result<(), ChannelError> {
    let policy = connection.ozon();
    let patience = Patience {
        attempts: policy.push_attempts,
        backoff_s: policy.push_backoff_s,
        market: "Ozon",
    };
    for push in store.due_pushes(connection.id, now)? {
        let outcome = outcome_of(attempt(store, connection, client, &push, now, report).await)?;
        settle(store, connection, &push, outcome, &patience, now, report)?;
    }
    count_pushed(store, connection, report)
}

/// Reads the posting first: a posting Ozon cancelled is not pushed (our order follows);
/// one already past the action's status is done without a call.
async fn attempt(
    store: &Store,
    connection: &Connection,
    client: &OzonClient,
    push: &PushRow,
    now: Timestamp,
    report: &mut SyncReport,
) -> Result<Outcome, ChannelError> {
    let action: OzonAction = serde_json::from_str(&push.action)
        .map_err(|e| ChannelError::Config(format!("queued action: {e}")))?;
    if let Some(dropped) = dropped_here(store, push, matches!(action, OzonAction::Cancel { .. }))? {
        return Ok(dropped);
    }
    // `posting` refuses an answer about another posting number (WrongOrder): nothing below
    // acts on, or links our order to, a posting we did not ask for.
    let posting = client.posting(&push.external_id).await?;
    if posting.is_cancelled() && !matches!(action, OzonAction::Cancel { .. }) {
        let reason = posting.cancellation().unwrap_or_default();
        cancelled_before_push(
            store,
            connection,
            &posting,
            push.order_id,
            reason,
            now,
            report,
        )?;
        return Ok(Outcome::Stopped);
    }
    match action {
        OzonAction::Ship => {
            if posting.status != "awaiting_packaging" {
                return Ok(if shipped(&posting.status) {
                    Outcome::Done
                } else {
                    Outcome::Failed(wrong_state("ship", &posting.status))
                });
            }
            let sent = client.ship(&posting).await;
            // HTTP 200 is not success on Ozon: the posting says whether it shipped. A refusal
            // may follow a first try that timed out but shipped; the posting tells that too.
            let after = client.posting(&push.external_id).await?;
            if let Err(e) = sent {
                if !shipped(&after.status) {
                    return Err(e);
                }
            }
            store.set_channel_remote(
                connection.id,
                push.external_id.clone(),
                after.status.clone(),
                now,
                true,
            )?;
            if after.substatus == "ship_failed" || !shipped(&after.status) {
                let answered = format!("{} / {}", after.status, after.substatus);
                return Ok(Outcome::Retry(note(
                    ErrorCode::push_not_reached("awaiting_deliver", &answered),
                    format!("Ozon accepted the ship call but the posting is {answered}"),
                )));
            }
            Ok(Outcome::Done)
        }
        OzonAction::Cancel { reason_id, message } => {
            if posting.is_cancelled() {
                return Ok(Outcome::Done);
            }
            if client
                .cancel(&push.external_id, reason_id, &message)
                .await?
            {
                Ok(Outcome::Done)
            } else {
                Ok(Outcome::Failed(note(
                    ErrorCode::push_not_cancelled("Ozon"),
                    "Ozon did not cancel the posting",
                )))
            }
        }
        OzonAction::Delivering => move_status(client, &posting.posting_number, "delivering").await,
        OzonAction::Delivered => move_status(client, &posting.posting_number, "delivered").await,
    }
}

fn shipped(status: &str) -> bool {
    matches!(
        status,
        "awaiting_deliver" | "delivering" | "driver_pickup" | "delivered" | "sent_by_seller"
    )
}

async fn move_status(
    client: &OzonClient,
    posting_number: &str,
    to: &str,
) -> Result<Outcome, ChannelError> {
    Ok(match client.move_status(to, posting_number).await? {
        None => Outcome::Done,
        Some(e) => Outcome::Failed(note(
            ErrorCode::push_status_refused(to, &e.to_string()),
            format!("Ozon refused {to}: {e}"),
        )),
    })
}

/// The posting is not where the action can start from.
fn wrong_state(action: &str, state: &str) -> store::PushNote {
    note(
        ErrorCode::push_wrong_state(action, state),
        format!("posting is {state}, cannot {action}"),
    )
}
