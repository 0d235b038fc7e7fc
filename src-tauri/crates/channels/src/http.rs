//! One place that sends channel requests: timeouts, retries with backoff on 5xx, timeouts and
//! cut-off bodies, waiting as told on 429, and errors without URLs (they carry OAuth
//! parameters).

use std::time::Duration;

use reqwest::header::HeaderMap;
use reqwest::{RequestBuilder, StatusCode};
use serde::de::DeserializeOwned;

use crate::config::{RetryPolicy, Settings};
use crate::tls::Trust;
use crate::ChannelError;

/// A whole answer: the body is read inside the retry loop, so a body cut off mid-way is
/// retried like a dropped connection.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn json<T: DeserializeOwned>(&self, what: &'static str) -> Result<T, ChannelError> {
        serde_json::from_slice(&self.body).map_err(|e| ChannelError::malformed(what, e))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The channel's own clock when it answered (its `Date` header). A cursor kept in the
    /// channel's time must come from here: ours may run ahead of it, and a change it stamps
    /// between our reads would then sit behind the cursor for good.
    pub fn server_time(&self) -> Option<jiff::Timestamp> {
        self.header("date")
            .and_then(|d| jiff::fmt::rfc2822::parse(d).ok())
            .map(|z| z.timestamp())
    }
}

/// The largest answer read from a channel, after decompression: a page of orders, a stock
/// list or a labels PDF is far below it.
pub const MAX_BODY: usize = 64 * 1024 * 1024;

#[derive(Clone)]
pub struct Http {
    client: reqwest::Client,
    retry: RetryPolicy,
    /// Requests to a private IP literal are refused (names are checked by the resolver).
    public_only: bool,
}

enum Failure {
    Retry(ChannelError, Option<Duration>),
    Fatal(ChannelError),
}

impl Http {
    pub fn new(retry: RetryPolicy) -> Result<Http, ChannelError> {
        Http::with_extra_roots(retry, &[])
    }

    /// The client of a connection: its retry policy and the certificate its admin trusts.
    pub fn for_settings(settings: &Settings) -> Result<Http, ChannelError> {
        if !settings.public_hosts_only {
            return Http::build(settings.retry, settings.trust.as_ref(), &[]);
        }
        let mut http = Http::build_with(settings.retry, settings.trust.as_ref(), &[], |b| {
            b.dns_resolver(std::sync::Arc::new(crate::public_net::PublicOnly))
                .redirect(crate::public_net::redirects())
        })?;
        http.public_only = true;
        Ok(http)
    }

    /// Trusts these PEM CA certificates besides the system's roots: a site whose certificate
    /// comes from the shop's own CA, or a test's loopback HTTPS server.
    pub fn with_extra_roots(retry: RetryPolicy, pems: &[&[u8]]) -> Result<Http, ChannelError> {
        Http::build(retry, None, pems)
    }

    fn build(
        retry: RetryPolicy,
        trust: Option<&Trust>,
        pems: &[&[u8]],
    ) -> Result<Http, ChannelError> {
        Http::build_with(retry, trust, pems, |b| b)
    }

    fn build_with(
        retry: RetryPolicy,
        trust: Option<&Trust>,
        pems: &[&[u8]],
        more: impl FnOnce(reqwest::ClientBuilder) -> reqwest::ClientBuilder,
    ) -> Result<Http, ChannelError> {
        let builder = more(reqwest::Client::builder())
            .timeout(Duration::from_millis(retry.timeout_ms))
            .connect_timeout(Duration::from_millis(retry.timeout_ms.min(10_000)))
            .user_agent(concat!("OrderDesk/", env!("CARGO_PKG_VERSION")));
        let client = crate::tls::apply(builder, trust, pems)?
            .build()
            .map_err(|e| ChannelError::Network(e.without_url().to_string()))?;
        Ok(Http {
            client,
            retry,
            public_only: false,
        })
    }

    pub fn client(&self) -> &reqwest::Client {
        &self.client
    }

    /// Sends the request `build` makes (called again for every attempt, so each can be signed
    /// afresh) until it succeeds, fails for good, or the policy's attempts run out.
    pub async fn send<F>(&self, build: F) -> Result<Reply, ChannelError>
    where
        F: Fn(&reqwest::Client) -> Result<RequestBuilder, ChannelError>,
    {
        let attempts = self.retry.attempts.max(1);
        let mut attempt = 0;
        loop {
            attempt += 1;
            let failure = match self.once(build(&self.client)?).await {
                Ok(reply) => return Ok(reply),
                Err(f) => f,
            };
            let (error, told) = match failure {
                Failure::Fatal(e) => return Err(e),
                Failure::Retry(e, told) => (e, told),
            };
            if attempt >= attempts {
                return Err(match error {
                    ChannelError::RateLimited { .. } => ChannelError::RateLimited { attempts },
                    ChannelError::Server { status, .. } => {
                        ChannelError::Server { status, attempts }
                    }
                    ChannelError::Timeout { .. } => ChannelError::Timeout { attempts },
                    other => other,
                });
            }
            let wait = told.unwrap_or_else(|| self.backoff(attempt));
            tracing::debug!(attempt, ?wait, %error, "channel call failed, retrying");
            tokio::time::sleep(wait.min(Duration::from_millis(self.retry.max_delay_ms))).await;
        }
    }

