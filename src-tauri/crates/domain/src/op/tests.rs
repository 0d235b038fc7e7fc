use jiff::Timestamp;
use uuid::Uuid;

use super::*;
use crate::methods::{Channel, VatRate};
use crate::order::{CallOutcome, Customer, PaymentStatus};
use crate::shop::Shop;

fn at(text: &str) -> Timestamp {
    text.parse().expect("valid instant")
}

fn now() -> Timestamp {
    at("2025-03-01T10:00:00Z")
}

fn line(n: u128, quantity: i64, rubles: i64) -> Line {
    Line {
        id: Uuid::from_u128(n),
        product_id: None,
        sku: format!("SKU-{n}"),
        name: format!("Товар {n}"),
        unit: "шт".into(),
        quantity: Quantity::units(quantity),
        price: Kopecks::rubles(rubles),
        vat: VatRate::Vat22,
        discount: Discount::None,
    }
}

fn draft() -> Order {
    Order {
        id: Uuid::from_u128(7),
        number: 1,
        channel: Channel::Phone,
        customer: Customer {
            id: Uuid::from_u128(8),
            name: "Иванов Иван".into(),
            phone: "79161234567".into(),
            email: None,
        },
        address: "г. Москва, ул. Тверская, д. 1".into(),
        delivery: DeliveryMethod::Courier,
        delivery_zone: Some("moscow".into()),
        delivery_window: None,
        delivery_vat: VatRate::Vat22,
        payment: PaymentMethod::CashOnDelivery,
        stage: StagePosition {
            stage_id: String::new(),
            entered_at: now(),
            deadline: None,
        },
        lines: vec![line(1, 1, 2_000)],
        discount: Discount::None,
        delivery_cost: Kopecks::ZERO,
        comment: None,
        created_at: now(),
        draft: false,
        version: 0,
        published_version: None,
        confirmed_version: None,
        original_total: Kopecks::ZERO,
        delivery_fixed: false,
        buyer: crate::Buyer::Person,
        places: None,
        payments: vec![],
        calls: vec![],
    }
}

fn created(shop: &Shop) -> Order {
    Op::CreateOrder {
        order: Box::new(draft()),
        channel: None,
    }
    .apply(shop, Role::Manager, None, now())
    .expect("a valid phone order")
}

fn id() -> Uuid {
    Uuid::from_u128(7)
}

#[test]
fn create_enters_the_first_stage_as_draft_version_one_priced_by_tariff() {
    let shop = Shop::default_template();
    let o = created(&shop);
    assert_eq!(o.stage.stage_id, "new");
    assert_eq!(o.stage.deadline, Some(at("2025-03-01T10:30:00Z")));
    assert!(o.draft);
    assert_eq!(o.version, 1);
    assert_eq!(o.delivery_cost, Kopecks::rubles(350));
    assert_eq!(o.original_total, Kopecks::rubles(2_350));
}

#[test]
fn a_channel_deadline_wins_only_where_it_is_stricter() {
    let shop = Shop::default_template();
    let with = |deadline: &str| {
        let mut order = draft();
        order.stage.deadline = Some(at(deadline));
        Op::CreateOrder {
            order: Box::new(order),
            channel: None,
        }
        .apply(&shop, Role::Manager, None, now())
        .expect("a valid order")
        .stage
        .deadline
    };
    // A marketplace cutoff in 20 minutes beats the first stage's 30.
    assert_eq!(
        with("2025-03-01T10:20:00Z"),
        Some(at("2025-03-01T10:20:00Z"))
    );
    assert_eq!(
        with("2025-03-02T10:00:00Z"),
        Some(at("2025-03-01T10:30:00Z"))
    );
}

#[test]
fn advance_checks_the_stage_seen_the_route_and_the_role() {
    let shop = Shop::default_template();
    let o = created(&shop);
    let advance = |from: &str, to: &str| Op::AdvanceStage {
        order_id: id(),
        from_stage: from.into(),
        to_stage: to.into(),
    };
    let moved = advance("new", "call")
        .apply(&shop, Role::Manager, Some(&o), now())
        .expect("manager moves");
    assert_eq!(moved.stage.stage_id, "call");
    let err = advance("call", "picking")
        .apply(&shop, Role::Manager, Some(&o), now())
        .expect_err("stale");
    assert!(matches!(err, OpError::StaleStage { .. }));
    let err = advance("new", "done")
        .apply(&shop, Role::Manager, Some(&o), now())
        .expect_err("skips");
    assert!(matches!(err, OpError::NotNextOnRoute { .. }));
    let err = advance("new", "call")
        .apply(&shop, Role::Picker, Some(&o), now())
        .expect_err("picker cannot take calls");
    assert!(matches!(err, OpError::RoleForbidden { .. }), "{err:?}");
}

