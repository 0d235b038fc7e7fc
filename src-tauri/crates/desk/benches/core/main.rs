//! `cargo bench -p desk --bench core`: the order core on a shop with 1,000,000 orders of three
//! lines each (100,000 of them active), measured through the desk's public API. Figures go to
//! `target/bench/core.json`.
//!
//! The generated database is cached under `target/bench/`, keyed by the schema version, so a
//! rerun only copies it. `ORDERDESK_BENCH_ORDERS` makes a smaller shop for a quick look.
//!
//! `ops_per_s` stands beside a bare rusqlite loop of the same transaction shape on the same
//! file (`raw_sqlite_tx_per_s`, `ops_vs_raw_sqlite`), in interleaved rounds, so the ratio
//! holds where the machine's speed does not.

#[path = "../../../xtask/src/benchkit.rs"]
mod benchkit;
mod generate;

use std::path::{Path, PathBuf};
use std::time::Instant;

use desk::Desk;
use jiff::Timestamp;
use proto::{Discount, QueueQuery, QueueScope};
use serde_json::json;

type Error = Box<dyn std::error::Error>;

const ORDERS: usize = 1_000_000;
const ACTIVE: usize = 100_000;
/// Bumped when the generator changes, so a stale cached shop is not measured.
const GENERATOR: u32 = 2;
const PAGE: u32 = 50;
const QUEUE_RUNS: usize = 400;
const SEARCH_RUNS: usize = 300;
const SCAN_RUNS: usize = 60;
const OPS: usize = 3_000;
/// `OPS` split into rounds; each round runs the bare loop and the store's loop back to back
/// (alternating which goes first), so both see the same machine.
const ROUNDS: usize = 5;
/// Uncounted transactions of each kind before the rounds.
const WARM_UP: usize = 200;

