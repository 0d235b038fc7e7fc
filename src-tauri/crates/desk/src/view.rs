//! Domain values into the boundary types the UI reads.

use domain::{Order, Role, Workflow};
use jiff::Timestamp;
use store::QueueRow;

use crate::convert::{discount, outcome, payment_status, vat_rate};
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
        draft: r.draft,
        paid: r.paid >= r.total,
        channels: Vec::new(),
        customer_orders: 0,
    }
}

pub(crate) fn detail(
    o: Order,
    workflow: &Workflow,
    role: Role,
) -> Result<proto::OrderDetail, DeskError> {
    let totals = o.totals()?;
    let paid = o.paid()?;
    let payments = crate::payment_fix::entries(&o);
    let stage_removed = workflow.stage(&o.stage.stage_id).is_none();
    let locked = workflow.check_editable(&o).is_err();
    let stage_name = workflow
        .stage(&o.stage.stage_id)
        .or_else(|| workflow.retired_stage(&o.stage.stage_id))
        .map_or_else(|| o.stage.stage_id.clone(), |s| s.name.clone());
    let next = workflow.next_stage(&o.stage.stage_id, o.delivery, o.payment);
    let allowed_stages = workflow
        .allowed_moves(&o.state(), role)
        .into_iter()
        .map(|s| proto::StageRef {
            id: s.id.clone(),
            name: s.name.clone(),
        })
        .collect();
    let mut lines = Vec::with_capacity(o.lines.len());
    for (l, priced) in o.lines.iter().zip(&totals.lines) {
        lines.push(proto::LineView {
            amount: priced.gross.0,
            sku: l.sku.clone(),
            name: l.name.clone(),
            unit: l.unit.clone(),
            quantity: l.quantity.0,
            price: l.price.0,
            id: l.id.to_string(),
            vat_rate: Some(vat_rate(l.vat)),
            discount: discount(l.discount),
            line_discount: priced.line_discount.0,
            order_discount: priced.order_discount.0,
            net: priced.amount.0,
            vat: priced.vat.0,
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
        stage_removed,
        locked,
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
        line_discounts: totals.line_discounts.0,
        order_discount: totals.order_discount.0,
        order_discount_input: discount(o.discount),
        vat: totals
            .vat
            .iter()
            .map(|v| proto::VatView {
                rate: vat_rate(v.rate),
                label: v.rate.label().to_owned(),
                base: v.base.0,
                vat: v.vat.0,
            })
            .collect(),
        delivery_zone: o.delivery_zone,
        window_from: o.delivery_window.map(|w| ms(w.from)),
        window_to: o.delivery_window.map(|w| ms(w.to)),
        paid: paid.0,
        payment_status: payment_status(domain::PaymentStatus::of(paid, totals.total)),
        payments,
        call_attempts: u32::try_from(o.calls.len()).unwrap_or(u32::MAX),
        calls: o
            .calls
            .iter()
            .map(|c| proto::CallView {
                id: c.id.to_string(),
                started_at: ms(c.started_at),
                ended_at: ms(c.ended_at),
                duration_ms: i64::try_from(c.duration().as_millis()).unwrap_or(i64::MAX),
                outcome: outcome(c.outcome),
                note: c.note.clone(),
            })
            .collect(),
        draft: o.draft,
        version: o.version,
        published_version: o.published_version,
        confirmed_version: o.confirmed_version,
        original_total: o.original_total.0,
        allowed_stages,
        buyer: crate::buyer::view(&o.buyer),
        // Filled by the desk from the customer's other orders.
        companies: Vec::new(),
        places: o.places,
    })
}
