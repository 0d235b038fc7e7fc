//! The 1C exchange protocol (CommerceML 2 over HTTP), where 1C is the client: a router a hub
//! mounts at `/1c/{connection}`. Sale: checkauth → init → query (our confirmed orders) →
//! success (marks them exported); file (1C's order changes and statuses). Catalog: checkauth
//! → init → file (import.xml, offers.xml, possibly in parts) → import. Answers are the plain
//! text 1C expects: `success`, `failure\n<reason>`, `zip=no\nfile_limit=<bytes>`.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use axum::Router;
use base64::Engine;
use jiff::Timestamp;
use serde::Deserialize;
use store::CatalogEntry;
use uuid::Uuid;

use super::spool::Spool;
use super::{orders_document, parse_catalog, parse_offers, parse_orders};
use crate::config::Kind;
use crate::report::SyncReport;
use crate::status::follow_channel;
use crate::{ChannelError, Channels};

const COOKIE: &str = "orderdesk_1c";
/// Bytes 1C may send per file request; a larger file comes in several parts.
pub const FILE_LIMIT: usize = 8 * 1024 * 1024;
/// A session unused this long is gone; 1C signs in again (it does at every exchange).
pub const SESSION_IDLE: Duration = Duration::from_secs(30 * 60);

/// How long a session lives and how much it may upload.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// A session unused this long is forgotten, with its files.
    pub idle: Duration,
    /// The XML files of one session together (a shop's whole catalogue fits many times over).
    pub session_bytes: usize,
    /// The XML files of every session of this exchange together: one shop's 1C cannot take
    /// the disk every other shop on the hub needs.
    pub total_bytes: usize,
    /// How often expired sessions are looked for when no request comes (a 1C switched off
    /// mid-exchange never calls again); needs a Tokio runtime where the router is made.
    pub sweep_every: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            idle: SESSION_IDLE,
            session_bytes: 128 * 1024 * 1024,
            total_bytes: 256 * 1024 * 1024,
            sweep_every: Duration::from_secs(60),
        }
    }
}

struct Session {
    connection: Uuid,
    /// Its files' folder in the spool (the token itself never names anything on disk).
    spool: u64,
    queried: Vec<Uuid>,
    last_seen: std::time::Instant,
}

pub struct Exchange {
    channels: Arc<Channels>,
    sessions: Mutex<HashMap<String, Session>>,
    idle: Mutex<Duration>,
    spool: Spool,
    next_spool: AtomicU64,
}

impl Exchange {
    /// Bytes of uploaded files waiting in the temp area for every session: none once each
    /// exchange is imported. Nothing uploaded is held in memory.
    pub fn held_bytes(&self) -> usize {
        self.spool.held_bytes()
    }

    /// Uploaded files on disk in the exchange's temp area.
    pub fn files_on_disk(&self) -> usize {
        self.spool.files_on_disk()
    }

    /// Another idle limit from now on (tests: a session made stale without waiting).
    pub fn set_idle(&self, idle: Duration) {
        *self.idle.lock().unwrap_or_else(PoisonError::into_inner) = idle;
    }

    /// Forgets sessions unused for longer than the idle limit, with whatever they held.
    fn sweep(&self) {
        let idle = *self.idle.lock().unwrap_or_else(PoisonError::into_inner);
        let mut stale = Vec::new();
        self.sessions
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .retain(|_, s| {
                let keep = s.last_seen.elapsed() < idle;
                if !keep {
                    stale.push(s.spool);
                }
                keep
            });
        for spool in stale {
            self.spool.clear(spool);
        }
    }

    /// The spool folder of the session `token`, if it is still there.
    fn spool_of(&self, token: &str) -> Result<u64, ChannelError> {
        self.sessions
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(token)
            .map(|s| s.spool)
            .ok_or_else(|| ChannelError::Config("session expired".into()))
    }
}

#[derive(Debug, Deserialize)]
struct Params {
    #[serde(rename = "type", default)]
    kind: String,
    #[serde(default)]
    mode: String,
    #[serde(default)]
    filename: Option<String>,
}

pub fn router(channels: Arc<Channels>) -> Router {
    router_with(channels, Limits::default()).0
}

