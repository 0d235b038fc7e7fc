//! The MegaMarket merchant API client: POST JSON `{"meta": {}, "data": {"token", …}}`,
//! `success: 1` or a refusal (MegaMarket refuses with HTTP 200 and `success: 0`), retries and
//! 429 waits from [`Http`].

use std::collections::HashMap;

use jiff::Timestamp;
use serde_json::{json, Value};
use url::Url;

use super::model::{BoxCode, Envelope, Shipment};
use crate::config::Settings;
use crate::http::Http;
use crate::paging::PageGuard;
use crate::secrets::Credentials;
use crate::ChannelError;

const ORDERS: &str = "/api/market/v1/orderService/";
pub const STOCK_PATH: &str = "/api/merchantIntegration/v1/offerService/stock/update";
/// Shipments one search returns at most; a full answer splits the window.
pub const SEARCH_COUNT: usize = 100;
/// Shipments read per `order/get`.
pub const GET_BATCH: usize = 50;
/// Offers per stock update.
pub const STOCK_BATCH: usize = 300;

/// One shipment of a read: usable, or kept with why it is not.
#[derive(Debug, Clone, PartialEq)]
pub enum Fetched {
    Shipment(Box<Shipment>),
    Malformed { shipment_id: String, error: String },
}

impl Fetched {
    pub(crate) fn read(value: Value) -> Fetched {
        let id = match &value["shipmentId"] {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            _ => String::new(),
        };
        match serde_json::from_value::<Shipment>(value) {
            Ok(s) if !s.shipment_id.is_empty() => Fetched::Shipment(Box::new(s)),
            Ok(_) => Fetched::Malformed {
                shipment_id: id,
                error: "shipment without an id".into(),
            },
            Err(e) => Fetched::Malformed {
                shipment_id: id,
                error: format!("malformed shipment: {e}"),
            },
        }
    }
}

pub struct MegaMarketClient {
    http: Http,
    base: Url,
    token: String,
}

impl MegaMarketClient {
    /// `credentials.secret` is the API token.
    pub fn new(
        base_url: &str,
        credentials: &Credentials,
        settings: &Settings,
    ) -> Result<MegaMarketClient, ChannelError> {
        let base = Url::parse(base_url.trim())
            .map_err(|e| ChannelError::Config(format!("MegaMarket address: {e}")))?;
        Ok(MegaMarketClient {
            http: Http::for_settings(settings)?,
            base,
            token: credentials.secret.expose().to_owned(),
        })
    }

    async fn call(
        &self,
        path: &str,
        mut data: Value,
        what: &'static str,
    ) -> Result<Value, ChannelError> {
        let url = self
            .base
            .join(path)
            .map_err(|e| ChannelError::Config(format!("endpoint {path}: {e}")))?;
        data["token"] = json!(self.token);
        let body = json!({ "meta": {}, "data": data });
        let reply = self
            .http
            .send(|c| Ok(c.post(url.clone()).json(&body)))
            .await?;
        let envelope: Envelope = reply.json(what)?;
        if envelope.success != 1 {
            return Err(ChannelError::Refused {
                status: reply.status.as_u16(),
                message: refusal(&envelope.error),
            });
        }
        Ok(envelope.data)
    }

    async fn order_call(
        &self,
        method: &str,
        data: Value,
        what: &'static str,
    ) -> Result<Value, ChannelError> {
        self.call(&format!("{ORDERS}{method}"), data, what).await
    }

    /// "Test connection": one search over the last day; the token is checked by MegaMarket.
    pub async fn check(&self, now: Timestamp) -> Result<(), ChannelError> {
        let from = now - jiff::SignedDuration::from_hours(24);
        self.search_once(from, now, 1).await.map(|_| ())
    }

