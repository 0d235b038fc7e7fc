//! WooCommerce REST v3 payloads, as much of them as OrderDesk reads. Unknown fields are
//! ignored; money stays as the strings (or numbers) the site sends until [`crate::money`].

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Address {
    pub first_name: String,
    pub last_name: String,
    pub company: String,
    pub address_1: String,
    pub address_2: String,
    pub city: String,
    pub state: String,
    pub postcode: String,
    pub country: String,
    pub email: Option<String>,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct LineItem {
    #[serde(default)]
    pub id: i64,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub product_id: i64,
    #[serde(default)]
    pub variation_id: i64,
    #[serde(default)]
    pub quantity: serde_json::Value,
    #[serde(default)]
    pub subtotal: String,
    #[serde(default)]
    pub total: String,
    #[serde(default)]
    pub sku: Option<String>,
    #[serde(default)]
    pub price: serde_json::Value,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ShippingLine {
    pub method_id: String,
    /// The shipping zone's instance of the method ("3"; "" when none): the admin may map one
    /// instance apart from the others.
    pub instance_id: serde_json::Value,
    pub method_title: String,
    pub total: String,
    /// A carrier's plugin keeps the pickup point here («Пункт выдачи», «Код ПВЗ»).
    pub meta_data: Vec<Meta>,
}

/// A `meta_data` entry; values may be any JSON, only text ones are read.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Meta {
    pub key: String,
    pub value: serde_json::Value,
    pub display_key: String,
    pub display_value: serde_json::Value,
}

impl Meta {
    pub fn text(&self) -> Option<&str> {
        self.display_value
            .as_str()
            .or(self.value.as_str())
            .map(str::trim)
            .filter(|t| !t.is_empty())
    }

    pub fn label(&self) -> &str {
        if self.display_key.is_empty() {
            &self.key
        } else {
            &self.display_key
        }
    }
}

/// A fee: a surcharge (gift wrap, cash-on-delivery commission) or, negative, an ad-hoc
/// discount.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct FeeLine {
    pub id: i64,
    pub name: String,
    pub total: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct CouponLine {
    pub code: String,
    pub discount: String,
}

/// A refund as the order lists it: `total` is negative ("-590.00").
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct RefundRef {
    pub id: i64,
    pub reason: String,
    pub total: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct WooOrder {
    pub id: i64,
    pub status: String,
    #[serde(default)]
    pub number: String,
    #[serde(default)]
    pub currency: String,
    #[serde(default)]
    pub date_created_gmt: Option<String>,
    #[serde(default)]
    pub date_modified_gmt: Option<String>,
    #[serde(default)]
    pub total: String,
    #[serde(default)]
    pub shipping_total: String,
    #[serde(default)]
    pub discount_total: String,
    #[serde(default)]
    pub billing: Address,
    #[serde(default)]
    pub shipping: Address,
    #[serde(default)]
    pub payment_method: String,
    #[serde(default)]
    pub payment_method_title: String,
    #[serde(default)]
    pub customer_note: String,
    #[serde(default)]
    pub date_paid_gmt: Option<String>,
    #[serde(default)]
    pub line_items: Vec<LineItem>,
    #[serde(default)]
    pub shipping_lines: Vec<ShippingLine>,
    #[serde(default)]
    pub fee_lines: Vec<FeeLine>,
    #[serde(default)]
    pub coupon_lines: Vec<CouponLine>,
    #[serde(default)]
    pub refunds: Vec<RefundRef>,
    #[serde(default)]
    pub total_tax: String,
    /// Plugins' fields (a requisites plugin's ИНН and КПП among them).
    #[serde(default)]
    pub meta_data: Vec<Meta>,
}

/// An order as listed with `_fields=id,date_modified_gmt`.
#[derive(Debug, Clone, Deserialize)]
pub struct OrderStamp {
    pub id: i64,
    #[serde(default)]
    pub date_modified_gmt: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatusUpdate<'a> {
    pub status: &'a str,
}

#[derive(Debug, Clone, Serialize)]
pub struct NewNote<'a> {
    pub note: &'a str,
    pub customer_note: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
/// A stock push: the quantity alone. WooCommerce keeps it only for a product that manages
/// its stock; one the shop sells without counting (made to order, «в наличии» always) stays
/// so — sending `manage_stock: true` as well turned such a product on the real store into a
/// counted one with our count, 0, and so «Нет в наличии».
pub struct StockUpdate {
    pub id: i64,
    pub stock_quantity: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProductBatch<'a> {
    pub update: &'a [StockUpdate],
}

/// One item of a batch answer: the product, or an `error` object for that item alone.
#[derive(Debug, Clone, Deserialize)]
pub struct BatchItem {
    #[serde(default)]
    pub id: i64,
    #[serde(default)]
    pub error: Option<BatchError>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct BatchError {
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub message: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct BatchReply {
    #[serde(default)]
    pub update: Vec<BatchItem>,
}

/// A product (or a variation) as listed with `_fields=id,sku,type`.
#[derive(Debug, Clone, Deserialize)]
pub struct WooProduct {
    pub id: i64,
    #[serde(default)]
    pub sku: String,
    /// `simple`, `variable` (its stock lives on its variations), …; empty for a variation.
    #[serde(default, rename = "type")]
    pub kind: String,
    /// The rest is read only when the catalogue is taken in (see `woo::catalog`). A
    /// variation's name is its option alone («1 кг»).
    #[serde(default)]
    pub name: Option<String>,
    /// The current price as a decimal string; `""` when the product has none.
    #[serde(default)]
    pub price: Option<String>,
    #[serde(default)]
    pub stock_quantity: Option<serde_json::Value>,
    /// `true`, `false`, or for a variation `"parent"`.
    #[serde(default)]
    pub manage_stock: Option<serde_json::Value>,
}
