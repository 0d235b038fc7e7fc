//! How a desk talks to the hub. [`HttpHub`] is what desks use; tests wrap it to lose, repeat
//! and reorder messages.

use std::future::Future;
use std::time::Duration;

use proto::sync::{
    Hello, HubError, PullRequest, PullResponse, PushRequest, PushResponse, PROTOCOL_VERSION,
};
use reqwest::StatusCode;
use serde::de::DeserializeOwned;

use crate::SyncError;

/// Where the hub is and this device's token.
#[derive(Clone, PartialEq, Eq)]
pub struct HubLink {
    pub url: String,
    pub token: String,
}

impl std::fmt::Debug for HubLink {
    /// Never prints the token: links end up in logs and error reports.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HubLink")
            .field("url", &self.url)
            .field("token", &"…")
            .finish()
    }
}

pub trait Transport: Send + Sync {
    fn hello(&self) -> impl Future<Output = Result<Hello, SyncError>> + Send;
    fn push(
        &self,
        req: &PushRequest,
    ) -> impl Future<Output = Result<PushResponse, SyncError>> + Send;
    fn pull(
        &self,
        req: &PullRequest,
    ) -> impl Future<Output = Result<PullResponse, SyncError>> + Send;
}

/// Enough for a connect on a LAN or the internet; the long-poll adds its own wait on top.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

pub struct HttpHub {
    client: reqwest::Client,
    link: HubLink,
}

/// The token travels in every request's headers: over plain http it would cross the shop's
/// network (or the internet) readable by anyone on the way. Only the PC itself is exempt —
/// a hub on the same machine, as in tests and single-PC trials.
pub fn check_url(url: &str) -> Result<(), SyncError> {
    let insecure = || SyncError::InsecureUrl(url.to_owned());
    let parsed = reqwest::Url::parse(url.trim()).map_err(|_| insecure())?;
    match parsed.scheme() {
        "https" => Ok(()),
        "http" => {
            let loopback = match parsed.host() {
                Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
                Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
                Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
                None => false,
            };
            if loopback {
                Ok(())
            } else {
                Err(insecure())
            }
        }
        _ => Err(insecure()),
    }
}

impl HttpHub {
    pub fn new(link: HubLink) -> Result<HttpHub, SyncError> {
        check_url(&link.url)?;
        let client = reqwest::Client::builder()
            .connect_timeout(CONNECT_TIMEOUT)
            .build()
            .map_err(|e| SyncError::Offline(e.to_string()))?;
        Ok(HttpHub { client, link })
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.link.url.trim_end_matches('/'))
    }

    async fn send<T: DeserializeOwned>(
        &self,
        req: reqwest::RequestBuilder,
        timeout: Duration,
    ) -> Result<T, SyncError> {
        let res = req
            .bearer_auth(&self.link.token)
            .header("orderdesk-protocol", PROTOCOL_VERSION.to_string())
            .timeout(timeout)
            .send()
            .await
            .map_err(|e| SyncError::Offline(without_url(&e)))?;
        let status = res.status();
        if status.is_success() {
            return res
                .json()
                .await
                .map_err(|e| SyncError::BadAnswer(without_url(&e)));
        }
        let retry_after_s = retry_after_s(res.headers());
        let message = res
            .json::<HubError>()
            .await
            .map(|e| e.message)
            .unwrap_or_default();
        Err(match status {
            StatusCode::UNAUTHORIZED => SyncError::Unauthorized,
            StatusCode::FORBIDDEN => SyncError::Revoked,
            StatusCode::UPGRADE_REQUIRED => SyncError::UpgradeRequired,
            StatusCode::TOO_MANY_REQUESTS => SyncError::RateLimited { retry_after_s },
            s if s.is_server_error() => SyncError::Offline(format!("{s}: {message}")),
            s => SyncError::BadAnswer(format!("{s}: {message}")),
        })
    }
}

/// How long the hub's `retry-after` asks to wait, in seconds; a second when it says
/// nothing readable. Shared with the team desk's channel calls through the hub.
pub fn retry_after_s(headers: &reqwest::header::HeaderMap) -> u64 {
    headers
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(1)
}

/// reqwest's errors name the URL; keep only what went wrong.
fn without_url(e: &reqwest::Error) -> String {
    let kind = if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "cannot connect"
    } else if e.is_decode() {
        "unreadable answer"
    } else {
        "request failed"
    };
    format!("{kind}: {}", e.without_url_ref())
}

trait WithoutUrl {
    fn without_url_ref(&self) -> String;
}

impl WithoutUrl for reqwest::Error {
    fn without_url_ref(&self) -> String {
        std::error::Error::source(self).map_or_else(String::new, ToString::to_string)
    }
}

impl HttpHub {
    pub(crate) async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, SyncError> {
        self.send(self.client.get(self.url(path)), REQUEST_TIMEOUT)
            .await
    }
}

impl Transport for HttpHub {
    async fn hello(&self) -> Result<Hello, SyncError> {
        self.get("/v1/hello").await
    }

    async fn push(&self, req: &PushRequest) -> Result<PushResponse, SyncError> {
        self.send(
            self.client.post(self.url("/v1/push")).json(req),
            REQUEST_TIMEOUT,
        )
        .await
    }

    async fn pull(&self, req: &PullRequest) -> Result<PullResponse, SyncError> {
        let timeout = REQUEST_TIMEOUT + Duration::from_millis(u64::from(req.wait_ms));
        self.send(self.client.post(self.url("/v1/pull")).json(req), timeout)
            .await
    }
}

#[cfg(test)]
mod url_tests {
    use super::*;

    #[test]
    fn a_hub_over_plain_http_to_another_machine_is_refused() {
        for bad in [
            "http://hub.example.ru",
            "http://192.168.1.10:7878",
            "http://10.0.0.2",
            "http://[2001:db8::1]:7878",
            "ftp://hub.example.ru",
            "hub.example.ru",
            "",
        ] {
            assert!(
                matches!(check_url(bad), Err(SyncError::InsecureUrl(_))),
                "{bad:?} was accepted"
            );
            let link = HubLink {
                url: bad.into(),
                token: "t".into(),
            };
            assert!(HttpHub::new(link).is_err(), "{bad:?}: a client was made");
        }
        for good in [
            "https://hub.example.ru",
            "https://192.168.1.10:7878/",
            "http://127.0.0.1:7878",
            "http://localhost:7878",
            "http://[::1]:7878",
        ] {
            assert!(check_url(good).is_ok(), "{good:?} was refused");
        }
    }
}