#[test]
fn move_to_a_stage_off_the_route_is_refused() {
    let shop = Shop::default_template();
    let o = created(&shop);
    let to = |stage: &str| Op::MoveToStage {
        order_id: id(),
        from_stage: "new".into(),
        to_stage: stage.into(),
    };
    let err = to("post_delivery")
        .apply(&shop, Role::Admin, Some(&o), now())
        .expect_err("courier order");
    assert_eq!(
        err,
        OpError::OffRoute {
            stage: "post_delivery".into()
        }
    );
    let moved = to("picking")
        .apply(&shop, Role::Manager, Some(&o), now())
        .expect("on route");
    assert_eq!(moved.stage.stage_id, "picking");
    let cancelled = Op::Cancel {
        order_id: id(),
        from_stage: "picking".into(),
        reason: Some("Передумал".into()),
    }
    .apply(&shop, Role::Manager, Some(&moved), now())
    .expect("manager cancels");
    assert_eq!(cancelled.stage.stage_id, "cancelled");
    let err = Op::EditLines {
        order_id: id(),
        edits: vec![LineEdit::Remove {
            line_id: Uuid::from_u128(1),
        }],
    }
    .apply(&shop, Role::Manager, Some(&cancelled), now())
    .expect_err("closed");
    assert!(matches!(err, OpError::OrderClosed { .. }));
}

#[test]
fn editing_lines_saves_a_version_and_reprices_delivery() {
    let shop = Shop::default_template();
    let o = created(&shop);
    let edited = Op::EditLines {
        order_id: id(),
        edits: vec![
            LineEdit::Add {
                line: line(2, 2, 1_500),
            },
            LineEdit::SetDiscount {
                line_id: Uuid::from_u128(1),
                discount: Discount::Percent(1_000),
            },
        ],
    }
    .apply(&shop, Role::Manager, Some(&o), now())
    .expect("valid edit");
    assert_eq!(edited.version, 2);
    // 1 800 + 3 000 = 4 800 ₽: still below the 5 000 ₽ free-delivery threshold.
    assert_eq!(edited.delivery_cost, Kopecks::rubles(350));
    let more = Op::EditLines {
        order_id: id(),
        edits: vec![LineEdit::SetQuantity {
            line_id: Uuid::from_u128(2),
            quantity: Quantity::units(3),
        }],
    }
    .apply(&shop, Role::Manager, Some(&edited), now())
    .expect("valid edit");
    assert_eq!(more.delivery_cost, Kopecks::ZERO);
    assert_eq!(
        more.totals().expect("in range").total,
        Kopecks::rubles(6_300)
    );
    assert_eq!(more.original_total, Kopecks::rubles(2_350));
    let err = Op::EditLines {
        order_id: id(),
        edits: vec![LineEdit::SetQuantity {
            line_id: Uuid::from_u128(2),
            quantity: Quantity(0),
        }],
    }
    .apply(&shop, Role::Manager, Some(&more), now())
    .expect_err("zero quantity");
    assert_eq!(err, OpError::InvalidQuantity);
    let err = Op::EditLines {
        order_id: id(),
        edits: vec![],
    }
    .apply(&shop, Role::Picker, Some(&more), now())
    .expect_err("pickers do not edit");
    assert!(matches!(err, OpError::ActionForbidden { .. }));
}

#[test]
fn changing_delivery_recalculates_the_cost() {
    let shop = Shop::default_template();
    let o = created(&shop);
    let change = |method, zone: Option<&str>| Op::ChangeDelivery {
        order_id: id(),
        change: DeliveryChange {
            method,
            zone: zone.map(str::to_owned),
            address: "Тверь".into(),
            window: None,
        },
    };
    let post = change(DeliveryMethod::Post, None)
        .apply(&shop, Role::Manager, Some(&o), now())
        .expect("post");
    assert_eq!(post.delivery_cost, Kopecks::rubles(450));
    assert_eq!(post.version, 2);
    let pickup = change(DeliveryMethod::Pickup, None)
        .apply(&shop, Role::Dispatcher, Some(&post), now())
        .expect("pickup");
    assert_eq!(
        pickup.totals().expect("in range").total,
        Kopecks::rubles(2_000)
    );
}

