//! One МойСклад connection's jobs: confirmed orders out as customer orders, states both ways
//! through the status map, stock by store into our products.

use std::collections::HashMap;

use domain::Quantity;
use jiff::{SignedDuration, Timestamp};
use store::Store;

use super::client::{moscow, parse_moscow, quantity_number, MoySkladClient};
use super::model::{CustomerOrder, Meta, NewCounterparty, NewCustomerOrder, Position, Ref, State};
use crate::config::{Connection, MoySkladSettings};
use crate::report::SyncReport;
use crate::status::{follow_channel, moved_here_at};
use crate::{money, ChannelError, Credentials, Jobs};

/// Orders pushed per run: a backlog drains over a few runs instead of one long burst
/// against the 45-requests-per-3-seconds limit.
const ORDERS_PER_RUN: u32 = 200;

pub async fn run(
    store: &Store,
    connection: &Connection,
    credentials: Credentials,
    jobs: Jobs,
    now: Timestamp,
    report: &mut SyncReport,
) -> Result<(), ChannelError> {
    let settings = connection
        .settings
        .moysklad
        .as_ref()
        .ok_or_else(|| ChannelError::Config("МойСклад: no organisation chosen".into()))?;
    let client = MoySkladClient::new(&connection.base_url, credentials, &connection.settings)?;
    if jobs.orders {
        let states = client.order_states().await?.states;
        push_orders(store, connection, settings, &client, &states, now, report).await?;
        sync_states(store, connection, &client, &states, now, report).await?;
    }
    if jobs.stock {
        pull_stock(store, connection, settings, &client, now, report).await?;
    }
    Ok(())
}

fn state_ref(states: &[State], name: &str) -> Option<Ref> {
    states.iter().find(|s| s.name == name).map(|s| Ref {
        meta: s.meta.clone(),
    })
}

fn state_name<'a>(states: &'a [State], state: Option<&Ref>) -> Option<&'a str> {
    let href = &state?.meta.href;
    states
        .iter()
        .find(|s| &s.meta.href == href)
        .map(|s| s.name.as_str())
}

async fn push_orders(
    store: &Store,
    connection: &Connection,
    settings: &MoySkladSettings,
    client: &MoySkladClient,
    states: &[State],
    now: Timestamp,
    report: &mut SyncReport,
) -> Result<(), ChannelError> {
    let pending = store.unlinked_confirmed_orders(connection.id, ORDERS_PER_RUN)?;
    if pending.is_empty() {
        return Ok(());
    }
    let mut by_article: HashMap<String, Meta> = HashMap::new();
    for p in client.products().await? {
        for key in [p.article.clone(), p.code.clone(), p.external_code.clone()]
            .into_iter()
            .flatten()
        {
            by_article.entry(key).or_insert_with(|| p.meta.clone());
        }
    }
    let organization = Ref {
        meta: Meta::new(&settings.organization_href, "organization"),
    };
    let store_ref = settings.store_href.as_ref().map(|h| Ref {
        meta: Meta::new(h, "store"),
    });
    for order_id in pending {
        let order = store.order(order_id)?;
        let code = order.id.to_string();
        if let Some(existing) = client.order_by_external_code(&code).await? {
            link(store, connection, &existing, order_id, states, now)?;
            continue;
        }
        let agent = match client.counterparty_by_phone(&order.customer.phone).await? {
            Some(c) if !order.customer.phone.is_empty() => c,
            _ => {
                client
                    .create_counterparty(&NewCounterparty {
                        name: order.customer.name.clone(),
                        phone: order.customer.phone.clone(),
                        email: order.customer.email.clone(),
                    })
                    .await?
            }
        };
        let mut missing = Vec::new();
        let positions = order
            .lines
            .iter()
            .filter_map(|l| match by_article.get(&l.sku) {
                Some(meta) => Some(Position {
                    quantity: quantity_number(l.quantity),
                    price: l.price.0,
                    assortment: Ref { meta: meta.clone() },
                }),
                None => {
                    missing.push(l.sku.clone());
                    None
                }
            })
            .collect();
        let wanted = connection.status_map.status_to_push(&order.stage.stage_id);
        let created = client
            .create_order(&NewCustomerOrder {
                name: order.number.to_string(),
                external_code: code,
                organization: organization.clone(),
                agent: Ref { meta: agent.meta },
                store: store_ref.clone(),
                state: wanted.and_then(|w| state_ref(states, w)),
                positions,
                shipment_address: order.address.clone(),
                description: order.comment.clone().unwrap_or_default(),
            })
            .await?;
        link(store, connection, &created, order_id, states, now)?;
        for sku in missing {
            flag(
                store,
                connection,
                &created.id,
                format!("unknown_article:{sku}"),
            )?;
        }
        report.pushed += 1;
    }
    Ok(())
}

/// Marks the МойСклад order `external_id` with `flag`, for the connection's state to show.
fn flag(
    store: &Store,
    connection: &Connection,
    external_id: &str,
    flag: String,
) -> Result<(), ChannelError> {
    store.add_channel_flag(connection.id, external_id.to_owned(), flag)?;
    Ok(())
}

