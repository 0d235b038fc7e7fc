//! What the marketplace queues share once an attempt is over: the push is done, waits with
//! a doubling delay, or fails for good — and a failure is flagged on the order and shown in
//! the connection's state, never dropped.

use std::collections::BTreeMap;

use jiff::{SignedDuration, Timestamp};
use serde::Serialize;
use store::{ChannelOrderRow, NewPush, PushNote, PushRow, PushState, Store};
use uuid::Uuid;

use crate::config::Connection;
use crate::report::SyncReport;
use crate::{ChannelError, ErrorCode};

/// Queues the action of each order's current stage (once: the store keeps one push per order
/// and stage) for the orders `applies` lets through — e.g. not cancelled on the marketplace,
/// and an action that exists in the order's fulfilment model.
pub(crate) fn enqueue<A: Serialize>(
    store: &Store,
    connection: &Connection,
    triggers: &BTreeMap<String, A>,
    now: Timestamp,
    applies: impl Fn(&ChannelOrderRow, &A) -> bool,
) -> Result<u64, ChannelError> {
    let mut queued = 0;
    // First every stage an order entered since the last run, in the order it happened (the
    // op log is the outbox): an order that passed through two trigger stages between two
    // runs gets both actions, in order, once.
    let (entries, seen) = store.stage_entries(connection.id)?;
    for entry in entries {
        let Some(action) = triggers.get(&entry.stage_id) else {
            continue;
        };
        let row = store
            .order_channels(entry.order_id)?
            .into_iter()
            .find(|r| r.connection_id == connection.id);
        let Some(row) = row.filter(|r| applies(r, action)) else {
            continue;
        };
        if queue_one(store, &row, entry.order_id, entry.stage_id, action, now)? {
            queued += 1;
        }
    }
    store.set_stage_entries_seen(connection.id, seen)?;
    // Then the orders sitting in a stage with an action (those that entered it before the
    // connection watched the log). Only those: reading every order of the connection on
    // each run was a third of the marketplace bench's time, and grows with the shop.
    let stages: Vec<String> = triggers.keys().cloned().collect();
    for row in store.channel_orders_in_stages(connection.id, stages)? {
        let (Some(order_id), Some(stage)) = (row.order_id, row.stage_id.as_deref()) else {
            continue;
        };
        let Some(action) = triggers.get(stage) else {
            continue;
        };
        if !applies(&row, action) {
            continue;
        }
        if queue_one(store, &row, order_id, stage.to_owned(), action, now)? {
            queued += 1;
        }
    }
    Ok(queued)
}

/// Queues `action` of `stage_id` for the order `row` links; false when the store already
/// holds that order's push for the stage.
fn queue_one<A: Serialize>(
    store: &Store,
    row: &ChannelOrderRow,
    order_id: Uuid,
    stage_id: String,
    action: &A,
    now: Timestamp,
) -> Result<bool, ChannelError> {
    let action =
        serde_json::to_string(action).map_err(|e| ChannelError::Config(format!("trigger: {e}")))?;
    let push = NewPush {
        connection_id: row.connection_id,
        external_id: row.external_id.clone(),
        order_id,
        stage_id,
        action,
    };
    Ok(store.enqueue_push(push, now)?)
}

pub(crate) enum Outcome {
    Done,
    /// May heal: try again later.
    Retry(PushNote),
    /// Will not heal.
    Failed(PushNote),
    /// The marketplace cancelled the order meanwhile.
    Stopped,
    /// No longer applies here (our order was cancelled meanwhile): not made, kept as stopped
    /// with why, for the order's card.
    Dropped(PushNote),
}

/// Why a push is not made: `code` for the window to word, `text` for the log and the hover.
pub(crate) fn note(code: ErrorCode, text: impl Into<String>) -> PushNote {
    PushNote {
        text: text.into(),
        code: code.code.to_owned(),
        params: code.params_json(),
    }
}

/// The note of a channel's error.
pub(crate) fn note_of(e: &ChannelError) -> PushNote {
    note(e.code(), e.to_string())
}

/// How long a connection keeps trying one push, and whose queue it is.
pub(crate) struct Patience {
    pub attempts: i64,
    pub backoff_s: i64,
    /// Names who cancelled a stopped push.
    pub market: &'static str,
}

