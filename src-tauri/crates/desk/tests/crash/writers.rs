//! The managers' side of a child: one random operation at a time through the desk.

use desk::Desk;
use proto::{CallOutcome, NewCall, NewPayment, PaymentMethod, QueueQuery};

use crate::now;

/// Every order the desk lists.
pub fn order_ids(desk: &Desk) -> Vec<String> {
    let all = QueueQuery {
        limit: 10_000,
        ..QueueQuery::default()
    };
    desk.orders(all, now())
        .expect("orders")
        .into_iter()
        .map(|r| r.id)
        .collect()
}

pub fn no_answer() -> NewCall {
    NewCall {
        started_at: now().as_millisecond() - 60_000,
        ended_at: now().as_millisecond(),
        outcome: CallOutcome::NoAnswer,
        note: Some("не берёт трубку".into()),
    }
}

/// One operation on `ids` or the catalogue: an edit that saves a version, a discount, a stage
/// move, a payment, a call, or a price change (a shop op). Refusals (a closed order, a stage
/// moved by the other thread) are part of the mix. Prints `op done` for each one the desk
/// reported done: the parent counts them against the file.
pub fn one_op(
    desk: &Desk,
    ids: &[String],
    products: &[proto::CatalogProduct],
    rng: &mut fastrand::Rng,
) {
    let pick = if ids.is_empty() { 5 } else { rng.u8(..6) };
    let done = match pick {
        5 => {
            let p = products[rng.usize(..products.len())].clone();
            let input = proto::ProductInput {
                price: rng.i64(100..1_000_000),
                ..p.into()
            };
            desk.save_product(input, now()).map(drop)
        }
        n => {
            let id = &ids[rng.usize(..ids.len())];
            match n {
                0 => desk.order(id).and_then(|o| {
                    let edit = proto::LineEdit::SetQuantity {
                        line_id: o.lines[0].id.clone(),
                        quantity: rng.i64(1..20) * 1000,
                    };
                    desk.edit_lines(id, vec![edit], now()).map(drop)
                }),
                1 => desk
                    .set_order_discount(id, proto::Discount::Percent(rng.i64(0..3000)), now())
                    .map(drop),
                2 => desk.advance(id, now()).map(drop),
                3 => desk
                    .record_payment(
                        id,
                        NewPayment {
                            amount: rng.i64(1..50_000),
                            method: PaymentMethod::CashOnDelivery,
                            note: None,
                        },
                        now(),
                    )
                    .map(drop),
                _ => desk.log_call(id, no_answer(), now()).map(drop),
            }
        }
    };
    if done.is_ok() {
        println!("op done");
    }
}