/// When МойСклад last changed `order`; `now` where it does not say.
fn changed_at(order: &CustomerOrder, now: Timestamp) -> Timestamp {
    order
        .updated
        .as_deref()
        .and_then(parse_moscow)
        .unwrap_or(now)
}

/// Links our order to its МойСклад order (found or just made) with the state it is in there.
fn link(
    store: &Store,
    connection: &Connection,
    remote: &CustomerOrder,
    order_id: uuid::Uuid,
    states: &[State],
    now: Timestamp,
) -> Result<(), ChannelError> {
    let status = state_name(states, remote.state.as_ref()).unwrap_or("");
    store.link_channel_order(
        connection.id,
        remote.id.clone(),
        order_id,
        status.into(),
        changed_at(remote, now),
        now,
    )?;
    Ok(())
}

/// States changed in МойСклад come in (moving our orders where it is master); our stages go
/// out where we are master, unless МойСклад changed the state since we last read it.
async fn sync_states(
    store: &Store,
    connection: &Connection,
    client: &MoySkladClient,
    states: &[State],
    now: Timestamp,
    report: &mut SyncReport,
) -> Result<(), ChannelError> {
    let rows = store.channel_orders(connection.id)?;
    if rows.is_empty() {
        return Ok(());
    }
    for row in rows {
        let (Some(order_id), Some(stage)) = (row.order_id, row.stage_id.as_deref()) else {
            continue;
        };
        let remote = client.customer_order(&row.external_id).await?;
        let status = state_name(states, remote.state.as_ref())
            .unwrap_or("")
            .to_owned();
        let modified = changed_at(&remote, now);
        let changed_there = status != row.remote_status && modified > row.remote_modified;
        if changed_there {
            store.set_channel_remote(
                connection.id,
                row.external_id.clone(),
                status.clone(),
                modified,
                false,
            )?;
            report.updated += 1;
            follow_channel(
                store,
                connection,
                &row.external_id,
                order_id,
                Some(stage),
                &status,
                now,
                report,
            )?;
            continue;
        }
        let Some(target) = connection.status_map.status_to_push(stage) else {
            continue;
        };
        if target == status {
            continue;
        }
        // Only a move made here after МойСклад's last change goes out: one it changed since
        // (to a state we are master of, which does not move our order) keeps its newer state.
        let Some(moved_at) = moved_here_at(store, connection, order_id)? else {
            continue;
        };
        if modified > moved_at {
            flag(
                store,
                connection,
                &row.external_id,
                format!("stale_push_skipped:{target}<{status}"),
            )?;
            report.stale_skipped += 1;
            continue;
        }
        let Some(state) = state_ref(states, target) else {
            flag(
                store,
                connection,
                &row.external_id,
                format!("no_state:{target}"),
            )?;
            continue;
        };
        let updated = client.set_order_state(&row.external_id, &state).await?;
        store.set_channel_remote(
            connection.id,
            row.external_id.clone(),
            target.to_owned(),
            changed_at(&updated, now),
            true,
        )?;
        report.pushed += 1;
    }
    Ok(())
}

/// Stock by store since the last pull, summed over the connection's store (or all stores),
/// into our products by article.
async fn pull_stock(
    store: &Store,
    connection: &Connection,
    settings: &MoySkladSettings,
    client: &MoySkladClient,
    now: Timestamp,
    report: &mut SyncReport,
) -> Result<(), ChannelError> {
    let since = store
        .channel_state(connection.id)?
        .stock_cursor
        .as_deref()
        .and_then(parse_moscow);
    let (rows, read_at) = client.stock_by_store(since).await?;
    if !rows.is_empty() {
        let wanted_store = settings
            .store_href
            .as_deref()
            .and_then(|h| h.rsplit('/').next())
            .map(str::to_owned);
        let articles: HashMap<String, String> = client
            .products()
            .await?
            .into_iter()
            .filter_map(|p| Some((p.id, p.article.or(p.code)?)))
            .collect();
        let mut totals: HashMap<String, Quantity> = HashMap::new();
        for row in rows {
            if wanted_store.as_ref().is_some_and(|s| *s != row.store_id) {
                continue;
            }
            let Some(article) = articles.get(&row.assortment_id) else {
                report.stock_missing += 1;
                continue;
            };
            let q = money::quantity_json(&row.stock).ok_or_else(|| {
                ChannelError::malformed("stock by store", format!("stock {}", row.stock))
            })?;
            let t = totals.entry(article.clone()).or_insert(Quantity(0));
            t.0 += q.0;
        }
        report.stock_pulled += totals.len() as u64;
        let unknown = store.set_stock(totals.into_iter().collect(), now)?;
        report.stock_missing += unknown.len() as u64;
    }
    // From МойСклад's clock when it answered, so a change it stamps after this read is
    // after the cursor however far our clock runs ahead; a minute of overlap for changes
    // that were being saved as it answered. Without a `Date` header, ours is all there is.
    let cursor = moscow(read_at.unwrap_or(now) - SignedDuration::from_secs(60));
    store.update_channel_state(connection.id, move |s| {
        s.stock_cursor = Some(cursor);
        s.stock_synced_at = Some(now);
    })?;
    Ok(())
}
