//! The HTTP side: routes, the checks every request passes, and commit wake-ups.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::HeaderMap;
use axum::routing::{get, post};
use axum::{Json, Router};
use deadpool_postgres::Pool;
use domain::Shop;
use proto::sync::{
    Hello, OpOutcome, OpResult, PullRequest, PullResponse, PushRequest, PushResponse,
    PROTOCOL_VERSION, PUSH_MAX_OPS,
};
use serde::de::DeserializeOwned;
use tokio::sync::{oneshot, watch};
use tokio::task::JoinHandle;
use uuid::Uuid;

use crate::auth::{self, Device};
use crate::limits::RateLimit;
use crate::sequencer::Sequencer;
use crate::{db, pull, push, Config, HubError};

/// The header every request names its protocol version in.
pub const PROTOCOL_HEADER: &str = "orderdesk-protocol";

/// Longest a pull waits for news: below common proxy idle timeouts.
const LONGEST_WAIT: Duration = Duration::from_secs(25);

struct AppState {
    pool: Pool,
    limit: RateLimit,
    shops: Mutex<HashMap<Uuid, Arc<Shop>>>,
    /// The latest committed seq per shop; waiting pulls watch it. One hub process per
    /// database: several hubs behind a balancer would need PostgreSQL LISTEN/NOTIFY here.
    heads: Arc<Mutex<HashMap<Uuid, watch::Sender<i64>>>>,
    sequencer: Arc<Sequencer>,
}

impl AppState {
    fn head(&self, shop: Uuid) -> watch::Receiver<i64> {
        let mut heads = self.heads.lock().unwrap_or_else(PoisonError::into_inner);
        heads
            .entry(shop)
            .or_insert_with(|| watch::channel(0).0)
            .subscribe()
    }

    async fn shop(&self, id: Uuid) -> Result<Arc<Shop>, HubError> {
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
            .query_one("SELECT settings FROM shops WHERE id = $1", &[&id])
            .await?;
        let shop: Arc<Shop> = Arc::new(
            serde_json::from_value(row.get(0)).map_err(|e| HubError::Corrupt(e.to_string()))?,
        );
        self.shops
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(id, shop.clone());
        Ok(shop)
    }

    /// Protocol, token, rate: the checks every request passes, cheapest first.
    async fn admit(&self, headers: &HeaderMap) -> Result<Device, HubError> {
        let version = headers
            .get(PROTOCOL_HEADER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u32>().ok())
            .unwrap_or(0);
        if version != PROTOCOL_VERSION {
            return Err(HubError::Upgrade(version));
        }
        let device = auth::device(&self.pool, headers).await?;
        self.limit
            .take(device.id, Instant::now())
            .map_err(|retry_after_s| HubError::RateLimited { retry_after_s })?;
        Ok(device)
    }
}

/// Tells pulls waiting on `shop` that its history reached `seq`.
fn wake(heads: &Mutex<HashMap<Uuid, watch::Sender<i64>>>, shop: Uuid, seq: i64) {
    let heads = heads.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(tx) = heads.get(&shop) {
        tx.send_if_modified(|head| {
            let newer = seq > *head;
            *head = (*head).max(seq);
            newer
        });
    }
}

/// A running hub; [`Hub::stop`] ends it (dropping it aborts it).
pub struct Hub {
    pub addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<()>,
}

impl Hub {
    /// Migrates the database and serves on `config.listen` (port 0 picks a free one).
    pub async fn start(config: &Config) -> Result<Hub, HubError> {
        let pool = db::pool(&config.database_url, config.pool_size)?;
        db::migrate(&pool).await?;
        let heads: Arc<Mutex<HashMap<Uuid, watch::Sender<i64>>>> = Arc::default();
        let woken = heads.clone();
        let sequencer = Sequencer::start(pool.clone(), move |shop, head| {
            wake(&woken, shop, head);
        });
        let state = Arc::new(AppState {
            pool,
            limit: RateLimit::new(config.rate_per_s, config.rate_burst),
            shops: Mutex::new(HashMap::new()),
            heads,
            sequencer,
        });
        let app = Router::new()
            .route("/v1/hello", get(hello))
            .route("/v1/push", post(push_ops))
            .route("/v1/pull", post(pull_ops))
            .route("/health", get(|| async { "ok" }))
            .layer(DefaultBodyLimit::max(config.max_body_bytes))
            .with_state(state);
        let listener = tokio::net::TcpListener::bind(config.listen)
            .await
            .map_err(|e| HubError::Admin(format!("listening on {}: {e}", config.listen)))?;
        let addr = listener
            .local_addr()
            .map_err(|e| HubError::Admin(format!("listening: {e}")))?;
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let serve = axum::serve(listener, app).with_graceful_shutdown(async move {
                let _ = stopped.await;
            });
            if let Err(e) = serve.await {
                tracing::error!(error = %e, "hub server stopped");
            }
        });
        tracing::info!(%addr, "hub listening");
        Ok(Hub {
            addr,
            stop: Some(stop),
            task,
        })
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops taking requests and ends at once, even with pulls waiting: a restart test
    /// needs the hub gone, not drained.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
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
        self.task.abort();
    }
}

fn body<T: DeserializeOwned>(bytes: &Bytes) -> Result<T, HubError> {
    serde_json::from_slice(bytes).map_err(|e| HubError::BadRequest(format!("request body: {e}")))
}