fn main() -> Result<(), Error> {
    let machine = benchkit::Machine::start();
    // `cargo bench` passes `--bench`; with no other arguments there is nothing to filter.
    let now: Timestamp = "2025-03-03T12:00:00Z".parse()?;
    let orders = std::env::var("ORDERDESK_BENCH_ORDERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(ORDERS);
    let active = (orders / 10).min(ACTIVE);
    let bench_dir = target_dir().join("bench");
    std::fs::create_dir_all(&bench_dir)?;
    let cached = bench_dir.join(format!(
        "core-schema{}-gen{GENERATOR}-{orders}.sqlite3",
        schema_version(now)?
    ));
    if !cached.exists() {
        println!(
            "generating {orders} orders ({active} active) into {}",
            cached.display()
        );
        let tmp = bench_dir.join("core-generating");
        let _ = std::fs::remove_dir_all(&tmp);
        let made = generate::shop(&tmp, now, orders, active)?;
        println!(
            "   {} orders in {:.0} s ({:.0} orders/s)",
            made.orders,
            made.seconds,
            made.orders as f64 / made.seconds
        );
        std::fs::rename(tmp.join("orderdesk.sqlite3"), &cached)?;
        std::fs::remove_dir_all(&tmp)?;
    }
    let db_mb = std::fs::metadata(&cached)?.len() as f64 / 1_048_576.0;

    // Measured on a copy: the operations below change it, the cache stays as generated.
    let work = bench_dir.join("core-work");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work)?;
    let (copied, copy_s) = timed(|| std::fs::copy(&cached, work.join("orderdesk.sqlite3")));
    copied?;
    // Steady state: the copy leaves gigabytes of dirty pages in the page cache; unflushed,
    // the first checkpoint's fsync (or the kernel's writeback) lands inside the measured
    // operations. Flushed here, outside the clock.
    let (synced, sync_s) =
        timed(|| std::fs::File::open(work.join("orderdesk.sqlite3"))?.sync_all());
    synced?;
    println!(
        "copied the shop in {:.1} s, flushed it to disk in {:.1} s",
        copy_s / 1000.0,
        sync_s / 1000.0
    );
    let desk = Desk::open(&work, now)?;

    let queue_p95 = queue(&desk, now)?;
    let search_p95 = search(&desk, now, orders)?;
    let (scan_ms, first_alerts, tick_ms) = overdue(&desk, now)?;
    let actions_per_s = operations(&desk, now)?;
    drop(desk);
    let tx = transactions(&work, now)?;
    let _ = std::fs::remove_dir_all(&work);
    let ops_per_s = benchkit::median(&tx.store);

    let mut report = json!({
        "orders": orders,
        "lines_per_order": 3,
        "active_orders": active,
        "queue_p95_ms": round(queue_p95),
        "search_p95_ms": round(search_p95),
        "overdue_scan_ms": round(scan_ms),
        "ops_per_s": ops_per_s.round(),
        "desk_actions_per_s": actions_per_s.round(),
        "db_mb": db_mb.round(),
        "due_alerts_first_ms": round(first_alerts),
        "due_alerts_tick_ms": round(tick_ms),
        "targets": {
            "queue_p95_ms": 5, "search_p95_ms": 30, "overdue_scan_ms": 10, "ops_per_s": 2000,
            "ops_vs_raw_sqlite": 0.6
        },
        "runs": ROUNDS,
        "runs_note": "ops_per_s, raw_sqlite_tx_per_s and ops_vs_raw_sqlite: median and spread over the rounds; the p95 figures are one run each (p95 over their samples)",
        "copy_s": benchkit::round(copy_s / 1000.0, 1),
        "copy_flush_s": benchkit::round(sync_s / 1000.0, 1),
        "steady_state": "the cached shop is copied and the copy fsynced before anything is measured (else the copy's dirty pages are written back inside the operations); queue pages warm up over one uncounted pass of the stages; before the rounds 200 uncounted transactions of each kind warm the pages they touch; each block of each round starts from an empty WAL (wal_checkpoint(TRUNCATE) through the bare connection), the store's own checkpoint thread and the bare connection's autocheckpoint (SQLite's default 1,000 pages) then run as they would",
        "what": {
            "queue_p95_ms": "Desk::orders for one stage, first page of 50 by deadline, p95 over every stage",
            "search_p95_ms": "Desk::search: name prefixes, phones in typed spelling, order numbers; p95",
            "overdue_scan_ms": "Desk::queue: order and overdue counts for every stage at now; p95",
            "ops_per_s": "Store::record: AdvanceStage (order loaded, target found) and SetOrderDiscount, one op per transaction through the writer thread, sequential",
            "raw_sqlite_tx_per_s": "baseline: a bare rusqlite loop on the same file, same WAL: one transaction = one UPDATE of an active order's comment (no trigger or index on that column) + one INSERT of a 200-byte row into a bench table; synchronous=NORMAL, SQLite's default autocheckpoint, prepared statements cached",
            "ops_vs_raw_sqlite": "ops_per_s / raw_sqlite_tx_per_s of the same round; median over the rounds",
            "desk_actions_per_s": "the same through Desk::advance / Desk::set_order_discount, which also re-read the workflow and return the order card",
            "due_alerts_first_ms": "the first Desk::due_alerts at now (marks every overdue order)",
            "due_alerts_tick_ms": "a later Desk::due_alerts with nothing new (the timer's usual tick)",
        },
    });
    if let Some(map) = report.as_object_mut() {
        benchkit::figure(map, "ops_per_s", &tx.store, 0);
        benchkit::figure(map, "raw_sqlite_tx_per_s", &tx.raw, 0);
        benchkit::ratio(map, "ops_vs_raw_sqlite", &tx.store, &tx.raw);
        map.insert("machine".into(), machine.finish());
    }
    println!("{}", serde_json::to_string_pretty(&report)?);
    let out = bench_dir.join("core.json");
    std::fs::write(&out, serde_json::to_string_pretty(&report)? + "\n")?;
    println!("wrote {}", out.display());
    Ok(())
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../target"))
}

