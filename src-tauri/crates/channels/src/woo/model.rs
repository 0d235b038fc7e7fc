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
    pub method_title: String,
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
pub struct StockUpdate {
    pub id: i64,
    pub manage_stock: bool,
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
}
