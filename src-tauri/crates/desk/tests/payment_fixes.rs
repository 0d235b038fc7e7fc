//! Issue 15, point 4 through the desk: a line's discount and price, the order discount applied
//! once, and a payment corrected, voided and refunded — each an op written with its effect,
//! in the history with who did it and why.

use desk::{Desk, DeskError};
use jiff::{SignedDuration, Timestamp};
use proto::{
    CommandError, DeliveryChange, DeliveryMethod, Discount, LineEdit, NewLine, NewOrder,
    NewPayment, OrderDetail, PaymentEntryKind, PaymentFix, PaymentMethod, PaymentStatus, Refusal,
    Role, User,
};

fn now() -> Timestamp {
    "2025-03-03T12:00:00Z".parse().expect("valid instant")
}

fn later(minutes: i64) -> Timestamp {
    now()
        .checked_add(SignedDuration::from_mins(minutes))
        .expect("in range")
}

fn order(desk: &Desk) -> OrderDetail {
    let products = desk.products().expect("products");
    desk.create_order(
        NewOrder {
            customer: "Фёдоров Пётр Ильич".into(),
            phone: "8 (903) 555-12-34".into(),
            email: None,
            delivery: DeliveryChange {
                method: DeliveryMethod::Pickup,
                zone: None,
                address: String::new(),
                window_from: None,
                window_to: None,
            },
            payment: PaymentMethod::CashOnDelivery,
            lines: vec![
                NewLine {
                    product_id: products[0].id.clone(),
                    quantity: 2000,
                },
                NewLine {
                    product_id: products[1].id.clone(),
                    quantity: 1000,
                },
            ],
            comment: None,
        },
        now(),
    )
    .expect("order")
}

fn manager(desk: &Desk) {
    desk.set_user(User {
        id: "u-anna".into(),
        name: "Анна Смирнова".into(),
        role: Role::Manager,
    });
}

fn error(e: DeskError) -> CommandError {
    CommandError::from(e)
}

/// The file's own record of the order: `paid` as the queue reads it, and how many ops.
fn stored(dir: &tempfile::TempDir, order_id: &str) -> (i64, i64) {
    let db = rusqlite::Connection::open(dir.path().join("orderdesk.sqlite3")).expect("db");
    let paid = db
        .query_row("SELECT paid FROM orders WHERE id = ?1", [order_id], |r| {
            r.get(0)
        })
        .expect("order row");
    let ops = db
        .query_row(
            "SELECT count(*) FROM ops WHERE order_id = ?1",
            [order_id],
            |r| r.get(0),
        )
        .expect("ops");
    (paid, ops)
}

#[test]
fn five_percent_on_one_line_and_a_price_override_save_one_version() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = Desk::open_demo(dir.path(), now()).expect("open");
    manager(&desk);
    let o = order(&desk);
    let (first, second) = (&o.lines[0], &o.lines[1]);
    let edited = desk
        .edit_lines(
            &o.id,
            vec![
                LineEdit::SetDiscount {
                    line_id: first.id.clone(),
                    discount: Discount::Percent(500),
                },
                LineEdit::SetPrice {
                    line_id: second.id.clone(),
                    price: second.price - 10_050,
                },
            ],
            later(1),
        )
        .expect("edit");
    assert_eq!(edited.version, o.version + 1, "one save, one version");
    let line = &edited.lines[0];
    assert_eq!(line.discount, Discount::Percent(500));
    // 5 % of the line's amount, rounded half away from zero to the kopeck.
    assert_eq!(line.line_discount, (line.amount * 5 + 50) / 100);
    assert_eq!(edited.lines[1].price, second.price - 10_050);
    assert_eq!(
        edited.original_total, o.total,
        "the total as first taken stays"
    );
    assert!(edited.total < o.total);

    // Saving the values the lines already have is refused: no version that changes nothing.
    let same = desk
        .edit_lines(
            &o.id,
            vec![LineEdit::SetDiscount {
                line_id: first.id.clone(),
                discount: Discount::Percent(500),
            }],
            later(2),
        )
        .expect_err("no change");
    assert_eq!(error(same).refusal, Some(Refusal::Unchanged));
    assert_eq!(desk.order(&o.id).expect("order").version, edited.version);
}

#[test]
fn the_same_order_discount_applied_again_makes_no_version() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = Desk::open_demo(dir.path(), now()).expect("open");
    let o = order(&desk);
    let applied = desk
        .set_order_discount(&o.id, Discount::Percent(500), later(1))
        .expect("discount");
    assert_eq!(applied.order_discount_input, Discount::Percent(500));
    assert!(applied.order_discount > 0);
    assert_eq!(applied.version, o.version + 1);
    let (_, ops) = stored(&dir, &o.id);
    let again = desk
        .set_order_discount(&o.id, Discount::Percent(500), later(2))
        .expect_err("the same again");
    let again = error(again);
    assert_eq!(again.refusal, Some(Refusal::Unchanged));
    assert!(
        again.message.contains("Ничего не изменилось"),
        "{}",
        again.message
    );
    assert_eq!(desk.order(&o.id).expect("order").version, applied.version);
    assert_eq!(stored(&dir, &o.id).1, ops, "nothing recorded");
}

