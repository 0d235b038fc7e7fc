//! What the simulated users do, from the seed.

use domain::{
    Call, CallOutcome, Channel, Customer, DeliveryMethod, Discount, Kopecks, Line, LineEdit, Op,
    Order, Payment, PaymentMethod, Quantity, StagePosition, VatRate,
};
use uuid::Uuid;

use crate::common::{now, Desk};

pub fn id(rng: &mut fastrand::Rng) -> Uuid {
    // Ids from the seed (not the clock) keep a replay identical.
    Uuid::from_u128(rng.u128(..))
}

pub fn new_order(rng: &mut fastrand::Rng) -> Op {
    let (delivery, zone, pay) = match rng.u8(0..3) {
        0 => (
            DeliveryMethod::Courier,
            Some("moscow"),
            PaymentMethod::CashOnDelivery,
        ),
        1 => (DeliveryMethod::Pickup, None, PaymentMethod::CashOnDelivery),
        _ => (
            DeliveryMethod::Courier,
            Some("moscow"),
            PaymentMethod::Online,
        ),
    };
    Op::CreateOrder {
        order: Box::new(Order {
            id: id(rng),
            number: 0,
            channel: Channel::Phone,
            customer: Customer {
                id: id(rng),
                name: "Покупатель".into(),
                phone: format!("7916{:07}", rng.u32(0..10_000_000)),
                email: None,
            },
            address: "Москва".into(),
            delivery,
            delivery_zone: zone.map(str::to_owned),
            delivery_window: None,
            delivery_vat: VatRate::Vat22,
            payment: pay,
            stage: StagePosition {
                stage_id: String::new(),
                entered_at: now(),
                deadline: None,
            },
            lines: vec![Line {
                id: id(rng),
                product_id: None,
                sku: "KETTLE".into(),
                name: "Чайник".into(),
                unit: "шт".into(),
                quantity: Quantity::units(rng.i64(1..4)),
                price: Kopecks::rubles(rng.i64(100..5_000)),
                vat: VatRate::Vat22,
                discount: Discount::None,
            }],
            discount: Discount::None,
            delivery_cost: Kopecks::ZERO,
            comment: None,
            created_at: now(),
            draft: true,
            version: 1,
            published_version: None,
            confirmed_version: None,
            original_total: Kopecks::ZERO,
            delivery_fixed: false,
            buyer: domain::Buyer::Person,
            places: None,
            payments: vec![],
            calls: vec![],
        }),
        channel: None,
    }
}

/// An edit a user at `desk` could make on what the desk shows now.
pub fn edit(desk: &Desk, rng: &mut fastrand::Rng) -> Option<Op> {
    let ids = desk.store().order_ids().expect("ids");
    if ids.is_empty() || rng.u8(0..6) == 0 {
        return Some(new_order(rng));
    }
    let order = desk.order(ids[rng.usize(0..ids.len())]);
    let order_id = order.id;
    let workflow = desk.store().workflow().expect("workflow");
    Some(match rng.u8(0..9) {
        0 => Op::SetOrderDiscount {
            order_id,
            discount: Discount::Percent(rng.i64(0..30) * 100),
        },
        1 => Op::EditLines {
            order_id,
            edits: vec![LineEdit::SetQuantity {
                line_id: order.lines.first()?.id,
                quantity: Quantity::units(rng.i64(1..6)),
            }],
        },
        2 | 3 => Op::RecordPayment {
            order_id,
            payment: Payment {
                id: id(rng),
                amount: Kopecks::rubles(rng.i64(1..500)),
                method: order.payment,
                at: now(),
                note: None,
                corrects: None,
            },
        },
        4 | 5 => Op::AdvanceStage {
            order_id,
            from_stage: order.stage.stage_id.clone(),
            to_stage: workflow.advance_target(&order.state()).ok()?.id.clone(),
        },
        6 => Op::LogCall {
            order_id,
            call: Call {
                id: id(rng),
                started_at: now(),
                ended_at: now(),
                outcome: CallOutcome::Reached,
                note: None,
            },
        },
        7 => Op::SetComment {
            order_id,
            comment: Some(format!("заметка {}", rng.u16(..))),
        },
        _ => Op::Cancel {
            order_id,
            from_stage: order.stage.stage_id.clone(),
            reason: None,
        },
    })
}
