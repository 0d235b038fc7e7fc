//! One WooCommerce connection's jobs: take orders in, push statuses, publish versions as
//! customer notes, push stock.

use std::collections::{BTreeMap, HashMap};

use domain::{Op, Quantity, StageKind};
use jiff::{SignedDuration, Timestamp};
use store::{ImportItem, ImportOutcome, NewOp, Store};
use uuid::Uuid;

use super::changes::{follow_site, SiteOrder};
use super::client::{parse_gmt, WooClient};
use super::import::to_import;
use super::model::WooOrder;
use crate::channel_import::Catalog;
use crate::config::{Connection, Master};
use crate::report::SyncReport;
use crate::status::{follow_channel, moved_here_at};
use crate::ChannelError;

pub use super::stock::push_stock;

/// Orders changed since the cursor, all pages, recorded in one transaction; statuses the
/// channel is master of move our orders. Each page goes to the writer thread as soon as it is
/// parsed and is recorded while the next one is fetched and parsed. The walk is then checked
/// against the site's light list of the same orders, and anything the walk missed (an order
/// whose place in the listing moved while we paged) is fetched by id into the same
/// transaction. The cursor moves only when every page is in: after a failure the next sync
/// reads the same pages again, and what was already recorded is known.
///
/// `Ok(true)`: the walk had no cursor, so its check compared every order the site lists with
/// what came in — everything a reconciliation would compare, done already.
pub async fn import_orders(
    store: &Store,
    connection: &Connection,
    client: &WooClient,
    now: Timestamp,
    report: &mut SyncReport,
) -> Result<bool, ChannelError> {
    let state = store.channel_state(connection.id)?;
    let after = state.orders_cursor.as_deref().and_then(parse_gmt);
    let vat = store.shop()?.vat;
    let mut pages = client.orders_pages(after)?;
    let mut walk = Walk::default();
    // Nothing else may be written until `finish`: the writer is holding the transaction.
    // No borrow of `import` is held across an await: the future must stay `Send`.
    let import = store.import_channel_pages(connection.id, now)?;
    let fetched: Result<(), ChannelError> = 'walk: {
        loop {
            let orders = match pages.next::<WooOrder>(client).await {
                Ok(Some(orders)) => orders,
                Ok(None) => break,
                Err(e) => break 'walk Err(e),
            };
            match walk.send(store, connection, &import, orders, vat, now) {
                Ok(true) => {}
                // The write failed; `finish` says why.
                Ok(false) => break 'walk Ok(()),
                Err(e) => break 'walk Err(e),
            }
        }
        let stamps = match client.order_stamps(after, None).await {
            Ok(stamps) => stamps,
            Err(e) => break 'walk Err(e),
        };
        let missed = missed_by_walk(&stamps, &walk.seen);
        if missed.is_empty() {
            break 'walk Ok(());
        }
        tracing::warn!(
            connection = %connection.id,
            missed = missed.len(),
            "the orders listing missed orders or changed behind the walk; read again by id"
        );
        let orders = match client.orders_by_ids(&missed).await {
            Ok(orders) => orders,
            Err(e) => break 'walk Err(e),
        };
        report.reconciled += i64::try_from(orders.len()).unwrap_or(i64::MAX);
        walk.send(store, connection, &import, orders, vat, now)
            .map(|_| ())
    };
    let Walk {
        newest,
        followed,
        shipping,
        ..
    } = walk;
    let outcomes = import.finish()?;
    note_shipping(store, connection, shipping, now);
    let counted = (report.imported, report.updated);
    let followed = follow(store, connection, &followed, &outcomes, now, report);
    let counts = (report.imported - counted.0, report.updated - counted.1);
    let outcome = fetched.and(followed);
    let done = outcome
        .is_ok()
        .then(|| next_cursor(newest, pages.started_at()));
    save_state(store, connection, done, counts, now)?;
    outcome.map(|()| after.is_none())
}

/// What a walk has sent to the writer so far.
#[derive(Default)]
struct Walk {
    /// Each order's id and the newest change of it seen.
    seen: HashMap<i64, Option<Timestamp>>,
    newest: Option<Timestamp>,
    followed: Vec<Followed>,
    /// The delivery methods the orders carried, by key: (title, order id, modified).
    shipping: BTreeMap<String, (String, i64, Option<Timestamp>)>,
}

