//! Order card extras: payments, calls, VAT, versions and their diff, history, alerts.

use serde::{Deserialize, Serialize};

use crate::edit::{CallOutcome, Discount, Role, VatRate};
use crate::{DeliveryMethod, Kopecks, Milli, PaymentMethod, UnixMs};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentStatus {
    #[default]
    Unpaid,
    Partial,
    Paid,
    Overpaid,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VatView {
    pub rate: VatRate,
    /// «НДС 22%», «Без НДС».
    pub label: String,
    pub base: Kopecks,
    pub vat: Kopecks,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentView {
    pub id: String,
    pub amount: Kopecks,
    pub method: PaymentMethod,
    pub at: UnixMs,
    /// The payer's note, or for a correction, void or refund the reason given.
    pub note: Option<String>,
    #[serde(default)]
    pub kind: crate::PaymentEntryKind,
    /// The entry this one corrects or voids.
    #[serde(default)]
    pub corrects: Option<String>,
    /// What a receipt or refund counts after its corrections (0 when voided); for a
    /// correcting entry, its own amount.
    #[serde(default)]
    pub counts: Kopecks,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallView {
    pub id: String,
    pub started_at: UnixMs,
    pub ended_at: UnixMs,
    pub duration_ms: i64,
    pub outcome: CallOutcome,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageRef {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionSummary {
    pub number: i64,
    pub created_at: UnixMs,
    pub actor: String,
    pub total: Kopecks,
    /// Shown to the customer: the version last published.
    pub published: bool,
    pub confirmed: bool,
    /// The order runs on it (none while a draft awaits the customer's word).
    #[serde(default)]
    pub in_force: bool,
    /// What the version changed and why, in a line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change<T> {
    pub before: T,
    pub after: T,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffLine {
    pub line_id: String,
    pub sku: String,
    pub name: String,
    pub quantity: Milli,
    pub price: Kopecks,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineChangeView {
    pub line_id: String,
    pub name: String,
    pub quantity: Option<Change<Milli>>,
    pub price: Option<Change<Kopecks>>,
    pub discount: Option<Change<Discount>>,
    #[serde(default)]
    pub vat: Option<Change<VatRate>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionDiff {
    pub from: i64,
    pub to: i64,
    pub added: Vec<DiffLine>,
    pub removed: Vec<DiffLine>,
    pub changed: Vec<LineChangeView>,
    pub discount: Option<Change<Discount>>,
    pub delivery: Option<Change<DeliveryMethod>>,
    /// The tariff zone; `None` on a side: no zone (a charge set by hand or by the channel).
    #[serde(default)]
    pub delivery_zone: Option<Change<Option<String>>>,
    pub address: Option<Change<String>>,
    #[serde(default)]
    pub delivery_window: Option<Change<Option<crate::DiffWindow>>>,
    pub delivery_cost: Option<Change<Kopecks>>,
    #[serde(default)]
    pub delivery_vat: Option<Change<VatRate>>,
    pub subtotal: Change<Kopecks>,
    pub discount_total: Change<Kopecks>,
    pub total: Change<Kopecks>,
}

/// One step of the order's history, derived from its operation log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub op_id: String,
    pub at: UnixMs,
    pub actor_id: String,
    pub actor_name: String,
    pub role: Role,
    pub device_id: String,
    pub kind: String,
    /// What happened, in Russian («Этап: «Поступил» → «Отзвон»»).
    pub description: String,
    pub before: Option<String>,
    pub after: Option<String>,
    /// The team hub refused this op: its code («stale_version»…). The description then says
    /// so, with the hub's message and the value that won.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refused: Option<String>,
    /// A correction, void or refund of a payment, for the UI to word in its language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment: Option<crate::PaymentEvent>,
    /// What happened, for the UI to word in its language (`description` is its Russian).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<crate::HistoryEvent>,
    /// `before` and `after` as data, for the UI to word.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before_state: Option<crate::StateView>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after_state: Option<crate::StateView>,
    /// The hub's refusal, for the UI to word (`description` says it in Russian).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hub_refusal: Option<crate::HubRefusalView>,
}

/// An order that has just become overdue; the shell shows these as one notification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alert {
    pub order_id: String,
    pub number: String,
    pub customer: String,
    pub stage_id: String,
    pub stage_name: String,
    pub deadline: UnixMs,
    pub overdue_ms: i64,
    /// Who should hear about it besides the administrator.
    pub responsible_roles: Vec<Role>,
    pub responsible_users: Vec<String>,
}
