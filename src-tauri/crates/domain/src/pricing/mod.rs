//! Prices, discounts, VAT and delivery tariffs. Every amount is integer kopecks and every
//! rounding is half away from zero, so the desk, the invoice and the cash register agree.

mod offered;
mod tariff;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

use crate::methods::VatRate;
use crate::money::{div_round, to_kopecks, Kopecks, MoneyOverflow};
use crate::order::Line;

pub use offered::{
    DeliveryPayment, DeliveryPaymentError, Offered, ALL_DELIVERY, ALL_PAYMENT, MAX_TARIFFS,
    MAX_ZONE_CHARS,
};
pub use tariff::{Tariff, Tariffs};

/// A 100 % discount in [`Discount::Percent`] units.
pub const FULL_PERCENT: i64 = 10_000;

/// A discount as the manager gives it. Applied amounts are clamped to the price they reduce,
/// so no discount makes a line or an order negative.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Discount {
    #[default]
    None,
    /// Hundredths of a percent: `1050` is 10.5 %, so "7,5 %" needs no float.
    Percent(i64),
    Amount(Kopecks),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DiscountError {
    #[error("a percent discount must be between 0 and 100 %")]
    PercentOutOfRange,
    #[error("a discount amount cannot be negative")]
    NegativeAmount,
}

impl Discount {
    pub fn validate(self) -> Result<(), DiscountError> {
        match self {
            Discount::Percent(p) if !(0..=FULL_PERCENT).contains(&p) => {
                Err(DiscountError::PercentOutOfRange)
            }
            Discount::Amount(a) if a < Kopecks::ZERO => Err(DiscountError::NegativeAmount),
            _ => Ok(()),
        }
    }

    /// The discount applied to `base`, never below zero nor above `base`.
    pub fn of(self, base: Kopecks) -> Kopecks {
        let base = base.max(Kopecks::ZERO);
        let raw = match self {
            Discount::None => Kopecks::ZERO,
            Discount::Percent(p) => {
                let p = p.clamp(0, FULL_PERCENT);
                Kopecks(
                    i64::try_from(div_round(
                        i128::from(base.0) * i128::from(p),
                        i128::from(FULL_PERCENT),
                    ))
                    .unwrap_or(base.0),
                )
            }
            Discount::Amount(a) => a,
        };
        raw.clamp(Kopecks::ZERO, base)
    }
}

/// One line as priced: what the customer pays for it and the VAT inside.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinePrice {
    /// round(quantity × price), before any discount.
    pub gross: Kopecks,
    pub line_discount: Kopecks,
    /// This line's share of the order discount (shares add up to it exactly).
    pub order_discount: Kopecks,
    /// gross − both discounts: the amount the VAT is taken from.
    pub amount: Kopecks,
    pub vat_rate: VatRate,
    pub vat: Kopecks,
}

/// The VAT of one rate over the whole order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct VatSum {
    pub rate: VatRate,
    /// Tax-inclusive amount at this rate.
    pub base: Kopecks,
    /// Σ of the per-line VAT at this rate — never recomputed from `base`, so the per-rate sum
    /// and the lines printed above it agree to the kopeck.
    pub vat: Kopecks,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    /// Σ gross line amounts, before discounts.
    pub subtotal: Kopecks,
    pub line_discounts: Kopecks,
    pub order_discount: Kopecks,
    /// Every discount applied: line discounts plus the order discount.
    pub discount: Kopecks,
    pub delivery_cost: Kopecks,
    /// subtotal − discount + delivery.
    pub total: Kopecks,
    /// One per line, in line order.
    pub lines: Vec<LinePrice>,
    /// Per rate that occurs, delivery included, in [`VatRate::ALL`] order.
    pub vat: Vec<VatSum>,
}

