//! Which date each paper prints: its own (the invoice's issue day) or, where it cites the
//! order, the day the order was placed — never the print day for the latter.
mod common;

use common::{order, out_dir, pdf_text, shop, write};
use docs::transport_waybill::Carriage;

#[test]
fn papers_citing_the_order_print_the_day_it_was_placed() {
    let (dir, _guard) = out_dir();
    let o = order(2);
    let note = docs::delivery_note::delivery_note(&shop(), &o, None).expect("note");
    let text = pdf_text(&write(&dir, "dates-note.pdf", &note));
    assert!(text.contains("Товарная накладная № 2026-0412 от 22 ноября 2026 г."));
    assert!(text.contains("Заказ № 2026-0412 от 20.11.2026"), "{text}");

    let pick = docs::pick_list::pick_list(&o).expect("pick list");
    let text = pdf_text(&write(&dir, "dates-pick.pdf", &pick));
    assert!(text.contains("Заказ от 20.11.2026"), "{text}");

    assert_eq!(
        docs::pd4::purpose(&o),
        "Оплата заказа № 2026-0412 от 20.11.2026"
    );
    let payload = docs::pd4::payment_payload(&shop(), &o).expect("payload");
    assert!(payload.contains("Purpose=Оплата заказа № 2026-0412 от 20.11.2026"));
}

#[test]
fn waybill_cites_the_order_by_its_date_and_only_an_issued_invoice() {
    let (dir, _guard) = out_dir();
    let carriage = Carriage {
        number: "2026-0412".into(),
        date: Some(jiff::civil::date(2026, 11, 22)),
        ..Carriage::default()
    };
    let mut o = order(2);
    let pdf = docs::transport_waybill::transport_waybill(&shop(), &o, &carriage).expect("tn");
    let text = pdf_text(&write(&dir, "dates-tn.pdf", &pdf));
    assert!(
        text.contains("по заказу № 2026-0412 от 20.11.2026"),
        "{text}"
    );
    assert!(
        !text.contains("счёт на оплату"),
        "no invoice was issued:\n{text}"
    );

    o.invoice = Some(("А-2026-0007".into(), jiff::civil::date(2026, 11, 21)));
    let pdf = docs::transport_waybill::transport_waybill(&shop(), &o, &carriage).expect("tn");
    let text = pdf_text(&write(&dir, "dates-tn-invoice.pdf", &pdf));
    assert!(
        text.contains("счёт на оплату № А-2026-0007 от 21.11.2026"),
        "{text}"
    );
}
