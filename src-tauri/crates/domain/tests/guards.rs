//! Stage guards (issue 15, point 5): paid to leave a payment wait, an address to go to a
//! door, a frozen bill in closing and locked stages — as workflow data the admin edits.

use domain::{
    ChannelTerms, Customer, DeliveryChange, DeliveryMethod, Discount, Guard, Kopecks, Line,
    LineEdit, Op, OpError, Order, Payment, PaymentMethod, Quantity, Role, Shop, StageGuards,
    StagePosition, VatRate, Workflow, WorkflowEdit, WorkflowError, WorkflowTemplate,
};
use jiff::Timestamp;
use uuid::Uuid;

fn now() -> Timestamp {
    "2026-03-01T10:00:00Z".parse().expect("instant")
}

fn line(n: u128, units: i64, rubles: i64) -> Line {
    Line {
        id: Uuid::from_u128(n),
        product_id: None,
        sku: format!("SKU-{n}"),
        name: format!("Товар {n}"),
        unit: "шт".into(),
        quantity: Quantity::units(units),
        price: Kopecks::rubles(rubles),
        vat: VatRate::Vat22,
        discount: Discount::None,
    }
}

fn order(delivery: DeliveryMethod, payment: PaymentMethod, address: &str) -> Order {
    Order {
        id: Uuid::from_u128(7),
        number: 1,
        channel: domain::Channel::Phone,
        customer: Customer {
            id: Uuid::from_u128(8),
            name: "Алёна Смирнова".into(),
            phone: "79161234567".into(),
            email: None,
        },
        buyer: domain::Buyer::Person,
        places: None,
        address: address.into(),
        delivery,
        delivery_zone: Some("moscow".into()),
        delivery_window: None,
        delivery_vat: VatRate::Vat22,
        payment,
        stage: StagePosition {
            stage_id: String::new(),
            entered_at: now(),
            deadline: None,
        },
        lines: vec![line(1, 1, 2_000)],
        discount: Discount::None,
        delivery_cost: Kopecks::ZERO,
        delivery_fixed: false,
        comment: None,
        created_at: now(),
        draft: true,
        version: 1,
        published_version: None,
        confirmed_version: None,
        original_total: Kopecks::ZERO,
        payments: vec![],
        calls: vec![],
    }
}

/// The order placed straight into `stage` (as a channel may hand it over), unpaid.
fn at_stage(shop: &Shop, mut o: Order, stage: &str) -> Order {
    if o.delivery == DeliveryMethod::Pickup {
        o.delivery_zone = None;
    }
    Op::CreateOrder {
        order: Box::new(o),
        channel: Some(Box::new(ChannelTerms {
            placed_at: now(),
            stage: Some(stage.into()),
            confirmed: true,
            payments: vec![],
            number: None,
        })),
    }
    .apply(shop, Role::Manager, None, now())
    .expect("a channel's order")
}

fn advance(o: &Order, to: &str) -> Op {
    Op::AdvanceStage {
        order_id: o.id,
        from_stage: o.stage.stage_id.clone(),
        to_stage: to.into(),
    }
}

fn move_to(o: &Order, to: &str) -> Op {
    Op::MoveToStage {
        order_id: o.id,
        from_stage: o.stage.stage_id.clone(),
        to_stage: to.into(),
    }
}

/// Built from JSON so the test reads the same whatever optional fields a payment grows.
fn payment(n: u128, rubles: i64) -> Payment {
    serde_json::from_value(serde_json::json!({
        "id": Uuid::from_u128(n),
        "amount": rubles * 100,
        "method": "online",
        "at": now(),
        "note": null,
    }))
    .expect("a payment")
}

fn pay(shop: &Shop, o: &Order, n: u128, rubles: i64) -> Order {
    Op::RecordPayment {
        order_id: o.id,
        payment: payment(n, rubles),
    }
    .apply(shop, Role::Manager, Some(o), now())
    .expect("payment recorded")
}

fn unpaid_guard(stage: &str) -> OpError {
    let name = Shop::default_template()
        .workflow
        .stage(stage)
        .map(|s| s.name.clone())
        .unwrap_or_default();
    OpError::Guard {
        stage: stage.into(),
        name,
        guard: Guard::Unpaid,
    }
}

