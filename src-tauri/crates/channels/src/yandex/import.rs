//! A Yandex Market order as an OrderDesk order: marketplace channel, FBS (the market
//! delivers) or DBS (the shop delivers), the shipment day's end as the deadline where stricter,
//! lines by `offerId`; unknown offers kept and flagged.

use domain::{Channel, Customer, DeliveryMethod, DraftOf, Kopecks, Order, PaymentMethod, Quantity};
use jiff::Timestamp;
use store::ImportItem;
use uuid::Uuid;

use super::model::YmOrder;
use crate::channel_import::{create_op, Catalog};
use crate::config::Connection;
use crate::market_import::MarketOrder;
use crate::market_terms::{channel_terms, MarketTerms};
use crate::money;

pub const DBS: &str = "model:dbs";
pub const FBS: &str = "model:fbs";

pub fn to_import(
    connection: &Connection,
    catalog: &Catalog,
    ym: &YmOrder,
    now: Timestamp,
) -> ImportItem {
    let mut flags = vec![if ym.is_dbs() { DBS } else { FBS }.to_owned()];
    if connection.status_map.rule_for_status(&ym.status).is_none() {
        flags.push(format!("unknown_status:{}", ym.status));
    }
    let modified = ym.updated().unwrap_or(now);
    let op = order(connection, catalog, ym, now, &mut flags).and_then(|order| {
        let terms = channel_terms(connection, terms(ym), &order, now, &mut flags)?;
        Ok(create_op(connection, order, terms, now))
    });
    ImportItem {
        external_id: ym.id.to_string(),
        remote_status: ym.status.clone(),
        remote_modified: modified,
        flags,
        op,
    }
}

/// Statuses of a basket the buyer has not yet paid or the market not yet passed on.
const UNPLACED: &[&str] = &["UNPAID", "PLACING", "RESERVED", "PENDING"];

fn terms(ym: &YmOrder) -> MarketTerms {
    let unplaced = UNPLACED.contains(&ym.status.as_str());
    MarketTerms {
        number: ym.id.to_string(),
        placed_at: ym.created(),
        confirmed: !unplaced,
        // Paid on receipt, the money is collected later (by our courier for DBS).
        paid: ym.payment_type == "PREPAID" && !unplaced && ym.status != "CANCELLED",
        paid_note: "Оплачен на Яндекс Маркете",
    }
}

/// How the buyer pays: to the market when ordering, or on receipt — which our courier
/// collects when the shop delivers itself.
fn payment_method(ym: &YmOrder) -> PaymentMethod {
    if ym.payment_type != "POSTPAID" || !ym.is_dbs() {
        return PaymentMethod::Online;
    }
    match ym.payment_method.as_str() {
        "CASH_ON_DELIVERY" => PaymentMethod::CashOnDelivery,
        _ => PaymentMethod::CardOnDelivery,
    }
}

fn order(
    connection: &Connection,
    catalog: &Catalog,
    ym: &YmOrder,
    now: Timestamp,
    flags: &mut Vec<String>,
) -> Result<Order, String> {
    let mut lines = Vec::with_capacity(ym.items.len());
    for item in &ym.items {
        if item.count <= 0 {
            return Err(format!("line {:?}: count {}", item.offer_id, item.count));
        }
        let (price, dearer) = unit_prices(item)
            .ok_or_else(|| format!("line {:?}: price {:?}", item.offer_id, item.prices))?;
        let line = catalog.marketplace_line(
            &item.offer_id,
            String::new,
            item.offer_name.clone(),
            Quantity((item.count - dearer).saturating_mul(1000)),
            price,
            flags,
        );
        // Units the item's total does not split into evenly cost a kopeck more each, on a
        // line of their own: the order's sum stays the market's to the kopeck.
        let more = (dearer > 0).then(|| {
            let mut more = line.clone();
            more.id = Uuid::now_v7();
            more.quantity = Quantity(dearer.saturating_mul(1000));
            more.price = Kopecks(price.0.saturating_add(1));
            more
        });
        lines.push(line);
        lines.extend(more);
    }
    if lines.is_empty() {
        return Err("the order has no items".to_owned());
    }
    let cutoff = ym.cutoff();
    // The shop delivering itself charges what the market took from the buyer for it; the
    // market's own delivery is not the shop's money.
    let delivery_cost = match ym.prices.delivery.as_ref().and_then(|d| d.payment.as_ref()) {
        Some(paid) if ym.is_dbs() => money::kopecks_json(&paid.value)
            .filter(|k| *k >= Kopecks::ZERO)
            .ok_or_else(|| format!("delivery price {:?}", paid.value))?,
        _ => Kopecks::ZERO,
    };
    let draft = Order::new_draft(DraftOf {
        id: Uuid::now_v7(),
        channel: Channel::Marketplace,
        customer: Customer {
            id: Uuid::now_v7(),
            // The business-level list carries no buyer: `…/orders/{id}/buyer` would cost a
            // call per order.
            name: "Покупатель Маркета".to_owned(),
            phone: String::new(),
            email: None,
        },
        delivery: if ym.is_dbs() {
            DeliveryMethod::Courier
        } else {
            DeliveryMethod::MarketplaceLogistics
        },
        payment: payment_method(ym),
        delivery_vat: catalog.vat,
        lines,
        at: now,
        deadline: cutoff,
    });
    Ok(Order {
        delivery_cost,
        comment: Some(format!(
            "{} {} №{}",
            connection.name,
            if ym.is_dbs() { "DBS" } else { "FBS" },
            ym.id
        )),
        ..draft
    })
}

/// The price of one unit and how many units cost a kopeck more: the spec gives the item's
/// price for all its units together (what the buyer paid, and the part paid with Plus
/// points, which the market makes good to the shop).
fn unit_prices(item: &super::model::YmItem) -> Option<(Kopecks, i64)> {
    let paid = money::kopecks_json(&item.prices.payment.as_ref()?.value)?;
    let points = match &item.prices.cashback {
        Some(c) => money::kopecks_json(&c.value)?,
        None => Kopecks::ZERO,
    };
    let total = paid.checked_add(points).ok()?;
    if paid < Kopecks::ZERO || points < Kopecks::ZERO || item.count <= 0 {
        return None;
    }
    Some((Kopecks(total.0 / item.count), total.0 % item.count))
}

impl MarketOrder for YmOrder {
    fn external_id(&self) -> String {
        self.id.to_string()
    }

    fn status(&self) -> String {
        self.status.clone()
    }

    fn cancellation(&self) -> Option<String> {
        (self.status == "CANCELLED").then(|| "cancelled on Yandex Market".to_owned())
    }
}