#[test]
fn payments_add_up_to_paid() {
    let shop = Shop::default_template();
    let o = created(&shop);
    let pay = |n: u128, rubles| Op::RecordPayment {
        order_id: id(),
        payment: Payment {
            id: Uuid::from_u128(n),
            amount: Kopecks::rubles(rubles),
            method: PaymentMethod::CashOnDelivery,
            at: now(),
            note: None,
            corrects: None,
        },
    };
    let part = pay(1, 1_000)
        .apply(&shop, Role::Dispatcher, Some(&o), now())
        .expect("partial");
    assert_eq!(part.payment_status(), Ok(PaymentStatus::Partial));
    let full = pay(2, 1_350)
        .apply(&shop, Role::Manager, Some(&part), now())
        .expect("rest");
    assert_eq!(full.payment_status(), Ok(PaymentStatus::Paid));
    let err = pay(2, 1)
        .apply(&shop, Role::Manager, Some(&full), now())
        .expect_err("same payment twice");
    assert!(matches!(err, OpError::DuplicateId(_)));
    let err = pay(3, 0)
        .apply(&shop, Role::Manager, Some(&full), now())
        .expect_err("zero");
    assert_eq!(err, OpError::NonPositivePayment);
}

#[test]
fn calls_are_counted_and_versions_published_then_confirmed() {
    let shop = Shop::default_template();
    let o = created(&shop);
    let call = Op::LogCall {
        order_id: id(),
        call: Call {
            id: Uuid::from_u128(5),
            started_at: now(),
            ended_at: at("2025-03-01T10:02:30Z"),
            outcome: CallOutcome::CallBackAt {
                at: at("2025-03-01T15:00:00Z"),
            },
            note: Some("Просил перезвонить".into()),
        },
    }
    .apply(&shop, Role::Picker, Some(&o), now())
    .expect("anyone logs calls");
    assert_eq!(call.call_attempts(), 1);
    assert_eq!(call.calls[0].duration().as_secs(), 150);
    let published = Op::PublishVersion {
        order_id: id(),
        version: 1,
    }
    .apply(&shop, Role::Manager, Some(&call), now())
    .expect("publish");
    assert_eq!(published.published_version, Some(1));
    let err = Op::ConfirmVersion {
        order_id: id(),
        version: 2,
    }
    .apply(&shop, Role::Manager, Some(&published), now())
    .expect_err("no version 2");
    assert!(matches!(err, OpError::UnknownVersion { .. }));
    let confirmed = Op::ConfirmVersion {
        order_id: id(),
        version: 1,
    }
    .apply(&shop, Role::Manager, Some(&published), now())
    .expect("confirm");
    assert!(!confirmed.draft);
    assert_eq!(confirmed.confirmed_version, Some(1));
}

