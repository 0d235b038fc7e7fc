//! The МойСклад JSON API 1.2 client: Basic or Bearer auth, gzip (mandatory there), list paging
//! by limit/offset, and its rate limit: 429 waits `X-Lognex-Retry-TimeInterval`, and when
//! `X-RateLimit-Remaining` reaches 0 the next call waits for `X-Lognex-Reset`.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use domain::Quantity;
use jiff::Timestamp;
use reqwest::Method;
use serde::de::DeserializeOwned;
use url::Url;

use super::model::{
    CustomerOrder, Entity, List, NewCounterparty, NewCustomerOrder, OrderMetadata, Ref, StoreStock,
};
use crate::config::Settings;
use crate::http::{Http, Reply};
use crate::paging::PageGuard;
use crate::secrets::Credentials;
use crate::ChannelError;

/// The API's own cap on `limit`.
pub const MAX_LIMIT: u32 = 1000;

pub struct MoySkladClient {
    http: Http,
    /// `…/api/remap/1.2/`
    api: Url,
    credentials: Credentials,
    quiet_until: Mutex<Option<Instant>>,
    limit: u32,
}

impl MoySkladClient {
    pub fn new(
        base_url: &str,
        credentials: Credentials,
        settings: &Settings,
    ) -> Result<MoySkladClient, ChannelError> {
        let mut api = Url::parse(base_url.trim())
            .map_err(|e| ChannelError::Config(format!("МойСклад address: {e}")))?;
        if !api.path().ends_with('/') {
            let path = format!("{}/", api.path());
            api.set_path(&path);
        }
        Ok(MoySkladClient {
            http: Http::for_settings(settings)?,
            api,
            credentials,
            quiet_until: Mutex::new(None),
            limit: settings.page_size.clamp(1, MAX_LIMIT),
        })
    }

    pub fn href(&self, path: &str) -> Result<Url, ChannelError> {
        self.api
            .join(path)
            .map_err(|e| ChannelError::Config(format!("endpoint {path}: {e}")))
    }

    async fn call(
        &self,
        method: Method,
        url: Url,
        body: Option<serde_json::Value>,
    ) -> Result<Reply, ChannelError> {
        let wait = {
            let mut quiet = self
                .quiet_until
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            quiet
                .take()
                .and_then(|t| t.checked_duration_since(Instant::now()))
        };
        if let Some(wait) = wait {
            tokio::time::sleep(wait).await;
        }
        let reply = self
            .http
            .send(|client| {
                let request = client
                    .request(method.clone(), url.clone())
                    // reqwest's gzip feature also sends this; said explicitly because
                    // МойСклад refuses requests without it (415).
                    .header("accept-encoding", "gzip");
                let request = if self.credentials.key.is_empty() {
                    request.bearer_auth(self.credentials.secret.expose())
                } else {
                    request.basic_auth(
                        &self.credentials.key,
                        Some(self.credentials.secret.expose()),
                    )
                };
                Ok(match &body {
                    Some(b) => request.json(b),
                    None => request,
                })
            })
            .await?;
        self.note_limits(&reply);
        Ok(reply)
    }

    /// Out of requests in this window: hold the next call until the window resets.
    fn note_limits(&self, reply: &Reply) {
        let remaining = reply
            .header("x-ratelimit-remaining")
            .and_then(|v| v.trim().parse::<i64>().ok());
        if remaining == Some(0) {
            let reset = reply
                .header("x-lognex-reset")
                .and_then(|v| v.trim().parse::<u64>().ok())
                .unwrap_or(3_000)
                .min(10_000);
            let mut quiet = self
                .quiet_until
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            *quiet = Some(Instant::now() + Duration::from_millis(reset));
        }
    }

    async fn get<T: DeserializeOwned>(
        &self,
        url: Url,
        what: &'static str,
    ) -> Result<T, ChannelError> {
        self.call(Method::GET, url, None).await?.json(what)
    }

