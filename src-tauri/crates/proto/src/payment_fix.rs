//! Corrections, voids and refunds of payments (issue 15, point 4): what the card sends, how a
//! payment entry shows, what the history and a refusal carry for the UI to word in its own
//! language.

use serde::{Deserialize, Serialize};

use crate::{Kopecks, PaymentMethod};

/// One fix of the order's payments; each needs a reason, which the history keeps with who.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "fix", rename_all = "snake_case")]
pub enum PaymentFix {
    /// The payment should count `amount` (without sign; a refund stays money out).
    Correct {
        payment_id: String,
        amount: Kopecks,
        reason: String,
    },
    /// The payment was recorded by mistake and counts nothing from now on.
    Void { payment_id: String, reason: String },
    /// Money given back to the customer, at most what is paid.
    Refund {
        amount: Kopecks,
        method: PaymentMethod,
        reason: String,
    },
}

/// What a payment entry is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentEntryKind {
    /// Money in.
    #[default]
    Receipt,
    /// Money given back (the amount is negative).
    Refund,
    /// The difference that corrects an earlier entry.
    Correction,
    /// Takes all of an earlier entry back.
    Void,
}

/// A payment op in the history, for the UI to word: its kind, the amount it moved (signed)
/// and the reason given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentEvent {
    pub kind: PaymentEntryKind,
    pub amount: Kopecks,
    #[serde(default)]
    pub reason: Option<String>,
}

/// A refusal the UI words itself from its code and params, in either language; the
/// error's Russian `message` stays for logs and older windows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Refusal {
    /// The payment is not in the order (any more): the card is out of date.
    PaymentUnknown,
    /// The payment was voided and counts nothing.
    PaymentVoided,
    /// A correction, void or refund was given without a reason.
    ReasonRequired,
    /// A refund larger than what is paid.
    RefundOverPaid { paid: Kopecks },
    /// The order already has what was asked (the same discount, price or amount again).
    Unchanged,
    /// An orders export's period ends before it begins.
    ExportPeriodReversed,
    /// The export's file name ends in the other format's extension.
    ExportExtension,
    /// Only an administrator or a manager exports orders: the file holds customers'
    /// contacts.
    ExportForbidden,
    /// The export's file could not be written. Boxed: every command's error carries a
    /// refusal, and this one would double its size.
    ExportNotWritten(Box<crate::ExportFailure>),
}
