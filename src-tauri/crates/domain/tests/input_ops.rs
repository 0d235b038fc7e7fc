//! Input sanity through the ops (issue 15, point 6): a phone order, a line edit and a
//! channel's order meet the same bounds, so the hub refuses what the desk refuses.

use domain::{
    ChannelTerms, Customer, DeliveryMethod, Discount, InputError, InputLimits, Kopecks, Line,
    LineEdit, Op, OpError, Order, PaymentMethod, Quantity, Role, Shop, StagePosition, VatRate,
};
use jiff::Timestamp;
use uuid::Uuid;

fn now() -> Timestamp {
    "2026-03-01T10:00:00Z".parse().expect("instant")
}

fn line(n: u128, unit: &str, quantity: i64, rubles: i64) -> Line {
    Line {
        id: Uuid::from_u128(n),
        product_id: None,
        sku: format!("SKU-{n}"),
        name: format!("Товар {n}"),
        unit: unit.into(),
        quantity: Quantity(quantity),
        price: Kopecks::rubles(rubles),
        vat: VatRate::Vat22,
        discount: Discount::None,
    }
}

fn order(lines: Vec<Line>) -> Order {
    Order {
        id: Uuid::from_u128(7),
        number: 1,
        channel: domain::Channel::Phone,
        customer: Customer {
            id: Uuid::from_u128(8),
            name: "Алёна Смирнова".into(),
            phone: "79161234567".into(),
            email: Some("alena@mail.ru".into()),
        },
        buyer: domain::Buyer::Person,
        places: None,
        address: "ул. Тверская, д. 1".into(),
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
        lines,
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

fn create(shop: &Shop, o: Order) -> Result<Order, OpError> {
    Op::CreateOrder {
        order: Box::new(o),
        channel: None,
    }
    .apply(shop, Role::Manager, None, now())
}

fn import(shop: &Shop, o: Order) -> Result<Order, OpError> {
    Op::CreateOrder {
        order: Box::new(o),
        channel: Some(Box::new(ChannelTerms {
            placed_at: now(),
            stage: None,
            confirmed: true,
            payments: vec![],
            number: None,
        })),
    }
    .apply(shop, Role::Manager, None, now())
}

#[test]
fn one_and_a_half_pieces_of_an_ssd_were_accepted() {
    let shop = Shop::default_template();
    assert_eq!(
        create(&shop, order(vec![line(1, "шт", 1500, 9_000)])),
        Err(OpError::Input(InputError::FractionalPieces {
            unit: "шт".into()
        }))
    );
    create(&shop, order(vec![line(1, "кг", 1500, 900)])).expect("1,5 кг is a weight");
    let o = create(&shop, order(vec![line(1, "шт", 2000, 9_000)])).expect("two pieces");
    let edit = |edits| Op::EditLines {
        order_id: o.id,
        edits,
    };
    assert_eq!(
        edit(vec![LineEdit::SetQuantity {
            line_id: Uuid::from_u128(1),
            quantity: Quantity(1500),
        }])
        .apply(&shop, Role::Manager, Some(&o), now()),
        Err(OpError::Input(InputError::FractionalPieces {
            unit: "шт".into()
        }))
    );
    assert!(matches!(
        edit(vec![LineEdit::Add {
            line: line(2, "шт", 500, 100)
        }])
        .apply(&shop, Role::Manager, Some(&o), now()),
        Err(OpError::Input(InputError::FractionalPieces { .. }))
    ));
}

#[test]
fn a_billion_routers_could_be_ordered() {
    let shop = Shop::default_template();
    let billion = Quantity::units(1_000_000_000).0;
    let max = shop.limits.max_quantity;
    assert!(matches!(
        create(&shop, order(vec![line(1, "шт", billion, 4_590)])),
        Err(OpError::Input(InputError::QuantityTooLarge { .. }))
    ));
    // At the bound (100 000 pieces at 10 ₽ = 1 000 000 ₽) it is taken; one more is not.
    create(&shop, order(vec![line(1, "шт", max.0, 10)])).expect("at the bound");
    assert_eq!(
        create(&shop, order(vec![line(1, "шт", max.0 + 1000, 10)])),
        Err(OpError::Input(InputError::QuantityTooLarge { max }))
    );
    // A channel's order is held to the bounds too, though not to whole pieces.
    assert!(matches!(
        import(&shop, order(vec![line(1, "шт", billion, 4_590)])),
        Err(OpError::Input(InputError::QuantityTooLarge { .. }))
    ));
    import(&shop, order(vec![line(1, "шт", 1500, 4_590)])).expect("the site sold halves");
}

#[test]
fn a_line_amount_above_the_bound_is_refused_when_a_price_is_typed() {
    let shop = Shop::default_template();
    let max = shop.limits.max_line_amount;
    let o = create(&shop, order(vec![line(1, "шт", 1000, 100)])).expect("order");
    let set_price = |price| Op::EditLines {
        order_id: o.id,
        edits: vec![LineEdit::SetPrice {
            line_id: Uuid::from_u128(1),
            price,
        }],
    };
    set_price(max)
        .apply(&shop, Role::Manager, Some(&o), now())
        .expect("at the bound");
    assert_eq!(
        set_price(Kopecks(max.0 + 1)).apply(&shop, Role::Manager, Some(&o), now()),
        Err(OpError::Input(InputError::LineAmountTooLarge { max }))
    );
}

#[test]
fn the_shops_own_bounds_apply() {
    let mut shop = Shop::default_template();
    shop.limits = InputLimits {
        max_quantity: Quantity::units(5),
        ..InputLimits::DEFAULT
    };
    create(&shop, order(vec![line(1, "шт", 5000, 10)])).expect("five");
    assert!(create(&shop, order(vec![line(1, "шт", 6000, 10)])).is_err());
}

#[test]
fn a_line_taken_before_the_bounds_stays_editable() {
    let shop = Shop::default_template();
    // A site sold 1,5 pieces; the manager adds another item without touching that line.
    let o = import(&shop, order(vec![line(1, "шт", 1500, 100)])).expect("imported");
    Op::EditLines {
        order_id: o.id,
        edits: vec![LineEdit::Add {
            line: line(2, "шт", 1000, 100),
        }],
    }
    .apply(&shop, Role::Manager, Some(&o), now())
    .expect("the old line is left alone");
}

#[test]
fn a_courier_order_without_an_address_was_accepted_at_creation() {
    let shop = Shop::default_template();
    let mut o = order(vec![line(1, "шт", 1000, 100)]);
    o.address = "  ".into();
    assert_eq!(
        create(&shop, o.clone()),
        Err(OpError::Input(InputError::AddressRequired))
    );
    o.delivery = DeliveryMethod::Pickup;
    o.delivery_zone = None;
    create(&shop, o).expect("pickup needs no address");
}

#[test]
fn a_phone_order_with_a_broken_email_or_phone_is_refused() {
    let shop = Shop::default_template();
    let mut o = order(vec![line(1, "шт", 1000, 100)]);
    o.customer.email = Some("alena@".into());
    assert_eq!(
        create(&shop, o.clone()),
        Err(OpError::Input(InputError::BadEmail))
    );
    o.customer.email = None;
    o.customer.phone = "123".into();
    assert_eq!(create(&shop, o), Err(OpError::Input(InputError::BadPhone)));
}

#[test]
fn a_marketplace_order_without_the_buyers_phone_is_still_taken() {
    // Ozon hides the buyer's phone; its order must not be lost for it.
    let shop = Shop::default_template();
    let mut o = order(vec![line(1, "шт", 1000, 100)]);
    o.channel = domain::Channel::Marketplace;
    o.customer.phone = String::new();
    o.customer.email = Some("hidden".into());
    create(&shop, o.clone()).expect("a marketplace's order");
    // Its bounds still hold.
    o.lines = vec![line(1, "шт", Quantity::units(1_000_000_000).0, 100)];
    assert!(matches!(
        create(&shop, o),
        Err(OpError::Input(InputError::QuantityTooLarge { .. }))
    ));
}
