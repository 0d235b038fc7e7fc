//! Boundary values into domain values and back, for the types the order actions use.

use domain::{CallOutcome, Discount, Kopecks, PaymentStatus, Role, VatRate};
use jiff::Timestamp;

use crate::DeskError;

pub(crate) fn discount(d: Discount) -> proto::Discount {
    match d {
        Discount::None => proto::Discount::None,
        Discount::Percent(p) => proto::Discount::Percent(p),
        Discount::Amount(a) => proto::Discount::Amount(a.0),
    }
}

pub(crate) fn to_discount(d: proto::Discount) -> Discount {
    match d {
        proto::Discount::None => Discount::None,
        proto::Discount::Percent(p) => Discount::Percent(p),
        proto::Discount::Amount(a) => Discount::Amount(Kopecks(a)),
    }
}

pub(crate) fn vat_rate(v: VatRate) -> proto::VatRate {
    match v {
        VatRate::None => proto::VatRate::None,
        VatRate::Vat0 => proto::VatRate::Vat0,
        VatRate::Vat5 => proto::VatRate::Vat5,
        VatRate::Vat7 => proto::VatRate::Vat7,
        VatRate::Vat10 => proto::VatRate::Vat10,
        VatRate::Vat22 => proto::VatRate::Vat22,
    }
}

pub(crate) fn role(r: Role) -> proto::Role {
    match r {
        Role::Admin => proto::Role::Admin,
        Role::Manager => proto::Role::Manager,
        Role::Picker => proto::Role::Picker,
        Role::Dispatcher => proto::Role::Dispatcher,
    }
}

pub(crate) fn to_role(r: proto::Role) -> Role {
    match r {
        proto::Role::Admin => Role::Admin,
        proto::Role::Manager => Role::Manager,
        proto::Role::Picker => Role::Picker,
        proto::Role::Dispatcher => Role::Dispatcher,
    }
}

pub(crate) fn payment_status(s: PaymentStatus) -> proto::PaymentStatus {
    match s {
        PaymentStatus::Unpaid => proto::PaymentStatus::Unpaid,
        PaymentStatus::Partial => proto::PaymentStatus::Partial,
        PaymentStatus::Paid => proto::PaymentStatus::Paid,
        PaymentStatus::Overpaid => proto::PaymentStatus::Overpaid,
    }
}

pub(crate) fn outcome(o: CallOutcome) -> proto::CallOutcome {
    match o {
        CallOutcome::Reached => proto::CallOutcome::Reached,
        CallOutcome::NoAnswer => proto::CallOutcome::NoAnswer,
        CallOutcome::CallBackAt { at } => proto::CallOutcome::CallBackAt {
            at: at.as_millisecond(),
        },
        CallOutcome::Confirmed => proto::CallOutcome::Confirmed,
        CallOutcome::Refused => proto::CallOutcome::Refused,
    }
}

pub(crate) fn to_outcome(o: proto::CallOutcome) -> Result<CallOutcome, DeskError> {
    Ok(match o {
        proto::CallOutcome::Reached => CallOutcome::Reached,
        proto::CallOutcome::NoAnswer => CallOutcome::NoAnswer,
        proto::CallOutcome::CallBackAt { at } => CallOutcome::CallBackAt { at: instant(at)? },
        proto::CallOutcome::Confirmed => CallOutcome::Confirmed,
        proto::CallOutcome::Refused => CallOutcome::Refused,
    })
}

pub(crate) fn to_delivery(d: proto::DeliveryMethod) -> domain::DeliveryMethod {
    use domain::DeliveryMethod as D;
    match d {
        proto::DeliveryMethod::Courier => D::Courier,
        proto::DeliveryMethod::Post => D::Post,
        proto::DeliveryMethod::Pickup => D::Pickup,
        proto::DeliveryMethod::MarketplaceLogistics => D::MarketplaceLogistics,
    }
}

pub(crate) fn to_payment(p: proto::PaymentMethod) -> domain::PaymentMethod {
    use domain::PaymentMethod as P;
    match p {
        proto::PaymentMethod::CashOnDelivery => P::CashOnDelivery,
        proto::PaymentMethod::CardOnDelivery => P::CardOnDelivery,
        proto::PaymentMethod::BankTransfer => P::BankTransfer,
        proto::PaymentMethod::Online => P::Online,
        proto::PaymentMethod::Marketplace => P::Marketplace,
    }
}

pub(crate) fn to_channel(c: proto::Channel) -> domain::Channel {
    match c {
        proto::Channel::Site => domain::Channel::Site,
        proto::Channel::Phone => domain::Channel::Phone,
        proto::Channel::Marketplace => domain::Channel::Marketplace,
    }
}

pub(crate) fn instant(ms: proto::UnixMs) -> Result<Timestamp, DeskError> {
    Timestamp::from_millisecond(ms).map_err(|_| proto::InputProblem::Time { ms }.into())
}

pub(crate) fn uuid(text: &str) -> Result<uuid::Uuid, DeskError> {
    uuid::Uuid::parse_str(text).map_err(|_| {
        proto::InputProblem::Id {
            id: text.to_owned(),
        }
        .into()
    })
}
