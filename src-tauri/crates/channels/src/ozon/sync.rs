//! One Ozon connection's orders job: read postings, record them, queue the actions our
//! stages trigger, then work the queue.

use jiff::{SignedDuration, Timestamp};
use store::{ImportOutcome, Store};

use super::client::OzonClient;
use super::import::{to_import, CANCELLED_THERE};
use super::model::{Fetched, Posting};
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
    let fetched = client.postings(since, now).await?;
    let mut postings = Vec::with_capacity(fetched.len());
    let mut malformed = Vec::new();
    for f in fetched {
        match f {
            Fetched::Posting(p) => postings.push(*p),
            Fetched::Malformed {
                posting_number,
                error,
            } => malformed.push((posting_number, error)),
        }
    }
    keep_malformed(store, connection, malformed, now, report)?;
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

/// Postings that break the schema: a new one is kept as a problem row (visible, retried on
/// the next read); a known one is left as it was rather than overwritten with nothing.
fn keep_malformed(
    store: &Store,
    connection: &Connection,
    malformed: Vec<(String, String)>,
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
    for (number, error) in malformed {
        report.problems += 1;
        if number.is_empty() {
            tracing::warn!(%error, "Ozon posting without a number skipped");
            continue;
        }
        if known.contains(&number) {
            store.add_channel_flag(connection.id, number, "malformed_update".to_owned())?;
            continue;
        }
        items.push(store::ImportItem {
            external_id: number,
            remote_status: String::new(),
            remote_modified: now,
            flags: vec!["malformed".to_owned()],
            op: Err(error),
        });
    }
    store.import_channel_orders(connection.id, items, now)?;
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
