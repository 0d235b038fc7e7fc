//! МойСклад JSON API 1.2 as its docs describe it: Basic auth, gzip required (415 without
//! `Accept-Encoding: gzip`) and used for answers, lists with meta.size/nextHref and
//! limit ≤ 1000, customer orders with states from the metadata, counterparties, the
//! stock-by-store report with changedSince, and the rate-limit headers.
// A refused request is an early `Err(Response)`: the handlers stay flat, and a test server
// does not care about the size of its error type.
#![allow(clippy::result_large_err)]

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use base64::Engine;
use serde_json::{json, Value};

pub const LOGIN: &str = "admin@shop";
pub const PASSWORD: &str = "ms-password-42";
pub const STORE_ID: &str = "st-main";

#[derive(Default)]
pub struct Sklad {
    pub base: String,
    pub password: String,
    /// (id, article, stock in pieces by store, changed at second)
    pub products: Vec<(String, String, BTreeMap<String, i64>, i64)>,
    pub orders: BTreeMap<String, Value>,
    pub counterparties: Vec<Value>,
    pub clock: i64,
    /// Requests left in the current window; at 0 the next gets 429.
    pub window_left: Option<u32>,
    pub rate_limited: u32,
    pub requests: Vec<String>,
    pub next_id: u64,
    /// Lists answer the first page at any offset, claim a million rows and a next page.
    pub ignore_offset: bool,
}

pub type Shared = Arc<Mutex<Sklad>>;

pub const STATES: [&str; 5] = ["Новый", "Подтвержден", "Отгружен", "Закрыт", "Отменен"];

pub fn sklad() -> Shared {
    Arc::new(Mutex::new(Sklad {
        password: PASSWORD.into(),
        clock: 1_795_320_000,
        ..Sklad::default()
    }))
}

pub fn moscow(second: i64) -> String {
    let offset = jiff::tz::Offset::constant(3);
    jiff::Timestamp::from_second(second)
        .expect("instant")
        .to_zoned(jiff::tz::TimeZone::fixed(offset))
        .strftime("%Y-%m-%d %H:%M:%S.000")
        .to_string()
}

/// An HTTP `Date` header's text for `second`.
pub fn http_date(second: i64) -> String {
    jiff::Timestamp::from_second(second)
        .expect("instant")
        .strftime("%a, %d %b %Y %H:%M:%S GMT")
        .to_string()
}

pub fn state_href(base: &str, name: &str) -> String {
    let i = STATES.iter().position(|s| *s == name).expect("known state");
    format!("{base}/entity/customerorder/metadata/states/state-{i}")
}

pub fn router(sklad: Shared) -> Router {
    Router::new()
        .route(
            "/api/remap/1.2/entity/customerorder/metadata",
            get(metadata),
        )
        .route(
            "/api/remap/1.2/entity/customerorder",
            get(list_orders).post(create_order),
        )
        .route(
            "/api/remap/1.2/entity/customerorder/{id}",
            get(get_order).put(put_order),
        )
        .route(
            "/api/remap/1.2/entity/counterparty",
            get(list_counterparties).post(create_counterparty),
        )
        .route("/api/remap/1.2/entity/product", get(list_products))
        .route("/api/remap/1.2/report/stock/bystore/current", get(stock))
        .with_state(sklad)
}

fn gz(status: StatusCode, body: &Value, extra: &[(&'static str, String)]) -> Response {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(body.to_string().as_bytes()).expect("gzip");
    let bytes = enc.finish().expect("gzip");
    let mut r = (status, bytes).into_response();
    let h = r.headers_mut();
    h.insert(
        "content-type",
        HeaderValue::from_static("application/json;charset=utf-8"),
    );
    h.insert("content-encoding", HeaderValue::from_static("gzip"));
    for (k, v) in extra {
        h.insert(*k, HeaderValue::from_str(v).expect("header"));
    }
    r
}

fn errors(status: u16, code: i64, text: &str) -> Response {
    gz(
        StatusCode::from_u16(status).expect("status"),
        &json!({"errors": [{"error": text, "code": code}]}),
        &[],
    )
}

fn gate(
    s: &mut Sklad,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
) -> Result<Vec<(&'static str, String)>, Response> {
    s.requests.push(format!("{method} {}", uri.path()));
    let gzip = headers
        .get("accept-encoding")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("gzip"));
    if !gzip {
        return Err(errors(415, 1062, "Неверный формат сжатия: требуется gzip"));
    }
    let expected = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{LOGIN}:{}", s.password))
    );
    if headers.get("authorization").and_then(|v| v.to_str().ok()) != Some(expected.as_str()) {
        return Err(errors(
            401,
            1056,
            "Ошибка аутентификации: Неправильный пароль или имя пользователя или ключ авторизации",
        ));
    }
    match s.window_left {
        Some(0) => {
            s.rate_limited += 1;
            // The window "resets" for the next request; the client must have waited.
            s.window_left = None;
            Err(gz(
                StatusCode::TOO_MANY_REQUESTS,
                &json!({"errors": [{"error": "Превышено ограничение на количество запросов в единицу времени", "code": 1049}]}),
                &[
                    ("x-lognex-retry-timeinterval", "30".into()),
                    ("x-ratelimit-limit", "45".into()),
                    ("x-lognex-retry-after", "30".into()),
                ],
            ))
        }
        Some(n) => {
            s.window_left = Some(n - 1);
            Ok(vec![
                ("x-ratelimit-limit", "45".into()),
                ("x-ratelimit-remaining", (n - 1).to_string()),
                ("x-lognex-reset", "40".into()),
            ])
        }
        None => Ok(vec![
            ("x-ratelimit-limit", "45".into()),
            ("x-ratelimit-remaining", "40".into()),
        ]),
    }
}

