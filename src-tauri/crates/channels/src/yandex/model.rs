//! The parts of Yandex Market's order we read.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct YmOrder {
    pub id: i64,
    pub status: String,
    pub substatus: String,
    /// `dd-MM-yyyy HH:mm:ss`, Moscow time.
    pub updated_at: Option<String>,
    pub items: Vec<YmItem>,
    pub delivery: YmDelivery,
    pub buyer: YmBuyer,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct YmItem {
    pub offer_id: String,
    pub offer_name: String,
    /// Roubles, a JSON number: read through the decimal text, never as a float.
    pub buyer_price: serde_json::Value,
    pub count: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct YmDelivery {
    /// `YANDEX_MARKET` (FBS: the market delivers) or `SHOP` (DBS).
    pub delivery_partner_type: String,
    pub shipments: Vec<YmShipment>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct YmShipment {
    /// `dd-MM-yyyy`.
    pub shipment_date: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct YmBuyer {
    pub last_name: String,
    pub first_name: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct OrdersPage {
    pub orders: Vec<YmOrder>,
    pub paging: Paging,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct Paging {
    pub next_page_token: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct OrderReply {
    pub order: YmOrder,
}

impl YmOrder {
    pub fn is_dbs(&self) -> bool {
        self.delivery.delivery_partner_type == "SHOP"
    }
}

/// Moscow's fixed offset: the market's dates carry no zone.
fn moscow() -> jiff::tz::TimeZone {
    jiff::tz::TimeZone::fixed(jiff::tz::Offset::constant(3))
}

/// `dd-MM-yyyy HH:mm:ss` in Moscow time.
pub fn parse_datetime(text: &str) -> Option<jiff::Timestamp> {
    let dt = jiff::civil::DateTime::strptime("%d-%m-%Y %H:%M:%S", text.trim()).ok()?;
    dt.to_zoned(moscow()).ok().map(|z| z.timestamp())
}

/// A shipment day (`dd-MM-yyyy`): the cutoff is that day's end in Moscow.
pub fn shipment_cutoff(text: &str) -> Option<jiff::Timestamp> {
    let day = jiff::civil::Date::strptime("%d-%m-%Y", text.trim()).ok()?;
    day.at(23, 59, 59, 0)
        .to_zoned(moscow())
        .ok()
        .map(|z| z.timestamp())
}
