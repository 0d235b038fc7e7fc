//! Operations per second through the store's writer beside a bare rusqlite loop of the same
//! transaction shape on the same file, in interleaved rounds, with the CPU time, the time
//! spent waiting for a core and the WAL pages of each.

use std::path::Path;
use std::time::Instant;

use jiff::Timestamp;

use crate::{Error, OPS, ROUNDS, WARM_UP};

/// The most ops a measured block may hold (see `per_round`).
const MAX_PER_ROUND: usize = 700;

/// Ops in each measured round: `OPS` split into `ROUNDS`, or a longer run for a profiler
/// (`ORDERDESK_BENCH_OPS`); checked before anything is measured.
pub fn per_round() -> Result<usize, Error> {
    let ops = std::env::var("ORDERDESK_BENCH_OPS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(OPS);
    let per_round = ops / ROUNDS;
    // A block counts its WAL frames and pays for its own checkpoint only while the store's
    // checkpoint thread stays asleep (store::checkpoint::FRAMES, 10,000 frames; an op writes
    // 11 to 13). A run of 20,000 ops went past it and ended in «SQL logic error».
    if per_round > MAX_PER_ROUND {
        return Err(format!(
            "ORDERDESK_BENCH_OPS={ops} makes rounds of {per_round} ops; at most {} \
             ({MAX_PER_ROUND} a round keeps a block under the store's checkpoint threshold)",
            MAX_PER_ROUND * ROUNDS
        )
        .into());
    }
    Ok(per_round)
}

/// Per round: the store's block and the bare loop's.
pub struct Rounds {
    pub store: Vec<f64>,
    pub raw: Vec<f64>,
    pub store_cpu_us: Vec<f64>,
    pub raw_cpu_us: Vec<f64>,
    pub store_waiting_us: Vec<f64>,
    pub raw_waiting_us: Vec<f64>,
    pub store_frames: Vec<f64>,
    pub raw_frames: Vec<f64>,
    /// Frames per op by the table or index their page belongs to (one more block, uncounted).
    pub store_trees: Vec<(String, f64)>,
    /// The same for the bare loop.
    pub raw_trees: Vec<(String, f64)>,
}

/// One block of transactions: per second by the wall clock, and per transaction the CPU
/// time of every thread of the process and the time they waited for a core.
struct Block {
    per_s: f64,
    cpu_us: f64,
    waiting_us: f64,
}

/// `n` runs of `run`, then `end` (the checkpoint of what they wrote), all on the clock.
fn block(
    n: usize,
    mut run: impl FnMut() -> Result<bool, Error>,
    end: impl FnOnce() -> Result<(), Error>,
) -> Result<Block, Error> {
    let times = benchkit::ThreadTimes::now();
    let started = Instant::now();
    let mut done = 0;
    for _ in 0..n {
        done += usize::from(run()?);
    }
    end()?;
    let wall = started.elapsed().as_secs_f64();
    let spent = match (times, benchkit::ThreadTimes::now()) {
        (Some(before), Some(after)) => after.since(before),
        _ => benchkit::ThreadTimes::default(),
    };
    let per_tx = |ns: u64| ns as f64 / 1000.0 / done.max(1) as f64;
    Ok(Block {
        per_s: done as f64 / wall,
        cpu_us: per_tx(spent.cpu_ns),
        waiting_us: per_tx(spent.waiting_ns),
    })
}

/// Single-operation transactions through the store's one writer (validated against the
/// stored order, effect + version + ops row committed together), in rounds interleaved with
/// the bare rusqlite loop on the same file.
pub fn run(dir: &Path, now: Timestamp, per_round: usize) -> Result<Rounds, Error> {
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
    let mut one_op = || -> Result<bool, Error> {
        let row = &rows[next % rows.len()];
        next += 1;
        let op = if next.is_multiple_of(2) {
            let order = store.order(row.id)?;
            let Ok(to) = workflow.advance_target(&order.state()) else {
                return Ok(false);
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
        Ok(store.record(new).is_ok())
    };
    // At least a round's worth of ops: the WAL file then already has the size a round
    // needs, and every measured round writes over it as the desk does day to day (its
    // checkpoints start the WAL over without shrinking the file), instead of growing the
    // file page by page.
    block(WARM_UP.max(per_round), &mut one_op, || Ok(()))?;
    raw.block(WARM_UP, false)?;
    let mut out = Rounds {
        store: Vec::with_capacity(ROUNDS),
        raw: Vec::with_capacity(ROUNDS),
        store_cpu_us: Vec::with_capacity(ROUNDS),
        raw_cpu_us: Vec::with_capacity(ROUNDS),
        store_waiting_us: Vec::with_capacity(ROUNDS),
        raw_waiting_us: Vec::with_capacity(ROUNDS),
        store_frames: Vec::with_capacity(ROUNDS),
        raw_frames: Vec::with_capacity(ROUNDS),
        store_trees: Vec::new(),
        raw_trees: Vec::new(),
    };
    let mut store_round = |raw: &Raw| -> Result<(Block, f64), Error> {
        raw.restart_wal()?;
        let mut frames = 0;
        let b = block(per_round, &mut one_op, || {
            // Nothing else wrote since the restart, and a block stays under the store's
            // own checkpoint threshold, so the WAL holds exactly the block's frames.
            frames = raw.checkpoint()?;
            Ok(())
        })?;
        Ok((b, frames as f64 / per_round as f64))
    };
    for round in 0..ROUNDS {
        let ((s, store_frames), (r, raw_frames)) = if round % 2 == 0 {
            let s = store_round(&raw)?;
            (s, raw.measured_block(per_round)?)
        } else {
            let r = raw.measured_block(per_round)?;
            (store_round(&raw)?, r)
        };
        println!(
            "round {}: store {:.0} ops/s ({:.0} µs CPU, {:.0} µs waiting for a core, \
             {store_frames:.1} WAL frames per op), bare loop {:.0} tx/s ({:.0} µs CPU, \
             {:.0} µs waiting, {raw_frames:.1} frames); ratio {:.2}, by CPU time {:.2}",
            round + 1,
            s.per_s,
            s.cpu_us,
            s.waiting_us,
            r.per_s,
            r.cpu_us,
            r.waiting_us,
            s.per_s / r.per_s,
            r.cpu_us / s.cpu_us,
        );
        out.store.push(s.per_s);
        out.raw.push(r.per_s);
        out.store_cpu_us.push(s.cpu_us);
        out.raw_cpu_us.push(r.cpu_us);
        out.store_waiting_us.push(s.waiting_us);
        out.raw_waiting_us.push(r.waiting_us);
        out.store_frames.push(store_frames);
        out.raw_frames.push(raw_frames);
    }
    // Where the frames go: one more block of each, off the clock, read from the WAL before
    // it is checkpointed. A failure here costs only these figures, not the run's.
    match by_tree(
        &mut raw,
        &mut one_op,
        per_round,
        &path.with_extension("sqlite3-wal"),
    ) {
        Ok((store, bare)) => {
            out.store_trees = store;
            out.raw_trees = bare;
        }
        Err(e) => println!("WAL frames by table and index not measured: {e}"),
    }
    for (who, trees) in [("store", &out.store_trees), ("bare loop", &out.raw_trees)] {
        let each: Vec<String> = trees.iter().map(|(t, n)| format!("{t} {n}")).collect();
        println!("WAL frames per commit, {who}: {}", each.join(", "));
    }
    Ok(out)
}

/// Frames per commit by table or index, largest first.
type ByTree = Vec<(String, f64)>;

/// Frames per commit by table and index: one more block of the store's ops and one of the
/// bare loop, each from an empty WAL, placed in one walk of the file. The bare loop's own
/// checkpoint (every 1,000 frames) starts its WAL over within the block, so only its commits
/// since are read; per commit that is the same.
fn by_tree(
    raw: &mut Raw,
    one_op: &mut impl FnMut() -> Result<bool, Error>,
    n: usize,
    wal: &Path,
) -> Result<(ByTree, ByTree), Error> {
    use crate::wal_trees::{Frames, Trees};
    raw.restart_wal()?;
    block(n, &mut *one_op, || Ok(()))?;
    let store = Frames::read(wal)?;
    raw.restart_wal()?;
    raw.block(n, false)?;
    let bare = Frames::read(wal)?;
    let trees = Trees::place(&raw.conn, &[&store, &bare])?;
    raw.checkpoint()?;
    Ok((store.per_commit(&trees), bare.per_commit(&trees)))
}

/// Frames the bare connection's commits added to the WAL (its WAL hook).
static RAW_FRAMES: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(0);
static RAW_WAL_NOW: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(0);
/// SQLite's default `wal_autocheckpoint`, which a WAL hook of one's own replaces.
const AUTOCHECKPOINT: i64 = 1_000;

/// Counts the frames of each commit, then does what SQLite's own hook (the automatic
/// checkpoint the hook replaces) would: a passive checkpoint past 1,000 frames.
fn raw_wal_hook(wal: &rusqlite::hooks::Wal, frames: std::ffi::c_int) -> rusqlite::Result<()> {
    use std::sync::atomic::Ordering::Relaxed;
    let frames = i64::from(frames);
    let before = RAW_WAL_NOW.swap(frames, Relaxed);
    // A smaller WAL than before: it started over, and holds only this commit.
    RAW_FRAMES.fetch_add(
        if frames >= before {
            frames - before
        } else {
            frames
        },
        Relaxed,
    );
    if frames >= AUTOCHECKPOINT {
        wal.checkpoint()?;
    }
    Ok(())
}

/// Copies the whole WAL into the database file and starts it over; returns how many frames
/// it held. RESTART, not TRUNCATE: the file keeps its size, so the next block writes over it
/// as a running desk does (its checkpoints start the WAL over and never shrink the file);
/// after a TRUNCATE every frame of the next block grew the file by a page.
fn checkpoint_wal(conn: &rusqlite::Connection) -> Result<i64, Error> {
    let frames = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| r.get(1))?;
    conn.query_row("PRAGMA wal_checkpoint(RESTART)", [], |_| Ok(()))?;
    RAW_WAL_NOW.store(0, std::sync::atomic::Ordering::Relaxed);
    Ok(frames)
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
        conn.wal_hook(Some(raw_wal_hook));
        Ok(Raw {
            conn,
            ids,
            next: 0,
            body: "x".repeat(200),
        })
    }

    /// `n` transactions; with `checkpoint`, the WAL is then copied into the database file
    /// on the clock.
    fn block(&mut self, n: usize, checkpoint: bool) -> Result<Block, Error> {
        let Raw {
            conn,
            ids,
            next,
            body,
        } = self;
        let conn = &*conn;
        let mut run = || {
            let id = &ids[*next % ids.len()];
            *next += 1;
            // Unchecked only so the end-of-block checkpoint can share the connection; the
            // same BEGIN DEFERRED as `transaction()`.
            let tx = conn.unchecked_transaction()?;
            let changed = tx
                .prepare_cached("UPDATE orders SET comment = ?1 WHERE id = ?2")?
                .execute(rusqlite::params![format!("bench {next}"), id])?;
            assert_eq!(changed, 1, "the bare loop updates an existing order");
            tx.prepare_cached(
                "INSERT INTO bench_raw_ops (order_id, at, body) VALUES (?1, ?2, ?3)",
            )?
            .execute(rusqlite::params![id, *next as i64, &*body])?;
            tx.commit()?;
            Ok(true)
        };
        block(n, &mut run, || match checkpoint {
            true => checkpoint_wal(conn).map(drop),
            false => Ok(()),
        })
    }

    /// A block from an empty WAL, with the frames it wrote per transaction.
    fn measured_block(&mut self, n: usize) -> Result<(Block, f64), Error> {
        use std::sync::atomic::Ordering::Relaxed;
        self.restart_wal()?;
        RAW_FRAMES.store(0, Relaxed);
        let b = self.block(n, true)?;
        Ok((b, RAW_FRAMES.load(Relaxed) as f64 / n as f64))
    }

    fn checkpoint(&self) -> Result<i64, Error> {
        checkpoint_wal(&self.conn)
    }

    /// Empties the WAL (the next commit starts it over) and keeps its file's size.
    fn restart_wal(&self) -> Result<(), Error> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(RESTART)", [], |_| Ok(()))?;
        RAW_WAL_NOW.store(0, std::sync::atomic::Ordering::Relaxed);
        Ok(())
    }
}