/// [`router`] with other limits, and the exchange itself to look at (tests).
pub fn router_with(channels: Arc<Channels>, limits: Limits) -> (Router, Arc<Exchange>) {
    let exchange = Arc::new(Exchange {
        channels,
        sessions: Mutex::new(HashMap::new()),
        idle: Mutex::new(limits.idle),
        spool: Spool::new(limits.session_bytes, limits.total_bytes),
        next_spool: AtomicU64::new(0),
    });
    if let Ok(runtime) = tokio::runtime::Handle::try_current() {
        // Holds the exchange weakly: the sweeping ends when the router is dropped.
        let exchange = Arc::downgrade(&exchange);
        runtime.spawn(async move {
            let mut every = tokio::time::interval(limits.sweep_every);
            loop {
                every.tick().await;
                match exchange.upgrade() {
                    Some(exchange) => exchange.sweep(),
                    None => break,
                }
            }
        });
    }
    let router = Router::new()
        .route("/1c/{connection}", any(handle))
        .with_state(Arc::clone(&exchange));
    (router, exchange)
}

fn text(body: String) -> Response {
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body).into_response()
}

fn failure(reason: impl std::fmt::Display) -> Response {
    // One line: 1C shows the second line to its operator.
    let reason = reason.to_string().replace('\n', " ");
    text(format!("failure\n{reason}"))
}

async fn handle(
    State(ex): State<Arc<Exchange>>,
    Path(connection): Path<String>,
    Query(params): Query<Params>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    // Only a 1C connection runs the exchange: another kind's keys (MegaMarket sends its
    // login and token to us on every push) must not open this door.
    let connection = match ex.channels.receiving(&connection, Kind::CommerceMl) {
        Ok(Some(c)) => c.id,
        Ok(None) => return failure("unknown connection"),
        // 1C retries an exchange that failed; the operator reads the line.
        Err(_) => return failure("OrderDesk cannot read the connection now; try again later"),
    };
    let now = Timestamp::now();
    ex.sweep();
    if params.mode == "checkauth" {
        return checkauth(&ex, connection, &headers);
    }
    let Some(token) = session_token(&headers) else {
        return failure("not signed in: call checkauth first");
    };
    let known = ex
        .sessions
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .get_mut(&token)
        .filter(|s| s.connection == connection)
        .map(|s| s.last_seen = std::time::Instant::now())
        .is_some();
    if !known {
        return failure("session expired: call checkauth again");
    }
    let result = match (params.kind.as_str(), params.mode.as_str()) {
        (_, "init") => start_over(&ex, &token),
        (_, "file") => receive_file(&ex, &token, params.filename.as_deref(), body).await,
        ("catalog", "import") => import_catalog(&ex, &token, params.filename.as_deref(), now),
        ("sale", "query") => query_orders(&ex, &token, connection, now),
        ("sale", "success") => mark_exported(&ex, &token, connection, now),
        ("sale", "import") => Ok(text("success".into())),
        (kind, mode) => Ok(failure(format!("unknown request type={kind} mode={mode}"))),
    };
    let result = match result {
        Ok(r) if params.kind == "sale" && params.mode == "file" => {
            sale_changes(&ex, &token, connection, params.filename.as_deref(), now).map(|()| r)
        }
        other => other,
    };
    result.unwrap_or_else(failure)
}

fn checkauth(ex: &Exchange, connection: Uuid, headers: &HeaderMap) -> Response {
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Basic "))
        .and_then(|v| {
            base64::engine::general_purpose::STANDARD
                .decode(v.trim())
                .ok()
        })
        .and_then(|v| String::from_utf8(v).ok());
    let Ok(credentials) = ex.channels.credentials(connection) else {
        return failure("no credentials set for this connection");
    };
    // A connection without a login or password opens to nobody (`Basic Og==` is «:»).
    if credentials.key.is_empty() || credentials.secret.expose().is_empty() {
        return failure("no credentials set for this connection");
    }
    let expected = format!("{}:{}", credentials.key, credentials.secret.expose());
    let right = given
        .as_deref()
        .is_some_and(|g| crate::secure::same(g.as_bytes(), expected.as_bytes()));
    if !right {
        return failure("wrong login or password");
    }
    let Some(token) = crate::secure::token() else {
        return failure("no random source to make a session");
    };
    ex.sessions
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .insert(
            token.clone(),
            Session {
                connection,
                spool: ex.next_spool.fetch_add(1, Ordering::Relaxed),
                queried: Vec::new(),
                last_seen: std::time::Instant::now(),
            },
        );
    text(format!("success\n{COOKIE}\n{token}"))
}

