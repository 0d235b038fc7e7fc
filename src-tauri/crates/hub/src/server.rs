//! The HTTP server: shared state, the checks every request passes, wake-ups of waiting
//! pulls, starting and stopping.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;
use tokio::sync::{oneshot, watch};
use tokio::task::JoinHandle;
use uuid::Uuid;

use crate::extension::{Extension, HookGuard};
use crate::gate;
use crate::limits::RateLimit;
use crate::listener::{self, Limits};
use crate::order_locks::OrderLocks;
use crate::sequencer::Sequencer;
use crate::state::{wake, AppState, Budgets};
use crate::{db, handlers, Config, HubError};

/// A running hub; [`Hub::stop`] ends it (dropping it aborts it).
pub struct Hub {
    pub addr: SocketAddr,
    /// Serves HTTPS.
    tls: bool,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<()>,
    extension: Option<Arc<dyn Extension>>,
    /// Released when the hub is dropped.
    _data_lock: crate::data_lock::DataDirLock,
}

impl Hub {
    /// Migrates the database and serves on `config.listen` (port 0 picks a free one).
    pub async fn start(config: &Config) -> Result<Hub, HubError> {
        Self::start_inner(config, None).await
    }

    /// As [`Hub::start`], with `extension`'s routes mounted and its work started once the
    /// hub serves (the connector workers: `hub-connectors`).
    pub async fn start_with(
        config: &Config,
        extension: Arc<dyn Extension>,
    ) -> Result<Hub, HubError> {
        Self::start_inner(config, Some(extension)).await
    }

    async fn start_inner(
        config: &Config,
        extension: Option<Arc<dyn Extension>>,
    ) -> Result<Hub, HubError> {
        // Before anything else: a second hub on this directory changes nothing.
        let data_lock = crate::data_lock::lock(&config.data_dir)?;
        let ca = config.database_ca_file.as_deref();
        let pool = db::pool_with(&config.database_url, ca, config.pool_size)?;
        // The first connection: a refused certificate or password is said with its cause.
        db::migrate(&pool).await.map_err(db::with_causes)?;
        let heads: Arc<Mutex<HashMap<Uuid, watch::Sender<i64>>>> = Arc::default();
        let woken = heads.clone();
        let sequencer = Sequencer::start(pool.clone(), move |shop, head| {
            wake(&woken, shop, head);
        });
        let state = Arc::new(AppState {
            ops_pool: db::ops_pool(&config.database_url, ca, config.pool_size)?,
            order_locks: OrderLocks::default(),
            pool,
            budgets: Budgets {
                by_address: RateLimit::new(config.address_rate_per_s, config.address_burst),
                by_token: RateLimit::new(config.rate_per_s, config.rate_burst),
                request_timeout: Duration::from_secs(config.request_timeout_s.max(1)),
            },
            hook_limit: RateLimit::new(config.rate_per_s, config.rate_burst),
            shops: Mutex::new(HashMap::new()),
            heads,
            sequencer,
        });
        let pool = state.pool.clone();
        let mut members = Router::new()
            .route("/v1/hello", get(handlers::hello))
            .route("/v1/members", get(handlers::members))
            .route("/v1/push", post(handlers::push_ops))
            .route("/v1/pull", post(handlers::pull_ops))
            .with_state(state.clone());
        let mut public = Router::new();
        if let Some(dir) = &config.updates_dir {
            public = public.merge(
                Router::new()
                    .route("/updates/{name}", get(crate::updates::file))
                    .with_state(std::sync::Arc::new(dir.clone()))
                    .route_layer(axum::middleware::from_fn_with_state(
                        state.clone(),
                        gate::by_address,
                    )),
            );
        }
        if let Some(extension) = &extension {
            members = members.merge(extension.member_routes());
            public = public.merge(extension.public_routes(HookGuard(state.clone())));
        }
        let app = members
            // Every route above is admitted by the gate before its body is read.
            .route_layer(axum::middleware::from_fn_with_state(
                state.clone(),
                gate::gate,
            ))
            .layer(DefaultBodyLimit::max(config.max_body_bytes))
            .route("/health", get(|| async { "ok" }))
            // Outside the body limit above: each kind of hook has its own.
            .merge(public);
        let limits = Limits {
            max_connections: config.max_connections,
            per_address: config.max_connections_per_address,
            header_timeout: Duration::from_millis(config.header_timeout_ms.max(1)),
        };
        let tls = match (&config.tls_cert_file, &config.tls_key_file) {
            (Some(cert), Some(key)) => Some(crate::tls::acceptor(cert, key)?),
            (None, None) => None,
            _ => {
                return Err(HubError::Admin(
                    "tls_cert_file and tls_key_file are given together or not at all".into(),
                ))
            }
        };
        let listener = tokio::net::TcpListener::bind(config.listen)
            .await
            .map_err(|e| HubError::Admin(format!("listening on {}: {e}", config.listen)))?;
        let addr = listener
            .local_addr()
            .map_err(|e| HubError::Admin(format!("listening: {e}")))?;
        let (stop, stopped) = oneshot::channel::<()>();
        let serve = listener::serve(listener, app.clone(), limits, tls.clone(), async {
            let _ = stopped.await;
        });
        // The connector workers sign in to this hub like any desk. Over TLS they would need
        // the hub's certificate to name 127.0.0.1, which a public one does not: they get a
        // plain listener of their own on loopback, served in the same task.
        let (task, own_addr) = if tls.is_some() {
            let own = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0)))
                .await
                .map_err(|e| HubError::Admin(format!("listening on loopback: {e}")))?;
            let own_addr = own
                .local_addr()
                .map_err(|e| HubError::Admin(format!("listening: {e}")))?;
            let inner = listener::serve(own, app, limits, None, std::future::pending());
            let task = tokio::spawn(async move {
                tokio::join!(serve, inner);
            });
            (task, own_addr)
        } else {
            (tokio::spawn(serve), addr)
        };
        tracing::info!(%addr, tls = tls.is_some(), "hub listening");
        // After the server is up: each worker signs in to this hub like any desk.
        if let Some(extension) = &extension {
            extension.start(pool, own_addr);
        }
        Ok(Hub {
            addr,
            tls: tls.is_some(),
            stop: Some(stop),
            task,
            extension,
            _data_lock: data_lock,
        })
    }

    pub fn url(&self) -> String {
        let scheme = if self.tls { "https" } else { "http" };
        format!("{scheme}://{}", self.addr)
    }

    /// Stops taking requests and ends at once, even with pulls waiting: a restart test
    /// needs the hub gone, not drained.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(extension) = &self.extension {
            extension.stop();
        }
        self.task.abort();
        let _ = (&mut self.task).await;
    }

    /// Serves until the process is told to stop.
    pub async fn wait(mut self) {
        let _ = (&mut self.task).await;
    }
}

impl Drop for Hub {
    fn drop(&mut self) {
        if let Some(extension) = &self.extension {
            extension.stop();
        }
        self.task.abort();
    }
}
