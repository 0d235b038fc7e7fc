//! Yandex Market Partner API as `reference/specs/yandex-market-partner-api.yaml` describes
//! it: `Api-Key` header; `GET /v2/campaigns/{campaignId}/orders` (updatedAtFrom, limit ≤ 50,
//! pageToken → paging.nextPageToken), `GET …/orders/{orderId}`, `PUT …/orders/{orderId}/status
//! {order: {status, substatus}}`; more than 2 requests in flight get 420.
#![allow(clippy::result_large_err)]

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, put};
use axum::Router;
use serde_json::{json, Value};

pub const API_KEY: &str = "ACMA:ym-token-1:5e1f";
pub const CAMPAIGN: i64 = 21_000_777;

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

pub fn order(id: i64, status: &str, substatus: &str, dbs: bool, updated: &str) -> Value {
    json!({
        "id": id,
        "status": status,
        "substatus": substatus,
        "creationDate": "20-11-2026 10:00:00",
        "updatedAt": updated,
        "currency": "RUR",
        "itemsTotal": 2880.5,
        "deliveryTotal": 0,
        "buyerItemsTotalBeforeDiscount": 2880.5,
        "paymentType": "PREPAID",
        "paymentMethod": "YANDEX",
        "fake": false,
        "taxSystem": "USN",
        "items": [
            { "id": 1, "offerId": "MUG-BLUE", "offerName": "Кружка синяя", "price": 1390.25,
              "buyerPrice": 1390.25, "buyerPriceBeforeDiscount": 1390.25, "count": 2 },
            { "id": 2, "offerId": "NOT-OURS", "offerName": "Чужой товар", "price": 100,
              "buyerPrice": 100, "buyerPriceBeforeDiscount": 100, "count": 1 }
        ],
        "delivery": {
            "type": "DELIVERY",
            "serviceName": "Доставка",
            "deliveryPartnerType": if dbs { "SHOP" } else { "YANDEX_MARKET" },
            "dates": { "fromDate": "23-11-2026" },
            "deliveryServiceId": 1,
            "shipments": [ { "id": 5, "shipmentDate": "22-11-2026" } ]
        },
        "buyer": { "type": "PERSON", "lastName": "Петрова", "firstName": "Анна" }
    })
}

pub fn router(shared: Shared) -> Router {
    router_with(shared, Default::default())
}

/// The order calls with the stock and label calls of [`super::mp_extra`] on `extra`.
pub fn router_with(shared: Shared, extra: super::mp_extra::Shared) -> Router {
    Router::new()
        .route("/v2/campaigns/{campaign}/orders", get(list))
        .route("/v2/campaigns/{campaign}/orders/{id}", get(one))
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

async fn list(
    State(s): State<Shared>,
    Path(campaign): Path<i64>,
    Query(q): Query<HashMap<String, String>>,
    h: HeaderMap,
) -> Response {
    if let Err(r) = enter(&s, "GET orders", campaign, &h, json!(q)).await {
        return r;
    }
    let limit: usize = q.get("limit").and_then(|l| l.parse().ok()).unwrap_or(50);
    if !(1..=50).contains(&limit) {
        return refuse(400, "limit must be 1..50");
    }
    if q.get("updatedAtFrom")
        .is_some_and(|f| f.parse::<jiff::Timestamp>().is_err())
    {
        return refuse(400, "updatedAtFrom: date-time");
    }
    let start: usize = q.get("pageToken").and_then(|t| t.parse().ok()).unwrap_or(0);
    let m = s.lock();
    if m.endless {
        let page: Vec<&Value> = m.orders.values().take(limit).collect();
        let body = json!({ "orders": page, "paging": { "nextPageToken": "page-2" } });
        return axum::Json(body).into_response();
    }
    let all: Vec<&Value> = m.orders.values().collect();
    let page: Vec<&Value> = all.iter().skip(start).take(limit).copied().collect();
    let mut paging = json!({});
    if start + limit < all.len() {
        paging["nextPageToken"] = json!((start + limit).to_string());
    }
    axum::Json(json!({ "orders": page, "paging": paging })).into_response()
}

async fn one(
    State(s): State<Shared>,
    Path((campaign, id)): Path<(i64, i64)>,
    h: HeaderMap,
) -> Response {
    if let Err(r) = enter(&s, "GET order", campaign, &h, json!(id)).await {
        return r;
    }
    match s.lock().orders.get(&id) {
        Some(o) => axum::Json(json!({ "order": o })).into_response(),
        None => refuse(404, "ORDER_NOT_FOUND"),
    }
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
        return axum::Json(json!({ "order": other })).into_response();
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
    axum::Json(json!({ "order": o })).into_response()
}
