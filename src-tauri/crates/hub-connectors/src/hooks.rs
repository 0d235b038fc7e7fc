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
use axum::routing::any;
use axum::Router;
use hub::extension::HookGuard;
use tower::ServiceExt;
use uuid::Uuid;

use crate::Shared;

pub(crate) fn routes(shared: Arc<Shared>, guard: HookGuard) -> Router {
    Router::new()
        .route("/hooks/{shop}/{*rest}", any(hook))
        .with_state((shared, guard))
}

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

async fn hook(
    State((shared, guard)): State<(Arc<Shared>, HookGuard)>,
    Path((shop, rest)): Path<(String, String)>,
    req: Request,
) -> Response {
    // First the sender's address: a flood from one place stops here, before any lookup.
    if let Err(refused) = guard.admit_sender(&req) {
        return refused.into_response();
    }
    let Some(worker) = Uuid::parse_str(&shop)
        .ok()
        .and_then(|shop| shared.workers.get(shop))
    else {
        return (StatusCode::NOT_FOUND, "no connectors of this shop run here").into_response();
    };
    // Then the connection: one that does not run here costs nobody's budget, so junk sent to
    // made-up ids cannot starve a real connection's webhooks.
    let Some(connection) = connection_of(&rest) else {
        return (StatusCode::NOT_FOUND, "no such connection").into_response();
    };
    let runner = worker.desk.channel_runner();
    let found = tokio::task::spawn_blocking(move || runner.connection(connection)).await;
    match found {
        Ok(Ok(_)) => {}
        Ok(Err(channels::ChannelError::UnknownConnection(_))) => {
            return (StatusCode::NOT_FOUND, "no such connection").into_response()
        }
        // The database or the keyring, not the sender: it should come again, as a 404
        // would tell it the connection is gone for good.
        Ok(Err(err)) => {
            tracing::warn!(%connection, %err, "a hook's connection could not be read");
            return (StatusCode::SERVICE_UNAVAILABLE, "try again later").into_response();
        }
        Err(err) => {
            tracing::warn!(%connection, %err, "a hook's connection lookup ended");
            return (StatusCode::SERVICE_UNAVAILABLE, "try again later").into_response();
        }
    }
    // The same budget a device has, per connection: guessing 1C's password or flooding a
    // receiver costs that connection, never the shop's other channels or its database.
    if let Err(refused) = guard.admit_connection(connection) {
        return refused.into_response();
    }
    guard.within(forward(worker, rest, req)).await
}

/// Every receiver's path names its connection second: `woo/{id}`, `1c/{id}`,
/// `yandex/{id}/notification`, `megamarket/{id}/order/new`…
fn connection_of(rest: &str) -> Option<Uuid> {
    Uuid::parse_str(rest.split('/').nth(1)?).ok()
}

/// The body read within its kind's limit, then handed to the shop's own receivers.
async fn forward(worker: Arc<crate::Worker>, rest: String, req: Request) -> Response {
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
