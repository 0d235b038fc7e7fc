//! Corrections, voids and refunds of payments (issue 15, point 4): each adds an entry with its
//! reason, `paid` moves by exactly its amount, and nothing already recorded changes.

use jiff::Timestamp;
use uuid::Uuid;

use super::{created, id, now};
use crate::{Kopecks, Op, OpError, Order, Payment, PaymentMethod, PaymentStatus, Role, Shop};

fn pay(order: &Order, n: u128, kopecks: i64) -> Order {
    Op::RecordPayment {
        order_id: id(),
        payment: Payment {
            id: Uuid::from_u128(n),
            amount: Kopecks(kopecks),
            method: PaymentMethod::CashOnDelivery,
            at: now(),
            note: None,
            corrects: None,
        },
    }
    .apply(
        &Shop::default_template(),
        Role::Dispatcher,
        Some(order),
        now(),
    )
    .expect("a payment")
}

fn void(payment: u128, entry: u128, reason: &str) -> Op {
    Op::VoidPayment {
        order_id: id(),
        payment_id: Uuid::from_u128(payment),
        entry_id: Uuid::from_u128(entry),
        at: later(),
        reason: reason.into(),
    }
}

fn refund(entry: u128, kopecks: i64) -> Op {
    Op::RefundPayment {
        order_id: id(),
        entry_id: Uuid::from_u128(entry),
        amount: Kopecks(kopecks),
        method: PaymentMethod::BankTransfer,
        at: later(),
        reason: "Клиент вернул товар".into(),
    }
}

fn correct(payment: u128, entry: u128, kopecks: i64) -> Op {
    Op::CorrectPayment {
        order_id: id(),
        payment_id: Uuid::from_u128(payment),
        entry_id: Uuid::from_u128(entry),
        amount: Kopecks(kopecks),
        at: later(),
        reason: "Опечатка в сумме".into(),
    }
}

fn later() -> Timestamp {
    "2025-03-01T12:00:00Z".parse().expect("valid instant")
}

fn apply(op: &Op, order: &Order) -> Result<Order, OpError> {
    op.apply(&Shop::default_template(), Role::Manager, Some(order), now())
}

/// The order of the other tests: 2 000 ₽ of goods and 350 ₽ of delivery.
fn order() -> Order {
    let o = created(&Shop::default_template());
    assert_eq!(o.totals().map(|t| t.total), Ok(Kopecks(235_000)));
    o
}

#[test]
fn an_accidental_second_payment_is_voided_and_paid_drops_by_exactly_it() {
    let o = pay(&pay(&order(), 1, 235_000), 2, 235_000);
    assert_eq!(o.payment_status(), Ok(PaymentStatus::Overpaid));
    let fixed = apply(&void(2, 3, "  Провели дважды "), &o).expect("void");
    assert_eq!(fixed.paid(), Ok(Kopecks(235_000)));
    assert_eq!(fixed.payment_status(), Ok(PaymentStatus::Paid));
    // The mistake stays in the record; the void is an entry of its own, with the reason.
    assert_eq!(fixed.payments.len(), 3);
    assert_eq!(fixed.payments[..2], o.payments[..]);
    let entry = &fixed.payments[2];
    assert_eq!(entry.amount, Kopecks(-235_000));
    assert_eq!(entry.corrects, Some(Uuid::from_u128(2)));
    assert_eq!(entry.note.as_deref(), Some("Провели дважды"));
    assert_eq!(entry.at, later());
    assert_eq!(
        Payment::effective(&fixed.payments, Uuid::from_u128(2)),
        Ok(Some(Kopecks::ZERO))
    );
    // The history's snapshot after the op says what is paid now.
    let after = void(2, 3, "x").snapshot(Some(&fixed)).expect("in range");
    assert_eq!(
        after,
        Some(crate::Snapshot::Payments {
            paid: Kopecks(235_000),
            total: Kopecks(235_000),
            status: PaymentStatus::Paid,
        })
    );
    assert_eq!(
        apply(&void(2, 4, "ещё раз"), &fixed),
        Err(OpError::PaymentVoided(Uuid::from_u128(2))),
        "a voided payment counts nothing and is not voided again"
    );
}

