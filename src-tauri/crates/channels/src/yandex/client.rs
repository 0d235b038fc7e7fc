//! The Yandex Market Partner API client: `Api-Key`, orders by `updatedAtFrom` with
//! `pageToken` paging (≤ 50 a page), status updates by PUT; at most 2 requests in flight.

use std::sync::Arc;

use jiff::Timestamp;
use serde_json::json;
use tokio::sync::Semaphore;
use url::Url;

use super::model::{Fetched, OrderReply, OrdersPage, YmOrder};
use crate::config::Settings;
use crate::http::{Http, Reply};
use crate::paging::PageGuard;
use crate::secrets::Credentials;
use crate::ChannelError;

/// The market's cap on `limit`.
pub const MAX_LIMIT: u32 = 50;
/// Requests in flight per login the market allows.
pub const PARALLEL: usize = 2;

#[derive(Clone)]
pub struct YandexClient {
    http: Http,
    base: Url,
    api_key: String,
    campaign_id: i64,
    limit: u32,
    in_flight: Arc<Semaphore>,
}

impl YandexClient {
    /// `credentials.secret` is the Api-Key token.
    pub fn new(
        base_url: &str,
        credentials: Credentials,
        settings: &Settings,
    ) -> Result<YandexClient, ChannelError> {
        let base = Url::parse(base_url.trim())
            .map_err(|e| ChannelError::Config(format!("Yandex Market address: {e}")))?;
        let campaign_id = settings
            .yandex
            .as_ref()
            .map(|y| y.campaign_id)
            .filter(|id| *id > 0)
            .ok_or_else(|| ChannelError::Config("no Yandex Market campaign id".into()))?;
        Ok(YandexClient {
            http: Http::new(settings.retry)?,
            base,
            api_key: credentials.secret.expose().to_owned(),
            campaign_id,
            limit: settings.page_size.clamp(1, MAX_LIMIT),
            in_flight: Arc::new(Semaphore::new(PARALLEL)),
        })
    }

    pub(crate) fn url(&self, path: &str) -> Result<Url, ChannelError> {
        self.base
            .join(&format!("/v2/campaigns/{}/{path}", self.campaign_id))
            .map_err(|e| ChannelError::Config(format!("endpoint {path}: {e}")))
    }

    pub(crate) async fn send(
        &self,
        build: impl Fn(&reqwest::Client) -> reqwest::RequestBuilder,
    ) -> Result<Reply, ChannelError> {
        // Held for the whole call with its retries: a third request never goes out.
        let _permit = self
            .in_flight
            .acquire()
            .await
            .map_err(|_| ChannelError::Network("request limiter closed".into()))?;
        self.http
            .send(|c| Ok(build(c).header("Api-Key", &self.api_key)))
            .await
    }

    /// Orders updated since `from`, every page; each read on its own. The walk ends when
    /// no next token comes, and with [`ChannelError::EndlessPaging`] when a token comes back
    /// (a cycle), a page brings no order not seen before, or past [`crate::MAX_PAGES`].
    pub async fn orders_updated_since(
        &self,
        from: Timestamp,
    ) -> Result<Vec<Fetched>, ChannelError> {
        let url = self.url("orders")?;
        let from = from.to_string();
        let limit = self.limit.to_string();
        let mut token: Option<String> = None;
        let mut out = Vec::new();
        let mut guard = PageGuard::new("Яндекс Маркет, список заказов");
        loop {
            guard.next_page()?;
            let reply = self
                .send(|c| {
                    let mut q = vec![("updatedAtFrom", from.as_str()), ("limit", limit.as_str())];
                    if let Some(t) = token.as_deref() {
                        q.push(("pageToken", t));
                    }
                    c.get(url.clone()).query(&q)
                })
                .await?;
            let page: OrdersPage = reply.json("order list")?;
            let empty = page.orders.is_empty();
            let before = out.len();
            for (i, order) in page.orders.into_iter().enumerate() {
                let f = Fetched::read(order);
                // An order without a readable id cannot be told apart: it counts by place.
                let key = match f.id() {
                    id if id.is_empty() => format!("#{}#{i}", token.as_deref().unwrap_or("")),
                    id => format!("order:{id}"),
                };
                if guard.first_time(key) {
                    out.push(f);
                }
            }
            let Some(next) = page.paging.next_page_token.filter(|t| !t.is_empty()) else {
                return Ok(out);
            };
            if empty {
                return Ok(out);
            }
            if out.len() == before || !guard.first_time(format!("token:{next}")) {
                return Err(guard.endless());
            }
            token = Some(next);
        }
    }

    pub async fn order(&self, id: i64) -> Result<YmOrder, ChannelError> {
        let url = self.url(&format!("orders/{id}"))?;
        let reply = self.send(|c| c.get(url.clone())).await?;
        Ok(reply.json::<OrderReply>("order")?.order)
    }

    /// The order as the market holds it after the update.
    pub async fn set_status(
        &self,
        id: i64,
        status: &str,
        substatus: Option<&str>,
    ) -> Result<YmOrder, ChannelError> {
        let url = self.url(&format!("orders/{id}/status"))?;
        let mut order = json!({ "status": status });
        if let Some(s) = substatus {
            order["substatus"] = json!(s);
        }
        let body = json!({ "order": order });
        let reply = self.send(|c| c.put(url.clone()).json(&body)).await?;
        let order = reply.json::<OrderReply>("status update")?.order;
        // The answer must be about the order we moved: another order's status is not
        // recorded against ours, and the push does not count as made.
        if order.id != id {
            return Err(ChannelError::WrongOrder {
                market: "Яндекс Маркет",
                asked: id.to_string(),
                got: order.id.to_string(),
            });
        }
        Ok(order)
    }
}
