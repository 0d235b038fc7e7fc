//! The parts of a MegaMarket shipment we read, from `order/get` and from the `order/new`
//! push (which names some fields differently). Everything defaults: fields come and go.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Item statuses that mean the item will not be sold.
pub const CANCELLED: [&str; 2] = ["MERCHANT_CANCELED", "CUSTOMER_CANCELED"];

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Shipment {
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub shipment_id: String,
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub order_code: String,
    /// Confirm before this (ISO 8601).
    pub confirmed_time_limit: Option<String>,
    pub packing_time_limit: Option<String>,
    /// Hand over to MegaMarket before this: the shipping deadline.
    pub shipping_time_limit: Option<String>,
    pub shipment_date_to: Option<String>,
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub customer_full_name: String,
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub customer_address: String,
    pub creation_date: Option<String>,
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub items: Vec<Item>,
    /// In the `order/new` push: the hand-over date and point.
    pub shipping: Option<Shipping>,
    /// In the `order/new` push: the label data with the buyer's name and address.
    pub label: Option<Label>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Item {
    /// A number in `order/get`, a string in some pushes: kept as the JSON value sent.
    pub item_index: Value,
    /// Absent in the `order/new` push: the item is new.
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub status: String,
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub offer_id: String,
    pub goods_id: Value,
    /// Roubles, what the buyer pays for the item (a JSON number).
    pub final_price: Value,
    pub price: Value,
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub quantity: i64,
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub item_name: String,
    pub goods_data: Option<GoodsData>,
    /// Filled once packed: the boxes the item is in.
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub boxes: Vec<BoxCode>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct BoxCode {
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub box_index: i64,
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub box_code: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct GoodsData {
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub name: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Shipping {
    pub shipping_date: Option<String>,
    pub shipping_point: Value,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Label {
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub full_name: String,
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub address: String,
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub city: String,
    pub merchant_id: Value,
}

impl Item {
    pub fn name(&self) -> &str {
        self.goods_data
            .as_ref()
            .map(|g| g.name.as_str())
            .filter(|n| !n.is_empty())
            .unwrap_or(&self.item_name)
    }

    pub fn is_cancelled(&self) -> bool {
        CANCELLED.contains(&self.status.as_str())
    }

    /// At least one: MegaMarket lists one item per piece and may omit the count.
    pub fn pieces(&self) -> i64 {
        self.quantity.max(1)
    }
}

impl Shipment {
    /// The shipment's status: its items' common status; cancelled when every item is; the
    /// least advanced live item's status otherwise (a shipment is packed when all items are).
    pub fn status(&self) -> String {
        if self.items.is_empty() {
            return "NEW".to_owned();
        }
        if self.items.iter().all(Item::is_cancelled) {
            return self
                .items
                .iter()
                .find(|i| i.status == "CUSTOMER_CANCELED")
                .map_or("MERCHANT_CANCELED", |_| "CUSTOMER_CANCELED")
                .to_owned();
        }
        const ORDER: [&str; 6] = [
            "NEW",
            "CONFIRMED",
            "PACKING_EXPIRED",
            "PACKED",
            "SHIPPED",
            "DELIVERED",
        ];
        self.items
            .iter()
            .filter(|i| !i.is_cancelled())
            .map(|i| {
                if i.status.is_empty() {
                    "NEW"
                } else {
                    i.status.as_str()
                }
            })
            .min_by_key(|s| ORDER.iter().position(|o| o == s).unwrap_or(0))
            .unwrap_or("NEW")
            .to_owned()
    }

    pub fn is_cancelled(&self) -> bool {
        CANCELLED.contains(&self.status().as_str())
    }

    /// The items still to be sold.
    pub fn live_items(&self) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(|i| !i.is_cancelled())
    }

    /// Hand-over deadline as MegaMarket states it.
    pub fn shipping_deadline(&self) -> Option<&str> {
        self.shipping_time_limit
            .as_deref()
            .or(self.shipment_date_to.as_deref())
            .or(self
                .shipping
                .as_ref()
                .and_then(|s| s.shipping_date.as_deref()))
    }
}

/// MegaMarket's envelope: `success: 1` with `data`, or `success: 0` with `error`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Envelope {
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub success: i64,
    pub data: Value,
    pub error: Value,
}

/// A timestamp as MegaMarket writes it: ISO 8601 with an offset, or without one (Moscow).
pub fn parse_time(text: &str) -> Option<jiff::Timestamp> {
    let text = text.trim();
    if let Ok(t) = text.parse::<jiff::Timestamp>() {
        return Some(t);
    }
    let moscow = jiff::tz::TimeZone::fixed(jiff::tz::Offset::constant(3));
    let dt = text.parse::<jiff::civil::DateTime>().ok().or_else(|| {
        text.parse::<jiff::civil::Date>()
            .ok()
            .map(|d| d.at(23, 59, 59, 0))
    })?;
    dt.to_zoned(moscow).ok().map(|z| z.timestamp())
}