#[test]
fn a_void_of_an_unknown_payment_is_refused() {
    let o = pay(&order(), 1, 100_000);
    assert_eq!(
        apply(&void(9, 3, "ошибка"), &o),
        Err(OpError::UnknownPayment(Uuid::from_u128(9)))
    );
    // A correcting entry is not a payment of its own: its original is voided instead.
    let corrected = apply(&correct(1, 2, 90_000), &o).expect("correction");
    assert_eq!(
        apply(&void(2, 3, "ошибка"), &corrected),
        Err(OpError::UnknownPayment(Uuid::from_u128(2)))
    );
    let voided = apply(&void(1, 3, "ошибка"), &corrected).expect("void of the original");
    assert_eq!(voided.paid(), Ok(Kopecks::ZERO));
    assert_eq!(voided.payments[2].amount, Kopecks(-90_000));
}

#[test]
fn every_correction_needs_a_reason_and_a_fresh_entry_id() {
    let o = pay(&order(), 1, 100_000);
    assert_eq!(apply(&void(1, 2, " \n "), &o), Err(OpError::NoReason));
    let mut blank = refund(2, 100);
    if let Op::RefundPayment { reason, .. } = &mut blank {
        reason.clear();
    }
    assert_eq!(apply(&blank, &o), Err(OpError::NoReason));
    assert_eq!(
        apply(&void(1, 1, "ошибка"), &o),
        Err(OpError::DuplicateId(Uuid::from_u128(1)))
    );
}

#[test]
fn a_refund_records_money_returned_up_to_what_was_paid() {
    let o = pay(&order(), 1, 235_000);
    let part = apply(&refund(2, 35_000), &o).expect("part refund");
    assert_eq!(part.paid(), Ok(Kopecks(200_000)));
    let entry = &part.payments[1];
    assert_eq!(entry.amount, Kopecks(-35_000));
    assert_eq!(entry.method, PaymentMethod::BankTransfer);
    assert_eq!(entry.corrects, None);
    assert_eq!(entry.note.as_deref(), Some("Клиент вернул товар"));
    // The allowed maximum is what is paid now: one kopeck more is refused, exactly it is not.
    assert_eq!(
        apply(&refund(3, 200_001), &part),
        Err(OpError::RefundOverPaid {
            paid: Kopecks(200_000)
        })
    );
    let all = apply(&refund(3, 200_000), &part).expect("the rest");
    assert_eq!(all.paid(), Ok(Kopecks::ZERO));
    assert_eq!(all.payment_status(), Ok(PaymentStatus::Unpaid));
    assert_eq!(apply(&refund(4, 0), &all), Err(OpError::NonPositivePayment));
    assert_eq!(
        apply(&refund(4, 1), &all),
        Err(OpError::RefundOverPaid {
            paid: Kopecks::ZERO
        })
    );
}

