//! `cargo xtask bench`: figures as JSON under `target/bench/`.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use serde_json::json;

use crate::{display, root, setup, sh, target_dir, ui};

const STARTUP_RUNS: usize = 7;

/// Every benchmark, or only those named (`cargo xtask bench startup docs core`).
pub fn all(only: &[String]) -> Result<()> {
    let wanted = |name: &str| only.is_empty() || only.iter().any(|o| o == name);
    setup::all()?;
    if wanted("startup") {
        startup()?;
    }
    if wanted("docs") {
        documents()?;
    }
    if wanted("core") {
        core()?;
    }
    if wanted("sync") {
        sync()?;
    }
    if wanted("channels") {
        channels()?;
    }
    Ok(())
}

/// The team hub and desk sync on loopback against the local PostgreSQL: hub ops per second
/// for one shop, two desks converging after 1,000 offline ops each, and a new desk joining
/// a 100,000-order shop. The bench writes `sync.json` itself.
fn sync() -> Result<()> {
    sh::step("Sync benchmark (hub on PostgreSQL, desks on SQLite)");
    sh::cargo(&["bench", "-p", "sync", "--bench", "sync"])
}

/// WooCommerce import of 10,000 orders and a 50,000-product stock push against a loopback
/// site; the bench writes `channels.json` itself.
fn channels() -> Result<()> {
    sh::step("Channels benchmark (WooCommerce on loopback)");
    sh::cargo(&["bench", "-p", "channels", "--bench", "channels"])
}

/// The order core on 1,000,000 orders: queue page, search, overdue counts, operations per
/// second. The bench writes `core.json` itself and caches the generated shop beside it.
fn core() -> Result<()> {
    sh::step("Order core benchmark (1,000,000 orders; the first run generates them)");
    sh::cargo(&["bench", "-p", "desk", "--bench", "core"])
}

/// Invoice and ПД-4 rendering and a 1,000-note batch; the bench writes `docs.json` itself.
fn documents() -> Result<()> {
    sh::step("Documents benchmark");
    sh::cargo(&["bench", "-p", "docs", "--bench", "docs"])
}

/// From process start to the demo queue on screen, with the release binary users get.
fn startup() -> Result<()> {
    ui::build()?;
    sh::step("Building the release desk for the start-up benchmark");
    sh::cargo(&["build", "--release", "--bin", "orderdesk"])?;
    let app = target_dir().join("release/orderdesk");
    let display = display::ensure()?;
    let data = tempdir()?;

    sh::step("Start-up benchmark");
    // The first start creates the demo shop; it is not what a manager sees every morning.
    let first = start_once(&app, &data, display.as_ref().map(|d| d.name()))?;
    println!("   first start (creates the demo shop): {first:.0} ms");
    let mut runs = Vec::with_capacity(STARTUP_RUNS);
    for _ in 0..STARTUP_RUNS {
        runs.push(start_once(&app, &data, display.as_ref().map(|d| d.name()))?);
    }
    let median = median(&mut runs.clone());
    println!("   cold_start_ms (median of {STARTUP_RUNS}): {median:.0}");
    let _ = std::fs::remove_dir_all(&data);
    write_json(
        "startup.json",
        &json!({
            "cold_start_ms": median.round(),
            "runs_ms": runs,
            "first_start_with_demo_seed_ms": first.round(),
            "binary": "release",
            "what": "process spawn to the first stage's orders rendered (measured outside the process)",
        }),
    )
}

fn start_once(app: &Path, data: &Path, display: Option<String>) -> Result<f64> {
    let mut cmd = Command::new(app);
    cmd.arg("--data-dir")
        .arg(data)
        .env("ORDERDESK_EXIT_AFTER_RENDER", "1")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    if let Some(d) = display {
        cmd.env("DISPLAY", d);
    }
    let started = Instant::now();
    let mut child = cmd.spawn().context("could not start the desk")?;
    let stdout = child.stdout.take().context("no stdout")?;
    let mut rendered = None;
    for line in BufReader::new(stdout).lines() {
        if line?.starts_with("ORDERDESK_RENDERED_MS=") {
            rendered = Some(started.elapsed());
            break;
        }
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    while child.try_wait()?.is_none() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    match rendered {
        Some(d) => Ok(d.as_secs_f64() * 1000.0),
        None => bail!("the desk exited without rendering the queue"),
    }
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(|a, b| a.total_cmp(b));
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

fn tempdir() -> Result<std::path::PathBuf> {
    let dir = std::env::temp_dir().join(format!("orderdesk-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

pub fn write_json(name: &str, value: &serde_json::Value) -> Result<()> {
    let dir = root().join("target/bench");
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_string_pretty(value)? + "\n")?;
    println!("   wrote {}", path.display());
    Ok(())
}
