//! A WooCommerce site as its REST v3 docs describe it: OAuth 1.0a one-legged over http
//! (checked the way WordPress checks it: signature against its home URL, nonces used once),
//! paging with X-WP-Total / X-WP-TotalPages / Link (echoing the caller's query, oauth_*
//! included), orders, notes, products and products/batch. Faults can be queued.
// A refused request is an early `Err(Response)`: the handlers stay flat, and a test server
// does not care about the size of its error type.
#![allow(clippy::result_large_err)]

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use base64::Engine;
use hmac::{Hmac, Mac};
use serde_json::{json, Value};

#[derive(Clone, Debug)]
pub enum Fault {
    Status(u16, Vec<(&'static str, String)>, String),
    /// Answer after this long (longer than the client's timeout).
    Delay(Duration),
    /// A 200 whose JSON body is cut short.
    Truncated,
}

/// A listing that pages without end, as broken sites do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EndlessPaging {
    /// `page` ignored (a caching plugin): page 1 under every number, always with a next link.
    PageIgnored,
    /// The next link names the page just answered.
    LinkBack,
}

#[derive(Default)]
pub struct Site {
    pub home: String,
    pub key: String,
    pub secret: String,
    pub orders: BTreeMap<i64, Value>,
    pub products: BTreeMap<i64, (String, i64)>,
    /// Products sold without counting stock (`manage_stock: false`): as on the real store, a
    /// stock quantity sent alone is not kept for them.
    pub unmanaged: std::collections::HashSet<i64>,
    /// Variable products' variations by parent id: variation id → (SKU, stock). A parent
    /// listed here is a `variable` product.
    pub variations: BTreeMap<i64, BTreeMap<i64, (String, i64)>>,
    /// Bodies of variation batches: (parent, items).
    pub variation_batches: Vec<(i64, usize)>,
    pub notes: Vec<(i64, String, bool)>,
    pub nonces: HashSet<String>,
    pub faults: VecDeque<Fault>,
    /// The site's clock for date_modified, in seconds.
    pub clock: i64,
    pub requests: Vec<String>,
    pub batch_sizes: Vec<usize>,
    /// Each listing request runs its query afresh, as the site's database does; orders that
    /// share one `date_modified` second come in an order drawn from this on every request
    /// (the real store's ties are not stable between requests either).
    pub ties: Option<fastrand::Rng>,
    /// Listing requests answered so far.
    pub list_requests: usize,
    /// A bulk status change made in the site's admin while someone pages: before answering
    /// listing request number `.0`, these orders get status `.2` and a new `date_modified`.
    pub bulk: Option<(usize, Vec<i64>, &'static str)>,
    /// The keys were made with «Чтение» rights: every write is refused with 403.
    pub read_only: bool,
    /// `GET shipping_methods`: (id, title, description), WooCommerce's own and its plugins'.
    pub shipping_methods: Vec<(String, String, String)>,
    /// Every listing (orders, products, variations) pages without end this way.
    pub endless: Option<EndlessPaging>,
    /// `PUT orders/{key}` answers with the value's order instead (a misbehaving plugin).
    pub answer_as: HashMap<i64, i64>,
}

pub type Shared = Arc<Mutex<Site>>;

pub fn gmt(second: i64) -> String {
    jiff::Timestamp::from_second(second)
        .expect("valid instant")
        .strftime("%Y-%m-%dT%H:%M:%S")
        .to_string()
}

/// Kopecks as WooCommerce writes money: "1350.00".
pub fn money(kopecks: i64) -> String {
    format!("{}.{:02}", kopecks / 100, kopecks % 100)
}

/// An order shaped like WooCommerce 10's (see shared/reference/samples): line subtotals and
/// totals, and an order total of lines plus shipping, as the site computes them.
pub fn order(id: i64, status: &str, modified: i64, lines: &[(&str, i64, &str)]) -> Value {
    let mut goods = 0_i64;
    let items: Vec<Value> = lines
        .iter()
        .enumerate()
        .map(|(i, (sku, qty, price))| {
            let (rub, kop) = price.split_once('.').unwrap_or((price, "0"));
            let kop = format!("{kop:0<2}");
            let unit: i64 = rub.parse::<i64>().expect("price") * 100
                + kop[..2].parse::<i64>().expect("price");
            let amount = unit * qty;
            goods += amount;
            json!({
                "id": id * 100 + i as i64, "name": format!("Товар {sku}"), "product_id": 10 + i as i64,
                "variation_id": 0, "quantity": qty, "tax_class": "", "subtotal": money(amount),
                "subtotal_tax": "0.00", "total": money(amount), "total_tax": "0.00", "taxes": [],
                "meta_data": [], "sku": sku,
                "price": serde_json::from_str::<Value>(price).expect("numeric price"),
                "image": {"id": "", "src": ""}, "parent_name": null
            })
        })
        .collect();
    json!({
        "id": id, "parent_id": 0, "status": status, "currency": "RUB", "version": "10.0.2",
        "prices_include_tax": false,
        "date_created": gmt(modified), "date_modified": gmt(modified),
        "discount_total": "0.00", "discount_tax": "0.00", "shipping_total": "350.00",
        "shipping_tax": "0.00", "cart_tax": "0.00", "total": money(goods + 35_000), "total_tax": "0.00",
        "customer_id": 0, "order_key": format!("wc_order_{id}"),
        "billing": {"first_name": "Иван", "last_name": format!("Покупатель{id}"), "company": "",
            "address_1": "ул. Ленина, 1", "address_2": "", "city": "Москва", "state": "",
            "postcode": "101000", "country": "RU", "email": format!("b{id}@example.com"),
            "phone": format!("+7 (916) 000-{:04}", id % 10_000)},
        "shipping": {"first_name": "Иван", "last_name": "Покупатель", "company": "",
            "address_1": "ул. Ленина, 1", "address_2": "", "city": "Москва", "state": "",
            "postcode": "101000", "country": "RU", "phone": ""},
        "payment_method": "cod", "payment_method_title": "Оплата при доставке",
        "transaction_id": "", "customer_note": "", "date_completed": null, "date_paid": null,
        "number": id.to_string(), "meta_data": [], "line_items": items, "tax_lines": [],
        "shipping_lines": [{"id": id * 1000, "method_title": "Курьер", "method_id": "flat_rate",
            "instance_id": "", "total": "350.00", "total_tax": "0.00", "taxes": [], "meta_data": []}],
        "fee_lines": [], "coupon_lines": [], "refunds": [],
        "date_created_gmt": gmt(modified), "date_modified_gmt": gmt(modified),
        "date_completed_gmt": null, "date_paid_gmt": null
    })
}

pub fn site(home: &str, key: &str, secret: &str) -> Shared {
    Arc::new(Mutex::new(Site {
        home: home.to_owned(),
        key: key.to_owned(),
        secret: secret.to_owned(),
        clock: 1_795_320_000,
        ties: Some(fastrand::Rng::with_seed(7)),
        shipping_methods: core_shipping_methods(),
        ..Site::default()
    }))
}

pub fn router(site: Shared) -> Router {
    Router::new()
        .route("/wp-json/wc/v3/orders", get(list_orders))
        .route("/wp-json/wc/v3/orders/{id}", get(get_order).put(put_order))
        .route("/wp-json/wc/v3/orders/{id}/notes", post(add_note))
        .route("/wp-json/wc/v3/products", get(list_products))
        .route(
            "/wp-json/wc/v3/shipping_methods",
            get(list_shipping_methods),
        )
        .route("/wp-json/wc/v3/products/batch", post(batch))
        .route(
            "/wp-json/wc/v3/products/{id}/variations",
            get(list_variations),
        )
        .route(
            "/wp-json/wc/v3/products/{id}/variations/batch",
            post(variations_batch),
        )
        .with_state(site)
}

/// `order` shipped by `method_id` (an instance of a shipping zone when `instance` is not
/// empty), titled as the customer chose it, with a carrier plugin's meta (its pickup point).
pub fn shipped_by(
    mut order: Value,
    method_id: &str,
    instance: &str,
    title: &str,
    meta: &[(&str, &str)],
) -> Value {
    let meta: Vec<Value> = meta
        .iter()
        .enumerate()
        .map(|(i, (k, v))| json!({"id": 300 + i, "key": k, "value": v, "display_key": k, "display_value": v}))
        .collect();
    let id = order["id"].as_i64().unwrap_or(0);
    order["shipping_lines"] = json!([{
        "id": id * 1000, "method_title": title, "method_id": method_id, "instance_id": instance,
        "total": "350.00", "total_tax": "0.00", "taxes": [], "tax_status": "taxable",
        "meta_data": meta
    }]);
    order
}

/// What WooCommerce 10.0.2 lists with no shipping plugin (shared/reference/samples).
pub fn core_shipping_methods() -> Vec<(String, String, String)> {
    [
        ("flat_rate", "Flat rate", "Lets you charge a fixed rate for shipping."),
        ("free_shipping", "Free shipping", "Free shipping is a special method which can be triggered with coupons and minimum spends."),
        ("local_pickup", "Local pickup", "Allow customers to pick up orders themselves. By default, when using local pickup store base taxes will apply regardless of customer address."),
        ("pickup_location", "Local pickup", "Allow customers to choose a local pickup location during checkout."),
    ]
    .into_iter()
    .map(|(id, title, about)| (id.to_owned(), title.to_owned(), about.to_owned()))
    .collect()
}

/// `GET shipping_methods` as WooCommerce answers it: every registered method at once (no
/// paging headers), each with `id`, `title`, `description` and `_links`, `_fields` honoured.
async fn list_shipping_methods(State(site): State<Shared>, method: Method, uri: Uri) -> Response {
    if let Err(r) = gate(&site, &method, &uri).await {
        return r;
    }
    let s = site.lock().expect("site lock");
    let api = format!("{}/wp-json/wc/v3/shipping_methods", s.home);
    let items: Vec<Value> = s
        .shipping_methods
        .iter()
        .map(|(id, title, about)| {
            fields(
                &uri,
                json!({"id": id, "title": title, "description": about, "_links": {
                    "self": [{"href": format!("{api}/{id}"), "targetHints": {"allow": ["GET"]}}],
                    "collection": [{"href": api}]}}),
            )
        })
        .collect();
    axum::Json(items).into_response()
}

fn rfc3986(s: &str) -> String {
    const SET: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    percent_encoding::utf8_percent_encode(s, SET).to_string()
}

fn error(status: u16, code: &str, message: &str) -> Response {
    (
        StatusCode::from_u16(status).expect("valid status"),
        axum::Json(json!({"code": code, "message": message, "data": {"status": status}})),
    )
        .into_response()
}

/// WordPress's check: decode every parameter, encode RFC 3986, sort, join; base string with
/// the site's home URL; HMAC keyed by `secret&`; each nonce once.
fn authenticate(site: &mut Site, method: &Method, uri: &Uri) -> Result<(), Response> {
    let pairs: Vec<(String, String)> =
        url::form_urlencoded::parse(uri.query().unwrap_or("").as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
    let get = |k: &str| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    let (Some(key), Some(sig), Some(nonce), Some(sm)) = (
        get("oauth_consumer_key"),
        get("oauth_signature"),
        get("oauth_nonce"),
        get("oauth_signature_method"),
    ) else {
        return Err(error(
            401,
            "woocommerce_rest_cannot_view",
            "Sorry, you cannot list resources.",
        ));
    };
    if key != site.key {
        return Err(error(
            401,
            "woocommerce_rest_authentication_error",
            "Consumer key is invalid.",
        ));
    }
    let mut params: Vec<String> = pairs
        .iter()
        .filter(|(k, _)| k != "oauth_signature")
        .map(|(k, v)| format!("{}={}", rfc3986(k), rfc3986(v)))
        .collect();
    params.sort();
    let base = format!(
        "{}&{}&{}",
        method.as_str(),
        rfc3986(&format!("{}{}", site.home, uri.path())),
        rfc3986(&params.join("&"))
    );
    let signing_key = format!("{}&", site.secret);
    let expected = match sm.as_str() {
        "HMAC-SHA1" => {
            let mut m = Hmac::<sha1::Sha1>::new_from_slice(signing_key.as_bytes()).expect("hmac");
            m.update(base.as_bytes());
            base64::engine::general_purpose::STANDARD.encode(m.finalize().into_bytes())
        }
        "HMAC-SHA256" => {
            let mut m = Hmac::<sha2::Sha256>::new_from_slice(signing_key.as_bytes()).expect("hmac");
            m.update(base.as_bytes());
            base64::engine::general_purpose::STANDARD.encode(m.finalize().into_bytes())
        }
        _ => {
            return Err(error(
                401,
                "woocommerce_rest_authentication_error",
                "Invalid signature method.",
            ))
        }
    };
    if expected != sig {
        return Err(error(
            401,
            "woocommerce_rest_authentication_error",
            "Invalid signature - provided signature does not match.",
        ));
    }
    if !site.nonces.insert(nonce) {
        return Err(error(
            401,
            "woocommerce_rest_authentication_error",
            "Invalid nonce - nonce has already been used.",
        ));
    }
    Ok(())
}

/// Auth and any queued fault; `Ok` lets the handler answer.
async fn gate(site: &Shared, method: &Method, uri: &Uri) -> Result<(), Response> {
    let fault = {
        let mut s = site.lock().expect("site lock");
        s.requests.push(format!("{method} {}", uri.path()));
        authenticate(&mut s, method, uri)?;
        // WordPress checks the key's rights before it reads the body.
        if s.read_only && method != Method::GET {
            return Err(error(
                403,
                "woocommerce_rest_cannot_edit",
                "Sorry, you are not allowed to edit this resource.",
            ));
        }
        s.faults.pop_front()
    };
    match fault {
        None => Ok(()),
        Some(Fault::Delay(d)) => {
            tokio::time::sleep(d).await;
            Ok(())
        }
        Some(Fault::Truncated) => Err((
            StatusCode::OK,
            [("content-type", "application/json")],
            "[{\"id\": 1, \"status\": \"proc",
        )
            .into_response()),
        Some(Fault::Status(code, headers, body)) => {
            let mut r = (StatusCode::from_u16(code).expect("valid status"), body).into_response();
            for (k, v) in headers {
                r.headers_mut()
                    .insert(k, HeaderValue::from_str(&v).expect("header"));
            }
            Err(r)
        }
    }
}

fn query(uri: &Uri) -> BTreeMap<String, String> {
    url::form_urlencoded::parse(uri.query().unwrap_or("").as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// Only the `_fields` asked for, as WordPress answers them (all when none are asked).
fn fields(uri: &Uri, item: Value) -> Value {
    match query(uri).get("_fields") {
        None => item,
        Some(wanted) => Value::Object(
            wanted
                .split(',')
                .filter_map(|f| Some((f.to_owned(), item.get(f)?.clone())))
                .collect(),
        ),
    }
}

/// `per_page` and `page` as WooCommerce reads them (per_page 1..=100).
fn paging(uri: &Uri) -> Result<(usize, usize), Response> {
    let q = query(uri);
    let per_page: usize = q.get("per_page").and_then(|p| p.parse().ok()).unwrap_or(10);
    if per_page == 0 || per_page > 100 {
        return Err(error(
            400,
            "rest_invalid_param",
            "Invalid parameter(s): per_page",
        ));
    }
    let page: usize = q
        .get("page")
        .and_then(|p| p.parse().ok())
        .unwrap_or(1)
        .max(1);
    Ok((per_page, page))
}

/// One page plus the headers WooCommerce sends: totals and a Link echoing the caller's query.
/// Only the page itself is serialised, so the double costs little beside the client.
fn page(
    site: &Site,
    uri: &Uri,
    total: usize,
    per_page: usize,
    page: usize,
    body: &[&Value],
) -> Response {
    let pages = total.div_ceil(per_page).max(1);
    let bytes = serde_json::to_vec(body).expect("serialise page");
    let mut r = ([("content-type", "application/json; charset=UTF-8")], bytes).into_response();
    let h = r.headers_mut();
    h.insert("x-wp-total", HeaderValue::from(total));
    h.insert("x-wp-totalpages", HeaderValue::from(pages));
    let next_page = match site.endless {
        None if page < pages => Some(page + 1),
        None => None,
        Some(EndlessPaging::PageIgnored) => Some(page + 1),
        Some(EndlessPaging::LinkBack) => Some(page),
    };
    if let Some(next_page) = next_page {
        let mut next = url::Url::parse(&format!("{}{}", site.home, uri)).expect("url");
        let kept: Vec<(String, String)> = next
            .query_pairs()
            .filter(|(k, _)| k != "page")
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        next.set_query(None);
        next.query_pairs_mut()
            .extend_pairs(kept)
            .append_pair("page", &next_page.to_string());
        h.insert(
            "link",
            HeaderValue::from_str(&format!("<{next}>; rel=\"next\"")).expect("link header"),
        );
    }
    r
}

/// `GET orders`: `modified_after`, `after` (created), `include`, `orderby` (`id`, `modified`,
/// `date`), `order`, `_fields`, paged by `page`/`per_page` over a query run afresh each time.
async fn list_orders(State(site): State<Shared>, method: Method, uri: Uri) -> Response {
    if let Err(r) = gate(&site, &method, &uri).await {
        return r;
    }
    let (per_page, n) = match paging(&uri) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let q = query(&uri);
    let mut guard = site.lock().expect("site lock");
    let s = &mut *guard;
    s.list_requests += 1;
    if let Some((at, ids, status)) = s.bulk.take() {
        if s.list_requests == at {
            s.clock += 1;
            let stamp = gmt(s.clock);
            for id in &ids {
                if let Some(o) = s.orders.get_mut(id) {
                    o["status"] = json!(status);
                    o["date_modified_gmt"] = json!(stamp);
                    o["date_modified"] = json!(stamp);
                }
            }
        } else {
            s.bulk = Some((at, ids, status));
        }
    }
    let modified_after = q.get("modified_after").cloned();
    let created_after = q.get("after").cloned();
    let include: Option<HashSet<i64>> = q.get("include").map(|ids| {
        ids.split(',')
            .filter_map(|i| i.trim().parse().ok())
            .collect()
    });
    let matches = |o: &Value| {
        let later = |field: &str, bound: &Option<String>| {
            bound
                .as_deref()
                .is_none_or(|b| o[field].as_str().is_some_and(|v| v > b))
        };
        later("date_modified_gmt", &modified_after)
            && later("date_created_gmt", &created_after)
            && include
                .as_ref()
                .is_none_or(|ids| o["id"].as_i64().is_some_and(|id| ids.contains(&id)))
    };
    // Orders by id come straight from the map, already in id order.
    let mut ids: Vec<i64> = s
        .orders
        .iter()
        .filter(|(_, o)| matches(o))
        .map(|(id, _)| *id)
        .collect();
    let orderby = q.get("orderby").map_or("date", String::as_str);
    let field = match orderby {
        "modified" => Some("date_modified_gmt"),
        "date" => Some("date_created_gmt"),
        _ => None,
    };
    if let Some(field) = field {
        let key = |id: &i64| s.orders[id][field].as_str().unwrap_or("").to_owned();
        match s.ties.as_mut() {
            // Ties in a random order, drawn anew for this request.
            Some(rng) => {
                rng.shuffle(&mut ids);
                ids.sort_by_cached_key(key);
            }
            None => ids.sort_by_cached_key(key),
        }
    }
    let descending = q.get("order").is_none_or(|o| o == "desc");
    if descending {
        ids.reverse();
    }
    let fields: Option<Vec<&str>> = q.get("_fields").map(|f| f.split(',').collect());
    let projected: Vec<Value>;
    let body: Vec<&Value> = {
        let page = ids
            .iter()
            .skip(match s.endless {
                Some(EndlessPaging::PageIgnored) => 0,
                _ => (n - 1) * per_page,
            })
            .take(per_page)
            .filter_map(|id| s.orders.get(id));
        match &fields {
            None => page.collect(),
            Some(fields) => {
                projected = page
                    .map(|o| {
                        Value::Object(
                            fields
                                .iter()
                                .filter_map(|f| Some(((*f).to_owned(), o.get(*f)?.clone())))
                                .collect(),
                        )
                    })
                    .collect();
                projected.iter().collect()
            }
        }
    };
    page(s, &uri, ids.len(), per_page, n, &body)
}

async fn get_order(
    State(site): State<Shared>,
    Path(id): Path<i64>,
    method: Method,
    uri: Uri,
) -> Response {
    if let Err(r) = gate(&site, &method, &uri).await {
        return r;
    }
    let s = site.lock().expect("site lock");
    match s.orders.get(&id) {
        Some(o) => axum::Json(o.clone()).into_response(),
        None => error(404, "woocommerce_rest_shop_order_invalid_id", "Invalid ID."),
    }
}

async fn put_order(
    State(site): State<Shared>,
    Path(id): Path<i64>,
    method: Method,
    uri: Uri,
    body: Bytes,
) -> Response {
    if let Err(r) = gate(&site, &method, &uri).await {
        return r;
    }
    let Ok(change) = serde_json::from_slice::<Value>(&body) else {
        return error(400, "rest_invalid_json", "Invalid JSON body passed.");
    };
    let mut s = site.lock().expect("site lock");
    s.clock += 1;
    let clock = s.clock;
    let Some(o) = s.orders.get_mut(&id) else {
        return error(404, "woocommerce_rest_shop_order_invalid_id", "Invalid ID.");
    };
    if let Some(status) = change["status"].as_str() {
        o["status"] = json!(status);
    }
    o["date_modified_gmt"] = json!(gmt(clock));
    o["date_modified"] = json!(gmt(clock));
    let answered = s.answer_as.get(&id).copied().unwrap_or(id);
    axum::Json(s.orders[&answered].clone()).into_response()
}

async fn add_note(
    State(site): State<Shared>,
    Path(id): Path<i64>,
    method: Method,
    uri: Uri,
    body: Bytes,
) -> Response {
    if let Err(r) = gate(&site, &method, &uri).await {
        return r;
    }
    let Ok(note) = serde_json::from_slice::<Value>(&body) else {
        return error(400, "rest_invalid_json", "Invalid JSON body passed.");
    };
    let mut s = site.lock().expect("site lock");
    let text = note["note"].as_str().unwrap_or("").to_owned();
    let customer = note["customer_note"].as_bool().unwrap_or(false);
    s.notes.push((id, text.clone(), customer));
    (
        StatusCode::CREATED,
        axum::Json(json!({"id": s.notes.len(), "note": text, "customer_note": customer})),
    )
        .into_response()
}

async fn list_products(State(site): State<Shared>, method: Method, uri: Uri) -> Response {
    if let Err(r) = gate(&site, &method, &uri).await {
        return r;
    }
    let (per_page, n) = match paging(&uri) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let s = site.lock().expect("site lock");
    let items: Vec<Value> = s
        .products
        .iter()
        .skip((n - 1) * per_page)
        .take(per_page)
        .map(|(id, (sku, stock))| {
            let kind = if s.variations.contains_key(id) {
                "variable"
            } else {
                "simple"
            };
            fields(
                &uri,
                if s.unmanaged.contains(id) {
                    json!({"id": id, "sku": sku, "type": kind, "name": format!("Товар {sku}"),
                        "price": "100", "stock_quantity": null, "manage_stock": false})
                } else {
                    json!({"id": id, "sku": sku, "type": kind, "name": format!("Товар {sku}"),
                        "price": "100", "stock_quantity": stock,
                        "manage_stock": kind == "simple"})
                },
            )
        })
        .collect();
    let body: Vec<&Value> = items.iter().collect();
    page(&s, &uri, s.products.len(), per_page, n, &body)
}

/// `GET /products/{id}/variations`: a variable product's variations, paged like products.
async fn list_variations(
    State(site): State<Shared>,
    Path(parent): Path<i64>,
    method: Method,
    uri: Uri,
) -> Response {
    if let Err(r) = gate(&site, &method, &uri).await {
        return r;
    }
    let (per_page, n) = match paging(&uri) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let s = site.lock().expect("site lock");
    let Some(all) = s.variations.get(&parent) else {
        return error(404, "woocommerce_rest_product_invalid_id", "Invalid ID.");
    };
    let items: Vec<Value> = all
        .iter()
        .skip((n - 1) * per_page)
        .take(per_page)
        .map(|(id, (sku, stock))| {
            fields(
                &uri,
                json!({"id": id, "sku": sku, "name": format!("вариант {sku}"), "price": "150",
                    "stock_quantity": stock, "manage_stock": true}),
            )
        })
        .collect();
    let body: Vec<&Value> = items.iter().collect();
    page(&s, &uri, all.len(), per_page, n, &body)
}

/// `POST /products/{id}/variations/batch`: stock updates of that product's variations.
async fn variations_batch(
    State(site): State<Shared>,
    Path(parent): Path<i64>,
    method: Method,
    uri: Uri,
    body: Bytes,
) -> Response {
    if let Err(r) = gate(&site, &method, &uri).await {
        return r;
    }
    let updates = match batch_updates(&body) {
        Ok(u) => u,
        Err(r) => return r,
    };
    let mut guard = site.lock().expect("site lock");
    let s = &mut *guard;
    s.variation_batches.push((parent, updates.len()));
    let Some(stock) = s.variations.get_mut(&parent) else {
        return error(404, "woocommerce_rest_product_invalid_id", "Invalid ID.");
    };
    axum::Json(json!({"update": apply_stock(stock, &mut s.unmanaged, updates)})).into_response()
}

/// A batch body's `update` items (at most 100, as WooCommerce allows).
fn batch_updates(body: &[u8]) -> Result<Vec<Value>, Response> {
    let Ok(req) = serde_json::from_slice::<Value>(body) else {
        return Err(error(400, "rest_invalid_json", "Invalid JSON body passed."));
    };
    let updates = req["update"].as_array().cloned().unwrap_or_default();
    if updates.len() > 100 {
        return Err(error(
            413,
            "woocommerce_rest_request_entity_too_large",
            "Unable to accept more than 100 items for this request.",
        ));
    }
    Ok(updates)
}

/// Each update applied, or an `error` item for an id the site does not have. A product that
/// does not count its stock keeps not counting it unless the update turns counting on.
fn apply_stock(
    stock: &mut BTreeMap<i64, (String, i64)>,
    unmanaged: &mut std::collections::HashSet<i64>,
    updates: Vec<Value>,
) -> Vec<Value> {
    let mut out = Vec::new();
    for u in updates {
        let id = u["id"].as_i64().unwrap_or(0);
        if u["manage_stock"] == json!(true) {
            unmanaged.remove(&id);
        }
        match stock.get_mut(&id) {
            Some(p) if unmanaged.contains(&id) => out
                .push(json!({"id": id, "sku": p.0, "stock_quantity": null, "manage_stock": false})),
            Some(p) => {
                p.1 = u["stock_quantity"].as_i64().unwrap_or(p.1);
                out.push(
                    json!({"id": id, "sku": p.0, "stock_quantity": p.1, "manage_stock": true}),
                );
            }
            None => out.push(
                json!({"id": id, "error": {"code": "woocommerce_rest_product_invalid_id",
                "message": "Invalid ID.", "data": {"status": 400}}}),
            ),
        }
    }
    out
}

async fn batch(
    State(site): State<Shared>,
    method: Method,
    uri: Uri,
    _h: HeaderMap,
    body: Bytes,
) -> Response {
    if let Err(r) = gate(&site, &method, &uri).await {
        return r;
    }
    let updates = match batch_updates(&body) {
        Ok(u) => u,
        Err(r) => return r,
    };
    let mut s = site.lock().expect("site lock");
    s.batch_sizes.push(updates.len());
    let s = &mut *s;
    let out = apply_stock(&mut s.products, &mut s.unmanaged, updates);
    axum::Json(json!({"update": out})).into_response()
}
