//! A Yandex Market order as an OrderDesk order: marketplace channel, FBS (the market
//! delivers) or DBS (the shop delivers), the shipment day's end as the deadline where stricter,
//! lines by `offerId`; unknown offers kept and flagged.

use domain::{
    Channel, Customer, DeliveryMethod, Discount, Kopecks, Op, Order, PaymentMethod, Quantity,
    StagePosition,
};
use jiff::Timestamp;
use store::{ImportItem, NewOp};
use uuid::Uuid;

use super::model::YmOrder;
use crate::config::Connection;
use crate::market_import::MarketOrder;
use crate::money;
use crate::woo::import::{channel_actor, Catalog};

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
    let op = order(connection, catalog, ym, now, &mut flags).map(|order| NewOp {
        id: Uuid::now_v7(),
        actor: channel_actor(connection),
        at: now,
        op: Op::CreateOrder {
            order: Box::new(order),
            channel: None,
        },
    });
    ImportItem {
        external_id: ym.id.to_string(),
        remote_status: ym.status.clone(),
        remote_modified: modified,
        flags,
        op,
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
        let price = unit_price(item)
            .ok_or_else(|| format!("line {:?}: price {:?}", item.offer_id, item.prices))?;
        lines.push(catalog.marketplace_line(
            &item.offer_id,
            String::new,
            item.offer_name.clone(),
            Quantity(item.count.saturating_mul(1000)),
            price,
            flags,
        ));
    }
    if lines.is_empty() {
        return Err("the order has no items".to_owned());
    }
    let cutoff = ym.cutoff();
    Ok(Order {
        id: Uuid::now_v7(),
        number: 0,
        channel: Channel::Marketplace,
        customer: Customer {
            id: Uuid::now_v7(),
            // The business-level list carries no buyer: `…/orders/{id}/buyer` would cost a
            // call per order.
            name: "Покупатель Маркета".to_owned(),
            phone: String::new(),
            email: None,
        },
        address: String::new(),
        delivery: if ym.is_dbs() {
            DeliveryMethod::Courier
        } else {
            DeliveryMethod::MarketplaceLogistics
        },
        delivery_zone: None,
        delivery_window: None,
        delivery_vat: catalog.vat,
        payment: PaymentMethod::Online,
        stage: StagePosition {
            stage_id: String::new(),
            entered_at: now,
            deadline: cutoff,
        },
        lines,
        discount: Discount::None,
        delivery_cost: Kopecks::ZERO,
        comment: Some(format!(
            "{} {} №{}",
            connection.name,
            if ym.is_dbs() { "DBS" } else { "FBS" },
            ym.id
        )),
        created_at: now,
        draft: true,
        version: 1,
        published_version: None,
        confirmed_version: None,
        original_total: Kopecks::ZERO,
        delivery_fixed: false,
        buyer: domain::Buyer::Person,
        places: None,
        payments: Vec::new(),
        calls: Vec::new(),
    })
}

/// The buyer's price of one unit: the spec gives what was paid for all the item's units,
/// split evenly here, to the nearest kopeck (half up).
fn unit_price(item: &super::model::YmItem) -> Option<Kopecks> {
    let total = money::kopecks_json(&item.prices.payment.as_ref()?.value)?;
    if total < Kopecks::ZERO || item.count <= 0 {
        return None;
    }
    let count = item.count;
    Some(Kopecks((total.0 + count / 2) / count))
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
