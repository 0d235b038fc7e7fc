//! The domain's refusals as the wire's stable codes.

use domain::OpError;
use proto::sync::RejectCode;

pub(crate) fn code(e: &OpError) -> RejectCode {
    match e {
        OpError::StaleStage { .. } => RejectCode::StaleStage,
        OpError::StaleVersion { .. } => RejectCode::StaleVersion,
        OpError::RoleForbidden { .. } | OpError::ActionForbidden { .. } => RejectCode::Forbidden,
        OpError::OrderMissing => RejectCode::NotFound,
        OpError::OrderExists => RejectCode::Exists,
        OpError::AlreadyClosed { .. }
        | OpError::NotNextOnRoute { .. }
        | OpError::EndOfRoute { .. }
        | OpError::UnknownStage(_)
        | OpError::OffRoute { .. }
        | OpError::OrderClosed { .. }
        | OpError::StageExcludesMethod { .. }
        | OpError::Guard { .. } => RejectCode::NotAllowed,
        OpError::UnknownLine(_)
        | OpError::DuplicateId(_)
        | OpError::InvalidQuantity
        | OpError::NegativePrice
        | OpError::Discount(_)
        | OpError::NoTariff { .. }
        | OpError::DeliveryNotOffered(_)
        | OpError::PaymentNotOffered(_)
        | OpError::BadWindow
        | OpError::NonPositivePayment
        | OpError::UnknownPayment(_)
        | OpError::PaymentVoided(_)
        | OpError::NoReason
        | OpError::RefundOverPaid { .. }
        | OpError::Unchanged
        | OpError::CallEndsBeforeStart
        | OpError::UnknownVersion { .. }
        | OpError::NoLines
        | OpError::NoInvoiceNumber
        | OpError::NoCopies
        | OpError::Buyer(_)
        | OpError::Money(_)
        | OpError::Input(_) => RejectCode::Invalid,
    }
}
