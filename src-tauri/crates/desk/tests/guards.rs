//! Stage guards and input sanity through the desk API (issue 15, points 5 and 6): a refused
//! move or entry comes back as `{code, params}` with the field it belongs beside, worded in
//! Russian in the message and in either language by the UI.

use desk::Desk;
use jiff::{SignedDuration, Timestamp};
use proto::display::rules::{InputLimitsView, RuleCode, StageGuardsView};
use proto::display::Lang;
use proto::{
    CommandError, DeliveryChange, DeliveryMethod, ErrorCode, LineEdit, NewLine, NewOrder,
    NewPayment, PaymentMethod, Role, User, WorkflowEditInput,
};

fn now() -> Timestamp {
    "2026-03-03T12:00:00Z".parse().expect("valid instant")
}

fn later(minutes: i64) -> Timestamp {
    now()
        .checked_add(SignedDuration::from_mins(minutes))
        .expect("in range")
}

/// The first product sold in pieces, and one sold by length.
fn products(desk: &Desk) -> (String, String) {
    let list = desk.products().expect("products");
    let piece = list
        .iter()
        .find(|p| p.unit == "шт")
        .expect("a piece product");
    let metre = list
        .iter()
        .find(|p| p.unit == "м")
        .expect("a product by length");
    (piece.id.clone(), metre.id.clone())
}

fn new_order(desk: &Desk, payment: PaymentMethod, quantity: i64) -> NewOrder {
    NewOrder {
        customer: "Смирнова Алёна".into(),
        phone: "+7 (916) 555-10-20".into(),
        email: Some("alena@mail.ru".into()),
        delivery: DeliveryChange {
            method: DeliveryMethod::Courier,
            zone: Some("moscow".into()),
            address: "г. Москва, ул. Тверская, д. 1".into(),
            window_from: None,
            window_to: None,
        },
        payment,
        lines: vec![NewLine {
            product_id: products(desk).0,
            quantity,
        }],
        comment: None,
    }
}

fn refusal(e: desk::DeskError) -> CommandError {
    CommandError::from(e)
}

#[test]
fn an_unpaid_prepaid_order_could_leave_payment_wait_with_one_click() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = Desk::open_demo(dir.path(), now()).expect("open");
    let mut o = desk
        .create_order(new_order(&desk, PaymentMethod::Online, 1000), now())
        .expect("order");
    let mut minute = 0;
    while o.stage_id != "awaiting_payment" {
        minute += 1;
        o = desk.advance(&o.id, later(minute)).expect("on the way");
    }
    let err = refusal(desk.advance(&o.id, later(10)).expect_err("unpaid"));
    assert_eq!(err.code, ErrorCode::TransitionNotAllowed);
    let rule = err.rule.expect("the rule that refused");
    assert_eq!(rule.code, RuleCode::GuardUnpaid);
    assert_eq!(rule.params["stage"], "Ожидание оплаты");
    assert_eq!(rule.field, None, "shown beside the action");
    assert!(err.message.contains("не оплачен"), "{}", err.message);
    assert!(rule.wording(Lang::En).contains("not paid"));
    // A chosen move forward is refused alike; the order has not moved.
    let err = refusal(desk.move_to(&o.id, "done", later(11)).expect_err("unpaid"));
    assert_eq!(err.rule.map(|r| r.code), Some(RuleCode::GuardUnpaid));
    let detail = desk.order(&o.id).expect("card");
    assert_eq!(detail.stage_id, "awaiting_payment");

    desk.record_payment(
        &o.id,
        NewPayment {
            amount: o.total,
            method: PaymentMethod::Online,
            note: None,
        },
        later(12),
    )
    .expect("paid");
    let moved = desk.advance(&o.id, later(13)).expect("paid moves on");
    assert_eq!(moved.stage_id, "courier_delivery");
}

