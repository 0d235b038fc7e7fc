//! Paper dates: an invoice keeps the date it was issued with, and papers citing the order
//! print the day it was placed, however much later they are printed (read back with poppler).

mod common;

use common::{now, open, pdf_text};

use desk::Desk;
use jiff::{SignedDuration, Timestamp};
use proto::DocKind;

/// A demo order placed before `now`, and the day it was placed in the desk's Moscow time.
fn placed_order(desk: &Desk) -> (String, String, String) {
    let row = desk
        .stage_orders("picking", now())
        .expect("stage orders")
        .into_iter()
        .next()
        .expect("a demo order in picking");
    let order = desk.order(&row.id).expect("order");
    let placed = Timestamp::from_millisecond(order.created_at)
        .expect("created_at")
        .to_zoned(jiff::tz::TimeZone::get("Europe/Moscow").expect("zone"))
        .date();
    (
        row.id,
        order.number,
        placed.strftime("%d.%m.%Y").to_string(),
    )
}

#[test]
fn a_reprint_a_day_later_is_the_same_invoice_with_the_same_date() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = open(dir.path());
    desk.set_invoice_prefix("А").expect("prefix");
    let (id, _, _) = placed_order(&desk);
    let first = pdf_text(&desk.document(&id, DocKind::Invoice, now()).expect("first"));
    let title = "Счёт на оплату № А-2026-0001 от 22 ноября 2026 г.";
    assert!(first.contains(title), "{first}");

    let tomorrow = now() + SignedDuration::from_hours(24);
    let reprint = pdf_text(
        &desk
            .document(&id, DocKind::Invoice, tomorrow)
            .expect("reprint"),
    );
    assert!(
        reprint.contains(title),
        "the reprint is another paper:\n{reprint}"
    );
    assert!(!reprint.contains("23 ноября 2026"), "{reprint}");

    // A reopened desk reads the date back from the store, not from the clock.
    drop(desk);
    let desk = open(dir.path());
    let later = now() + SignedDuration::from_hours(24 * 40);
    let again = pdf_text(&desk.document(&id, DocKind::Invoice, later).expect("again"));
    assert!(again.contains(title), "{again}");
}

#[test]
fn papers_citing_the_order_print_the_day_it_was_placed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = open(dir.path());
    desk.set_invoice_prefix("А").expect("prefix");
    let (id, number, placed) = placed_order(&desk);
    let later = now() + SignedDuration::from_hours(24 * 3);
    assert!(
        !placed.starts_with("25.11"),
        "the order must predate the print day"
    );

    let note = pdf_text(
        &desk
            .document(&id, DocKind::DeliveryNote, later)
            .expect("note"),
    );
    assert!(
        note.contains("от 25 ноября 2026 г."),
        "the note's own date:\n{note}"
    );
    let basis = format!("Заказ № {number} от {placed}");
    assert!(note.contains(&basis), "missing «{basis}»:\n{note}");

    let pick = pdf_text(
        &desk
            .document(&id, DocKind::PickList, later)
            .expect("pick list"),
    );
    assert!(pick.contains(&format!("Заказ от {placed}")), "{pick}");

    let pd4 = pdf_text(&desk.document(&id, DocKind::Pd4, later).expect("pd4"));
    let purpose = format!("Оплата заказа № {number} от {placed}");
    assert!(pd4.contains(&purpose), "missing «{purpose}»:\n{pd4}");

    // The waybill cites an invoice only once one is issued, by its own number and date.
    let tn = pdf_text(
        &desk
            .document(&id, DocKind::TransportWaybill, later)
            .expect("tn"),
    );
    assert!(!tn.contains("счёт на оплату"), "{tn}");
    desk.issue_invoice(&id, now()).expect("issue");
    let tn = pdf_text(
        &desk
            .document(&id, DocKind::TransportWaybill, later)
            .expect("tn"),
    );
    assert!(
        tn.contains("счёт на оплату № А-2026-0001 от 22.11.2026"),
        "{tn}"
    );
}