#[test]
fn an_unpaid_prepaid_order_could_leave_payment_wait_with_one_click() {
    let shop = Shop::default_template();
    let o = at_stage(
        &shop,
        order(
            DeliveryMethod::Courier,
            PaymentMethod::Online,
            "Тверская, 1",
        ),
        "awaiting_payment",
    );
    let err = advance(&o, "courier_delivery")
        .apply(&shop, Role::Manager, Some(&o), now())
        .expect_err("unpaid");
    assert_eq!(err, unpaid_guard("awaiting_payment"));
    // Not by a chosen move either, and not for the administrator.
    let err = move_to(&o, "done")
        .apply(&shop, Role::Admin, Some(&o), now())
        .expect_err("unpaid");
    assert_eq!(err, unpaid_guard("awaiting_payment"));

    let total = o.totals().expect("totals").total;
    let partly = pay(&shop, &o, 100, 100);
    let err = advance(&partly, "courier_delivery")
        .apply(&shop, Role::Manager, Some(&partly), now())
        .expect_err("partly paid");
    assert_eq!(err, unpaid_guard("awaiting_payment"));

    let paid = pay(&shop, &partly, 101, total.0 / 100 - 100);
    assert!(paid.payment_status().expect("status").is_paid());
    let moved = advance(&paid, "courier_delivery")
        .apply(&shop, Role::Manager, Some(&paid), now())
        .expect("paid in full moves on");
    assert_eq!(moved.stage.stage_id, "courier_delivery");
}

#[test]
fn an_unpaid_prepaid_order_may_go_back_or_be_cancelled() {
    let shop = Shop::default_template();
    let o = at_stage(
        &shop,
        order(
            DeliveryMethod::Post,
            PaymentMethod::BankTransfer,
            "Тверская, 1",
        ),
        "awaiting_payment",
    );
    let back = move_to(&o, "picking")
        .apply(&shop, Role::Manager, Some(&o), now())
        .expect("back is not leaving forward");
    assert_eq!(back.stage.stage_id, "picking");
    let cancelled = Op::Cancel {
        order_id: o.id,
        from_stage: o.stage.stage_id.clone(),
        reason: Some("не оплатил".into()),
    }
    .apply(&shop, Role::Manager, Some(&o), now())
    .expect("cancelling is never guarded");
    assert_eq!(cancelled.stage.stage_id, "cancelled");
}

#[test]
fn paying_on_delivery_is_not_held_by_the_paid_guard() {
    // The admin guards picking too; cash on delivery passes it, online does not.
    let shop = guarded(
        "picking",
        StageGuards {
            paid_to_leave: true,
            ..StageGuards::NONE
        },
    );
    let cash = at_stage(
        &shop,
        order(
            DeliveryMethod::Courier,
            PaymentMethod::CashOnDelivery,
            "Тверская, 1",
        ),
        "picking",
    );
    advance(&cash, "courier_call")
        .apply(&shop, Role::Manager, Some(&cash), now())
        .expect("cash is paid at the door");
    let online = at_stage(
        &shop,
        order(
            DeliveryMethod::Courier,
            PaymentMethod::Online,
            "Тверская, 1",
        ),
        "picking",
    );
    let err = advance(&online, "courier_call")
        .apply(&shop, Role::Manager, Some(&online), now())
        .expect_err("online must be paid");
    assert_eq!(err, unpaid_guard("picking"));
}

#[test]
fn a_courier_order_without_an_address_could_go_out() {
    let shop = Shop::default_template();
    // A site's order may come without an address; it waits in picking until one is given.
    let o = at_stage(
        &shop,
        order(DeliveryMethod::Courier, PaymentMethod::CashOnDelivery, "  "),
        "picking",
    );
    let err = advance(&o, "courier_call")
        .apply(&shop, Role::Manager, Some(&o), now())
        .expect_err("no address");
    assert_eq!(
        err,
        OpError::Guard {
            stage: "courier_call".into(),
            name: "Отзвон курьером".into(),
            guard: Guard::NoAddress,
        }
    );
    let err = move_to(&o, "courier_delivery")
        .apply(&shop, Role::Admin, Some(&o), now())
        .expect_err("no address");
    assert!(matches!(
        err,
        OpError::Guard {
            guard: Guard::NoAddress,
            ..
        }
    ));
    let with_address = Op::ChangeDelivery {
        order_id: o.id,
        change: DeliveryChange {
            method: DeliveryMethod::Courier,
            zone: Some("moscow".into()),
            address: "ул. Тверская, д. 1".into(),
            window: None,
        },
    }
    .apply(&shop, Role::Manager, Some(&o), now())
    .expect("address given");
    advance(&with_address, "courier_call")
        .apply(&shop, Role::Manager, Some(&with_address), now())
        .expect("now it goes");
}