impl Walk {
    /// Sends one page to the writer; `false` when the writer refused it.
    fn send(
        &mut self,
        store: &Store,
        connection: &Connection,
        import: &store::ImportPages,
        orders: Vec<WooOrder>,
        vat: domain::VatRate,
        now: Timestamp,
    ) -> Result<bool, ChannelError> {
        for o in &orders {
            let modified = o.date_modified_gmt.as_deref().and_then(parse_gmt);
            let entry = self.seen.entry(o.id).or_insert(modified);
            *entry = (*entry).max(modified);
            let line = o.shipping_lines.first();
            if let Some((line, key)) = line.and_then(|l| Some((l, super::shipping::line_key(l)?))) {
                let seen = (line.method_title.clone(), o.id, modified);
                let newest = self.shipping.entry(key).or_insert_with(|| seen.clone());
                if seen.2 >= newest.2 {
                    *newest = seen;
                }
            }
        }
        let catalog = page_catalog(store, &orders, vat)?;
        let (items, followed) = prepare(connection, &catalog, &orders, now);
        self.newest = self
            .newest
            .max(items.iter().map(|i| i.remote_modified).max());
        self.followed.extend(followed);
        Ok(import.send(items).is_ok())
    }
}

/// Keeps the delivery methods this walk's orders carried, for the admin's delivery map. Only a
/// list to choose from: a failure is logged and the import stands.
fn note_shipping(
    store: &Store,
    connection: &Connection,
    shipping: BTreeMap<String, (String, i64, Option<Timestamp>)>,
    now: Timestamp,
) {
    let seen = shipping
        .into_iter()
        .map(
            |(method_key, (title, order, modified))| store::ShippingSeen {
                method_key,
                title,
                last_order: order.to_string(),
                last_seen_at: modified.unwrap_or(now),
            },
        )
        .collect();
    if let Err(err) = store.note_shipping_seen(connection.id, seen) {
        tracing::warn!(connection = %connection.id, %err, "delivery methods seen not kept");
    }
}

/// How far back the next walk starts: the newest change seen, but never later than the
/// site's clock when this walk began (an order changed while we paged may sit on a page
/// already read), less a minute for saves that were under way then.
fn next_cursor(newest: Option<Timestamp>, started_at: Option<Timestamp>) -> Option<Timestamp> {
    let newest = newest?;
    let bound = started_at.map_or(newest, |s| newest.min(s));
    // Checked: a date at jiff's minimum (a broken site's) would panic the schedule task.
    Some(
        bound
            .checked_sub(SignedDuration::from_secs(60))
            .unwrap_or(bound),
    )
}

/// The ids the site lists that the walk did not bring, or brought older than listed.
fn missed_by_walk(
    stamps: &[super::model::OrderStamp],
    seen: &HashMap<i64, Option<Timestamp>>,
) -> Vec<i64> {
    let mut missed: Vec<i64> = stamps
        .iter()
        .filter(|s| match seen.get(&s.id) {
            None => true,
            Some(ours) => s.date_modified_gmt.as_deref().and_then(parse_gmt) > *ours,
        })
        .map(|s| s.id)
        .collect();
    missed.sort_unstable();
    missed.dedup();
    missed
}

/// Compares the site's orders created since `since` with ours and takes in every one we do
/// not have, or have older than the site: whatever a failed webhook, a lost page or a bug
/// left out. The poll cursor is not touched.
pub async fn reconcile(
    store: &Store,
    connection: &Connection,
    client: &WooClient,
    since: Timestamp,
    now: Timestamp,
    report: &mut SyncReport,
) -> Result<(), ChannelError> {
    let stamps = client.order_stamps(None, Some(since)).await?;
    let ours: HashMap<i64, (Option<Timestamp>, bool)> = store
        .channel_orders(connection.id)?
        .into_iter()
        .filter_map(|r| {
            let id = r.external_id.parse().ok()?;
            Some((id, (Some(r.remote_modified), r.order_id.is_some())))
        })
        .collect();
    let mut missing: Vec<i64> = stamps
        .iter()
        .filter(|s| match ours.get(&s.id) {
            None => true,
            // A problem row (no order) is tried again: the rules that refused it may have
            // changed, and a lost order is worse than a second try.
            Some((_, false)) => true,
            Some((modified, true)) => {
                s.date_modified_gmt.as_deref().and_then(parse_gmt) > *modified
            }
        })
        .map(|s| s.id)
        .collect();
    missing.sort_unstable();
    missing.dedup();
    if missing.is_empty() {
        return Ok(());
    }
    tracing::warn!(
        connection = %connection.id,
        missing = missing.len(),
        "reconciliation found orders missing or out of date"
    );
    let orders = client.orders_by_ids(&missing).await?;
    report.reconciled += i64::try_from(orders.len()).unwrap_or(i64::MAX);
    import_fetched(store, connection, &orders, now, report)
}

