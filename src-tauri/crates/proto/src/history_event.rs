//! What a history entry records, as data the UI words in its own language (issue 15,
//! point 10: the English UI showed the desk's Russian history). The desk still writes a
//! Russian `description` beside it, for logs and for a window older than the desk.

use serde::{Deserialize, Serialize};

use crate::edit::CallOutcome;
use crate::{DeliveryMethod, Kopecks};

/// One recorded action. Stage names are the shop's own and are shown as they are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum HistoryEvent {
    /// Taken in the desk (by phone).
    CreatedHere {
        customer: String,
    },
    /// Taken from a sales channel; `paid` is what the channel had already taken.
    CreatedFromChannel {
        customer: String,
        paid: Kopecks,
    },
    StageMoved {
        from: String,
        to: String,
    },
    Cancelled {
        reason: Option<String>,
    },
    LinesEdited {
        edits: u32,
    },
    DiscountChanged,
    DeliveryChanged {
        method: DeliveryMethod,
        address: String,
    },
    /// The channel changed the address or the shipping charge.
    DeliveryFromChannel {
        address: String,
        cost: Kopecks,
    },
    PaymentRecorded {
        amount: Kopecks,
    },
    Comment {
        comment: Option<String>,
    },
    /// The goods' packages counted (`None`: the count cleared).
    Places {
        places: Option<u32>,
    },
    Call {
        duration_s: u64,
        outcome: CallOutcome,
    },
    VersionPublished {
        version: i64,
    },
    VersionConfirmed {
        version: i64,
    },
    /// A version's note written, or removed (`None`).
    VersionNoted {
        version: i64,
        note: Option<String>,
    },
    Buyer {
        buyer: BuyerSummary,
    },
    InvoiceIssued {
        number: String,
    },
    /// `document` is a [`crate::DocKind`] code; `printer` `None` is the default printer.
    Printed {
        document: String,
        copies: u32,
        printer: Option<String>,
    },
    /// An op this desk cannot read (from a newer desk): `kind` is its name.
    Unknown {
        kind: String,
    },
}

/// A buyer as the history names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum BuyerSummary {
    Person,
    Company {
        name: String,
        inn: String,
        kpp: String,
    },
}

/// The part of the order an action changed, before or after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum StateView {
    Stage {
        name: String,
    },
    Content {
        lines: u32,
        discount: Kopecks,
        delivery: Kopecks,
        total: Kopecks,
    },
    Payments {
        paid: Kopecks,
        total: Kopecks,
    },
    Calls {
        attempts: u32,
    },
    Buyer {
        buyer: BuyerSummary,
    },
    Comment {
        comment: Option<String>,
    },
    Places {
        places: Option<u32>,
    },
    Versions {
        version: i64,
        draft: bool,
        published: Option<i64>,
        confirmed: Option<i64>,
    },
}

/// The team hub refused the op: its code and message, and the value that won there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HubRefusalView {
    pub code: String,
    /// The hub's own text (Russian), shown after the UI's words.
    pub message: String,
    pub won: Option<StateView>,
}
