//! Numbers committed ops: each shop's accepted ops get consecutive places in its history,
//! and new orders their numbers, many ops per transaction.
//!
//! An op commits in its own transaction without touching the shop row, so concurrent ops
//! share WAL flushes; holding the shop row through every commit would allow one op per
//! fsync. A committed op waits in `op_queue` (written in its own transaction); the numbering
//! transaction takes ops off it in arrival order into `op_log`, narrow rows beside the wide
//! `ops` (which it never rewrites). An op on an order can only
//! arrive after the previous op on that order committed, so each order's ops keep their
//! order. Pulls see only numbered ops, and a numbering commits whole: no gaps are visible.
//!
//! Durability: an accepted op commits with `synchronous_commit = off` (push.rs), so its
//! commit returns before its WAL is on disk; the numbering commits with it `on`. PostgreSQL's
//! WAL is one sequence and a synchronous commit becomes visible only after its flush, which
//! covers every record written before it, including the commit of each op it numbers (it
//! read them, so they were written first). Hence a numbered op — the only kind a pull
//! returns, `hello` counts or a push answer reports (the answer waits for the numbering) — is
//! on disk. A crash can lose only ops not yet numbered: nobody saw them and their push was
//! not answered, so their desks push them again and the hub judges them afresh (by op id
//! it cannot take one twice). The shop's seq and order numbers live in the same numbering
//! transaction, so they are lost or kept with it: no gap.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use deadpool_postgres::Pool;
use tokio::sync::watch;
use uuid::Uuid;

use crate::HubError;

/// Most ops numbered by one transaction.
const BATCH: i64 = 20_000;

pub(crate) struct Sequencer {
    asked: watch::Sender<u64>,
    done: watch::Receiver<u64>,
    /// The places of ops whose pushes wait for them (0 until numbered): told by the pass
    /// that numbers them, so a push answer needs no lookup.
    waiting: Waiting,
}

type Waiting = Arc<Mutex<HashMap<Uuid, i64>>>;

/// Ops a push waits to hear the places of; takes them out of [`Sequencer::waiting`]
/// however the push ends.
pub(crate) struct Expected<'a> {
    waiting: &'a Waiting,
    ops: &'a [Uuid],
}

impl Expected<'_> {
    /// The places told so far (an op is missing if it was not numbered, or was numbered
    /// before it was expected, which the caller looks up).
    pub(crate) fn places(&self) -> HashMap<Uuid, i64> {
        let waiting = self.waiting.lock().unwrap_or_else(PoisonError::into_inner);
        self.ops
            .iter()
            .filter_map(|id| {
                waiting
                    .get(id)
                    .filter(|seq| **seq > 0)
                    .map(|seq| (*id, *seq))
            })
            .collect()
    }
}

impl Drop for Expected<'_> {
    fn drop(&mut self) {
        let mut waiting = self.waiting.lock().unwrap_or_else(PoisonError::into_inner);
        for id in self.ops {
            waiting.remove(id);
        }
    }
}

impl Sequencer {
    /// Starts numbering in the background; `numbered(shop, head)` hears of every new head.
    pub(crate) fn start(
        pool: Pool,
        numbered: impl Fn(Uuid, i64) + Send + Sync + 'static,
    ) -> Arc<Sequencer> {
        // Starts at 1 so a pass runs at once: ops a previous run committed but did not
        // number (it stopped in between) get their places before anything else.
        let (asked, mut asks) = watch::channel(1u64);
        let (done, done_rx) = watch::channel(0u64);
        let waiting = Waiting::default();
        let told = waiting.clone();
        // The task holds no Sequencer: when the hub drops it, `asks` closes and the task ends.
        tokio::spawn(async move {
            loop {
                let wanted = *asks.borrow_and_update();
                if *done.borrow() < wanted {
                    match pass(&pool, &numbered, &told).await {
                        Ok(()) => {
                            done.send_replace(wanted);
                        }
                        Err(e) => {
                            tracing::error!(error = %e, "numbering ops failed; retrying");
                            tokio::time::sleep(Duration::from_millis(200)).await;
                        }
                    }
                    continue;
                }
                if asks.changed().await.is_err() {
                    return;
                }
            }
        });
        Arc::new(Sequencer {
            asked,
            done: done_rx,
            waiting,
        })
    }

    /// Asks to be told the places of `ops`, before they are committed: a pass may number
    /// them as soon as they are. Until the returned guard is dropped.
    pub(crate) fn expect<'a>(&'a self, ops: &'a [Uuid]) -> Expected<'a> {
        let mut waiting = self.waiting.lock().unwrap_or_else(PoisonError::into_inner);
        for id in ops {
            waiting.insert(*id, 0);
        }
        Expected {
            waiting: &self.waiting,
            ops,
        }
    }

