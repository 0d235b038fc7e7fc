//! Connectors on the hub: for every shop with `orderdesk-hub connector enable`, a worker —
//! a headless desk (the `desk` crate, one SQLite file per shop under the hub's data
//! directory) that is a device of that shop, syncs with this hub through the same sync
//! client as any PC, and runs the shop's channel schedules. The hub mounts its webhook,
//! 1C and notification routers under `/hooks/{shop}/…` and serves its state and admin to
//! the team's desks under `/v1/channels`. One worker per shop, so the site and the
//! marketplaces hear from one place, never from every PC.
//!
//! The hub itself (crate `hub`) knows nothing of desks: [`Connectors`] plugs in through its
//! [`hub::extension::Extension`], and this crate builds the `orderdesk-hub` binary.

pub mod admin;
mod api;
mod hooks;
pub mod own_tls;
mod public_url;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, PoisonError, RwLock};
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::Router;
use channels::notify::Kick;
use channels::SecretStore;
use deadpool_postgres::Pool;
use desk::Desk;
use hub::extension::{Extension, HookGuard};
use hub::{Config, Hub, HubError};
use tokio::task::JoinHandle;
use uuid::Uuid;

/// The shops' connector workers of one hub process, as the hub's [`Extension`].
#[derive(Clone)]
pub struct Connectors(Arc<Shared>);

pub(crate) struct Shared {
    pub(crate) workers: Arc<Workers>,
    data_dir: PathBuf,
    tick: Duration,
    /// See `Config::allow_private_channel_hosts`.
    pub(crate) allow_private_channel_hosts: bool,
}

impl Connectors {
    pub fn new(config: &Config) -> Connectors {
        Connectors(Arc::new(Shared {
            workers: Arc::default(),
            data_dir: config.data_dir.clone(),
            // A second to a day: tokio's interval adds the period to an Instant, which
            // panics for a period near u64::MAX seconds (a typo in hub.toml).
            tick: Duration::from_secs(config.connector_tick_s.clamp(1, 86_400)),
            allow_private_channel_hosts: config.allow_private_channel_hosts,
        }))
    }

    /// How many shops' workers are running (they start in the background).
    pub fn running(&self) -> usize {
        self.0.workers.count()
    }
}

impl Extension for Connectors {
    fn member_routes(&self) -> Router {
        api::routes(self.0.clone())
    }

    fn public_routes(&self, guard: HookGuard) -> Router {
        hooks::routes(self.0.clone(), guard)
    }

    fn start(&self, pool: Pool, own: SocketAddr) {
        let s = &self.0;
        start_all(
            pool,
            s.data_dir.clone(),
            s.tick,
            own,
            s.workers.clone(),
            s.allow_private_channel_hosts,
        );
    }

    fn stop(&self) {
        self.0.workers.stop();
    }
}

/// A hub serving with its connector workers: what `orderdesk-hub serve` runs.
pub struct ConnectorHub {
    pub hub: Hub,
    pub connectors: Connectors,
}

impl ConnectorHub {
    /// Migrates the database, serves on `config.listen` and starts the enabled shops'
    /// workers once it serves.
    pub async fn start(config: &Config) -> Result<ConnectorHub, HubError> {
        let connectors = Connectors::new(config);
        let hub = Hub::start_with(config, Arc::new(connectors.clone())).await?;
        Ok(ConnectorHub { hub, connectors })
    }

    pub fn url(&self) -> String {
        self.hub.url()
    }

    /// How many shops' connector workers are running (they start in the background).
    pub fn connector_workers(&self) -> usize {
        self.connectors.running()
    }

    pub async fn stop(self) {
        self.hub.stop().await;
    }

    pub async fn wait(self) {
        self.hub.wait().await;
    }
}

/// One shop's connectors.
pub(crate) struct Worker {
    pub(crate) desk: Arc<Desk>,
    /// Woo webhook, 1C exchange, marketplace notifications: paths relative to
    /// `/hooks/{shop}`.
    pub(crate) hooks: Router,
    /// Its schedule; aborted when the shop's connectors are disabled or the hub stops.
    schedule: std::sync::Mutex<Option<JoinHandle<()>>>,
    /// Runs a connection's orders job on the schedule now (a notification, a retried push).
    pub(crate) kick: Kick,
}

