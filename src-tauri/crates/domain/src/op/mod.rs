//! Operations: every user action as data. An [`OpEnvelope`] is written to the local outbox in
//! the same transaction as its effect and is later pushed to the hub, which re-validates it with
//! these same rules — so validation reads only the op, the shop's settings and the order.

mod apply;
mod base;
mod error;
mod payments;
mod snapshot;
#[cfg(test)]
mod tests;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::buyer::Buyer;
use crate::methods::{DeliveryMethod, PaymentMethod, Role};
use crate::money::{Kopecks, Quantity};
use crate::order::{Call, Line, Order, Payment, TimeWindow};
use crate::pricing::Discount;
use crate::workflow::StagePosition;

pub use apply::MAX_PLACES;
pub use base::VersionRef;
pub use error::OpError;
pub use snapshot::Snapshot;

/// Who did it; the name is kept with the op so the audit reads well even after a user is
/// renamed or removed, and the role is the one the op was checked against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub id: String,
    pub name: String,
    #[serde(default = "admin")]
    pub role: Role,
}

fn admin() -> Role {
    Role::Admin
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Op {
    /// A new order (a phone order is taken as a draft). The number is given by the store that
    /// records it; stage, delivery cost and version are set by [`Op::apply`].
    CreateOrder {
        order: Box<Order>,
        /// Set for an order a sales channel hands over: what the channel already settled is
        /// taken as the channel has it instead of the desk's own rules for a new order.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        channel: Option<Box<ChannelTerms>>,
    },
    /// "Move to the next stage". `from_stage` is where the user saw the order: if someone else
    /// moved it meanwhile, the op is stale and refused rather than moving it twice.
    AdvanceStage {
        order_id: Uuid,
        from_stage: String,
        to_stage: String,
    },
    /// Move to a chosen stage on the order's route, forward or back.
    MoveToStage {
        order_id: Uuid,
        from_stage: String,
        to_stage: String,
    },
    Cancel {
        order_id: Uuid,
        from_stage: String,
        reason: Option<String>,
    },
    /// One saved edit of the composition: several changes, one version.
    EditLines {
        order_id: Uuid,
        edits: Vec<LineEdit>,
    },
    SetOrderDiscount {
        order_id: Uuid,
        discount: Discount,
    },
    ChangeDelivery {
        order_id: Uuid,
        change: DeliveryChange,
    },
    /// The channel changed the order's delivery on its side (the customer gave another
    /// address on the site, the site's shipping charge changed): taken as the channel has
    /// it, the charge fixed — our tariff never reprices what the channel charged. Made only
    /// by a channel's import, when nobody here changed the delivery since.
    FollowChannelDelivery {
        order_id: Uuid,
        address: String,
        delivery_cost: Kopecks,
    },
    RecordPayment {
        order_id: Uuid,
        payment: Payment,
    },
    /// A payment entered with the wrong amount: an entry of the difference is added, so the
    /// payment counts `amount` (money in stays money in, a refund stays money out) and what
    /// was entered first stays in the record.
    CorrectPayment {
        order_id: Uuid,
        payment_id: Uuid,
        /// The correcting entry's id, made by the client like a payment's.
        entry_id: Uuid,
        /// What the payment should count, without its sign: 150000 is 1 500 ₽.
        amount: Kopecks,
        at: Timestamp,
        reason: String,
    },
    /// A payment recorded by mistake (taken twice, meant for another order): an entry taking
    /// all of it back is added, and the payment counts nothing.
    VoidPayment {
        order_id: Uuid,
        payment_id: Uuid,
        entry_id: Uuid,
        at: Timestamp,
        reason: String,
    },
    /// Money given back to the customer: an entry of minus `amount`, never more than has been
    /// paid.
    RefundPayment {
        order_id: Uuid,
        entry_id: Uuid,
        amount: Kopecks,
        method: PaymentMethod,
        at: Timestamp,
        reason: String,
    },
    /// The order's note for the team. Not compare-and-set: between PCs the last one the hub
    /// applies wins, and each edit stays in the history.
    SetComment {
        order_id: Uuid,
        comment: Option<String>,
    },
    LogCall {
        order_id: Uuid,
        call: Call,
    },
    /// Make a version visible to the customer; channels deliver it later from the outbox.
    PublishVersion {
        order_id: Uuid,
        version: i64,
    },
    /// The customer agreed to this version: the draft becomes the working order.
    ConfirmVersion {
        order_id: Uuid,
        version: i64,
    },
    /// A short note on a version saying what it changed and why («убрали чехол по просьбе
    /// клиента»), written with the save that made it or later. A later note replaces the
    /// earlier one and `None` removes it; between PCs the last one the hub applies wins. It
    /// changes nothing the customer pays for, so it saves no version of its own.
    NoteVersion {
        order_id: Uuid,
        version: i64,
        note: Option<String>,
    },
    /// Who the order is billed to: the customer as a person, or a company with its
    /// requisites. Not compare-and-set: like the note, the last one the hub applies wins, and
    /// each change stays in the history.
    SetBuyer {
        order_id: Uuid,
        buyer: Buyer,
    },
    /// An invoice number given to the order for good: reprinting shows the same number. The
    /// store that records the op assigns `number` inside its write transaction, the way it
    /// numbers new orders, so numbers have no gaps and no duplicates on this device.
    IssueInvoice {
        order_id: Uuid,
        number: String,
    },
    /// How many packages (грузовые места) the goods were packed into, counted when the pick
    /// is done; `None` clears it. Not compare-and-set: the last count wins, each in history.
    SetPlaces {
        order_id: Uuid,
        places: Option<u32>,
    },
    /// A paper went to the printer. It changes nothing on the order; it is recorded so the
    /// history says who printed what, when and where.
    PrintDocument {
        order_id: Uuid,
        /// The document's code: `invoice`, `pd4`, `delivery_note`, `transport_waybill`,
        /// `pick_list`, `route_sheet`.
        document: String,
        copies: u32,
        /// `None`: the system default printer.
        printer: Option<String>,
        /// What the print system answered, e.g. «request id is PDF-7 (1 file(s))».
        job: String,
    },
}

/// What a channel (the site, a marketplace) already settled about an order it hands over.
/// A phone order starts in the first stage as an unpaid draft priced by the shop's tariff; a
/// channel's order keeps the channel's delivery charge, its creation date, its payments and
/// refunds, and enters the stage its status maps to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelTerms {
    /// When the customer placed the order on the channel.
    pub placed_at: Timestamp,
    /// The stage the channel's status maps to. `None`, a stage the shop does not have or one
    /// off the order's route: the route's first stage.
    pub stage: Option<String>,
    /// The customer already confirmed it on the channel (paid, or being processed there):
    /// the order is not a draft.
    pub confirmed: bool,
    /// Money in (positive) and refunds (negative) as the channel recorded them.
    pub payments: Vec<Payment>,
    /// How the channel names the order. Every desk that records the op indexes it for search
    /// and shows it on the card: a team desk never talks to the channel, and this is how it
    /// learns the number. Added within protocol 5: a desk that does not know the field
    /// ignores it and only cannot search by it; the order it makes of the op is the same, so
    /// no version bump is needed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<ChannelNumber>,
}