    /// Waits until everything committed before this call is numbered.
    pub(crate) async fn settle(&self) -> Result<(), HubError> {
        let mut target = 0;
        self.asked.send_modify(|n| {
            *n += 1;
            target = *n;
        });
        let mut done = self.done.clone();
        tokio::time::timeout(Duration::from_secs(10), done.wait_for(|d| *d >= target))
            .await
            .map_err(|_| HubError::Corrupt("numbering ops takes too long".into()))?
            .map_err(|_| HubError::Corrupt("the op numbering stopped".into()))?;
        Ok(())
    }
}

/// Numbers every committed op still in the queue, oldest arrival first.
async fn pass(
    pool: &Pool,
    numbered: &(impl Fn(Uuid, i64) + Sync),
    waiting: &Waiting,
) -> Result<(), HubError> {
    let mut client = pool.get().await?;
    loop {
        let tx = client.transaction().await?;
        // One numberer at a time, even with several hubs on one database. The numbering
        // commits synchronously whatever the server's default: its WAL flush is what makes
        // the ops' asynchronous commits durable before anyone sees or is told of them.
        tx.batch_execute(
            "SET LOCAL synchronous_commit = on; SELECT pg_advisory_xact_lock(7878002)",
        )
        .await?;
        // Taken off the queue in arrival order; RETURNING gives no order, hence the sort.
        let rows = tx
            .query(
                "DELETE FROM op_queue WHERE arrival IN \
                 (SELECT arrival FROM op_queue ORDER BY arrival LIMIT $1) \
                 RETURNING arrival, shop_id, op_id, creates",
                &[&BATCH],
            )
            .await?;
        if rows.is_empty() {
            return Ok(());
        }
        let full = rows.len() as i64 >= BATCH;
        let mut taken: Vec<(i64, Uuid, Uuid, Option<Uuid>)> = rows
            .iter()
            .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3)))
            .collect();
        taken.sort_unstable_by_key(|t| t.0);
        // Per shop: its ops in arrival order, and the order each creates (if any).
        let mut shops: BTreeMap<Uuid, Vec<(Uuid, Option<Uuid>)>> = BTreeMap::new();
        for (_, shop, op, creates) in taken {
            shops.entry(shop).or_default().push((op, creates));
        }
        let mut heads = Vec::new();
        let mut places = Vec::with_capacity(rows.len());
        for (shop, ops) in &shops {
            let k = ops.len() as i64;
            let c = ops.iter().filter(|(_, creates)| creates.is_some()).count() as i64;
            let row = tx
                .query_one(
                    "UPDATE shops SET seq = seq + $2, last_number = last_number + $3 \
                     WHERE id = $1 RETURNING seq, last_number",
                    &[shop, &k, &c],
                )
                .await?;
            let (head, last_number): (i64, i64) = (row.get(0), row.get(1));
            let mut next_number = last_number - c;
            let mut ids = Vec::with_capacity(ops.len());
            let mut seqs = Vec::with_capacity(ops.len());
            let mut numbers: Vec<Option<i64>> = Vec::with_capacity(ops.len());
            let (mut orders, mut order_numbers) = (Vec::new(), Vec::new());
            for (i, (id, creates)) in (0i64..).zip(ops) {
                ids.push(*id);
                seqs.push(head - k + 1 + i);
                numbers.push(creates.map(|order| {
                    next_number += 1;
                    orders.push(order);
                    order_numbers.push(next_number);
                    next_number
                }));
            }
            // Narrow rows only: a pull and the judge put the number into the JSON they read.
            tx.execute(
                "INSERT INTO op_log (shop_id, seq, op_id, number) \
                 SELECT $1, u.seq, u.id, u.n \
                 FROM unnest($2::uuid[], $3::bigint[], $4::bigint[]) AS u(id, seq, n)",
                &[shop, &ids, &seqs, &numbers],
            )
            .await?;
            if !orders.is_empty() {
                tx.execute(
                    "INSERT INTO order_numbers (shop_id, order_id, number) \
                     SELECT $1, u.id, u.n FROM unnest($2::uuid[], $3::bigint[]) AS u(id, n)",
                    &[shop, &orders, &order_numbers],
                )
                .await?;
            }
            places.extend(ids.iter().copied().zip(seqs.iter().copied()));
            heads.push((*shop, head));
        }
        tx.commit().await?;
        {
            let mut waiting = waiting.lock().unwrap_or_else(PoisonError::into_inner);
            if !waiting.is_empty() {
                for (id, seq) in places {
                    if let Some(slot) = waiting.get_mut(&id) {
                        *slot = seq;
                    }
                }
            }
        }
        for (shop, head) in heads {
            numbered(shop, head);
        }
        if !full {
            return Ok(());
        }
    }
}
