//! A WooCommerce order as an OrderDesk order: customer, lines matched by SKU, delivery and
//! payment through the connection's maps. What does not fit is kept and flagged, not dropped.

use domain::{
    Channel, ChannelNumber, ChannelTerms, Customer, Discount, DraftOf, Kopecks, Line, Order,
    Payment, PaymentMethod, Quantity,
};
use jiff::Timestamp;
use store::ImportItem;
use uuid::Uuid;

use super::client::parse_gmt;
use super::model::{Address, ShippingLine, WooOrder};
use crate::channel_import::{create_op, Catalog};
use crate::config::{Connection, Settings};
use crate::money;

pub fn to_import(
    connection: &Connection,
    catalog: &Catalog,
    woo: &WooOrder,
    now: Timestamp,
) -> ImportItem {
    let mut flags = Vec::new();
    let modified = woo
        .date_modified_gmt
        .as_deref()
        .and_then(parse_gmt)
        .unwrap_or_else(|| {
            flags.push("no_modified_date".to_owned());
            now
        });
    let rule = connection.status_map.rule_for_status(&woo.status);
    if rule.is_none() {
        flags.push(format!("unknown_status:{}", woo.status));
    }
    let op = order(connection, catalog, woo, now, &mut flags).map(|(order, mut terms)| {
        terms.stage = rule.map(|r| r.stage_id.clone());
        create_op(connection, order, terms, now)
    });
    ImportItem {
        external_id: woo.id.to_string(),
        remote_status: woo.status.clone(),
        remote_modified: modified,
        flags,
        op,
    }
}

/// Statuses a customer reaches only after checking out (and, for most, paying): the order
/// is confirmed on the site and is no draft here.
const CONFIRMED_STATUSES: &[&str] = &["processing", "on-hold", "completed", "refunded"];

/// The order as the site has it: its lines at the site's prices with coupons as line
/// discounts, fees as lines (negative ones as the order's discount), its shipping charge,
/// payments and refunds, and its creation date. The totals come out equal to the site's
/// `total`; an order where they cannot is flagged `site_total` with both amounts.
fn order(
    connection: &Connection,
    catalog: &Catalog,
    woo: &WooOrder,
    now: Timestamp,
    flags: &mut Vec<String>,
) -> Result<(Order, ChannelTerms), String> {
    let settings = &connection.settings;
    let mut lines = lines(catalog, woo, flags)?;
    let mut order_discount = Kopecks::ZERO;
    for fee in &woo.fee_lines {
        let amount = money::kopecks(&fee.total)
            .ok_or_else(|| format!("fee {:?}: total {:?}", fee.name, fee.total))?;
        if amount < Kopecks::ZERO {
            order_discount = order_discount
                .checked_sub(amount)
                .map_err(|_| format!("fee {:?}: total {:?}", fee.name, fee.total))?;
        } else if amount > Kopecks::ZERO {
            lines.push(service_line(catalog, fee.id, &fee.name, amount));
        }
    }
    let shipping = woo.shipping_lines.first();
    let delivery = super::shipping::delivery_for(settings, shipping);
    let delivery_cost = woo
        .shipping_lines
        .iter()
        .try_fold(Kopecks::ZERO, |sum, s| {
            let cost = money::kopecks(&s.total)?;
            sum.checked_add(cost).ok()
        })
        .filter(|c| *c >= Kopecks::ZERO)
        .ok_or_else(|| format!("shipping: total {:?}", woo.shipping_total))?;
    let payment = payment(settings, &woo.payment_method);
    // The billing address is the company's legal one; the order's own is where it goes.
    let (buyer, buyer_flag) = super::buyer::buyer(woo, address(&woo.billing));
    flags.extend(buyer_flag.map(str::to_owned));
    let mut address = if woo.shipping.address_1.is_empty() && woo.shipping.city.is_empty() {
        address(&woo.billing)
    } else {
        address(&woo.shipping)
    };
    if let Some(point) = shipping.and_then(pickup_point) {
        address = point;
    }
    let (customer, phone_note) = customer(&woo.billing, &woo.shipping);
    let site_number = if woo.number.is_empty() {
        woo.id.to_string()
    } else {
        woo.number.clone()
    };
    let mut comment = Vec::new();
    if !woo.customer_note.trim().is_empty() {
        comment.push(woo.customer_note.trim().to_owned());
    }
    comment.push(format!(
        "{} №{site_number}: {} {}, доставка {} ({}), оплата {}",
        connection.name,
        woo.total,
        woo.currency,
        woo.shipping_total,
        shipping.map_or("—", |s| s.method_title.as_str()),
        woo.payment_method_title,
    ));
    // The company is also the order's buyer (above); the note keeps the site's words.
    if !woo.billing.company.trim().is_empty() {
        comment.push(format!(
            "Покупатель — организация: {}",
            woo.billing.company.trim()
        ));
    }
    if let Some(note) = phone_note {
        comment.push(format!("Телефон: {note}"));
    }
    for coupon in &woo.coupon_lines {
        comment.push(format!("Купон {}: −{}", coupon.code, coupon.discount));
    }
    for fee in &woo.fee_lines {
        comment.push(format!("{}: {}", fee.name, fee.total));
    }
    let placed_at = woo
        .date_created_gmt
        .as_deref()
        .and_then(parse_gmt)
        .unwrap_or(now);
    let payments = payments(woo, payment, now)?;
    let order = Order {
        address,
        discount: if order_discount > Kopecks::ZERO {
            Discount::Amount(order_discount)
        } else {
            Discount::None
        },
        delivery_cost,
        delivery_fixed: true,
        buyer,
        comment: Some(comment.join("\n")),
        // When the buyer placed it on the site; it enters the first stage now.
        created_at: placed_at,
        ..Order::new_draft(DraftOf {
            id: Uuid::now_v7(),
            channel: Channel::Site,
            customer,
            delivery,
            payment,
            delivery_vat: catalog.vat,
            lines,
            at: now,
            deadline: None,
        })
    };
    let ours = order.totals().map_err(|e| e.to_string())?.total;
    match money::kopecks(&woo.total) {
        Some(site) if site == ours => {}
        _ => flags.push(format!("site_total:{}≠{}", woo.total, money::decimal(ours))),
    }
    let terms = ChannelTerms {
        placed_at,
        stage: None,
        confirmed: CONFIRMED_STATUSES.contains(&woo.status.as_str()),
        payments,
        number: Some(ChannelNumber {
            number: site_number,
            connection_id: connection.id,
            connection: connection.name.clone(),
        }),
    };
    Ok((order, terms))
}

