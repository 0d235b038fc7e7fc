//! The parts of Ozon's posting we read. Everything defaults: Ozon adds fields often and omits
//! empty ones.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Posting {
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub posting_number: String,
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub order_number: String,
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub status: String,
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub substatus: String,
    /// The shipment cutoff: pack and hand over before it.
    pub shipment_date: Option<String>,
    pub in_process_at: Option<String>,
    /// `ozon` / `3pl_tracking` (FBS) or `non_integrated` / `aggregator` (rFBS: the seller
    /// delivers).
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub tpl_integration_type: String,
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub products: Vec<PostingProduct>,
    pub customer: Option<Customer>,
    pub addressee: Option<Addressee>,
    pub delivery_method: Option<DeliveryMethod>,
    pub cancellation: Option<Cancellation>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PostingProduct {
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub name: String,
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub offer_id: String,
    /// A decimal string, roubles.
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub price: String,
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub quantity: i64,
    /// Ozon's SKU: the `product_id` of the ship call.
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub sku: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Customer {
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub name: String,
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub phone: String,
    pub address: Option<Address>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Address {
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub address_tail: String,
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub city: String,
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub region: String,
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub zip_code: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Addressee {
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub name: String,
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub phone: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DeliveryMethod {
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub name: String,
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub warehouse: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Cancellation {
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub cancel_reason: String,
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub cancel_reason_id: i64,
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub cancellation_initiator: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct ListResult {
    /// Read one by one: a posting that breaks the schema must not hide the others.
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub postings: Vec<serde_json::Value>,
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub has_next: bool,
}

/// The posting list's answer. The spec makes `result` optional (and nullable): an answer
/// without it is an empty last page, not a refusal of the whole read.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct ListPage {
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub result: ListResult,
}

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Wrapped<T> {
    pub result: T,
}

/// An answer whose `result` the spec makes optional and nullable (serde reads a missing or
/// `null` `Option` as `None`).
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Maybe<T> {
    pub result: Option<T>,
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
    /// The posting number, empty when even that could not be read.
    pub fn number(&self) -> &str {
        match self {
            Fetched::Posting(p) => &p.posting_number,
            Fetched::Malformed { posting_number, .. } => posting_number,
        }
    }

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
