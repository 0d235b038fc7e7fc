//! Yandex Market Partner API as `reference/specs/yandex-market-partner-api.yaml` describes
//! it: `Api-Key` header; `POST /v1/businesses/{businessId}/orders` (query `limit` 1..=50 and
//! `pageToken`; body `GetBusinessOrdersRequest`: `orderIds` / `campaignIds` 1..=50 unique,
//! `dates.updateDateFrom` date-time; answers `BusinessOrderDTO`s and `paging.nextPageToken`),
//! `GET /v2/campaigns/{campaignId}` (`campaign.business.id`), `PUT
//! /v2/campaigns/{campaignId}/orders/{orderId}/status {order: {status, substatus}}`. The
//! deprecated `GET /v2/campaigns/{id}/orders[/{orderId}]` are not served: a client still
//! calling them fails. More than 2 requests in flight get 420.
#![allow(clippy::result_large_err)]

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::Router;
use serde_json::{json, Value};

pub const API_KEY: &str = "ACMA:ym-token-1:5e1f";
pub const CAMPAIGN: i64 = 21_000_777;
pub const BUSINESS: i64 = 918_273;

#[derive(Default)]
pub struct Market {
    pub orders: BTreeMap<i64, Value>,
    pub faults: HashMap<String, VecDeque<u16>>,
    /// Each request sleeps this long (to see how many the client sends at once).
    pub latency: Duration,
    /// (method path, body) of every request that reached a handler.
    pub log: Vec<(String, Value)>,
    pub max_in_flight: usize,
    pub over_limit: usize,
    /// Every list page answers the first page again with the same `nextPageToken`.
    pub endless: bool,
    /// A status update of the key's order answers with the value's order (not updated).
    pub answer_as: HashMap<i64, i64>,
}

#[derive(Clone, Default)]
pub struct Shared {
    pub market: Arc<Mutex<Market>>,
    in_flight: Arc<AtomicUsize>,
}

impl Shared {
    pub fn lock(&self) -> std::sync::MutexGuard<'_, Market> {
        self.market.lock().expect("market")
    }
}

impl Market {
    pub fn calls(&self, what: &str) -> usize {
        self.log.iter().filter(|(p, _)| p == what).count()
    }
}

/// A `BusinessOrderDTO` of our campaign; `updated` is ISO 8601 with an offset. The item of
/// ours costs 1390.25 a unit (2 units: `prices.payment` is their total).
pub fn order(id: i64, status: &str, substatus: &str, dbs: bool, updated: &str) -> Value {
    json!({
        "orderId": id,
        "campaignId": CAMPAIGN,
        "programType": if dbs { "DBS" } else { "FBS" },
        "status": status,
        "substatus": substatus,
        "creationDate": "2026-11-20T10:00:00+03:00",
        "updateDate": updated,
        "paymentType": "PREPAID",
        "paymentMethod": "YANDEX",
        "fake": false,
        "items": [
            { "id": 1, "offerId": "MUG-BLUE", "offerName": "Кружка синяя", "count": 2,
              "prices": { "payment": { "value": 2780.5, "currencyId": "RUR" },
                          "subsidy": { "value": 0, "currencyId": "RUR" } } },
            { "id": 2, "offerId": "NOT-OURS", "offerName": "Чужой товар", "count": 1,
              "prices": { "payment": { "value": 100, "currencyId": "RUR" } } }
        ],
        "delivery": {
            "type": "DELIVERY",
            "serviceName": "Доставка",
            "deliveryServiceId": 1,
            "deliveryPartnerType": if dbs { "SHOP" } else { "YANDEX_MARKET" },
            "dates": { "fromDate": "2026-11-23" },
            "shipment": { "id": 5, "shipmentDate": "2026-11-22" }
        },
        "buyerType": "PERSON"
    })
}

pub fn router(shared: Shared) -> Router {
    router_with(shared, Default::default())
}

/// The order calls with the stock and label calls of [`super::mp_extra`] on `extra`.
pub fn router_with(shared: Shared, extra: super::mp_extra::Shared) -> Router {
    Router::new()
        .route("/v1/businesses/{business}/orders", post(list))
        .route("/v2/campaigns/{campaign}", get(campaign))
        .route("/v2/campaigns/{campaign}/orders/{id}/status", put(status))
        .with_state(shared)
        // Stock and labels (the stock job runs with the orders in `Jobs::ALL`).
        .merge(super::mp_extra::yandex(extra))
}