/// An order's number on a channel and the connection that brought it. The connection is
/// named here because the hub records a channel's op under its worker's user, not the
/// connection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelNumber {
    /// As people read it there: the site's «Заказ №10301».
    pub number: String,
    pub connection_id: Uuid,
    /// As the shop named the connection («Сайт»).
    pub connection: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "edit", rename_all = "snake_case")]
pub enum LineEdit {
    Add { line: Line },
    Remove { line_id: Uuid },
    SetQuantity { line_id: Uuid, quantity: Quantity },
    SetPrice { line_id: Uuid, price: Kopecks },
    SetDiscount { line_id: Uuid, discount: Discount },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryChange {
    pub method: DeliveryMethod,
    /// Tariff zone; `None` uses the method's tariff without a zone.
    pub zone: Option<String>,
    pub address: String,
    pub window: Option<TimeWindow>,
}

impl Op {
    pub fn kind(&self) -> &'static str {
        match self {
            Op::CreateOrder { .. } => "create_order",
            Op::AdvanceStage { .. } => "advance_stage",
            Op::MoveToStage { .. } => "move_to_stage",
            Op::Cancel { .. } => "cancel",
            Op::EditLines { .. } => "edit_lines",
            Op::SetOrderDiscount { .. } => "set_order_discount",
            Op::ChangeDelivery { .. } => "change_delivery",
            Op::FollowChannelDelivery { .. } => "follow_channel_delivery",
            Op::RecordPayment { .. } => "record_payment",
            Op::CorrectPayment { .. } => "correct_payment",
            Op::VoidPayment { .. } => "void_payment",
            Op::RefundPayment { .. } => "refund_payment",
            Op::SetComment { .. } => "set_comment",
            Op::LogCall { .. } => "log_call",
            Op::PublishVersion { .. } => "publish_version",
            Op::ConfirmVersion { .. } => "confirm_version",
            Op::NoteVersion { .. } => "note_version",
            Op::SetBuyer { .. } => "set_buyer",
            Op::IssueInvoice { .. } => "issue_invoice",
            Op::PrintDocument { .. } => "print_document",
            Op::SetPlaces { .. } => "set_places",
        }
    }

