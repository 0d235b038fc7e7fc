//! Domain values into the boundary types the UI reads.

use domain::{Order, Workflow};
use jiff::Timestamp;
use store::QueueRow;

use crate::DeskError;

pub(crate) fn channel(c: domain::Channel) -> proto::Channel {
    match c {
        domain::Channel::Site => proto::Channel::Site,
        domain::Channel::Phone => proto::Channel::Phone,
        domain::Channel::Marketplace => proto::Channel::Marketplace,
    }
}

pub(crate) fn delivery(d: domain::DeliveryMethod) -> proto::DeliveryMethod {
    use domain::DeliveryMethod as D;
    match d {
        D::Courier => proto::DeliveryMethod::Courier,
        D::Post => proto::DeliveryMethod::Post,
        D::Pickup => proto::DeliveryMethod::Pickup,
        D::MarketplaceLogistics => proto::DeliveryMethod::MarketplaceLogistics,
    }
}

pub(crate) fn payment(p: domain::PaymentMethod) -> proto::PaymentMethod {
    use domain::PaymentMethod as P;
    match p {
        P::CashOnDelivery => proto::PaymentMethod::CashOnDelivery,
        P::CardOnDelivery => proto::PaymentMethod::CardOnDelivery,
        P::BankTransfer => proto::PaymentMethod::BankTransfer,
        P::Online => proto::PaymentMethod::Online,
        P::Marketplace => proto::PaymentMethod::Marketplace,
    }
}

pub(crate) fn stage_kind(k: domain::StageKind) -> proto::StageKind {
    match k {
        domain::StageKind::Normal => proto::StageKind::Normal,
        domain::StageKind::Final => proto::StageKind::Final,
        domain::StageKind::Cancelled => proto::StageKind::Cancelled,
    }
}

pub(crate) fn ms(t: Timestamp) -> proto::UnixMs {
    t.as_millisecond()
}

pub(crate) fn row(r: QueueRow, now: Timestamp) -> proto::OrderRow {
    proto::OrderRow {
        id: r.id.to_string(),
        number: r.number.to_string(),
        customer: r.customer,
        phone: r.phone,
        channel: channel(r.channel),
        total: r.total.0,
        stage_id: r.stage_id,
        stage_entered_at: ms(r.stage_entered_at),
        deadline: r.deadline.map(ms),
        overdue: r.deadline.is_some_and(|d| d < now),
    }
}

pub(crate) fn detail(o: Order, workflow: &Workflow) -> Result<proto::OrderDetail, DeskError> {
    let totals = o.totals()?;
    let stage_name = workflow
        .stage(&o.stage.stage_id)
        .map_or_else(|| o.stage.stage_id.clone(), |s| s.name.clone());
    let next = workflow.next_stage(&o.stage.stage_id, o.delivery, o.payment);
    let mut lines = Vec::with_capacity(o.lines.len());
    for l in o.lines {
        lines.push(proto::LineView {
            amount: l.amount()?.0,
            sku: l.sku,
            name: l.name,
            unit: l.unit,
            quantity: l.quantity.0,
            price: l.price.0,
        });
    }
    Ok(proto::OrderDetail {
        id: o.id.to_string(),
        number: o.number.to_string(),
        created_at: ms(o.created_at),
        channel: channel(o.channel),
        customer: o.customer.name,
        phone: o.customer.phone,
        email: o.customer.email,
        address: o.address,
        delivery: delivery(o.delivery),
        payment: payment(o.payment),
        stage_id: o.stage.stage_id,
        stage_name,
        stage_entered_at: ms(o.stage.entered_at),
        deadline: o.stage.deadline.map(ms),
        next_stage: next.map(|s| s.id.clone()),
        next_stage_name: next.map(|s| s.name.clone()),
        lines,
        subtotal: totals.subtotal.0,
        discount: totals.discount.0,
        delivery_cost: totals.delivery_cost.0,
        total: totals.total.0,
        comment: o.comment,
    })
}
