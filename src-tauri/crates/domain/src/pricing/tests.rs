use uuid::Uuid;

use super::*;
use crate::methods::DeliveryMethod;
use crate::money::Quantity;

fn line(quantity: i64, price: i64, vat: VatRate, discount: Discount) -> Line {
    Line {
        id: Uuid::nil(),
        product_id: None,
        sku: "X".into(),
        name: "x".into(),
        unit: "шт".into(),
        quantity: Quantity(quantity),
        price: Kopecks(price),
        vat,
        discount,
    }
}

#[test]
fn totals_add_lines_subtract_discounts_add_delivery() {
    let lines = [
        line(2000, 150_000, VatRate::Vat22, Discount::Percent(1000)),
        line(1500, 19_999, VatRate::Vat10, Discount::None),
    ];
    let t = Totals::compute(
        &lines,
        Discount::Amount(Kopecks(10_000)),
        Kopecks(35_000),
        VatRate::Vat22,
    )
    .expect("in range");
    assert_eq!(t.subtotal, Kopecks(329_999));
    assert_eq!(t.line_discounts, Kopecks(30_000));
    assert_eq!(t.order_discount, Kopecks(10_000));
    assert_eq!(t.total, Kopecks(329_999 - 40_000 + 35_000));
    let amounts: i64 = t.lines.iter().map(|l| l.amount.0).sum();
    assert_eq!(amounts + 35_000, t.total.0);
}

#[test]
fn discount_larger_than_the_price_is_capped() {
    let lines = [line(
        1000,
        500,
        VatRate::Vat22,
        Discount::Amount(Kopecks(900)),
    )];
    let t = Totals::compute(
        &lines,
        Discount::Amount(Kopecks(9_999)),
        Kopecks(0),
        VatRate::Vat22,
    )
    .expect("in range");
    assert_eq!(t.discount, Kopecks(500));
    assert_eq!(t.total, Kopecks(0));
    assert_eq!(Discount::Percent(12_000).of(Kopecks(100)), Kopecks(100));
    assert_eq!(Discount::Amount(Kopecks(-5)).of(Kopecks(100)), Kopecks(0));
    assert!(Discount::Percent(10_001).validate().is_err());
}

/// 100 kopecks over three equal lines cannot split evenly: the spare kopeck goes to the
/// first line instead of being lost to rounding.
#[test]
fn order_discount_is_spread_without_losing_a_kopeck() {
    let lines = [
        line(1000, 1_000, VatRate::Vat22, Discount::None),
        line(1000, 1_000, VatRate::Vat10, Discount::None),
        line(1000, 1_000, VatRate::None, Discount::None),
    ];
    let t = Totals::compute(
        &lines,
        Discount::Amount(Kopecks(100)),
        Kopecks(0),
        VatRate::Vat22,
    )
    .expect("in range");
    let shares: Vec<i64> = t.lines.iter().map(|l| l.order_discount.0).collect();
    assert_eq!(shares, [34, 33, 33]);
    assert_eq!(t.total, Kopecks(2_900));
}

#[test]
fn vat_is_summed_per_rate_with_delivery_at_the_shop_rate() {
    let lines = [
        line(1000, 12_200, VatRate::Vat22, Discount::None),
        line(1000, 11_000, VatRate::Vat10, Discount::None),
        line(1000, 12_200, VatRate::Vat22, Discount::None),
    ];
    let t =
        Totals::compute(&lines, Discount::None, Kopecks(12_200), VatRate::Vat22).expect("in range");
    assert_eq!(
        t.vat,
        [
            VatSum {
                rate: VatRate::Vat10,
                base: Kopecks(11_000),
                vat: Kopecks(1_000)
            },
            VatSum {
                rate: VatRate::Vat22,
                base: Kopecks(36_600),
                vat: Kopecks(6_600)
            },
        ]
    );
    assert_eq!(t.vat_total(), Kopecks(7_600));
}

#[test]
fn tariff_prefers_the_zone_and_ships_free_above_the_threshold() {
    let tariffs = Tariffs::default_template();
    let courier = DeliveryMethod::Courier;
    assert_eq!(
        tariffs.cost(courier, Some("moscow"), Kopecks::rubles(100)),
        Some(Kopecks::rubles(350))
    );
    assert_eq!(
        tariffs.cost(courier, Some("tver"), Kopecks::rubles(100)),
        Some(Kopecks::rubles(590))
    );
    assert_eq!(
        tariffs.cost(courier, None, Kopecks::rubles(5_000)),
        Some(Kopecks::ZERO)
    );
    assert_eq!(Tariffs::default().cost(courier, None, Kopecks::ZERO), None);
}
