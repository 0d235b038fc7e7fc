//! Corrections, voids and refunds of payments. Each adds an entry and changes none: what came
//! in stays in the record beside what corrected it, with the reason the history shows.

use uuid::Uuid;

use super::{Op, OpError};
use crate::money::Kopecks;
use crate::order::{Order, Payment};

/// Applies [`Op::CorrectPayment`], [`Op::VoidPayment`] or [`Op::RefundPayment`] to `order`;
/// any other op is left to [`Op::apply`].
pub(super) fn apply(op: &Op, order: &mut Order) -> Result<(), OpError> {
    let entry = match op {
        Op::CorrectPayment {
            payment_id,
            entry_id,
            amount,
            at,
            reason,
            ..
        } => {
            let reason = reason_of(reason)?;
            if *amount <= Kopecks::ZERO {
                return Err(OpError::NonPositivePayment);
            }
            let (original, now) = counted(order, *payment_id)?;
            // A refund entered wrong stays money out: the amount is given without its sign.
            let wanted = if original.amount < Kopecks::ZERO {
                Kopecks::ZERO.checked_sub(*amount)?
            } else {
                *amount
            };
            let delta = wanted.checked_sub(now)?;
            if delta == Kopecks::ZERO {
                return Err(OpError::Unchanged);
            }
            Payment {
                id: *entry_id,
                amount: delta,
                method: original.method,
                at: *at,
                note: Some(reason),
                corrects: Some(*payment_id),
            }
        }
        Op::VoidPayment {
            payment_id,
            entry_id,
            at,
            reason,
            ..
        } => {
            let reason = reason_of(reason)?;
            let (original, now) = counted(order, *payment_id)?;
            Payment {
                id: *entry_id,
                amount: Kopecks::ZERO.checked_sub(now)?,
                method: original.method,
                at: *at,
                note: Some(reason),
                corrects: Some(*payment_id),
            }
        }
        Op::RefundPayment {
            entry_id,
            amount,
            method,
            at,
            reason,
            ..
        } => {
            let reason = reason_of(reason)?;
            if *amount <= Kopecks::ZERO {
                return Err(OpError::NonPositivePayment);
            }
            let paid = order.paid()?;
            if *amount > paid {
                return Err(OpError::RefundOverPaid { paid });
            }
            Payment {
                id: *entry_id,
                amount: Kopecks::ZERO.checked_sub(*amount)?,
                method: *method,
                at: *at,
                note: Some(reason),
                corrects: None,
            }
        }
        _ => return Ok(()),
    };
    if order.payments.iter().any(|p| p.id == entry.id) {
        return Err(OpError::DuplicateId(entry.id));
    }
    order.payments.push(entry);
    order.paid()?;
    Ok(())
}

/// The reason as the history keeps it; without one the op is refused, since "who and why" is
/// the point of recording a correction.
fn reason_of(reason: &str) -> Result<String, OpError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(OpError::NoReason);
    }
    Ok(reason.to_owned())
}

/// The payment as it came in and what it counts now; refused when it is not an entry that
/// came in (unknown, or itself a correction) or when it was voided.
fn counted(order: &Order, id: Uuid) -> Result<(Payment, Kopecks), OpError> {
    let original = order
        .payments
        .iter()
        .find(|p| p.id == id && p.corrects.is_none())
        .cloned()
        .ok_or(OpError::UnknownPayment(id))?;
    let now = Payment::effective(&order.payments, id)?.ok_or(OpError::UnknownPayment(id))?;
    if now == Kopecks::ZERO {
        return Err(OpError::PaymentVoided(id));
    }
    Ok((original, now))
}