#[test]
fn envelope_round_trips_through_json_with_a_kind_tag() {
    let env = OpEnvelope {
        id: Uuid::now_v7(),
        device_id: Uuid::now_v7(),
        device_seq: 7,
        actor: Actor {
            id: "admin".into(),
            name: "Администратор".into(),
            role: Role::Admin,
        },
        at: now(),
        op: Op::EditLines {
            order_id: id(),
            edits: vec![LineEdit::SetDiscount {
                line_id: Uuid::from_u128(1),
                discount: Discount::Amount(Kopecks(500)),
            }],
        },
        based_on: Some(VersionRef {
            number: 3,
            op_id: Some(Uuid::from_u128(9)),
        }),
    };
    let json = serde_json::to_string(&env).expect("serialize");
    assert!(json.contains(r#""kind":"edit_lines""#), "{json}");
    let back: OpEnvelope = serde_json::from_str(&json).expect("deserialize");
    assert_eq!(back, env);
}

#[test]
fn a_money_edit_on_a_version_another_pc_replaced_is_stale() {
    let shop = Shop::default_template();
    let order = created(&shop);
    let discount = Op::SetOrderDiscount {
        order_id: order.id,
        discount: Discount::Percent(1_000),
    };
    let made_by = Some(Uuid::from_u128(100));
    let seen = VersionRef {
        number: 1,
        op_id: made_by,
    };
    assert_eq!(
        discount.check_base(Some(seen), Some(&order), made_by),
        Ok(())
    );
    // Same number, saved by another op (two PCs each saved their own version 1 offline).
    let other = Some(Uuid::from_u128(101));
    assert_eq!(
        discount.check_base(Some(seen), Some(&order), other),
        Err(OpError::StaleVersion {
            version: 1,
            latest: 1
        })
    );
    let old = VersionRef {
        number: 0,
        op_id: made_by,
    };
    assert!(discount
        .check_base(Some(old), Some(&order), made_by)
        .is_err());
    // Payments append and stage moves check their stage: neither is compare-and-set.
    let pay = Op::RecordPayment {
        order_id: order.id,
        payment: Payment {
            id: Uuid::from_u128(5),
            amount: Kopecks(100),
            method: PaymentMethod::Online,
            at: now(),
            note: None,
            corrects: None,
        },
    };
    assert_eq!(pay.check_base(Some(old), Some(&order), other), Ok(()));
}

fn from_channel(
    shop: &Shop,
    stage: Option<&str>,
    payments: Vec<Payment>,
) -> Result<Order, OpError> {
    let mut order = draft();
    order.delivery_cost = Kopecks::rubles(590);
    Op::CreateOrder {
        order: Box::new(order),
        channel: Some(Box::new(ChannelTerms {
            placed_at: at("2025-02-20T08:00:00Z"),
            stage: stage.map(str::to_owned),
            confirmed: true,
            payments,
            number: None,
        })),
    }
    .apply(shop, Role::Admin, None, now())
}

fn site_payment(rubles: i64) -> Payment {
    Payment {
        id: Uuid::now_v7(),
        amount: Kopecks::rubles(rubles),
        method: PaymentMethod::Online,
        at: at("2025-02-20T08:05:00Z"),
        note: None,
        corrects: None,
    }
}

#[test]
fn a_channel_order_keeps_the_channels_charge_date_payments_and_stage() {
    let shop = Shop::default_template();
    let o = from_channel(
        &shop,
        Some("picking"),
        vec![site_payment(2_590), site_payment(-500)],
    )
    .expect("a channel's order");
    assert_eq!(
        o.delivery_cost,
        Kopecks::rubles(590),
        "not the tariff's 350"
    );
    assert!(o.delivery_fixed);
    assert_eq!(o.created_at, at("2025-02-20T08:00:00Z"));
    assert_eq!(o.stage.stage_id, "picking");
    // The stage's limit counts from when the desk learned of the order.
    assert_eq!(o.stage.entered_at, now());
    assert!(!o.draft);
    assert_eq!(o.confirmed_version, Some(1));
    assert_eq!(o.paid().expect("paid"), Kopecks::rubles(2_090));
    assert_eq!(o.original_total, Kopecks::rubles(2_590));
}

#[test]
fn a_channel_order_in_an_unknown_stage_enters_the_first_one() {
    let shop = Shop::default_template();
    let o = from_channel(&shop, Some("no_such_stage"), vec![]).expect("order");
    assert_eq!(o.stage.stage_id, "new");
}

#[test]
fn a_zero_channel_payment_is_refused() {
    let shop = Shop::default_template();
    assert_eq!(
        from_channel(&shop, None, vec![site_payment(0)]),
        Err(OpError::NonPositivePayment)
    );
}

#[test]
fn a_line_edit_keeps_a_fixed_delivery_charge_and_a_delivery_change_prices_by_tariff() {
    let shop = Shop::default_template();
    let o = from_channel(&shop, Some("picking"), vec![]).expect("order");
    let line = o.lines[0].id;
    let edited = Op::EditLines {
        order_id: o.id,
        edits: vec![LineEdit::SetQuantity {
            line_id: line,
            quantity: Quantity(3000),
        }],
    }
    .apply(&shop, Role::Manager, Some(&o), now())
    .expect("edit");
    assert_eq!(edited.delivery_cost, Kopecks::rubles(590));
    let changed = Op::ChangeDelivery {
        order_id: o.id,
        change: DeliveryChange {
            method: DeliveryMethod::Courier,
            zone: Some("moscow".into()),
            address: "Москва".into(),
            window: None,
        },
    }
    .apply(&shop, Role::Manager, Some(&edited), now())
    .expect("change");
    assert!(!changed.delivery_fixed);
    assert_ne!(
        changed.delivery_cost,
        Kopecks::rubles(590),
        "the tariff now"
    );
}

mod buyer;
mod offered;
mod payments;
mod places;
