//! Ozon Seller API (FBS) as `reference/specs/ozon-seller-api.json` describes it: every call
//! POST JSON with `Client-Id` and `Api-Key`; `/v3/posting/fbs/list` (filter.since/to
//! required, limit 1..=1000, offset, has_next), `/v3/posting/fbs/get`, `/v4/posting/fbs/ship`
//! (packages of {product_id, quantity}), `/v2/posting/fbs/cancel`, the rFBS moves
//! `/v2/fbs/posting/delivering|delivered`. Requests that break the spec's required fields get
//! 400. Faults are injected per path.
#![allow(clippy::result_large_err)]

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use serde_json::{json, Value};

pub const CLIENT_ID: &str = "836119";
pub const API_KEY: &str = "ozon-api-key-7f3e";

#[derive(Debug, Clone)]
pub enum Fault {
    Status(u16),
    /// Answer only after this long (longer than the client's timeout = a timeout).
    Delay(Duration),
}

#[derive(Default)]
pub struct Ozon {
    pub postings: BTreeMap<String, Value>,
    /// Path → faults answered before the real handler, one per request.
    pub faults: HashMap<String, VecDeque<Fault>>,
    /// Postings whose ship call answers 200 but ends in substatus `ship_failed`.
    pub ship_fails: BTreeSet<String>,
    /// Every request that reached a handler: (path, body).
    pub log: Vec<(String, Value)>,
    /// Ship calls that did ship.
    pub shipped: Vec<String>,
    /// A list that never ends (`has_next: true` on every page), as the spec allows.
    pub endless: Option<Endless>,
    /// `/v3/posting/fbs/get` for the key answers with the value's posting instead.
    pub answer_as: HashMap<String, String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endless {
    /// The first page again at every offset: the spec's own example.
    Same,
    /// A new posting at every offset, forever.
    New,
}

pub type Shared = Arc<Mutex<Ozon>>;

pub fn ozon() -> Shared {
    Arc::new(Mutex::new(Ozon::default()))
}

impl Ozon {
    pub fn calls(&self, path: &str) -> usize {
        self.log.iter().filter(|(p, _)| p == path).count()
    }

    pub fn fault(&mut self, path: &str, fault: Fault) {
        self.faults
            .entry(path.to_owned())
            .or_default()
            .push_back(fault);
    }

