//! One Ozon connection's orders job: read postings, record them, queue the actions our
//! stages trigger, then work the queue.

use jiff::{SignedDuration, Timestamp};
use store::Store;

use super::client::OzonClient;
use super::import::to_import;
use super::model::{Fetched, Posting};
use super::push;
use crate::config::Connection;
use crate::market_import::{keep_malformed, record};
use crate::report::SyncReport;
use crate::ChannelError;

/// `Ok(Some(error))` when the posting list paged without end: what it brought is recorded and
/// its actions worked all the same, and the caller reports the paging once the run is done.
pub async fn run(
    store: &Store,
    connection: &Connection,
    client: &OzonClient,
    now: Timestamp,
    report: &mut SyncReport,
) -> Result<Option<ChannelError>, ChannelError> {
    let since = now - SignedDuration::from_hours(24 * connection.ozon().lookback_days.max(1));
    let walk = client.postings_walk(since, now).await?;
    let fetched = walk.items;
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
    keep_malformed(store, connection, malformed, "Ozon posting", now, report)?;
    import_postings(store, connection, &postings, now, report)?;
    push::enqueue_triggers(store, connection, now)?;
    push::work_queue(store, connection, client, now, report).await?;
    Ok(walk.endless)
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
    record(
        store,
        connection,
        postings,
        |catalog, p| to_import(connection, catalog, p, now),
        now,
        report,
        |_, _| {},
    )
}
