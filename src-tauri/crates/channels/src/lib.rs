//! OrderDesk's sales-channel connectors: WooCommerce (the shop's site), МойСклад (the back
//! office) and CommerceML 2 (1C). A [`Channels`] holds the store and the secret store; each
//! connection has its settings, its status map and its state in the database, its
//! credentials in the OS keyring.
//!
//! ```
//! use channels::{config::{Connection, Kind, Settings, StatusMap}, Channels, MemorySecrets,
//!     Credentials, Secret};
//! let dir = tempfile::tempdir()?;
//! let store = std::sync::Arc::new(store::Store::open(&dir.path().join("db.sqlite3"))?);
//! let channels = Channels::new(store, std::sync::Arc::new(MemorySecrets::default()));
//! let now = jiff::Timestamp::from_second(1_790_000_000)?;
//! let site = Connection {
//!     id: uuid::Uuid::now_v7(),
//!     kind: Kind::WooCommerce,
//!     name: "Сайт".into(),
//!     base_url: "http://shop.example".into(),
//!     settings: Settings::default(),
//!     status_map: StatusMap::woo_default(),
//! };
//! let creds = Credentials { key: "ck_1".into(), secret: Secret::new("cs_1") };
//! channels.add_connection(&site, &creds, now)?;
//! assert_eq!(channels.connections()?.len(), 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod admin;
pub mod channel_import;
pub mod cml;
pub mod config;
mod delivery;
mod error;
mod error_code;
// The fuzz targets' and the soak's entry points: off in the app, on for the tests and the
// benches that need them (see the `fuzzing` feature).
#[cfg(feature = "fuzzing")]
pub mod fuzzing;
pub mod http;
mod labels;
mod lenient;
mod market_import;
mod market_terms;
pub mod megamarket;
pub mod money;
pub mod moysklad;
mod note;
pub mod notify;
pub mod ozon;
mod paging;
pub mod phone;
pub mod public_net;
mod push_queue;
mod report;
mod secret_file;
mod secrets;
mod secure;
pub mod site_certificate;
pub(crate) mod sku_stock;
mod status;
pub mod tls;
pub mod woo;
pub mod yandex;

use std::collections::HashMap;
use std::sync::Arc;

use jiff::Timestamp;
use store::{ChannelStateRow, Store};
use uuid::Uuid;

pub use admin::{probe, scrub};
use config::{Connection, Kind, StatusMap};
pub use error::ChannelError;
pub use error_code::ErrorCode;
pub use paging::{Walk, MAX_PAGES};
pub use report::SyncReport;
pub use secret_file::FileSecrets;
pub use secrets::{Credentials, KeyringSecrets, MemorySecrets, Secret, SecretStore};

pub struct Channels {
    store: Arc<Store>,
    secrets: Arc<dyn SecretStore>,
    /// One run at a time per connection. The schedule, «Обменяться сейчас» (on the hub, from
    /// any team desk) and a marketplace's notification may ask together, and two runs working
    /// one queue would each make the same queued call.
    runs: std::sync::Mutex<HashMap<Uuid, Arc<tokio::sync::Mutex<()>>>>,
    /// On a shared hub: every connection's requests go only to public addresses.
    public_hosts_only: std::sync::atomic::AtomicBool,
    /// When each site connection was last reconciled against the site's own list (kept in
    /// memory: a restarted desk reconciles at its first run, which is what one wants).
    reconciled: std::sync::Mutex<HashMap<Uuid, Timestamp>>,
}

/// How often a site's orders of the last [`RECONCILE_DAYS`] are compared with ours.
const RECONCILE_EVERY: jiff::SignedDuration = jiff::SignedDuration::from_hours(1);
const RECONCILE_DAYS: i64 = 30;

/// Which jobs a sync runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Jobs {
    pub orders: bool,
    pub stock: bool,
}

impl Jobs {
    pub const ALL: Jobs = Jobs {
        orders: true,
        stock: true,
    };
}

