//! The demo shop, opened only when asked for (the first-run screen, `--demo`): about 300
//! orders of an electronics and home-goods store, spread over the workflow, placed relative
//! to the `now` passed in so that some are overdue. Deterministic: the same `now` gives the
//! same shop.
//!
//! No ops rows are written for these orders: they are imported state, not something a user
//! did, and the audit starts with the first real action.

mod catalog;
mod people;
mod requisites;

pub use people::SURNAMES;
pub(crate) use requisites::requisites;

use domain::{
    Channel, DeliveryMethod, Discount, Kopecks, Line, Order, PaymentMethod, Quantity,
    StagePosition, Tariffs, Totals, VatRate, Workflow,
};
use fastrand::Rng;
use jiff::{SignedDuration, Timestamp};
use store::Seed;
use uuid::Uuid;

const SEED: u64 = 0x0DE5_C0DE_2025;
const FIRST_NUMBER: i64 = 10_001;
const CUSTOMERS: usize = 230;
/// More orders in the early stages, a good share done, a few cancelled: 300 in all.
const PER_STAGE: &[(&str, usize)] = &[
    ("new", 32),
    ("call", 40),
    ("picking", 38),
    ("courier_call", 20),
    ("awaiting_payment", 22),
    ("courier_delivery", 25),
    ("post_delivery", 20),
    ("cash_in", 15),
    ("done", 80),
    ("cancelled", 8),
];
/// The demo shop's default VAT rate, as in [`domain::Shop::default_template`].
const SHOP_VAT: VatRate = VatRate::Vat22;
const PICKUP_POINT: &str = "Самовывоз: г. Москва, ул. Складочная, д. 1, стр. 4";
const COMMENTS: &[&str] = &[
    "Позвонить за час до доставки",
    "Домофон не работает, звонить на мобильный",
    "Нужен счёт и закрывающие документы на ООО",
    "Подарок — упаковать, чек не вкладывать",
    "Доставка после 18:00",
    "Проверить комплектацию при курьере",
];

/// A v7 id from the demo's random stream, so ids repeat with the shop.
pub(super) fn id(rng: &mut Rng, unix_ms: i64) -> Uuid {
    let mut bytes = [0u8; 10];
    rng.fill(&mut bytes);
    uuid::Builder::from_unix_timestamp_millis(u64::try_from(unix_ms).unwrap_or(0), &bytes)
        .into_uuid()
}

pub(crate) fn shop(now: Timestamp, workflow: &Workflow) -> Seed {
    let mut rng = Rng::with_seed(SEED);
    let epoch_ms = now.as_millisecond() - 90 * 24 * 3_600_000;
    let products = catalog::products(&mut rng, epoch_ms);
    let people = people::people(&mut rng, CUSTOMERS, epoch_ms);
    let mut orders = Vec::new();
    for &(stage_id, count) in PER_STAGE {
        if workflow.stage(stage_id).is_none() {
            continue;
        }
        for _ in 0..count {
            let person = &people[rng.usize(..people.len())];
            orders.push(order(&mut rng, now, workflow, stage_id, person, &products));
        }
    }
    orders.sort_by_key(|o| (o.created_at, o.id));
    for (number, order) in (FIRST_NUMBER..).zip(orders.iter_mut()) {
        order.number = number;
    }
    Seed {
        products,
        customers: people.into_iter().map(|p| p.customer).collect(),
        orders,
    }
}

