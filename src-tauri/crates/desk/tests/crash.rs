//! A crash (kill -9) in the middle of a batch of operations leaves the database intact, with
//! every operation either whole — its effect and its ops row — or absent: order ops and the
//! shop's catalogue ops alike; and every operation the desk reported done survives.
//!
//! The test re-runs its own binary as a child that writes operations through the desk from two
//! threads until it is killed with SIGKILL at a random moment, then checks the file. Seeded:
//! the seed is printed, and `ORDERDESK_CRASH_SEED=<seed>` replays a run.
//! `ORDERDESK_CRASH_ROUNDS=<n>` kills it at n points instead of 6 (`cargo xtask bench soak`
//! runs 100), and the run ends with `figure` lines the soak reads.
//!
//! It has its own `main` (no test harness), so the child is a mode of the binary rather than a
//! test that would pass without doing anything when run on its own.

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader};
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use desk::Desk;
use domain::{LineEdit, Op};
use jiff::Timestamp;
use proto::{CallOutcome, NewCall, NewPayment, PaymentMethod, QueueQuery};
use rusqlite::Connection;

const CHILD_DIR: &str = "ORDERDESK_CRASH_CHILD_DIR";
const CHILD_SEED: &str = "ORDERDESK_CRASH_CHILD_SEED";
const SEED: &str = "ORDERDESK_CRASH_SEED";
const ROUNDS: &str = "ORDERDESK_CRASH_ROUNDS";
/// Kill points in a test run; the soak asks for more.
const DEFAULT_ROUNDS: u64 = 6;
const WRITERS: u64 = 2;
const SIGKILL: i32 = 9;

fn now() -> Timestamp {
    "2025-03-03T12:00:00Z".parse().expect("valid instant")
}

fn main() {
    match std::env::var_os(CHILD_DIR) {
        Some(dir) => child(&dir),
        None => {
            kill_9_mid_batch_leaves_no_half_applied_operation();
            println!("test kill_9_mid_batch_leaves_no_half_applied_operation ... ok");
        }
    }
}

/// The process the crash test starts and kills: writes operations until SIGKILL.
fn child(dir: &std::ffi::OsStr) {
    let seed: u64 = std::env::var(CHILD_SEED)
        .expect("seed given")
        .parse()
        .expect("numeric seed");
    let desk = Desk::open_demo(Path::new(dir), now()).expect("desk opens");
    let all = QueueQuery {
        limit: 10_000,
        ..QueueQuery::default()
    };
    let ids: Vec<String> = desk
        .orders(all, now())
        .expect("orders")
        .into_iter()
        .map(|r| r.id)
        .collect();
    let products = desk.catalog("", true).expect("catalogue");
    std::thread::scope(|s| {
        for writer in 0..WRITERS {
            let (desk, ids, products) = (&desk, &ids, &products);
            s.spawn(move || write_until_killed(desk, ids, products, seed * WRITERS + writer));
        }
    });
}

/// One thread's endless batch: edits that save versions, stage moves, payments, calls and
/// price changes in the catalogue (shop ops). Refusals (a closed order, a stage moved by the
/// other thread) are part of the mix.
fn write_until_killed(desk: &Desk, ids: &[String], products: &[proto::CatalogProduct], seed: u64) {
    let mut rng = fastrand::Rng::with_seed(seed);
    let call = NewCall {
        started_at: now().as_millisecond() - 60_000,
        ended_at: now().as_millisecond(),
        outcome: CallOutcome::NoAnswer,
        note: Some("не берёт трубку".into()),
    };
    loop {
        let id = &ids[rng.usize(..ids.len())];
        let done = match rng.u8(..6) {
            5 => {
                let p = products[rng.usize(..products.len())].clone();
                let input = proto::ProductInput {
                    price: rng.i64(100..1_000_000),
                    ..p.into()
                };
                if desk.save_product(input, now()).is_ok() {
                    println!("op done");
                }
                continue;
            }
            0 => desk.order(id).and_then(|o| {
                let edit = proto::LineEdit::SetQuantity {
                    line_id: o.lines[0].id.clone(),
                    quantity: rng.i64(1..20) * 1000,
                };
                desk.edit_lines(id, vec![edit], now())
            }),
            1 => desk.set_order_discount(id, proto::Discount::Percent(rng.i64(0..3000)), now()),
            2 => desk.advance(id, now()),
            3 => desk.record_payment(
                id,
                NewPayment {
                    amount: rng.i64(1..50_000),
                    method: PaymentMethod::CashOnDelivery,
                    note: None,
                },
                now(),
            ),
            _ => desk.log_call(id, call.clone(), now()),
        };
        if done.is_ok() {
            println!("op done");
        }
    }
}