fn session_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(k, _)| *k == COOKIE)
        .map(|(_, v)| v.to_owned())
}

/// A plain file name: 1C sends `import.xml`, `offers.xml`, `orders-….xml`, sometimes with
/// an `import_files/` folder for images, which we do not keep.
fn file_name(name: Option<&str>) -> Result<String, ChannelError> {
    let name = name.ok_or_else(|| ChannelError::Config("no filename".into()))?;
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    if base.is_empty() || base == "." || base == ".." {
        return Err(ChannelError::Config(format!("bad filename {name:?}")));
    }
    Ok(base.to_owned())
}

/// A new exchange begins: whatever an earlier one in this session left is dropped.
fn start_over(ex: &Exchange, token: &str) -> Result<Response, ChannelError> {
    ex.spool.clear(ex.spool_of(token)?);
    Ok(text(format!("zip=no\nfile_limit={FILE_LIMIT}")))
}

/// Streams the request's body to the session's file in the temp area, part by part as it
/// arrives, within the per-request, per-session and overall caps.
async fn receive_file(
    ex: &Exchange,
    token: &str,
    name: Option<&str>,
    body: Body,
) -> Result<Response, ChannelError> {
    let name = file_name(name)?;
    let spool = ex.spool_of(token)?;
    if let Err(e) = stream_to_spool(ex, spool, &name, body).await {
        // A file broken off or over a cap is of no use to its import.
        ex.spool.remove(spool, &name);
        return Err(e);
    }
    Ok(text("success".into()))
}

async fn stream_to_spool(
    ex: &Exchange,
    spool: u64,
    name: &str,
    mut body: Body,
) -> Result<(), ChannelError> {
    use http_body_util::BodyExt;
    // Pictures (`import_files/…`) and anything else that is not an exchange document are
    // read to the end and not kept: nothing reads them.
    let keep = name.to_ascii_lowercase().ends_with(".xml");
    let mut received = 0usize;
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|e| ChannelError::Config(format!("upload broken off: {e}")))?;
        let Ok(data) = frame.into_data() else {
            continue;
        };
        received += data.len();
        if received > FILE_LIMIT {
            return Err(ChannelError::Config(format!(
                "a part larger than file_limit={FILE_LIMIT}"
            )));
        }
        if keep {
            ex.spool.append(spool, name, &data)?;
        }
    }
    Ok(())
}

fn file(ex: &Exchange, token: &str, name: &str) -> Result<Vec<u8>, ChannelError> {
    ex.spool.read(ex.spool_of(token)?, name)
}

/// The file was taken in: it is not needed again in this session.
fn done_with(ex: &Exchange, token: &str, name: &str) {
    if let Ok(spool) = ex.spool_of(token) {
        ex.spool.remove(spool, name);
    }
}

fn import_catalog(
    ex: &Exchange,
    token: &str,
    name: Option<&str>,
    now: Timestamp,
) -> Result<Response, ChannelError> {
    let name = file_name(name)?;
    let bytes = file(ex, token, &name)?;
    let malformed =
        |e: super::CmlError| ChannelError::malformed("CommerceML", format!("{name}: {e}"));
    let entries: Vec<CatalogEntry> = if name.starts_with("offers") {
        parse_offers(&bytes)
            .map_err(malformed)?
            .into_iter()
            .map(|o| CatalogEntry {
                sku: o.sku,
                name: None,
                unit: None,
                price: o.price,
                stock: o.quantity,
            })
            .collect()
    } else {
        parse_catalog(&bytes)
            .map_err(malformed)?
            .into_iter()
            .map(|i| CatalogEntry {
                sku: i.sku,
                name: Some(i.name),
                unit: i.unit,
                price: None,
                stock: None,
            })
            .collect()
    };
    ex.channels.store().upsert_catalog(entries, now)?;
    done_with(ex, token, &name);
    Ok(text("success".into()))
}