async fn hello(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
) -> Result<Json<Hello>, HubError> {
    let device = state.admit(&headers).await?;
    let head: i64 = state
        .pool
        .get()
        .await?
        .query_one("SELECT seq FROM shops WHERE id = $1", &[&device.shop_id])
        .await?
        .get(0);
    Ok(Json(Hello {
        protocol: PROTOCOL_VERSION,
        shop_id: device.shop_id.to_string(),
        shop_name: device.shop_name.clone(),
        device_id: device.id.to_string(),
        user_id: device.user_id.to_string(),
        user_name: device.actor.name.clone(),
        role: device.actor.role.as_str().to_owned(),
        head,
    }))
}

async fn push_ops(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Result<Json<PushResponse>, HubError> {
    let device = state.admit(&headers).await?;
    let req: PushRequest = body(&bytes)?;
    if req.protocol != PROTOCOL_VERSION {
        return Err(HubError::Upgrade(req.protocol));
    }
    if req.ops.len() > PUSH_MAX_OPS {
        return Err(HubError::BadRequest(format!(
            "{} ops in one push; at most {PUSH_MAX_OPS}",
            req.ops.len()
        )));
    }
    let shop = state.shop(device.shop_id).await?;
    let count = req.ops.len();
    // Ops on one order go one after another, in the order sent; different orders go side
    // by side, so their commits share WAL flushes.
    let mut groups: Vec<(String, Vec<(usize, serde_json::Value)>)> = Vec::new();
    for (i, value) in req.ops.into_iter().enumerate() {
        let key = order_key(&value);
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, ops)) => ops.push((i, value)),
            None => groups.push((key, vec![(i, value)])),
        }
    }
    let mut tasks = tokio::task::JoinSet::new();
    for (_, ops) in groups {
        let (state, shop, device) = (state.clone(), shop.clone(), device.clone());
        tasks.spawn(async move {
            let mut client = state.pool.get().await?;
            let mut out = Vec::with_capacity(ops.len());
            for (i, value) in ops {
                out.push((i, push::one(&mut client, &shop, &device, value).await?));
            }
            Ok::<_, HubError>(out)
        });
    }
    let mut results: Vec<Option<OpResult>> = vec![None; count];
    let mut failed = None;
    while let Some(done) = tasks.join_next().await {
        match done {
            Ok(Ok(out)) => {
                for (i, r) in out {
                    results[i] = Some(r);
                }
            }
            Ok(Err(e)) => failed = Some(e),
            Err(e) => failed = Some(HubError::Corrupt(format!("push task: {e}"))),
        }
    }
    // What committed stays committed; the sequencer numbers it whether or not we answer.
    state.sequencer.settle().await?;
    if let Some(e) = failed {
        return Err(e);
    }
    let mut results: Vec<OpResult> = results.into_iter().flatten().collect();
    let unnumbered: Vec<Uuid> = results
        .iter()
        .filter(|r| {
            r.outcome
                == OpOutcome::Accepted {
                    shop_seq: push::UNNUMBERED,
                }
        })
        .filter_map(|r| Uuid::parse_str(&r.op_id).ok())
        .collect();
    if !unnumbered.is_empty() {
        let rows = state
            .pool
            .get()
            .await?
            .query(
                "SELECT id, seq FROM ops WHERE shop_id = $1 AND id = ANY($2)",
                &[&device.shop_id, &unnumbered],
            )
            .await?;
        let seqs: HashMap<Uuid, Option<i64>> = rows.iter().map(|r| (r.get(0), r.get(1))).collect();
        for r in &mut results {
            if let OpOutcome::Accepted { shop_seq } = &mut r.outcome {
                if *shop_seq == push::UNNUMBERED {
                    let id = Uuid::parse_str(&r.op_id).ok();
                    *shop_seq = id
                        .and_then(|id| seqs.get(&id).copied().flatten())
                        .ok_or_else(|| HubError::Corrupt("an accepted op has no number".into()))?;
                }
            }
        }
    }
    tracing::info!(device = %device.id, ops = results.len(), "push");
    Ok(Json(PushResponse { results }))
}

/// Which order an op (as sent) is about; an unreadable op gets a group of its own.
fn order_key(value: &serde_json::Value) -> String {
    let op = &value["op"];
    op.get("order_id")
        .or_else(|| op.get("order").and_then(|o| o.get("id")))
        .and_then(serde_json::Value::as_str)
        .map_or_else(|| format!("?{}", fastrand::u64(..)), str::to_owned)
}

async fn pull_ops(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Result<Json<PullResponse>, HubError> {
    let device = state.admit(&headers).await?;
    let req: PullRequest = body(&bytes)?;
    if req.protocol != PROTOCOL_VERSION {
        return Err(HubError::Upgrade(req.protocol));
    }
    // Subscribed before reading, so a commit between the read and the wait still wakes us.
    let mut head = state.head(device.shop_id);
    let page = pull::page(&state.pool.get().await?, &device, &req).await?;
    if !page.ops.is_empty() || !page.rejections.is_empty() || req.wait_ms == 0 {
        return Ok(Json(page));
    }
    // The connection went back to the pool above: a waiting pull holds none, so many desks
    // waiting cannot starve the pushes (and the sequencer) that would wake them.
    let wait = Duration::from_millis(u64::from(req.wait_ms)).min(LONGEST_WAIT);
    head.mark_unchanged();
    // Other devices' pushes on this process wake us; a timeout answers the empty page.
    if tokio::time::timeout(wait, head.changed()).await.is_err() {
        return Ok(Json(page));
    }
    Ok(Json(
        pull::page(&state.pool.get().await?, &device, &req).await?,
    ))
}
