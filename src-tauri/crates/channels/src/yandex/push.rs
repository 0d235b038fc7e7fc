//! Yandex Market's stage triggers: queued once with their op, the queue worked with the
//! market's rules checked before calling. The orders job is `sync.rs`'s.

use jiff::Timestamp;
use store::{PushRow, Store};

use super::client::YandexClient;
use super::import::DBS;
use super::settings::YandexAction;
use crate::config::Connection;
use crate::market_import::CANCELLED_THERE;
use crate::push_queue::{
    count_pushed, dropped_here, enqueue, note, outcome_of, settle, Outcome, Patience,
};
use crate::report::SyncReport;
use crate::{ChannelError, ErrorCode};

pub fn enqueue_triggers(
    store: &Store,
    connection: &Connection,
    now: Timestamp,
) -> Result<u64, ChannelError> {
    let triggers = connection.yandex().triggers;
    enqueue(store, connection, &triggers, now, |row, action| {
        let cancelled =
            row.remote_status == "CANCELLED" || row.flags.iter().any(|f| f == CANCELLED_THERE);
        let dbs = row.flags.iter().any(|f| f == DBS);
        !cancelled && (!action.dbs_only() || dbs)
    })
}

pub async fn work_queue(
    store: &Store,
    connection: &Connection,
    client: &YandexClient,
    now: Timestamp,
    report: &mut SyncReport,
) -> Result<(), ChannelError> {
    let policy = connection.yandex();
    let patience = Patience {
        attempts: policy.push_attempts,
        backoff_s: policy.push_backoff_s,
        market: "Яндекс Маркет",
    };
    for push in store.due_pushes(connection.id, now)? {
        let outcome = outcome_of(attempt(store, connection, client, &push, now).await)?;
        settle(store, connection, &push, outcome, &patience, now, report)?;
    }
    count_pushed(store, connection, report)
}

async fn attempt(
    store: &Store,
    connection: &Connection,
    client: &YandexClient,
    push: &PushRow,
    now: Timestamp,
) -> Result<Outcome, ChannelError> {
    let action: YandexAction = serde_json::from_str(&push.action)
        .map_err(|e| ChannelError::Config(format!("queued action: {e}")))?;
    let id: i64 = push
        .external_id
        .parse()
        .map_err(|_| ChannelError::Config(format!("order id {:?}", push.external_id)))?;
    if let Some(dropped) = dropped_here(store, push, action.status == "CANCELLED")? {
        return Ok(dropped);
    }
    // The market's rule, checked before calling: three logged call attempts.
    let needed = action.needs_calls() as usize;
    if needed > 0 {
        let calls = store
            .order(push.order_id)?
            .calls
            .iter()
            .filter(|c| matches!(c.outcome, domain::CallOutcome::NoAnswer))
            .count();
        if calls < needed {
            let status = action.substatus.as_deref().unwrap_or(&action.status);
            return Ok(Outcome::Failed(note(
                ErrorCode::push_calls_needed(status, needed, calls),
                format!("{status} needs {needed} logged unanswered calls, the order has {calls}"),
            )));
        }
    }
    let updated = client
        .set_status(id, &action.status, action.substatus.as_deref())
        .await?;
    store.set_channel_remote(
        connection.id,
        push.external_id.clone(),
        updated.status.clone(),
        now,
        true,
    )?;
    let reached = updated.status == action.status
        && action
            .substatus
            .as_deref()
            .is_none_or(|s| s == updated.substatus);
    Ok(if reached {
        Outcome::Done
    } else {
        let answered = format!("{} / {}", updated.status, updated.substatus);
        let wanted = format!(
            "{} / {}",
            action.status,
            action.substatus.as_deref().unwrap_or("-")
        );
        Outcome::Retry(note(
            ErrorCode::push_not_reached(&wanted, &answered),
            format!("the market answered {answered}, not {wanted}"),
        ))
    })
}
