//! Yandex Market's orders job: orders in, stage triggers queued once with their op, the
//! queue worked with the market's rules checked before calling.

use jiff::{SignedDuration, Timestamp};
use store::{PushRow, Store};

use super::client::YandexClient;
use super::import::{to_import, DBS};
use super::model::{Fetched, YmOrder};
use super::settings::{YandexAction, YandexSettings};
use crate::config::Connection;
use crate::market_import::{keep_malformed, record, CANCELLED_THERE};
use crate::push_queue::{
    count_pushed, dropped_here, enqueue, outcome_of, settle, Outcome, Patience,
};
use crate::report::SyncReport;
use crate::ChannelError;

fn settings(connection: &Connection) -> YandexSettings {
    connection.settings.yandex.clone().unwrap_or_default()
}

/// `Ok(Some(error))` when the order list paged without end: the orders it brought are
/// recorded and the queue worked all the same, the caller reports the paging when the run is
/// done, and the cursor stays where it was (orders on the pages never reached are asked for
/// again next time).
pub async fn run(
    store: &Store,
    connection: &Connection,
    client: &YandexClient,
    now: Timestamp,
    report: &mut SyncReport,
) -> Result<Option<ChannelError>, ChannelError> {
    let state = store.channel_state(connection.id)?;
    let from = state
        .orders_cursor
        .as_deref()
        .and_then(|c| c.parse::<Timestamp>().ok())
        .unwrap_or(
            now - SignedDuration::from_hours(24 * settings(connection).lookback_days.max(1)),
        );
    let mut orders = Vec::new();
    let mut malformed = Vec::new();
    let walk = client.orders_walk(from).await?;
    for f in walk.items {
        match f {
            Fetched::Order(o) => orders.push(*o),
            Fetched::Malformed { id, error } => malformed.push((id, error)),
        }
    }
    keep_business_id(store, connection, client, now)?;
    keep_malformed(
        store,
        connection,
        malformed,
        "Yandex Market order",
        now,
        report,
    )?;
    let complete = walk.endless.is_none();
    record_orders(store, connection, &orders, complete, now, report)?;
    enqueue_triggers(store, connection, now)?;
    work_queue(store, connection, client, now, report).await?;
    Ok(walk.endless)
}

/// The business id the campaign named goes into the settings, so the admin sees it and
/// later runs do not ask again.
fn keep_business_id(
    store: &Store,
    connection: &Connection,
    client: &YandexClient,
    now: Timestamp,
) -> Result<(), ChannelError> {
    let Some(id) = client.known_business_id() else {
        return Ok(());
    };
    if settings(connection).business_id == id {
        return Ok(());
    }
    // Re-read: the admin may have saved other settings while the orders were read.
    let Some(row) = store.connection(connection.id)? else {
        return Ok(());
    };
    let mut current = Connection::from_rows(row, store.status_map(connection.id)?)?;
    let mut yandex = settings(&current);
    yandex.business_id = id;
    current.settings.yandex = Some(yandex);
    let (row, _) = current.to_rows(now)?;
    store.save_connection(row)?;
    Ok(())
}

/// Records orders; a known order the market cancelled is flagged and its queue stopped.
pub fn import_orders(
    store: &Store,
    connection: &Connection,
    orders: &[YmOrder],
    now: Timestamp,
    report: &mut SyncReport,
) -> Result<(), ChannelError> {
    record_orders(store, connection, orders, true, now, report)
}

/// [`import_orders`]; the cursor moves on only after a `complete` read of the list.
fn record_orders(
    store: &Store,
    connection: &Connection,
    orders: &[YmOrder],
    complete: bool,
    now: Timestamp,
    report: &mut SyncReport,
) -> Result<(), ChannelError> {
    record(
        store,
        connection,
        orders,
        |catalog, o| to_import(connection, catalog, o, now),
        now,
        report,
        move |s, newest| {
            // Never later than when this read began (an order updated while we paged may sit
            // on a page already read), and a minute back for updates under way then and for
            // the market's clock and ours: what is read twice changes nothing.
            if let Some(newest) = newest.filter(|_| complete) {
                let cursor = newest.min(now) - SignedDuration::from_secs(60);
                if s.orders_cursor
                    .as_deref()
                    .and_then(|c| c.parse::<Timestamp>().ok())
                    < Some(cursor)
                {
                    s.orders_cursor = Some(cursor.to_string());
                }
            }
        },
    )
}

pub fn enqueue_triggers(
    store: &Store,
    connection: &Connection,
    now: Timestamp,
) -> Result<u64, ChannelError> {
    let triggers = settings(connection).triggers;
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
    let policy = settings(connection);
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
            return Ok(Outcome::Failed(format!(
                "{} needs {needed} logged unanswered calls, the order has {calls}",
                action.substatus.as_deref().unwrap_or(&action.status)
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
        Outcome::Retry(format!(
            "the market answered {} / {}, not {} / {}",
            updated.status,
            updated.substatus,
            action.status,
            action.substatus.as_deref().unwrap_or("-")
        ))
    })
}