    pub fn set(&mut self, posting: &str, status: &str, substatus: &str) {
        let p = self.postings.get_mut(posting).expect("posting exists");
        p["status"] = json!(status);
        p["substatus"] = json!(substatus);
    }
}

/// A posting as `/v3/posting/fbs/list` returns it. `products`: (offer_id, sku, qty, price).
pub fn posting(
    number: &str,
    in_process_at: jiff::Timestamp,
    shipment_date: jiff::Timestamp,
    rfbs: bool,
    products: &[(&str, i64, i64, &str)],
) -> Value {
    json!({
        "posting_number": number,
        "order_id": 3_500_000_000_i64,
        "order_number": number.rsplit_once('-').map_or(number, |(o, _)| o),
        "status": "awaiting_packaging",
        "substatus": "posting_created",
        "tpl_integration_type": if rfbs { "non_integrated" } else { "ozon" },
        "delivery_method": { "id": 21321684811000_i64, "name": "Ozon Логистика курьеру, Москва",
            "warehouse_id": 21321684811000_i64, "warehouse": "Склад на Ленина",
            "tpl_provider_id": 24, "tpl_provider": "Ozon Логистика" },
        "in_process_at": in_process_at.to_string(),
        "shipment_date": shipment_date.to_string(),
        "delivering_date": null,
        "cancellation": { "cancel_reason_id": 0, "cancel_reason": "",
            "cancellation_type": "", "cancelled_after_ship": false,
            "affect_cancellation_rating": false, "cancellation_initiator": "" },
        "customer": if rfbs { json!({ "customer_id": 7, "name": "Иванов Пётр",
            "phone": "+7 916 555-01-02", "address": { "address_tail": "ул. Ленина, 5",
            "city": "Москва", "region": "Москва", "zip_code": "101000", "country": "Россия",
            "comment": "", "district": "", "latitude": 55.75, "longitude": 37.61,
            "provider_pvz_code": "", "pvz_code": 0 } }) } else { Value::Null },
        "products": products.iter().map(|(offer, sku, qty, price)| json!({
            "price": price, "offer_id": offer, "name": format!("Товар {offer}"), "sku": sku,
            "quantity": qty, "currency_code": "RUB", "is_blr_traceable": false,
            "is_marketplace_buyout": false })).collect::<Vec<_>>(),
        "addressee": null,
        "barcodes": null,
        "analytics_data": null,
        "financial_data": null,
        "is_express": false,
        "requirements": { "products_requiring_gtd": [], "products_requiring_country": [],
            "products_requiring_mandatory_mark": [], "products_requiring_rnpt": [] },
        "parent_posting_number": "",
        "available_actions": [],
        "multi_box_qty": 1,
        "is_multibox": false,
        "tracking_number": "",
        "prr_option": ""
    })
}

pub fn router(ozon: Shared) -> Router {
    Router::new()
        .route("/v3/posting/fbs/list", post(list))
        .route("/v3/posting/fbs/get", post(get))
        .route("/v4/posting/fbs/ship", post(ship))
        .route("/v2/posting/fbs/cancel", post(cancel))
        .route("/v2/fbs/posting/{to}", post(move_status))
        .with_state(ozon)
}

fn refuse(status: StatusCode, message: &str) -> Response {
    let body = json!({ "code": status.as_u16(), "message": message, "details": [] });
    (status, axum::Json(body)).into_response()
}

/// Auth, body parsing, injected faults, the log. `Ok(body)` lets the handler go on.
async fn enter(
    ozon: &Shared,
    path: &str,
    headers: &HeaderMap,
    body: &Bytes,
) -> Result<Value, Response> {
    let header = |n: &str| headers.get(n).and_then(|v| v.to_str().ok()).unwrap_or("");
    if header("Client-Id") != CLIENT_ID || header("Api-Key") != API_KEY {
        return Err(refuse(
            StatusCode::UNAUTHORIZED,
            "Invalid Api-Key, please contact support",
        ));
    }
    if !header("content-type").starts_with("application/json") {
        return Err(refuse(
            StatusCode::BAD_REQUEST,
            "content-type must be application/json",
        ));
    }
    let value: Value = serde_json::from_slice(body)
        .map_err(|_| refuse(StatusCode::BAD_REQUEST, "invalid JSON"))?;
    let fault = {
        let mut o = ozon.lock().expect("ozon");
        o.faults.get_mut(path).and_then(VecDeque::pop_front)
    };
    match fault {
        Some(Fault::Status(code)) => {
            let status = StatusCode::from_u16(code).expect("status code");
            return Err(refuse(status, "injected"));
        }
        Some(Fault::Delay(d)) => tokio::time::sleep(d).await,
        None => {}
    }
    ozon.lock()
        .expect("ozon")
        .log
        .push((path.to_owned(), value.clone()));
    Ok(value)
}

fn str_field<'a>(v: &'a Value, name: &str) -> Result<&'a str, Response> {
    v.get(name)
        .and_then(Value::as_str)
        .ok_or_else(|| refuse(StatusCode::BAD_REQUEST, &format!("{name} is required")))
}

fn instant(v: &Value, name: &str) -> Result<jiff::Timestamp, Response> {
    v.pointer(name)
        .and_then(Value::as_str)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| {
            refuse(
                StatusCode::BAD_REQUEST,
                &format!("{name}: date-time required"),
            )
        })
}

async fn list(State(o): State<Shared>, h: HeaderMap, body: Bytes) -> Response {
    let b = match enter(&o, "/v3/posting/fbs/list", &h, &body).await {
        Ok(b) => b,
        Err(r) => return r,
    };
    let (since, to) = match (instant(&b, "/filter/since"), instant(&b, "/filter/to")) {
        (Ok(s), Ok(t)) => (s, t),
        (Err(r), _) | (_, Err(r)) => return r,
    };
    let limit = b["limit"].as_u64().unwrap_or(0);
    let Some(offset) = b["offset"].as_u64() else {
        return refuse(StatusCode::BAD_REQUEST, "offset is required");
    };
    if !(1..=1000).contains(&limit) {
        return refuse(StatusCode::BAD_REQUEST, "limit must be 1..1000");
    }
    let o = o.lock().expect("ozon");
    let all: Vec<&Value> = o
        .postings
        .values()
        .filter(|p| {
            let at: jiff::Timestamp = p["in_process_at"]
                .as_str()
                .and_then(|s| s.parse().ok())
                .expect("posting has in_process_at");
            since <= at && at <= to
        })
        .collect();
    let page: Vec<&Value> = all
        .iter()
        .skip(offset as usize)
        .take(limit as usize)
        .copied()
        .collect();
    let has_next = (offset + limit) < all.len() as u64;
    match o.endless {
        Some(Endless::Same) => {
            let page: Vec<&Value> = all.iter().take(limit as usize).copied().collect();
            let body = json!({ "result": { "postings": page, "has_next": true } });
            return axum::Json(body).into_response();
        }
        Some(Endless::New) => {
            let page: Vec<Value> = (offset..offset + limit)
                .map(|n| {
                    let number = format!("9000{n:07}-0001-1");
                    posting(&number, since, to, false, &[("MUG-BLUE", 1, 1, "10.00")])
                })
                .collect();
            let body = json!({ "result": { "postings": page, "has_next": true } });
            return axum::Json(body).into_response();
        }
        None => {}
    }
    axum::Json(json!({ "result": { "postings": page, "has_next": has_next } })).into_response()
}

