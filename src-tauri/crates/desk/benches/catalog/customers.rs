//! `customer_search_p95_ms` for `target/bench/catalog.json` (issue 14, point 5): the
//! customers screen's search through the desk on the core bench's shop of 1,000,000 orders
//! (250,000 customers), by a part of a phone («915 105»), of a name («Иванов Ал») and of an
//! e-mail («client1234@»), each listing up to a page of customers with their orders counted
//! and summed. Beside it, migration 0034's backfill of that shop's register, timed alone.
//!
//! The shop is the core bench's cached file (`target/bench/core-schema*-gen*-*.sqlite3`),
//! generated here first when that bench has not run at this schema.

use std::path::{Path, PathBuf};
use std::time::Instant;

use jiff::Timestamp;

use crate::generate;

const ORDERS: usize = 1_000_000;
/// The core bench's generator version (its `GENERATOR`): the same file serves both.
const GENERATOR: u32 = 2;
const RUNS: usize = 300;

type Error = Box<dyn std::error::Error>;

pub struct Figures {
    pub orders: usize,
    pub search_ms: Vec<f64>,
    pub backfill_s: f64,
    pub cards: i64,
}

/// The core bench's cached shop, generated first when missing.
fn shop(bench_dir: &Path, now: Timestamp, orders: usize) -> Result<PathBuf, Error> {
    let cached = bench_dir.join(format!(
        "core-schema{}-gen{GENERATOR}-{orders}.sqlite3",
        store::schema_fingerprint()
    ));
    if !cached.exists() {
        println!("generating {orders} orders into {}", cached.display());
        let tmp = bench_dir.join("catalog-generating");
        let _ = std::fs::remove_dir_all(&tmp);
        generate::shop(&tmp, now, orders, (orders / 10).min(100_000))?;
        std::fs::rename(tmp.join("orderdesk.sqlite3"), &cached)?;
        std::fs::remove_dir_all(&tmp)?;
        std::fs::File::open(&cached)?.sync_all()?;
    }
    Ok(cached)
}

/// What a manager types: a part of a phone, of a name, of an e-mail, in turn.
fn queries(seed: u64, n: usize, customers: usize) -> Vec<String> {
    let mut rng = fastrand::Rng::with_seed(seed);
    (0..n)
        .map(|k| {
            let i = rng.usize(..customers);
            match k % 3 {
                0 => {
                    // "+7 (9xx) yyy-zz-zz" → "xx yyy", the middle of the number.
                    let typed = generate::typed_phone(i);
                    let digits: String = typed.chars().filter(char::is_ascii_digit).collect();
                    format!("{} {}", &digits[2..4], &digits[4..7])
                }
                1 => {
                    let surname = generate::SURNAMES[rng.usize(..generate::SURNAMES.len())];
                    let first: String = ["Ал", "Ив", "Сер", "Мак"][rng.usize(..4)].to_owned();
                    format!("{surname} {first}")
                }
                _ => format!("client{}@", i - i % 3),
            }
        })
        .collect()
}

/// The 95th percentile, in ms to two decimals.
pub fn p95(ms: &[f64]) -> f64 {
    let mut v = ms.to_vec();
    v.sort_by(f64::total_cmp);
    let at = ((v.len() as f64) * 0.95).ceil() as usize;
    benchkit::round(v.get(at.max(1) - 1).copied().unwrap_or(f64::NAN), 2)
}

pub fn measure(bench_dir: &Path) -> Result<Figures, Error> {
    let now: Timestamp = "2025-03-03T12:00:00Z".parse()?;
    let orders = std::env::var("ORDERDESK_BENCH_ORDERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(ORDERS);
    let cached = shop(bench_dir, now, orders)?;
    let work = bench_dir.join("catalog-customers");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work)?;
    let file = work.join("orderdesk.sqlite3");
    std::fs::copy(&cached, &file)?;
    std::fs::File::open(&file)?.sync_all()?;

    // The backfill alone: the register dropped, then migration 0034's text run again.
    let backfill_s = {
        let conn = rusqlite::Connection::open(&file)?;
        conn.execute_batch(
            "DROP TRIGGER customer_cards_order; DROP TABLE customer_search; \
             DROP TABLE pending_customer_cards; \
             DROP TABLE customer_cards;",
        )?;
        let started = Instant::now();
        conn.execute_batch(include_str!(
            "../../../store/src/migrations/0034_customer_cards.sql"
        ))?;
        started.elapsed().as_secs_f64()
    };
    let desk = desk::Desk::open(&work, now)?;
    let cards: i64 = rusqlite::Connection::open(&file)?.query_row(
        "SELECT COUNT(*) FROM customer_cards",
        [],
        |r| r.get(0),
    )?;
    let customers = (orders / 4).max(1);
    // One uncounted pass of other searches warms the index pages every search reads.
    for q in queries(1, RUNS, customers) {
        desk.customers(&q)?;
    }
    let mut search_ms = Vec::with_capacity(RUNS);
    let mut found = 0;
    for q in queries(2, RUNS, customers) {
        let started = Instant::now();
        found += usize::from(!desk.customers(&q)?.is_empty());
        search_ms.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    println!("customer search: {found} of {RUNS} searches found someone");
    drop(desk);
    let _ = std::fs::remove_dir_all(&work);
    Ok(Figures {
        orders,
        search_ms,
        backfill_s,
        cards,
    })
}
