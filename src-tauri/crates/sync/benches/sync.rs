//! `cargo xtask bench sync`: the team hub on the local PostgreSQL and desks on SQLite, over
//! loopback HTTP, with the code desks and the hub run. Writes `target/bench/sync.json`:
//!
//! - `hub_ops_per_s`: ops accepted per second for one shop, four devices pushing 100,000
//!   new orders in batches of 500 at once (goal ≥ 5,000);
//! - `join_100k_s`: a new desk pulling that 100,000-order shop to its SQLite file;
//! - `converge_2x1000_s`: two desks that made 1,000 ops each offline, from reconnecting to
//!   both holding everything (goal ≤ 2).

#[path = "../tests/common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};
use std::time::Instant;

use common::{assert_converged, new_order, now, payment, Desk, Team};
use domain::{Actor, Op, OpEnvelope, Role};
use proto::sync::{OpOutcome, PushRequest, PROTOCOL_VERSION, PUSH_MAX_OPS};
use sync::Transport;
use uuid::Uuid;

/// `ORDERDESK_SYNC_BENCH_ORDERS` shrinks the shop for a quick trial run.
const ORDERS_DEFAULT: usize = 100_000;
const PUSHERS: usize = 4;
const OFFLINE_OPS: usize = 1_000;

type Error = Box<dyn std::error::Error + Send + Sync>;

fn main() -> Result<(), Error> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(bench())
}

async fn bench() -> Result<(), Error> {
    let orders: usize = std::env::var("ORDERDESK_SYNC_BENCH_ORDERS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(ORDERS_DEFAULT);
    let team = Team::start("sync_bench").await;
    let pushers: Vec<Desk> = futures_join(PUSHERS, &team).await;
    println!("pushing {orders} new orders from {PUSHERS} devices…");
    let started = Instant::now();
    let mut tasks = Vec::new();
    for (i, desk) in pushers.into_iter().enumerate() {
        tasks.push(tokio::spawn(async move {
            let device_id = Uuid::now_v7();
            let actor = Actor {
                id: desk.name.clone(),
                name: desk.name.clone(),
                role: Role::Manager,
            };
            let mine = orders / PUSHERS;
            let mut accepted = 0usize;
            let mut seq = 0i64;
            while seq < i64::try_from(mine).unwrap_or(i64::MAX) {
                let mut ops = Vec::with_capacity(PUSH_MAX_OPS);
                while ops.len() < PUSH_MAX_OPS && seq < i64::try_from(mine).unwrap_or(0) {
                    seq += 1;
                    let env = OpEnvelope {
                        id: Uuid::now_v7(),
                        device_id,
                        device_seq: seq,
                        actor: actor.clone(),
                        at: now(),
                        op: new_order(u32::try_from(i * mine).unwrap_or(0) + seq as u32, 1_500),
                        based_on: None,
                    };
                    ops.push(serde_json::to_value(&env).map_err(|e| e.to_string())?);
                }
                let answer = desk
                    .hub
                    .push(&PushRequest {
                        protocol: PROTOCOL_VERSION,
                        ops,
                    })
                    .await
                    .map_err(|e| e.to_string())?;
                accepted += answer
                    .results
                    .iter()
                    .filter(|r| matches!(r.outcome, OpOutcome::Accepted { .. }))
                    .count();
            }
            Ok::<usize, String>(accepted)
        }));
    }
    let mut accepted = 0;
    for t in tasks {
        accepted += t.await??;
    }
    let push_s = started.elapsed().as_secs_f64();
    assert_eq!(accepted, orders, "every order accepted");
    let hub_ops_per_s = accepted as f64 / push_s;
    println!("hub_ops_per_s: {hub_ops_per_s:.0}");

    println!("a new desk joins the {orders}-order shop…");
    let joiner = team.desk("joiner", "manager").await;
    let started = Instant::now();
    let round = joiner.sync().await?;
    let join_100k_s = started.elapsed().as_secs_f64();
    assert_eq!(round.pulled as usize, orders);
    assert_eq!(joiner.store().order_ids()?.len(), orders);
    println!("join_100k_s: {join_100k_s:.2}");
    drop(joiner);
    team.finish().await;

    let team = Team::start("sync_bench_converge").await;
    let anna = team.desk("anna", "manager").await;
    let boris = team.desk("boris", "manager").await;
    for desk in [&anna, &boris] {
        offline_work(desk)?;
    }
    println!("two desks with {OFFLINE_OPS} offline ops each reconnect…");
    let started = Instant::now();
    anna.sync().await?;
    boris.sync().await?;
    anna.sync().await?;
    let converge_2x1000_s = started.elapsed().as_secs_f64();
    assert_converged(&team, &[&anna, &boris]).await;
    assert_eq!(team.seqs().await.len(), 2 * OFFLINE_OPS);
    println!("converge_2x1000_s: {converge_2x1000_s:.2}");
    team.finish().await;

    if orders != ORDERS_DEFAULT {
        println!("a trial run with {orders} orders: sync.json not written");
        return Ok(());
    }
    let out = bench_dir().join("sync.json");
    std::fs::create_dir_all(bench_dir())?;
    let json = serde_json::json!({
        "hub_ops_per_s": hub_ops_per_s.round(),
        "hub_ops_per_s_goal": 5000,
        "converge_2x1000_s": (converge_2x1000_s * 100.0).round() / 100.0,
        "converge_2x1000_s_goal": 2,
        "join_100k_s": (join_100k_s * 100.0).round() / 100.0,
        "orders": orders,
        "pushers": PUSHERS,
        "push_batch": PUSH_MAX_OPS,
        // The machine is shared: how busy it was says how far the figures are from its best.
        "load_avg_1m_at_end": load_average(),
        "what": "loopback HTTP to orderdesk-hub on the local PostgreSQL (synchronous_commit as \
                 configured), desks on SQLite; one op per PostgreSQL transaction",
    });
    std::fs::write(&out, serde_json::to_string_pretty(&json)? + "\n")?;
    println!("wrote {}", out.display());
    Ok(())
}

async fn futures_join(n: usize, team: &Team) -> Vec<Desk> {
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        out.push(team.desk(&format!("pusher{i}"), "manager").await);
    }
    out
}

/// 250 new orders, each then paid, noted and called about: 1,000 ops, all local.
fn offline_work(desk: &Desk) -> Result<(), Error> {
    for i in 0..OFFLINE_OPS / 4 {
        let env = desk.record(new_order(u32::try_from(i).unwrap_or(0), 2_000))?;
        let order_id = env.op.order_id();
        desk.record(payment(order_id, 100))?;
        desk.record(Op::SetComment {
            order_id,
            comment: Some(format!("{} {i}", desk.name)),
        })?;
        desk.record(payment(order_id, 50))?;
    }
    Ok(())
}

fn load_average() -> Option<f64> {
    std::fs::read_to_string("/proc/loadavg")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

fn bench_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../target"))
        .join("bench")
}