/// Paid on the site: the order's total, when the site says it was paid; each refund is a
/// payment out. A refund's own date is not in the order, so it takes the order's last change.
fn payments(woo: &WooOrder, method: PaymentMethod, now: Timestamp) -> Result<Vec<Payment>, String> {
    let mut out = Vec::new();
    if let Some(paid_at) = woo.date_paid_gmt.as_deref().and_then(parse_gmt) {
        let total = money::kopecks(&woo.total).ok_or_else(|| format!("total {:?}", woo.total))?;
        if total > Kopecks::ZERO {
            out.push(Payment {
                id: Uuid::now_v7(),
                amount: total,
                method,
                at: paid_at,
                note: Some(format!("Оплачен на сайте ({})", woo.payment_method_title)),
                corrects: None,
            });
        }
    }
    let refunded_at = woo
        .date_modified_gmt
        .as_deref()
        .and_then(parse_gmt)
        .unwrap_or(now);
    for refund in &woo.refunds {
        let amount = money::kopecks(&refund.total)
            .ok_or_else(|| format!("refund {}: total {:?}", refund.id, refund.total))?;
        // The site lists refunds with a negative total; a positive one is the same refund.
        let amount = if amount > Kopecks::ZERO {
            Kopecks(-amount.0)
        } else {
            amount
        };
        if amount == Kopecks::ZERO {
            continue;
        }
        out.push(Payment {
            id: Uuid::now_v7(),
            amount,
            method,
            at: refunded_at,
            note: Some(if refund.reason.trim().is_empty() {
                "Возврат на сайте".to_owned()
            } else {
                format!("Возврат на сайте: {}", refund.reason.trim())
            }),
            corrects: None,
        });
    }
    Ok(out)
}

/// A carrier's pickup point from the shipping line's meta: «ПВЗ KRA950: Краснодар, …».
fn pickup_point(shipping: &ShippingLine) -> Option<String> {
    let find = |words: &[&str]| {
        shipping.meta_data.iter().find_map(|m| {
            let label = m.label().to_lowercase();
            words
                .iter()
                .any(|w| label.contains(w))
                .then(|| m.text())
                .flatten()
        })
    };
    let code = find(&[
        "код пвз",
        "код пункта",
        "pvz_code",
        "point_code",
        "pickup_code",
    ]);
    let place = find(&[
        "пункт выдачи",
        "адрес пвз",
        "pvz",
        "pickup point",
        "pickup_point",
    ])
    .filter(|p| Some(*p) != code);
    match (code, place) {
        (Some(code), Some(place)) => Some(format!("ПВЗ {code}: {place}")),
        (Some(code), None) => Some(format!("ПВЗ {code}")),
        (None, Some(place)) => Some(format!("ПВЗ: {place}")),
        (None, None) => None,
    }
}

fn service_line(catalog: &Catalog, fee_id: i64, name: &str, amount: Kopecks) -> Line {
    Line {
        id: Uuid::now_v7(),
        product_id: None,
        sku: format!("woo-fee-{fee_id}"),
        name: name.to_owned(),
        unit: "усл".to_owned(),
        quantity: Quantity(1000),
        price: amount,
        vat: catalog.vat,
        discount: Discount::None,
    }
}