#[test]
fn a_correction_makes_the_payment_count_the_amount_given() {
    // 2 530 ₽ typed for 2 350 ₽.
    let o = pay(&order(), 1, 253_000);
    let fixed = apply(&correct(1, 2, 235_000), &o).expect("correction");
    assert_eq!(fixed.paid(), Ok(Kopecks(235_000)));
    assert_eq!(fixed.payments[1].amount, Kopecks(-18_000));
    assert_eq!(fixed.payments[1].method, PaymentMethod::CashOnDelivery);
    assert_eq!(
        apply(&correct(1, 3, 235_000), &fixed),
        Err(OpError::Unchanged),
        "the same amount again adds nothing"
    );
    assert_eq!(
        apply(&correct(1, 3, 0), &fixed),
        Err(OpError::NonPositivePayment),
        "to zero is a void"
    );
    // A second correction goes from what the payment counts now.
    let again = apply(&correct(1, 3, 240_000), &fixed).expect("second correction");
    assert_eq!(again.paid(), Ok(Kopecks(240_000)));
    assert_eq!(again.payments[2].amount, Kopecks(5_000));
    // A refund corrected stays money out.
    let refunded = apply(&refund(4, 40_000), &again).expect("refund");
    let smaller = Op::CorrectPayment {
        order_id: id(),
        payment_id: Uuid::from_u128(4),
        entry_id: Uuid::from_u128(5),
        amount: Kopecks(30_000),
        at: later(),
        reason: "Вернули меньше".into(),
    };
    let smaller = apply(&smaller, &refunded).expect("refund corrected");
    assert_eq!(smaller.paid(), Ok(Kopecks(210_000)));
    assert_eq!(
        apply(
            &correct(1, 6, 1),
            &apply(&void(1, 6, "x"), &o).expect("void")
        ),
        Err(OpError::PaymentVoided(Uuid::from_u128(1))),
        "a voided payment is not corrected back to life"
    );
}

#[test]
fn amounts_at_their_maximum_are_voided_exactly_and_an_overflow_is_refused() {
    let most = pay(&order(), 1, i64::MAX);
    let voided = apply(&void(1, 2, "не тот заказ"), &most).expect("void of the largest");
    assert_eq!(voided.paid(), Ok(Kopecks::ZERO));
    assert_eq!(voided.payments[1].amount, Kopecks(-i64::MAX));
    let refunded = apply(&refund(3, i64::MAX), &most).expect("refund of all of it");
    assert_eq!(refunded.paid(), Ok(Kopecks::ZERO));
    // With another payment in, correcting one to the largest amount would overflow the sum:
    // refused, and nothing of it recorded.
    let two = pay(&pay(&order(), 1, 100), 2, 100);
    assert!(matches!(
        apply(&correct(1, 3, i64::MAX), &two),
        Err(OpError::Money(_))
    ));
    let top = apply(&correct(1, 3, i64::MAX - 100), &two).expect("up to the limit");
    assert_eq!(top.paid(), Ok(Kopecks(i64::MAX)));
}

#[test]
fn a_dispatcher_corrects_payments_and_a_picker_does_not() {
    let shop = Shop::default_template();
    let o = pay(&order(), 1, 100_000);
    for op in [void(1, 2, "ошибка"), refund(2, 100), correct(1, 2, 50_000)] {
        assert!(op.corrects_payments());
        assert!(!op.saves_version(), "money in or out is not a new version");
        assert!(op.apply(&shop, Role::Dispatcher, Some(&o), now()).is_ok());
        assert!(matches!(
            op.apply(&shop, Role::Picker, Some(&o), now()),
            Err(OpError::ActionForbidden { .. })
        ));
    }
}

#[test]
fn the_new_ops_travel_as_json_and_old_payments_read_without_the_new_field() {
    for (op, kind) in [
        (void(1, 2, "ошибка"), "void_payment"),
        (refund(2, 100), "refund_payment"),
        (correct(1, 2, 50_000), "correct_payment"),
    ] {
        assert_eq!(op.kind(), kind);
        assert_eq!(op.order_id(), id());
        let json = serde_json::to_string(&op).expect("json");
        assert!(json.contains(&format!(r#""kind":"{kind}""#)), "{json}");
        assert_eq!(serde_json::from_str::<Op>(&json).ok(), Some(op));
    }
    let old = r#"{"id":"00000000-0000-0000-0000-000000000001","amount":100,
        "method":"cash_on_delivery","at":"2025-03-01T10:00:00Z","note":null}"#;
    let p: Payment = serde_json::from_str(old).expect("a payment stored before corrections");
    assert_eq!(p.corrects, None);
    let json = serde_json::to_string(&p).expect("json");
    assert!(
        !json.contains("corrects"),
        "an ordinary payment is sent as before"
    );
}
