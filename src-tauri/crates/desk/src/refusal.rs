//! The domain's refusals worded for the manager, with stages named as the shop names them.

use domain::{DeliveryMethod, OpError, Workflow};
use proto::OpRefusal;

pub(crate) mod rules;

/// The domain's refusal as data the window words, with stages named as the shop names them.
pub(crate) fn refusal(workflow: &Workflow, e: &OpError) -> OpRefusal {
    let name = |id: &str| {
        workflow
            .stage(id)
            .map_or_else(|| id.to_owned(), |s| s.name.clone())
    };
    let role = |r: &domain::Role| crate::convert::role(*r);
    match e {
        OpError::AlreadyClosed { stage } => OpRefusal::AlreadyClosed { stage: name(stage) },
        OpError::StaleStage { actual, .. } => OpRefusal::StaleStage {
            stage: name(actual),
        },
        OpError::NotNextOnRoute { from, to } => OpRefusal::NotNextOnRoute {
            from: name(from),
            to: name(to),
        },
        OpError::EndOfRoute { stage } => OpRefusal::EndOfRoute { stage: name(stage) },
        OpError::UnknownStage(stage) => OpRefusal::UnknownStage {
            stage: stage.clone(),
        },
        OpError::OffRoute { stage } => OpRefusal::OffRoute { stage: name(stage) },
        OpError::RoleForbidden { role: r, from, to } => OpRefusal::RoleForbidden {
            role: role(r),
            from: name(from),
            to: name(to),
        },
        OpError::ActionForbidden { role: r, .. } => OpRefusal::ActionForbidden { role: role(r) },
        OpError::OrderExists => OpRefusal::OrderExists,
        OpError::OrderMissing => OpRefusal::OrderMissing,
        OpError::OrderClosed { stage } => OpRefusal::OrderClosed { stage: name(stage) },
        OpError::UnknownLine(_) => OpRefusal::UnknownLine,
        OpError::DuplicateId(_) => OpRefusal::DuplicateId,
        OpError::InvalidQuantity => OpRefusal::InvalidQuantity,
        OpError::NegativePrice => OpRefusal::NegativePrice,
        OpError::Discount(_) => OpRefusal::Discount,
        OpError::NoTariff { method, zone } => OpRefusal::NoTariff {
            method: crate::view::delivery(*method),
            zone: zone.clone(),
        },
        OpError::DeliveryNotOffered(method) => OpRefusal::DeliveryNotOffered {
            method: crate::view::delivery(*method),
        },
        OpError::PaymentNotOffered(method) => OpRefusal::PaymentNotOffered {
            method: crate::view::payment(*method),
        },
        OpError::StageExcludesMethod { stage, method } => OpRefusal::StageExcludesMethod {
            stage: name(stage),
            method: crate::view::delivery(*method),
        },
        OpError::BadWindow => OpRefusal::BadWindow,
        OpError::NonPositivePayment => OpRefusal::NonPositivePayment,
        OpError::UnknownPayment(_) => OpRefusal::UnknownPayment,
        OpError::PaymentVoided(_) => OpRefusal::PaymentVoided,
        OpError::NoReason => OpRefusal::NoReason,
        OpError::RefundOverPaid { paid } => OpRefusal::RefundOverPaid { paid: paid.0 },
        OpError::Unchanged => OpRefusal::Unchanged,
        OpError::CallEndsBeforeStart => OpRefusal::CallEndsBeforeStart,
        OpError::UnknownVersion { version, latest } => OpRefusal::UnknownVersion {
            version: *version,
            latest: *latest,
        },
        OpError::StaleVersion { version, latest } => OpRefusal::StaleVersion {
            version: *version,
            latest: *latest,
        },
        OpError::NoLines => OpRefusal::NoLines,
        OpError::NoInvoiceNumber => OpRefusal::NoInvoiceNumber,
        OpError::NoCopies => OpRefusal::NoCopies,
        OpError::Money(_) => OpRefusal::Money,
        OpError::Guard { name, guard, .. } => OpRefusal::Rule {
            rule: rules::guard(name, *guard),
        },
        OpError::Input(e) => OpRefusal::Rule {
            rule: rules::from_input(e),
        },
        OpError::Buyer(e) => {
            let e = crate::buyer::field_error(e);
            OpRefusal::Buyer {
                field: e.field,
                problem: e.problem,
            }
        }
    }
}

pub(crate) fn delivery_name(method: DeliveryMethod) -> &'static str {
    match method {
        DeliveryMethod::Courier => "курьер",
        DeliveryMethod::Post => "почта",
        DeliveryMethod::Pickup => "самовывоз",
        DeliveryMethod::MarketplaceLogistics => "логистика маркетплейса",
    }
}
