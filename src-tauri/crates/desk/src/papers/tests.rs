//! The mapping from the desk's orders to the papers, where the domain's figures must survive.

use std::collections::HashMap;

use domain::{Kopecks, VatRate};
use jiff::Timestamp;

use super::doc_order::{doc_order, Audience};
use crate::Desk;

fn now() -> Timestamp {
    "2026-11-22T09:00:00Z".parse().expect("instant")
}

/// Regression: orders with goods at 22% and 10% were refused; now every line keeps its own
/// rate and the paper's per-rate VAT is exactly what the order card computes.
#[test]
fn mixed_rate_order_maps_each_line_rate_and_the_domain_vat_per_rate() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = Desk::open_demo(dir.path(), now()).expect("open");
    let row = desk
        .store
        .stage_orders("picking")
        .expect("queue")
        .into_iter()
        .next()
        .expect("a demo order in picking");
    let mut order = desk.store.order(row.id).expect("order");
    assert!(!order.lines.is_empty());
    order.lines[0].vat = VatRate::Vat10;
    order.delivery_cost = Kopecks(59_900);
    let totals = order.totals().expect("priced");
    let mapped = doc_order(
        &order,
        "А-2026-0001".into(),
        jiff::civil::date(2026, 11, 22),
        &super::doc_order::default_zone(),
        &HashMap::new(),
        Audience::Customer,
    )
    .expect("a mixed order maps");
    assert_eq!(mapped.lines[0].vat, docs::VatRate::Percent(10));
    let delivery = mapped.lines.last().expect("delivery line");
    assert_eq!(delivery.vat, docs::VatRate::Percent(22));
    // Delivery is a service: the товарная накладная lists it apart from the goods.
    assert!(delivery.service);
    assert!(mapped.lines[..mapped.lines.len() - 1]
        .iter()
        .all(|l| !l.service));
    assert!(mapped.has_mixed_vat());
    let mut from_domain: Vec<(u8, i64)> = totals
        .vat
        .iter()
        .map(|v| {
            let rate = v
                .rate
                .percent()
                .map_or(255, |p| u8::try_from(p).expect("a small rate"));
            (rate, v.vat.0)
        })
        .collect();
    let mut on_paper: Vec<(u8, i64)> = mapped
        .vat_by_rate()
        .iter()
        .map(|v| match v.rate {
            docs::VatRate::Percent(p) => (p, v.vat_kopecks),
            docs::VatRate::Exempt => (255, v.vat_kopecks),
        })
        .collect();
    from_domain.sort_unstable();
    on_paper.sort_unstable();
    assert_eq!(on_paper, from_domain);
    assert_eq!(mapped.total_kopecks(), totals.total.0);
    let pdf = docs::invoice::invoice(&docs::Requisites::default(), &mapped).expect("renders");
    assert!(pdf.starts_with(b"%PDF"));
}

/// Requisites saved before the form checked the QR's bank name limit still reach a ПД-4: the
/// refusal is the manager's to fix, named by the form's label, not an internal fault.
#[test]
fn a_bank_name_too_long_for_the_qr_is_invalid_input_named_as_the_form_names_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = Desk::open_demo(dir.path(), now()).expect("open");
    let mut stored = desk.store.requisites().expect("read").expect("demo");
    stored.bank_name = "Публичное акционерное общество «Сбербанк России», г. Москва".into();
    desk.store
        .set_requisites(stored.clone(), now())
        .expect("save unchecked");
    let row = desk.store.stage_orders("picking").expect("queue").remove(0);
    let err = desk
        .document(&row.id.to_string(), proto::DocKind::Pd4, now())
        .expect_err("the QR cannot carry the name");
    assert_eq!(err.code(), proto::ErrorCode::InvalidInput);
    let error = proto::CommandError::from(err);
    let message = error.message;
    assert!(message.contains("«Наименование банка»"), "{message}");
    assert!(!message.contains("BankName"), "{message}");
    // The window words it in English from the typed reason, with the form's English label
    // (it showed the Russian text in the English window).
    let reason = error.reason.expect("a typed reason");
    let english = reason.wording(proto::display::Lang::En);
    assert!(english.contains("“Bank name”"), "{english}");
    assert!(english.contains("45 characters"), "{english}");
    assert!(!english.contains("BankName"), "{english}");
    assert_eq!(reason.wording(proto::display::Lang::Ru), message);

    // With a short name for the QR the same shop prints its receipt.
    stored.bank_name_qr = "ПАО СБЕРБАНК".into();
    desk.store.set_requisites(stored, now()).expect("save");
    desk.document(&row.id.to_string(), proto::DocKind::Pd4, now())
        .expect("the ПД-4 prints");
}
