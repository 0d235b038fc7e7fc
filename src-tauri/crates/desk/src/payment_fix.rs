//! Corrections, voids and refunds of payments (issue 15, point 4): the card's one command,
//! the entries as the card shows them, the history's params and the refusals the UI words.

use domain::{Kopecks, Op, OpError, Order, Payment, Snapshot};
use jiff::Timestamp;
use uuid::Uuid;

use crate::convert::{to_payment, uuid};
use crate::view::{ms, payment};
use crate::{parse_order_id, Desk, DeskError};

impl Desk {
    /// Corrects, voids or refunds a payment: one op with its reason, recorded with its effect.
    pub fn fix_payment(
        &self,
        order_id: &str,
        fix: proto::PaymentFix,
        now: Timestamp,
    ) -> Result<proto::OrderDetail, DeskError> {
        let order_id = parse_order_id(order_id)?;
        let entry_id = Uuid::now_v7();
        let op = match fix {
            proto::PaymentFix::Correct {
                payment_id,
                amount,
                reason,
            } => Op::CorrectPayment {
                order_id,
                payment_id: uuid(&payment_id)?,
                entry_id,
                amount: Kopecks(amount),
                at: now,
                reason,
            },
            proto::PaymentFix::Void { payment_id, reason } => Op::VoidPayment {
                order_id,
                payment_id: uuid(&payment_id)?,
                entry_id,
                at: now,
                reason,
            },
            proto::PaymentFix::Refund {
                amount,
                method,
                reason,
            } => Op::RefundPayment {
                order_id,
                entry_id,
                amount: Kopecks(amount),
                method: to_payment(method),
                at: now,
                reason,
            },
        };
        self.run(op, now)
    }
}

/// The order's payment entries as the card lists them, each with what it counts now.
pub(crate) fn entries(o: &Order) -> Vec<proto::PaymentView> {
    o.payments
        .iter()
        .map(|p| {
            let kind = kind(o, p);
            let counts = match p.corrects {
                Some(_) => p.amount,
                None => Payment::effective(&o.payments, p.id)
                    .ok()
                    .flatten()
                    .unwrap_or(p.amount),
            };
            proto::PaymentView {
                id: p.id.to_string(),
                amount: p.amount.0,
                method: payment(p.method),
                at: ms(p.at),
                note: p.note.clone(),
                kind,
                corrects: p.corrects.map(|id| id.to_string()),
                counts: counts.0,
            }
        })
        .collect()
}

/// A correcting entry that takes all that its original counted before it is a void.
fn kind(o: &Order, p: &Payment) -> proto::PaymentEntryKind {
    let Some(original) = p.corrects else {
        return if p.amount < Kopecks::ZERO {
            proto::PaymentEntryKind::Refund
        } else {
            proto::PaymentEntryKind::Receipt
        };
    };
    let before: Option<i64> = o
        .payments
        .iter()
        .take_while(|e| e.id != p.id)
        .filter(|e| e.id == original || e.corrects == Some(original))
        .try_fold(0_i64, |sum, e| sum.checked_add(e.amount.0));
    if before.and_then(|b| b.checked_add(p.amount.0)) == Some(0) {
        proto::PaymentEntryKind::Void
    } else {
        proto::PaymentEntryKind::Correction
    }
}

/// The history's params of a payment fix: what kind, how much `paid` moved, and why.
pub(crate) fn event(
    op: &Op,
    before: Option<&Snapshot>,
    after: Option<&Snapshot>,
) -> Option<proto::PaymentEvent> {
    let (kind, reason) = match op {
        Op::CorrectPayment { reason, .. } => (proto::PaymentEntryKind::Correction, reason),
        Op::VoidPayment { reason, .. } => (proto::PaymentEntryKind::Void, reason),
        Op::RefundPayment { reason, .. } => (proto::PaymentEntryKind::Refund, reason),
        _ => return None,
    };
    let paid = |s: Option<&Snapshot>| match s {
        Some(Snapshot::Payments { paid, .. }) => Some(*paid),
        _ => None,
    };
    let amount = match (paid(before), paid(after)) {
        (Some(b), Some(a)) => a.checked_sub(b).unwrap_or(Kopecks::ZERO),
        _ => Kopecks::ZERO,
    };
    Some(proto::PaymentEvent {
        kind,
        amount: amount.0,
        reason: Some(reason.trim().to_owned()).filter(|r| !r.is_empty()),
    })
}

/// The refusals the UI words itself (see [`proto::Refusal`]).
pub(crate) fn refusal(e: &DeskError) -> Option<proto::Refusal> {
    let DeskError::Rejected { source, .. } = e else {
        return None;
    };
    Some(match source {
        OpError::UnknownPayment(_) => proto::Refusal::PaymentUnknown,
        OpError::PaymentVoided(_) => proto::Refusal::PaymentVoided,
        OpError::NoReason => proto::Refusal::ReasonRequired,
        OpError::RefundOverPaid { paid } => proto::Refusal::RefundOverPaid { paid: paid.0 },
        OpError::Unchanged => proto::Refusal::Unchanged,
        _ => return None,
    })
}