#[test]
fn the_address_guard_asks_nothing_of_a_pickup_order() {
    let shop = guarded(
        "cash_in",
        StageGuards {
            address_to_enter: true,
            ..StageGuards::NONE
        },
    );
    let o = at_stage(
        &shop,
        order(DeliveryMethod::Pickup, PaymentMethod::CashOnDelivery, ""),
        "picking",
    );
    let moved = advance(&o, "cash_in")
        .apply(&shop, Role::Manager, Some(&o), now())
        .expect("pickup needs no address");
    assert_eq!(moved.stage.stage_id, "cash_in");
}

fn edits(o: &Order) -> Vec<Op> {
    vec![
        Op::EditLines {
            order_id: o.id,
            edits: vec![LineEdit::Add {
                line: line(2, 1, 100),
            }],
        },
        Op::SetOrderDiscount {
            order_id: o.id,
            discount: Discount::Percent(500),
        },
        Op::ChangeDelivery {
            order_id: o.id,
            change: DeliveryChange {
                method: DeliveryMethod::Courier,
                zone: Some("moscow".into()),
                address: "Арбат, 2".into(),
                window: None,
            },
        },
    ]
}

#[test]
fn a_completed_order_could_still_be_edited() {
    let shop = Shop::default_template();
    let o = order(
        DeliveryMethod::Courier,
        PaymentMethod::CashOnDelivery,
        "Тверская, 1",
    );
    for stage in ["done", "cancelled"] {
        let closed = at_stage(&shop, o.clone(), stage);
        for op in edits(&closed) {
            let err = op
                .apply(&shop, Role::Admin, Some(&closed), now())
                .expect_err("closed");
            assert_eq!(
                err,
                OpError::OrderClosed {
                    stage: stage.into()
                },
                "{}",
                op.kind()
            );
        }
        let stage = shop.workflow.stage(stage).expect("stage");
        assert!(stage.is_locked());
    }
}

#[test]
fn a_locked_stage_freezes_the_bill_but_not_the_note() {
    let shop = guarded(
        "courier_delivery",
        StageGuards {
            locked: true,
            address_to_enter: true,
            ..StageGuards::NONE
        },
    );
    let o = at_stage(
        &shop,
        order(
            DeliveryMethod::Courier,
            PaymentMethod::CashOnDelivery,
            "Тверская, 1",
        ),
        "courier_delivery",
    );
    for op in edits(&o) {
        let err = op
            .apply(&shop, Role::Manager, Some(&o), now())
            .expect_err("locked");
        assert_eq!(
            err,
            OpError::Guard {
                stage: "courier_delivery".into(),
                name: "Курьерская доставка".into(),
                guard: Guard::Locked,
            }
        );
    }
    Op::SetComment {
        order_id: o.id,
        comment: Some("домофон 12".into()),
    }
    .apply(&shop, Role::Manager, Some(&o), now())
    .expect("a note is not the bill");
    // Unlocked stages still edit.
    let picking = at_stage(&shop, o.clone(), "picking");
    for op in edits(&picking) {
        op.apply(&shop, Role::Manager, Some(&picking), now())
            .expect("picking is open");
    }
}

fn guarded(stage: &str, guards: StageGuards) -> Shop {
    let mut shop = Shop::default_template();
    shop.workflow = shop
        .workflow
        .edit(
            Role::Admin,
            &WorkflowEdit::SetGuards {
                stage: stage.into(),
                guards,
            },
        )
        .expect("admin sets guards");
    shop
}

