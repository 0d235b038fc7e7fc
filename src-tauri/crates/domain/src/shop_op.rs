//! Shop-level operations: the administrator's settings (workflow, requisites) and the
//! catalogue. They travel through the team hub like order ops — pushed, re-checked under the
//! user's role, given a place in the shop's history, pulled by the other PCs — but change the
//! shop, not an order, so they have an envelope of their own.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::input::InputLimits;
use crate::methods::Role;
use crate::op::{Actor, OpEnvelope};
use crate::order::Product;
use crate::pricing::DeliveryPayment;
use crate::workflow::WorkflowEdit;

/// What the shop prints about itself (invoices, waybills). Stored as entered; the desk checks
/// check digits and account keys before saving.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Requisites {
    pub name: String,
    pub inn: String,
    pub kpp: String,
    pub ogrn: String,
    pub address: String,
    pub phone: String,
    pub bank_name: String,
    /// The bank's name for the payment QR (≤ 45 characters) when the official one is longer.
    /// Default: requisites recorded before it existed decode as having none.
    #[serde(default)]
    pub bank_name_qr: String,
    pub bic: String,
    pub settlement_account: String,
    pub corr_account: String,
    pub director: String,
    pub accountant: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ShopOp {
    /// One edit of the stages (admins only; [`crate::Workflow::edit`] checks it).
    EditWorkflow { edit: WorkflowEdit },
    /// The requisites, replaced as a whole (admins only).
    SetRequisites { requisites: Requisites },
    /// A product added or changed, whole (admins and managers).
    SetProduct { product: Product },
    /// The bounds of a line's quantity and amount (admins only): every desk and the hub
    /// judge order ops against the same bounds, or an op one accepts another skips.
    SetInputLimits { limits: InputLimits },
    /// «Доставка и оплата»: the methods offered and the tariffs, replaced as a whole
    /// (admins only). Every desk and the hub price new orders by the same tariffs.
    SetDeliveryPayment { setting: DeliveryPayment },
}

/// The `kind` an op row of a shop op has on the desk, besides the workflow edits' own kinds.
pub const SET_REQUISITES: &str = "set_requisites";
pub const SET_PRODUCT: &str = "set_product";
pub const SET_INPUT_LIMITS: &str = "set_input_limits";
pub const SET_DELIVERY_PAYMENT: &str = "set_delivery_payment";

/// Refused because the role may not change this part of the shop.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("роль «{}» не может менять {}", .role.label(), .part.words())]
pub struct ShopOpForbidden {
    pub role: Role,
    pub part: ShopPart,
}

/// A part of the shop's settings a role may or may not change. Data, so that every window
/// words it in its own language (the desk matched the Russian words before, and two parts
/// fell through to Russian-only text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShopPart {
    Stages,
    Requisites,
    Products,
    InputLimits,
    DeliveryPayment,
}

impl ShopPart {
    /// The accusative Russian words the log and the message use.
    pub fn words(self) -> &'static str {
        match self {
            ShopPart::Stages => "этапы",
            ShopPart::Requisites => "реквизиты магазина",
            ShopPart::Products => "товары",
            ShopPart::InputLimits => "ограничения ввода",
            ShopPart::DeliveryPayment => "доставку и оплату",
        }
    }
}

impl ShopOp {
    pub fn kind(&self) -> &'static str {
        match self {
            ShopOp::EditWorkflow { .. } => "edit_workflow",
            ShopOp::SetRequisites { .. } => SET_REQUISITES,
            ShopOp::SetProduct { .. } => SET_PRODUCT,
            ShopOp::SetInputLimits { .. } => SET_INPUT_LIMITS,
            ShopOp::SetDeliveryPayment { .. } => SET_DELIVERY_PAYMENT,
        }
    }

    /// Who may make it, apart from the workflow's own checks.
    pub fn check_role(&self, role: Role) -> Result<(), ShopOpForbidden> {
        let (allowed, part) = match self {
            ShopOp::EditWorkflow { .. } => (role == Role::Admin, ShopPart::Stages),
            ShopOp::SetRequisites { .. } => (role == Role::Admin, ShopPart::Requisites),
            ShopOp::SetProduct { .. } => (
                matches!(role, Role::Admin | Role::Manager),
                ShopPart::Products,
            ),
            ShopOp::SetInputLimits { .. } => (role == Role::Admin, ShopPart::InputLimits),
            ShopOp::SetDeliveryPayment { .. } => (role == Role::Admin, ShopPart::DeliveryPayment),
        };
        if allowed {
            Ok(())
        } else {
            Err(ShopOpForbidden { role, part })
        }
    }
}

/// A shop op as it travels: the same fields as [`OpEnvelope`], without a version base.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShopOpEnvelope {
    pub id: Uuid,
    pub device_id: Uuid,
    pub device_seq: i64,
    pub actor: Actor,
    pub at: Timestamp,
    pub op: ShopOp,
}

/// Either kind of op, as a push carries it and a pull returns it. Untagged: the `kind` inside
/// `op` tells them apart, and an order op reads exactly as before shop ops existed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum AnyOp {
    Order(OpEnvelope),
    Shop(ShopOpEnvelope),
}

impl AnyOp {
    pub fn id(&self) -> Uuid {
        match self {
            AnyOp::Order(e) => e.id,
            AnyOp::Shop(e) => e.id,
        }
    }
}

impl From<OpEnvelope> for AnyOp {
    fn from(e: OpEnvelope) -> Self {
        AnyOp::Order(e)
    }
}