impl Channels {
    pub fn new(store: Arc<Store>, secrets: Arc<dyn SecretStore>) -> Channels {
        Channels {
            store,
            secrets,
            runs: std::sync::Mutex::default(),
            reconciled: std::sync::Mutex::default(),
            public_hosts_only: std::sync::atomic::AtomicBool::new(false),
        }
    }

    /// A shared hub's worker: from now on no connection's request reaches a host that is or
    /// resolves to a private address, whatever it resolved to when it was added.
    pub fn refuse_private_addresses(&self, refuse: bool) {
        self.public_hosts_only
            .store(refuse, std::sync::atomic::Ordering::Relaxed);
    }

    /// Whether this is a shared hub's worker, which reaches only public addresses.
    pub fn refuses_private_addresses_now(&self) -> bool {
        self.public_hosts_only
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    fn runtime_settings(&self, mut connection: Connection) -> Connection {
        connection.settings.public_hosts_only = self
            .public_hosts_only
            .load(std::sync::atomic::Ordering::Relaxed);
        connection
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Saves the connection and its status map; credentials go to the secret store only.
    pub fn add_connection(
        &self,
        connection: &Connection,
        credentials: &Credentials,
        now: Timestamp,
    ) -> Result<(), ChannelError> {
        self.secrets.set(connection.id, credentials)?;
        self.save_connection(connection, now)
    }

    /// Saves settings and status map (credentials unchanged).
    pub fn save_connection(
        &self,
        connection: &Connection,
        now: Timestamp,
    ) -> Result<(), ChannelError> {
        let (row, map) = connection.to_rows(now)?;
        self.store.save_connection(row)?;
        self.store.set_status_map(connection.id, map)?;
        Ok(())
    }

    pub fn set_credentials(&self, id: Uuid, credentials: &Credentials) -> Result<(), ChannelError> {
        self.connection(id)?;
        self.secrets.set(id, credentials)
    }

    pub fn remove_connection(&self, id: Uuid) -> Result<(), ChannelError> {
        self.secrets.delete(id)?;
        self.store.delete_connection(id)?;
        Ok(())
    }

    pub fn set_status_map(&self, id: Uuid, map: StatusMap) -> Result<(), ChannelError> {
        let mut connection = self.connection(id)?;
        connection.status_map = map;
        let (_, rows) = connection.to_rows(Timestamp::UNIX_EPOCH)?;
        self.store.set_status_map(id, rows)?;
        Ok(())
    }

    /// The connection a receiver's URL names (`id` as the URL has it), when it is one of
    /// `kind`. `Ok(None)`: no such connection of that kind, the sender's mistake (404).
    /// `Err`: it could not be read (the database, the keyring), logged here; the sender
    /// should come again (503), as a 404 would tell it the connection is gone for good.
    pub fn receiving(&self, id: &str, kind: Kind) -> Result<Option<Connection>, ChannelError> {
        let Ok(id) = Uuid::parse_str(id) else {
            return Ok(None);
        };
        match self.connection(id) {
            Ok(c) => Ok(Some(c).filter(|c| c.kind == kind)),
            Err(ChannelError::UnknownConnection(_)) => Ok(None),
            Err(err) => {
                tracing::warn!(connection = %id, %err, "a receiver could not read its connection");
                Err(err)
            }
        }
    }

    pub fn connection(&self, id: Uuid) -> Result<Connection, ChannelError> {
        let row = self
            .store
            .connection(id)?
            .ok_or(ChannelError::UnknownConnection(id))?;
        Connection::from_rows(row, self.store.status_map(id)?).map(|c| self.runtime_settings(c))
    }

    pub fn connections(&self) -> Result<Vec<Connection>, ChannelError> {
        self.store
            .connections()?
            .into_iter()
            .map(|row| {
                let map = self.store.status_map(row.id)?;
                Connection::from_rows(row, map).map(|c| self.runtime_settings(c))
            })
            .collect()
    }

    /// The marketplace actions queued for a connection: pending, done, failed (kept for the
    /// admin) and stopped.
    pub fn pushes(&self, id: Uuid) -> Result<Vec<store::PushRow>, ChannelError> {
        Ok(self.store.pushes(id)?)
    }

    pub fn state(&self, id: Uuid) -> Result<ChannelStateRow, ChannelError> {
        Ok(self.store.channel_state(id)?)
    }

    pub(crate) fn credentials(&self, id: Uuid) -> Result<Credentials, ChannelError> {
        self.secrets.get(id)?.ok_or(ChannelError::NoCredentials)
    }

    /// Clears a pause after the admin fixed the keys.
    pub fn resume(&self, id: Uuid) -> Result<(), ChannelError> {
        self.store.update_channel_state(id, |s| {
            s.paused_reason = None;
            s.paused_code = None;
            s.paused_params = None;
        })?;
        Ok(())
    }

    fn reconcile_due(&self, id: Uuid, now: Timestamp) -> bool {
        self.reconciled
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(&id)
            .is_none_or(|last| now.duration_since(*last) >= RECONCILE_EVERY)
    }

    /// "Sync now": runs the chosen jobs for one connection whatever the schedule says.
    /// The outcome (counts, last error, a pause on refused keys) is saved in the
    /// connection's state either way.
    pub async fn sync_now(
        &self,
        id: Uuid,
        jobs: Jobs,
        now: Timestamp,
    ) -> Result<SyncReport, ChannelError> {
        let lane = Arc::clone(
            self.runs
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .entry(id)
                .or_default(),
        );
        // A run already under way finishes first; this one then finds its work done.
        let _running = lane.lock().await;
        let connection = self.connection(id)?;
        let state = self.store.channel_state(id)?;
        if let Some(reason) = state.paused_reason {
            return Err(ChannelError::Paused(reason));
        }
        let mut report = SyncReport::default();
        let result = self.run(&connection, jobs, now, &mut report).await;
        let failure = result
            .as_ref()
            .err()
            .map(|e| (e.to_string(), e.code(), e.pauses_connection()));
        // A marketplace action that will not heal stays the connection's error after
        // later syncs succeed, until the admin deals with it.
        let failed_push = self
            .store
            .pushes(id)?
            .into_iter()
            .rfind(|p| p.state == store::PushState::Failed)
            .map(|p| {
                let detail = p.last_error.unwrap_or_default();
                let code = ErrorCode::push_failed(&p.external_id, &p.stage_id, &detail);
                (format!("{} {}: {detail}", p.external_id, p.stage_id), code)
            });
        self.store
            .update_channel_state(id, move |s| match failure {
                None => {
                    let code = failed_push.as_ref().map(|(_, code)| code);
                    s.last_error_code = code.map(|c| c.code.to_owned());
                    s.last_error_params = code.map(ErrorCode::params_json);
                    s.last_error = failed_push.map(|(message, _)| message);
                }
                Some((message, code, pause)) => {
                    s.failures += 1;
                    s.last_error_at = Some(now);
                    if pause {
                        s.paused_reason = Some(message.clone());
                        s.paused_code = Some(code.code.to_owned());
                        s.paused_params = Some(code.params_json());
                    }
                    s.last_error = Some(message);
                    s.last_error_code = Some(code.code.to_owned());
                    s.last_error_params = Some(code.params_json());
                }
            })?;
        result.map(|()| report)
    }

    /// The scheduler's tick: every connection whose orders or stock are due.
    pub async fn run_due(&self, now: Timestamp) -> Vec<(Uuid, Result<SyncReport, ChannelError>)> {
        let mut out = Vec::new();
        let Ok(connections) = self.connections() else {
            return out;
        };
        for c in connections {
            let Ok(state) = self.store.channel_state(c.id) else {
                continue;
            };
            if state.paused_reason.is_some() {
                continue;
            }
            let jobs = Jobs {
                orders: c.settings.schedule.orders_due(state.orders_synced_at, now),
                stock: c.settings.schedule.stock_due(state.stock_synced_at, now),
            };
            if jobs.orders || jobs.stock {
                out.push((c.id, self.sync_now(c.id, jobs, now).await));
            }
        }
        out
    }

    async fn run(
        &self,
        connection: &Connection,
        jobs: Jobs,
        now: Timestamp,
        report: &mut SyncReport,
    ) -> Result<(), ChannelError> {
        let credentials = self.credentials(connection.id)?;
        match connection.kind {
            Kind::WooCommerce => {
                let client =
                    woo::WooClient::new(&connection.base_url, credentials, &connection.settings)?;
                let store = &*self.store;
                if jobs.stock {
                    // Before the orders: their lines then link to the products.
                    woo::catalog::pull_catalog(store, &client, now, report).await?;
                }
                if jobs.orders {
                    let whole =
                        woo::sync::import_orders(store, connection, &client, now, report).await?;
                    // A walk of the whole site (a first sync) has just compared every order:
                    // a reconciliation now would list them all again to find nothing. It
                    // counts as one.
                    if !whole && self.reconcile_due(connection.id, now) {
                        let since = now - jiff::SignedDuration::from_hours(24 * RECONCILE_DAYS);
                        woo::sync::reconcile(store, connection, &client, since, now, report)
                            .await?;
                    }
                    if whole || self.reconcile_due(connection.id, now) {
                        self.reconciled
                            .lock()
                            .unwrap_or_else(std::sync::PoisonError::into_inner)
                            .insert(connection.id, now);
                    }
                    woo::sync::push_statuses(store, connection, &client, now, report).await?;
                    woo::sync::publish_notes(store, connection, &client, now, report).await?;
                }
                if jobs.stock {
                    woo::sync::push_stock(store, connection, &client, now, report).await?;
                }
                Ok(())
            }
            Kind::MoySklad => {
                moysklad::sync::run(&self.store, connection, credentials, jobs, now, report)
                    .await?;
                // Stock that came in from the back office goes on to the site at once.
                let target = connection
                    .settings
                    .moysklad
                    .as_ref()
                    .and_then(|m| m.stock_to);
                if let (true, Some(site)) = (jobs.stock, target) {
                    let site = self.connection(site)?;
                    let client = woo::WooClient::new(
                        &site.base_url,
                        self.credentials(site.id)?,
                        &site.settings,
                    )?;
                    woo::sync::push_stock(&self.store, &site, &client, now, report).await?;
                }
                Ok(())
            }
            Kind::Ozon => {
                let client =
                    ozon::OzonClient::new(&connection.base_url, credentials, &connection.settings)?;
                let mut endless = None;
                if jobs.orders {
                    endless =
                        ozon::sync::run(&self.store, connection, &client, now, report).await?;
                }
                if jobs.stock {
                    ozon::stock::push_stock(&self.store, connection, &client, now, report).await?;
                }
                endless.map_or(Ok(()), Err)
            }
            Kind::YandexMarket => {
                let client = yandex::YandexClient::new(
                    &connection.base_url,
                    credentials,
                    &connection.settings,
                )?;
                let mut endless = None;
                if jobs.orders {
                    endless =
                        yandex::sync::run(&self.store, connection, &client, now, report).await?;
                }
                if jobs.stock {
                    yandex::stock::push_stock(&self.store, connection, &client, now, report)
                        .await?;
                }
                endless.map_or(Ok(()), Err)
            }
            Kind::MegaMarket => {
                let client = megamarket::MegaMarketClient::new(
                    &connection.base_url,
                    &credentials,
                    &connection.settings,
                )?;
                if jobs.orders {
                    megamarket::sync::run(&self.store, connection, &client, now, report).await?;
                }
                if jobs.stock {
                    megamarket::stock::push_stock(&self.store, connection, &client, now, report)
                        .await?;
                }
                Ok(())
            }
            // 1C calls us: its side runs in the exchange handler, not on a schedule.
            Kind::CommerceMl => Ok(()),
        }
    }
}
