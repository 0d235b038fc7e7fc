use serde::{Deserialize, Serialize};

use crate::{Kopecks, Milli, UnixMs};

/// Where an order came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Site,
    Phone,
    Marketplace,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryMethod {
    Courier,
    Post,
    Pickup,
    MarketplaceLogistics,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    CashOnDelivery,
    CardOnDelivery,
    BankTransfer,
    Online,
    Marketplace,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StageKind {
    Normal,
    Final,
    Cancelled,
}

/// One stage in the left column: name and how many orders sit there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageSummary {
    pub id: String,
    pub name: String,
    pub position: i32,
    pub kind: StageKind,
    pub count: u32,
    /// Orders past the stage's time limit.
    pub overdue: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueView {
    pub stages: Vec<StageSummary>,
}

/// One row of the order table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderRow {
    pub id: String,
    pub number: String,
    pub customer: String,
    /// Digits only, e.g. `79161234567`.
    pub phone: String,
    pub channel: Channel,
    pub total: Kopecks,
    pub stage_id: String,
    pub stage_entered_at: UnixMs,
    pub deadline: Option<UnixMs>,
    /// Past its deadline at the `now` the list was made for: a problem order.
    #[serde(default)]
    pub overdue: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineView {
    pub sku: String,
    pub name: String,
    pub unit: String,
    pub quantity: Milli,
    pub price: Kopecks,
    pub amount: Kopecks,
}

/// The order card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderDetail {
    pub id: String,
    pub number: String,
    pub created_at: UnixMs,
    pub channel: Channel,
    pub customer: String,
    pub phone: String,
    pub email: Option<String>,
    pub address: String,
    pub delivery: DeliveryMethod,
    pub payment: PaymentMethod,
    pub stage_id: String,
    pub stage_name: String,
    pub stage_entered_at: UnixMs,
    pub deadline: Option<UnixMs>,
    /// Id of the stage "next stage" would move to, if any (none in a final stage).
    pub next_stage: Option<String>,
    /// Name of that stage, for the button ("На этап «Комплектация»").
    #[serde(default)]
    pub next_stage_name: Option<String>,
    pub lines: Vec<LineView>,
    pub subtotal: Kopecks,
    pub discount: Kopecks,
    pub delivery_cost: Kopecks,
    pub total: Kopecks,
    pub comment: Option<String>,
}
