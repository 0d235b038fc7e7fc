//! In a team the hub runs the shop's connectors (one place per shop, never every PC): the
//! channels screen of a team desk shows and edits them through the hub's `/v1/channels`
//! endpoints, with this device's token. A desk working alone keeps its own connectors.

use std::time::Duration;

use channels::ChannelError;
use proto::sync::PROTOCOL_VERSION;
use serde::de::DeserializeOwned;
use serde::Serialize;
use sync::SyncError;

use crate::{Desk, DeskError};

/// A sync now waits for the channel; the rest are quick reads and writes on the hub.
const TIMEOUT: Duration = Duration::from_secs(120);

pub(crate) struct HubChannels {
    url: String,
    token: String,
    /// On a shared PC, the member signed in: the hub checks their role, not the device's.
    member: Option<String>,
}

impl Desk {
    /// The hub's channel endpoints when this desk is a team member; `None` when it works
    /// alone (or is the hub's own headless worker, which keeps no link in its database).
    pub(crate) fn hub_channels(&self) -> Result<Option<HubChannels>, DeskError> {
        if !self.store.is_joined()? {
            return Ok(None);
        }
        let member = self.store.team_shared()?.then(|| self.actor().id);
        Ok(self.hub_link()?.map(|link| HubChannels {
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
    pub(crate) async fn call<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&B>,
    ) -> Result<T, DeskError> {
        let client = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            .timeout(TIMEOUT)
            .build()
            .map_err(|e| offline(&e))?;
        let url = format!("{}{path}", self.url.trim_end_matches('/'));
        let mut req = client
            .request(method, url)
            .bearer_auth(&self.token)
            .header("orderdesk-protocol", PROTOCOL_VERSION.to_string());
        if let Some(member) = &self.member {
            req = req.header("orderdesk-member", member);
        }
        if let Some(body) = body {
            req = req.json(body);
        }
        let res = req.send().await.map_err(|e| offline(&e))?;
        let status = res.status();
        if status.is_success() {
            return res
                .json()
                .await
                .map_err(|_| DeskError::Sync(SyncError::BadAnswer("unreadable answer".into())));
        }
        let (message, reason) = res
            .json::<proto::sync::HubError>()
            .await
            .map(|e| (e.message, e.reason))
            .unwrap_or_default();
        Err(match status.as_u16() {
            401 => DeskError::Sync(SyncError::Unauthorized),
            // The worker's desk refused the input: the same refusal a desk alone would give,
            // typed (so worded in the window's language) where the hub sends its reason.
            400 => match reason.map(|r| *r) {
                Some(proto::ErrorReason::Input { problem }) => DeskError::Input(problem),
                _ => DeskError::InvalidInput(message),
            },
            500..=599 => DeskError::Sync(SyncError::Offline(message)),
            s => DeskError::Channel(ChannelError::Refused { status: s, message }),
        })
    }

    /// For the desk's blocking use cases: the call runs on a thread and runtime of its own,
    /// since the caller may itself be inside an async runtime.
    pub(crate) fn call_blocking<B, T>(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&B>,
    ) -> Result<T, DeskError>
    where
        B: Serialize + Sync + ?Sized,
        T: DeserializeOwned + Send,
    {
        std::thread::scope(|scope| {
            scope
                .spawn(|| {
                    let runtime = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                        .map_err(|e| DeskError::Sync(SyncError::Offline(e.to_string())))?;
                    runtime.block_on(self.call(method, path, body))
                })
                .join()
                .map_err(|_| DeskError::Sync(SyncError::Offline("the hub call failed".into())))?
        })
    }

    pub(crate) fn get<T: DeserializeOwned + Send>(&self, path: &str) -> Result<T, DeskError> {
        self.call_blocking::<(), T>(reqwest::Method::GET, path, None)
    }

    pub(crate) fn send<B, T>(
        &self,
        method: reqwest::Method,
        path: &str,
        body: &B,
    ) -> Result<T, DeskError>
    where
        B: Serialize + Sync + ?Sized,
        T: DeserializeOwned + Send,
    {
        self.call_blocking(method, path, Some(body))
    }
}
