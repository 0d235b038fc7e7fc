//! `cargo xtask bench sync`: the team hub on the local PostgreSQL and desks on SQLite, over
//! loopback HTTP, with the code desks and the hub run. Writes `target/bench/sync.json`:
//!
//! - `hub_ops_per_s`: ops accepted per second for one shop, four devices pushing 100,000
//!   new orders in batches of 500 at once (goal ≥ 5,000), in rounds, each beside bare
//!   single-statement PostgreSQL transactions on the same server (`raw_postgres_tx_per_s`,
//!   `hub_vs_raw_postgres`);
//! - `join_100k_s`: a new desk pulling that 100,000-order shop to its SQLite file;
//! - `converge_2x1000_s`: two desks that made 1,000 ops each offline, from reconnecting to
//!   both holding everything (goal ≤ 2).

#[path = "../tests/common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use common::{assert_converged, new_order, now, payment, Desk, Team};
use deadpool_postgres::tokio_postgres;
use domain::{Actor, Op, OpEnvelope, Role};
use proto::sync::{OpOutcome, PushRequest, PROTOCOL_VERSION, PUSH_MAX_OPS};
use sync::Transport;
use uuid::Uuid;

/// `ORDERDESK_SYNC_BENCH_ORDERS` shrinks the shop for a quick trial run.
const ORDERS_DEFAULT: usize = 100_000;
const PUSHERS: usize = 4;
const OFFLINE_OPS: usize = 1_000;
/// The push is measured in rounds, each beside a block of bare PostgreSQL transactions.
const ROUNDS: usize = 5;
/// Bare transactions per connection per round.
const RAW_PER_CONN: usize = 2_500;

type Error = Box<dyn std::error::Error + Send + Sync>;

fn main() -> Result<(), Error> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(bench())
}

