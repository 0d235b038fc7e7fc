//! In a team the hub runs the shop's connectors (one place per shop, never every PC): the
//! channels screen of a team desk shows and edits them through the hub's `/v1/channels`
//! endpoints, with this device's token. A desk working alone keeps its own connectors.

use std::sync::PoisonError;
use std::time::Duration;

use channels::ChannelError;
use proto::sync::{HubErrorCode, PROTOCOL_VERSION};
use serde::de::DeserializeOwned;
use serde::Serialize;
use sync::{HubLink, SyncError};

use crate::{Desk, DeskError};

/// A sync now waits for the channel; the rest are quick reads and writes on the hub.
const TIMEOUT: Duration = Duration::from_secs(120);

/// One `reqwest::Client` for every channel call to the hub, on a runtime of the desk's own
/// that lives as long as the desk: a pooled connection's task runs on the runtime that opened
/// it, so a runtime per call (as before) would leave the pool holding dead connections.
pub(crate) struct HubIo {
    client: reqwest::Client,
    /// `Option` only so that `Drop` can take it: a runtime dropped inside an async context
    /// (a test's, the hub's worker) would panic; shut down in the background it does not.
    runtime: Option<tokio::runtime::Runtime>,
}

impl HubIo {
    fn new() -> Result<HubIo, DeskError> {
        let client = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            .timeout(TIMEOUT)
            .build()
            .map_err(|e| offline(&e))?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("desk-hub-io")
            .enable_all()
            .build()
            .map_err(|e| DeskError::Sync(SyncError::Offline(e.to_string())))?;
        Ok(HubIo {
            client,
            runtime: Some(runtime),
        })
    }

    fn handle(&self) -> Option<tokio::runtime::Handle> {
        self.runtime.as_ref().map(|r| r.handle().clone())
    }
}

impl Drop for HubIo {
    fn drop(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

pub(crate) struct HubChannels {
    /// The desk's one client (`HubIo`): a cheap handle on a shared pool.
    client: reqwest::Client,
    /// The desk's runtime every call runs on, whoever calls.
    runtime: tokio::runtime::Handle,
    url: String,
    token: String,
    /// On a shared PC, the member signed in: the hub checks their role, not the device's.
    member: Option<String>,
}

/// Where this desk's channel tasks run. Chosen when the desk opens and again when it joins a
/// team, the only moments it changes (a restored copy opens as a new desk), rather than by
/// reading the database and the OS keyring at every call.
#[derive(Clone)]
pub(crate) enum Connectors {
    /// This PC runs the shop's connectors: a desk working alone, or the hub's own headless
    /// worker.
    Here,
    /// The hub runs them; the channel screens go through its `/v1/channels` endpoints.
    Hub {
        link: HubLink,
        /// A PC members take turns at: the hub checks the signed-in member's role.
        shared: bool,
    },
    /// A team desk whose token could not be read when it was chosen (no keyring yet at
    /// start-up): each call tries again, and fails as it would have, rather than falling
    /// back to connectors on this PC that would run the shop's channels a second time.
    Unread,
}

impl Desk {
    /// Decides where the channel tasks run; see [`Connectors`]. A token that cannot be read
    /// leaves the choice `Unread` and is the error.
    pub(crate) fn choose_connectors(&self) -> Result<Connectors, DeskError> {
        let chosen = if self.headless || !self.store.is_joined()? {
            Connectors::Here
        } else {
            match self.hub_link() {
                Ok(Some(link)) => Connectors::Hub {
                    link,
                    shared: self.store.team_shared()?,
                },
                // Joined, yet no address kept: nothing to call.
                Ok(None) => Connectors::Here,
                Err(e) => {
                    *self
                        .connectors
                        .write()
                        .unwrap_or_else(PoisonError::into_inner) = Connectors::Unread;
                    return Err(e);
                }
            }
        };
        *self
            .connectors
            .write()
            .unwrap_or_else(PoisonError::into_inner) = chosen.clone();
        Ok(chosen)
    }

    /// The hub's channel endpoints when this desk is a team member; `None` when it runs the
    /// connectors itself.
    pub(crate) fn hub_channels(&self) -> Result<Option<HubChannels>, DeskError> {
        let chosen = self
            .connectors
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        let (link, shared) = match chosen {
            Connectors::Here => return Ok(None),
            Connectors::Hub { link, shared } => (link, shared),
            // Tried again; the keyring's error is the call's, as before the choice was kept.
            Connectors::Unread => match self.choose_connectors()? {
                Connectors::Hub { link, shared } => (link, shared),
                Connectors::Here | Connectors::Unread => return Ok(None),
            },
        };
        let member = shared.then(|| self.actor().id);
        let io = match self.hub_io.get() {
            Some(io) => io,
            // Two first calls at once may both make one; the other is dropped unused.
            None => {
                let made = HubIo::new()?;
                self.hub_io.get_or_init(|| made)
            }
        };
        let runtime = io
            .handle()
            .ok_or_else(|| DeskError::Sync(SyncError::Offline("the desk is closing".into())))?;
        Ok(Some(HubChannels {
            client: io.client.clone(),
            runtime,
            url: link.url,
            token: link.token,
            member,
        }))
    }
}

fn offline(e: &reqwest::Error) -> DeskError {
    // reqwest's messages name the URL; the kind is enough.
    let kind = if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "cannot connect"
    } else {
        "request failed"
    };
    DeskError::Sync(SyncError::Offline(kind.into()))
}

impl HubChannels {
    /// One call to the hub, run on the desk's runtime whatever runtime awaits it.
    pub(crate) async fn call<B, T>(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&B>,
    ) -> Result<T, DeskError>
    where
        B: Serialize + ?Sized,
        T: DeserializeOwned + Send + 'static,
    {
        let req = self.request(method, path, body);
        self.runtime.spawn(answer(req)).await.map_err(|e| {
            tracing::warn!(%e, "a hub call's task ended");
            DeskError::Sync(SyncError::Offline("the hub call failed".into()))
        })?
    }