    async fn search_once(
        &self,
        from: Timestamp,
        to: Timestamp,
        count: usize,
    ) -> Result<Vec<String>, ChannelError> {
        let data = json!({
            "dateFrom": from.to_string(),
            "dateTo": to.to_string(),
            "count": count,
        });
        let got = self
            .order_call("order/search", data, "order search")
            .await?;
        Ok(got["shipments"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| match v {
                        Value::String(s) => Some(s.clone()),
                        Value::Number(n) => Some(n.to_string()),
                        _ => None,
                    })
                    .collect()
            })
            .unwrap_or_default())
    }

    /// Ids of shipments created in `[from, to]`. The search has no pages: a full answer means
    /// there may be more, so the window is halved until each half fits. A server that ignores
    /// the window (two windows side by side answering the same full list) or a walk past
    /// [`crate::MAX_PAGES`] searches ends with [`ChannelError::EndlessPaging`]: 14 days halved
    /// down to seconds would otherwise be millions of calls.
    pub async fn search(
        &self,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<Vec<String>, ChannelError> {
        let mut guard = PageGuard::new("Мегамаркет, поиск отправлений");
        // A full list → the window it last came for. Halving nests windows, so the same full
        // list is honest only for a window nested with that one; side by side, the server
        // is ignoring the dates.
        let mut full: HashMap<Vec<String>, (Timestamp, Timestamp)> = HashMap::new();
        let mut windows = vec![(from, to)];
        let mut out: Vec<String> = Vec::new();
        while let Some((a, b)) = windows.pop() {
            guard.next_page()?;
            let ids = self.search_once(a, b, SEARCH_COUNT).await?;
            let span = b.duration_since(a);
            if ids.len() >= SEARCH_COUNT && span > jiff::SignedDuration::from_secs(1) {
                let mut key = ids.clone();
                key.sort();
                if let Some((x, y)) = full.insert(key, (a, b)) {
                    let nested = (x <= a && b <= y) || (a <= x && y <= b);
                    if !nested {
                        return Err(guard.endless());
                    }
                }
                let mid = a + span / 2;
                windows.push((mid, b));
                windows.push((a, mid));
                continue;
            }
            for id in ids {
                if guard.first_time(id.clone()) {
                    out.push(id);
                }
            }
        }
        Ok(out)
    }

    /// The shipments, read `GET_BATCH` at a time; each parsed on its own.
    pub async fn get(&self, ids: &[String]) -> Result<Vec<Fetched>, ChannelError> {
        let mut out = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(GET_BATCH) {
            let got = self
                .order_call("order/get", json!({ "shipments": chunk }), "order get")
                .await?;
            if let Some(list) = got["shipments"].as_array() {
                out.extend(list.iter().cloned().map(Fetched::read));
            }
        }
        Ok(out)
    }

    pub async fn shipment(&self, id: &str) -> Result<Shipment, ChannelError> {
        let fetched = self.get(&[id.to_owned()]).await?;
        match fetched.into_iter().next() {
            // Another shipment than the one asked for is not acted on.
            Some(Fetched::Shipment(s)) if s.shipment_id != id => Err(ChannelError::WrongOrder {
                market: "MegaMarket",
                asked: id.to_owned(),
                got: s.shipment_id,
            }),
            Some(Fetched::Shipment(s)) => Ok(*s),
            Some(Fetched::Malformed { error, .. }) => {
                Err(ChannelError::malformed("order get", error))
            }
            None => Err(ChannelError::Refused {
                status: 404,
                message: format!("shipment {id} not found"),
            }),
        }
    }

    pub async fn confirm(&self, s: &Shipment) -> Result<(), ChannelError> {
        let items: Vec<Value> = s
            .live_items()
            .map(|i| json!({ "itemIndex": i.item_index, "offerId": i.offer_id }))
            .collect();
        let data = json!({ "shipments": [ {
            "shipmentId": s.shipment_id, "orderCode": s.order_code, "items": items } ] });
        self.order_call("order/confirm", data, "confirm")
            .await
            .map(|_| ())
    }

    pub async fn reject(&self, s: &Shipment, reason: &str) -> Result<(), ChannelError> {
        let items: Vec<Value> = s
            .live_items()
            .map(|i| json!({ "itemIndex": i.item_index, "offerId": i.offer_id }))
            .collect();
        let data = json!({
            "shipments": [ { "shipmentId": s.shipment_id, "items": items } ],
            "reason": { "type": reason },
        });
        self.order_call("order/reject", data, "reject")
            .await
            .map(|_| ())
    }

    /// Spreads the live items over `boxes` boxes in turn.
    pub async fn packing(
        &self,
        s: &Shipment,
        merchant_id: i64,
        boxes: u32,
    ) -> Result<(), ChannelError> {
        let boxes = i64::from(boxes.max(1));
        let items: Vec<Value> = s
            .live_items()
            .enumerate()
            .map(|(n, i)| {
                let b = (n as i64 % boxes) + 1;
                json!({
                    "itemIndex": i.item_index,
                    "quantity": i.pieces(),
                    "boxes": [ { "boxIndex": b, "boxCode": box_code(merchant_id, &s.shipment_id, b) } ],
                })
            })
            .collect();
        let data = json!({ "shipments": [ {
            "shipmentId": s.shipment_id, "orderCode": s.order_code, "items": items } ] });
        self.order_call("order/packing", data, "packing")
            .await
            .map(|_| ())
    }

    /// Hands over the boxes the shipment was packed in, on `now`'s date.
    pub async fn shipping(
        &self,
        s: &Shipment,
        boxes: &[BoxCode],
        now: Timestamp,
    ) -> Result<(), ChannelError> {
        let point = s
            .shipping
            .as_ref()
            .map(|x| x.shipping_point.clone())
            .unwrap_or(Value::Null);
        let mut shipping = json!({ "shippingDate": now.to_string() });
        if !point.is_null() {
            shipping["shippingPoint"] = point;
        }
        let data = json!({ "shipments": [ {
            "shipmentId": s.shipment_id, "orderCode": s.order_code,
            "boxes": boxes, "shipping": shipping } ] });
        self.order_call("order/shipping", data, "shipping")
            .await
            .map(|_| ())
    }

    /// The stickers of the shipment's boxes. MegaMarket answers the document in `data`
    /// (base64); it is returned as sent for the caller to check.
    pub async fn stickers(&self, s: &Shipment, boxes: &[BoxCode]) -> Result<Vec<u8>, ChannelError> {
        let codes: Vec<&str> = boxes.iter().map(|b| b.box_code.as_str()).collect();
        let data = json!({ "shipmentId": s.shipment_id, "boxCodes": codes });
        let got = self.order_call("sticker/print", data, "sticker").await?;
        let text = got.as_str().unwrap_or_default().trim();
        use base64::Engine;
        base64::engine::general_purpose::STANDARD
            .decode(text)
            .or_else(|_| Ok::<_, ChannelError>(text.as_bytes().to_vec()))
    }

    /// One batch of `(offer id, pieces)`; at most [`STOCK_BATCH`].
    pub async fn update_stock(&self, stocks: &[(String, i64)]) -> Result<(), ChannelError> {
        let stocks: Vec<Value> = stocks
            .iter()
            .map(|(offer, q)| json!({ "offerId": offer, "quantity": q }))
            .collect();
        self.call(STOCK_PATH, json!({ "stocks": stocks }), "stock update")
            .await
            .map(|_| ())
    }
}

pub fn box_code(merchant_id: i64, shipment_id: &str, index: i64) -> String {
    format!("{merchant_id}*{shipment_id}*{index}")
}

/// MegaMarket's `error`: a list of `{code, message}` (or anything else, cut short).
fn refusal(error: &Value) -> String {
    let first = error.as_array().and_then(|a| a.first()).unwrap_or(error);
    match (first["code"].as_str(), first["message"].as_str()) {
        (Some(c), Some(m)) => format!("{c}: {m}"),
        (None, Some(m)) => m.to_owned(),
        (Some(c), None) => c.to_owned(),
        (None, None) if error.is_null() => "success is not 1".to_owned(),
        (None, None) => error.to_string().chars().take(200).collect(),
    }
}
