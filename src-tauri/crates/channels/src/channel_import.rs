//! What every channel's import shares, whatever the channel: the shop's catalogue by SKU,
//! the actor a channel's orders are recorded under, and the op that creates one. The site,
//! 1C and the marketplaces all use it, so it belongs to none of them.

use std::collections::HashMap;

use domain::{
    Actor, ChannelTerms, Discount, Kopecks, Line, Op, Order, Product, Quantity, Role, VatRate,
};
use jiff::Timestamp;
use store::NewOp;
use uuid::Uuid;

use crate::config::Connection;

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

/// The channel's `CreateOrder` of `order` on its `terms`, recorded under the connection.
pub(crate) fn create_op(
    connection: &Connection,
    order: Order,
    terms: ChannelTerms,
    now: Timestamp,
) -> NewOp {
    let op = Op::CreateOrder {
        order: Box::new(order),
        channel: Some(Box::new(terms)),
    };
    channel_op(connection, op, now)
}

/// `op` as made by the connection (its status moves, its site's changes, its imports).
pub(crate) fn channel_op(connection: &Connection, op: Op, now: Timestamp) -> NewOp {
    NewOp {
        id: Uuid::now_v7(),
        actor: channel_actor(connection),
        at: now,
        op,
    }
}
