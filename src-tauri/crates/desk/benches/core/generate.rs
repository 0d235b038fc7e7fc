//! A shop with a long history: most orders done years ago, a working set of active ones in
//! the stages with a clock, three lines each, written through the store's import in large
//! transactions.

use std::path::Path;
use std::time::Instant;

use domain::{
    Channel, Customer, DeliveryMethod, Discount, Kopecks, Order, PaymentMethod, Quantity,
    StageKind, StagePosition, VatRate,
};
use fastrand::Rng;
use jiff::Timestamp;
use store::{Seed, Store};
use uuid::Uuid;

/// Orders per import transaction: big enough to amortise the commit, small enough to keep
/// the batch in memory comfortably.
const CHUNK: usize = 50_000;
const FIRST_NUMBER: i64 = 100_001;
const DAY_MS: i64 = 24 * 3_600_000;

/// Named from the demo shop's list, so the search benchmark looks for names that exist.
pub use desk::DEMO_SURNAMES as SURNAMES;
const FIRST_NAMES: &[&str] = &[
    "Александр",
    "Дмитрий",
    "Максим",
    "Сергей",
    "Андрей",
    "Алексей",
    "Артём",
    "Илья",
    "Кирилл",
    "Михаил",
    "Никита",
    "Матвей",
    "Роман",
    "Егор",
    "Арсений",
    "Иван",
    "Денис",
    "Евгений",
    "Тимофей",
    "Владимир",
    "Павел",
    "Олег",
    "Георгий",
    "Константин",
    "Пётр",
    "Степан",
];

pub struct Generated {
    pub orders: usize,
    pub seconds: f64,
}

/// Writes `orders` orders (`active` of them in stages with a running clock) into a new
/// database in `dir`, beside the demo shop the desk creates on first open.
pub fn shop(
    dir: &Path,
    now: Timestamp,
    orders: usize,
    active: usize,
) -> Result<Generated, Box<dyn std::error::Error>> {
    let started = Instant::now();
    drop(desk::Desk::open_demo(dir, now)?);
    let store = Store::open(&dir.join("orderdesk.sqlite3"))?;
    let workflow = store.workflow()?;
    let products = store.products()?;
    let customers = (orders / 4).max(1);
    let mut rng = Rng::with_seed(20_250_303);
    let people: Vec<Customer> = (0..customers).map(|i| customer(&mut rng, i)).collect();
    let methods = [
        (DeliveryMethod::Courier, PaymentMethod::CardOnDelivery),
        (DeliveryMethod::Courier, PaymentMethod::Online),
        (DeliveryMethod::Post, PaymentMethod::BankTransfer),
        (DeliveryMethod::Pickup, PaymentMethod::CashOnDelivery),
        (
            DeliveryMethod::MarketplaceLogistics,
            PaymentMethod::Marketplace,
        ),
    ];
    let archive = orders - active;
    // Archived orders spread over three years, active ones over the last days.
    let start_ms = now.as_millisecond() - 3 * 365 * DAY_MS;
    let mut number = FIRST_NUMBER;
    let mut written = 0;
    while written < orders {
        let n = CHUNK.min(orders - written);
        let mut batch = Vec::with_capacity(n);
        let mut batch_people = Vec::with_capacity(n);
        for k in written..written + n {
            let person = &people[rng.usize(..people.len())];
            let (delivery, payment) = methods[rng.usize(..methods.len())];
            let (stage, created_ms, entered_ms) = if k < archive {
                let created = start_ms
                    + (k as i64) * (3 * 365 * DAY_MS - 10 * DAY_MS) / archive.max(1) as i64;
                let stage = if rng.u8(..100) < 4 {
                    "cancelled"
                } else {
                    "done"
                };
                (
                    stage.to_owned(),
                    created,
                    created + rng.i64(DAY_MS..5 * DAY_MS),
                )
            } else {
                let route: Vec<_> = workflow
                    .route(delivery, payment)
                    .into_iter()
                    .filter(|s| {
                        s.kind == StageKind::Normal && s.time_limit.is_some() && !s.clock_paused
                    })
                    .collect();
                let stage = route[rng.usize(..route.len())];
                let limit_ms = stage.time_limit.map_or(DAY_MS, |l| l.as_millis() as i64);
                // Between 5 % and 135 % of the limit gone: about a quarter overdue.
                let entered = now.as_millisecond() - limit_ms * i64::from(rng.u32(5..=135)) / 100;
                (stage.id.clone(), entered - rng.i64(0..2 * DAY_MS), entered)
            };
            let entered_at = Timestamp::from_millisecond(entered_ms)?;
            let lines = (0..3)
                .map(|_| {
                    let p = &products[rng.usize(..products.len())];
                    p.line(
                        Uuid::now_v7(),
                        Quantity(rng.i64(1..4) * 1000),
                        VatRate::Vat22,
                    )
                })
                .collect();
            let mut order = Order {
                id: Uuid::now_v7(),
                number,
                channel: [Channel::Phone, Channel::Site, Channel::Marketplace][rng.usize(..3)],
                customer: person.clone(),
                address: "г. Москва, ул. Тверская, д. 1, кв. 1".into(),
                delivery,
                delivery_zone: None,
                delivery_window: None,
                delivery_vat: VatRate::Vat22,
                payment,
                stage: StagePosition {
                    deadline: workflow.stage(&stage).and_then(|s| s.deadline(entered_at)),
                    stage_id: stage,
                    entered_at,
                },
                lines,
                discount: Discount::None,
                delivery_cost: Kopecks(rng.i64(0..50_000)),
                comment: None,
                created_at: Timestamp::from_millisecond(created_ms)?,
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
            order.original_total = order.totals()?.total;
            number += 1;
            batch_people.push(person.clone());
            batch.push(order);
        }
        store.seed_once(
            &format!("bench_orders_{written}"),
            Seed {
                products: Vec::new(),
                customers: batch_people,
                orders: batch,
            },
        )?;
        written += n;
        eprint!("\r   generated {written} / {orders} orders");
    }
    eprintln!();
    drop(store);
    Ok(Generated {
        orders,
        seconds: started.elapsed().as_secs_f64(),
    })
}

fn customer(rng: &mut Rng, i: usize) -> Customer {
    let surname = SURNAMES[rng.usize(..SURNAMES.len())];
    let first = FIRST_NAMES[rng.usize(..FIRST_NAMES.len())];
    Customer {
        id: Uuid::now_v7(),
        name: format!("{surname} {first}"),
        // Unique per customer: 79 and nine digits.
        phone: format!("79{:09}", (i as u64 * 7_919 + 100_000_000) % 1_000_000_000),
        email: i.is_multiple_of(3).then(|| format!("client{i}@example.ru")),
    }
}

/// The phone of customer `i` as a manager might type it.
pub fn typed_phone(i: usize) -> String {
    let d = format!("{:09}", (i as u64 * 7_919 + 100_000_000) % 1_000_000_000);
    format!("+7 (9{}) {}-{}-{}", &d[..2], &d[2..5], &d[5..7], &d[7..9])
}

pub fn first_number() -> i64 {
    FIRST_NUMBER
}