impl Worker {
    fn stop(&self) {
        if let Some(task) = self
            .schedule
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
        {
            task.abort();
        }
        self.desk.stop_sync();
    }
}

/// The running workers by shop.
#[derive(Default)]
pub(crate) struct Workers {
    by_shop: RwLock<HashMap<Uuid, Arc<Worker>>>,
    tasks: std::sync::Mutex<Vec<JoinHandle<()>>>,
}

impl Workers {
    pub(crate) fn get(&self, shop: Uuid) -> Option<Arc<Worker>> {
        self.by_shop
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&shop)
            .cloned()
    }

    pub(crate) fn count(&self) -> usize {
        self.by_shop
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }

    /// Stops the schedules and the workers' syncs (the hub is stopping).
    pub(crate) fn stop(&self) {
        for task in self
            .tasks
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .drain(..)
        {
            task.abort();
        }
        let workers: Vec<_> = self
            .by_shop
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .drain()
            .collect();
        for (_, worker) in workers {
            worker.stop();
        }
    }
}

/// How a worker finds its hub: this process, on loopback when it listens everywhere.
fn own_url(addr: SocketAddr) -> String {
    let ip = if addr.ip().is_unspecified() {
        if addr.is_ipv4() {
            "127.0.0.1".to_owned()
        } else {
            "[::1]".to_owned()
        }
    } else if addr.is_ipv6() {
        format!("[{}]", addr.ip())
    } else {
        addr.ip().to_string()
    };
    format!("http://{ip}:{}", addr.port())
}

/// How often the list of enabled shops is read again, so `connector enable` and `disable`
/// take effect without restarting the hub.
const REFRESH: Duration = Duration::from_secs(30);

/// Starts a worker for every shop whose connectors are enabled here, in the background (each
/// signs in to this hub, which must already be serving), and keeps the set in step with
/// `connector enable|disable`. A shop whose worker cannot start is logged and tried again at
/// the next refresh; the others run.
fn start_all(
    pool: Pool,
    data_dir: PathBuf,
    tick: Duration,
    addr: SocketAddr,
    workers: Arc<Workers>,
    allow_private: bool,
) {
    let registry = workers.clone();
    let task = tokio::spawn(async move {
        loop {
            refresh(&pool, &data_dir, tick, addr, &registry, allow_private).await;
            tokio::time::sleep(tick.min(REFRESH)).await;
        }
    });
    workers
        .tasks
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(task);
}

async fn refresh(
    pool: &Pool,
    data_dir: &std::path::Path,
    tick: Duration,
    addr: SocketAddr,
    workers: &Arc<Workers>,
    allow_private: bool,
) {
    let enabled = match admin::list(pool).await {
        Ok(shops) => shops,
        Err(e) => {
            tracing::error!(error = %e, "the list of connector workers is unreadable");
            return;
        }
    };
    // Disabled since: stop at once, so the channels never hear from two places.
    let gone: Vec<Uuid> = workers
        .by_shop
        .read()
        .unwrap_or_else(PoisonError::into_inner)
        .keys()
        .filter(|shop| !enabled.iter().any(|(s, _)| s == *shop))
        .copied()
        .collect();
    for shop in gone {
        let worker = workers
            .by_shop
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(&shop);
        if let Some(worker) = worker {
            let _ = tokio::task::spawn_blocking(move || worker.stop()).await;
            tracing::info!(%shop, "connector worker stopped");
        }
    }
    for (shop, device) in enabled {
        if workers.get(shop).is_some() {
            continue;
        }
        match start(data_dir, shop, device, addr, tick, workers, allow_private).await {
            Ok(()) => tracing::info!(%shop, "connector worker started"),
            Err(e) => tracing::error!(%shop, error = %e, "connector worker not started"),
        }
    }
}

