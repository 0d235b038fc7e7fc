//! Yandex Market's orders job: orders in (the cursor moving only after a complete read),
//! then the actions our stages trigger queued and worked (`push.rs`).

use jiff::{SignedDuration, Timestamp};
use store::Store;

use super::client::YandexClient;
use super::import::to_import;
use super::model::{Fetched, YmOrder};
use super::push;
use crate::config::Connection;
use crate::market_import::{keep_malformed, record};
use crate::report::SyncReport;
use crate::ChannelError;

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
        .unwrap_or(now - SignedDuration::from_hours(24 * connection.yandex().lookback_days.max(1)));
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
    push::enqueue_triggers(store, connection, now)?;
    push::work_queue(store, connection, client, now, report).await?;
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
    if connection.yandex().business_id == id {
        return Ok(());
    }
    // Re-read: the admin may have saved other settings while the orders were read.
    let Some(row) = store.connection(connection.id)? else {
        return Ok(());
    };
    let mut current = Connection::from_rows(row, store.status_map(connection.id)?)?;
    let mut yandex = current.yandex();
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
                let cursor = cursor_of(newest, now);
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

/// The next read's start: the newest update seen, never later than `now`, less a minute.
/// Checked: an update dated at jiff's minimum (a broken answer's) panicked the schedule task.
fn cursor_of(newest: Timestamp, now: Timestamp) -> Timestamp {
    let bound = newest.min(now);
    bound
        .checked_sub(SignedDuration::from_secs(60))
        .unwrap_or(bound)
}

#[cfg(test)]
mod cursor_tests {
    use super::*;

    #[test]
    fn an_update_dated_at_the_earliest_time_does_not_stop_the_schedule() {
        let now: Timestamp = "2026-12-06T10:00:00Z".parse().expect("now");
        assert_eq!(cursor_of(Timestamp::MIN, now), Timestamp::MIN);
        let newest: Timestamp = "2026-12-06T09:30:00Z".parse().expect("newest");
        assert_eq!(
            cursor_of(newest, now),
            "2026-12-06T09:29:00Z".parse::<Timestamp>().expect("cursor")
        );
        assert_eq!(
            cursor_of(Timestamp::MAX, now),
            "2026-12-06T09:59:00Z".parse::<Timestamp>().expect("cursor")
        );
    }
}