/// Records fetched orders (from a webhook delivery or a reconciliation) in one transaction.
/// The poll cursor stays where the poll left it: polling is the guarantee, and an order
/// that came while webhooks were off is still polled.
pub fn import_fetched(
    store: &Store,
    connection: &Connection,
    orders: &[WooOrder],
    now: Timestamp,
    report: &mut SyncReport,
) -> Result<(), ChannelError> {
    let catalog = page_catalog(store, orders, store.shop()?.vat)?;
    let counted = (report.imported, report.updated);
    let (items, followed) = prepare(connection, &catalog, orders, now);
    let outcomes = store.import_channel_orders(connection.id, items, now)?;
    follow(store, connection, &followed, &outcomes, now, report)?;
    let counts = (report.imported - counted.0, report.updated - counted.1);
    save_state(store, connection, None, counts, now)
}

/// Our products named by these orders' lines: a page needs a few hundred, not the whole
/// catalogue read again for every sync.
fn page_catalog(
    store: &Store,
    orders: &[WooOrder],
    vat: domain::VatRate,
) -> Result<Catalog, ChannelError> {
    let mut skus: Vec<String> = orders
        .iter()
        .flat_map(|o| &o.line_items)
        .filter_map(|l| l.sku.clone())
        .filter(|s| !s.is_empty())
        .collect();
    skus.sort_unstable();
    skus.dedup();
    Ok(Catalog::new(store.products_by_sku(skus)?, vat))
}

/// The orders as import items, and each one's external id, status and order as the site has
/// it, for [`follow`].
fn prepare(
    connection: &Connection,
    catalog: &Catalog,
    orders: &[WooOrder],
    now: Timestamp,
) -> (Vec<ImportItem>, Vec<Followed>) {
    let items: Vec<ImportItem> = orders
        .iter()
        .map(|o| to_import(connection, catalog, o, now))
        .collect();
    let followed = items
        .iter()
        .map(|i| Followed {
            external_id: i.external_id.clone(),
            status: i.remote_status.clone(),
            site: match &i.op {
                Ok(NewOp {
                    op:
                        Op::CreateOrder {
                            order,
                            channel: Some(terms),
                        },
                    ..
                }) => Some(SiteOrder {
                    order: (**order).clone(),
                    terms: (**terms).clone(),
                }),
                _ => None,
            },
        })
        .collect();
    (items, followed)
}

/// What [`follow`] needs of one imported order.
struct Followed {
    external_id: String,
    status: String,
    /// The order as the site has it, to bring its later changes here.
    site: Option<SiteOrder>,
}

/// Counts each outcome; a status the channel is master of moves our order, and what else
/// the site changed on an order we have comes in as ops by the channel.
fn follow(
    store: &Store,
    connection: &Connection,
    followed: &[Followed],
    outcomes: &[ImportOutcome],
    now: Timestamp,
    report: &mut SyncReport,
) -> Result<(), ChannelError> {
    for (f, outcome) in followed.iter().zip(outcomes) {
        match outcome {
            ImportOutcome::Created { order_id, stage } => {
                report.imported += 1;
                off_route(store, connection, &f.external_id, &f.status, stage)?;
                follow_channel(
                    store,
                    connection,
                    &f.external_id,
                    *order_id,
                    Some(stage),
                    &f.status,
                    now,
                    report,
                )?;
            }
            ImportOutcome::Known {
                order_id: Some(order_id),
                newer: true,
                changed,
                status,
                ..
            } => {
                report.updated += 1;
                if let Some(site) = &f.site {
                    follow_site(
                        store,
                        connection,
                        &f.external_id,
                        *order_id,
                        site,
                        now,
                        report,
                    )?;
                }
                if *changed {
                    follow_channel(
                        store,
                        connection,
                        &f.external_id,
                        *order_id,
                        None,
                        status,
                        now,
                        report,
                    )?;
                }
            }
            ImportOutcome::Known { .. } => report.unchanged += 1,
            ImportOutcome::Problem(_) => report.problems += 1,
        }
    }
    Ok(())
}