async fn get(State(o): State<Shared>, h: HeaderMap, body: Bytes) -> Response {
    let b = match enter(&o, "/v3/posting/fbs/get", &h, &body).await {
        Ok(b) => b,
        Err(r) => return r,
    };
    let number = match str_field(&b, "posting_number") {
        Ok(n) => n,
        Err(r) => return r,
    };
    let o = o.lock().expect("ozon");
    let number = o.answer_as.get(number).map_or(number, String::as_str);
    match o.postings.get(number) {
        Some(p) => axum::Json(json!({ "result": p })).into_response(),
        None => refuse(StatusCode::NOT_FOUND, "POSTING_NOT_FOUND"),
    }
}

async fn ship(State(o): State<Shared>, h: HeaderMap, body: Bytes) -> Response {
    let b = match enter(&o, "/v4/posting/fbs/ship", &h, &body).await {
        Ok(b) => b,
        Err(r) => return r,
    };
    let number = match str_field(&b, "posting_number") {
        Ok(n) => n.to_owned(),
        Err(r) => return r,
    };
    let Some(packages) = b["packages"].as_array().filter(|p| !p.is_empty()) else {
        return refuse(StatusCode::BAD_REQUEST, "packages are required");
    };
    let well_formed = packages.iter().all(|p| {
        p["products"].as_array().is_some_and(|items| {
            items
                .iter()
                .all(|i| i["product_id"].is_i64() && i["quantity"].is_i64())
        })
    });
    if !well_formed {
        return refuse(
            StatusCode::BAD_REQUEST,
            "packages[].products[] need product_id and quantity",
        );
    }
    let mut o = o.lock().expect("ozon");
    let fails = o.ship_fails.contains(&number);
    let Some(p) = o.postings.get_mut(&number) else {
        return refuse(StatusCode::NOT_FOUND, "POSTING_NOT_FOUND");
    };
    if p["status"] != "awaiting_packaging" {
        return refuse(StatusCode::BAD_REQUEST, "POSTING_ALREADY_SHIPPED");
    }
    if fails {
        // Ozon's documented trap: 200, and the posting did not ship.
        p["substatus"] = json!("ship_failed");
    } else {
        p["status"] = json!("awaiting_deliver");
        p["substatus"] = json!("posting_awaiting_passport_data");
        o.shipped.push(number.clone());
    }
    axum::Json(json!({ "result": [number], "additional_data": [] })).into_response()
}

async fn cancel(State(o): State<Shared>, h: HeaderMap, body: Bytes) -> Response {
    let b = match enter(&o, "/v2/posting/fbs/cancel", &h, &body).await {
        Ok(b) => b,
        Err(r) => return r,
    };
    let number = match str_field(&b, "posting_number") {
        Ok(n) => n.to_owned(),
        Err(r) => return r,
    };
    if ![352, 400, 401, 402].contains(&b["cancel_reason_id"].as_i64().unwrap_or(0)) {
        return refuse(
            StatusCode::BAD_REQUEST,
            "cancel_reason_id is not in the list",
        );
    }
    let mut o = o.lock().expect("ozon");
    let Some(p) = o.postings.get_mut(&number) else {
        return refuse(StatusCode::NOT_FOUND, "POSTING_NOT_FOUND");
    };
    p["status"] = json!("cancelled");
    p["substatus"] = json!("posting_canceled");
    axum::Json(json!({ "result": true })).into_response()
}

async fn move_status(
    State(o): State<Shared>,
    Path(to): Path<String>,
    h: HeaderMap,
    body: Bytes,
) -> Response {
    let path = format!("/v2/fbs/posting/{to}");
    let b = match enter(&o, &path, &h, &body).await {
        Ok(b) => b,
        Err(r) => return r,
    };
    let Some(numbers) = b["posting_number"].as_array() else {
        return refuse(StatusCode::BAD_REQUEST, "posting_number[] is required");
    };
    let mut o = o.lock().expect("ozon");
    let result: Vec<Value> = numbers
        .iter()
        .filter_map(Value::as_str)
        .map(|n| match o.postings.get_mut(n) {
            Some(p) if p["tpl_integration_type"] == "non_integrated" => {
                p["status"] = json!(to);
                json!({ "posting_number": n, "result": true, "error": "" })
            }
            Some(_) => json!({ "posting_number": n, "result": false, "error": "NOT_RFBS" }),
            None => json!({ "posting_number": n, "result": false, "error": "NOT_FOUND" }),
        })
        .collect();
    axum::Json(json!({ "result": result })).into_response()
}
