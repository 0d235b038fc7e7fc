//! The parts of Ozon's posting we read. Everything defaults: Ozon adds fields often and omits
//! empty ones.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Posting {
    pub posting_number: String,
    pub order_number: String,
    pub status: String,
    pub substatus: String,
    /// The shipment cutoff: pack and hand over before it.
    pub shipment_date: Option<String>,
    pub in_process_at: Option<String>,
    /// `ozon` / `3pl_tracking` (FBS) or `non_integrated` / `aggregator` (rFBS: the seller
    /// delivers).
    pub tpl_integration_type: String,
    pub products: Vec<PostingProduct>,
    pub customer: Option<Customer>,
    pub addressee: Option<Addressee>,
    pub delivery_method: Option<DeliveryMethod>,
    pub cancellation: Option<Cancellation>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PostingProduct {
    pub name: String,
    pub offer_id: String,
    /// A decimal string, roubles.
    pub price: String,
    pub quantity: i64,
    /// Ozon's SKU: the `product_id` of the ship call.
    pub sku: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Customer {
    pub name: String,
    pub phone: String,
    pub address: Option<Address>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Address {
    pub address_tail: String,
    pub city: String,
    pub region: String,
    pub zip_code: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Addressee {
    pub name: String,
    pub phone: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DeliveryMethod {
    pub name: String,
    pub warehouse: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Cancellation {
    pub cancel_reason: String,
    pub cancel_reason_id: i64,
    pub cancellation_initiator: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct ListResult {
    /// Read one by one: a posting that breaks the schema must not hide the others.
    pub postings: Vec<serde_json::Value>,
    pub has_next: bool,
}

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Wrapped<T> {
    pub result: T,
}

/// One posting of a list as read: usable, or kept with why it is not.
#[derive(Debug, Clone, PartialEq)]
pub enum Fetched {
    Posting(Box<Posting>),
    Malformed {
        /// Empty when even the number could not be read.
        posting_number: String,
        error: String,
    },
}

impl Fetched {
    pub(crate) fn read(value: serde_json::Value) -> Fetched {
        let number = match &value["posting_number"] {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Number(n) => n.to_string(),
            _ => String::new(),
        };
        match serde_json::from_value::<Posting>(value) {
            Ok(p) => Fetched::Posting(Box::new(p)),
            Err(e) => Fetched::Malformed {
                posting_number: number,
                error: format!("malformed posting: {e}"),
            },
        }
    }
}

impl Posting {
    /// rFBS: the seller, not Ozon, delivers.
    pub fn is_rfbs(&self) -> bool {
        matches!(
            self.tpl_integration_type.as_str(),
            "non_integrated" | "aggregator"
        )
    }

    pub fn is_cancelled(&self) -> bool {
        self.status == "cancelled" || self.status == "not_accepted"
    }
}
