//! `/hooks/{shop}/…`: what the outside world calls — the site's webhooks
//! (`woo/{connection}`), 1C (`1c/{connection}?type=…&mode=…`, Basic auth with the
//! connection's login and password), Ozon's push notifications (`ozon/{connection}`) and
//! Yandex Market's notification API (`yandex/{connection}`, which it calls as
//! `…/notification`) and SberMegaMarket's order pushes (`megamarket/{connection}/order/new`,
//! `…/order/cancel`, Basic auth). The shop's worker answers; bodies are limited by kind before they
//! are read.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;
use uuid::Uuid;

use crate::server::AppState;

/// A WooCommerce order is a few kilobytes; a marketplace notification less.
const EVENT_LIMIT: usize = 1 << 20;
/// 1C sends files in parts of at most the size the exchange announced.
const CML_LIMIT: usize = channels::cml::exchange::FILE_LIMIT + (64 << 10);

fn limit(rest: &str) -> usize {
    if rest.starts_with("1c/") {
        CML_LIMIT
    } else {
        EVENT_LIMIT
    }
}

pub(crate) async fn hook(
    State(state): State<Arc<AppState>>,
    Path((shop, rest)): Path<(String, String)>,
    req: Request,
) -> Response {
    let Some((shop, worker)) = Uuid::parse_str(&shop)
        .ok()
        .and_then(|shop| Some((shop, state.workers.get(shop)?)))
    else {
        return (StatusCode::NOT_FOUND, "no connectors of this shop run here").into_response();
    };
    // The same budget a device has, per shop: guessing 1C's password or flooding the
    // receivers costs the guesser, not the shop's database.
    if let Err(retry_after_s) = state.limit.take(shop, std::time::Instant::now()) {
        let retry = [("retry-after", retry_after_s.to_string())];
        return (StatusCode::TOO_MANY_REQUESTS, retry, "too many requests").into_response();
    }
    let (parts, body) = req.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, limit(&rest)).await else {
        return (StatusCode::PAYLOAD_TOO_LARGE, "request too large").into_response();
    };
    let inner = match parts.uri.query() {
        Some(q) => format!("/{rest}?{q}"),
        None => format!("/{rest}"),
    };
    let Ok(uri) = inner.parse::<Uri>() else {
        return (StatusCode::BAD_REQUEST, "bad path").into_response();
    };
    // A fresh request, without this router's extensions: the inner router would otherwise
    // see our `{shop}` and `{*rest}` among its own path parameters.
    let mut inner = Request::new(Body::from(bytes));
    *inner.method_mut() = parts.method;
    *inner.uri_mut() = uri;
    *inner.version_mut() = parts.version;
    *inner.headers_mut() = parts.headers;
    let answer = match worker.hooks.clone().oneshot(inner).await {
        Ok(answer) => answer,
        Err(never) => match never {},
    };
    // An order a webhook or 1C recorded goes to the hub, and on to the PCs, at once.
    if answer.status().is_success() {
        worker.desk.push_soon();
    }
    answer
}
