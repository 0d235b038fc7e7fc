use serde::{Deserialize, Serialize};

use crate::edit::{Discount, VatRate};
use crate::history::{CallView, PaymentStatus, PaymentView, StageRef, VatView};
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
    /// The administrator removed the stage while orders were still in it: they are flagged
    /// until moved out.
    #[serde(default)]
    pub removed: bool,
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
    #[serde(default)]
    pub draft: bool,
    /// Everything owed has been paid.
    #[serde(default)]
    pub paid: bool,
    /// The sales channels that know the order, with its status in each.
    #[serde(default)]
    pub channels: Vec<crate::ChannelTag>,
    /// Orders the customer (by phone) has in the shop, this one included: two or more marks
    /// a repeat customer in the queue. 0 for an order without a phone.
    #[serde(default)]
    pub customer_orders: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineView {
    pub sku: String,
    pub name: String,
    pub unit: String,
    pub quantity: Milli,
    pub price: Kopecks,
    /// round(quantity × price), before discounts.
    pub amount: Kopecks,
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub vat_rate: Option<VatRate>,
    #[serde(default)]
    pub discount: Discount,
    #[serde(default)]
    pub line_discount: Kopecks,
    /// This line's share of the order discount.
    #[serde(default)]
    pub order_discount: Kopecks,
    /// amount − both discounts: what the customer pays for the line.
    #[serde(default)]
    pub net: Kopecks,
    /// VAT inside `net`.
    #[serde(default)]
    pub vat: Kopecks,
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
    /// The order sits in a stage the administrator removed: it must be moved out.
    #[serde(default)]
    pub stage_removed: bool,
    /// The bill is frozen where the order is (a closing stage, or one the administrator
    /// locked): the card shows no edit controls, and edits are refused.
    #[serde(default)]
    pub locked: bool,
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
    #[serde(default)]
    pub line_discounts: Kopecks,
    #[serde(default)]
    pub order_discount: Kopecks,
    /// The order discount as given (percent or amount).
    #[serde(default)]
    pub order_discount_input: Discount,
    #[serde(default)]
    pub vat: Vec<VatView>,
    #[serde(default)]
    pub delivery_zone: Option<String>,
    #[serde(default)]
    pub window_from: Option<UnixMs>,
    #[serde(default)]
    pub window_to: Option<UnixMs>,
    #[serde(default)]
    pub paid: Kopecks,
    #[serde(default)]
    pub payment_status: PaymentStatus,
    #[serde(default)]
    pub payments: Vec<PaymentView>,
    #[serde(default)]
    pub calls: Vec<CallView>,
    #[serde(default)]
    pub call_attempts: u32,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub version: i64,
    #[serde(default)]
    pub published_version: Option<i64>,
    #[serde(default)]
    pub confirmed_version: Option<i64>,
    /// The total as first taken, shown beside `total`.
    #[serde(default)]
    pub original_total: Kopecks,
    /// Stages the signed-in user may move the order to now (cancellation included).
    #[serde(default)]
    pub allowed_stages: Vec<StageRef>,
    /// The company the order is billed to; `None`: the customer as a private person.
    #[serde(default)]
    pub buyer: Option<crate::CompanyBuyer>,
    /// The companies the customer was billed as on their orders (this one's included), the
    /// latest first: the card offers them instead of typing the requisites again.
    #[serde(default)]
    pub companies: Vec<crate::CompanyBuyer>,
    /// Packages the goods were packed into, as counted at the pick; `None`: not counted.
    #[serde(default)]
    pub places: Option<u32>,
}