    fn request<B: Serialize + ?Sized>(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&B>,
    ) -> reqwest::RequestBuilder {
        let url = format!("{}{path}", self.url.trim_end_matches('/'));
        let mut req = self
            .client
            .request(method, url)
            .bearer_auth(&self.token)
            .header("orderdesk-protocol", PROTOCOL_VERSION.to_string());
        if let Some(member) = &self.member {
            req = req.header("orderdesk-member", member);
        }
        if let Some(body) = body {
            req = req.json(body);
        }
        req
    }

    /// For the desk's blocking use cases: the call runs on the desk's runtime and this
    /// thread waits for its answer. A plain channel, not `block_on`, so that a caller inside
    /// some runtime of its own does not panic.
    pub(crate) fn call_blocking<B, T>(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&B>,
    ) -> Result<T, DeskError>
    where
        B: Serialize + ?Sized,
        T: DeserializeOwned + Send + 'static,
    {
        let req = self.request(method, path, body);
        let (tx, rx) = std::sync::mpsc::sync_channel(1);
        self.runtime.spawn(async move {
            // The caller may have given up waiting; nothing to tell it then.
            let _ = tx.send(answer(req).await);
        });
        rx.recv()
            .map_err(|_| DeskError::Sync(SyncError::Offline("the hub call failed".into())))?
    }

    pub(crate) fn get<T: DeserializeOwned + Send + 'static>(
        &self,
        path: &str,
    ) -> Result<T, DeskError> {
        self.call_blocking::<(), T>(reqwest::Method::GET, path, None)
    }

    pub(crate) fn send<B, T>(
        &self,
        method: reqwest::Method,
        path: &str,
        body: &B,
    ) -> Result<T, DeskError>
    where
        B: Serialize + ?Sized,
        T: DeserializeOwned + Send + 'static,
    {
        self.call_blocking(method, path, Some(body))
    }
}

