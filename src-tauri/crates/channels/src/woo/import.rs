//! A WooCommerce order as an OrderDesk order: customer, lines matched by SKU, delivery and
//! payment through the connection's maps. What does not fit is kept and flagged, not dropped.

use std::collections::HashMap;

use domain::{
    Actor, Channel, Customer, Discount, Kopecks, Line, Op, Order, PaymentMethod, Product, Quantity,
    Role, StagePosition, VatRate,
};
use jiff::Timestamp;
use store::{ImportItem, NewOp};
use uuid::Uuid;

use super::client::parse_gmt;
use super::model::{Address, WooOrder};
use crate::config::{Connection, Settings};
use crate::money;

/// What the import needs to know about our side.
pub struct Catalog {
    pub by_sku: HashMap<String, Product>,
    pub vat: VatRate,
}

impl Catalog {
    pub fn new(products: Vec<Product>, vat: VatRate) -> Catalog {
        Catalog {
            by_sku: products.into_iter().map(|p| (p.sku.clone(), p)).collect(),
            vat,
        }
    }

    /// A marketplace's line: our product with this `sku` (flagged `unknown_sku` when there
    /// is none), at the price the buyer paid; a line without a SKU is named `fallback_sku()`.
    pub(crate) fn marketplace_line(
        &self,
        sku: &str,
        fallback_sku: impl FnOnce() -> String,
        name: String,
        quantity: Quantity,
        price: Kopecks,
        flags: &mut Vec<String>,
    ) -> Line {
        let product = self.by_sku.get(sku).filter(|_| !sku.is_empty());
        if product.is_none() {
            flags.push(format!("unknown_sku:{sku}"));
        }
        Line {
            id: Uuid::now_v7(),
            product_id: product.map(|p| p.id),
            sku: if sku.is_empty() {
                fallback_sku()
            } else {
                sku.to_owned()
            },
            name,
            unit: product.map_or_else(|| "шт".to_owned(), |p| p.unit.clone()),
            quantity,
            price,
            vat: product.map_or(self.vat, |p| p.vat_rate(self.vat)),
            discount: Discount::None,
        }
    }
}

/// The actor channel imports are recorded under.
pub fn channel_actor(connection: &Connection) -> Actor {
    Actor {
        id: format!("channel:{}", connection.id),
        name: connection.name.clone(),
        role: Role::Admin,
    }
}

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
    if connection.status_map.rule_for_status(&woo.status).is_none() {
        flags.push(format!("unknown_status:{}", woo.status));
    }
    let op = order(connection, catalog, woo, now, &mut flags).map(|order| NewOp {
        id: Uuid::now_v7(),
        actor: channel_actor(connection),
        at: now,
        op: Op::CreateOrder {
            order: Box::new(order),
        },
    });
    ImportItem {
        external_id: woo.id.to_string(),
        remote_status: woo.status.clone(),
        remote_modified: modified,
        flags,
        op,
    }
}

fn order(
    connection: &Connection,
    catalog: &Catalog,
    woo: &WooOrder,
    now: Timestamp,
    flags: &mut Vec<String>,
) -> Result<Order, String> {
    let settings = &connection.settings;
    let lines = lines(catalog, woo, flags)?;
    let shipping_method = woo.shipping_lines.first().map(|s| s.method_id.as_str());
    let delivery = shipping_method
        .and_then(|m| settings.delivery.get(m).copied())
        .unwrap_or(settings.default_delivery);
    let payment = payment(settings, &woo.payment_method);
    let address = if woo.shipping.address_1.is_empty() && woo.shipping.city.is_empty() {
        address(&woo.billing)
    } else {
        address(&woo.shipping)
    };
    let mut comment = Vec::new();
    if !woo.customer_note.trim().is_empty() {
        comment.push(woo.customer_note.trim().to_owned());
    }
    comment.push(format!(
        "{} №{}: {} {}, доставка {} ({}), оплата {}",
        connection.name,
        if woo.number.is_empty() {
            woo.id.to_string()
        } else {
            woo.number.clone()
        },
        woo.total,
        woo.currency,
        woo.shipping_total,
        woo.shipping_lines
            .first()
            .map_or("—", |s| s.method_title.as_str()),
        woo.payment_method_title,
    ));
    if woo.date_paid_gmt.is_some() {
        flags.push("paid_on_site".to_owned());
    }
    let discount = match money::kopecks(&woo.discount_total) {
        Some(k) if k > Kopecks::ZERO => {
            // Line totals already carry coupon discounts; the difference is kept visible.
            flags.push(format!("site_discount:{}", woo.discount_total));
            Discount::None
        }
        _ => Discount::None,
    };
    Ok(Order {
        id: Uuid::now_v7(),
        number: 0,
        channel: Channel::Site,
        customer: customer(&woo.billing, &woo.shipping),
        address,
        delivery,
        delivery_zone: None,
        delivery_window: None,
        delivery_vat: catalog.vat,
        payment,
        stage: StagePosition {
            stage_id: String::new(),
            entered_at: now,
            deadline: None,
        },
        lines,
        discount,
        delivery_cost: Kopecks::ZERO,
        comment: Some(comment.join("\n")),
        created_at: now,
        draft: true,
        version: 1,
        published_version: None,
        confirmed_version: None,
        original_total: Kopecks::ZERO,
        payments: Vec::new(),
        calls: Vec::new(),
    })
}

fn lines(catalog: &Catalog, woo: &WooOrder, flags: &mut Vec<String>) -> Result<Vec<Line>, String> {
    let mut out = Vec::with_capacity(woo.line_items.len());
    for item in &woo.line_items {
        let quantity = money::quantity_json(&item.quantity)
            .filter(|q| q.0 > 0)
            .ok_or_else(|| format!("line {:?}: quantity {}", item.name, item.quantity))?;
        let price = money::kopecks_json(&item.price)
            .or_else(|| unit_price(&item.subtotal, quantity))
            .filter(|p| *p >= Kopecks::ZERO)
            .ok_or_else(|| format!("line {:?}: price {}", item.name, item.price))?;
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
            discount: Discount::None,
        });
    }
    if out.is_empty() {
        return Err("the order has no lines".to_owned());
    }
    Ok(out)
}

fn unit_price(subtotal: &str, quantity: Quantity) -> Option<Kopecks> {
    let total = money::kopecks(subtotal)?;
    (quantity.0 > 0).then(|| Kopecks(total.0 * 1000 / quantity.0))
}

fn payment(settings: &Settings, method: &str) -> PaymentMethod {
    settings
        .payment
        .get(method)
        .copied()
        .unwrap_or(settings.default_payment)
}

fn customer(billing: &Address, shipping: &Address) -> Customer {
    let name = [&billing.last_name, &billing.first_name]
        .iter()
        .filter(|s| !s.is_empty())
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let phone = billing
        .phone
        .as_deref()
        .filter(|p| !p.is_empty())
        .or(shipping.phone.as_deref())
        .unwrap_or("");
    Customer {
        id: Uuid::now_v7(),
        name: if name.is_empty() {
            billing.company.clone()
        } else {
            name
        },
        phone: phone.chars().filter(char::is_ascii_digit).collect(),
        email: billing.email.clone().filter(|e| !e.is_empty()),
    }
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
