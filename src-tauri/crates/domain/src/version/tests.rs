//! Versions (issue 15, point 9): every field a version can change shows in the diff, the
//! marks of the version in force and the one shown, and the bounds of a version's note.

use jiff::Timestamp;
use uuid::Uuid;

use super::*;
use crate::input::InputField;
use crate::methods::{Channel, PaymentMethod, Role};
use crate::money::Quantity;
use crate::op::{Op, OpError};
use crate::order::Customer;
use crate::shop::Shop;
use crate::workflow::StagePosition;

fn now() -> Timestamp {
    "2025-03-01T10:00:00Z".parse().expect("valid instant")
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

fn content() -> OrderContent {
    OrderContent {
        lines: vec![line(1, 1, 2_000), line(2, 2, 500)],
        discount: Discount::None,
        delivery: DeliveryMethod::Courier,
        delivery_zone: Some("Москва".into()),
        address: "г. Москва, ул. Тверская, д. 1".into(),
        delivery_window: None,
        delivery_cost: Kopecks::rubles(350),
        delivery_vat: VatRate::Vat22,
        subtotal: Kopecks::rubles(3_000),
        discount_total: Kopecks::ZERO,
        total: Kopecks::rubles(3_350),
    }
}

/// The diff of `content()` and the same with `edit` made.
fn diff_after(edit: impl FnOnce(&mut OrderContent)) -> VersionDiff {
    let a = content();
    let mut b = a.clone();
    edit(&mut b);
    VersionDiff::between(&a, &b)
}

#[test]
fn the_same_content_diffs_as_empty() {
    let d = diff_after(|_| {});
    assert!(d.is_empty());
    assert_eq!(d.total.before, d.total.after);
}

#[test]
fn a_zone_only_change_is_a_difference() {
    let d = diff_after(|c| c.delivery_zone = Some("Московская область".into()));
    assert!(
        !d.is_empty(),
        "a version that changes only the zone is not «the same»"
    );
    assert_eq!(
        d.delivery_zone,
        Some(Change {
            before: Some("Москва".into()),
            after: Some("Московская область".into()),
        })
    );
    let none = diff_after(|c| c.delivery_zone = None);
    assert_eq!(none.delivery_zone.map(|z| z.after), Some(None));
}

#[test]
fn an_added_line_shows() {
    let d = diff_after(|c| c.lines.push(line(3, 1, 100)));
    assert_eq!(d.added, vec![line(3, 1, 100)]);
    assert!(d.removed.is_empty() && d.changed.is_empty());
    assert!(!d.is_empty());
}

#[test]
fn a_removed_line_shows() {
    let d = diff_after(|c| {
        c.lines.remove(1);
    });
    assert_eq!(d.removed, vec![line(2, 2, 500)]);
    assert!(!d.is_empty());
}

#[test]
fn a_quantity_shows_on_its_line() {
    let d = diff_after(|c| c.lines[1].quantity = Quantity::units(5));
    assert_eq!(d.changed.len(), 1);
    assert_eq!(d.changed[0].line_id, Uuid::from_u128(2));
    assert_eq!(
        d.changed[0].quantity,
        Some(Change {
            before: Quantity::units(2),
            after: Quantity::units(5),
        })
    );
    assert_eq!(d.changed[0].price, None);
}

#[test]
fn a_price_shows_on_its_line() {
    let d = diff_after(|c| c.lines[0].price = Kopecks::rubles(1_800));
    assert_eq!(
        d.changed[0].price,
        Some(Change {
            before: Kopecks::rubles(2_000),
            after: Kopecks::rubles(1_800),
        })
    );
    assert_eq!(d.changed[0].quantity, None);
}

#[test]
fn a_line_discount_shows_on_its_line() {
    let d = diff_after(|c| c.lines[0].discount = Discount::Percent(500));
    assert_eq!(
        d.changed[0].discount,
        Some(Change {
            before: Discount::None,
            after: Discount::Percent(500),
        })
    );
}

#[test]
fn a_line_vat_rate_shows_on_its_line() {
    let d = diff_after(|c| c.lines[0].vat = VatRate::Vat10);
    assert_eq!(
        d.changed[0].vat,
        Some(Change {
            before: VatRate::Vat22,
            after: VatRate::Vat10,
        })
    );
    assert!(!d.is_empty());
}

#[test]
fn the_order_discount_shows() {
    let d = diff_after(|c| c.discount = Discount::Amount(Kopecks::rubles(300)));
    assert_eq!(
        d.discount,
        Some(Change {
            before: Discount::None,
            after: Discount::Amount(Kopecks::rubles(300)),
        })
    );
}

#[test]
fn the_delivery_method_shows() {
    let d = diff_after(|c| c.delivery = DeliveryMethod::Pickup);
    assert_eq!(
        d.delivery,
        Some(Change {
            before: DeliveryMethod::Courier,
            after: DeliveryMethod::Pickup,
        })
    );
}

#[test]
fn the_address_shows() {
    let d = diff_after(|c| c.address = "г. Москва, ул. Арбат, д. 5".into());
    assert_eq!(
        d.address.map(|a| a.after),
        Some("г. Москва, ул. Арбат, д. 5".to_owned())
    );
}

#[test]
fn the_delivery_window_shows() {
    let window = TimeWindow {
        from: now(),
        to: "2025-03-01T14:00:00Z".parse().expect("valid instant"),
    };
    let d = diff_after(|c| c.delivery_window = Some(window));
    assert_eq!(
        d.delivery_window,
        Some(Change {
            before: None,
            after: Some(window),
        })
    );
    assert!(!d.is_empty());
}

#[test]
fn the_delivery_charge_shows() {
    let d = diff_after(|c| c.delivery_cost = Kopecks::rubles(500));
    assert_eq!(
        d.delivery_cost,
        Some(Change {
            before: Kopecks::rubles(350),
            after: Kopecks::rubles(500),
        })
    );
}

#[test]
fn the_delivery_vat_rate_shows() {
    let d = diff_after(|c| c.delivery_vat = VatRate::Vat5);
    assert_eq!(
        d.delivery_vat,
        Some(Change {
            before: VatRate::Vat22,
            after: VatRate::Vat5,
        })
    );
    assert!(!d.is_empty());
}

#[test]
fn the_totals_are_always_both_given() {
    let d = diff_after(|c| {
        c.discount_total = Kopecks::rubles(100);
        c.total = Kopecks::rubles(3_250);
    });
    assert_eq!(d.total.before, Kopecks::rubles(3_350));
    assert_eq!(d.total.after, Kopecks::rubles(3_250));
    assert_eq!(d.discount_total.after, Kopecks::rubles(100));
}

fn order() -> Order {
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

/// A phone order (a draft, version 1) with its composition saved again: version 2.
fn two_versions(shop: &Shop) -> Order {
    let o = Op::CreateOrder {
        order: Box::new(order()),
        channel: None,
    }
    .apply(shop, Role::Manager, None, now())
    .expect("a valid phone order");
    Op::EditLines {
        order_id: o.id,
        edits: vec![crate::op::LineEdit::SetQuantity {
            line_id: Uuid::from_u128(1),
            quantity: Quantity::units(2),
        }],
    }
    .apply(shop, Role::Manager, Some(&o), now())
    .expect("an edit")
}

fn apply(shop: &Shop, o: &Order, op: Op) -> Order {
    op.apply(shop, Role::Manager, Some(o), now())
        .expect("the op applies")
}

#[test]
fn a_draft_has_no_version_in_force_and_marks_the_one_shown() {
    let shop = Shop::default_template();
    let o = two_versions(&shop);
    assert_eq!(o.version_in_force(), None);
    let shown = apply(
        &shop,
        &o,
        Op::PublishVersion {
            order_id: o.id,
            version: 1,
        },
    );
    assert_eq!(
        shown.version_marks(1),
        VersionMarks {
            in_force: false,
            shown: true,
            confirmed: false,
        }
    );
    assert_eq!(shown.version_marks(2), VersionMarks::default());
    assert_eq!(shown.shown_other_than(2), Some(1));
    assert_eq!(shown.shown_other_than(1), None);
    assert_eq!(o.shown_other_than(2), None, "nothing shown: nothing to ask");
}

#[test]
fn the_confirmed_version_is_in_force_and_may_be_the_one_shown() {
    let shop = Shop::default_template();
    let o = two_versions(&shop);
    let shown = apply(
        &shop,
        &o,
        Op::PublishVersion {
            order_id: o.id,
            version: 2,
        },
    );
    let confirmed = apply(
        &shop,
        &shown,
        Op::ConfirmVersion {
            order_id: o.id,
            version: 2,
        },
    );
    assert_eq!(
        confirmed.version_marks(2),
        VersionMarks {
            in_force: true,
            shown: true,
            confirmed: true,
        }
    );
    assert_eq!(confirmed.version_marks(1), VersionMarks::default());
}

#[test]
fn a_working_order_s_later_save_is_in_force_and_the_agreed_one_stays_confirmed() {
    let shop = Shop::default_template();
    let o = two_versions(&shop);
    let confirmed = apply(
        &shop,
        &o,
        Op::ConfirmVersion {
            order_id: o.id,
            version: 2,
        },
    );
    let edited = apply(
        &shop,
        &confirmed,
        Op::SetOrderDiscount {
            order_id: o.id,
            discount: Discount::Percent(500),
        },
    );
    assert_eq!(edited.version, 3);
    assert!(edited.version_marks(3).in_force);
    assert!(!edited.version_marks(3).confirmed);
    assert!(edited.version_marks(2).confirmed);
    assert!(!edited.version_marks(2).in_force);
}

#[test]
fn a_version_note_is_trimmed_and_an_empty_one_is_none() {
    assert_eq!(
        version_note(Some("  убрали чехол  ")),
        Ok(Some("убрали чехол".to_owned()))
    );
    assert_eq!(version_note(Some("   ")), Ok(None));
    assert_eq!(version_note(None), Ok(None));
}

#[test]
fn a_version_note_is_bounded_in_characters_not_bytes() {
    // Cyrillic letters are two bytes each: the bound counts what the manager sees.
    let longest = "ж".repeat(VERSION_NOTE_MAX);
    assert_eq!(version_note(Some(&longest)), Ok(Some(longest.clone())));
    let err = version_note(Some(&format!("{longest}ж"))).expect_err("one too many");
    assert_eq!(
        err,
        InputError::VersionNoteTooLong {
            max: VERSION_NOTE_MAX
        }
    );
    assert_eq!(err.field(), InputField::VersionNote);
}

#[test]
fn a_note_names_a_version_the_order_has_and_is_bounded() {
    let shop = Shop::default_template();
    let o = two_versions(&shop);
    let note = |version: i64, text: String| Op::NoteVersion {
        order_id: o.id,
        version,
        note: Some(text),
    };
    let noted = note(1, "первая цена".into())
        .apply(&shop, Role::Manager, Some(&o), now())
        .expect("a note on version 1");
    assert_eq!(noted, o, "a note changes nothing of the order itself");
    let err = note(3, "нет такой".into())
        .apply(&shop, Role::Manager, Some(&o), now())
        .expect_err("no version 3");
    assert_eq!(
        err,
        OpError::UnknownVersion {
            version: 3,
            latest: 2
        }
    );
    let err = note(2, "ж".repeat(VERSION_NOTE_MAX + 1))
        .apply(&shop, Role::Manager, Some(&o), now())
        .expect_err("too long");
    assert!(matches!(
        err,
        OpError::Input(InputError::VersionNoteTooLong { .. })
    ));
    let err = note(2, "сборщик".into())
        .apply(&shop, Role::Picker, Some(&o), now())
        .expect_err("a picker does not write on the bill's versions");
    assert!(matches!(err, OpError::ActionForbidden { .. }));
}

#[test]
fn a_note_op_travels_as_json_with_its_kind_and_saves_no_version() {
    let op = Op::NoteVersion {
        order_id: Uuid::from_u128(7),
        version: 2,
        note: None,
    };
    let json = serde_json::to_value(&op).expect("serializes");
    assert_eq!(json["kind"], "note_version");
    assert_eq!(serde_json::from_value::<Op>(json).expect("reads back"), op);
    assert_eq!(op.kind(), "note_version");
    assert!(!op.saves_version());
    assert_eq!(op.snapshot(Some(&order())), Ok(None));
}