#[test]
fn a_completed_order_showed_every_edit_control() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = Desk::open_demo(dir.path(), now()).expect("open");
    let o = desk
        .create_order(new_order(&desk, PaymentMethod::CashOnDelivery, 1000), now())
        .expect("order");
    assert!(!o.locked);
    let done = desk
        .move_to(&o.id, "done", later(1))
        .expect("admin closes it");
    assert!(done.locked, "the card hides its edit controls");
    let err = refusal(
        desk.edit_lines(
            &o.id,
            vec![LineEdit::SetQuantity {
                line_id: done.lines[0].id.clone(),
                quantity: 2000,
            }],
            later(2),
        )
        .expect_err("closed"),
    );
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(err.message.contains("Завершён"), "{}", err.message);
}

#[test]
fn the_admin_locks_a_stage_and_sets_guards_in_the_editor() {
    let dir = tempfile::tempdir().expect("tempdir");
    {
        let desk = Desk::open_demo(dir.path(), now()).expect("open");
        let settings = desk.workflow_settings(now()).expect("settings");
        let guards = |id: &str| {
            settings
                .stages
                .iter()
                .find(|s| s.id == id)
                .expect("stage")
                .guards
        };
        assert!(guards("awaiting_payment").paid_to_leave);
        assert!(guards("courier_delivery").address_to_enter);
        assert_eq!(guards("new"), StageGuardsView::default());
        let s = desk
            .edit_workflow(
                WorkflowEditInput::SetGuards {
                    stage: "picking".into(),
                    guards: StageGuardsView {
                        locked: true,
                        ..StageGuardsView::default()
                    },
                },
                now(),
            )
            .expect("admin");
        assert_eq!(s.changes[0].kind, "set_stage_guards");
    }
    // Kept across a restart, and it bites.
    let desk = Desk::open_demo(dir.path(), later(1)).expect("reopen");
    let settings = desk.workflow_settings(later(1)).expect("settings");
    let picking = settings
        .stages
        .iter()
        .find(|s| s.id == "picking")
        .expect("picking");
    assert!(picking.guards.locked);
    let mut o = desk
        .create_order(
            new_order(&desk, PaymentMethod::CashOnDelivery, 1000),
            later(2),
        )
        .expect("order");
    o = desk
        .move_to(&o.id, "picking", later(3))
        .expect("to picking");
    assert!(o.locked);
    let err = refusal(
        desk.edit_lines(
            &o.id,
            vec![LineEdit::SetQuantity {
                line_id: o.lines[0].id.clone(),
                quantity: 2000,
            }],
            later(4),
        )
        .expect_err("locked"),
    );
    assert_eq!(err.rule.map(|r| r.code), Some(RuleCode::GuardLocked));

    desk.set_user(User {
        id: "anna".into(),
        name: "Анна".into(),
        role: Role::Manager,
    });
    let err = refusal(
        desk.edit_workflow(
            WorkflowEditInput::SetGuards {
                stage: "picking".into(),
                guards: StageGuardsView::default(),
            },
            later(5),
        )
        .expect_err("a manager may not"),
    );
    assert_eq!(err.code, ErrorCode::Forbidden);
}