    /// Doubling from the first delay, capped, with ±25 % jitter so several connections do not
    /// retry in step.
    fn backoff(&self, attempt: u32) -> Duration {
        let base = self
            .retry
            .first_delay_ms
            .saturating_mul(1_u64 << attempt.saturating_sub(1).min(20))
            .min(self.retry.max_delay_ms);
        let jitter = base / 4;
        let spread = if jitter == 0 {
            0
        } else {
            fastrand::u64(0..=jitter * 2)
        };
        Duration::from_millis(base - jitter + spread)
    }

    async fn once(&self, request: RequestBuilder) -> Result<Reply, Failure> {
        let (client, request) = request.build_split();
        let request = request.map_err(transport)?;
        if self.public_only {
            if let Some(refused) = crate::public_net::literal_refusal(request.url()) {
                return Err(Failure::Fatal(ChannelError::Config(refused.to_string())));
            }
        }
        let mut response = client.execute(request).await.map_err(transport)?;
        let status = response.status();
        let headers = response.headers().clone();
        // Read piece by piece up to a cap, counted after decompression: a connection pointed
        // at a gzip bomb (or an endless answer) fails with a clear error instead of filling
        // the memory every shop on the hub shares.
        let too_large = || {
            Failure::Fatal(ChannelError::TooLarge {
                limit_mb: MAX_BODY / (1024 * 1024),
            })
        };
        if response
            .content_length()
            .is_some_and(|n| n > MAX_BODY as u64)
        {
            return Err(too_large());
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(transport)? {
            if body.len() + chunk.len() > MAX_BODY {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        let reply = Reply {
            status,
            headers,
            body,
        };
        if status.is_success() {
            return Ok(reply);
        }
        if status == StatusCode::UNAUTHORIZED || status == StatusCode::FORBIDDEN {
            return Err(Failure::Fatal(ChannelError::Unauthorized {
                status: status.as_u16(),
                reason: reason(&reply.body),
            }));
        }
        // Yandex Market answers 420 (not 429) when its limits are hit.
        if status == StatusCode::TOO_MANY_REQUESTS || status.as_u16() == 420 {
            return Err(Failure::Retry(
                ChannelError::RateLimited { attempts: 1 },
                told_wait(&reply.headers),
            ));
        }
        if status.is_server_error() || status == StatusCode::REQUEST_TIMEOUT {
            return Err(Failure::Retry(
                ChannelError::Server {
                    status: status.as_u16(),
                    attempts: 1,
                },
                None,
            ));
        }
        Err(Failure::Fatal(ChannelError::Refused {
            status: status.as_u16(),
            message: reason(&reply.body),
        }))
    }
}

fn transport(e: reqwest::Error) -> Failure {
    let e = e.without_url();
    // Refused by us, not the network: asking again resolves to the same place.
    if let Some(refused) = crate::public_net::refusal(&e) {
        return Failure::Fatal(ChannelError::Config(refused.to_string()));
    }
    // Asking again cannot change the certificate's verdict; and it is not the network's fault.
    if let Some(problem) = crate::tls::certificate_problem(&e) {
        return Failure::Fatal(ChannelError::Certificate(problem));
    }
    if e.is_timeout() {
        Failure::Retry(ChannelError::Timeout { attempts: 1 }, None)
    } else if e.is_connect() || e.is_body() || e.is_request() || e.is_decode() {
        Failure::Retry(ChannelError::Network(e.to_string()), None)
    } else {
        Failure::Fatal(ChannelError::Network(e.to_string()))
    }
}

/// How long the channel asked us to wait: `Retry-After` (seconds) or МойСклад's
/// `X-Lognex-Retry-TimeInterval` (milliseconds).
pub(crate) fn told_wait(headers: &HeaderMap) -> Option<Duration> {
    let get = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
    };
    get("x-lognex-retry-timeinterval")
        .or_else(|| get("x-lognex-retry-after"))
        .map(Duration::from_millis)
        .or_else(|| get("retry-after").map(Duration::from_secs))
}

/// A short, printable reason from an error body: WooCommerce's and МойСклад's JSON errors
/// give a code and a message; anything else is cut to a line.
fn reason(body: &[u8]) -> String {
    if let Ok(v) = serde_json::from_slice::<serde_json::Value>(body) {
        let code = v.get("code").and_then(|c| c.as_str());
        let message = v
            .get("message")
            .and_then(|m| m.as_str())
            .or_else(|| v.pointer("/errors/0/error").and_then(|m| m.as_str()));
        match (code, message) {
            (Some(c), Some(m)) => return format!("{c}: {m}"),
            (None, Some(m)) => return m.to_owned(),
            (Some(c), None) => return c.to_owned(),
            (None, None) => {}
        }
    }
    let text = String::from_utf8_lossy(body);
    let line = text.lines().next().unwrap_or("").trim();
    line.chars().take(200).collect()
}
