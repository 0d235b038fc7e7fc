//! A crash (kill -9) in the middle of a desk's work leaves the database intact, with every
//! operation either whole — its effect and its ops row — or absent; every operation the desk
//! reported done survives; and nothing is applied twice. The kills land, round by round, in
//! two shops:
//! - **solo** (`solo.rs`): the demo shop's managers writing order and catalogue ops from two
//!   threads while a WooCommerce import runs beside them;
//! - **team** (`team.rs`): a desk syncing with a real hub (pushes, pulls, the rebase of its
//!   pending ops) while another PC takes orders, calls and payments.
//!
//! The test re-runs its own binary as a child that works until it is killed with SIGKILL at a
//! random moment, then checks the file (`check.rs`). Seeded: the seed is printed, and
//! `ORDERDESK_CRASH_SEED=<seed>` replays a run. `ORDERDESK_CRASH_ROUNDS=<n>` kills it at n
//! points instead of 6 (`cargo xtask bench soak` runs 100), and the run ends with `figure`
//! lines the soak reads. The team needs PostgreSQL, as the hub's tests do.
//!
//! It has its own `main` (no test harness), so the child is a mode of the binary rather than a
//! test that would pass without doing anything when run on its own.

mod check;
mod solo;
mod team;
mod writers;

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::os::unix::process::ExitStatusExt;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::Ordering;
use std::sync::mpsc;
use std::time::Duration;

use desk::Desk;
use jiff::Timestamp;
use proto::{CallOutcome, NewCall, QueueQuery};

const CHILD: &str = "ORDERDESK_CRASH_CHILD";
const CHILD_DIR: &str = "ORDERDESK_CRASH_CHILD_DIR";
const CHILD_SEED: &str = "ORDERDESK_CRASH_CHILD_SEED";
const SEED: &str = "ORDERDESK_CRASH_SEED";
const ROUNDS: &str = "ORDERDESK_CRASH_ROUNDS";
/// Kill points in a test run; the soak asks for more.
const DEFAULT_ROUNDS: u64 = 6;
/// Threads of one desk writing at once: each may have one op committed and not yet reported
/// when the kill comes.
pub const WRITERS: usize = 2;
const SIGKILL: i32 = 9;

pub fn now() -> Timestamp {
    "2025-03-03T12:00:00Z".parse().expect("valid instant")
}

