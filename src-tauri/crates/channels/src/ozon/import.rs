//! An Ozon posting as an OrderDesk order: a marketplace order delivered by marketplace
//! logistics (FBS) or by the shop (rFBS), the shipment cutoff as the first stage's deadline
//! where it is stricter, lines matched by `offer_id` to our SKUs. What does not fit is kept
//! and flagged.

use domain::{Channel, Customer, DeliveryMethod, DraftOf, Kopecks, Order, PaymentMethod, Quantity};
use jiff::Timestamp;
use store::ImportItem;
use uuid::Uuid;

use super::model::Posting;
use crate::channel_import::{create_op, Catalog};
use crate::config::Connection;
use crate::market_import::MarketOrder;
use crate::market_terms::{channel_terms, MarketTerms};
use crate::money;

/// The flag that says who delivers; pushes read it to skip rFBS-only actions.
pub const RFBS: &str = "model:rfbs";
pub const FBS: &str = "model:fbs";
pub use crate::market_import::CANCELLED_THERE;

pub fn to_import(
    connection: &Connection,
    catalog: &Catalog,
    posting: &Posting,
    now: Timestamp,
) -> ImportItem {
    let mut flags = vec![if posting.is_rfbs() { RFBS } else { FBS }.to_owned()];
    if connection
        .status_map
        .rule_for_status(&posting.status)
        .is_none()
    {
        flags.push(format!("unknown_status:{}", posting.status));
    }
    if posting.is_cancelled() {
        flags.push(CANCELLED_THERE.to_owned());
    }
    let op = order(connection, catalog, posting, now, &mut flags).and_then(|order| {
        let terms = channel_terms(connection, terms(posting), &order, now, &mut flags)?;
        Ok(create_op(connection, order, terms, now))
    });
    ImportItem {
        external_id: posting.posting_number.clone(),
        remote_status: posting.status.clone(),
        // Ozon's posting carries no modification instant: each read is the newest we know.
        remote_modified: now,
        flags,
        op,
    }
}

/// An Ozon buyer pays when ordering, Ozon pays the shop: a posting that stands is paid.
fn terms(posting: &Posting) -> MarketTerms {
    let placed_at = posting
        .in_process_at
        .as_deref()
        .and_then(|d| d.trim().parse::<Timestamp>().ok());
    MarketTerms {
        number: posting.posting_number.clone(),
        placed_at,
        confirmed: true,
        paid: !posting.is_cancelled(),
        paid_note: "Оплачен на Ozon",
    }
}

fn order(
    connection: &Connection,
    catalog: &Catalog,
    posting: &Posting,
    now: Timestamp,
    flags: &mut Vec<String>,
) -> Result<Order, String> {
    if posting.posting_number.is_empty() {
        return Err("the posting has no number".to_owned());
    }
    let mut lines = Vec::with_capacity(posting.products.len());
    for p in &posting.products {
        if p.quantity <= 0 {
            return Err(format!("line {:?}: quantity {}", p.offer_id, p.quantity));
        }
        let price = money::kopecks(&p.price)
            .filter(|k| *k >= Kopecks::ZERO)
            .ok_or_else(|| format!("line {:?}: price {:?}", p.offer_id, p.price))?;
        // Ozon's price is what the buyer paid, whatever our catalogue says.
        lines.push(catalog.marketplace_line(
            &p.offer_id,
            || format!("ozon-{}", p.sku),
            p.name.clone(),
            Quantity(p.quantity.saturating_mul(1000)),
            price,
            flags,
        ));
    }
    if lines.is_empty() {
        return Err("the posting has no products".to_owned());
    }
    let cutoff = posting
        .shipment_date
        .as_deref()
        .and_then(|d| d.parse::<Timestamp>().ok());
    if posting.shipment_date.is_some() && cutoff.is_none() {
        flags.push("bad_shipment_date".to_owned());
    }
    let customer = posting.customer.clone().unwrap_or_default();
    let addressee = posting.addressee.clone().unwrap_or_default();
    let address = customer
        .address
        .as_ref()
        .map(|a| {
            [&a.zip_code, &a.region, &a.city, &a.address_tail]
                .iter()
                .filter(|s| !s.is_empty())
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default();
    let name = [&customer.name, &addressee.name]
        .into_iter()
        .find(|n| !n.is_empty())
        .cloned()
        .unwrap_or_else(|| "Покупатель Ozon".to_owned());
    let phone = [&customer.phone, &addressee.phone]
        .into_iter()
        .find(|n| !n.is_empty())
        .map(|p| p.chars().filter(char::is_ascii_digit).collect())
        .unwrap_or_default();
    let model = if posting.is_rfbs() { "rFBS" } else { "FBS" };
    let comment = format!(
        "{} {} №{} ({}), отгрузить до {}",
        connection.name,
        model,
        posting.posting_number,
        posting.order_number,
        crate::market_terms::ship_by_text(cutoff, posting.shipment_date.as_deref()),
    );
    Ok(Order {
        address,
        // Ozon's list carries no delivery charge for the shop: what the buyer paid for
        // delivery is Ozon's, and our own tariff is not the buyer's (so none, as drafted).
        comment: Some(comment),
        ..Order::new_draft(DraftOf {
            id: Uuid::now_v7(),
            channel: Channel::Marketplace,
            customer: Customer {
                id: Uuid::now_v7(),
                name,
                phone,
                email: None,
            },
            delivery: if posting.is_rfbs() {
                DeliveryMethod::Courier
            } else {
                DeliveryMethod::MarketplaceLogistics
            },
            // The buyer paid Ozon; Ozon pays the shop.
            payment: PaymentMethod::Online,
            delivery_vat: catalog.vat,
            lines,
            at: now,
            deadline: cutoff,
        })
    })
}

impl MarketOrder for Posting {
    fn external_id(&self) -> String {
        self.posting_number.clone()
    }

    fn status(&self) -> String {
        self.status.clone()
    }

    fn cancellation(&self) -> Option<String> {
        self.is_cancelled().then(|| match &self.cancellation {
            Some(c) => format!("cancelled on Ozon: {}", c.cancel_reason),
            None => "cancelled on Ozon".to_owned(),
        })
    }
}
