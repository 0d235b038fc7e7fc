//! SberMegaMarket's merchant API as `reference/channels.md` documents it: every call a POST of
//! `{"meta": {}, "data": {"token", …}}` answered `{"success": 1, "data": …}` (a refusal is
//! `success: 0` with `error: [{code, message}]`); `orderService/order/search|get|confirm|
//! reject|packing|shipping`, `orderService/sticker/print`, and `offerService/stock/update`.
//! Requests missing a field the call needs are refused. Item statuses move NEW → CONFIRMED →
//! PACKED → SHIPPED; MERCHANT_CANCELED / CUSTOMER_CANCELED end them.
#![allow(clippy::result_large_err)]

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use base64::Engine;
use serde_json::{json, Value};

pub const TOKEN: &str = "6F2A4C1E-MM-TOKEN";
pub const MERCHANT: i64 = 4_824;
pub const REASONS: [&str; 4] = [
    "OUT_OF_STOCK",
    "INCORRECT_PRICE_SKU",
    "INCORRECT_SPEC_SKU",
    "TECHNICAL_PROBLEMS",
];
/// What `sticker/print` answers (base64 in `data`).
pub const STICKER: &[u8] = b"%PDF-1.4\n% MegaMarket sticker fake\n1 0 obj <<>> endobj\n%%EOF\n";
pub const STOCK_MAX: usize = 300;

#[derive(Default)]
pub struct Market {
    pub shipments: BTreeMap<String, Value>,
    /// Per call name (`order/confirm`…): HTTP statuses to answer first (0: hang).
    pub faults: HashMap<String, VecDeque<u16>>,
    pub latency: Duration,
    /// (call name, data) of every accepted request.
    pub log: Vec<(String, Value)>,
    /// Offer → quantity as the stock updates left it.
    pub stock: BTreeMap<String, i64>,
    /// Answer `sticker/print` with this text instead of the PDF.
    pub sticker_override: Option<String>,
    /// `order/search` answers the first `count` shipments whatever the dates.
    pub ignore_window: bool,
    /// `order/get` of the key's shipment answers with the value's shipment instead.
    pub answer_as: HashMap<String, String>,
}

#[derive(Clone, Default)]
pub struct Shared {
    pub market: Arc<Mutex<Market>>,
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

    pub fn status(&self, id: &str) -> Vec<String> {
        self.shipments[id]["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|i| i["status"].as_str().unwrap_or("").to_owned())
            .collect()
    }

    /// Every item of the shipment set to `status` (a cancellation on MegaMarket's side).
    pub fn set_status(&mut self, id: &str, status: &str) {
        for i in self.shipments.get_mut(id).expect("shipment")["items"]
            .as_array_mut()
            .expect("items")
        {
            i["status"] = json!(status);
        }
    }
}

/// A shipment as `order/get` returns it: two pieces of MUG-BLUE and one unknown offer.
pub fn shipment(id: &str, created: &str) -> Value {
    let item = |index: i64, offer: &str, name: &str, price: f64| {
        json!({ "itemIndex": index, "status": "NEW", "subStatus": null, "price": price,
                "finalPrice": price, "discounts": [], "quantity": 1, "offerId": offer,
                "goodsId": 100_000 + index, "goodsData": { "name": name }, "boxes": [] })
    };
    json!({
        "shipmentId": id,
        "orderCode": format!("MM{id}"),
        "confirmedTimeLimit": "2026-11-22T12:30:00+03:00",
        "packingTimeLimit": "2026-11-23T12:00:00+03:00",
        "shippingTimeLimit": "2026-11-23T18:00:00+03:00",
        "shipmentDateFrom": "2026-11-23T09:00:00+03:00",
        "shipmentDateTo": "2026-11-23T18:00:00+03:00",
        "customerFullName": "Иванова Мария",
        "customerAddress": "Москва, ул. Лесная, 5",
        "creationDate": created,
        "deliveryId": 77,
        "items": [
            item(1, "MUG-BLUE", "Кружка синяя", 1390.5),
            item(2, "MUG-BLUE", "Кружка синяя", 1390.5),
            item(3, "NOT-OURS", "Чужой товар", 100.0),
        ],
    })
}

pub fn router(shared: Shared) -> Router {
    let order = |name: &'static str| {
        post(move |State(s): State<Shared>, body: Bytes| async move { handle(s, name, body).await })
    };
    Router::new()
        .route(
            "/api/market/v1/orderService/order/search",
            order("order/search"),
        )
        .route("/api/market/v1/orderService/order/get", order("order/get"))
        .route(
            "/api/market/v1/orderService/order/confirm",
            order("order/confirm"),
        )
        .route(
            "/api/market/v1/orderService/order/reject",
            order("order/reject"),
        )
        .route(
            "/api/market/v1/orderService/order/packing",
            order("order/packing"),
        )
        .route(
            "/api/market/v1/orderService/order/shipping",
            order("order/shipping"),
        )
        .route(
            "/api/market/v1/orderService/sticker/print",
            order("sticker/print"),
        )
        .route(
            "/api/merchantIntegration/v1/offerService/stock/update",
            order("stock/update"),
        )
        .with_state(shared)
}