async fn bench() -> Result<(), Error> {
    let machine = benchkit::Machine::start();
    let orders: usize = std::env::var("ORDERDESK_SYNC_BENCH_ORDERS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(ORDERS_DEFAULT);
    let team = Team::start("sync_bench").await;
    let pushers: Vec<Arc<Desk>> = futures_join(PUSHERS, &team)
        .await
        .into_iter()
        .map(Arc::new)
        .collect();
    let mut devices: Vec<(Uuid, i64)> = pushers.iter().map(|_| (Uuid::now_v7(), 0)).collect();
    let raw = RawPostgres::connect(&team.db.url).await?;
    // Steady state: both sides warm up (connections, prepared statements, the hub's caches,
    // PostgreSQL's buffers for the new tables) before anything is counted.
    let each = orders / PUSHERS;
    let warm_each = (each / 20).clamp(1, PUSH_MAX_OPS);
    push_round(&pushers, &mut devices, each, warm_each).await?;
    raw.block(PUSHERS * RAW_PER_CONN / 4).await?;
    let pushed_warm = warm_each * PUSHERS;
    println!(
        "pushing {orders} new orders from {PUSHERS} devices in {ROUNDS} rounds, each beside \
         {} bare PostgreSQL transactions…",
        PUSHERS * RAW_PER_CONN
    );
    let mut hub_rounds = Vec::with_capacity(ROUNDS);
    let mut raw_rounds = Vec::with_capacity(ROUNDS);
    let rest_each = each - warm_each;
    for round in 0..ROUNDS {
        let n = rest_each / ROUNDS + usize::from(round < rest_each % ROUNDS);
        let (h, r) = if round % 2 == 0 {
            let h = push_round(&pushers, &mut devices, each, n).await?;
            (h, raw.block(PUSHERS * RAW_PER_CONN).await?)
        } else {
            let r = raw.block(PUSHERS * RAW_PER_CONN).await?;
            (push_round(&pushers, &mut devices, each, n).await?, r)
        };
        println!(
            "round {}: hub {h:.0} ops/s, bare PostgreSQL {r:.0} tx/s, ratio {:.2}",
            round + 1,
            h / r
        );
        hub_rounds.push(h);
        raw_rounds.push(r);
    }
    let accepted: i64 = devices.iter().map(|(_, seq)| seq).sum();
    assert_eq!(accepted as usize, each * PUSHERS, "every order accepted");
    let _ = pushed_warm;
    drop(pushers);

    println!("a new desk joins the {accepted}-order shop…");
    let joiner = team.desk("joiner", "manager").await;
    let started = Instant::now();
    let round = joiner.sync().await?;
    let join_100k_s = started.elapsed().as_secs_f64();
    assert_eq!(round.pulled as usize, accepted as usize);
    assert_eq!(joiner.store().order_ids()?.len(), accepted as usize);
    println!("join_100k_s: {join_100k_s:.2}");
    drop(joiner);
    drop(raw);
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

    let name = if orders == ORDERS_DEFAULT {
        "sync.json"
    } else {
        println!("a trial run with {orders} orders: written to sync-trial.json, not sync.json");
        "sync-trial.json"
    };
    let out = bench_dir().join(name);
    std::fs::create_dir_all(bench_dir())?;
    let mut json = serde_json::json!({
        "hub_ops_per_s_goal": 5000,
        "converge_2x1000_s": (converge_2x1000_s * 100.0).round() / 100.0,
        "converge_2x1000_s_goal": 2,
        "join_100k_s": (join_100k_s * 100.0).round() / 100.0,
        "orders": orders,
        "pushers": PUSHERS,
        "push_batch": PUSH_MAX_OPS,
        "runs": ROUNDS,
        "runs_note": "hub_ops_per_s, raw_postgres_tx_per_s, hub_vs_raw_postgres: median and spread over the rounds; join and converge are one run each",
        "steady_state": format!(
            "the hub and the bare connections warm up uncounted ({} orders pushed, {} bare \
             transactions); then {ROUNDS} rounds, each pushing a fifth of the rest beside {} \
             bare transactions, alternating which goes first; the database is new for the \
             run, so the op log grows from empty as in a fresh clone",
            pushed_warm,
            PUSHERS * RAW_PER_CONN / 4,
            PUSHERS * RAW_PER_CONN
        ),
        "what": {
            "hub_ops_per_s": "new orders accepted per second: loopback HTTP to orderdesk-hub on the local PostgreSQL (synchronous_commit as configured), four devices pushing batches of 500 at once; one op per PostgreSQL transaction",
            "raw_postgres_tx_per_s": "baseline: bare single-statement transactions (autocommit INSERT of a pushed op's JSON into a jsonb column of a bench table, synchronous_commit=off as the hub's pool connections have it) from four connections at once to the same server and database",
            "hub_vs_raw_postgres": "hub_ops_per_s / raw_postgres_tx_per_s of the same round; median over the rounds",
            "join_100k_s": "a new desk pulling the shop (all pushed orders) into its SQLite file",
            "converge_2x1000_s": "two desks with 1,000 offline ops each, from reconnecting to both holding everything",
        },
    });
    if let Some(map) = json.as_object_mut() {
        benchkit::figure(map, "hub_ops_per_s", &hub_rounds, 0);
        benchkit::figure(map, "raw_postgres_tx_per_s", &raw_rounds, 0);
        benchkit::ratio(map, "hub_vs_raw_postgres", &hub_rounds, &raw_rounds);
        map.insert("machine".into(), machine.finish());
    }
    std::fs::write(&out, serde_json::to_string_pretty(&json)? + "\n")?;
    println!("wrote {}", out.display());
    Ok(())
}

/// Every pusher sends `n` more of its `each` new orders at once; ops accepted per second.
async fn push_round(
    pushers: &[Arc<Desk>],
    devices: &mut [(Uuid, i64)],
    each: usize,
    n: usize,
) -> Result<f64, Error> {
    let started = Instant::now();
    let mut tasks = Vec::new();
    for (i, (desk, &(device_id, from))) in pushers.iter().zip(devices.iter()).enumerate() {
        let desk = desk.clone();
        tasks.push(tokio::spawn(async move {
            let actor = Actor {
                id: desk.name.clone(),
                name: desk.name.clone(),
                role: Role::Manager,
            };
            let until = from + i64::try_from(n).unwrap_or(0);
            let mut accepted = 0usize;
            let mut seq = from;
            while seq < until {
                let mut ops = Vec::with_capacity(PUSH_MAX_OPS);
                while ops.len() < PUSH_MAX_OPS && seq < until {
                    seq += 1;
                    let env = OpEnvelope {
                        id: Uuid::now_v7(),
                        device_id,
                        device_seq: seq,
                        actor: actor.clone(),
                        at: now(),
                        op: new_order(u32::try_from(i * each).unwrap_or(0) + seq as u32, 1_500),
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
    let seconds = started.elapsed().as_secs_f64();
    assert_eq!(
        accepted,
        n * pushers.len(),
        "every order of the round accepted"
    );
    for d in devices.iter_mut() {
        d.1 += i64::try_from(n).unwrap_or(0);
    }
    Ok(accepted as f64 / seconds)
}

/// The baseline: bare single-statement transactions on the same server and database.
struct RawPostgres {
    clients: Vec<Arc<tokio_postgres::Client>>,
    body: String,
}

impl RawPostgres {
    async fn connect(url: &str) -> Result<RawPostgres, Error> {
        let mut clients = Vec::with_capacity(PUSHERS);
        for _ in 0..PUSHERS {
            let (client, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls).await?;
            tokio::spawn(connection);
            // As the hub's own pool connections commit (hub db.rs): without waiting for the
            // WAL flush, which its sequencer does once for many ops.
            client.batch_execute("SET synchronous_commit = off").await?;
            clients.push(Arc::new(client));
        }
        clients[0]
            .batch_execute(
                "CREATE TABLE IF NOT EXISTS bench_raw_ops \
                 (seq bigserial PRIMARY KEY, body jsonb NOT NULL)",
            )
            .await?;
        // A pushed op as the hub receives it, so the row is as wide as the hub's.
        let env = OpEnvelope {
            id: Uuid::now_v7(),
            device_id: Uuid::now_v7(),
            device_seq: 1,
            actor: Actor {
                id: "raw".into(),
                name: "raw".into(),
                role: Role::Manager,
            },
            at: now(),
            op: new_order(1, 1_500),
            based_on: None,
        };
        Ok(RawPostgres {
            clients,
            body: serde_json::to_string(&env)?,
        })
    }

    /// `n` transactions spread over the connections, all at once; transactions per second.
    async fn block(&self, n: usize) -> Result<f64, Error> {
        let started = Instant::now();
        let mut tasks = Vec::new();
        for client in &self.clients {
            let client = client.clone();
            let body = self.body.clone();
            let mine = n / self.clients.len();
            tasks.push(tokio::spawn(async move {
                let statement = client
                    .prepare("INSERT INTO bench_raw_ops (body) VALUES ($1::text::jsonb)")
                    .await?;
                for _ in 0..mine {
                    client.execute(&statement, &[&body]).await?;
                }
                Ok::<usize, tokio_postgres::Error>(mine)
            }));
        }
        let mut done = 0;
        for t in tasks {
            done += t.await??;
        }
        Ok(done as f64 / started.elapsed().as_secs_f64())
    }
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

fn bench_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../target"))
        .join("bench")
}
