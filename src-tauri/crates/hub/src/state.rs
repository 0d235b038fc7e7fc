//! What every request handler shares: the pools, the budgets, the shops' settings and the
//! heads waiting pulls watch. Its own module so that the server, the gate and the
//! extensions all use it without importing one another.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use deadpool_postgres::Pool;
use domain::Shop;
use tokio::sync::watch;
use uuid::Uuid;

use crate::limits::RateLimit;
use crate::order_locks::OrderLocks;
use crate::sequencer::Sequencer;
use crate::HubError;

/// The budgets charged before a request is believed.
pub(crate) struct Budgets {
    pub(crate) by_address: crate::limits::RateLimit<IpAddr>,
    /// Keyed by the token's hash: one device's budget, also for a token that turns out not
    /// to exist (those are braked by the address budget first).
    pub(crate) by_token: crate::limits::RateLimit<[u8; 32]>,
    pub(crate) request_timeout: Duration,
}

/// The header every request names its protocol version in.
pub const PROTOCOL_HEADER: &str = "orderdesk-protocol";

pub(crate) struct AppState {
    pub(crate) pool: Pool,
    /// Order ops are judged here: asynchronous commits (see `db::ops_pool`).
    pub(crate) ops_pool: Pool,
    pub(crate) order_locks: OrderLocks,
    /// Per source address and per token, charged before a `/v1` request is believed.
    pub(crate) budgets: Budgets,
    /// Per hook connection, charged once the connection is found: junk sent to made-up
    /// connection ids never spends a real connection's budget.
    pub(crate) hook_limit: RateLimit<Uuid>,
    pub(crate) shops: Mutex<HashMap<Uuid, Arc<Shop>>>,
    /// The latest committed seq per shop; waiting pulls watch it. One hub process per
    /// database: several hubs behind a balancer would need PostgreSQL LISTEN/NOTIFY here.
    pub(crate) heads: Arc<Mutex<HashMap<Uuid, watch::Sender<i64>>>>,
    pub(crate) sequencer: Arc<Sequencer>,
}

impl AppState {
    pub(crate) fn head(&self, shop: Uuid) -> watch::Receiver<i64> {
        let mut heads = self.heads.lock().unwrap_or_else(PoisonError::into_inner);
        heads
            .entry(shop)
            .or_insert_with(|| watch::channel(0).0)
            .subscribe()
    }

    pub(crate) async fn shop(&self, id: Uuid) -> Result<Arc<Shop>, HubError> {
        if let Some(shop) = self
            .shops
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&id)
        {
            return Ok(shop.clone());
        }
        let row = self
            .pool
            .get()
            .await?
            .query_one(
                "SELECT s.settings, ss.workflow FROM shops s \
                 LEFT JOIN shop_settings ss ON ss.shop_id = s.id WHERE s.id = $1",
                &[&id],
            )
            .await?;
        let corrupt = |e: serde_json::Error| HubError::Corrupt(e.to_string());
        let mut shop: Shop = serde_json::from_value(row.try_get(0)?).map_err(corrupt)?;
        // An administrator's edits (shop ops) replace the template the shop was made with.
        if let Some(workflow) = row.try_get::<_, Option<serde_json::Value>>(1)? {
            shop.workflow = serde_json::from_value(workflow).map_err(corrupt)?;
        }
        let shop = Arc::new(shop);
        self.shops
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(id, shop.clone());
        Ok(shop)
    }

    /// The shop's settings changed (a shop op): the next order op reads them afresh.
    pub(crate) fn forget_shop(&self, id: Uuid) {
        self.shops
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(&id);
    }
}

/// Tells pulls waiting on `shop` that its history reached `seq`.
pub(crate) fn wake(heads: &Mutex<HashMap<Uuid, watch::Sender<i64>>>, shop: Uuid, seq: i64) {
    let heads = heads.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(tx) = heads.get(&shop) {
        tx.send_if_modified(|head| {
            let newer = seq > *head;
            *head = (*head).max(seq);
            newer
        });
    }
}
