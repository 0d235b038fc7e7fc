//! The 1C exchange protocol (CommerceML 2 over HTTP), where 1C is the client: a router a hub
//! mounts at `/1c/{connection}`. Sale: checkauth → init → query (our confirmed orders) →
//! success (marks them exported); file (1C's order changes and statuses). Catalog: checkauth
//! → init → file (import.xml, offers.xml, possibly in parts) → import. Answers are the plain
//! text 1C expects: `success`, `failure\n<reason>`, `zip=no\nfile_limit=<bytes>`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use axum::body::Bytes;
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

use super::{orders_document, parse_catalog, parse_offers, parse_orders};
use crate::config::Kind;
use crate::report::SyncReport;
use crate::status::follow_channel;
use crate::{ChannelError, Channels};

const COOKIE: &str = "orderdesk_1c";
/// Bytes 1C may send per file request; a larger file comes in several parts.
pub const FILE_LIMIT: usize = 8 * 1024 * 1024;
/// The XML files of one session together (a shop's whole catalogue fits many times over).
const SESSION_LIMIT: usize = 128 * 1024 * 1024;
/// The XML files of every session on this hub together: one shop's 1C cannot take the
/// memory every other shop needs.
const ALL_SESSIONS_LIMIT: usize = 256 * 1024 * 1024;
/// A session unused this long is gone; 1C signs in again (it does at every exchange).
pub const SESSION_IDLE: std::time::Duration = std::time::Duration::from_secs(30 * 60);

struct Session {
    connection: Uuid,
    files: HashMap<String, Vec<u8>>,
    queried: Vec<Uuid>,
    last_seen: std::time::Instant,
}

pub struct Exchange {
    channels: Arc<Channels>,
    sessions: Mutex<HashMap<String, Session>>,
    idle: std::time::Duration,
}

impl Exchange {
    /// Bytes of uploaded files held for every session: none once each exchange is imported.
    pub fn held_bytes(&self) -> usize {
        self.sessions
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .values()
            .flat_map(|s| s.files.values())
            .map(Vec::len)
            .sum()
    }

    /// Forgets sessions unused for longer than the idle limit, with whatever they held.
    fn sweep(&self) {
        let idle = self.idle;
        self.sessions
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .retain(|_, s| s.last_seen.elapsed() < idle);
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
    router_with(channels, SESSION_IDLE).0
}

/// [`router`] with another idle limit, and the exchange itself to look at (tests).
pub fn router_with(channels: Arc<Channels>, idle: std::time::Duration) -> (Router, Arc<Exchange>) {
    let exchange = Arc::new(Exchange {
        channels,
        sessions: Mutex::new(HashMap::new()),
        idle,
    });
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
    body: Bytes,
) -> Response {
    let Ok(connection) = Uuid::parse_str(&connection) else {
        return failure("unknown connection");
    };
    // Only a 1C connection runs the exchange: another kind's keys (MegaMarket sends its
    // login and token to us on every push) must not open this door.
    let is_1c = ex
        .channels
        .connection(connection)
        .is_ok_and(|c| c.kind == Kind::CommerceMl);
    if !is_1c {
        return failure("unknown connection");
    }
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
        (_, "init") => Ok(text(format!("zip=no\nfile_limit={FILE_LIMIT}"))),
        (_, "file") => receive_file(&ex, &token, params.filename.as_deref(), &body),
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
    let token = crate::secure::token();
    ex.sessions
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .insert(
            token.clone(),
            Session {
                connection,
                files: HashMap::new(),
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

fn receive_file(
    ex: &Exchange,
    token: &str,
    name: Option<&str>,
    body: &[u8],
) -> Result<Response, ChannelError> {
    let name = file_name(name)?;
    // Pictures (`import_files/…`) and anything else that is not an exchange document are
    // acknowledged and not kept: nothing reads them, and they would only fill memory.
    if !name.to_ascii_lowercase().ends_with(".xml") {
        return Ok(text("success".into()));
    }
    let mut sessions = ex.sessions.lock().unwrap_or_else(PoisonError::into_inner);
    let all: usize = sessions
        .values()
        .flat_map(|s| s.files.values())
        .map(Vec::len)
        .sum();
    let session = sessions
        .get_mut(token)
        .ok_or_else(|| ChannelError::Config("session expired".into()))?;
    let held: usize = session.files.values().map(Vec::len).sum();
    if held + body.len() > SESSION_LIMIT || all + body.len() > ALL_SESSIONS_LIMIT {
        return Err(ChannelError::Config(
            "the exchange is larger than allowed".into(),
        ));
    }
    // Parts of one file arrive as several requests with the same name.
    session
        .files
        .entry(name)
        .or_default()
        .extend_from_slice(body);
    Ok(text("success".into()))
}

fn file(ex: &Exchange, token: &str, name: &str) -> Result<Vec<u8>, ChannelError> {
    let sessions = ex.sessions.lock().unwrap_or_else(PoisonError::into_inner);
    sessions
        .get(token)
        .and_then(|s| s.files.get(name))
        .cloned()
        .ok_or_else(|| ChannelError::Config(format!("{name} was not uploaded")))
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
    // Imported: the file is not needed again in this session.
    if let Some(s) = ex
        .sessions
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .get_mut(token)
    {
        s.files.remove(&name);
    }
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
        actor: crate::woo::import::channel_actor(connection),
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
    if let Some(s) = ex
        .sessions
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .get_mut(token)
    {
        s.files.remove(&name);
    }
    Ok(())
}