/// Each line at its undiscounted unit price with the coupons' share as the line's discount,
/// so quantity × price − discount is the site's line total to the kopeck. The price is
/// rounded up where the subtotal does not divide by the quantity, and the discount takes
/// the difference.
fn lines(catalog: &Catalog, woo: &WooOrder, flags: &mut Vec<String>) -> Result<Vec<Line>, String> {
    let mut out = Vec::with_capacity(woo.line_items.len() + woo.fee_lines.len());
    for item in &woo.line_items {
        let quantity = money::quantity_json(&item.quantity)
            .filter(|q| q.0 > 0)
            .ok_or_else(|| format!("line {:?}: quantity {}", item.name, item.quantity))?;
        let total = money::kopecks(&item.total)
            .or_else(|| {
                let price = money::kopecks_json(&item.price)?;
                price.times(quantity).ok()
            })
            .filter(|t| *t >= Kopecks::ZERO)
            .ok_or_else(|| format!("line {:?}: total {:?}", item.name, item.total))?;
        let subtotal = money::kopecks(&item.subtotal)
            .filter(|s| *s >= total)
            .unwrap_or(total);
        let price = unit_price_up(subtotal, quantity)
            .ok_or_else(|| format!("line {:?}: price {}", item.name, item.price))?;
        let gross = price
            .times(quantity)
            .map_err(|_| format!("line {:?}: price {}", item.name, item.price))?;
        let off = Kopecks(gross.0 - total.0);
        // A variation's line carries the variation's own SKU: it matches that product of
        // ours, not the variable parent.
        let sku = item.sku.clone().unwrap_or_default();
        let product = catalog.by_sku.get(&sku).filter(|_| !sku.is_empty());
        let site_id = match item.variation_id {
            0 => item.product_id.to_string(),
            v => format!("{}-{v}", item.product_id),
        };
        if product.is_none() {
            flags.push(if sku.is_empty() {
                format!("no_sku:{site_id}")
            } else {
                format!("unknown_sku:{sku}")
            });
        }
        out.push(Line {
            id: Uuid::now_v7(),
            product_id: product.map(|p| p.id),
            sku: if sku.is_empty() {
                format!("woo-{site_id}")
            } else {
                sku
            },
            name: item.name.clone(),
            unit: product.map_or_else(|| "шт".to_owned(), |p| p.unit.clone()),
            quantity,
            // The site's price is what the customer agreed to, even if ours differs.
            price,
            vat: product.map_or(catalog.vat, |p| p.vat_rate(catalog.vat)),
            discount: if off > Kopecks::ZERO {
                Discount::Amount(off)
            } else {
                Discount::None
            },
        });
    }
    if out.is_empty() {
        return Err("the order has no lines".to_owned());
    }
    Ok(out)
}

/// The smallest whole-kopeck price whose quantity × price is not below `amount`.
fn unit_price_up(amount: Kopecks, quantity: Quantity) -> Option<Kopecks> {
    if quantity.0 <= 0 || amount < Kopecks::ZERO {
        return None;
    }
    let scaled = i128::from(amount.0) * 1000;
    let q = i128::from(quantity.0);
    let mut price = i64::try_from((scaled + q - 1) / q).ok()?;
    // `times` rounds half away from zero: step down while a smaller price still reaches it.
    while price > 0
        && Kopecks(price - 1)
            .times(quantity)
            .is_ok_and(|g| g >= amount)
    {
        price -= 1;
    }
    Some(Kopecks(price))
}

fn payment(settings: &Settings, method: &str) -> PaymentMethod {
    settings
        .payment
        .get(method)
        .copied()
        .unwrap_or(settings.default_payment)
}

/// The buyer, with the phone as one number (`79161234567`) and whatever else was typed in
/// the phone field («доб. 982», «спросить Ольгу») returned apart for the order's note.
fn customer(billing: &Address, shipping: &Address) -> (Customer, Option<String>) {
    let name = [&billing.last_name, &billing.first_name]
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let raw = billing
        .phone
        .as_deref()
        .filter(|p| !p.trim().is_empty())
        .or(shipping.phone.as_deref())
        .unwrap_or("");
    let (phone, rest) = crate::phone::split(raw);
    (
        Customer {
            id: Uuid::now_v7(),
            name: if name.is_empty() {
                billing.company.trim().to_owned()
            } else {
                name
            },
            phone,
            email: billing.email.clone().filter(|e| !e.trim().is_empty()),
        },
        rest,
    )
}

fn address(a: &Address) -> String {
    [
        &a.postcode,
        &a.country,
        &a.state,
        &a.city,
        &a.address_1,
        &a.address_2,
    ]
    .iter()
    .filter(|s| !s.is_empty())
    .map(|s| s.as_str())
    .collect::<Vec<_>>()
    .join(", ")
}
