//! The parts of Yandex Market's order we read.

use serde::{Deserialize, Serialize};

/// An order as `POST /v1/businesses/{businessId}/orders` lists it (`BusinessOrderDTO`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct YmOrder {
    /// Required by the spec: an order without one is kept as malformed.
    #[serde(rename = "orderId")]
    pub id: i64,
    /// The campaign (store) the order belongs to: the business holds several.
    pub campaign_id: i64,
    /// `FBS`, `DBS`, `EXPRESS`, … (unknown ones kept as text).
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub program_type: String,
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub status: String,
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub substatus: String,
    /// ISO 8601 with an offset.
    pub update_date: Option<String>,
    /// When the buyer placed it; ISO 8601 with an offset.
    pub creation_date: Option<String>,
    /// `PREPAID` (paid when ordering), `POSTPAID` (on receipt) or `UNKNOWN`.
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub payment_type: String,
    /// `CASH_ON_DELIVERY`, `CARD_ON_DELIVERY`, `YANDEX`, `SBP`, … (unknown ones kept as text).
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub payment_method: String,
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub prices: YmOrderPrices,
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub items: Vec<YmItem>,
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub delivery: YmDelivery,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct YmItem {
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub offer_id: String,
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub offer_name: String,
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub count: i64,
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub prices: YmItemPrices,
}

/// `ItemPriceDTO`: amounts for all the item's units together.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct YmItemPrices {
    /// What the buyer paid for every unit of the item.
    pub payment: Option<CurrencyValue>,
    /// The part of the price paid with Plus points: the market makes it good to the shop,
    /// so the item's price is the payment and this together.
    pub cashback: Option<CurrencyValue>,
}

/// `OrderPriceDTO`, the part we read: the delivery charge.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct YmOrderPrices {
    pub delivery: Option<YmDeliveryPrice>,
}

/// `DeliveryPriceDTO`: what the buyer paid for delivery.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct YmDeliveryPrice {
    pub payment: Option<CurrencyValue>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct CurrencyValue {
    /// Roubles, a JSON number: read through the decimal text, never as a float.
    pub value: serde_json::Value,
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub currency_id: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct YmDelivery {
    /// `YANDEX_MARKET` (FBS: the market delivers) or `SHOP` (DBS).
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub delivery_partner_type: String,
    pub shipment: Option<YmShipment>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct YmShipment {
    /// `YYYY-MM-DD`, the day the order is handed over.
    pub shipment_date: Option<String>,
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

/// `PUT …/orders/{orderId}/status` answers the order as the old `OrderDTO` (with `id`); only
/// what tells whether the update took. The spec makes `order` optional: without it the
/// order is read back.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct StatusReply {
    pub order: Option<StatusOrder>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct StatusOrder {
    pub id: i64,
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub status: String,
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub substatus: String,
}

/// `GET /v2/campaigns/{campaignId}`: the campaign's business.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct CampaignReply {
    pub campaign: Campaign,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Campaign {
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub business: Business,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Business {
    pub id: i64,
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
        let id = match &value["orderId"] {
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
        self.program_type == "DBS" || self.delivery.delivery_partner_type == "SHOP"
    }

    /// When the buyer placed it, when the answer has a readable date.
    pub fn created(&self) -> Option<jiff::Timestamp> {
        self.creation_date.as_deref()?.trim().parse().ok()
    }

    /// The last update, when the answer has a readable one.
    pub fn updated(&self) -> Option<jiff::Timestamp> {
        self.update_date.as_deref()?.trim().parse().ok()
    }

    /// The shipment day's end in Moscow: the order must be handed over by then.
    pub fn cutoff(&self) -> Option<jiff::Timestamp> {
        let day = self.delivery.shipment.as_ref()?.shipment_date.as_deref()?;
        let day: jiff::civil::Date = day.trim().parse().ok()?;
        day.at(23, 59, 59, 0)
            .to_zoned(moscow())
            .ok()
            .map(|z| z.timestamp())
    }
}

/// Moscow's fixed offset: a shipment day is Moscow's day.
fn moscow() -> jiff::tz::TimeZone {
    jiff::tz::TimeZone::fixed(jiff::tz::Offset::constant(3))
}
