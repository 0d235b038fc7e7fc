//! One Ozon connection's orders job: read postings, record them, queue the actions our
//! stages trigger, then work the queue.

use jiff::{SignedDuration, Timestamp};
use store::{ImportOutcome, Store};

use super::client::OzonClient;
use super::import::{to_import, CANCELLED_THERE};
use super::model::Posting;
use super::push;
use super::settings::OzonSettings;
use crate::config::Connection;
use crate::report::SyncReport;
use crate::status::follow_channel;
use crate::woo::import::Catalog;
use crate::ChannelError;

pub fn settings(connection: &Connection) -> OzonSettings {
    connection.settings.ozon.clone().unwrap_or_default()
}

pub async fn run(
    store: &Store,
    connection: &Connection,
    client: &OzonClient,
    now: Timestamp,
    report: &mut SyncReport,
) -> Result<(), ChannelError> {
    let since = now - SignedDuration::from_hours(24 * settings(connection).lookback_days.max(1));
    let postings = client.postings(since, now).await?;
    import_postings(store, connection, &postings, now, report)?;
    push::enqueue_triggers(store, connection, now)?;
    push::work_queue(store, connection, client, now, report).await
}

/// Records postings (from a poll or a push notification): new ones become orders, known ones
/// refresh their status; a posting Ozon cancelled stops its triggers at once.
pub fn import_postings(
    store: &Store,
    connection: &Connection,
    postings: &[Posting],
    now: Timestamp,
    report: &mut SyncReport,
) -> Result<(), ChannelError> {
    let shop = store.shop()?;
    let catalog = Catalog::new(store.products()?, shop.vat);
    let items: Vec<_> = postings
        .iter()
        .map(|p| to_import(connection, &catalog, p, now))
        .collect();
    let outcomes = store.import_channel_orders(connection.id, items, now)?;
    for (posting, outcome) in postings.iter().zip(&outcomes) {
        let external = &posting.posting_number;
        match outcome {
            ImportOutcome::Created { order_id, stage } => {
                report.imported += 1;
                follow_channel(
                    store,
                    connection,
                    external,
                    *order_id,
                    Some(stage),
                    &posting.status,
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
                if posting.is_cancelled() {
                    cancelled_there(store, connection, posting, now)?;
                }
                if let Some(order_id) = order_id {
                    follow_channel(
                        store, connection, external, *order_id, None, status, now, report,
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
    })?;
    Ok(())
}

/// Ozon cancelled the posting: flag our order and stop what is queued for it.
pub(crate) fn cancelled_there(
    store: &Store,
    connection: &Connection,
    posting: &Posting,
    now: Timestamp,
) -> Result<(), ChannelError> {
    let external = posting.posting_number.clone();
    let known = store
        .channel_orders(connection.id)?
        .into_iter()
        .find(|r| r.external_id == external);
    if known.is_some_and(|r| !r.flags.iter().any(|f| f == CANCELLED_THERE)) {
        store.add_channel_flag(connection.id, external.clone(), CANCELLED_THERE.to_owned())?;
    }
    let reason = posting
        .cancellation
        .as_ref()
        .map(|c| format!("cancelled on Ozon: {}", c.cancel_reason))
        .unwrap_or_else(|| "cancelled on Ozon".to_owned());
    store.stop_pushes(connection.id, external, reason, now)?;
    Ok(())
}