/// A new order whose status maps to a stage off its route (on hold, mapped to «Ожидание
/// оплаты», for cash on delivery) entered the route's first stage instead: said on the order,
/// not silently. A status the channel is master of is flagged by its refused move instead.
fn off_route(
    store: &Store,
    connection: &Connection,
    external_id: &str,
    status: &str,
    entered: &str,
) -> Result<(), ChannelError> {
    let Some(rule) = connection.status_map.rule_for_status(status) else {
        return Ok(());
    };
    if rule.stage_id == entered || rule.master == Master::Channel {
        return Ok(());
    }
    let workflow = store.workflow()?;
    let name = workflow
        .stage(&rule.stage_id)
        .map_or(rule.stage_id.as_str(), |s| s.name.as_str());
    store.add_channel_flag(
        connection.id,
        external_id.to_owned(),
        format!("off_route:{status}>{name}"),
    )?;
    Ok(())
}

/// Adds the counts to the connection's state; `done` (the poll's next cursor, after every
/// page is in) moves the cursor and the last sync time. Only the poll passes it.
fn save_state(
    store: &Store,
    connection: &Connection,
    done: Option<Option<Timestamp>>,
    (imported, updated): (i64, i64),
    now: Timestamp,
) -> Result<(), ChannelError> {
    store.update_channel_state(connection.id, move |s| {
        if let Some(cursor) = done {
            // Orders at or after the cursor are fetched again next time rather than missed;
            // re-importing them changes nothing.
            if let Some(cursor) = cursor {
                if s.orders_cursor.as_deref().and_then(parse_gmt) < Some(cursor) {
                    s.orders_cursor = Some(super::client::gmt(cursor));
                }
            }
            s.orders_synced_at = Some(now);
        }
        s.imported += imported;
        s.updated += updated;
    })?;
    Ok(())
}

/// Pushes each order's stage as the mapped site status where we are master — but only when
/// the site has not changed the status since we last read it.
pub async fn push_statuses(
    store: &Store,
    connection: &Connection,
    client: &WooClient,
    now: Timestamp,
    report: &mut SyncReport,
) -> Result<(), ChannelError> {
    // Only orders in a stage that maps to a site status we are master of can need a push,
    // and orders cancelled here: a cancellation the manager makes goes to the site even
    // where the site is master of its cancelled statuses (so that the site's own
    // cancellation moves ours).
    let workflow = store.workflow()?;
    let cancelled: Vec<String> = workflow
        .stages()
        .iter()
        .filter(|s| s.kind == StageKind::Cancelled)
        .map(|s| s.id.clone())
        .collect();
    let target_of = |stage: &str| -> Option<String> {
        if let Some(status) = connection.status_map.status_to_push(stage) {
            return Some(status.to_owned());
        }
        if !cancelled.iter().any(|c| c == stage) {
            return None;
        }
        let rules = || {
            connection
                .status_map
                .0
                .iter()
                .filter(|r| r.stage_id == stage)
        };
        rules()
            .find(|r| r.channel_status == "cancelled")
            .or_else(|| rules().next())
            .map(|r| r.channel_status.clone())
    };
    let mut stages: Vec<String> = connection
        .status_map
        .0
        .iter()
        .filter(|r| r.master == Master::Desk)
        .map(|r| r.stage_id.clone())
        .chain(cancelled.iter().cloned())
        .collect();
    stages.sort();
    stages.dedup();
    let rows = if stages.is_empty() {
        Vec::new()
    } else {
        store.channel_orders_in_stages(connection.id, stages)?
    };
    for row in rows {
        let Some(stage) = row.stage_id.as_deref() else {
            continue;
        };
        let Some(target) = target_of(stage) else {
            continue;
        };
        let target = target.as_str();
        if target == row.remote_status {
            continue;
        }
        let Ok(id) = row.external_id.parse::<i64>() else {
            continue;
        };
        // Only a move made here after the site's last change is pushed. An order that has
        // not moved since it came in sits where the import put it, which is the site's
        // business; one the channel itself moved follows the channel; one the site changed
        // after our move keeps the site's newer state.
        let Some(order_id) = row.order_id else {
            continue;
        };
        let Some(moved_at) = moved_here_at(store, connection, order_id)? else {
            continue;
        };
        // The site changed the status after our move, or the desk learnt of its change only
        // after the move (the import of this very exchange recorded a cancellation made
        // before the manager, not knowing, closed the order): the move was made on an older
        // status and is not pushed over the site's.
        if row.remote_modified > moved_at || row.status_seen_at.is_some_and(|seen| seen > moved_at)
        {
            store.add_channel_flag(
                connection.id,
                row.external_id.clone(),
                format!("stale_push_skipped:{target}<{}", row.remote_status),
            )?;
            report.stale_skipped += 1;
            continue;
        }
        let site = client.order(id).await?;
        let site_modified = site.date_modified_gmt.as_deref().and_then(parse_gmt);
        if site.status != row.remote_status
            && site_modified.is_some_and(|m| m > row.remote_modified)
        {
            // The site moved on since our last read: its status is newer than what we
            // would push over it. Take it in instead and flag the order.
            store.set_channel_remote(
                connection.id,
                row.external_id.clone(),
                site.status.clone(),
                site_modified.unwrap_or(now),
                false,
            )?;
            store.add_channel_flag(
                connection.id,
                row.external_id.clone(),
                format!("stale_push_skipped:{target}<{}", site.status),
            )?;
            report.stale_skipped += 1;
            if let Some(order_id) = row.order_id {
                follow_channel(
                    store,
                    connection,
                    &row.external_id,
                    order_id,
                    None,
                    &site.status,
                    now,
                    report,
                )?;
            }
            continue;
        }
        // The same keys just read the orders: a refusal says they are read-only.
        let updated = client
            .set_status(id, target)
            .await
            .map_err(ChannelError::on_write)?;
        let modified = updated
            .date_modified_gmt
            .as_deref()
            .and_then(parse_gmt)
            .unwrap_or(now);
        store.set_channel_remote(
            connection.id,
            row.external_id.clone(),
            updated.status,
            modified,
            true,
        )?;
        report.pushed += 1;
    }
    let pushed = report.pushed;
    store.update_channel_state(connection.id, move |s| s.pushed += pushed)?;
    Ok(())
}

