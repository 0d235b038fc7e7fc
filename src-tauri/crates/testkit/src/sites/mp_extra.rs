//! The stock and label calls of Ozon and Yandex Market, from `reference/specs/`, mounted beside
//! the order fakes (`ozon::router(..).merge(mp_extra::ozon(..))`). Ozon: `/v3/product/list`
//! (filter.offer_id, last_id, limit 1..=1000), `/v2/products/stocks` (stocks[] with the
//! required product_id, stock, warehouse_id — and, as the method's text says, no quant_size
//! and not offer_id beside product_id; at most 100 pairs), `/v1/warehouse/list`,
//! `/v2/posting/fbs/package-label` (posting_number[] required, ≤ 20) answering a PDF. Yandex
//! Market: `PUT /v2/campaigns/{campaignId}/offers/stocks` (skus[] 1..=2000, unique `sku`,
//! items[] of exactly one {count ≥ 0}), `GET …/orders/{orderId}/delivery/labels` (a PDF).
#![allow(clippy::result_large_err)]

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::Router;
use serde_json::{json, Value};

pub const LABEL: &[u8] = b"%PDF-1.7\n% marketplace label fake\n1 0 obj <<>> endobj\n%%EOF\n";

#[derive(Default)]
pub enum LabelAnswer {
    #[default]
    Pdf,
    /// 200 with this body (not a PDF).
    Text(&'static str),
    Status(u16),
}

#[derive(Default)]
pub struct Extra {
    /// Ozon: offer id → product id it knows.
    pub products: BTreeMap<String, i64>,
    /// (marketplace, offer) → stock as the updates left it.
    pub stock: BTreeMap<(String, String), i64>,
    pub label: LabelAnswer,
    pub log: Vec<(String, Value)>,
    /// Ozon: the seller's FBS/rFBS warehouses (id, name) `/v1/warehouse/list` answers; when
    /// set, stock into any other warehouse is refused.
    pub warehouses: Vec<(i64, String)>,
}

pub type Shared = Arc<Mutex<Extra>>;

impl Extra {
    pub fn calls(&self, what: &str) -> usize {
        self.log.iter().filter(|(p, _)| p == what).count()
    }
}

fn bad(message: impl Into<String>) -> Response {
    let message = message.into();
    (
        StatusCode::BAD_REQUEST,
        axum::Json(json!({ "code": 3, "message": message })),
    )
        .into_response()
}

fn label(x: &Extra) -> Response {
    match x.label {
        LabelAnswer::Pdf => ([("content-type", "application/pdf")], LABEL.to_vec()).into_response(),
        LabelAnswer::Text(t) => ([("content-type", "text/html")], t).into_response(),
        LabelAnswer::Status(code) => (
            StatusCode::from_u16(code).expect("status"),
            axum::Json(json!({ "code": code, "message": "label refused" })),
        )
            .into_response(),
    }
}

pub fn ozon(shared: Shared) -> Router {
    Router::new()
        .route("/v3/product/list", post(ozon_products))
        .route("/v2/products/stocks", post(ozon_stocks))
        .route("/v2/posting/fbs/package-label", post(ozon_label))
        .route("/v1/warehouse/list", post(ozon_warehouses))
        .with_state(shared)
}

fn ozon_auth(h: &HeaderMap) -> bool {
    let get = |n: &str| h.get(n).and_then(|v| v.to_str().ok());
    get("Client-Id") == Some(super::ozon::CLIENT_ID) && get("Api-Key") == Some(super::ozon::API_KEY)
}

fn body(b: &Bytes) -> Result<Value, Response> {
    serde_json::from_slice(b).map_err(|_| bad("invalid JSON"))
}

async fn ozon_products(State(s): State<Shared>, h: HeaderMap, b: Bytes) -> Response {
    if !ozon_auth(&h) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let v = match body(&b) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let limit = v["limit"].as_i64().unwrap_or(1000);
    if !(1..=1000).contains(&limit) {
        return bad("limit must be 1..1000");
    }
    let wanted: Vec<&str> = v
        .pointer("/filter/offer_id")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let mut x = s.lock().expect("extra");
    let items: Vec<Value> = x
        .products
        .iter()
        .filter(|(o, _)| wanted.is_empty() || wanted.contains(&o.as_str()))
        .map(|(o, p)| json!({ "offer_id": o, "product_id": p, "archived": false }))
        .collect();
    x.log.push(("ozon products".into(), v));
    axum::Json(json!({ "result": { "items": items, "total": items.len(), "last_id": "" } }))
        .into_response()
}

async fn ozon_stocks(State(s): State<Shared>, h: HeaderMap, b: Bytes) -> Response {
    if !ozon_auth(&h) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let v = match body(&b) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let Some(stocks) = v["stocks"].as_array() else {
        return bad("stocks is required");
    };
    if stocks.is_empty() || stocks.len() > 100 {
        return bad("1..100 product-warehouse pairs a request");
    }
    let mut x = s.lock().expect("extra");
    let mut result = Vec::new();
    for st in stocks {
        for field in ["product_id", "stock", "warehouse_id"] {
            if st[field].as_i64().is_none() {
                return bad(format!("stocks[].{field} is required (integer)"));
            }
        }
        // The method's text: quant_size was switched off on 26 June 2025, and offer_id with
        // product_id is ambiguous ("use only one").
        if st.get("quant_size").is_some() {
            return bad("stocks[].quant_size is no longer accepted");
        }
        if st.get("offer_id").is_some() {
            return bad("stocks[]: send only one of offer_id and product_id");
        }
        let product = st["product_id"].as_i64();
        let Some(offer) = x
            .products
            .iter()
            .find(|(_, p)| Some(**p) == product)
            .map(|(o, _)| o.clone())
        else {
            result.push(json!({ "offer_id": "", "product_id": st["product_id"],
                "warehouse_id": st["warehouse_id"], "updated": false,
                "errors": [ { "code": "NOT_FOUND", "message": "" } ] }));
            continue;
        };
        if !x.warehouses.is_empty()
            && !x
                .warehouses
                .iter()
                .any(|(w, _)| Some(*w) == st["warehouse_id"].as_i64())
        {
            return bad("warehouse_id is not one of the seller's warehouses");
        }
        let q = st["stock"].as_i64().unwrap_or(0);
        x.stock.insert(("ozon".into(), offer.clone()), q);
        result.push(json!({ "offer_id": offer, "product_id": st["product_id"],
            "warehouse_id": st["warehouse_id"], "updated": true, "errors": [] }));
    }
    x.log.push(("ozon stocks".into(), v));
    axum::Json(json!({ "result": result })).into_response()
}

async fn ozon_warehouses(State(s): State<Shared>, h: HeaderMap, b: Bytes) -> Response {
    if !ozon_auth(&h) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    // The spec defines no request body here; a validating mock refuses even `{}`.
    if !b.is_empty() {
        return bad("the method takes no request body");
    }
    let v = Value::Null;
    let mut x = s.lock().expect("extra");
    let result: Vec<Value> = x
        .warehouses
        .iter()
        .map(|(id, name)| {
            json!({ "warehouse_id": id, "name": name, "is_rfbs": false, "status": "created",
                "has_entrusted_acceptance": false, "is_kgt": false, "working_days": ["1", "2"] })
        })
        .collect();
    x.log.push(("ozon warehouses".into(), v));
    axum::Json(json!({ "result": result })).into_response()
}

async fn ozon_label(State(s): State<Shared>, h: HeaderMap, b: Bytes) -> Response {
    if !ozon_auth(&h) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let v = match body(&b) {
        Ok(v) => v,
        Err(r) => return r,
    };
    match v["posting_number"].as_array() {
        Some(a) if !a.is_empty() && a.len() <= 20 && a.iter().all(Value::is_string) => {}
        _ => return bad("posting_number: 1..20 strings"),
    }
    let mut x = s.lock().expect("extra");
    x.log.push(("ozon label".into(), v));
    label(&x)
}

pub fn yandex(shared: Shared) -> Router {
    Router::new()
        .route("/v2/campaigns/{campaign}/offers/stocks", put(ym_stocks))
        .route(
            "/v2/campaigns/{campaign}/orders/{id}/delivery/labels",
            get(ym_label),
        )
        .with_state(shared)
}

fn ym_auth(h: &HeaderMap, campaign: i64) -> Result<(), Response> {
    if h.get("Api-Key").and_then(|v| v.to_str().ok()) != Some(super::yandex::API_KEY) {
        return Err(StatusCode::UNAUTHORIZED.into_response());
    }
    if campaign != super::yandex::CAMPAIGN {
        return Err(StatusCode::FORBIDDEN.into_response());
    }
    Ok(())
}

async fn ym_stocks(
    State(s): State<Shared>,
    Path(campaign): Path<i64>,
    h: HeaderMap,
    b: Bytes,
) -> Response {
    if let Err(r) = ym_auth(&h, campaign) {
        return r;
    }
    let v = match body(&b) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let Some(skus) = v["skus"].as_array() else {
        return bad("skus is required");
    };
    if skus.is_empty() || skus.len() > 2000 {
        return bad("skus: 1..2000");
    }
    let mut seen = std::collections::BTreeSet::new();
    let mut x = s.lock().expect("extra");
    for sku in skus {
        let Some(name) = sku["sku"].as_str().filter(|s| !s.is_empty()) else {
            return bad("skus[].sku is required");
        };
        if !seen.insert(name.to_owned()) {
            return bad("skus[].sku must be unique");
        }
        let items = sku["items"].as_array();
        let Some([item]) = items.map(Vec::as_slice) else {
            return bad("skus[].items: exactly one");
        };
        let Some(count) = item["count"].as_i64().filter(|c| *c >= 0) else {
            return bad("items[].count is required (≥ 0)");
        };
        if let Some(at) = item["updatedAt"].as_str() {
            if at.parse::<jiff::Timestamp>().is_err() {
                return bad("items[].updatedAt: date-time");
            }
        }
        x.stock.insert(("yandex".into(), name.to_owned()), count);
    }
    x.log.push(("yandex stocks".into(), v));
    axum::Json(json!({ "status": "OK" })).into_response()
}

async fn ym_label(
    State(s): State<Shared>,
    Path((campaign, id)): Path<(i64, i64)>,
    h: HeaderMap,
) -> Response {
    if let Err(r) = ym_auth(&h, campaign) {
        return r;
    }
    let mut x = s.lock().expect("extra");
    x.log.push(("yandex label".into(), json!(id)));
    label(&x)
}
