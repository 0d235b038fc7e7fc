//! Stage triggers and the push queue. Reaching a stage queues its action once (with the op
//! that moved the order there); the queue calls Ozon, retries what may heal with backoff, and
//! keeps what will not heal as failed, visible in the connection's state.

use jiff::{SignedDuration, Timestamp};
use store::{NewPush, PushRow, PushState, Store};

use super::client::OzonClient;
use super::import::{CANCELLED_THERE, RFBS};
use super::settings::OzonAction;
use super::sync::{cancelled_there, settings};
use crate::config::Connection;
use crate::report::SyncReport;
use crate::status::follow_channel;
use crate::ChannelError;

/// Queues the action of each order's current stage, unless Ozon cancelled the posting or the
/// action does not apply to its model (rFBS-only moves on an FBS posting).
pub fn enqueue_triggers(
    store: &Store,
    connection: &Connection,
    now: Timestamp,
) -> Result<u64, ChannelError> {
    let triggers = settings(connection).triggers;
    let mut queued = 0;
    for row in store.channel_orders(connection.id)? {
        let (Some(order_id), Some(stage)) = (row.order_id, row.stage_id.as_deref()) else {
            continue;
        };
        let Some(action) = triggers.get(stage) else {
            continue;
        };
        let cancelled =
            row.flags.iter().any(|f| f == CANCELLED_THERE) || row.remote_status == "cancelled";
        let rfbs = row.flags.iter().any(|f| f == RFBS);
        if cancelled || (action.rfbs_only() && !rfbs) {
            continue;
        }
        let action = serde_json::to_string(action)
            .map_err(|e| ChannelError::Config(format!("trigger: {e}")))?;
        let push = NewPush {
            connection_id: connection.id,
            external_id: row.external_id.clone(),
            order_id,
            stage_id: stage.to_owned(),
            action,
        };
        if store.enqueue_push(push, now)? {
            queued += 1;
        }
    }
    Ok(queued)
}

/// What one attempt came to.
enum Outcome {
    Done,
    /// May heal: try again later.
    Retry(String),
    /// Will not heal.
    Failed(String),
    /// Ozon cancelled the posting meanwhile.
    Stopped,
}

pub async fn work_queue(
    store: &Store,
    connection: &Connection,
    client: &OzonClient,
    now: Timestamp,
    report: &mut SyncReport,
) -> Result<(), ChannelError> {
    let policy = settings(connection);
    for push in store.due_pushes(connection.id, now)? {
        let outcome = match attempt(store, connection, client, &push, now, report).await {
            Ok(o) => o,
            // Refused keys stop the whole connection (it pauses); the push stays pending.
            Err(e) if e.pauses_connection() => return Err(e),
            Err(e @ ChannelError::Refused { .. }) | Err(e @ ChannelError::Malformed { .. }) => {
                Outcome::Failed(e.to_string())
            }
            Err(e) => Outcome::Retry(e.to_string()),
        };
        let attempts = push.attempts + 1;
        let (state, error, next_at) = match outcome {
            Outcome::Done => {
                report.pushed += 1;
                (PushState::Done, None, now)
            }
            Outcome::Stopped => (PushState::Stopped, Some("cancelled on Ozon".into()), now),
            Outcome::Failed(e) => (PushState::Failed, Some(e), now),
            Outcome::Retry(e) if attempts >= policy.push_attempts.max(1) => (
                PushState::Failed,
                Some(format!("{e} (after {attempts} attempts)")),
                now,
            ),
            Outcome::Retry(e) => {
                let wait = policy.push_backoff_s.max(1) << (attempts - 1).clamp(0, 10);
                (
                    PushState::Pending,
                    Some(e),
                    now + SignedDuration::from_secs(wait),
                )
            }
        };
        if state == PushState::Failed {
            let message = format!(
                "{} {}: {}",
                push.external_id,
                push.stage_id,
                error.clone().unwrap_or_default()
            );
            store.add_channel_flag(
                connection.id,
                push.external_id.clone(),
                format!("push_failed:{}", push.stage_id),
            )?;
            store.update_channel_state(connection.id, move |s| {
                s.failures += 1;
                s.last_error = Some(message);
                s.last_error_at = Some(now);
            })?;
        }
        store.finish_push(push.id, state, error, next_at, now)?;
    }
    let pushed = report.pushed;
    store.update_channel_state(connection.id, move |s| s.pushed += pushed)?;
    Ok(())
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
    let posting = client.posting(&push.external_id).await?;
    if posting.is_cancelled() && !matches!(action, OzonAction::Cancel { .. }) {
        store.set_channel_remote(
            connection.id,
            posting.posting_number.clone(),
            posting.status.clone(),
            now,
            false,
        )?;
        cancelled_there(store, connection, &posting, now)?;
        follow_channel(
            store,
            connection,
            &posting.posting_number,
            push.order_id,
            None,
            &posting.status,
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
                    Outcome::Failed(format!("posting is {}, cannot ship", posting.status))
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
                after.posting_number.clone(),
                after.status.clone(),
                now,
                true,
            )?;
            if after.substatus == "ship_failed" || !shipped(&after.status) {
                return Ok(Outcome::Retry(format!(
                    "Ozon accepted the ship call but the posting is {} / {}",
                    after.status, after.substatus
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
                Ok(Outcome::Failed("Ozon did not cancel the posting".into()))
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
        Some(e) => Outcome::Failed(format!("Ozon refused {to}: {e}")),
    })
}