/// A shop the kills land in: its child's mode and data, and what its file held at the start.
pub struct Scene {
    pub name: &'static str,
    /// The folder the child is given.
    pub home: PathBuf,
    /// The data folder of the desk the rounds check.
    pub dir: PathBuf,
    pub env: Vec<(&'static str, String)>,
    pub initial: HashMap<String, String>,
    /// The device whose reported ops must all be in the file.
    pub device: String,
}

fn main() {
    match std::env::var(CHILD) {
        Ok(mode) => {
            let dir = PathBuf::from(std::env::var_os(CHILD_DIR).expect("dir given"));
            let seed: u64 = std::env::var(CHILD_SEED)
                .expect("seed given")
                .parse()
                .expect("numeric seed");
            match mode.as_str() {
                "solo" => solo::child(&dir, seed),
                "team" => team::child(&dir, seed),
                other => panic!("no child mode {other}"),
            }
        }
        Err(_) => {
            kill_9_mid_work_loses_nothing_and_applies_nothing_twice();
            println!("test kill_9_mid_work_loses_nothing_and_applies_nothing_twice ... ok");
        }
    }
}

/// What one child reported before the kill.
#[derive(Default)]
struct Reported {
    ops: usize,
    imported: usize,
}

fn kill_9_mid_work_loses_nothing_and_applies_nothing_twice() {
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
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let root = tempfile::tempdir().expect("tempdir");
    let (solo, site) = solo::scene(&rt, &root.path().join("solo"));
    let (team, hub) = team::scene(&rt, &root.path().join("team"));

    let mut lost_total = 0;
    for round in 0..rounds {
        let scene = if round % 2 == 0 { &solo } else { &team };
        site.feeding.store(scene.name == "solo", Ordering::Relaxed);
        let before = check::written(&check::db(&scene.dir), &scene.device);
        let wait_for = rng.usize(1..300);
        let delay = Duration::from_micros(rng.u64(..20_000));
        let mut child = Command::new(std::env::current_exe().expect("test binary"))
            .env(CHILD, scene.name)
            .env(CHILD_DIR, &scene.home)
            .env(CHILD_SEED, (seed * rounds + round).to_string())
            .envs(scene.env.iter().map(|(k, v)| (k, v)))
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("child starts");
        let out = BufReader::new(child.stdout.take().expect("piped"));
        let (reached, started) = mpsc::channel();
        // Reads to the end, so the child never blocks on (or dies of) a full or closed pipe
        // while it should be writing.
        let reader = std::thread::spawn(move || {
            let mut seen = Reported::default();
            for line in out.lines().map_while(Result::ok) {
                if line.starts_with("op done") {
                    seen.ops += 1;
                    if seen.ops == wait_for {
                        let _ = reached.send(());
                    }
                } else if let Some(n) = line.strip_prefix("imported ") {
                    seen.imported += n.trim().parse::<usize>().unwrap_or(0);
                }
            }
            seen
        });
        // Generous: a team child first waits for the other PC's orders to reach it.
        assert!(
            started.recv_timeout(Duration::from_secs(60)).is_ok(),
            "seed {seed} round {round} ({}): the child stopped before {wait_for} operations",
            scene.name
        );
        // The point of the test: a random moment inside the work.
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
        println!(
            "round {round} ({}): killed {delay:?} after operation {wait_for}, {} reported, {} imported",
            scene.name, done.ops, done.imported
        );

        let conn = check::db(&scene.dir);
        check::check(&conn, &scene.initial, &scene.device).unwrap_or_else(|e| {
            panic!(
                "seed {seed} round {round} ({}, after {}+ ops): {e}",
                scene.name, done.ops
            )
        });
        // Every op the desk said was done is in the file, and at most one more per writer
        // thread was committed without being reported before the kill. An import commits
        // page by page, so it may have kept orders it had no time to report.
        let after = check::written(&conn, &scene.device);
        let (ops, created) = (after.ops - before.ops, after.created - before.created);
        let lost = done.ops.saturating_sub(ops) + done.imported.saturating_sub(created);
        if lost > 0 {
            eprintln!(
                "seed {seed} round {round}: {} ops and {} imports reported, {ops} and {created} in the file",
                done.ops, done.imported
            );
        }
        lost_total += lost;
        assert!(
            ops <= done.ops + WRITERS,
            "seed {seed} round {round}: {} ops reported done, {ops} in the file",
            done.ops
        );
    }
    drop(site);
    // The kills landed where they were meant to: the solo desk had imported, and the team
    // desk had pulled the other PC's ops and pushed its own.
    let count = |scene: &Scene, sql: &str| -> i64 {
        check::db(&scene.dir)
            .query_row(sql, [&scene.device], |r| r.get(0))
            .expect("counted")
    };
    let imported = count(&solo, "SELECT COUNT(*) FROM channel_orders WHERE ?1 <> ''");
    let pulled = count(&team, "SELECT COUNT(*) FROM ops WHERE device_id <> ?1");
    let pushed = count(
        &team,
        "SELECT COUNT(*) FROM ops WHERE device_id = ?1 AND hub_seq IS NOT NULL",
    );
    println!("solo: {imported} orders imported; team: {pulled} ops pulled, {pushed} pushed");
    if rounds >= 2 {
        assert!(imported > 0, "seed {seed}: no import ran before a kill");
        assert!(
            pulled > 0 && pushed > 0,
            "seed {seed}: the team desk never synced"
        );
    }
    println!("figure crash_points {rounds}");
    println!("figure crash_lost_ops {lost_total}");
    assert_eq!(lost_total, 0, "seed {seed}: ops reported done were lost");
    hub.stop(&rt);
    reopens_and_writes(&solo);
}

/// The desk opens the recovered file and keeps working.
fn reopens_and_writes(scene: &Scene) {
    let desk = Desk::open_demo_with_secrets(
        &scene.dir,
        now(),
        std::sync::Arc::new(channels::MemorySecrets::default()),
    )
    .expect("reopens after the crashes");
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
    check::check(&check::db(&scene.dir), &scene.initial, &scene.device)
        .expect("consistent after recovery");
}
