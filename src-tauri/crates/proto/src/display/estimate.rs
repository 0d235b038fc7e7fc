//! The lines editor's totals before saving: the order's lines with the manager's pending
//! edits, priced the way the desk prices them (domain::pricing: rounding half away from
//! zero, discounts clamped to what they reduce), so the figures shown at once are the ones
//! the saved version gets. Delivery stays as the order has it: the desk may re-price it
//! from its tariffs on saving, which is why the card marks these totals unsaved.

use crate::{Discount, Kopecks, LineEdit, LineView, Milli, OrderDetail};

/// A 100 % discount in [`Discount::Percent`] units.
const FULL_PERCENT: i64 = 10_000;

/// What the totals table shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Estimate {
    /// Σ round(quantity × price), before discounts.
    pub subtotal: Kopecks,
    /// Line discounts and the order discount together.
    pub discount: Kopecks,
    pub delivery_cost: Kopecks,
    /// subtotal − discount + delivery.
    pub total: Kopecks,
}

/// A line as it would be saved: price, quantity in thousandths, its own discount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PricedLine {
    pub price: Kopecks,
    pub quantity: Milli,
    pub discount: Discount,
}

/// `numerator / denominator` rounded half away from zero (`denominator` > 0).
fn div_round(numerator: i128, denominator: i128) -> i128 {
    let half = denominator / 2;
    if numerator < 0 {
        (numerator - half) / denominator
    } else {
        (numerator + half) / denominator
    }
}

fn clamp_i64(v: i128) -> i64 {
    i64::try_from(v).unwrap_or(if v < 0 { i64::MIN } else { i64::MAX })
}

/// The discount applied to `base`, never below zero nor above `base`.
fn discount_of(discount: Discount, base: Kopecks) -> Kopecks {
    let base = base.max(0);
    let raw = match discount {
        Discount::None => 0,
        Discount::Percent(p) => clamp_i64(div_round(
            i128::from(base) * i128::from(p.clamp(0, FULL_PERCENT)),
            i128::from(FULL_PERCENT),
        )),
        Discount::Amount(a) => a,
    };
    raw.clamp(0, base)
}

/// The totals of `lines` with `order_discount` spread over them and `delivery_cost` added.
pub fn totals(lines: &[PricedLine], order_discount: Discount, delivery_cost: Kopecks) -> Estimate {
    let mut subtotal: i128 = 0;
    let mut line_discounts: i128 = 0;
    for line in lines {
        let gross = clamp_i64(div_round(
            i128::from(line.price) * i128::from(line.quantity),
            1000,
        ))
        .max(0);
        subtotal += i128::from(gross);
        line_discounts += i128::from(discount_of(line.discount, gross));
    }
    let net = clamp_i64(subtotal - line_discounts);
    let discount = line_discounts + i128::from(discount_of(order_discount, net));
    let delivery_cost = delivery_cost.max(0);
    Estimate {
        subtotal: clamp_i64(subtotal),
        discount: clamp_i64(discount),
        delivery_cost,
        total: clamp_i64(subtotal - discount + i128::from(delivery_cost)),
    }
}

/// `order` with `edits` applied: removed lines gone, new quantities, prices and discounts in
/// place, added products priced by `catalogue_price` (their own price when the edit gives
/// one; a product it does not know adds nothing).
pub fn with_edits(
    order: &OrderDetail,
    edits: &[LineEdit],
    catalogue_price: impl Fn(&str) -> Option<Kopecks>,
) -> Estimate {
    lines_with_edits(
        &order.lines,
        order.order_discount_input,
        order.delivery_cost,
        edits,
        catalogue_price,
    )
}