fn refuse(code: u16, message: &str) -> Response {
    let status = StatusCode::from_u16(code).expect("status");
    let body = json!({ "status": "ERROR", "errors": [ { "code": code.to_string(), "message": message } ] });
    (status, axum::Json(body)).into_response()
}

/// Auth, the campaign, the parallel-request limit, faults, latency and the log.
async fn enter(
    s: &Shared,
    what: &str,
    campaign: i64,
    h: &HeaderMap,
    body: Value,
) -> Result<(), Response> {
    if h.get("Api-Key").and_then(|v| v.to_str().ok()) != Some(API_KEY) {
        return Err(refuse(401, "UNAUTHORIZED"));
    }
    if campaign != CAMPAIGN {
        return Err(refuse(403, "campaign is not yours"));
    }
    let now = s.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
    let result = async {
        let latency = {
            let mut m = s.lock();
            m.max_in_flight = m.max_in_flight.max(now);
            if now > 2 {
                m.over_limit += 1;
                return Err(refuse(420, "Hit rate limit of 2 parallel requests"));
            }
            if let Some(code) = m.faults.get_mut(what).and_then(VecDeque::pop_front) {
                return Err(refuse(code, "injected"));
            }
            m.log.push((what.to_owned(), body));
            m.latency
        };
        tokio::time::sleep(latency).await;
        Ok(())
    }
    .await;
    s.in_flight.fetch_sub(1, Ordering::SeqCst);
    result
}

/// `limit` and `pageToken` in the query, the filter in the body, as `getBusinessOrders`.
async fn list(
    State(s): State<Shared>,
    Path(business): Path<i64>,
    Query(q): Query<HashMap<String, String>>,
    h: HeaderMap,
    body: Bytes,
) -> Response {
    let Ok(b) = serde_json::from_slice::<Value>(&body) else {
        return refuse(
            400,
            "request body: GetBusinessOrdersRequest JSON is required",
        );
    };
    if let Err(r) = enter(&s, "POST orders", CAMPAIGN, &h, b.clone()).await {
        return r;
    }
    if business != BUSINESS {
        return refuse(403, "business is not yours");
    }
    let limit: usize = match q.get("limit").map(|l| l.parse()) {
        None => 50,
        Some(Ok(l)) if (1..=50).contains(&l) => l,
        Some(_) => return refuse(400, "limit must be 1..50"),
    };
    let filter = match Filter::read(&b) {
        Ok(f) => f,
        Err(message) => return refuse(400, &message),
    };
    let start: usize = q.get("pageToken").and_then(|t| t.parse().ok()).unwrap_or(0);
    let m = s.lock();
    if m.endless {
        let page: Vec<&Value> = m.orders.values().take(limit).collect();
        let body = json!({ "orders": page, "paging": { "nextPageToken": "page-2" } });
        return axum::Json(body).into_response();
    }
    let all: Vec<&Value> = m.orders.values().filter(|o| filter.admits(o)).collect();
    let page: Vec<&Value> = all.iter().skip(start).take(limit).copied().collect();
    let mut paging = json!({});
    if start + limit < all.len() {
        paging["nextPageToken"] = json!((start + limit).to_string());
    }
    axum::Json(json!({ "orders": page, "paging": paging })).into_response()
}

/// The parts of `GetBusinessOrdersRequest` the fake filters by, checked as the schema says.
struct Filter {
    order_ids: Option<Vec<i64>>,
    campaign_ids: Option<Vec<i64>>,
    updated_from: Option<jiff::Timestamp>,
}

impl Filter {
    fn read(b: &Value) -> Result<Filter, String> {
        if !b.is_object() {
            return Err("request body must be an object".into());
        }
        let ids = |name: &str, min: i64| -> Result<Option<Vec<i64>>, String> {
            let Some(v) = b.get(name).filter(|v| !v.is_null()) else {
                return Ok(None);
            };
            let list: Vec<i64> = v
                .as_array()
                .ok_or(format!("{name} must be an array"))?
                .iter()
                .map(|i| i.as_i64().filter(|i| *i >= min))
                .collect::<Option<_>>()
                .ok_or(format!("{name}: integers ≥ {min}"))?;
            let unique: std::collections::BTreeSet<_> = list.iter().collect();
            if list.is_empty() || list.len() > 50 || unique.len() != list.len() {
                return Err(format!("{name}: 1..50 unique items"));
            }
            Ok(Some(list))
        };
        let updated_from = match b.pointer("/dates/updateDateFrom") {
            None => None,
            Some(v) => Some(
                v.as_str()
                    .and_then(|t| t.parse().ok())
                    .ok_or("dates.updateDateFrom: date-time")?,
            ),
        };
        Ok(Filter {
            order_ids: ids("orderIds", i64::MIN)?,
            campaign_ids: ids("campaignIds", 1)?,
            updated_from,
        })
    }