#[test]
fn a_billion_routers_one_and_a_half_ssds_and_alena_at_nothing_were_accepted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = Desk::open_demo(dir.path(), now()).expect("open");
    let field_of = |order: NewOrder| {
        let err = refusal(desk.create_order(order, now()).expect_err("refused"));
        assert_eq!(err.code, ErrorCode::InvalidInput, "{}", err.message);
        let rule = err.rule.expect("a rule");
        (rule.code, rule.field.clone().unwrap_or_default(), rule)
    };
    let (code, field, rule) = field_of(new_order(
        &desk,
        PaymentMethod::CashOnDelivery,
        1_000_000_000 * 1000,
    ));
    assert_eq!(
        (code, field.as_str()),
        (RuleCode::QuantityTooLarge, "quantity")
    );
    assert_eq!(rule.params["max"], "100000");
    let (code, field, _) = field_of(new_order(&desk, PaymentMethod::CashOnDelivery, 1500));
    assert_eq!(
        (code, field.as_str()),
        (RuleCode::FractionalPieces, "quantity")
    );
    let mut bad_email = new_order(&desk, PaymentMethod::CashOnDelivery, 1000);
    bad_email.email = Some("alena@".into());
    let (code, field, _) = field_of(bad_email);
    assert_eq!((code, field.as_str()), (RuleCode::BadEmail, "email"));
    let mut bad_phone = new_order(&desk, PaymentMethod::CashOnDelivery, 1000);
    bad_phone.phone = "12-34".into();
    let (code, field, _) = field_of(bad_phone);
    assert_eq!((code, field.as_str()), (RuleCode::BadPhone, "phone"));
    let mut no_address = new_order(&desk, PaymentMethod::CashOnDelivery, 1000);
    no_address.delivery.address = " ".into();
    let (code, field, _) = field_of(no_address);
    assert_eq!(
        (code, field.as_str()),
        (RuleCode::AddressRequired, "address")
    );

    // 1,5 m of a cable is a length, and 2 pieces are whole.
    let (_, metre) = products(&desk);
    let mut cable = new_order(&desk, PaymentMethod::CashOnDelivery, 1000);
    cable.lines[0] = NewLine {
        product_id: metre,
        quantity: 1500,
    };
    desk.create_order(cable, now()).expect("1,5 m");
    desk.create_order(new_order(&desk, PaymentMethod::CashOnDelivery, 2000), now())
        .expect("two pieces");
}

#[test]
fn the_bounds_are_set_by_the_admin_and_the_bound_itself_is_taken() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = Desk::open_demo(dir.path(), now()).expect("open");
    let limits = desk
        .set_input_limits(
            InputLimitsView {
                max_quantity: 5_000,
                max_line_amount: 10_000_000_000,
            },
            now(),
        )
        .expect("admin sets bounds");
    assert_eq!(limits.max_quantity, 5_000);
    desk.create_order(
        new_order(&desk, PaymentMethod::CashOnDelivery, 5_000),
        now(),
    )
    .expect("at the bound");
    let err = refusal(
        desk.create_order(
            new_order(&desk, PaymentMethod::CashOnDelivery, 6_000),
            now(),
        )
        .expect_err("above"),
    );
    let rule = err.rule.expect("rule");
    assert_eq!(rule.code, RuleCode::QuantityTooLarge);
    assert_eq!(rule.params["max"], "5");
    let err = refusal(
        desk.set_input_limits(
            InputLimitsView {
                max_quantity: 0,
                max_line_amount: 100,
            },
            now(),
        )
        .expect_err("refuses every order"),
    );
    assert_eq!(err.rule.map(|r| r.code), Some(RuleCode::BadLimits));
    desk.set_user(User {
        id: "anna".into(),
        name: "Анна".into(),
        role: Role::Manager,
    });
    let err = refusal(
        desk.set_input_limits(
            InputLimitsView {
                max_quantity: 1_000_000,
                max_line_amount: 100_000,
            },
            now(),
        )
        .expect_err("a manager may not"),
    );
    assert_eq!(err.code, ErrorCode::Forbidden);
}

#[test]
fn the_forms_checks_agree_with_the_domains() {
    for text in [
        "alena@",
        "alena@mail.ru",
        "a@b.co",
        "a@b.c",
        "a b@c.ru",
        "@c.ru",
        "x@y@z.ru",
        "заказ@магазин.рф",
        "a@b.12",
    ] {
        assert_eq!(
            proto::display::rules::email_ok(text),
            domain::check_email(text).is_ok(),
            "{text}"
        );
    }
    for text in [
        "+7 (916) 123-45-67",
        "89161234567",
        "9161234567",
        "123",
        "916-abc",
        "1161234567",
    ] {
        assert_eq!(
            proto::display::rules::phone_ok(text),
            domain::check_phone(text).is_ok(),
            "{text}"
        );
    }
    for unit in ["шт", "шт.", "кг", "м", "упак", "пара", "л"] {
        assert_eq!(
            proto::display::rules::piece_unit(unit),
            domain::is_piece_unit(unit),
            "{unit}"
        );
    }
}