fn lines_with_edits(
    order_lines: &[LineView],
    order_discount: Discount,
    delivery_cost: Kopecks,
    edits: &[LineEdit],
    catalogue_price: impl Fn(&str) -> Option<Kopecks>,
) -> Estimate {
    let mut lines: Vec<PricedLine> = Vec::with_capacity(order_lines.len() + edits.len());
    for line in order_lines {
        let mut priced = PricedLine {
            price: line.price,
            quantity: line.quantity,
            discount: line.discount,
        };
        let mut removed = false;
        for edit in edits {
            match edit {
                LineEdit::Remove { line_id } if *line_id == line.id => removed = true,
                LineEdit::SetQuantity { line_id, quantity } if *line_id == line.id => {
                    priced.quantity = *quantity;
                }
                LineEdit::SetPrice { line_id, price } if *line_id == line.id => {
                    priced.price = *price;
                }
                LineEdit::SetDiscount { line_id, discount } if *line_id == line.id => {
                    priced.discount = *discount;
                }
                _ => {}
            }
        }
        if !removed {
            lines.push(priced);
        }
    }
    for edit in edits {
        if let LineEdit::Add {
            product_id,
            quantity,
            price,
        } = edit
        {
            if let Some(price) = price.or_else(|| catalogue_price(product_id)) {
                lines.push(PricedLine {
                    price,
                    quantity: *quantity,
                    discount: Discount::None,
                });
            }
        }
    }
    totals(&lines, order_discount, delivery_cost)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(price: Kopecks, quantity: Milli, discount: Discount) -> PricedLine {
        PricedLine {
            price,
            quantity,
            discount,
        }
    }

    #[test]
    fn lines_are_rounded_half_away_from_zero_and_discounts_taken_off() {
        // 3 × 333,33 ₽ = 999,99 ₽; 0,5 kg at 0,01 ₽/kg rounds up to a kopeck.
        let e = totals(
            &[
                line(33_333, 3_000, Discount::None),
                line(1, 500, Discount::None),
            ],
            Discount::None,
            30_000,
        );
        assert_eq!((e.subtotal, e.discount, e.total), (100_000, 0, 130_000));
        // 5 % off one line, then 10 % off what is left of the order.
        let e = totals(
            &[
                line(100_000, 1_000, Discount::Percent(500)),
                line(50_000, 2_000, Discount::None),
            ],
            Discount::Percent(1_000),
            0,
        );
        assert_eq!(e.subtotal, 200_000);
        assert_eq!(e.discount, 5_000 + 19_500);
        assert_eq!(e.total, 175_500);
    }

    #[test]
    fn a_discount_never_takes_more_than_the_amount_it_reduces() {
        let e = totals(
            &[line(10_000, 1_000, Discount::Amount(50_000))],
            Discount::Amount(1),
            0,
        );
        assert_eq!((e.discount, e.total), (10_000, 0));
    }

    #[test]
    fn an_overflowing_quantity_saturates_instead_of_panicking() {
        let e = totals(
            &[line(i64::MAX, i64::MAX, Discount::None)],
            Discount::None,
            0,
        );
        assert_eq!(e.subtotal, i64::MAX);
    }

    fn saved(id: &str, price: Kopecks, quantity: Milli) -> LineView {
        LineView {
            sku: id.to_uppercase(),
            name: id.to_owned(),
            unit: "шт".to_owned(),
            quantity,
            price,
            amount: price * quantity / 1000,
            id: id.to_owned(),
            vat_rate: None,
            discount: Discount::None,
            line_discount: 0,
            order_discount: 0,
            net: 0,
            vat: 0,
        }
    }

    #[test]
    fn pending_edits_and_a_picked_product_count_in_the_totals_before_saving() {
        let lines = [saved("a", 100_000, 1_000), saved("b", 50_000, 1_000)];
        let edits = [
            LineEdit::SetQuantity {
                line_id: "a".into(),
                quantity: 2_000,
            },
            LineEdit::Remove {
                line_id: "b".into(),
            },
            LineEdit::Add {
                product_id: "p".into(),
                quantity: 3_000,
                price: None,
            },
            // A product the catalogue no longer has adds nothing rather than a guess.
            LineEdit::Add {
                product_id: "gone".into(),
                quantity: 1_000,
                price: None,
            },
        ];
        let price = |id: &str| (id == "p").then_some(99_900);
        let e = lines_with_edits(&lines, Discount::Amount(1_000), 30_000, &edits, price);
        assert_eq!(e.subtotal, 200_000 + 299_700);
        assert_eq!(e.discount, 1_000);
        assert_eq!(e.total, 200_000 + 299_700 - 1_000 + 30_000);
    }
}