fn query(uri: &Uri) -> BTreeMap<String, String> {
    url::form_urlencoded::parse(uri.query().unwrap_or("").as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn list(
    s: &Sklad,
    uri: &Uri,
    path: &str,
    rows: Vec<Value>,
    extra: &[(&'static str, String)],
) -> Response {
    let q = query(uri);
    let limit: usize = q.get("limit").and_then(|v| v.parse().ok()).unwrap_or(1000);
    if limit == 0 || limit > 1000 {
        return errors(400, 1002, "Параметр 'limit' должен быть от 1 до 1000");
    }
    let mut offset: usize = q.get("offset").and_then(|v| v.parse().ok()).unwrap_or(0);
    let mut size = rows.len();
    if s.ignore_offset {
        (offset, size) = (0, 1_000_000);
    }
    let page: Vec<Value> = rows.into_iter().skip(offset).take(limit).collect();
    let mut meta = json!({"href": format!("{}/{path}", s.base), "type": path.rsplit('/').next(),
        "mediaType": "application/json", "size": size, "limit": limit, "offset": offset});
    if offset + limit < size {
        meta["nextHref"] = json!(format!(
            "{}/{path}?limit={limit}&offset={}",
            s.base,
            offset + limit
        ));
    }
    gz(StatusCode::OK, &json!({"meta": meta, "rows": page}), extra)
}

async fn metadata(
    State(sk): State<Shared>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let mut s = sk.lock().expect("lock");
    let extra = match gate(&mut s, &method, &uri, &headers) {
        Ok(e) => e,
        Err(r) => return r,
    };
    let states: Vec<Value> = STATES
        .iter()
        .enumerate()
        .map(|(i, name)| json!({"meta": {"href": state_href(&s.base, name), "type": "state", "mediaType": "application/json"},
            "id": format!("state-{i}"), "name": name, "color": 15106326,
            "stateType": match *name { "Закрыт" => "Successful", "Отменен" => "Unsuccessful", _ => "Regular" },
            "entityType": "customerorder"}))
        .collect();
    gz(
        StatusCode::OK,
        &json!({"meta": {}, "states": states, "createShared": false}),
        &extra,
    )
}

async fn list_products(
    State(sk): State<Shared>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let mut s = sk.lock().expect("lock");
    let extra = match gate(&mut s, &method, &uri, &headers) {
        Ok(e) => e,
        Err(r) => return r,
    };
    let rows = s
        .products
        .iter()
        .map(|(id, article, _, _)| json!({"meta": {"href": format!("{}/entity/product/{id}", s.base), "type": "product", "mediaType": "application/json"},
            "id": id, "name": format!("Товар {article}"), "article": article, "code": format!("c-{id}"), "externalCode": format!("x-{id}")}))
        .collect();
    list(&s, &uri, "entity/product", rows, &extra)
}

async fn list_orders(
    State(sk): State<Shared>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let mut s = sk.lock().expect("lock");
    let extra = match gate(&mut s, &method, &uri, &headers) {
        Ok(e) => e,
        Err(r) => return r,
    };
    let filter = query(&uri).get("filter").cloned().unwrap_or_default();
    let code = filter.strip_prefix("externalCode=").map(str::to_owned);
    let rows = s
        .orders
        .values()
        .filter(|o| code.as_ref().is_none_or(|c| o["externalCode"] == json!(c)))
        .cloned()
        .collect();
    list(&s, &uri, "entity/customerorder", rows, &extra)
}

async fn create_order(
    State(sk): State<Shared>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let mut s = sk.lock().expect("lock");
    let extra = match gate(&mut s, &method, &uri, &headers) {
        Ok(e) => e,
        Err(r) => return r,
    };
    let Ok(mut order) = serde_json::from_slice::<Value>(&body) else {
        return errors(400, 2016, "Ошибка формата JSON");
    };
    if order["organization"]["meta"]["href"].as_str().is_none()
        || order["agent"]["meta"]["href"].as_str().is_none()
    {
        return errors(
            412,
            3000,
            "Ошибка сохранения объекта: поле 'organization' или 'agent' не может быть пустым",
        );
    }
    s.next_id += 1;
    s.clock += 1;
    let id = format!("co-{}", s.next_id);
    order["id"] = json!(id);
    order["meta"] = json!({"href": format!("{}/entity/customerorder/{id}", s.base), "type": "customerorder", "mediaType": "application/json"});
    order["updated"] = json!(moscow(s.clock));
    if order["state"].is_null() {
        order["state"] = json!({"meta": {"href": state_href(&s.base, "Новый"), "type": "state", "mediaType": "application/json"}});
    }
    s.orders.insert(id, order.clone());
    gz(StatusCode::OK, &order, &extra)
}

async fn get_order(
    State(sk): State<Shared>,
    Path(id): Path<String>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let mut s = sk.lock().expect("lock");
    let extra = match gate(&mut s, &method, &uri, &headers) {
        Ok(e) => e,
        Err(r) => return r,
    };
    match s.orders.get(&id) {
        Some(o) => gz(StatusCode::OK, o, &extra),
        None => errors(404, 1021, "Объект не найден"),
    }
}

async fn put_order(
    State(sk): State<Shared>,
    Path(id): Path<String>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let mut s = sk.lock().expect("lock");
    let extra = match gate(&mut s, &method, &uri, &headers) {
        Ok(e) => e,
        Err(r) => return r,
    };
    let Ok(change) = serde_json::from_slice::<Value>(&body) else {
        return errors(400, 2016, "Ошибка формата JSON");
    };
    s.clock += 1;
    let clock = s.clock;
    let Some(o) = s.orders.get_mut(&id) else {
        return errors(404, 1021, "Объект не найден");
    };
    if !change["state"].is_null() {
        o["state"] = change["state"].clone();
    }
    o["updated"] = json!(moscow(clock));
    let o = o.clone();
    gz(StatusCode::OK, &o, &extra)
}

async fn list_counterparties(
    State(sk): State<Shared>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let mut s = sk.lock().expect("lock");
    let extra = match gate(&mut s, &method, &uri, &headers) {
        Ok(e) => e,
        Err(r) => return r,
    };
    let filter = query(&uri).get("filter").cloned().unwrap_or_default();
    let phone = filter.strip_prefix("phone=").unwrap_or("").to_owned();
    let rows = s
        .counterparties
        .iter()
        .filter(|c| c["phone"] == json!(phone))
        .cloned()
        .collect();
    list(&s, &uri, "entity/counterparty", rows, &extra)
}

async fn create_counterparty(
    State(sk): State<Shared>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let mut s = sk.lock().expect("lock");
    let extra = match gate(&mut s, &method, &uri, &headers) {
        Ok(e) => e,
        Err(r) => return r,
    };
    let Ok(mut c) = serde_json::from_slice::<Value>(&body) else {
        return errors(400, 2016, "Ошибка формата JSON");
    };
    s.next_id += 1;
    let id = format!("cp-{}", s.next_id);
    c["id"] = json!(id);
    c["meta"] = json!({"href": format!("{}/entity/counterparty/{id}", s.base), "type": "counterparty", "mediaType": "application/json"});
    s.counterparties.push(c.clone());
    gz(StatusCode::OK, &c, &extra)
}

async fn stock(State(sk): State<Shared>, method: Method, uri: Uri, headers: HeaderMap) -> Response {
    let mut s = sk.lock().expect("lock");
    let extra = match gate(&mut s, &method, &uri, &headers) {
        Ok(e) => e,
        Err(r) => return r,
    };
    let since = query(&uri).get("changedSince").cloned();
    // Answered on the server's own clock, which need not be the desk's.
    let mut extra = extra;
    extra.push(("date", http_date(s.clock)));
    let rows: Vec<Value> = s
        .products
        .iter()
        .filter(|(_, _, _, changed)| {
            since
                .as_ref()
                .is_none_or(|c| moscow(*changed).as_str() >= c.as_str())
        })
        .flat_map(|(id, _, by_store, _)| {
            by_store
                .iter()
                .map(move |(store, q)| json!({"assortmentId": id, "storeId": store, "stock": q}))
        })
        .collect();
    gz(StatusCode::OK, &json!(rows), &extra)
}
