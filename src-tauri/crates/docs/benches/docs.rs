//! Document rendering figures for `target/bench/docs.json`:
//! - `invoice_ms`, `pd4_ms`: mean per one-page document (with `_median_ms` and `_p90_ms`),
//!   font already parsed (as in the running desk, which parses it once per process);
//! - `waybill_batch_1000_s`: 1,000 delivery notes (the papers that go with a day's goods) in
//!   one PDF, one print job;
//! - `batch_peak_mb`: the process's peak resident memory during that batch (VmHWM, reset
//!   just before it), and `batch_peak_delta_mb` above what was resident before.
//!
//! Run in release: `cargo bench -p docs --bench docs`.

#[path = "../tests/common/mod.rs"]
mod common;

use std::path::PathBuf;
use std::time::Instant;

const RUNS: u32 = 300;
const BATCH: usize = 1000;
/// An everyday order: a few lines, one page.
const LINES: usize = 5;

fn status_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
}

/// Per-document times: mean, median and 90th percentile in ms. The median and p90 show
/// how much of the mean is the shared machine's noise.
struct Timing {
    mean: f64,
    median: f64,
    p90: f64,
}

fn time_ms(runs: u32, mut render: impl FnMut() -> usize) -> Timing {
    let mut each = Vec::with_capacity(runs as usize);
    let mut bytes = 0;
    for _ in 0..runs {
        let start = Instant::now();
        bytes += render();
        each.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    assert!(bytes > 0);
    let mean = each.iter().sum::<f64>() / each.len() as f64;
    each.sort_by(f64::total_cmp);
    let at = |q: f64| each[((each.len() - 1) as f64 * q).round() as usize];
    Timing {
        mean,
        median: at(0.5),
        p90: at(0.9),
    }
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../target"),
        PathBuf::from,
    )
}

fn main() {
    let shop = common::shop();
    let order = common::order(LINES);
    // Parses the embedded font once, as the desk's first document does.
    docs::invoice::invoice(&shop, &order).expect("warm-up invoice");

    let invoice = time_ms(RUNS, || {
        docs::invoice::invoice(&shop, &order)
            .expect("invoice")
            .len()
    });
    let pd4 = time_ms(RUNS, || docs::pd4::pd4(&shop, &order).expect("pd4").len());

    let orders: Vec<docs::DocOrder> = (0..BATCH)
        .map(|i| {
            let mut o = common::order(LINES);
            o.number = format!("2026-{:05}", i + 1);
            o
        })
        .collect();
    let rss_before_kb = status_kb("VmRSS:").unwrap_or(0);
    // Writing 5 to clear_refs resets VmHWM, so the peak read after is the batch's own.
    let hwm_reset = std::fs::write("/proc/self/clear_refs", "5").is_ok();
    let start = Instant::now();
    let pdf = docs::delivery_note::delivery_notes(&shop, &orders).expect("batch");
    let batch_s = start.elapsed().as_secs_f64();
    let peak_kb = status_kb("VmHWM:").unwrap_or(0);

    let mb = |kb: u64| (kb as f64 / 1024.0 * 10.0).round() / 10.0;
    let json = format!(
        "{{\n  \"invoice_ms\": {:.3},\n  \"invoice_median_ms\": {:.3},\n  \"invoice_p90_ms\": {:.3},\n  \
         \"pd4_ms\": {:.3},\n  \"pd4_median_ms\": {:.3},\n  \"pd4_p90_ms\": {:.3},\n  \
         \"waybill_batch_1000_s\": {:.3},\n  \
         \"batch_peak_mb\": {},\n  \"batch_peak_delta_mb\": {},\n  \"batch_pdf_mb\": {},\n  \
         \"peak_is_batch_only\": {},\n  \"runs\": {RUNS},\n  \"lines_per_order\": {LINES},\n  \
         \"what\": \"mean per one-page document with the font parsed once per process; \
         1,000 delivery notes (товарная накладная) in one PDF; VmHWM during the batch\"\n}}\n",
        invoice.mean,
        invoice.median,
        invoice.p90,
        pd4.mean,
        pd4.median,
        pd4.p90,
        batch_s,
        mb(peak_kb),
        mb(peak_kb.saturating_sub(rss_before_kb)),
        mb(pdf.len() as u64 / 1024),
        hwm_reset,
    );
    let dir = target_dir().join("bench");
    std::fs::create_dir_all(&dir).expect("create target/bench");
    let path = dir.join("docs.json");
    std::fs::write(&path, &json).expect("write docs.json");
    print!("{json}");
    println!("written to {}", path.display());
}