impl Totals {
    /// Prices `lines` with their own discounts, spreads `order_discount` over them in
    /// proportion to what is left (largest remainder, so no kopeck is lost), takes VAT per
    /// line, and adds delivery taxed at `delivery_vat`.
    pub fn compute(
        lines: &[Line],
        order_discount: Discount,
        delivery_cost: Kopecks,
        delivery_vat: VatRate,
    ) -> Result<Totals, MoneyOverflow> {
        let mut priced = Vec::with_capacity(lines.len());
        let mut subtotal = Kopecks::ZERO;
        let mut line_discounts = Kopecks::ZERO;
        let mut net = Kopecks::ZERO;
        for line in lines {
            let gross = line.amount()?.max(Kopecks::ZERO);
            let line_discount = line.discount.of(gross);
            subtotal = subtotal.checked_add(gross)?;
            line_discounts = line_discounts.checked_add(line_discount)?;
            net = net.checked_add(gross.checked_sub(line_discount)?)?;
            priced.push(LinePrice {
                gross,
                line_discount,
                order_discount: Kopecks::ZERO,
                amount: gross.checked_sub(line_discount)?,
                vat_rate: line.vat,
                vat: Kopecks::ZERO,
            });
        }
        let order_discount = order_discount.of(net);
        let shares = allocate(order_discount, &priced)?;
        for (line, share) in priced.iter_mut().zip(shares) {
            line.order_discount = share;
            line.amount = line.amount.checked_sub(share)?;
            line.vat = line.vat_rate.included_in(line.amount);
        }
        let delivery_cost = delivery_cost.max(Kopecks::ZERO);
        let discount = line_discounts.checked_add(order_discount)?;
        let total = subtotal.checked_sub(discount)?.checked_add(delivery_cost)?;
        let vat = vat_sums(&priced, delivery_cost, delivery_vat)?;
        Ok(Totals {
            subtotal,
            line_discounts,
            order_discount,
            discount,
            delivery_cost,
            total,
            lines: priced,
            vat,
        })
    }

    /// Goods after discounts, without delivery: what a free-delivery threshold compares.
    pub fn goods(&self) -> Kopecks {
        Kopecks(self.subtotal.0 - self.discount.0)
    }

    pub fn vat_total(&self) -> Kopecks {
        Kopecks(self.vat.iter().map(|v| v.vat.0).sum())
    }
}

/// Splits `discount` over the lines in proportion to their amounts: floor shares first, then
/// the remaining kopecks one each to the largest remainders (earlier line wins a tie).
fn allocate(discount: Kopecks, lines: &[LinePrice]) -> Result<Vec<Kopecks>, MoneyOverflow> {
    let base: i128 = lines.iter().map(|l| i128::from(l.amount.0)).sum();
    if discount == Kopecks::ZERO || base == 0 {
        return Ok(vec![Kopecks::ZERO; lines.len()]);
    }
    let d = i128::from(discount.0);
    let mut shares = Vec::with_capacity(lines.len());
    let mut remainders = Vec::with_capacity(lines.len());
    let mut given = 0i128;
    for (i, line) in lines.iter().enumerate() {
        let exact = d * i128::from(line.amount.0);
        shares.push(exact / base);
        remainders.push((exact % base, i));
        given += exact / base;
    }
    remainders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let left = usize::try_from(d - given).map_err(|_| MoneyOverflow)?;
    for &(_, i) in remainders.iter().take(left) {
        shares[i] += 1;
    }
    shares.into_iter().map(to_kopecks).collect()
}

fn vat_sums(
    lines: &[LinePrice],
    delivery_cost: Kopecks,
    delivery_vat: VatRate,
) -> Result<Vec<VatSum>, MoneyOverflow> {
    let mut sums = Vec::new();
    for &rate in VatRate::ALL {
        let mut base = Kopecks::ZERO;
        let mut vat = Kopecks::ZERO;
        let mut present = false;
        for line in lines.iter().filter(|l| l.vat_rate == rate) {
            base = base.checked_add(line.amount)?;
            vat = vat.checked_add(line.vat)?;
            present = true;
        }
        if rate == delivery_vat && delivery_cost > Kopecks::ZERO {
            base = base.checked_add(delivery_cost)?;
            vat = vat.checked_add(rate.included_in(delivery_cost))?;
            present = true;
        }
        if present {
            sums.push(VatSum { rate, base, vat });
        }
    }
    Ok(sums)
}
