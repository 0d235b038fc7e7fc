//! The Yandex Market Partner API client: `Api-Key`; orders through the business-level
//! `POST /v1/businesses/{businessId}/orders` (filtered to the connection's campaign, by
//! `dates.updateDateFrom`, `pageToken` paging, ≤ 50 a page) — the campaign-level
//! `GET /v2/campaigns/{id}/orders` and `…/orders/{id}` are deprecated; status updates by PUT
//! on the campaign; at most 2 requests in flight.

use std::sync::{Arc, OnceLock};

use jiff::Timestamp;
use serde_json::{json, Value};
use tokio::sync::Semaphore;
use url::Url;

use super::model::{CampaignReply, Fetched, OrdersPage, StatusOrder, StatusReply, YmOrder};
use crate::config::Settings;
use crate::http::{Http, Reply};
use crate::paging::{PageGuard, Walk};
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
    /// The settings' business id, or the one the campaign named (asked once per client).
    business_id: Arc<OnceLock<i64>>,
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
        let yandex = settings.yandex.clone().unwrap_or_default();
        if yandex.campaign_id <= 0 {
            return Err(ChannelError::Config("no Yandex Market campaign id".into()));
        }
        let business_id = Arc::new(OnceLock::new());
        if yandex.business_id > 0 {
            let _ = business_id.set(yandex.business_id);
        }
        Ok(YandexClient {
            http: Http::for_settings(settings)?,
            base,
            api_key: credentials.secret.expose().to_owned(),
            campaign_id: yandex.campaign_id,
            business_id,
            limit: settings.page_size.clamp(1, MAX_LIMIT),
            in_flight: Arc::new(Semaphore::new(PARALLEL)),
        })
    }

    fn root(&self, path: &str) -> Result<Url, ChannelError> {
        self.base
            .join(path)
            .map_err(|e| ChannelError::Config(format!("endpoint {path}: {e}")))
    }

    /// A campaign-level endpoint.
    pub(crate) fn url(&self, path: &str) -> Result<Url, ChannelError> {
        self.root(&format!("/v2/campaigns/{}/{path}", self.campaign_id))
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

    /// The business id known without a call: set in the settings or found earlier.
    pub fn known_business_id(&self) -> Option<i64> {
        self.business_id.get().copied()
    }

    /// The cabinet (business) the campaign belongs to: from the settings, else from
    /// `GET /v2/campaigns/{campaignId}` (`campaign.business.id`), asked once.
    pub async fn business_id(&self) -> Result<i64, ChannelError> {
        if let Some(id) = self.known_business_id() {
            return Ok(id);
        }
        let url = self.root(&format!("/v2/campaigns/{}", self.campaign_id))?;
        let reply = self.send(|c| c.get(url.clone())).await?;
        let id = reply
            .json::<CampaignReply>("campaign")?
            .campaign
            .business
            .id;
        if id <= 0 {
            return Err(ChannelError::Config(format!(
                "Яндекс Маркет не назвал кабинет кампании {}: укажите номер кабинета \
                 (businessId) в настройках подключения",
                self.campaign_id
            )));
        }
        Ok(*self.business_id.get_or_init(|| id))
    }

    /// One page of the business-level list: `filter` plus our campaign.
    async fn orders_page(
        &self,
        mut filter: Value,
        token: Option<&str>,
    ) -> Result<OrdersPage, ChannelError> {
        let url = self.root(&format!(
            "/v1/businesses/{}/orders",
            self.business_id().await?
        ))?;
        filter["campaignIds"] = json!([self.campaign_id]);
        let limit = self.limit.to_string();
        let reply = self
            .send(|c| {
                let mut q = vec![("limit", limit.as_str())];
                if let Some(t) = token {
                    q.push(("pageToken", t));
                }
                c.post(url.clone()).query(&q).json(&filter)
            })
            .await?;
        reply.json("order list")
    }

    /// Orders updated since `from`, every page; each read on its own. The walk ends when
    /// no next token comes, and with [`ChannelError::EndlessPaging`] when a token comes back
    /// (a cycle), a page brings no order not seen before, or past [`crate::MAX_PAGES`].
    pub async fn orders_updated_since(
        &self,
        from: Timestamp,
    ) -> Result<Vec<Fetched>, ChannelError> {
        match self.orders_walk(from).await? {
            Walk {
                endless: Some(e), ..
            } => Err(e),
            Walk { items, .. } => Ok(items),
        }
    }

    /// [`YandexClient::orders_updated_since`], keeping what the pages brought when the list
    /// pages without end (the sync records those orders, then reports the paging).
    pub async fn orders_walk(&self, from: Timestamp) -> Result<Walk<Fetched>, ChannelError> {
        let filter = json!({ "dates": { "updateDateFrom": from.to_string() } });
        let mut token: Option<String> = None;
        let mut out = Vec::new();
        let mut guard = PageGuard::new("Яндекс Маркет, список заказов");
        loop {
            if let Err(e) = guard.next_page() {
                return Ok(Walk::stopped(out, e));
            }
            let page = self.orders_page(filter.clone(), token.as_deref()).await?;
            let empty = page.orders.is_empty();
            let before = out.len();
            for (i, order) in page.orders.into_iter().enumerate() {
                // Another campaign's order (the business holds several) is not ours to import.
                if order["campaignId"]
                    .as_i64()
                    .is_some_and(|c| c != self.campaign_id)
                {
                    continue;
                }
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
                return Ok(Walk::complete(out));
            };
            if empty {
                return Ok(Walk::complete(out));
            }
            if out.len() == before || !guard.first_time(format!("token:{next}")) {
                let endless = guard.endless();
                return Ok(Walk::stopped(out, endless));
            }
            token = Some(next);
        }
    }

    /// One order, by the same business-level list filtered to its id; an answer about
    /// another order is refused.
    pub async fn order(&self, id: i64) -> Result<YmOrder, ChannelError> {
        let page = self.orders_page(json!({ "orderIds": [id] }), None).await?;
        let mut other = None;
        for value in page.orders {
            match Fetched::read(value) {
                Fetched::Order(o) if o.id == id => return Ok(*o),
                Fetched::Malformed { id: got, error } if got == id.to_string() => {
                    return Err(ChannelError::malformed("order", error))
                }
                f => other = Some(f.id()),
            }
        }
        Err(match other {
            Some(got) => ChannelError::WrongOrder {
                market: "Яндекс Маркет",
                asked: id.to_string(),
                got,
            },
            None => ChannelError::Refused {
                status: 404,
                message: format!("order {id} not found"),
            },
        })
    }

    /// The order's status as the market holds it after the update.
    pub async fn set_status(
        &self,
        id: i64,
        status: &str,
        substatus: Option<&str>,
    ) -> Result<StatusOrder, ChannelError> {
        let url = self.url(&format!("orders/{id}/status"))?;
        let mut order = json!({ "status": status });
        if let Some(s) = substatus {
            order["substatus"] = json!(s);
        }
        let body = json!({ "order": order });
        let reply = self.send(|c| c.put(url.clone()).json(&body)).await?;
        let Some(order) = reply.json::<StatusReply>("status update")?.order else {
            // Taken, but the answer does not say how the order stands now: read it back.
            let read = self.order(id).await?;
            return Ok(StatusOrder {
                id: read.id,
                status: read.status,
                substatus: read.substatus,
            });
        };
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
