//! A MegaMarket shipment as an OrderDesk order: a marketplace order delivered by MegaMarket,
//! the shipping deadline as the first stage's deadline where stricter, items merged into lines
//! by `offerId` and price, unknown offers kept and flagged.

use domain::{
    Channel, Customer, DeliveryMethod, DraftOf, Kopecks, Line, Order, PaymentMethod, Quantity,
};
use jiff::Timestamp;
use store::ImportItem;
use uuid::Uuid;

use super::model::{parse_time, Shipment};
use crate::channel_import::{create_op, Catalog};
use crate::config::Connection;
use crate::market_import::MarketOrder;
use crate::market_terms::{channel_terms, MarketTerms};
use crate::money;

pub use crate::market_import::CANCELLED_THERE;

pub fn to_import(
    connection: &Connection,
    catalog: &Catalog,
    shipment: &Shipment,
    now: Timestamp,
) -> ImportItem {
    let status = shipment.status();
    let mut flags = vec!["model:megamarket".to_owned()];
    if connection.status_map.rule_for_status(&status).is_none() {
        flags.push(format!("unknown_status:{status}"));
    }
    if shipment.is_cancelled() {
        flags.push(CANCELLED_THERE.to_owned());
    }
    let op = order(connection, catalog, shipment, now, &mut flags).and_then(|order| {
        let terms = channel_terms(connection, terms(shipment), &order, now, &mut flags)?;
        Ok(create_op(connection, order, terms, now))
    });
    ImportItem {
        external_id: shipment.shipment_id.clone(),
        remote_status: status,
        // A shipment carries no modification instant: each read is the newest we know.
        remote_modified: now,
        flags,
        op,
    }
}

/// MegaMarket settles with the shop for every shipment it sells, however the buyer paid it:
/// a shipment that stands is paid as far as the shop is concerned.
fn terms(shipment: &Shipment) -> MarketTerms {
    MarketTerms {
        number: shipment.shipment_id.clone(),
        placed_at: shipment.creation_date.as_deref().and_then(parse_time),
        confirmed: true,
        paid: !shipment.is_cancelled(),
        paid_note: "Оплачен на Мегамаркете",
    }
}

fn order(
    connection: &Connection,
    catalog: &Catalog,
    s: &Shipment,
    now: Timestamp,
    flags: &mut Vec<String>,
) -> Result<Order, String> {
    let mut lines: Vec<Line> = Vec::new();
    // Items cancelled in a shipment that stands are not sold: they are not the order's money.
    // A shipment cancelled whole keeps them, so its order shows what was ordered.
    let items: Vec<_> = if s.is_cancelled() {
        s.items.iter().collect()
    } else {
        s.live_items().collect()
    };
    for item in items {
        let price = money::kopecks_json(&item.final_price)
            .or_else(|| money::kopecks_json(&item.price))
            .filter(|k| *k >= Kopecks::ZERO)
            .ok_or_else(|| format!("item {:?}: price {}", item.offer_id, item.final_price))?;
        let quantity = Quantity(item.pieces().saturating_mul(1000));
        // MegaMarket lists one item per piece: the same offer at the same price is one line.
        if let Some(line) = lines
            .iter_mut()
            .find(|l| l.sku == item.offer_id && l.price == price)
        {
            line.quantity = Quantity(line.quantity.0.saturating_add(quantity.0));
            continue;
        }
        lines.push(catalog.marketplace_line(
            &item.offer_id,
            || format!("mm-{}", item.goods_id),
            item.name().to_owned(),
            quantity,
            price,
            flags,
        ));
    }
    if lines.is_empty() {
        return Err("the shipment has no items".to_owned());
    }
    let deadline_text = s.shipping_deadline();
    let cutoff = deadline_text.and_then(parse_time);
    if deadline_text.is_some() && cutoff.is_none() {
        flags.push("bad_shipping_deadline".to_owned());
    }
    let label = s.label.clone().unwrap_or_default();
    let name = [&s.customer_full_name, &label.full_name]
        .into_iter()
        .find(|n| !n.is_empty())
        .cloned()
        .unwrap_or_else(|| "Покупатель Мегамаркета".to_owned());
    let address = [&s.customer_address, &label.address]
        .into_iter()
        .find(|n| !n.is_empty())
        .cloned()
        .unwrap_or_default();
    Ok(Order {
        address,
        comment: Some(format!(
            "{} №{} ({}), отгрузить до {}",
            connection.name,
            s.shipment_id,
            s.order_code,
            crate::market_terms::ship_by_text(cutoff, deadline_text),
        )),
        ..Order::new_draft(DraftOf {
            id: Uuid::now_v7(),
            channel: Channel::Marketplace,
            customer: Customer {
                id: Uuid::now_v7(),
                name,
                phone: String::new(),
                email: None,
            },
            delivery: DeliveryMethod::MarketplaceLogistics,
            // The buyer paid MegaMarket; MegaMarket pays the shop.
            payment: PaymentMethod::Online,
            delivery_vat: catalog.vat,
            lines,
            at: now,
            deadline: cutoff,
        })
    })
}

impl MarketOrder for Shipment {
    fn external_id(&self) -> String {
        self.shipment_id.clone()
    }

    fn status(&self) -> String {
        Shipment::status(self)
    }

    fn cancellation(&self) -> Option<String> {
        self.is_cancelled()
            .then(|| "cancelled on MegaMarket".to_owned())
    }
}