/// Published versions of this connection's orders go to the customer as notes.
pub async fn publish_notes(
    store: &Store,
    connection: &Connection,
    client: &WooClient,
    now: Timestamp,
    report: &mut SyncReport,
) -> Result<(), ChannelError> {
    let events: Vec<_> = store
        .pending_channel_events()?
        .into_iter()
        .filter(|e| e.kind == "version_published")
        .collect();
    if events.is_empty() {
        // Nothing to publish: no need to read every order this connection knows.
        return Ok(());
    }
    let mine: HashMap<Uuid, String> = store
        .channel_orders(connection.id)?
        .into_iter()
        .filter_map(|r| Some((r.order_id?, r.external_id)))
        .collect();
    for event in events {
        let Some(external) = mine.get(&event.order_id) else {
            continue;
        };
        let Ok(id) = external.parse::<i64>() else {
            continue;
        };
        let note = crate::note::version_note(&event.payload)?;
        client
            .add_customer_note(id, &note)
            .await
            .map_err(ChannelError::on_write)?;
        store.mark_channel_event_delivered(event.id, now)?;
        report.notes += 1;
    }
    Ok(())
}

/// Stock as whole pieces; what a channel reports in pieces comes back as thousandths.
pub fn pieces(q: i64) -> Quantity {
    Quantity(q.saturating_mul(1000))
}

#[cfg(test)]
mod cursor_tests {
    use super::*;

    /// A site answering with an order changed at jiff's earliest time panicked the
    /// subtraction, and with it the desk's channel schedule.
    #[test]
    fn an_order_dated_at_the_earliest_time_does_not_stop_the_schedule() {
        assert_eq!(
            next_cursor(Some(Timestamp::MIN), None),
            Some(Timestamp::MIN)
        );
        let newest: Timestamp = "2026-12-06T09:30:00Z".parse().expect("newest");
        let started: Timestamp = "2026-12-06T09:00:00Z".parse().expect("started");
        assert_eq!(
            next_cursor(Some(newest), Some(started)),
            Some("2026-12-06T08:59:00Z".parse().expect("cursor"))
        );
        assert_eq!(next_cursor(None, Some(started)), None);
    }
}