/// The hub's answer to `req`: the body on success, else the refusal as the desk's own error.
async fn answer<T: DeserializeOwned>(req: reqwest::RequestBuilder) -> Result<T, DeskError> {
    let res = req.send().await.map_err(|e| offline(&e))?;
    let status = res.status();
    if status.is_success() {
        return res.json().await.map_err(|e| {
            let e = e.without_url();
            tracing::warn!(%e, "the hub's answer could not be read");
            DeskError::Sync(SyncError::BadAnswer(format!("unreadable answer: {e}")))
        });
    }
    let retry_after_s = sync::retry_after_s(res.headers());
    let refusal = res.json::<proto::sync::HubError>().await.ok();
    let code = refusal.as_ref().map(|e| e.code);
    let (message, reason) = refusal.map(|e| (e.message, e.reason)).unwrap_or_default();
    // The worker's desk refused: the same refusal a desk alone would give, typed (so worded
    // in the window's language) where the hub sends its reason. Before, a channel's failure
    // (a bad gateway) read as the hub being unreachable, and every other refusal as the
    // worker's English text.
    let reason = reason
        .map(|r| *r)
        .filter(|r| *r != proto::ErrorReason::Unknown);
    Err(match (status.as_u16(), reason) {
        (401, _) => DeskError::Sync(SyncError::Unauthorized),
        // The hub's own door, not the worker's desk: said as sync says it (this PC revoked,
        // wait and retry, a newer hub), where before each read as «the channel refused».
        (_, None) if code == Some(HubErrorCode::Revoked) => DeskError::Sync(SyncError::Revoked),
        (429, None) => DeskError::Sync(SyncError::RateLimited { retry_after_s }),
        (_, None) if code == Some(HubErrorCode::UpgradeRequired) => {
            DeskError::Sync(SyncError::UpgradeRequired)
        }
        (400, Some(proto::ErrorReason::Input { problem })) => DeskError::Input(problem),
        (status, Some(reason)) => DeskError::FromHub {
            status,
            reason: Box::new(reason),
            message,
        },
        (400, None) => DeskError::InvalidInput(message),
        (500..=599, None) => DeskError::Sync(SyncError::Offline(message)),
        (s, None) => DeskError::Channel(ChannelError::Refused { status: s, message }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::StatusCode;
    use axum::routing::get;

    async fn serve() -> String {
        let refusal = |status: StatusCode, code: &'static str| {
            move || async move {
                (
                    status,
                    [("retry-after", "7")],
                    format!(r#"{{"code":"{code}","message":"the hub's own words"}}"#),
                )
            }
        };
        let app = axum::Router::new()
            .route("/revoked", get(refusal(StatusCode::FORBIDDEN, "revoked")))
            .route(
                "/braked",
                get(refusal(StatusCode::TOO_MANY_REQUESTS, "rate_limited")),
            )
            .route(
                "/newer",
                get(refusal(StatusCode::UPGRADE_REQUIRED, "upgrade_required")),
            )
            .route("/garbled", get(|| async { "{not json" }));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("listen");
        let addr = listener.local_addr().expect("addr");
        tokio::spawn(async move { axum::serve(listener, app).await });
        format!("http://{addr}")
    }

    /// The hub's own refusals (this PC revoked, too many requests, a newer hub) all read
    /// as «the channel refused» on the team desk, and an unreadable answer lost its cause.
    #[tokio::test]
    async fn the_hub_s_own_refusals_are_said_as_sync_says_them() {
        let base = serve().await;
        let client = reqwest::Client::new();
        let ask = |path: &str| answer::<serde_json::Value>(client.get(format!("{base}{path}")));
        assert!(matches!(
            ask("/revoked").await,
            Err(DeskError::Sync(SyncError::Revoked))
        ));
        assert!(matches!(
            ask("/braked").await,
            Err(DeskError::Sync(SyncError::RateLimited { retry_after_s: 7 }))
        ));
        assert!(matches!(
            ask("/newer").await,
            Err(DeskError::Sync(SyncError::UpgradeRequired))
        ));
        match ask("/garbled").await {
            Err(DeskError::Sync(SyncError::BadAnswer(why))) => {
                assert!(why.starts_with("unreadable answer: "), "{why}");
                assert!(why.len() > "unreadable answer: ".len(), "{why}");
            }
            other => panic!("{other:?}"),
        }
    }
}
