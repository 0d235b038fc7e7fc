//! «Доставка и оплата» at the desk (issue 14, point 4): the administrator sets the methods a
//! phone order may be taken with and the tariffs by zone; the next phone order is priced by
//! them, they are kept across a restart, a manager may not change them, and every mistake is
//! said with the row it is in, in either language, with nothing saved.

mod common;

use common::{now, open};

use desk::Desk;
use proto::display::Lang;
use proto::{
    DeliveryChange, DeliveryMethod, DeliveryPaymentProblem, DeliveryPaymentView, ErrorCode,
    ErrorReason, InputProblem, NewLine, NewOrder, PaymentMethod, Role, TariffView, User,
};

fn tariff(method: DeliveryMethod, zone: &str, rubles: i64, free: Option<i64>) -> TariffView {
    TariffView {
        method,
        zone: zone.into(),
        cost: rubles * 100,
        free_from: free.map(|r| r * 100),
    }
}

fn setting() -> DeliveryPaymentView {
    DeliveryPaymentView {
        delivery: vec![DeliveryMethod::Pickup, DeliveryMethod::Courier],
        payment: vec![PaymentMethod::BankTransfer, PaymentMethod::CashOnDelivery],
        tariffs: vec![
            tariff(DeliveryMethod::Courier, "", 490, None),
            tariff(DeliveryMethod::Courier, " Химки ", 790, None),
            tariff(DeliveryMethod::Pickup, "ПВЗ на Ленина", 0, None),
            tariff(DeliveryMethod::Pickup, "", 0, None),
        ],
    }
}

/// A phone order for the first product, by `method` to `zone`.
fn new_order(desk: &Desk, method: DeliveryMethod, zone: Option<&str>) -> NewOrder {
    let product = desk.products().expect("products").remove(0).id;
    NewOrder {
        customer: "Фёдоров Пётр Ильич".into(),
        phone: "8 (903) 555-12-34".into(),
        email: None,
        delivery: DeliveryChange {
            method,
            zone: zone.map(Into::into),
            address: "г. Химки, ул. Ленина, д. 5".into(),
            window_from: None,
            window_to: None,
        },
        payment: PaymentMethod::CashOnDelivery,
        lines: vec![NewLine {
            product_id: product,
            quantity: 1000,
        }],
        comment: None,
    }
}

fn phone_order(desk: &Desk, zone: &str) -> proto::OrderDetail {
    desk.create_order(new_order(desk, DeliveryMethod::Courier, Some(zone)), now())
        .expect("phone order")
}

#[test]
fn the_admins_tariffs_price_the_next_phone_order_and_are_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = open(dir.path());
    let saved = desk
        .set_delivery_payment(setting(), now())
        .expect("the admin saves");
    // Kept as the desk orders methods, the zone trimmed.
    assert_eq!(
        saved.delivery,
        [DeliveryMethod::Courier, DeliveryMethod::Pickup]
    );
    assert_eq!(
        saved.payment,
        [PaymentMethod::CashOnDelivery, PaymentMethod::BankTransfer]
    );
    assert_eq!(saved.zones(DeliveryMethod::Courier), ["Химки"]);
    let order = phone_order(&desk, "Химки");
    assert_eq!(order.delivery_cost, 79_000, "the zone's tariff");
    let elsewhere = phone_order(&desk, "Тверь");
    assert_eq!(
        elsewhere.delivery_cost, 49_000,
        "the method's tariff without a zone"
    );
    // Post is no longer offered: a phone order by post is refused, said in either language.
    let by_post = new_order(&desk, DeliveryMethod::Post, None);
    let err =
        proto::CommandError::from(desk.create_order(by_post, now()).expect_err("not offered"));
    let reason = *err.reason.expect("a typed reason");
    assert_eq!(
        reason,
        ErrorReason::Refused {
            refusal: proto::OpRefusal::DeliveryNotOffered {
                method: DeliveryMethod::Post
            }
        }
    );
    assert!(
        err.message.contains("не предлагает доставку «почта»"),
        "{}",
        err.message
    );
    assert!(reason.wording(Lang::En).contains("«post»"));
    drop(desk);
    let desk = open(dir.path());
    assert_eq!(desk.delivery_payment().expect("read"), saved);
}

#[test]
fn a_manager_may_not_change_delivery_and_payment() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = open(dir.path());
    let before = desk.delivery_payment().expect("read");
    desk.set_user(User {
        id: "u-manager".into(),
        name: "Петрова".into(),
        role: Role::Manager,
    });
    let err = desk
        .set_delivery_payment(setting(), now())
        .expect_err("not the admin");
    assert_eq!(err.code(), ErrorCode::Forbidden);
    assert_eq!(desk.delivery_payment().expect("read"), before);
}

#[test]
fn every_mistake_is_said_with_its_row_and_nothing_is_saved() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = open(dir.path());
    let before = desk.delivery_payment().expect("read");
    let mut twice = setting();
    twice
        .tariffs
        .push(tariff(DeliveryMethod::Courier, "химки", 800, None));
    let mut no_base = setting();
    no_base.tariffs.remove(0);
    let mut negative = setting();
    negative.tariffs[2].cost = -1;
    let mut nothing = setting();
    nothing.payment.clear();
    let cases = [
        (
            twice,
            DeliveryPaymentProblem::Duplicate {
                row: 4,
                zone: "химки".into(),
            },
            "Строка 5",
        ),
        (
            no_base,
            DeliveryPaymentProblem::NoBaseTariff {
                method: DeliveryMethod::Courier,
            },
            "«Курьер» нет тарифа без зоны",
        ),
        (
            negative,
            DeliveryPaymentProblem::Negative { row: 2 },
            "Строка 3",
        ),
        (nothing, DeliveryPaymentProblem::NoPayment, "способ оплаты"),
    ];
    for (wrong, want, said) in cases {
        let err = proto::CommandError::from(
            desk.set_delivery_payment(wrong, now())
                .expect_err("refused"),
        );
        assert_eq!(err.code, ErrorCode::InvalidInput);
        let reason = *err.reason.expect("a typed reason");
        assert_eq!(
            reason,
            ErrorReason::Input {
                problem: InputProblem::DeliveryPayment { problem: want }
            }
        );
        assert!(err.message.contains(said), "{}", err.message);
        assert_eq!(reason.wording(Lang::Ru), err.message);
        let en = reason.wording(Lang::En);
        assert!(!en.contains("Строка"), "{en}");
    }
    assert_eq!(
        desk.delivery_payment().expect("read"),
        before,
        "nothing saved"
    );
}
