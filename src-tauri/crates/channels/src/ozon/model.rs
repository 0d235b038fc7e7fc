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
    pub postings: Vec<Posting>,
    pub has_next: bool,
}

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Wrapped<T> {
    pub result: T,
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