    pub fn order_id(&self) -> Uuid {
        match self {
            Op::CreateOrder { order, .. } => order.id,
            Op::AdvanceStage { order_id, .. }
            | Op::MoveToStage { order_id, .. }
            | Op::Cancel { order_id, .. }
            | Op::EditLines { order_id, .. }
            | Op::SetOrderDiscount { order_id, .. }
            | Op::ChangeDelivery { order_id, .. }
            | Op::FollowChannelDelivery { order_id, .. }
            | Op::RecordPayment { order_id, .. }
            | Op::CorrectPayment { order_id, .. }
            | Op::VoidPayment { order_id, .. }
            | Op::RefundPayment { order_id, .. }
            | Op::SetComment { order_id, .. }
            | Op::LogCall { order_id, .. }
            | Op::PublishVersion { order_id, .. }
            | Op::ConfirmVersion { order_id, .. }
            | Op::NoteVersion { order_id, .. }
            | Op::SetBuyer { order_id, .. }
            | Op::IssueInvoice { order_id, .. }
            | Op::PrintDocument { order_id, .. }
            | Op::SetPlaces { order_id, .. } => *order_id,
        }
    }

    /// Whether the op changes what the customer is charged for — composition, prices,
    /// discounts or delivery — and so saves a new immutable version.
    pub fn saves_version(&self) -> bool {
        matches!(
            self,
            Op::CreateOrder { .. }
                | Op::EditLines { .. }
                | Op::SetOrderDiscount { .. }
                | Op::ChangeDelivery { .. }
                | Op::FollowChannelDelivery { .. }
        )
    }

    /// Whether the op corrects, voids or refunds a payment: entries that take money back or
    /// fix it, each with the reason the history shows.
    pub fn corrects_payments(&self) -> bool {
        matches!(
            self,
            Op::CorrectPayment { .. } | Op::VoidPayment { .. } | Op::RefundPayment { .. }
        )
    }

    /// Whether the op moves the order to another stage.
    pub fn is_move(&self) -> bool {
        matches!(
            self,
            Op::AdvanceStage { .. } | Op::MoveToStage { .. } | Op::Cancel { .. }
        )
    }
}

/// What validation of a stage move needs to know about an order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderState {
    pub position: StagePosition,
    pub delivery: DeliveryMethod,
    pub payment: PaymentMethod,
}

impl Order {
    pub fn state(&self) -> OrderState {
        OrderState {
            position: self.stage.clone(),
            delivery: self.delivery,
            payment: self.payment,
        }
    }
}

/// The unit of sync: ids are made on the client (uuid v7, time-ordered) and each device
/// numbers its ops without gaps, so the hub can deduplicate and spot a missing op.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpEnvelope {
    pub id: Uuid,
    pub device_id: Uuid,
    pub device_seq: i64,
    pub actor: Actor,
    pub at: Timestamp,
    pub op: Op,
    /// For a money edit: the version the user edited (see [`Op::check_base`]). Absent in ops
    /// recorded before sync existed, which are then not compare-and-set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub based_on: Option<VersionRef>,
}