fn answer(data: Value) -> Response {
    axum::Json(json!({ "success": 1, "meta": {}, "data": data })).into_response()
}

/// MegaMarket refuses a request it understands with HTTP 200 and `success: 0`.
fn refuse(message: &str) -> Response {
    axum::Json(json!({ "success": 0, "meta": {}, "data": null,
        "error": [ { "code": "VALIDATION", "message": message } ] }))
    .into_response()
}

fn http(code: u16) -> Response {
    let status = StatusCode::from_u16(code).expect("status");
    (status, axum::Json(json!({ "success": 0, "error": [ { "code": code.to_string(), "message": "injected" } ] })))
        .into_response()
}

async fn handle(s: Shared, name: &str, body: Bytes) -> Response {
    let Ok(b) = serde_json::from_slice::<Value>(&body) else {
        return http(400);
    };
    if !b["meta"].is_object() || !b["data"].is_object() {
        return refuse("meta and data are required objects");
    }
    let data = b["data"].clone();
    if data["token"].as_str() != Some(TOKEN) {
        return (StatusCode::UNAUTHORIZED, "token is not valid").into_response();
    }
    let latency = {
        let mut m = s.lock();
        match m.faults.get_mut(name).and_then(VecDeque::pop_front) {
            // 0: hang past any client timeout, then give up without acting.
            Some(0) => Duration::from_secs(3),
            Some(code) => return http(code),
            None => m.latency,
        }
    };
    if latency >= Duration::from_secs(3) {
        tokio::time::sleep(latency).await;
        return http(504);
    }
    tokio::time::sleep(latency).await;
    let mut m = s.lock();
    let result = match name {
        "order/search" => search(&m, &data),
        "order/get" => get(&m, &data),
        "order/confirm" => confirm(&mut m, &data),
        "order/reject" => reject(&mut m, &data),
        "order/packing" => packing(&mut m, &data),
        "order/shipping" => shipping(&mut m, &data),
        "sticker/print" => sticker(&m, &data),
        "stock/update" => stock(&mut m, &data),
        _ => Err("unknown call".to_owned()),
    };
    match result {
        Ok(v) => {
            m.log.push((name.to_owned(), data));
            answer(v)
        }
        Err(e) => refuse(&e),
    }
}

type Done = Result<Value, String>;

fn text<'a>(v: &'a Value, field: &str) -> Result<&'a str, String> {
    v[field]
        .as_str()
        .filter(|s| !s.is_empty())
        .ok_or_else(|| format!("{field} is required"))
}

fn list<'a>(v: &'a Value, field: &str) -> Result<&'a Vec<Value>, String> {
    v[field]
        .as_array()
        .filter(|a| !a.is_empty())
        .ok_or_else(|| format!("{field} is required (non-empty list)"))
}

fn search(m: &Market, d: &Value) -> Done {
    let from: jiff::Timestamp = text(d, "dateFrom")?
        .parse()
        .map_err(|_| "dateFrom: date-time")?;
    let to: jiff::Timestamp = text(d, "dateTo")?
        .parse()
        .map_err(|_| "dateTo: date-time")?;
    let count = d["count"].as_u64().unwrap_or(100) as usize;
    let ids: Vec<&String> = m
        .shipments
        .iter()
        .filter(|(_, s)| {
            s["creationDate"]
                .as_str()
                .and_then(|c| c.parse::<jiff::Timestamp>().ok())
                .is_some_and(|c| m.ignore_window || (c >= from && c <= to))
        })
        .map(|(id, _)| id)
        .take(count)
        .collect();
    Ok(json!({ "shipments": ids }))
}

fn get(m: &Market, d: &Value) -> Done {
    let ids = list(d, "shipments")?;
    if ids.len() > 50 {
        return Err("at most 50 shipments a call".into());
    }
    let found: Vec<&Value> = ids
        .iter()
        .filter_map(|id| {
            let id = id.as_str()?;
            let id = m.answer_as.get(id).map_or(id, String::as_str);
            m.shipments.get(id)
        })
        .collect();
    Ok(json!({ "shipments": found }))
}

/// The one shipment of a status call, with its items named by `itemIndex`.
fn target<'a>(m: &'a mut Market, d: &Value) -> Result<(&'a mut Value, Value), String> {
    let shipments = list(d, "shipments")?;
    let s = shipments[0].clone();
    let id = text(&s, "shipmentId")?.to_owned();
    let found = m.shipments.get_mut(&id).ok_or("shipment not found")?;
    Ok((found, s))
}