fn kill_9_mid_batch_leaves_no_half_applied_operation() {
    let seed = std::env::var(SEED)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| fastrand::u64(..1_000_000));
    let rounds = std::env::var(ROUNDS)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(DEFAULT_ROUNDS);
    println!("crash test seed {seed}, {rounds} kills; replay with {SEED}={seed} {ROUNDS}={rounds}");
    let mut rng = fastrand::Rng::with_seed(seed);
    let dir = tempfile::tempdir().expect("tempdir");
    // Seeded here, so every child finds the demo shop and only writes operations.
    drop(Desk::open_demo(dir.path(), now()).expect("desk opens"));
    let initial = stages(&db(dir.path()));

    let mut lost_total = 0;
    for round in 0..rounds {
        let ops_before = ops_count(&db(dir.path()));
        let wait_for = rng.usize(1..300);
        let delay = Duration::from_micros(rng.u64(..20_000));
        let mut child = Command::new(std::env::current_exe().expect("test binary"))
            .env(CHILD_DIR, dir.path())
            .env(CHILD_SEED, (seed * rounds + round).to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("child starts");
        let out = BufReader::new(child.stdout.take().expect("piped"));
        let (reached, started) = mpsc::channel();
        // Reads to the end, so the child never blocks on (or dies of) a full or closed pipe
        // while it should be writing.
        let reader = std::thread::spawn(move || {
            let mut done = 0;
            for line in out.lines().map_while(Result::ok) {
                if line.starts_with("op done") {
                    done += 1;
                    if done == wait_for {
                        let _ = reached.send(());
                    }
                }
            }
            done
        });
        assert!(
            started.recv().is_ok(),
            "seed {seed} round {round}: the child stopped before {wait_for} operations"
        );
        // The point of the test: a random moment inside the batch.
        std::thread::sleep(delay);
        child.kill().expect("SIGKILL");
        let status = child.wait().expect("child reaped");
        // Killed by the signal, so it was still writing: not finished or crashed on its own.
        assert_eq!(
            status.signal(),
            Some(SIGKILL),
            "seed {seed} round {round}: {status}"
        );
        let done = reader.join().expect("reader thread");
        println!("round {round}: killed {delay:?} after operation {wait_for}, {done} reported");

        check(&db(dir.path()), &initial)
            .unwrap_or_else(|e| panic!("seed {seed} round {round} (after {done}+ ops): {e}"));
        // Every op the desk said was done is in the file: each made one ops row, and at most
        // one more per writer thread was committed without being reported before the kill.
        let written = ops_count(&db(dir.path())) - ops_before;
        let lost = done.saturating_sub(written);
        if lost > 0 {
            eprintln!("seed {seed} round {round}: {done} ops reported done, {written} in the file");
        }
        lost_total += lost;
        assert!(
            written <= done + WRITERS as usize,
            "seed {seed} round {round}: {done} ops reported done, {written} in the file"
        );
    }
    println!("figure crash_points {rounds}");
    println!("figure crash_lost_ops {lost_total}");
    assert_eq!(lost_total, 0, "seed {seed}: ops reported done were lost");
    // The desk opens the recovered file and keeps working.
    let desk = Desk::open_demo(dir.path(), now()).expect("reopens after the crashes");
    let first = desk
        .orders(QueueQuery::default(), now())
        .expect("orders")
        .remove(0);
    desk.log_call(
        &first.id,
        NewCall {
            started_at: now().as_millisecond(),
            ended_at: now().as_millisecond(),
            outcome: CallOutcome::Reached,
            note: None,
        },
        now(),
    )
    .expect("a write after recovery");
    drop(desk);
    check(&db(dir.path()), &initial).expect("consistent after recovery");
}

