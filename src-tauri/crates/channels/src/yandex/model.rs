//! The parts of Yandex Market's order we read.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct YmOrder {
    /// Required by the spec: an order without one is kept as malformed.
    pub id: i64,
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub status: String,
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub substatus: String,
    /// `dd-MM-yyyy HH:mm:ss`, Moscow time.
    pub updated_at: Option<String>,
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub items: Vec<YmItem>,
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub delivery: YmDelivery,
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub buyer: YmBuyer,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct YmItem {
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub offer_id: String,
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub offer_name: String,
    /// Roubles, a JSON number: read through the decimal text, never as a float.
    pub buyer_price: serde_json::Value,
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub count: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct YmDelivery {
    /// `YANDEX_MARKET` (FBS: the market delivers) or `SHOP` (DBS).
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub delivery_partner_type: String,
    #[serde(deserialize_with = "crate::lenient::null_default")]
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
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub last_name: String,
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub first_name: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct OrdersPage {
    /// Read one by one: an order that breaks the schema must not hide the others.
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub orders: Vec<serde_json::Value>,
    #[serde(deserialize_with = "crate::lenient::null_default")]
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

/// One order of a list as read: usable, or kept with why it is not.
#[derive(Debug, Clone, PartialEq)]
pub enum Fetched {
    Order(Box<YmOrder>),
    Malformed {
        /// Empty when even the id could not be read.
        id: String,
        error: String,
    },
}

impl Fetched {
    pub(crate) fn read(value: serde_json::Value) -> Fetched {
        let id = match &value["id"] {
            serde_json::Value::Number(n) => n.to_string(),
            serde_json::Value::String(s) => s.clone(),
            _ => String::new(),
        };
        match serde_json::from_value::<YmOrder>(value) {
            Ok(o) if o.id > 0 => Fetched::Order(Box::new(o)),
            Ok(_) => Fetched::Malformed {
                id,
                error: "malformed order: no id".to_owned(),
            },
            Err(e) => Fetched::Malformed {
                id,
                error: format!("malformed order: {e}"),
            },
        }
    }

    /// The order's id as our key, empty when unreadable.
    pub fn id(&self) -> String {
        match self {
            Fetched::Order(o) => o.id.to_string(),
            Fetched::Malformed { id, .. } => id.clone(),
        }
    }
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
