//! An order as the papers see it: the desk's order mapped into `docs::DocOrder`, and the
//! requisites moved between the form, the store and the documents.

use std::collections::HashMap;

use domain::{Kopecks, Order, PaymentMethod, VatRate};
use jiff::civil::Date;
use jiff::tz::{self, TimeZone};
use jiff::Timestamp;
use uuid::Uuid;

use crate::refusal::delivery_name;
use crate::DeskError;

/// The zone of a shop that never chose one: Moscow's, where most Russian online shops keep
/// their books. Fixed UTC+3 (Moscow has kept it all year since 2014) when the system has no
/// time zone database.
pub(crate) fn default_zone() -> TimeZone {
    TimeZone::get(DEFAULT_ZONE).unwrap_or_else(|_| TimeZone::fixed(tz::offset(3)))
}

pub(crate) const DEFAULT_ZONE: &str = "Europe/Moscow";

/// Papers are dated in the shop's local time.
pub(crate) fn local_date(at: Timestamp, zone: &TimeZone) -> Date {
    at.to_zoned(zone.clone()).date()
}

fn doc_vat(rate: VatRate) -> docs::VatRate {
    match rate.percent() {
        None => docs::VatRate::Exempt,
        Some(p) => docs::VatRate::Percent(u8::try_from(p).unwrap_or(0)),
    }
}

fn payment_form(p: PaymentMethod) -> &'static str {
    match p {
        PaymentMethod::CashOnDelivery => "Наличные курьеру",
        PaymentMethod::CardOnDelivery => "Карта курьеру",
        PaymentMethod::BankTransfer => "Безналичный расчёт",
        PaymentMethod::Online => "Оплачено онлайн",
        PaymentMethod::Marketplace => "Через маркетплейс",
    }
}

/// «23.11 10:00–14:00» in the shop's time, as the courier reads it.
fn window(order: &Order, zone: &TimeZone) -> String {
    let Some(w) = order.delivery_window else {
        return String::new();
    };
    let (from, to) = (w.from.to_zoned(zone.clone()), w.to.to_zoned(zone.clone()));
    format!(
        "{} {}–{}",
        from.strftime("%d.%m"),
        from.strftime("%H:%M"),
        to.strftime("%H:%M")
    )
}

/// A line that is a service rather than goods: no catalogue product and a service unit, as
/// channels bring fees and assembly («усл»). The товарная накладная lists it apart from the goods.
pub(crate) fn is_service(line: &domain::Line) -> bool {
    let unit = line.unit.trim().trim_end_matches('.').to_lowercase();
    line.product_id.is_none() && matches!(unit.as_str(), "усл" | "услуга" | "усл. ед")
}

/// Which papers an order goes on: the customer's show delivery as a line; internal ones
/// (the pick list) show only goods, with storage locations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Audience {
    Customer,
    Warehouse,
}

/// Maps `order` for the papers, dated `date` (the paper's own date); the order's date is its
/// creation day in `zone`. `locations` gives each product's storage cell; line amounts are
/// the order's own (after line and order discounts), never recomputed by the papers.
pub(crate) fn doc_order(
    order: &Order,
    number: String,
    date: Date,
    zone: &TimeZone,
    locations: &HashMap<Uuid, String>,
    audience: Audience,
) -> Result<docs::DocOrder, DeskError> {
    let customer = audience == Audience::Customer;
    let totals = order.totals()?;
    let mut lines = Vec::with_capacity(order.lines.len() + 1);
    for (line, priced) in order.lines.iter().zip(&totals.lines) {
        let quantity = line.quantity.0;
        // A discounted line shows the price actually charged per unit, so that price ×
        // quantity reads as the amount, as accountants expect; the amount stays exact.
        let price = if priced.amount == priced.gross || quantity <= 0 {
            line.price.0
        } else {
            let q = i128::from(quantity);
            let p = (i128::from(priced.amount.0) * 1000 + q / 2) / q;
            i64::try_from(p).unwrap_or(line.price.0)
        };
        lines.push(docs::DocLine {
            sku: line.sku.clone(),
            name: line.name.clone(),
            unit: line.unit.clone(),
            quantity_milli: quantity,
            price_kopecks: price,
            amount_kopecks: priced.amount.0,
            vat: doc_vat(line.vat),
            service: is_service(line),
            storage_location: line
                .product_id
                .and_then(|id| locations.get(&id).cloned())
                .unwrap_or_default(),
        });
    }
    if customer && totals.delivery_cost > Kopecks::ZERO {
        lines.push(docs::DocLine {
            sku: String::new(),
            name: format!("Доставка ({})", delivery_name(order.delivery)),
            unit: "усл.".to_owned(),
            quantity_milli: 1000,
            price_kopecks: totals.delivery_cost.0,
            amount_kopecks: totals.delivery_cost.0,
            vat: doc_vat(order.delivery_vat),
            service: true,
            storage_location: String::new(),
        });
    }
    let phone = proto::display::phone(&order.customer.phone);
    let collect = if matches!(
        order.payment,
        PaymentMethod::CashOnDelivery | PaymentMethod::CardOnDelivery
    ) {
        (totals.total.0 - order.paid()?.0).max(0)
    } else {
        0
    };
    Ok(docs::DocOrder {
        number,
        date,
        order_date: local_date(order.created_at, zone),
        invoice: None,
        buyer: crate::buyer::party(order, phone.clone()),
        lines,
        delivery_address: order.address.clone(),
        delivery_window: window(order, zone),
        phone,
        payment_form: payment_form(order.payment).to_owned(),
        collect_kopecks: collect,
        basis: String::new(),
        notes: order.comment.clone().unwrap_or_default(),
    })
}

/// The stored row as the form shows it and the papers print it (`docs::Requisites` is the
/// same struct as `proto::Requisites`).
pub(crate) fn to_proto(r: store::Requisites) -> proto::Requisites {
    proto::Requisites {
        name: r.name,
        inn: r.inn,
        kpp: r.kpp,
        ogrn: r.ogrn,
        address: r.address,
        phone: r.phone,
        bank_name: r.bank_name,
        bank_name_qr: r.bank_name_qr,
        bic: r.bic,
        settlement_account: r.settlement_account,
        corr_account: r.corr_account,
        director: r.director,
        accountant: r.accountant,
    }
}

/// Trimmed, since a stray space pasted from a bank letter must not fail the check digits.
pub(crate) fn to_store(r: proto::Requisites) -> store::Requisites {
    let t = |s: String| s.trim().to_owned();
    store::Requisites {
        name: t(r.name),
        inn: t(r.inn),
        kpp: t(r.kpp),
        ogrn: t(r.ogrn),
        address: t(r.address),
        phone: t(r.phone),
        bank_name: t(r.bank_name),
        bank_name_qr: t(r.bank_name_qr),
        bic: t(r.bic),
        settlement_account: t(r.settlement_account),
        corr_account: t(r.corr_account),
        director: t(r.director),
        accountant: t(r.accountant),
    }
}
