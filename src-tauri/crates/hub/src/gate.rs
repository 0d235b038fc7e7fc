//! The door of every `/v1` request, passed before its body is read: the protocol, a budget
//! per source address and per token (both before the token costs a database lookup), then
//! the lookup itself. The device found rides in the request's extensions to the handler,
//! and the whole request — body included — must end within the configured time.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use proto::sync::PROTOCOL_VERSION;
use sha2::{Digest, Sha256};

use crate::auth::{self, Device};
use crate::state::{AppState, PROTOCOL_HEADER};
use crate::HubError;

/// Where the request came from, as the listener recorded it.
pub(crate) fn peer(req: &Request) -> IpAddr {
    req.extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |c| c.0.ip())
}

pub(crate) async fn gate(
    State(state): State<Arc<AppState>>,
    mut req: Request,
    next: Next,
) -> Response {
    let device = match admit(&state, peer(&req), req.headers()).await {
        Ok(device) => device,
        Err(e) => return e.into_response(),
    };
    req.extensions_mut().insert(device);
    within(state.budgets.request_timeout, next.run(req)).await
}

/// The door of what is served without a token (the releases folder): the address budget
/// alone, so that one address fetching an installer in a loop is braked as a token guesser
/// is, and the desks of other addresses are not.
pub(crate) async fn by_address(
    State(state): State<Arc<AppState>>,
    req: Request,
    next: Next,
) -> Response {
    if let Err(retry_after_s) = state.budgets.by_address.take(peer(&req), Instant::now()) {
        return HubError::RateLimited { retry_after_s }.into_response();
    }
    next.run(req).await
}

/// The answer of `answer`, or 408 when it takes longer than `limit` (a body trickling in,
/// a handler stuck): the connection's task is freed either way.
pub(crate) async fn within(
    limit: Duration,
    answer: impl std::future::Future<Output = Response>,
) -> Response {
    match tokio::time::timeout(limit, answer).await {
        Ok(answer) => answer,
        Err(_) => (StatusCode::REQUEST_TIMEOUT, "request took too long").into_response(),
    }
}

/// Protocol, address budget, token budget, token: cheapest first.
async fn admit(state: &AppState, peer: IpAddr, headers: &HeaderMap) -> Result<Device, HubError> {
    let version = headers
        .get(PROTOCOL_HEADER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u32>().ok())
        .unwrap_or(0);
    if version != PROTOCOL_VERSION {
        return Err(HubError::Upgrade(version));
    }
    let now = Instant::now();
    let braked = |retry_after_s| HubError::RateLimited { retry_after_s };
    state.budgets.by_address.take(peer, now).map_err(braked)?;
    let token = auth::bearer(headers)?;
    let key: [u8; 32] = Sha256::digest(token.as_bytes()).into();
    state.budgets.by_token.take(key, now).map_err(braked)?;
    auth::device(&state.pool, token, headers).await
}