/// What one attempt at a push comes to. Keys refused stop the run (the error goes on: the
/// connection pauses and the push stays pending); a refusal, a malformed answer or an
/// unreadable queued action will not heal by waiting and fails the push for good; anything
/// else (network, 5xx, a timeout) is retried.
pub(crate) fn outcome_of(attempt: Result<Outcome, ChannelError>) -> Result<Outcome, ChannelError> {
    match attempt {
        Ok(o) => Ok(o),
        Err(e) if e.pauses_connection() => Err(e),
        Err(
            e @ (ChannelError::Refused { .. }
            | ChannelError::Malformed { .. }
            | ChannelError::WrongOrder { .. }
            | ChannelError::Config(_)),
        ) => Ok(Outcome::Failed(note_of(&e))),
        Err(e) => Ok(Outcome::Retry(note_of(&e))),
    }
}

/// Whether a queued action still applies to our order: anything but a cancellation is
/// dropped once the order sits in a cancelled stage here — a ship or a status move must not
/// reach the marketplace after our cancel (which may already have gone out). Checked before
/// any call, so a dropped action costs no request.
pub(crate) fn dropped_here(
    store: &Store,
    push: &PushRow,
    is_cancel: bool,
) -> Result<Option<Outcome>, ChannelError> {
    if is_cancel {
        return Ok(None);
    }
    let stage = store.order(push.order_id)?.stage.stage_id;
    let workflow = store.workflow()?;
    let cancelled = workflow
        .stages()
        .iter()
        .any(|s| s.id == stage && s.kind == domain::StageKind::Cancelled);
    let name = workflow
        .stages()
        .iter()
        .find(|s| s.id == push.stage_id)
        .map_or(push.stage_id.as_str(), |s| s.name.as_str());
    Ok(cancelled.then(|| {
        Outcome::Dropped(note(
            ErrorCode::cancelled_here(name),
            format!("заказ отменён у нас — действие этапа «{name}» больше не отправляется"),
        ))
    }))
}

/// After a run of the queue: the calls made go into the connection's count.
pub(crate) fn count_pushed(
    store: &Store,
    connection: &Connection,
    report: &SyncReport,
) -> Result<(), ChannelError> {
    let pushed = report.pushed;
    store.update_channel_state(connection.id, move |s| s.pushed += pushed)?;
    Ok(())
}

/// Records `outcome` of one attempt at `push`.
pub(crate) fn settle(
    store: &Store,
    connection: &Connection,
    push: &PushRow,
    outcome: Outcome,
    patience: &Patience,
    now: Timestamp,
    report: &mut SyncReport,
) -> Result<(), ChannelError> {
    let attempts = push.attempts + 1;
    let (state, error, next_at) = match outcome {
        Outcome::Done => {
            report.pushed += 1;
            (PushState::Done, None, now)
        }
        Outcome::Stopped => (
            PushState::Stopped,
            Some(note(
                ErrorCode::cancelled_there(patience.market),
                format!(
                    "заказ отменён на маркетплейсе {} — действие больше не отправляется",
                    patience.market
                ),
            )),
            now,
        ),
        Outcome::Dropped(why) => (PushState::Stopped, Some(why), now),
        Outcome::Failed(e) => (PushState::Failed, Some(e), now),
        Outcome::Retry(e) if attempts >= patience.attempts.max(1) => (
            PushState::Failed,
            // The attempts are the push's own count, which the queue shows beside the note.
            Some(PushNote {
                text: format!("{} (after {attempts} attempts)", e.text),
                ..e
            }),
            now,
        ),
        Outcome::Retry(e) => {
            let wait = patience.backoff_s.max(1) << (attempts - 1).clamp(0, 10);
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
            error.as_ref().map(|n| n.text.as_str()).unwrap_or_default()
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
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_attempt_comes_to_the_same_outcome_on_every_marketplace() {
        let of = |e: ChannelError| outcome_of(Err(e));
        // Ozon and Yandex Market used to wait and retry an unreadable queued action forever.
        assert!(matches!(
            of(ChannelError::Config("queued action: EOF".into())),
            Ok(Outcome::Failed(_))
        ));
        assert!(matches!(
            of(ChannelError::Refused {
                status: 400,
                message: "no".into()
            }),
            Ok(Outcome::Failed(_))
        ));
        assert!(matches!(
            of(ChannelError::Timeout { attempts: 3 }),
            Ok(Outcome::Retry(_))
        ));
        assert!(matches!(
            of(ChannelError::Network("reset".into())),
            Ok(Outcome::Retry(_))
        ));
        assert!(matches!(
            of(ChannelError::NoCredentials),
            Err(ChannelError::NoCredentials)
        ));
        assert!(matches!(outcome_of(Ok(Outcome::Done)), Ok(Outcome::Done)));
    }
}