fn order(
    rng: &mut Rng,
    now: Timestamp,
    workflow: &Workflow,
    stage_id: &str,
    person: &people::Person,
    products: &[domain::Product],
) -> Order {
    // Draw methods until their route passes this stage: an order in post delivery is sent by
    // post, one awaiting payment pays by transfer, and so on.
    let (mut channel, mut delivery, mut payment) = methods(rng);
    for _ in 0..100 {
        let route = workflow.route(delivery, payment);
        if stage_id == "cancelled" || route.iter().any(|s| s.id == stage_id) {
            break;
        }
        (channel, delivery, payment) = methods(rng);
    }
    let route = workflow.route(delivery, payment);
    let steps_before = route
        .iter()
        .position(|s| s.id == stage_id)
        .unwrap_or_else(|| rng.usize(0..3));
    let stage = workflow.stage(stage_id);
    let elapsed = match stage.and_then(|s| s.time_limit) {
        // Between 5 % and 135 % of the limit: roughly a quarter of them overdue.
        Some(limit) => limit.as_millis() * i128::from(rng.u32(5..=135)) / 100,
        None => i128::from(rng.i64(3_600_000..20 * 24 * 3_600_000)),
    };
    let entered_at = minus_ms(now, i64::try_from(elapsed).unwrap_or(0));
    let waited: i64 = (0..steps_before)
        .map(|_| rng.i64(20 * 60_000..6 * 3_600_000))
        .sum();
    let created_at = minus_ms(entered_at, waited);
    let lines = lines(rng, products, created_at.as_millisecond());
    let subtotal = Totals::compute(&lines, Discount::None, Kopecks::ZERO, SHOP_VAT)
        .map(|t| t.subtotal)
        .unwrap_or(Kopecks::ZERO);
    let discount = discount(rng, subtotal);
    let address = match delivery {
        DeliveryMethod::Pickup => PICKUP_POINT.to_owned(),
        DeliveryMethod::MarketplaceLogistics => format!("Пункт выдачи: {}", person.address),
        DeliveryMethod::Courier | DeliveryMethod::Post => person.address.clone(),
    };
    let zone = (delivery == DeliveryMethod::Courier && address.contains("г. Москва"))
        .then(|| "moscow".to_owned());
    let goods = Totals::compute(&lines, discount, Kopecks::ZERO, SHOP_VAT)
        .map(|t| t.goods())
        .unwrap_or(Kopecks::ZERO);
    let delivery_cost = Tariffs::default_template()
        .cost(delivery, zone.as_deref(), goods)
        .unwrap_or(Kopecks::ZERO);
    let mut order = Order {
        id: id(rng, created_at.as_millisecond()),
        number: 0,
        channel,
        customer: person.customer.clone(),
        delivery_cost,
        delivery_zone: zone,
        delivery_window: None,
        delivery_vat: SHOP_VAT,
        address,
        delivery,
        payment,
        stage: StagePosition {
            stage_id: stage_id.to_owned(),
            entered_at,
            deadline: stage.and_then(|s| s.deadline(entered_at)),
        },
        lines,
        discount,
        comment: (rng.u8(..10) < 2).then(|| pick(rng, COMMENTS).to_owned()),
        created_at,
        draft: false,
        version: 1,
        published_version: None,
        confirmed_version: None,
        original_total: Kopecks::ZERO,
        delivery_fixed: false,
        buyer: domain::Buyer::Person,
        places: None,
        payments: Vec::new(),
        calls: Vec::new(),
    };
    order.original_total = order.totals().map(|t| t.total).unwrap_or(Kopecks::ZERO);
    order
}

fn minus_ms(at: Timestamp, ms: i64) -> Timestamp {
    at.checked_sub(SignedDuration::from_millis(ms))
        .unwrap_or(at)
}

fn pick<T: Copy>(rng: &mut Rng, items: &[T]) -> T {
    items[rng.usize(..items.len())]
}

fn weighted<T: Copy>(rng: &mut Rng, items: &[(T, u32)]) -> T {
    let total: u32 = items.iter().map(|(_, w)| w).sum();
    let mut roll = rng.u32(..total.max(1));
    for &(item, weight) in items {
        if roll < weight {
            return item;
        }
        roll -= weight;
    }
    items[0].0
}