#[test]
fn an_overpayment_voided_and_a_refund_are_ops_with_their_effect_actor_and_reason() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = Desk::open_demo(dir.path(), now()).expect("open");
    manager(&desk);
    let o = order(&desk);
    let pay = |minutes| {
        desk.record_payment(
            &o.id,
            NewPayment {
                amount: o.total,
                method: PaymentMethod::CashOnDelivery,
                note: None,
            },
            later(minutes),
        )
        .expect("payment")
    };
    pay(1);
    let twice = pay(2);
    assert_eq!(twice.payment_status, PaymentStatus::Overpaid);
    let mistake = twice.payments[1].id.clone();

    let voided = desk
        .fix_payment(
            &o.id,
            PaymentFix::Void {
                payment_id: mistake.clone(),
                reason: "Провели оплату дважды".into(),
            },
            later(3),
        )
        .expect("void");
    assert_eq!(voided.paid, o.total);
    assert_eq!(voided.payment_status, PaymentStatus::Paid);
    let entry = voided.payments.last().expect("the void's entry");
    assert_eq!(entry.kind, PaymentEntryKind::Void);
    assert_eq!(entry.amount, -o.total);
    assert_eq!(entry.corrects.as_deref(), Some(mistake.as_str()));
    assert_eq!(voided.payments[1].counts, 0, "the mistake counts nothing");
    assert_eq!(voided.payments[0].counts, o.total);
    // The op and its effect went in together: the queue's `paid` column moved with it.
    assert_eq!(stored(&dir, &o.id).0, o.total);

    let refunded = desk
        .fix_payment(
            &o.id,
            PaymentFix::Refund {
                amount: 10_000,
                method: PaymentMethod::BankTransfer,
                reason: "Скидка постоянному клиенту после оплаты".into(),
            },
            later(4),
        )
        .expect("refund");
    assert_eq!(refunded.paid, o.total - 10_000);
    assert_eq!(refunded.payment_status, PaymentStatus::Partial);
    assert_eq!(stored(&dir, &o.id).0, o.total - 10_000);

    let history = desk.history(&o.id).expect("history");
    let void = history
        .iter()
        .find(|h| h.kind == "void_payment")
        .expect("the void in the history");
    assert_eq!(void.actor_name, "Анна Смирнова");
    assert_eq!(void.role, Role::Manager);
    assert!(
        void.description.contains("Провели оплату дважды"),
        "{}",
        void.description
    );
    let event = void.payment.as_ref().expect("params for the UI");
    assert_eq!(event.kind, PaymentEntryKind::Void);
    assert_eq!(event.amount, -o.total);
    assert_eq!(event.reason.as_deref(), Some("Провели оплату дважды"));
    let refund = history
        .iter()
        .find(|h| h.kind == "refund_payment")
        .expect("the refund in the history");
    assert_eq!(refund.actor_name, "Анна Смирнова");
    assert_eq!(
        refund.payment.as_ref().map(|e| (e.kind, e.amount)),
        Some((PaymentEntryKind::Refund, -10_000))
    );

    // Refused fixes write nothing: neither an op nor a change of `paid`.
    let before = stored(&dir, &o.id);
    for (fix, refusal) in [
        (
            PaymentFix::Void {
                payment_id: mistake.clone(),
                reason: "ещё раз".into(),
            },
            Refusal::PaymentVoided,
        ),
        (
            PaymentFix::Void {
                payment_id: uuid_like(),
                reason: "нет такой".into(),
            },
            Refusal::PaymentUnknown,
        ),
        (
            PaymentFix::Refund {
                amount: o.total,
                method: PaymentMethod::CashOnDelivery,
                reason: "больше, чем оплачено".into(),
            },
            Refusal::RefundOverPaid {
                paid: o.total - 10_000,
            },
        ),
        (
            PaymentFix::Correct {
                payment_id: refunded.payments[0].id.clone(),
                amount: 1,
                reason: "   ".into(),
            },
            Refusal::ReasonRequired,
        ),
    ] {
        let e = error(desk.fix_payment(&o.id, fix, later(5)).expect_err("refused"));
        assert_eq!(e.refusal, Some(refusal));
    }
    assert_eq!(stored(&dir, &o.id), before);

    // What was written reads back the same after the desk is opened again.
    drop(desk);
    let desk = Desk::open(dir.path(), later(6)).expect("reopen");
    let again = desk.order(&o.id).expect("order");
    assert_eq!(again.payments, refunded.payments);
    assert_eq!(again.paid, refunded.paid);
}

#[test]
fn a_typo_in_a_payment_is_corrected_and_a_picker_may_not() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = Desk::open_demo(dir.path(), now()).expect("open");
    let o = order(&desk);
    let typo = desk
        .record_payment(
            &o.id,
            NewPayment {
                amount: o.total + 9_000,
                method: PaymentMethod::CashOnDelivery,
                note: None,
            },
            later(1),
        )
        .expect("payment");
    let id = typo.payments[0].id.clone();
    desk.set_user(User {
        id: "u-picker".into(),
        name: "Сидоров".into(),
        role: Role::Picker,
    });
    let fix = PaymentFix::Correct {
        payment_id: id.clone(),
        amount: o.total,
        reason: "Опечатка: лишняя цифра".into(),
    };
    let refused = error(
        desk.fix_payment(&o.id, fix.clone(), later(2))
            .expect_err("picker"),
    );
    assert_eq!(refused.code, proto::ErrorCode::Forbidden);
    manager(&desk);
    let fixed = desk.fix_payment(&o.id, fix, later(3)).expect("correction");
    assert_eq!(fixed.paid, o.total);
    assert_eq!(fixed.payment_status, PaymentStatus::Paid);
    let entry = fixed.payments.last().expect("entry");
    assert_eq!(entry.kind, PaymentEntryKind::Correction);
    assert_eq!(entry.amount, -9_000);
    assert_eq!(fixed.payments[0].counts, o.total);
    let history = desk.history(&o.id).expect("history");
    let h = history
        .iter()
        .find(|h| h.kind == "correct_payment")
        .expect("in the history");
    assert_eq!(h.actor_name, "Анна Смирнова");
    assert!(h.description.contains("Опечатка: лишняя цифра"));
}

fn uuid_like() -> String {
    "0190a3c4-0000-7000-8000-000000000001".into()
}