fn item_mut<'a>(shipment: &'a mut Value, index: &Value) -> Result<&'a mut Value, String> {
    shipment["items"]
        .as_array_mut()
        .and_then(|a| {
            a.iter_mut().find(|i| {
                i["itemIndex"] == *index
                    || index.as_str() == Some(i["itemIndex"].to_string().as_str())
            })
        })
        .ok_or_else(|| format!("item {index} not in the shipment"))
}

fn move_items(
    shipment: &mut Value,
    items: &[Value],
    from: &[&str],
    to: &str,
    check: impl Fn(&Value) -> Result<(), String>,
) -> Result<(), String> {
    for it in items {
        check(it)?;
        let index = it.get("itemIndex").ok_or("itemIndex is required")?;
        let item = item_mut(shipment, index)?;
        let now = item["status"].as_str().unwrap_or("").to_owned();
        if !from.contains(&now.as_str()) {
            return Err(format!("item {index} is {now}, cannot become {to}"));
        }
        item["status"] = json!(to);
    }
    Ok(())
}

fn confirm(m: &mut Market, d: &Value) -> Done {
    let (shipment, s) = target(m, d)?;
    text(&s, "orderCode")?;
    let items = list(&s, "items")?;
    move_items(shipment, items, &["NEW"], "CONFIRMED", |i| {
        text(i, "offerId").map(|_| ())
    })?;
    Ok(json!({ "result": 1 }))
}

fn reject(m: &mut Market, d: &Value) -> Done {
    let reason = d["reason"]["type"]
        .as_str()
        .ok_or("reason.type is required")?;
    if !REASONS.contains(&reason) {
        return Err(format!("reason.type {reason} is not in the list"));
    }
    let (shipment, s) = target(m, d)?;
    let items = list(&s, "items")?;
    move_items(
        shipment,
        items,
        &["NEW", "CONFIRMED", "PACKED", "PACKING_EXPIRED"],
        "MERCHANT_CANCELED",
        |i| text(i, "offerId").map(|_| ()),
    )?;
    Ok(json!({ "result": 1 }))
}

fn packing(m: &mut Market, d: &Value) -> Done {
    let (shipment, s) = target(m, d)?;
    let id = text(&s, "shipmentId")?.to_owned();
    text(&s, "orderCode")?;
    let items = list(&s, "items")?;
    for it in items {
        if it["quantity"].as_i64().is_none_or(|q| q < 1) {
            return Err("items[].quantity is required".into());
        }
        let boxes = list(it, "boxes")?;
        for b in boxes {
            let index = b["boxIndex"]
                .as_i64()
                .ok_or("boxes[].boxIndex is required")?;
            let code = text(b, "boxCode")?;
            if code != format!("{MERCHANT}*{id}*{index}") {
                return Err(format!("boxCode {code} is not <merchant>*<shipment>*<box>"));
            }
        }
        let index = it.get("itemIndex").ok_or("itemIndex is required")?;
        item_mut(shipment, index)?["boxes"] = json!(boxes);
    }
    move_items(shipment, items, &["CONFIRMED"], "PACKED", |_| Ok(()))?;
    Ok(json!({ "result": 1 }))
}

fn shipping(m: &mut Market, d: &Value) -> Done {
    let (shipment, s) = target(m, d)?;
    let boxes = list(&s, "boxes")?;
    for b in boxes {
        b["boxIndex"]
            .as_i64()
            .ok_or("boxes[].boxIndex is required")?;
        text(b, "boxCode")?;
    }
    text(&s["shipping"], "shippingDate")?
        .parse::<jiff::Timestamp>()
        .map_err(|_| "shipping.shippingDate: date-time")?;
    let items = shipment["items"].as_array_mut().ok_or("items")?;
    if items.iter().any(|i| {
        !matches!(
            i["status"].as_str(),
            Some("PACKED" | "MERCHANT_CANCELED" | "CUSTOMER_CANCELED")
        )
    }) {
        return Err("every item must be PACKED before shipping".into());
    }
    for i in items.iter_mut().filter(|i| i["status"] == "PACKED") {
        i["status"] = json!("SHIPPED");
    }
    Ok(json!({ "result": 1 }))
}

fn sticker(m: &Market, d: &Value) -> Done {
    let id = text(d, "shipmentId")?;
    if !m.shipments.contains_key(id) {
        return Err("shipment not found".into());
    }
    list(d, "boxCodes")?;
    Ok(match &m.sticker_override {
        Some(t) => json!(t),
        None => json!(base64::engine::general_purpose::STANDARD.encode(STICKER)),
    })
}

fn stock(m: &mut Market, d: &Value) -> Done {
    let stocks = list(d, "stocks")?;
    if stocks.len() > STOCK_MAX {
        return Err(format!("at most {STOCK_MAX} offers a call"));
    }
    for s in stocks {
        let offer = text(s, "offerId")?;
        let q = s["quantity"]
            .as_i64()
            .filter(|q| *q >= 0)
            .ok_or("quantity is required")?;
        m.stock.insert(offer.to_owned(), q);
    }
    Ok(json!({ "result": 1 }))
}
