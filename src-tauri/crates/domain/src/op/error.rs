use uuid::Uuid;

use crate::buyer::BuyerError;
use crate::input::InputError;
use crate::methods::{DeliveryMethod, PaymentMethod, Role};
use crate::money::{Kopecks, MoneyOverflow};
use crate::pricing::DiscountError;
use crate::workflow::Guard;

/// Why the domain refused an operation. Nothing of a refused op is written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OpError {
    #[error("the order is in the closed stage {stage:?}; nothing follows it")]
    AlreadyClosed { stage: String },
    #[error("the order is in stage {actual:?}, not {expected:?} (moved meanwhile)")]
    StaleStage { expected: String, actual: String },
    #[error("stage {to:?} is not the next one on the order's route from {from:?}")]
    NotNextOnRoute { from: String, to: String },
    #[error("the order's route has no stage after {stage:?}")]
    EndOfRoute { stage: String },
    #[error("stage {0:?} is not in the workflow")]
    UnknownStage(String),
    #[error("stage {stage:?} is not on the route of the order's delivery and payment methods")]
    OffRoute { stage: String },
    #[error("role {role:?} may not move orders from {from:?} to {to:?}")]
    RoleForbidden {
        role: Role,
        from: String,
        to: String,
    },
    #[error("role {role:?} may not {action}")]
    ActionForbidden { role: Role, action: &'static str },
    #[error("order already exists")]
    OrderExists,
    #[error("order not found")]
    OrderMissing,
    #[error("the order is closed (stage {stage:?}) and can no longer be changed")]
    OrderClosed { stage: String },
    #[error("line {0} is not in the order")]
    UnknownLine(Uuid),
    #[error("id {0} is already used in this order")]
    DuplicateId(Uuid),
    #[error("a line needs a positive quantity")]
    InvalidQuantity,
    #[error("a price cannot be negative")]
    NegativePrice,
    #[error(transparent)]
    Discount(#[from] DiscountError),
    #[error("no delivery tariff for {method:?} in zone {zone:?}")]
    NoTariff {
        method: DeliveryMethod,
        zone: Option<String>,
    },
    /// «Доставка и оплата» does not offer it for an order taken at the desk.
    #[error("the shop does not offer delivery by {0:?}")]
    DeliveryNotOffered(DeliveryMethod),
    #[error("the shop does not take payment by {0:?}")]
    PaymentNotOffered(PaymentMethod),
    #[error("stage {stage:?} does not serve {method:?}; move the order first")]
    StageExcludesMethod {
        stage: String,
        method: DeliveryMethod,
    },
    #[error("a time window must end after it starts")]
    BadWindow,
    #[error("a payment must be a positive amount")]
    NonPositivePayment,
    #[error("payment {0} is not in the order")]
    UnknownPayment(Uuid),
    #[error("payment {0} is voided: it counts nothing")]
    PaymentVoided(Uuid),
    #[error("a correction, void or refund needs a reason")]
    NoReason,
    #[error("a refund cannot exceed what has been paid ({paid:?})")]
    RefundOverPaid { paid: Kopecks },
    #[error("this changes nothing: the order already has it")]
    Unchanged,
    #[error("a call cannot end before it starts")]
    CallEndsBeforeStart,
    #[error("version {version} does not exist (latest is {latest})")]
    UnknownVersion { version: i64, latest: i64 },
    #[error("version {version} is not the latest ({latest}); look at the latest first")]
    StaleVersion { version: i64, latest: i64 },
    #[error("an order needs at least one line")]
    NoLines,
    #[error("an invoice is issued with a number, and this one has none")]
    NoInvoiceNumber,
    #[error("a print needs at least one copy")]
    NoCopies,
    #[error(transparent)]
    Buyer(#[from] BuyerError),
    #[error(transparent)]
    Money(#[from] MoneyOverflow),
    /// A stage guard refused: `stage` is the guarded stage (the one left for
    /// [`Guard::Unpaid`], entered for [`Guard::NoAddress`], the order's for [`Guard::Locked`]).
    /// `name` is the stage's as the shop calls it, for the manager's message.
    #[error("stage {stage:?} refuses: {guard:?}")]
    Guard {
        stage: String,
        name: String,
        guard: Guard,
    },
    /// What was typed is out of shape or out of bounds.
    #[error(transparent)]
    Input(#[from] InputError),
}