/// `PRAGMA user_version` of a fresh database: the number of migrations applied.
fn schema_version(now: Timestamp) -> Result<i64, Error> {
    let dir = tempfile::tempdir()?;
    drop(Desk::open(dir.path(), now)?);
    let conn = rusqlite::Connection::open(dir.path().join("orderdesk.sqlite3"))?;
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

fn round(ms: f64) -> f64 {
    (ms * 1000.0).round() / 1000.0
}

fn p95(mut ms: Vec<f64>) -> f64 {
    ms.sort_by(|a, b| a.total_cmp(b));
    let i = (ms.len() * 95).div_ceil(100).saturating_sub(1);
    ms.get(i).copied().unwrap_or(f64::NAN)
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, f64) {
    let started = Instant::now();
    let out = f();
    (out, started.elapsed().as_secs_f64() * 1000.0)
}

fn queue(desk: &Desk, now: Timestamp) -> Result<f64, Error> {
    let stages: Vec<String> = desk.queue(now)?.stages.into_iter().map(|s| s.id).collect();
    let mut runs = Vec::with_capacity(QUEUE_RUNS);
    for i in 0..QUEUE_RUNS + stages.len() {
        let query = QueueQuery {
            scope: QueueScope::Stage {
                stage_id: stages[i % stages.len()].clone(),
            },
            limit: PAGE,
            ..QueueQuery::default()
        };
        let (rows, ms) = timed(|| desk.orders(query, now));
        let rows = rows?;
        assert!(rows.len() <= PAGE as usize);
        // The first pass over the stages warms the cache and is not counted.
        if i >= stages.len() {
            runs.push(ms);
        }
    }
    let p = p95(runs);
    println!("queue page p95: {p:.3} ms");
    Ok(p)
}

fn search(desk: &Desk, now: Timestamp, orders: usize) -> Result<f64, Error> {
    let mut rng = fastrand::Rng::with_seed(7);
    let customers = (orders / 4).max(1);
    let mut texts = Vec::with_capacity(SEARCH_RUNS);
    for i in 0..SEARCH_RUNS {
        let surname = generate::SURNAMES[rng.usize(..generate::SURNAMES.len())];
        texts.push(match i % 3 {
            0 => match rng.u8(..3) {
                0 => surname.chars().take(4).collect(),
                1 => surname.to_lowercase().replace('ё', "е"),
                _ => format!("{surname} ал"),
            },
            1 => generate::typed_phone(rng.usize(..customers)),
            _ => (generate::first_number() + rng.i64(0..orders as i64)).to_string(),
        });
    }
    let mut by_kind = [Vec::new(), Vec::new(), Vec::new()];
    let mut found = [0; 3];
    for (i, text) in texts.iter().enumerate() {
        let (rows, ms) = timed(|| desk.search(text, now));
        let rows = rows?;
        found[i % 3] += usize::from(!rows.is_empty());
        by_kind[i % 3].push(ms);
    }
    assert!(
        found.iter().all(|f| f * 10 >= SEARCH_RUNS / 3 * 9),
        "searches by name, phone, number that found orders: {found:?}"
    );
    let all: Vec<f64> = by_kind.iter().flatten().copied().collect();
    for (name, runs) in ["name", "phone", "number"].iter().zip(by_kind) {
        println!("search by {name} p95: {:.3} ms", p95(runs));
    }
    let p = p95(all);
    println!("search p95: {p:.3} ms");
    Ok(p)
}

fn overdue(desk: &Desk, now: Timestamp) -> Result<(f64, f64, f64), Error> {
    let mut runs = Vec::with_capacity(SCAN_RUNS);
    for _ in 0..SCAN_RUNS {
        let (view, ms) = timed(|| desk.queue(now));
        let overdue: u32 = view?.stages.iter().map(|s| s.overdue).sum();
        assert!(overdue > 0, "the generated shop has overdue orders");
        runs.push(ms);
    }
    let scan = p95(runs);
    let (first, first_ms) = timed(|| desk.due_alerts(now));
    let (tick, tick_ms) = timed(|| desk.due_alerts(now));
    println!(
        "overdue counts p95: {scan:.3} ms; first due_alerts: {} orders in {first_ms:.1} ms; \
         next tick: {} in {tick_ms:.3} ms",
        first?.len(),
        tick?.len()
    );
    Ok((scan, first_ms, tick_ms))
}

fn operations(desk: &Desk, now: Timestamp) -> Result<f64, Error> {
    let mut ids = Vec::new();
    for stage in desk
        .queue(now)?
        .stages
        .iter()
        .filter(|s| s.kind == proto::StageKind::Normal)
    {
        let page = QueueQuery {
            scope: QueueScope::Stage {
                stage_id: stage.id.clone(),
            },
            limit: 500,
            ..QueueQuery::default()
        };
        ids.extend(desk.orders(page, now)?.into_iter().map(|r| r.id));
    }
    let started = Instant::now();
    let mut done = 0;
    for (i, id) in ids.iter().cycle().take(OPS).enumerate() {
        let result = if i % 2 == 0 {
            desk.advance(id, now).map(drop)
        } else {
            desk.set_order_discount(id, Discount::Percent(500), now)
                .map(drop)
        };
        // A closed order refuses both; that is still a validated round trip, not counted.
        done += usize::from(result.is_ok());
    }
    let per_s = done as f64 / started.elapsed().as_secs_f64();
    println!("operations: {done} of {OPS} applied, {per_s:.0} ops/s");
    Ok(per_s)
}

/// Per round: the store's transactions per second and the bare loop's.
struct Rounds {
    store: Vec<f64>,
    raw: Vec<f64>,
}

/// Single-operation transactions through the store's one writer (validated against the
/// stored order, effect + version + ops row committed together), in rounds interleaved with
/// the bare rusqlite loop on the same file.
fn transactions(dir: &Path, now: Timestamp) -> Result<Rounds, Error> {
    let path = dir.join("orderdesk.sqlite3");
    let store = store::Store::open(&path)?;
    let workflow = store.workflow()?;
    let open: Vec<String> = workflow
        .stages()
        .iter()
        .filter(|s| !s.is_closed())
        .map(|s| s.id.clone())
        .collect();
    let filter = store::QueueFilter {
        stages: Some(open),
        limit: 2_000,
        ..store::QueueFilter::default()
    };
    let rows = store.orders(&filter)?;
    let actor = domain::Actor {
        id: "bench".into(),
        name: "Бенчмарк".into(),
        role: domain::Role::Admin,
    };
    let mut raw = Raw::open(&path, rows.iter().map(|r| r.id.to_string()).collect())?;
    let mut next = 0usize;
    let mut store_block = |n: usize| -> Result<f64, Error> {
        let started = Instant::now();
        let mut done = 0;
        for _ in 0..n {
            let row = &rows[next % rows.len()];
            next += 1;
            let op = if next.is_multiple_of(2) {
                let order = store.order(row.id)?;
                let Ok(to) = workflow.advance_target(&order.state()) else {
                    continue;
                };
                domain::Op::AdvanceStage {
                    order_id: row.id,
                    from_stage: order.stage.stage_id,
                    to_stage: to.id.clone(),
                }
            } else {
                domain::Op::SetOrderDiscount {
                    order_id: row.id,
                    discount: domain::Discount::Percent(500),
                }
            };
            let new = store::NewOp {
                id: uuid::Uuid::now_v7(),
                actor: actor.clone(),
                at: now,
                op,
            };
            done += usize::from(store.record(new).is_ok());
        }
        Ok(done as f64 / started.elapsed().as_secs_f64())
    };
    store_block(WARM_UP)?;
    raw.block(WARM_UP)?;
    let per_round = OPS / ROUNDS;
    let mut out = Rounds {
        store: Vec::with_capacity(ROUNDS),
        raw: Vec::with_capacity(ROUNDS),
    };
    for round in 0..ROUNDS {
        raw.truncate_wal()?;
        let (s, r) = if round % 2 == 0 {
            let s = store_block(per_round)?;
            raw.truncate_wal()?;
            (s, raw.block(per_round)?)
        } else {
            let r = raw.block(per_round)?;
            raw.truncate_wal()?;
            (store_block(per_round)?, r)
        };
        println!(
            "round {}: store {s:.0} ops/s, bare loop {r:.0} tx/s, ratio {:.2}",
            round + 1,
            s / r
        );
        out.store.push(s);
        out.raw.push(r);
    }
    Ok(out)
}

/// The bare loop: what one operation is at its simplest, with nothing of the desk around it.
struct Raw {
    conn: rusqlite::Connection,
    ids: Vec<String>,
    next: usize,
    body: String,
}

impl Raw {
    fn open(path: &Path, ids: Vec<String>) -> Result<Raw, Error> {
        let conn = rusqlite::Connection::open(path)?;
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS bench_raw_ops \
             (seq INTEGER PRIMARY KEY, order_id TEXT NOT NULL, at INTEGER NOT NULL, body TEXT NOT NULL)",
        )?;
        Ok(Raw {
            conn,
            ids,
            next: 0,
            body: "x".repeat(200),
        })
    }

    fn block(&mut self, n: usize) -> Result<f64, Error> {
        let started = Instant::now();
        for _ in 0..n {
            let id = &self.ids[self.next % self.ids.len()];
            self.next += 1;
            let tx = self.conn.transaction()?;
            let changed = tx
                .prepare_cached("UPDATE orders SET comment = ?1 WHERE id = ?2")?
                .execute(rusqlite::params![format!("bench {}", self.next), id])?;
            assert_eq!(changed, 1, "the bare loop updates an existing order");
            tx.prepare_cached(
                "INSERT INTO bench_raw_ops (order_id, at, body) VALUES (?1, ?2, ?3)",
            )?
            .execute(rusqlite::params![id, self.next as i64, self.body])?;
            tx.commit()?;
        }
        Ok(n as f64 / started.elapsed().as_secs_f64())
    }

    fn truncate_wal(&self) -> Result<(), Error> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }
}