async fn start(
    data_dir: &std::path::Path,
    shop: Uuid,
    device: Uuid,
    addr: SocketAddr,
    tick: Duration,
    workers: &Arc<Workers>,
    allow_private: bool,
) -> Result<(), HubError> {
    let dir = admin::shop_dir(data_dir, shop);
    let secrets = Arc::new(admin::secrets(data_dir, shop));
    let token = secrets
        .get(device)
        .map_err(admin::secret_error)?
        .ok_or_else(|| HubError::Admin("no worker token in the shop's secret file".into()))?
        .secret;
    let url = own_url(addr);
    let opened = tokio::task::spawn_blocking(move || {
        let desk = Desk::open_headless(&dir, jiff::Timestamp::now(), secrets)?;
        desk.connect_headless(&url, token.expose())?;
        Ok::<_, desk::DeskError>(desk)
    })
    .await
    .map_err(|e| HubError::Admin(format!("worker start: {e}")))?
    .map_err(|e| HubError::Admin(format!("worker start: {e}")))?;
    let desk = Arc::new(opened);
    let kicks = Arc::new(Kicks::default());
    let kicked = kicks.clone();
    let kick: Kick = Arc::new(move |connection| kicked.kick(connection));
    let runner = desk.channel_runner();
    // Checked at «Добавить»; kept true at every request (a name may resolve elsewhere later).
    runner.refuse_private_addresses(!allow_private);
    // The outer handler limits each body by its kind; inside, nothing limits again.
    let hooks = channels::woo::webhook::router(runner.clone())
        .merge(channels::cml::exchange::router(runner.clone()))
        .merge(channels::megamarket::receiver::router(
            runner.clone(),
            kick.clone(),
        ))
        .merge(channels::notify::router(runner, kick.clone()))
        .layer(DefaultBodyLimit::disable());
    let task = tokio::spawn(schedule(desk.clone(), tick, kicks));
    let worker = Arc::new(Worker {
        desk,
        hooks,
        schedule: std::sync::Mutex::new(Some(task)),
        kick,
    });
    workers
        .by_shop
        .write()
        .unwrap_or_else(PoisonError::into_inner)
        .insert(shop, worker);
    Ok(())
}

/// The worker's clock: every `tick` whatever is due (orders every 5 minutes, stock hourly by
/// default, per connection), and at once a connection a marketplace notified us about.
async fn schedule(desk: Arc<Desk>, tick: Duration, kicks: Arc<Kicks>) {
    let mut timer = tokio::time::interval(tick);
    timer.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = timer.tick() => {
                let ran = desk.run_due_channels(jiff::Timestamp::now()).await;
                if ran > 0 {
                    tracing::info!(connections = ran, "channel exchange ran");
                }
            }
            () = kicks.wake.notified() => {
                for connection in kicks.take() {
                    if let Err(e) = desk.pull_orders_now(connection, jiff::Timestamp::now()).await {
                        tracing::warn!(%connection, error = %e, "pull after a notification failed");
                    }
                }
            }
        }
    }
}

/// Notifications waiting for a pull, at most one per connection: a marketplace that sends a
/// thousand notifications in a burst costs one pull (two if more come while it runs), not a
/// thousand queued ones.
#[derive(Default)]
pub(crate) struct Kicks {
    pending: std::sync::Mutex<std::collections::BTreeSet<Uuid>>,
    wake: tokio::sync::Notify,
}

impl Kicks {
    pub(crate) fn kick(&self, connection: Uuid) {
        let added = self
            .pending
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(connection);
        if added {
            // Kept as a permit when the schedule is busy: no notification is lost.
            self.wake.notify_one();
        }
    }

    /// The connections to pull now; a notification after this asks for one more pull.
    pub(crate) fn take(&self) -> Vec<Uuid> {
        std::mem::take(&mut *self.pending.lock().unwrap_or_else(PoisonError::into_inner))
            .into_iter()
            .collect()
    }
}

#[cfg(test)]
mod kick_tests {
    use super::*;

    #[test]
    fn a_thousand_notifications_make_at_most_two_pulls() {
        let kicks = Kicks::default();
        let (a, b) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let mut pulls = 0;
        for i in 0..1_000 {
            kicks.kick(a);
            if i == 500 {
                // The schedule wakes in the middle of the burst and pulls what is pending.
                pulls += kicks.take().len();
            }
        }
        kicks.kick(b);
        let rest = kicks.take();
        pulls += rest.iter().filter(|c| **c == a).count();
        assert!(pulls <= 2, "{pulls} pulls for one connection");
        assert_eq!(rest, vec![a, b]);
        assert!(kicks.take().is_empty());
    }
}