#[test]
fn the_admin_sets_guards_per_stage_and_no_one_else_does() {
    let wf = Workflow::default_template();
    let none = WorkflowEdit::SetGuards {
        stage: "awaiting_payment".into(),
        guards: StageGuards::NONE,
    };
    assert_eq!(
        wf.edit(Role::Manager, &none),
        Err(WorkflowError::NotAdmin(Role::Manager))
    );
    let edited = wf.edit(Role::Admin, &none).expect("admin");
    assert_eq!(
        edited.stage("awaiting_payment").expect("stage").guards,
        StageGuards::NONE
    );
    assert_eq!(none.kind(), "set_stage_guards");
    assert_eq!(none.stage_id(), "awaiting_payment");
    let unknown = WorkflowEdit::SetGuards {
        stage: "nowhere".into(),
        guards: StageGuards::NONE,
    };
    assert!(matches!(
        wf.edit(Role::Admin, &unknown),
        Err(WorkflowError::UnknownStage(_))
    ));
    // Without the guard the unpaid order moves on again: the rule is the data.
    let mut shop = Shop::default_template();
    shop.workflow = edited;
    let o = at_stage(
        &shop,
        order(
            DeliveryMethod::Courier,
            PaymentMethod::Online,
            "Тверская, 1",
        ),
        "awaiting_payment",
    );
    advance(&o, "courier_delivery")
        .apply(&shop, Role::Manager, Some(&o), now())
        .expect("unguarded");
}

#[test]
fn the_seed_templates_carry_the_shop_guards() {
    let courier = WorkflowTemplate::Courier.workflow();
    let g = |wf: &Workflow, id: &str| wf.stage(id).expect("stage").guards;
    assert!(g(&courier, "awaiting_payment").paid_to_leave);
    for id in ["courier_call", "courier_delivery", "post_delivery"] {
        assert!(g(&courier, id).address_to_enter, "{id}");
    }
    for id in ["new", "call", "picking", "cash_in", "done"] {
        assert_eq!(g(&courier, id), StageGuards::NONE, "{id}");
    }
    let pickup = WorkflowTemplate::Pickup.workflow();
    assert!(g(&pickup, "awaiting_payment").paid_to_leave);
    let market = WorkflowTemplate::Marketplace.workflow();
    assert!(market
        .stages()
        .iter()
        .all(|s| s.guards == StageGuards::NONE));
}

#[test]
fn a_workflow_stored_before_guards_reads_as_unguarded() {
    let mut json = serde_json::to_value(Workflow::default_template()).expect("json");
    for stage in json["stages"].as_array_mut().expect("stages") {
        stage.as_object_mut().expect("stage").remove("guards");
    }
    let old: Workflow = serde_json::from_value(json).expect("an older workflow loads");
    assert!(old.stages().iter().all(|s| s.guards == StageGuards::NONE));
    // A partial guards object (a newer desk's extra flags aside) reads too.
    let stage: domain::Stage = serde_json::from_value(serde_json::json!({
        "id": "x", "name": "X", "position": 1, "kind": "normal", "time_limit": null,
        "clock_paused": false, "route": {"delivery": null, "payment": null},
        "guards": {"locked": true}
    }))
    .expect("stage");
    assert!(stage.guards.locked && !stage.guards.paid_to_leave);
    let edit = WorkflowEdit::SetGuards {
        stage: "x".into(),
        guards: stage.guards,
    };
    let text = serde_json::to_string(&edit).expect("edit");
    assert_eq!(
        serde_json::from_str::<WorkflowEdit>(&text).expect("back"),
        edit
    );
}

#[test]
fn a_marketplaces_order_is_not_held_by_the_money_and_address_guards() {
    // Yandex Market's list carries neither the buyer's payment nor the address; the
    // marketplace holds both.
    let shop = Shop::default_template();
    let mut o = order(DeliveryMethod::Courier, PaymentMethod::Online, "");
    o.channel = domain::Channel::Marketplace;
    let waiting = at_stage(&shop, o.clone(), "awaiting_payment");
    advance(&waiting, "courier_delivery")
        .apply(&shop, Role::Manager, Some(&waiting), now())
        .expect("the marketplace took the money and has the address");
    // A locked stage still freezes its bill.
    let shop = guarded(
        "picking",
        StageGuards {
            locked: true,
            ..StageGuards::NONE
        },
    );
    let picking = at_stage(&shop, o, "picking");
    assert!(matches!(
        edits(&picking)[1].apply(&shop, Role::Manager, Some(&picking), now()),
        Err(OpError::Guard {
            guard: Guard::Locked,
            ..
        })
    ));
}
