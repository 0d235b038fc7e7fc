//! What the marketplaces' order imports share once their orders are read: record them, count
//! the outcomes, let the status map move our orders, and stop the triggers of an order the
//! marketplace cancelled. Ozon, Yandex Market and MegaMarket each had their own copy.

use jiff::Timestamp;
use store::{ChannelStateRow, ImportItem, ImportOutcome, Store};
use uuid::Uuid;

use crate::channel_import::Catalog;
use crate::config::Connection;
use crate::report::SyncReport;
use crate::status::follow_channel;
use crate::ChannelError;

/// The flag on an order the marketplace cancelled: no trigger fires for it any more.
pub const CANCELLED_THERE: &str = "marketplace_cancelled";

/// One marketplace order, as the shared import needs it.
pub(crate) trait MarketOrder {
    /// Our key for it within the connection.
    fn external_id(&self) -> String;
    /// The marketplace's status, as the connection's status map names it.
    fn status(&self) -> String;
    /// Why the marketplace cancelled it, or `None` while it stands.
    fn cancellation(&self) -> Option<String>;
}

/// Records `orders` (from a read or a push notification): new ones become orders, known ones
/// refresh their status. `state` also gets the newest modification instant among them.
pub(crate) fn record<T: MarketOrder>(
    store: &Store,
    connection: &Connection,
    orders: &[T],
    to_import: impl Fn(&Catalog, &T) -> ImportItem,
    now: Timestamp,
    report: &mut SyncReport,
    state: impl FnOnce(&mut ChannelStateRow, Option<Timestamp>) + Send + 'static,
) -> Result<(), ChannelError> {
    let shop = store.shop()?;
    let catalog = Catalog::new(store.products()?, shop.vat);
    let items: Vec<_> = orders.iter().map(|o| to_import(&catalog, o)).collect();
    let newest = items.iter().map(|i| i.remote_modified).max();
    let outcomes = store.import_channel_orders(connection.id, items, now)?;
    for (order, outcome) in orders.iter().zip(&outcomes) {
        let external = order.external_id();
        match outcome {
            ImportOutcome::Created { order_id, stage } => {
                report.imported += 1;
                let status = order.status();
                follow_channel(
                    store,
                    connection,
                    &external,
                    *order_id,
                    Some(stage),
                    &status,
                    now,
                    report,
                )?;
            }
            ImportOutcome::Known {
                order_id,
                changed: true,
                status,
                ..
            } => {
                report.updated += 1;
                if let Some(reason) = order.cancellation() {
                    cancelled_there(store, connection, &external, reason, now)?;
                }
                if let Some(order_id) = order_id {
                    follow_channel(
                        store, connection, &external, *order_id, None, status, now, report,
                    )?;
                }
            }
            ImportOutcome::Known { .. } => report.unchanged += 1,
            ImportOutcome::Problem(_) => report.problems += 1,
        }
    }
    let (imported, updated) = (report.imported, report.updated);
    store.update_channel_state(connection.id, move |s| {
        s.orders_synced_at = Some(now);
        s.imported += imported;
        s.updated += updated;
        state(s, newest);
    })?;
    Ok(())
}

/// A push found the order cancelled on the marketplace before its call went out: the
/// status is recorded, the order flagged and its queue stopped, and our stage follows.
pub(crate) fn cancelled_before_push<T: MarketOrder>(
    store: &Store,
    connection: &Connection,
    order: &T,
    order_id: Uuid,
    reason: String,
    now: Timestamp,
    report: &mut SyncReport,
) -> Result<(), ChannelError> {
    let (external, status) = (order.external_id(), order.status());
    store.set_channel_remote(connection.id, external.clone(), status.clone(), now, false)?;
    cancelled_there(store, connection, &external, reason, now)?;
    follow_channel(
        store, connection, &external, order_id, None, &status, now, report,
    )
}

/// Flags the order (the store adds a flag once) and stops what is queued for it.
fn cancelled_there(
    store: &Store,
    connection: &Connection,
    external: &str,
    reason: String,
    now: Timestamp,
) -> Result<(), ChannelError> {
    store.add_channel_flag(
        connection.id,
        external.to_owned(),
        CANCELLED_THERE.to_owned(),
    )?;
    let why = crate::push_queue::note(
        crate::ErrorCode::cancelled_there(connection.kind.name()),
        reason,
    );
    store.stop_pushes(connection.id, external.to_owned(), why, now)?;
    Ok(())
}

/// Orders that break the schema: a new one is kept as a problem row (visible, read again
/// next time); a known one is flagged, not overwritten with nothing. `malformed` holds
/// (external id, why); `what` names the kind in the log for one with no readable id.
pub(crate) fn keep_malformed(
    store: &Store,
    connection: &Connection,
    malformed: Vec<(String, String)>,
    what: &str,
    now: Timestamp,
    report: &mut SyncReport,
) -> Result<(), ChannelError> {
    if malformed.is_empty() {
        return Ok(());
    }
    let known: std::collections::HashSet<String> = store
        .channel_orders(connection.id)?
        .into_iter()
        .map(|r| r.external_id)
        .collect();
    let mut items = Vec::new();
    for (id, error) in malformed {
        report.problems += 1;
        if id.is_empty() {
            tracing::warn!(%error, "{what} without an id skipped");
            continue;
        }
        if known.contains(&id) {
            store.add_channel_flag(connection.id, id, "malformed_update".to_owned())?;
            continue;
        }
        items.push(ImportItem {
            external_id: id,
            remote_status: String::new(),
            remote_modified: now,
            flags: vec!["malformed".to_owned()],
            op: Err(error),
        });
    }
    store.import_channel_orders(connection.id, items, now)?;
    Ok(())
}
