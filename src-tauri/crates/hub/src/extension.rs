//! What a hub process adds to the library's own routes. The channel connectors (crate
//! `hub-connectors`, which builds the `orderdesk-hub` binary) plug in here, so this library
//! is the axum + PostgreSQL sync server alone and links neither the desk nor SQLite.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::Request;
use axum::response::Response;
use axum::Router;
use deadpool_postgres::Pool;
use uuid::Uuid;

use crate::gate;
use crate::state::AppState;
use crate::HubError;

/// Routes and background work added to a [`crate::Hub`] by [`crate::Hub::start_with`].
pub trait Extension: Send + Sync + 'static {
    /// Routes for a shop's members, mounted beside `/v1/push`: every request has passed the
    /// hub's gate (protocol, budgets, token, body limit, time limit) and carries the signed-in
    /// [`crate::Device`] in its extensions.
    fn member_routes(&self) -> Router;

    /// Routes the outside world calls (a site's webhooks, 1C, marketplaces), mounted outside
    /// the gate and the body limit: they check their callers themselves, with `guard`.
    fn public_routes(&self, guard: HookGuard) -> Router;

    /// The hub serves: `own` is a plain-HTTP loopback address of this hub, for workers that
    /// sign in to it like any desk; `pool` is the hub's database.
    fn start(&self, pool: Pool, own: SocketAddr);

    /// The hub is stopping (or dropped): end the background work at once.
    fn stop(&self);
}

/// The hub's budgets for callers that have no device token: per sender address first, then
/// per connection the caller names, and the request time limit.
#[derive(Clone)]
pub struct HookGuard(pub(crate) Arc<AppState>);

impl HookGuard {
    /// Charges the sender's address: a flood from one place stops here, before any lookup.
    /// A spent budget is the hub's own `RateLimited` (429 with `retry-after`), as for devices.
    pub fn admit_sender(&self, req: &Request) -> Result<(), HubError> {
        let now = std::time::Instant::now();
        self.0
            .budgets
            .by_address
            .take(gate::peer(req), now)
            .map_err(|retry_after_s| HubError::RateLimited { retry_after_s })
    }

    /// Charges a connection that runs here: guessing its password or flooding it costs that
    /// connection's budget, never another's.
    pub fn admit_connection(&self, connection: Uuid) -> Result<(), HubError> {
        let now = std::time::Instant::now();
        self.0
            .hook_limit
            .take(connection, now)
            .map_err(|retry_after_s| HubError::RateLimited { retry_after_s })
    }

    /// `answer`, or 408 when it takes longer than the hub's request time limit.
    pub async fn within(&self, answer: impl Future<Output = Response>) -> Response {
        gate::within(self.0.budgets.request_timeout, answer).await
    }
}
