//! What every benchmark JSON under `target/bench/` carries beside its figures: the machine it
//! ran on (CPU, cores, kernel, load at start and end), how many runs, each main figure's
//! median and spread, a baseline measured in the same run and the ratio to it.
//!
//! Used by xtask itself (the start-up bench, the soak, `--compare`) and by every crate's
//! benches as a dev-dependency.

use serde_json::{json, Map, Value};

/// The 1-, 5- and 15-minute load averages from `/proc/loadavg`.
pub fn load_average() -> Option<[f64; 3]> {
    let text = std::fs::read_to_string("/proc/loadavg").ok()?;
    let mut it = text.split_whitespace().map(|v| v.parse::<f64>().ok());
    Some([it.next()??, it.next()??, it.next()??])
}

/// Taken when a bench starts; [`Machine::finish`] describes the machine with the load at
/// both ends.
pub struct Machine {
    load_start: Option<[f64; 3]>,
    started: std::time::Instant,
}

impl Machine {
    pub fn start() -> Machine {
        Machine {
            load_start: load_average(),
            started: std::time::Instant::now(),
        }
    }

    pub fn finish(&self) -> Value {
        let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let field = |name: &str| {
            cpuinfo.lines().find_map(|l| {
                let (k, v) = l.split_once(':')?;
                (k.trim() == name).then(|| v.trim().to_owned())
            })
        };
        let logical = cpuinfo
            .lines()
            .filter(|l| l.split(':').next().is_some_and(|k| k.trim() == "processor"))
            .count();
        let mem_kb = std::fs::read_to_string("/proc/meminfo").ok().and_then(|m| {
            m.lines()
                .find_map(|l| l.strip_prefix("MemTotal:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        });
        let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease")
            .map(|k| k.trim().to_owned())
            .ok();
        let loads = |l: Option<[f64; 3]>| l.map(|[a, b, c]| json!({"1m": a, "5m": b, "15m": c}));
        json!({
            "cpu_model": field("model name"),
            "cpu_mhz_now": field("cpu MHz").and_then(|v| v.parse::<f64>().ok()),
            "cores_logical": logical,
            "cores_available": std::thread::available_parallelism().map(|n| n.get()).ok(),
            "mem_total_mb": mem_kb.map(|k| k / 1024),
            "kernel": kernel,
            "load_at_start": loads(self.load_start),
            "load_at_end": loads(load_average()),
            "bench_wall_s": round(self.started.elapsed().as_secs_f64(), 1),
            // Set by `cargo xtask bench --fresh`: the suite ran in a new clone with a new
            // target dir, nothing generated before reused.
            "layout": std::env::var("ORDERDESK_BENCH_LAYOUT").unwrap_or_else(|_| "reused".into()),
            "commit": std::env::var("ORDERDESK_BENCH_COMMIT").ok(),
        })
    }
}

pub fn round(v: f64, digits: i32) -> f64 {
    let f = 10f64.powi(digits);
    (v * f).round() / f
}

/// The middle value (the lower of the two middles for an even count).
pub fn median(values: &[f64]) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    v.get((v.len().max(1) - 1) / 2).copied().unwrap_or(f64::NAN)
}

/// `{median, min, max, each}` of one figure over the runs.
pub fn spread(values: &[f64], digits: i32) -> Value {
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    json!({
        "median": round(median(values), digits),
        "min": round(min, digits),
        "max": round(max, digits),
        "each": values.iter().map(|v| round(*v, digits)).collect::<Vec<_>>(),
    })
}

/// `name` (the median, where the figure always stood) and `name_runs` (its spread) beside it.
pub fn figure(out: &mut Map<String, Value>, name: &str, values: &[f64], digits: i32) {
    out.insert(name.into(), json!(round(median(values), digits)));
    out.insert(format!("{name}_runs"), spread(values, digits));
}

/// The ratio of paired runs (figure i over baseline i, both measured back to back), as
/// `name` (median of the pairs) and `name_runs`.
pub fn ratio(out: &mut Map<String, Value>, name: &str, figure: &[f64], baseline: &[f64]) {
    let pairs: Vec<f64> = figure
        .iter()
        .zip(baseline)
        .map(|(f, b)| if *b == 0.0 { f64::NAN } else { f / b })
        .collect();
    figure_ratio(out, name, &pairs);
}

fn figure_ratio(out: &mut Map<String, Value>, name: &str, pairs: &[f64]) {
    figure(out, name, pairs, 3);
}

/// This process's threads, summed from `/proc/self/task/*/schedstat`: nanoseconds on a CPU
/// and nanoseconds ready but waiting for one. Taken before and after a block of work, the
/// first tells the work's cost apart from the machine's load (a busy machine stretches the
/// wall clock, not the CPU time), the second shows what that load cost: every hand-off
/// between threads waits in the run queue when the cores are taken.
#[derive(Debug, Clone, Copy, Default)]
pub struct ThreadTimes {
    pub cpu_ns: u64,
    pub waiting_ns: u64,
}

impl ThreadTimes {
    /// `None` where the kernel keeps no schedstat (not Linux, or built without it).
    pub fn now() -> Option<ThreadTimes> {
        let mut sum = ThreadTimes::default();
        for task in std::fs::read_dir("/proc/self/task").ok()?.flatten() {
            // A thread that ended between the listing and the read has nothing left to add.
            let Ok(text) = std::fs::read_to_string(task.path().join("schedstat")) else {
                continue;
            };
            let mut it = text.split_whitespace().map(|v| v.parse::<u64>().ok());
            sum.cpu_ns += it.next()??;
            sum.waiting_ns += it.next()??;
        }
        Some(sum)
    }

    /// What passed from `earlier` to `self`.
    pub fn since(self, earlier: ThreadTimes) -> ThreadTimes {
        ThreadTimes {
            cpu_ns: self.cpu_ns.saturating_sub(earlier.cpu_ns),
            waiting_ns: self.waiting_ns.saturating_sub(earlier.waiting_ns),
        }
    }
}