fn query_orders(
    ex: &Exchange,
    token: &str,
    connection: Uuid,
    now: Timestamp,
) -> Result<Response, ChannelError> {
    let store = ex.channels.store();
    let conn = ex.channels.connection(connection)?;
    let ids = store.unlinked_confirmed_orders(connection, 500)?;
    let mut orders = Vec::with_capacity(ids.len());
    for id in &ids {
        let order = store.order(*id)?;
        let status = conn
            .status_map
            .status_to_push(&order.stage.stage_id)
            .map(str::to_owned);
        orders.push((order, status));
    }
    if let Some(s) = ex
        .sessions
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .get_mut(token)
    {
        s.queried = ids;
    }
    Ok((
        [(header::CONTENT_TYPE, "application/xml; charset=utf-8")],
        orders_document(&orders, now),
    )
        .into_response())
}

fn mark_exported(
    ex: &Exchange,
    token: &str,
    connection: Uuid,
    now: Timestamp,
) -> Result<Response, ChannelError> {
    let queried = ex
        .sessions
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .get_mut(token)
        .map(|s| std::mem::take(&mut s.queried))
        .unwrap_or_default();
    for id in queried {
        ex.channels.store().link_channel_order(
            connection,
            id.to_string(),
            id,
            "exported".into(),
            now,
            now,
        )?;
    }
    Ok(text("success".into()))
}

/// 1C says the order is paid: what is still owed is recorded as paid, by the channel, once
/// (a repeated file finds nothing owed). The paid state is 1C's, not rebuilt from ours.
fn paid_in_1c(
    store: &store::Store,
    connection: &crate::config::Connection,
    order_id: Uuid,
    now: Timestamp,
    report: &mut SyncReport,
) -> Result<(), ChannelError> {
    let order = store.order(order_id)?;
    let owed = order
        .totals()
        .and_then(|t| t.total.checked_sub(order.paid()?))
        .map_err(|e| ChannelError::malformed("CommerceML", e))?;
    if owed <= domain::Kopecks::ZERO {
        return Ok(());
    }
    let recorded = store.record(store::NewOp {
        id: Uuid::now_v7(),
        actor: crate::channel_import::channel_actor(connection),
        at: now,
        op: domain::Op::RecordPayment {
            order_id,
            payment: domain::Payment {
                id: Uuid::now_v7(),
                amount: owed,
                method: order.payment,
                at: now,
                note: Some("Оплачен в 1С".to_owned()),
                corrects: None,
            },
        },
    });
    match recorded {
        Ok(_) => report.site_changes += 1,
        Err(store::StoreError::Rejected(e)) => store.add_channel_flag(
            connection.id,
            order_id.to_string(),
            format!("site_change_refused: {e}"),
        )?,
        Err(e) => return Err(e.into()),
    }
    Ok(())
}

/// Order changes from 1C: statuses it is master of move our orders; a paid order gets its
/// payment.
fn sale_changes(
    ex: &Exchange,
    token: &str,
    connection: Uuid,
    name: Option<&str>,
    now: Timestamp,
) -> Result<(), ChannelError> {
    let name = file_name(name)?;
    let bytes = file(ex, token, &name)?;
    let orders = parse_orders(&bytes)
        .map_err(|e| ChannelError::malformed("CommerceML", format!("{name}: {e}")))?;
    let conn = ex.channels.connection(connection)?;
    let store = ex.channels.store();
    let mut report = SyncReport::default();
    for o in orders {
        let Ok(order_id) = Uuid::parse_str(&o.id) else {
            continue;
        };
        if store
            .order_channels(order_id)?
            .iter()
            .all(|r| r.connection_id != connection)
        {
            continue;
        }
        let status = o
            .status
            .clone()
            .or_else(|| o.cancelled.then(|| "Отменен".to_owned()));
        if let Some(status) = status {
            store.set_channel_remote(connection, o.id.clone(), status.clone(), now, false)?;
            follow_channel(
                store,
                &conn,
                &o.id,
                order_id,
                None,
                &status,
                now,
                &mut report,
            )?;
        }
        if o.paid {
            paid_in_1c(store, &conn, order_id, now, &mut report)?;
        }
    }
    done_with(ex, token, &name);
    Ok(())
}
