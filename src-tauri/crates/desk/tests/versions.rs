//! Versions through the desk API (issue 15, point 9): the version in force and the one shown
//! to the customer are marked, a version carries a short note, and a version that changes
//! only the zone is not «the same».

use desk::Desk;
use jiff::{SignedDuration, Timestamp};
use proto::display::rules::{RuleCode, VERSION_NOTE_MAX};
use proto::{
    CommandError, DeliveryChange, DeliveryMethod, ErrorCode, LineEdit, NewLine, NewOrder,
    OrderDetail, PaymentMethod, VersionSummary,
};

fn now() -> Timestamp {
    "2025-03-03T12:00:00Z".parse().expect("valid instant")
}

fn later(minutes: i64) -> Timestamp {
    now()
        .checked_add(SignedDuration::from_mins(minutes))
        .expect("in range")
}

fn courier(zone: Option<&str>) -> DeliveryChange {
    DeliveryChange {
        method: DeliveryMethod::Courier,
        zone: zone.map(str::to_owned),
        address: "г. Москва, ул. Ленина, д. 5".into(),
        window_from: None,
        window_to: None,
    }
}

/// A phone order (a draft, version 1) of `pieces` of the demo's first product.
fn phone_order(desk: &Desk, pieces: i64) -> OrderDetail {
    let product = desk.products().expect("products")[0].id.clone();
    desk.create_order(
        NewOrder {
            customer: "Фёдоров Пётр Ильич".into(),
            phone: "8 (903) 555-12-34".into(),
            email: None,
            delivery: courier(Some("moscow")),
            payment: PaymentMethod::CashOnDelivery,
            lines: vec![NewLine {
                product_id: product,
                quantity: pieces * 1000,
            }],
            comment: None,
        },
        now(),
    )
    .expect("phone order")
}

/// Version 2: one more piece of the first line.
fn second_version(desk: &Desk, o: &OrderDetail) -> OrderDetail {
    let line = &o.lines[0];
    desk.edit_lines(
        &o.id,
        vec![LineEdit::SetQuantity {
            line_id: line.id.clone(),
            quantity: line.quantity + 1000,
        }],
        later(1),
    )
    .expect("a second version")
}

/// (number, in force, shown, confirmed) of each version.
fn marks(list: &[VersionSummary]) -> Vec<(i64, bool, bool, bool)> {
    list.iter()
        .map(|v| (v.number, v.in_force, v.published, v.confirmed))
        .collect()
}

#[test]
fn the_version_in_force_and_the_one_shown_are_marked_and_may_be_the_same() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = Desk::open_demo(dir.path(), now()).expect("open");
    let o = phone_order(&desk, 1);
    let o = second_version(&desk, &o);
    desk.publish_version(&o.id, 1, later(2)).expect("publish 1");
    assert_eq!(
        marks(&desk.versions(&o.id).expect("versions")),
        [(1, false, true, false), (2, false, false, false)],
        "a draft has nothing in force; the customer was shown version 1"
    );
    desk.confirm_version(&o.id, 2, later(3)).expect("confirm 2");
    assert_eq!(
        marks(&desk.versions(&o.id).expect("versions")),
        [(1, false, true, false), (2, true, false, true)]
    );
    desk.publish_version(&o.id, 2, later(4)).expect("publish 2");
    assert_eq!(
        marks(&desk.versions(&o.id).expect("versions")),
        [(1, false, false, false), (2, true, true, true)],
        "one version both in force and shown"
    );
}

#[test]
fn a_version_carries_a_short_note_that_can_be_replaced_and_removed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = Desk::open_demo(dir.path(), now()).expect("open");
    let o = phone_order(&desk, 1);
    let o = second_version(&desk, &o);
    desk.note_version(&o.id, 2, Some("  клиент взял второй  ".into()), later(2))
        .expect("a note");
    let notes = |desk: &Desk| -> Vec<Option<String>> {
        desk.versions(&o.id)
            .expect("versions")
            .into_iter()
            .map(|v| v.note)
            .collect()
    };
    assert_eq!(notes(&desk), [None, Some("клиент взял второй".into())]);
    desk.note_version(&o.id, 1, Some("первая цена".into()), later(3))
        .expect("a note added later on an older version");
    desk.note_version(&o.id, 2, Some("два по просьбе клиента".into()), later(4))
        .expect("a second note replaces the first");
    assert_eq!(
        notes(&desk),
        [
            Some("первая цена".into()),
            Some("два по просьбе клиента".into())
        ]
    );
    desk.note_version(&o.id, 1, Some("   ".into()), later(5))
        .expect("an empty note removes it");
    assert_eq!(notes(&desk), [None, Some("два по просьбе клиента".into())]);

    let history = desk.history(&o.id).expect("history");
    let noted = history.iter().filter(|h| h.kind == "note_version").count();
    assert_eq!(noted, 4, "every note is in the history");
}

#[test]
fn a_version_note_too_long_is_refused_beside_its_field() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = Desk::open_demo(dir.path(), now()).expect("open");
    let o = phone_order(&desk, 1);
    assert_eq!(
        VERSION_NOTE_MAX,
        domain::VERSION_NOTE_MAX,
        "the window's bound is the domain's"
    );
    let longest = "ж".repeat(VERSION_NOTE_MAX);
    desk.note_version(&o.id, 1, Some(longest), later(1))
        .expect("exactly the bound");
    let err = CommandError::from(
        desk.note_version(&o.id, 1, Some("ж".repeat(VERSION_NOTE_MAX + 1)), later(2))
            .expect_err("one character too many"),
    );
    assert_eq!(err.code, ErrorCode::InvalidInput);
    let rule = err.rule.expect("a field message");
    assert_eq!(rule.code, RuleCode::VersionNoteTooLong);
    assert_eq!(rule.field.as_deref(), Some("version_note"));
    assert_eq!(rule.params["max"], VERSION_NOTE_MAX.to_string());
    let err = desk
        .note_version(&o.id, 9, Some("нет такой".into()), later(3))
        .expect_err("no version 9");
    assert_eq!(CommandError::from(err).code, ErrorCode::InvalidInput);
}

#[test]
fn a_version_that_changes_only_the_zone_diffs_as_the_zone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = Desk::open_demo(dir.path(), now()).expect("open");
    // Dear enough to ride free in and out of Moscow: the charge stays 0 ₽ either way.
    let o = phone_order(&desk, 60);
    assert_eq!(o.delivery_cost, 0, "free from 5 000 ₽: {}", o.subtotal);
    let o = desk
        .change_delivery(&o.id, courier(None), later(1))
        .expect("the zone changed");
    assert_eq!(o.version, 2);
    let d = desk.diff_versions(&o.id, 1, 2).expect("diff");
    assert!(!d.is_same(), "not «Версии совпадают»: {d:?}");
    assert_eq!(
        d.delivery_zone.map(|z| (z.before, z.after)),
        Some((Some("moscow".to_owned()), None))
    );
    assert_eq!(d.delivery_cost, None);
    assert_eq!(d.address, None);
    assert_eq!(d.total.before, d.total.after);
}
