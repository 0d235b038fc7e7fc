//! МойСклад payloads OrderDesk reads and writes.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    pub href: String,
    #[serde(rename = "type", default)]
    pub kind: String,
    #[serde(rename = "mediaType", default = "json")]
    pub media_type: String,
}

fn json() -> String {
    "application/json".to_owned()
}

impl Meta {
    pub fn new(href: &str, kind: &str) -> Meta {
        Meta {
            href: href.to_owned(),
            kind: kind.to_owned(),
            media_type: json(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ref {
    pub meta: Meta,
}

/// A list answer: `meta.size`, `meta.nextHref` and `rows`.
#[derive(Debug, Clone, Deserialize)]
pub struct List<T> {
    pub meta: ListMeta,
    #[serde(default = "Vec::new")]
    pub rows: Vec<T>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ListMeta {
    #[serde(default)]
    pub size: u64,
    #[serde(rename = "nextHref", default)]
    pub next_href: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct State {
    pub meta: Meta,
    #[serde(default)]
    pub id: String,
    pub name: String,
    #[serde(rename = "stateType", default)]
    pub state_type: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct OrderMetadata {
    #[serde(default)]
    pub states: Vec<State>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Entity {
    pub id: String,
    pub meta: Meta,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub article: Option<String>,
    #[serde(default)]
    pub code: Option<String>,
    #[serde(rename = "externalCode", default)]
    pub external_code: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct CustomerOrder {
    pub id: String,
    pub meta: Meta,
    #[serde(default)]
    pub name: String,
    #[serde(rename = "externalCode", default)]
    pub external_code: Option<String>,
    #[serde(default)]
    pub state: Option<Ref>,
    /// `yyyy-mm-dd hh:mm:ss.fff`, Moscow time.
    #[serde(default)]
    pub updated: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Position {
    /// Pieces: an integer, or a decimal for goods sold by weight (the wire format is a JSON
    /// number; see [`crate::moysklad::client::quantity_number`]).
    pub quantity: serde_json::Value,
    /// Kopecks, as МойСклад counts prices.
    pub price: i64,
    pub assortment: Ref,
}

#[derive(Debug, Clone, Serialize)]
pub struct NewCustomerOrder {
    pub name: String,
    #[serde(rename = "externalCode")]
    pub external_code: String,
    pub organization: Ref,
    pub agent: Ref,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub store: Option<Ref>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<Ref>,
    pub positions: Vec<Position>,
    #[serde(rename = "shipmentAddress", skip_serializing_if = "String::is_empty")]
    pub shipment_address: String,
    pub description: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct NewCounterparty {
    pub name: String,
    pub phone: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// One row of `/report/stock/bystore/current`.
#[derive(Debug, Clone, Deserialize)]
pub struct StoreStock {
    #[serde(rename = "assortmentId")]
    pub assortment_id: String,
    #[serde(rename = "storeId", default)]
    pub store_id: String,
    pub stock: serde_json::Value,
}