    fn admits(&self, o: &Value) -> bool {
        let id = o["orderId"].as_i64();
        let campaign = o["campaignId"].as_i64();
        let updated: Option<jiff::Timestamp> =
            o["updateDate"].as_str().and_then(|t| t.parse().ok());
        self.order_ids
            .as_ref()
            .is_none_or(|ids| id.is_some_and(|i| ids.contains(&i)))
            && self
                .campaign_ids
                .as_ref()
                .is_none_or(|ids| campaign.is_some_and(|c| ids.contains(&c)))
            && self
                .updated_from
                .is_none_or(|from| updated.is_none_or(|u| u >= from))
    }
}

/// `GetCampaignResponse`: the campaign and the business (cabinet) it belongs to.
async fn campaign(State(s): State<Shared>, Path(campaign): Path<i64>, h: HeaderMap) -> Response {
    if let Err(r) = enter(&s, "GET campaign", campaign, &h, json!(campaign)).await {
        return r;
    }
    axum::Json(
        json!({ "campaign": { "id": campaign, "domain": "shop.example",
        "business": { "id": BUSINESS, "name": "ООО Ромашка" },
        "placementType": "FBS", "apiAvailability": "AVAILABLE" } }),
    )
    .into_response()
}

async fn status(
    State(s): State<Shared>,
    Path((campaign, id)): Path<(i64, i64)>,
    h: HeaderMap,
    body: Bytes,
) -> Response {
    let Ok(b) = serde_json::from_slice::<Value>(&body) else {
        return refuse(400, "invalid JSON");
    };
    if let Err(r) = enter(&s, "PUT status", campaign, &h, b.clone()).await {
        return r;
    }
    let Some(new) = b.pointer("/order/status").and_then(Value::as_str) else {
        return refuse(400, "order.status is required");
    };
    let sub = b.pointer("/order/substatus").and_then(Value::as_str);
    let mut m = s.lock();
    if let Some(other) = m.answer_as.get(&id).and_then(|o| m.orders.get(o)) {
        return axum::Json(json!({ "order": order_dto(other) })).into_response();
    }
    let Some(o) = m.orders.get_mut(&id) else {
        return refuse(404, "ORDER_NOT_FOUND");
    };
    let dbs = o.pointer("/delivery/deliveryPartnerType") == Some(&json!("SHOP"));
    if matches!(new, "DELIVERY" | "PICKUP" | "DELIVERED") && !dbs {
        return refuse(400, "STATUS_NOT_ALLOWED: only DBS orders");
    }
    if o["status"] == "CANCELLED" {
        return refuse(400, "STATUS_NOT_ALLOWED: order is cancelled");
    }
    o["status"] = json!(new);
    o["substatus"] = json!(sub.unwrap_or(""));
    let o = o.clone();
    axum::Json(json!({ "order": order_dto(&o) })).into_response()
}

/// The status update answers the campaign-level `OrderDTO` (`id`, not `orderId`), with every
/// field the spec requires of it (Prism's validating proxy refuses an answer without them).
fn order_dto(o: &Value) -> Value {
    json!({ "id": o["orderId"], "status": o["status"], "substatus": o["substatus"],
        "creationDate": "20-11-2026 10:00:00", "currency": "RUR", "itemsTotal": 2780.5,
        "deliveryTotal": 0, "buyerItemsTotalBeforeDiscount": 2780.5,
        "paymentType": o["paymentType"], "paymentMethod": o["paymentMethod"],
        "fake": false, "items": [], "buyer": { "type": "PERSON" }, "taxSystem": "OSN",
        "delivery": { "type": "DELIVERY", "serviceName": "Доставка",
            "deliveryPartnerType": o["delivery"]["deliveryPartnerType"],
            "deliveryServiceId": 1, "dates": { "fromDate": "23-11-2026" } } })
}