fn ops_count(conn: &Connection) -> usize {
    let n: i64 = conn
        .query_row("SELECT COUNT(*) FROM ops", [], |r| r.get(0))
        .expect("ops counted");
    usize::try_from(n).expect("a count")
}

fn db(dir: &Path) -> Connection {
    Connection::open(dir.join("orderdesk.sqlite3")).expect("database opens")
}

fn stages(conn: &Connection) -> HashMap<String, String> {
    let mut stmt = conn
        .prepare("SELECT id, stage_id FROM orders")
        .expect("query");
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("stages")
}

fn column<T: rusqlite::types::FromSql>(conn: &Connection, sql: &str) -> Vec<T> {
    let mut stmt = conn.prepare(sql).expect("query");
    stmt.query_map([], |r| r.get(0))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("values")
}

/// Every invariant that ties an op row to its effect, checked from both ends.
fn check(conn: &Connection, initial: &HashMap<String, String>) -> Result<(), String> {
    let integrity: Vec<String> = column(conn, "PRAGMA integrity_check");
    if integrity != ["ok"] {
        return Err(format!("integrity_check: {integrity:?}"));
    }
    let fk: Vec<String> = column(conn, "SELECT \"table\" FROM pragma_foreign_key_check");
    if !fk.is_empty() {
        return Err(format!("foreign keys broken in {fk:?}"));
    }
    let seqs: Vec<i64> = column(conn, "SELECT device_seq FROM ops ORDER BY device_seq");
    if seqs.iter().zip(1..).any(|(s, n)| *s != n) {
        return Err(format!("device_seq has gaps: {seqs:?}"));
    }
    if column::<String>(conn, "SELECT DISTINCT device_id FROM ops").len() > 1 {
        return Err("ops from more than one device".into());
    }

    // Replay the order ops: what each order must look like if every op is whole. (The shop
    // ops beside them, such as the first run's choice of the demo, change no order.)
    let mut stmt = conn
        .prepare("SELECT id, payload FROM ops WHERE order_id IS NOT NULL ORDER BY device_seq")
        .expect("ops");
    let ops: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("ops");
    let mut expected_stage = initial.clone();
    let mut version_ops: HashMap<String, i64> = HashMap::new();
    let mut version_op_ids = HashSet::new();
    let (mut payments, mut calls) = (HashSet::new(), HashSet::new());
    let mut quantities = HashMap::new();
    let mut discounts = HashMap::new();
    for (op_id, payload) in &ops {
        let op: Op = serde_json::from_str(payload).map_err(|e| format!("op {op_id}: {e}"))?;
        let order = op.order_id().to_string();
        if op.saves_version() {
            *version_ops.entry(order.clone()).or_default() += 1;
            version_op_ids.insert(op_id.clone());
        }
        match op {
            Op::AdvanceStage { to_stage, .. } => {
                expected_stage.insert(order, to_stage);
            }
            Op::RecordPayment { payment, .. } => {
                payments.insert(payment.id.to_string());
            }
            Op::LogCall { call, .. } => {
                calls.insert(call.id.to_string());
            }
            Op::EditLines { edits, .. } => {
                for edit in edits {
                    if let LineEdit::SetQuantity { line_id, quantity } = edit {
                        quantities.insert(line_id.to_string(), quantity.0);
                    }
                }
            }
            Op::SetOrderDiscount { discount, .. } => {
                discounts.insert(order, serde_json::to_value(discount).expect("json"));
            }
            other => return Err(format!("unexpected op {}", other.kind())),
        }
    }

    let drift: Vec<String> = column(
        conn,
        "SELECT stage_id FROM stage_order_counts c \
         WHERE count <> (SELECT COUNT(*) FROM orders o WHERE o.stage_id = c.stage_id) \
         UNION SELECT stage_id FROM orders o GROUP BY stage_id \
         HAVING COUNT(*) <> COALESCE((SELECT count FROM stage_order_counts c \
         WHERE c.stage_id = o.stage_id), -1)",
    );
    if !drift.is_empty() {
        return Err(format!(
            "kept stage counts differ from the orders in {drift:?}"
        ));
    }
    let actual_stage = stages(conn);
    if actual_stage != expected_stage {
        let wrong: Vec<_> = actual_stage
            .iter()
            .filter(|(id, s)| expected_stage.get(*id) != Some(*s))
            .collect();
        return Err(format!(
            "stage differs from the last stage op for {wrong:?}"
        ));
    }
    let mut stmt = conn
        .prepare("SELECT order_id, COUNT(*), MAX(number) FROM order_versions GROUP BY order_id")
        .expect("versions");
    let counted: Vec<(String, i64, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("versions");
    for (order, count, max) in counted {
        // The imported version 1 plus one per version-saving op, numbered without gaps.
        let want = 1 + version_ops.get(&order).copied().unwrap_or(0);
        if count != want || max != want {
            return Err(format!(
                "order {order}: {count} versions up to {max}, ops say {want}"
            ));
        }
    }
    let stale: Vec<String> = column(
        conn,
        "SELECT o.id FROM orders o WHERE o.version <> \
         (SELECT MAX(number) FROM order_versions v WHERE v.order_id = o.id)",
    );
    if !stale.is_empty() {
        return Err(format!("orders.version behind their versions: {stale:?}"));
    }
    let linked: HashSet<String> = column::<String>(
        conn,
        "SELECT op_id FROM order_versions WHERE op_id IS NOT NULL",
    )
    .into_iter()
    .collect();
    if linked != version_op_ids {
        return Err("versions and version-saving ops do not match one to one".into());
    }
    let stored: HashSet<String> = column::<String>(conn, "SELECT id FROM payments")
        .into_iter()
        .collect();
    if stored != payments {
        return Err("payment rows and payment ops differ".into());
    }
    let unpaid: Vec<String> = column(
        conn,
        "SELECT id FROM orders o WHERE paid <> \
         (SELECT COALESCE(SUM(amount), 0) FROM payments p WHERE p.order_id = o.id)",
    );
    if !unpaid.is_empty() {
        return Err(format!(
            "orders.paid differs from their payments: {unpaid:?}"
        ));
    }
    let stored: HashSet<String> = column::<String>(conn, "SELECT id FROM calls")
        .into_iter()
        .collect();
    if stored != calls {
        return Err("call rows and call ops differ".into());
    }
    for (line, quantity) in &quantities {
        let q: Vec<i64> = column(
            conn,
            &format!("SELECT quantity FROM order_lines WHERE id = '{line}'"),
        );
        if q != [*quantity] {
            return Err(format!(
                "line {line}: quantity {q:?}, last edit says {quantity}"
            ));
        }
    }
    // The catalogue's shop ops: each product's price is its last op's.
    let mut prices: HashMap<String, i64> = HashMap::new();
    for payload in column::<String>(
        conn,
        "SELECT payload FROM ops WHERE kind = 'set_product' ORDER BY device_seq",
    ) {
        let product: domain::Product =
            serde_json::from_str(&payload).map_err(|e| format!("set_product: {e}"))?;
        prices.insert(product.id.to_string(), product.price.0);
    }
    for (product, price) in &prices {
        let p: Vec<i64> = column(
            conn,
            &format!("SELECT price FROM products WHERE id = '{product}'"),
        );
        if p != [*price] {
            return Err(format!(
                "product {product}: price {p:?}, last op says {price}"
            ));
        }
    }
    for (order, discount) in &discounts {
        let d: Vec<String> = column(
            conn,
            &format!("SELECT order_discount FROM orders WHERE id = '{order}'"),
        );
        let d: Vec<serde_json::Value> = d
            .iter()
            .map(|t| serde_json::from_str(t).expect("json"))
            .collect();
        if d != [discount.clone()] {
            return Err(format!(
                "order {order}: discount {d:?}, last op says {discount}"
            ));
        }
    }
    Ok(())
}
