//! Inputs of the order actions: what the UI sends to change an order.

use serde::{Deserialize, Serialize};

use crate::{Channel, DeliveryMethod, Kopecks, Milli, PaymentMethod, UnixMs};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Admin,
    Manager,
    Picker,
    Dispatcher,
}

impl Role {
    /// The wire name (the same as serde's).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Manager => "manager",
            Role::Picker => "picker",
            Role::Dispatcher => "dispatcher",
        }
    }

    pub fn parse(name: &str) -> Option<Role> {
        [Role::Admin, Role::Manager, Role::Picker, Role::Dispatcher]
            .into_iter()
            .find(|r| r.as_str() == name)
    }
}

/// The person working at the desk; every action is recorded under them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: String,
    pub name: String,
    pub role: Role,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VatRate {
    None,
    Vat0,
    Vat5,
    Vat7,
    Vat10,
    Vat22,
}

/// `{"kind":"percent","value":1050}` is 10.5 % (hundredths of a percent);
/// `{"kind":"amount","value":50000}` is 500 ₽.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Discount {
    #[default]
    None,
    Percent(i64),
    Amount(Kopecks),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "edit", rename_all = "snake_case")]
pub enum LineEdit {
    /// A product from the catalogue; `price` overrides the catalogue price.
    Add {
        product_id: String,
        quantity: Milli,
        #[serde(default)]
        price: Option<Kopecks>,
    },
    Remove {
        line_id: String,
    },
    SetQuantity {
        line_id: String,
        quantity: Milli,
    },
    SetPrice {
        line_id: String,
        price: Kopecks,
    },
    SetDiscount {
        line_id: String,
        discount: Discount,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryChange {
    pub method: DeliveryMethod,
    /// Tariff zone id (e.g. `moscow`); none for the method's general tariff.
    #[serde(default)]
    pub zone: Option<String>,
    pub address: String,
    #[serde(default)]
    pub window_from: Option<UnixMs>,
    #[serde(default)]
    pub window_to: Option<UnixMs>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewPayment {
    pub amount: Kopecks,
    pub method: PaymentMethod,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CallOutcome {
    Reached,
    NoAnswer,
    CallBackAt { at: UnixMs },
    Confirmed,
    Refused,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewCall {
    pub started_at: UnixMs,
    pub ended_at: UnixMs,
    pub outcome: CallOutcome,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewLine {
    pub product_id: String,
    pub quantity: Milli,
}

/// An order taken by phone; it starts as a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewOrder {
    pub customer: String,
    /// Any spelling; stored as digits.
    pub phone: String,
    #[serde(default)]
    pub email: Option<String>,
    pub delivery: DeliveryChange,
    pub payment: PaymentMethod,
    pub lines: Vec<NewLine>,
    #[serde(default)]
    pub comment: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum QueueScope {
    #[default]
    All,
    /// Stages the signed-in user or their role is responsible for.
    Mine,
    Stage {
        stage_id: String,
    },
    /// Orders past their deadline.
    Problems,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct QueueQuery {
    pub scope: QueueScope,
    pub channel: Option<Channel>,
    pub delivery: Option<DeliveryMethod>,
    pub payment: Option<PaymentMethod>,
    pub paid: Option<bool>,
    pub created_from: Option<UnixMs>,
    pub created_to: Option<UnixMs>,
    /// Created on or after this day (`YYYY-MM-DD`, the shop's time zone).
    pub from_day: Option<String>,
    /// Created on or before this day (`YYYY-MM-DD`, the shop's time zone).
    pub to_day: Option<String>,
    /// 0 = the default (500).
    pub limit: u32,
}

/// A catalogue product as the line editor offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductView {
    pub id: String,
    pub sku: String,
    pub name: String,
    pub unit: String,
    pub price: Kopecks,
    /// The rate a new line gets (the product's own or the shop's default).
    pub vat_rate: VatRate,
    pub stock: Milli,
    /// What a scanner reads; empty when the product has none.
    #[serde(default)]
    pub barcode: String,
}
