use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::methods::{Channel, DeliveryMethod, PaymentMethod, VatRate};
use crate::money::{Kopecks, MoneyOverflow, Quantity};
use crate::workflow::StagePosition;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Customer {
    pub id: Uuid,
    /// ФИО as the customer gave it.
    pub name: String,
    /// Digits only (`79161234567`), so any spelling of a number finds it.
    pub phone: String,
    pub email: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Product {
    pub id: Uuid,
    pub sku: String,
    pub name: String,
    /// Unit of measure as printed on documents ("шт", "кг", "м").
    pub unit: String,
    pub price: Kopecks,
    pub vat: VatRate,
    /// Warehouse cell, e.g. `A-03-2`, printed on the pick list.
    pub location: String,
    pub stock: Quantity,
}

/// An order line keeps its own copy of the product's name and price: a later price change must
/// not rewrite what the customer agreed to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    pub product_id: Option<Uuid>,
    pub sku: String,
    pub name: String,
    pub unit: String,
    pub quantity: Quantity,
    pub price: Kopecks,
}

impl Line {
    pub fn amount(&self) -> Result<Kopecks, MoneyOverflow> {
        self.price.times(self.quantity)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Order {
    pub id: Uuid,
    /// The number people say on the phone ("10001"); unique per shop.
    pub number: i64,
    pub channel: Channel,
    pub customer: Customer,
    pub address: String,
    pub delivery: DeliveryMethod,
    pub payment: PaymentMethod,
    pub stage: StagePosition,
    pub lines: Vec<Line>,
    /// Whole-order discount as asked for; [`Totals`] caps it so nothing goes negative.
    pub discount: Kopecks,
    pub delivery_cost: Kopecks,
    pub comment: Option<String>,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    pub subtotal: Kopecks,
    /// The discount actually applied: never more than the subtotal, never below zero.
    pub discount: Kopecks,
    pub delivery_cost: Kopecks,
    pub total: Kopecks,
}

impl Totals {
    /// subtotal = Σ round(quantity × price); total = subtotal − discount + delivery, where
    /// discount and delivery are clamped so bad input cannot produce a negative bill.
    pub fn compute(
        lines: &[Line],
        discount: Kopecks,
        delivery_cost: Kopecks,
    ) -> Result<Totals, MoneyOverflow> {
        let mut subtotal = Kopecks::ZERO;
        for line in lines {
            subtotal = subtotal.checked_add(line.amount()?)?;
        }
        let subtotal = subtotal.max(Kopecks::ZERO);
        let discount = discount.clamp(Kopecks::ZERO, subtotal);
        let delivery_cost = delivery_cost.max(Kopecks::ZERO);
        let total = subtotal.checked_sub(discount)?.checked_add(delivery_cost)?;
        Ok(Totals {
            subtotal,
            discount,
            delivery_cost,
            total,
        })
    }
}

impl Order {
    pub fn totals(&self) -> Result<Totals, MoneyOverflow> {
        Totals::compute(&self.lines, self.discount, self.delivery_cost)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(quantity: i64, price: i64) -> Line {
        Line {
            product_id: None,
            sku: "X".into(),
            name: "x".into(),
            unit: "шт".into(),
            quantity: Quantity(quantity),
            price: Kopecks(price),
        }
    }

    #[test]
    fn totals_add_lines_subtract_discount_add_delivery() {
        let lines = [line(2000, 150_000), line(1500, 19_999)];
        let t = Totals::compute(&lines, Kopecks(10_000), Kopecks(35_000)).expect("in range");
        assert_eq!(t.subtotal, Kopecks(329_999));
        assert_eq!(t.total, Kopecks(329_999 - 10_000 + 35_000));
    }

    #[test]
    fn discount_larger_than_subtotal_is_capped() {
        let t = Totals::compute(&[line(1000, 500)], Kopecks(9_999), Kopecks(0)).expect("in range");
        assert_eq!(t.discount, Kopecks(500));
        assert_eq!(t.total, Kopecks(0));
    }
}