fn methods(rng: &mut Rng) -> (Channel, DeliveryMethod, PaymentMethod) {
    use DeliveryMethod::*;
    use PaymentMethod::*;
    let channel = weighted(
        rng,
        &[
            (Channel::Site, 50),
            (Channel::Phone, 30),
            (Channel::Marketplace, 20),
        ],
    );
    let (delivery, payment) = match channel {
        Channel::Marketplace => (MarketplaceLogistics, Marketplace),
        Channel::Site => {
            let d = weighted(rng, &[(Courier, 45), (Post, 25), (Pickup, 30)]);
            let p = match d {
                Pickup => weighted(
                    rng,
                    &[(CashOnDelivery, 40), (CardOnDelivery, 40), (Online, 20)],
                ),
                Post => weighted(
                    rng,
                    &[(Online, 50), (CashOnDelivery, 40), (BankTransfer, 10)],
                ),
                _ => weighted(
                    rng,
                    &[
                        (Online, 35),
                        (CashOnDelivery, 30),
                        (CardOnDelivery, 25),
                        (BankTransfer, 10),
                    ],
                ),
            };
            (d, p)
        }
        Channel::Phone => (
            weighted(rng, &[(Courier, 55), (Post, 15), (Pickup, 30)]),
            weighted(
                rng,
                &[
                    (CashOnDelivery, 45),
                    (CardOnDelivery, 30),
                    (BankTransfer, 15),
                    (Online, 10),
                ],
            ),
        ),
    };
    (channel, delivery, payment)
}

fn lines(rng: &mut Rng, products: &[domain::Product], created_ms: i64) -> Vec<Line> {
    let count = weighted(rng, &[(1usize, 40), (2, 30), (3, 15), (4, 10), (5, 5)]);
    let mut chosen: Vec<&domain::Product> = Vec::with_capacity(count);
    while chosen.len() < count.min(products.len()) {
        let p = &products[rng.usize(..products.len())];
        if !chosen.iter().any(|c| c.id == p.id) {
            chosen.push(p);
        }
    }
    chosen
        .into_iter()
        .map(|p| {
            let quantity = if p.unit == "м" {
                Quantity::units(rng.i64(5..=50))
            } else if p.price < Kopecks::rubles(1500) {
                Quantity::units(weighted(rng, &[(1, 60), (2, 25), (3, 10), (4, 5)]))
            } else {
                Quantity::units(weighted(rng, &[(1, 85), (2, 15)]))
            };
            p.line(id(rng, created_ms), quantity, SHOP_VAT)
        })
        .collect()
}

fn discount(rng: &mut Rng, subtotal: Kopecks) -> Discount {
    match rng.u8(..100) {
        0..=9 => Discount::Percent(500),
        10..=14 => Discount::Amount(Kopecks::rubles(pick(rng, &[300, 500])).min(subtotal)),
        _ => Discount::None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Timestamp {
        "2025-03-03T12:00:00Z".parse().expect("valid instant")
    }

    #[test]
    fn same_now_gives_the_same_shop() {
        let wf = Workflow::default_template();
        assert_eq!(shop(now(), &wf), shop(now(), &wf));
    }

    #[test]
    fn every_order_is_on_a_route_through_its_stage() {
        let wf = Workflow::default_template();
        let seed = shop(now(), &wf);
        assert_eq!(seed.orders.len(), 300);
        for o in &seed.orders {
            if o.stage.stage_id == "cancelled" {
                continue;
            }
            let route = wf.route(o.delivery, o.payment);
            assert!(
                route.iter().any(|s| s.id == o.stage.stage_id),
                "{} ({:?}/{:?}) cannot be in {}",
                o.number,
                o.delivery,
                o.payment,
                o.stage.stage_id
            );
            assert!(o.created_at <= o.stage.entered_at && o.stage.entered_at <= now());
            assert!((1..=5).contains(&o.lines.len()));
        }
        let overdue = seed
            .orders
            .iter()
            .filter(|o| o.stage.deadline.is_some_and(|d| d < now()))
            .count();
        assert!((20..150).contains(&overdue), "{overdue} overdue");
    }
}
