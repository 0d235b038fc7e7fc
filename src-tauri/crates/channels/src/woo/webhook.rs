//! WooCommerce webhook receiver: `POST /woo/{connection}` checks `X-WC-Webhook-Signature`
//! (base64 HMAC-SHA256 of the raw body with the connection's secret), ignores deliveries
//! already taken in, and records the order at once. Polling stays on as the fallback.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use base64::Engine;
use hmac::{Hmac, Mac};

use super::model::WooOrder;
use crate::report::SyncReport;
use crate::Channels;

/// Mount under any prefix on a hub (or the desk when it is reachable).
pub fn router(channels: Arc<Channels>) -> Router {
    Router::new()
        .route("/woo/{connection}", post(receive))
        .with_state(channels)
}

pub fn signature(secret: &str, body: &[u8]) -> String {
    let mut mac = <Hmac<sha2::Sha256> as hmac::digest::KeyInit>::new_from_slice(secret.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
    mac.update(body);
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

fn verify(secret: &str, body: &[u8], given: &str) -> bool {
    let Ok(given) = base64::engine::general_purpose::STANDARD.decode(given.trim()) else {
        return false;
    };
    let mut mac = <Hmac<sha2::Sha256> as hmac::digest::KeyInit>::new_from_slice(secret.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
    mac.update(body);
    // Constant-time comparison.
    mac.verify_slice(&given).is_ok()
}

async fn receive(
    State(channels): State<Arc<Channels>>,
    Path(connection): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> (StatusCode, String) {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    // Only a site connection takes the site's webhooks: another kind's id is unknown here.
    let conn = match channels.receiving(&connection, crate::config::Kind::WooCommerce) {
        Ok(Some(conn)) => conn,
        Ok(None) => return (StatusCode::NOT_FOUND, "unknown connection".into()),
        // WooCommerce disables a webhook after repeated failures of any kind, but a 404
        // says the address is wrong; this is ours, for a moment.
        Err(_) => return (StatusCode::SERVICE_UNAVAILABLE, "try again later".into()),
    };
    let id = conn.id;
    let secret = match channels.credentials(id) {
        Ok(c) => c.secret,
        Err(e) => return (StatusCode::SERVICE_UNAVAILABLE, e.to_string()),
    };
    // An empty secret signs anything anyone can compute: refuse rather than trust it.
    if secret.expose().is_empty() {
        return (StatusCode::UNAUTHORIZED, "no webhook secret set".into());
    }
    let Some(signature) = header("x-wc-webhook-signature") else {
        // WooCommerce's first request to a new webhook is an unsigned form ping.
        if body.starts_with(b"webhook_id=") {
            return (StatusCode::OK, "ping".into());
        }
        return (StatusCode::UNAUTHORIZED, "missing signature".into());
    };
    if !verify(secret.expose(), &body, signature) {
        return (StatusCode::UNAUTHORIZED, "bad signature".into());
    }
    if body.starts_with(b"webhook_id=") {
        return (StatusCode::OK, "ping".into());
    }
    let topic = header("x-wc-webhook-topic").unwrap_or("");
    if !topic.starts_with("order.") || topic == "order.deleted" {
        return (StatusCode::OK, format!("ignored topic {topic}"));
    }
    let order: WooOrder = match serde_json::from_slice(&body) {
        Ok(o) => o,
        Err(e) => return (StatusCode::BAD_REQUEST, format!("malformed order: {e}")),
    };
    let now = jiff::Timestamp::now();
    let delivery = header("x-wc-webhook-delivery-id").map(str::to_owned);
    let mut report = SyncReport::default();
    if let Err(e) = super::sync::import_fetched(channels.store(), &conn, &[order], now, &mut report)
    {
        return (StatusCode::INTERNAL_SERVER_ERROR, e.to_string());
    }
    // Recorded after the import: a delivery that failed half-way is taken again when
    // WooCommerce redelivers it (the import itself is idempotent).
    if let Some(d) = delivery {
        match channels.store().take_delivery(id, d, now) {
            Ok(true) => {}
            Ok(false) => return (StatusCode::OK, "duplicate delivery".into()),
            Err(e) => return (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
        }
    }
    (
        StatusCode::OK,
        format!("imported {} updated {}", report.imported, report.updated),
    )
}