    /// Every row of a list, following limit/offset to the end. A page whose rows were all
    /// on earlier pages (a server ignoring `offset`), or a walk past [`crate::MAX_PAGES`],
    /// ends with [`ChannelError::EndlessPaging`]: `meta.size` alone cannot stop a server that
    /// keeps sending `nextHref`.
    pub async fn list<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, String)],
        what: &'static str,
    ) -> Result<Vec<T>, ChannelError> {
        let mut out = Vec::new();
        let mut offset: u64 = 0;
        let mut guard = PageGuard::new("МойСклад, список");
        loop {
            guard.next_page()?;
            let mut url = self.href(path)?;
            url.query_pairs_mut()
                .extend_pairs(query.iter().map(|(k, v)| (*k, v.as_str())))
                .append_pair("limit", &self.limit.to_string())
                .append_pair("offset", &offset.to_string());
            let page: List<serde_json::Value> = self.get(url, what).await?;
            let got = page.rows.len() as u64;
            let mut fresh = 0;
            for (i, row) in page.rows.into_iter().enumerate() {
                // Every МойСклад entity has `meta.href`; a row without one counts by place.
                let key = row
                    .pointer("/meta/href")
                    .and_then(serde_json::Value::as_str)
                    .map_or_else(|| format!("#{}", offset + i as u64), str::to_owned);
                if guard.first_time(key) {
                    fresh += 1;
                    out.push(
                        serde_json::from_value(row)
                            .map_err(|e| ChannelError::malformed(what, e))?,
                    );
                }
            }
            offset += got;
            if got == 0 || page.meta.next_href.is_none() || offset >= page.meta.size {
                return Ok(out);
            }
            if fresh == 0 {
                return Err(guard.endless());
            }
        }
    }

    pub async fn order_states(&self) -> Result<OrderMetadata, ChannelError> {
        self.get(
            self.href("entity/customerorder/metadata")?,
            "order metadata",
        )
        .await
    }

    pub async fn products(&self) -> Result<Vec<Entity>, ChannelError> {
        self.list("entity/product", &[], "products").await
    }

    pub async fn customer_order(&self, id: &str) -> Result<CustomerOrder, ChannelError> {
        self.get(
            self.href(&format!("entity/customerorder/{id}"))?,
            "customer order",
        )
        .await
    }

    /// The order we pushed earlier under this external code, if any (a push whose answer
    /// was lost must not create a second order).
    pub async fn order_by_external_code(
        &self,
        code: &str,
    ) -> Result<Option<CustomerOrder>, ChannelError> {
        let rows: Vec<CustomerOrder> = self
            .list(
                "entity/customerorder",
                &[("filter", format!("externalCode={code}"))],
                "customer orders",
            )
            .await?;
        Ok(rows.into_iter().next())
    }

    pub async fn create_order(
        &self,
        order: &NewCustomerOrder,
    ) -> Result<CustomerOrder, ChannelError> {
        let body = serde_json::to_value(order).map_err(|e| ChannelError::Config(e.to_string()))?;
        self.call(Method::POST, self.href("entity/customerorder")?, Some(body))
            .await?
            .json("customer order")
    }

    pub async fn set_order_state(
        &self,
        id: &str,
        state: &Ref,
    ) -> Result<CustomerOrder, ChannelError> {
        let body = serde_json::json!({ "state": state });
        self.call(
            Method::PUT,
            self.href(&format!("entity/customerorder/{id}"))?,
            Some(body),
        )
        .await?
        .json("customer order")
    }

    pub async fn counterparty_by_phone(&self, phone: &str) -> Result<Option<Entity>, ChannelError> {
        let rows: Vec<Entity> = self
            .list(
                "entity/counterparty",
                &[("filter", format!("phone={phone}"))],
                "counterparties",
            )
            .await?;
        Ok(rows.into_iter().next())
    }

    pub async fn create_counterparty(&self, c: &NewCounterparty) -> Result<Entity, ChannelError> {
        let body = serde_json::to_value(c).map_err(|e| ChannelError::Config(e.to_string()))?;
        self.call(Method::POST, self.href("entity/counterparty")?, Some(body))
            .await?
            .json("counterparty")
    }

    /// Current stock per product and store, changed since `since` when given, and МойСклад's
    /// clock when it answered (the next `since` is taken from it, never from ours).
    pub async fn stock_by_store(
        &self,
        since: Option<Timestamp>,
    ) -> Result<(Vec<StoreStock>, Option<Timestamp>), ChannelError> {
        let mut url = self.href("report/stock/bystore/current")?;
        if let Some(since) = since {
            url.query_pairs_mut()
                .append_pair("changedSince", &moscow(since));
        }
        let reply = self.call(Method::GET, url, None).await?;
        Ok((reply.json("stock by store")?, reply.server_time()))
    }
}

/// МойСклад's times: `yyyy-mm-dd hh:mm:ss` in Moscow time (UTC+3 all year).
pub fn moscow(at: Timestamp) -> String {
    let offset = jiff::tz::Offset::constant(3);
    at.to_zoned(jiff::tz::TimeZone::fixed(offset))
        .strftime("%Y-%m-%d %H:%M:%S")
        .to_string()
}

pub fn parse_moscow(text: &str) -> Option<Timestamp> {
    let text = text.trim();
    let head = text.get(..19).unwrap_or(text);
    let dt = jiff::civil::DateTime::strptime("%Y-%m-%d %H:%M:%S", head).ok()?;
    let offset = jiff::tz::Offset::constant(3);
    let ms: i64 = text.get(20..23).and_then(|f| f.parse().ok()).unwrap_or(0);
    let at = dt
        .to_zoned(jiff::tz::TimeZone::fixed(offset))
        .ok()?
        .timestamp();
    at.checked_add(jiff::SignedDuration::from_millis(ms)).ok()
}

/// A quantity as the JSON number МойСклад takes: an integer for whole pieces, a decimal for
/// goods sold by weight.
pub fn quantity_number(q: Quantity) -> serde_json::Value {
    if q.0 % 1000 == 0 {
        serde_json::Value::from(q.0 / 1000)
    } else {
        let text = format!("{}.{:03}", q.0 / 1000, (q.0 % 1000).abs());
        serde_json::from_str(&text).unwrap_or(serde_json::Value::Null)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moscow_times_round_trip() {
        let at = Timestamp::from_second(1_795_330_000).expect("instant");
        let text = moscow(at);
        assert_eq!(parse_moscow(&text), Some(at));
        assert_eq!(
            parse_moscow("2026-11-22 12:00:00.250").map(|t| t.as_millisecond() % 1000),
            Some(250)
        );
        assert_eq!(parse_moscow("вчера"), None);
        assert_eq!(quantity_number(Quantity(2000)), serde_json::json!(2));
        assert_eq!(quantity_number(Quantity(2500)), serde_json::json!(2.5));
    }
}
