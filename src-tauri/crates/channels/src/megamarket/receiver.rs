//! MegaMarket's push notifications: `POST /megamarket/{connection}/order/new` and
//! `…/order/cancel` (MegaMarket appends `order/new` / `order/cancel` to the address set in the
//! merchant's cabinet). HTTP Basic: the login is the connection's key, the password its API
//! token. A new shipment is recorded at once (again idempotent by shipment id), and the
//! connection's orders job is kicked so its confirm goes out within seconds, not at the next
//! scheduled run; a cancellation makes us read the shipment back, since the push names only
//! the items cancelled. Polling stays on as the fallback.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::{Json, Router};
use base64::Engine;
use serde_json::{json, Value};

use super::client::MegaMarketClient;
use super::model::Shipment;
use crate::config::{Connection, Kind};
use crate::notify::Kick;
use crate::report::SyncReport;
use crate::secrets::Credentials;
use crate::Channels;

/// Mount under any prefix on a hub (or the desk when it is reachable).
/// `kick` runs the connection's orders job soon (on the hub, the worker's schedule does:
/// one job at a time per shop, so a push never overlaps a scheduled run).
pub fn router(channels: Arc<Channels>, kick: Kick) -> Router {
    Router::new()
        .route("/megamarket/{connection}/order/new", post(order_new))
        .route("/megamarket/{connection}/order/cancel", post(order_cancel))
        .with_state(Arc::new(Receiver { channels, kick }))
}

struct Receiver {
    channels: Arc<Channels>,
    kick: Kick,
}

type Answer = (StatusCode, Json<Value>);

fn ok(note: String) -> Answer {
    (
        StatusCode::OK,
        Json(json!({ "data": { "note": note }, "meta": {}, "success": 1 })),
    )
}

fn fail(status: StatusCode, message: impl Into<String>) -> Answer {
    let message = message.into();
    (
        status,
        Json(json!({ "data": {}, "meta": {}, "success": 0,
            "error": [ { "code": status.as_u16().to_string(), "message": message } ] })),
    )
}

/// The header `Basic base64(login:password)` for the connection's credentials.
pub fn basic_auth(credentials: &Credentials) -> String {
    let pair = format!("{}:{}", credentials.key, credentials.secret.expose());
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(pair)
    )
}

use crate::secure::same;

/// The connection and its credentials, once the caller proved it knows them.
fn enter(
    channels: &Channels,
    connection: &str,
    headers: &HeaderMap,
) -> Result<(Connection, Credentials), Answer> {
    let conn = match channels.receiving(connection, Kind::MegaMarket) {
        Ok(Some(conn)) => conn,
        Ok(None) => return Err(fail(StatusCode::NOT_FOUND, "unknown connection")),
        Err(_) => return Err(fail(StatusCode::SERVICE_UNAVAILABLE, "try again later")),
    };
    let id = conn.id;
    let credentials = channels
        .credentials(id)
        .map_err(|e| fail(StatusCode::SERVICE_UNAVAILABLE, e.to_string()))?;
    // A connection saved without a login or token opens to nobody: `Basic Og==` (an empty
    // login and password) would otherwise match it.
    if credentials.key.is_empty() || credentials.secret.expose().is_empty() {
        return Err(fail(StatusCode::UNAUTHORIZED, "no credentials set"));
    }
    let given = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !same(given.trim().as_bytes(), basic_auth(&credentials).as_bytes()) {
        return Err(fail(StatusCode::UNAUTHORIZED, "bad credentials"));
    }
    Ok((conn, credentials))
}

fn shipments(body: &[u8]) -> Result<Vec<Value>, Answer> {
    let v: Value = serde_json::from_slice(body)
        .map_err(|e| fail(StatusCode::BAD_REQUEST, format!("malformed body: {e}")))?;
    v.pointer("/data/shipments")
        .and_then(Value::as_array)
        .cloned()
        .ok_or_else(|| fail(StatusCode::BAD_REQUEST, "data.shipments is required"))
}

async fn order_new(
    State(receiver): State<Arc<Receiver>>,
    Path(connection): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Answer {
    let channels = &receiver.channels;
    let (conn, _) = match enter(channels, &connection, &headers) {
        Ok(c) => c,
        Err(a) => return a,
    };
    let list = match shipments(&body) {
        Ok(l) => l,
        Err(a) => return a,
    };
    let mut parsed: Vec<Shipment> = Vec::with_capacity(list.len());
    for v in list {
        match serde_json::from_value::<Shipment>(v) {
            Ok(s) if !s.shipment_id.is_empty() => parsed.push(s),
            Ok(_) => return fail(StatusCode::BAD_REQUEST, "shipmentId is required"),
            Err(e) => return fail(StatusCode::BAD_REQUEST, format!("malformed shipment: {e}")),
        }
    }
    let now = jiff::Timestamp::now();
    let mut report = SyncReport::default();
    if let Err(e) =
        super::sync::import_shipments(channels.store(), &conn, &parsed, now, &mut report)
    {
        // MegaMarket delivers again on an error; the import is idempotent.
        return fail(StatusCode::INTERNAL_SERVER_ERROR, e.to_string());
    }
    // A new order's triggers (the confirm first) are queued and sent by the orders job.
    if report.imported > 0 {
        (receiver.kick)(conn.id);
    }
    ok(format!(
        "imported {} known {}",
        report.imported,
        report.unchanged + report.updated
    ))
}

async fn order_cancel(
    State(receiver): State<Arc<Receiver>>,
    Path(connection): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Answer {
    let channels = &receiver.channels;
    let (conn, credentials) = match enter(channels, &connection, &headers) {
        Ok(c) => c,
        Err(a) => return a,
    };
    let list = match shipments(&body) {
        Ok(l) => l,
        Err(a) => return a,
    };
    let ids: Vec<String> = list
        .iter()
        .filter_map(|s| match &s["shipmentId"] {
            Value::String(x) => Some(x.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        })
        .collect();
    if ids.is_empty() {
        return fail(StatusCode::BAD_REQUEST, "shipmentId is required");
    }
    let client = match MegaMarketClient::new(&conn.base_url, &credentials, &conn.settings) {
        Ok(c) => c,
        Err(e) => return fail(StatusCode::SERVICE_UNAVAILABLE, e.to_string()),
    };
    let read = match client.get(&ids).await {
        Ok(r) => r,
        Err(e) => return fail(StatusCode::SERVICE_UNAVAILABLE, e.to_string()),
    };
    let shipments: Vec<Shipment> = read
        .into_iter()
        .filter_map(|f| match f {
            super::client::Fetched::Shipment(s) => Some(*s),
            super::client::Fetched::Malformed { .. } => None,
        })
        .collect();
    let now = jiff::Timestamp::now();
    let mut report = SyncReport::default();
    if let Err(e) =
        super::sync::import_shipments(channels.store(), &conn, &shipments, now, &mut report)
    {
        return fail(StatusCode::INTERNAL_SERVER_ERROR, e.to_string());
    }
    ok(format!("updated {}", report.updated))
}
