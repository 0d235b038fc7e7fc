//! `cargo xtask bench`: figures as JSON under `target/bench/`, each beside a baseline
//! measured in the same run and the machine it ran on (the `benchkit` crate); `--compare` prints a
//! run against an earlier one, `--fresh` runs the suite in a new clone.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use serde_json::{json, Value};

use crate::{display, root, setup, sh, target_dir, ui};

const STARTUP_RUNS: usize = 7;
const BENCHES: [&str; 6] = ["startup", "docs", "core", "sync", "channels", "catalog"];
/// Run only when named: it takes hours.
const SOAK: &str = "soak";
/// Run only when named: root, a release build and a Debian root made from the mirror.
const PACKAGES: &str = "packages";
/// Run only when named: the Windows release build, its installer run under Wine.
const PACKAGES_WINDOWS: &str = "packages-windows";
/// WebKitGTK's own minimal browser, shipped in the same package (libwebkit2gtk-4.1-0) as the
/// engine the desk's window runs on.
const MINIBROWSER: &str = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";

const USAGE: &str = "\
cargo xtask bench [NAME…] [--compare FILE|DIR] [--no-run] [--fresh]

  NAME            startup docs core sync channels catalog (default: all; with --compare and no
                  names, those the compared files are of); soak only when named: the fault
                  soak of issue 16 (hello under slow uploads, kill -9 at 100 points, 10,000
                  sync seeds, an hour of fuzzing), hours on 2 cores, target/bench/soak.json;
                  packages only when named: the .deb installed, started and removed on a
                  clean Debian 12 root (debootstrap; needs root), the .rpm read with rpm,
                  target/bench/packages.json; packages-windows only when named: the
                  Windows installer (cargo xtask bundle --windows) installed, run again as
                  the updater runs it and uninstalled in a new Wine prefix,
                  target/bench/packages_windows.json
  --compare FILE  after the run, print it against an earlier JSON (or every JSON of a
                  directory, e.g. a saved copy of target/bench), figure by figure, with the
                  ratios; the earlier file is read before the run, so it may be the one the
                  run overwrites
  --no-run        with --compare: compare what target/bench holds now, run nothing
  --fresh         run the suite in a new clone of HEAD with its own target dir (nothing
                  built or generated before is reused; the 1,000,000-order shop is
                  generated again): slow, for checking what a fresh machine gets; the JSONs
                  are copied to target/bench/fresh/ and the clone removed
";

/// Every benchmark, or only those named (`cargo xtask bench startup docs core`), with the
/// options above.
pub fn all(args: &[String]) -> Result<()> {
    let mut only = Vec::new();
    let mut compare = None;
    let mut fresh = false;
    let mut no_run = false;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--compare" => {
                let file = it.next().context("--compare needs a FILE or DIR")?;
                compare = Some(PathBuf::from(file));
            }
            "--fresh" => fresh = true,
            "--no-run" => no_run = true,
            "--help" | "-h" => {
                print!("{USAGE}");
                return Ok(());
            }
            name if BENCHES.contains(&name)
                || name == SOAK
                || name == PACKAGES
                || name == PACKAGES_WINDOWS =>
            {
                only.push(name.to_owned())
            }
            other => bail!("unknown benchmark or option `{other}`\n\n{USAGE}"),
        }
    }
    // Read before the run: the run may overwrite the very file.
    let earlier = match &compare {
        Some(path) => earlier_jsons(path)?,
        None => Vec::new(),
    };
    if only.is_empty() && !earlier.is_empty() {
        only = earlier.iter().map(|(bench, _, _)| bench.clone()).collect();
        only.dedup();
    }
    let results = if no_run {
        if compare.is_none() {
            bail!("--no-run only goes with --compare");
        }
        root().join("target/bench")
    } else if fresh {
        fresh_clone(&only)?
    } else {
        if let Some(commit) = sh::output(
            "git",
            &["-C", &root().to_string_lossy(), "rev-parse", "HEAD"],
        ) {
            std::env::set_var("ORDERDESK_BENCH_COMMIT", commit.trim());
        }
        run(&only)?;
        root().join("target/bench")
    };
    for (bench, path, before) in &earlier {
        let now_path = results.join(format!("{bench}.json"));
        let now: Value = match std::fs::read(&now_path) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .with_context(|| format!("{} is not JSON", now_path.display()))?,
            Err(_) => {
                println!("\n{bench}: no {} to compare with", now_path.display());
                continue;
            }
        };
        print_comparison(bench, path, before, &now_path, &now);
    }
    Ok(())
}

fn run(only: &[String]) -> Result<()> {
    if only.iter().any(|o| o == PACKAGES_WINDOWS) {
        crate::windows::check_installer()?;
        if only.iter().all(|o| o == PACKAGES_WINDOWS) {
            return Ok(());
        }
    }
    let only: Vec<String> = only
        .iter()
        .filter(|o| *o != PACKAGES_WINDOWS)
        .cloned()
        .collect();
    let only = only.as_slice();
    if only.iter().any(|o| o == PACKAGES) {
        crate::packages::check()?;
        if only.iter().all(|o| o == PACKAGES) {
            return Ok(());
        }
    }
    let only: Vec<String> = only.iter().filter(|o| *o != PACKAGES).cloned().collect();
    let only = only.as_slice();
    let soak = only.iter().any(|o| o == SOAK);
    let others: Vec<&String> = only.iter().filter(|o| *o != SOAK).collect();
    // `bench soak` alone runs the soak alone; `bench` alone runs every bench but the soak.
    let wanted = |name: &str| only.is_empty() || others.iter().any(|o| *o == name);
    setup::all()?;
    if soak {
        crate::soak::run()?;
        if others.is_empty() {
            return Ok(());
        }
    }
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
    if wanted("catalog") {
        catalog()?;
    }
    Ok(())
}

/// `--fresh`: the committed HEAD cloned into `target/bench-fresh/`, benchmarked there with a
/// target dir of its own, the JSONs copied to `target/bench/fresh/`; returns that folder.
fn fresh_clone(only: &[String]) -> Result<PathBuf> {
    let root = root();
    let commit = sh::output("git", &["-C", &root.to_string_lossy(), "rev-parse", "HEAD"])
        .context("--fresh needs git and a commit to clone")?;
    let commit = commit.trim().to_owned();
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)?
        .as_secs();
    let base = target_dir().join("bench-fresh");
    let clone = base.join(format!("clone-{stamp}"));
    std::fs::create_dir_all(&base)?;
    sh::step(&format!(
        "Fresh layout: cloning {} at {commit} into {}",
        root.display(),
        clone.display()
    ));
    sh::run(
        Command::new("git")
            .args(["clone", "--quiet", "--no-hardlinks"])
            .arg(&root)
            .arg(&clone),
    )?;
    sh::run(
        Command::new("git")
            .arg("-C")
            .arg(&clone)
            .args(["checkout", "--quiet", "--detach", &commit]),
    )?;
    sh::step("Fresh layout: `cargo xtask bench` in the clone (builds everything; slow)");
    let mut cmd = Command::new(sh::cargo_bin());
    cmd.args(["xtask", "bench"])
        .args(only)
        .current_dir(&clone)
        .env_remove("CARGO_TARGET_DIR")
        .env_remove("CARGO_MANIFEST_DIR")
        .env("ORDERDESK_BENCH_LAYOUT", "fresh-clone")
        .env("ORDERDESK_BENCH_COMMIT", &commit);
    let ran = sh::run(&mut cmd);
    let out = root.join("target/bench/fresh");
    std::fs::create_dir_all(&out)?;
    let mut copied = 0;
    if let Ok(entries) = std::fs::read_dir(clone.join("target/bench")) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "json") {
                std::fs::copy(&path, out.join(entry.file_name()))?;
                copied += 1;
            }
        }
    }
    println!(
        "   {copied} JSON file(s) of the fresh run in {}",
        out.display()
    );
    // The clone holds a full target dir and the generated shop: many gigabytes.
    if let Err(e) = std::fs::remove_dir_all(&clone) {
        println!("   could not remove {}: {e}", clone.display());
    }
    ran?;
    Ok(out)
}

/// `(bench, path, json)` of an earlier file, or of every bench JSON in a directory.
fn earlier_jsons(path: &Path) -> Result<Vec<(String, PathBuf, Value)>> {
    let files: Vec<PathBuf> = if path.is_dir() {
        let mut f: Vec<PathBuf> = std::fs::read_dir(path)?
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        f.sort();
        f
    } else {
        vec![path.to_owned()]
    };
    let mut out = Vec::new();
    for file in files {
        let stem = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        // `core.json`, or a saved copy named after it (`core-2025-06-01.json`).
        let Some(bench) = BENCHES.iter().find(|b| stem.starts_with(**b)) else {
            if path.is_dir() {
                continue;
            }
            bail!(
                "{}: the file name should start with one of {BENCHES:?}",
                file.display()
            );
        };
        let bytes =
            std::fs::read(&file).with_context(|| format!("could not read {}", file.display()))?;
        let json: Value = serde_json::from_slice(&bytes)
            .with_context(|| format!("{} is not JSON", file.display()))?;
        out.push(((*bench).to_owned(), file, json));
    }
    if out.is_empty() {
        bail!("no benchmark JSON in {}", path.display());
    }
    Ok(out)
}

/// Figure by figure: earlier, now, now ÷ earlier. The `_vs_` ratios (each against a
/// baseline of its own run) first: they are what should hold from machine to machine.
fn print_comparison(bench: &str, before_path: &Path, before: &Value, now_path: &Path, now: &Value) {
    println!(
        "\n== {bench}: {} (earlier) → {} (now)",
        before_path.display(),
        now_path.display()
    );
    for (label, json) in [("earlier", before), ("now", now)] {
        println!("   {label:<8} {}", machine_line(json.get("machine")));
    }
    let figures = |json: &Value| -> Vec<(String, f64)> {
        json.as_object()
            .map(|m| {
                m.iter()
                    .filter_map(|(k, v)| v.as_f64().map(|f| (k.clone(), f)))
                    .collect()
            })
            .unwrap_or_default()
    };
    let (b, n) = (figures(before), figures(now));
    let mut names: Vec<&String> = b.iter().chain(&n).map(|(k, _)| k).collect();
    names.sort_by_key(|k| (!k.contains("_vs_"), (*k).clone()));
    names.dedup();
    let find = |list: &[(String, f64)], k: &str| list.iter().find(|(n, _)| n == k).map(|(_, v)| *v);
    let spread = |json: &Value, k: &str| {
        let runs = json.get(format!("{k}_runs"))?;
        Some(format!(
            " [{}–{}]",
            short(runs.get("min")?.as_f64()?),
            short(runs.get("max")?.as_f64()?)
        ))
    };
    println!(
        "   {:<34} {:>22} {:>22} {:>9}",
        "figure", "earlier", "now", "now/earlier"
    );
    let mut shown_ratio_header = false;
    let mut shown_abs_header = false;
    for name in names {
        if name.contains("_vs_") && !shown_ratio_header {
            println!("   -- ratios to a baseline of the same run (machine-independent)");
            shown_ratio_header = true;
        }
        if !name.contains("_vs_") && !shown_abs_header {
            println!("   -- absolute figures (move with the machine)");
            shown_abs_header = true;
        }
        let (e, w) = (find(&b, name), find(&n, name));
        let cell = |v: Option<f64>, json: &Value| match v {
            Some(v) => format!("{}{}", short(v), spread(json, name).unwrap_or_default()),
            None => "—".to_owned(),
        };
        let change = match (e, w) {
            (Some(e), Some(w)) if e != 0.0 => format!("{:.3}", w / e),
            _ => "—".to_owned(),
        };
        println!(
            "   {name:<34} {:>22} {:>22} {change:>9}",
            cell(e, before),
            cell(w, now)
        );
    }
}

fn short(v: f64) -> String {
    if v.fract() == 0.0 || v.abs() >= 1000.0 {
        format!("{v:.0}")
    } else if v.abs() >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.3}")
    }
}

fn machine_line(machine: Option<&Value>) -> String {
    let Some(m) = machine else {
        return "(no machine recorded)".to_owned();
    };
    let load = |k: &str| {
        m.get(k)
            .and_then(|l| l.get("1m"))
            .and_then(Value::as_f64)
            .map_or("?".to_owned(), |v| format!("{v:.2}"))
    };
    format!(
        "{} ×{} cores, load {} → {}, {}{}",
        m.get("cpu_model").and_then(Value::as_str).unwrap_or("?"),
        m.get("cores_available")
            .and_then(Value::as_u64)
            .map_or("?".to_owned(), |c| c.to_string()),
        load("load_at_start"),
        load("load_at_end"),
        m.get("layout").and_then(Value::as_str).unwrap_or("?"),
        m.get("commit")
            .and_then(Value::as_str)
            .map(|c| format!(", {}", &c[..c.len().min(10)]))
            .unwrap_or_default(),
    )
}

/// The team hub and desk sync on loopback against the local PostgreSQL: hub ops per second
/// for one shop beside bare PostgreSQL transactions, two desks converging after 1,000
/// offline ops each, and a new desk joining a 100,000-order shop. The bench writes
/// `sync.json` itself.
fn sync() -> Result<()> {
    sh::step("Sync benchmark (hub on PostgreSQL, desks on SQLite)");
    sh::cargo(&["bench", "-p", "sync", "--bench", "sync"])
}

/// WooCommerce import of 10,000 orders (beside a bare fetch + bare inserts) and a
/// 50,000-product stock push against a loopback site; the bench writes `channels.json`
/// itself.
fn channels() -> Result<()> {
    sh::step("Channels benchmark (WooCommerce on loopback)");
    sh::cargo(&["bench", "-p", "channels", "--bench", "channels"])
}

/// A 10,000-product XLSX and a Windows-1251 CSV previewed and imported into a new shop
/// through the desk; the bench writes `catalog.json` itself.
fn catalog() -> Result<()> {
    sh::step("Catalogue import benchmark (10,000 products, XLSX and CSV)");
    sh::cargo(&["bench", "-p", "desk", "--bench", "catalog"])
}

/// The order core on 1,000,000 orders: queue page, search, overdue counts, operations per
/// second beside a bare rusqlite loop. The bench writes `core.json` itself and caches the
/// generated shop beside it.
fn core() -> Result<()> {
    sh::step("Order core benchmark (1,000,000 orders; the first run generates them)");
    sh::cargo(&["bench", "-p", "desk", "--bench", "core"])
}

/// Invoice and ПД-4 rendering beside an empty page in the same font, and a 1,000-note batch;
/// the bench writes `docs.json` itself.
fn documents() -> Result<()> {
    sh::step("Documents benchmark");
    sh::cargo(&["bench", "-p", "docs", "--bench", "docs"])
}

/// From process start to the demo queue on screen, with the release binary users get,
/// beside a bare WebKitGTK window rendering one element, run for run.
fn startup() -> Result<()> {
    let machine = benchkit::Machine::start();
    ui::build()?;
    sh::step("Building the release desk for the start-up benchmark");
    sh::cargo(&["build", "--release", "--bin", "orderdesk"])?;
    let app = target_dir().join("release/orderdesk");
    let display = display::ensure()?;
    let display = display.as_ref().map(|d| d.name());
    let data = tempdir()?;
    let bare = Path::new(MINIBROWSER);

    sh::step("Start-up benchmark");
    // The first start creates the demo shop; it is not what a manager sees every morning.
    let first = start_once(&app, &data, display.clone())?;
    println!("   first start (creates the demo shop): {first:.0} ms");
    // One uncounted start of each brings their files into the page cache, as on a PC where
    // the desk ran before; the runs below then measure that warm start.
    let _ = start_once(&app, &data, display.clone())?;
    let has_bare = bare.exists();
    if has_bare {
        let _ = bare_window_once(bare, display.clone())?;
    }
    let mut runs = Vec::with_capacity(STARTUP_RUNS);
    let mut bare_runs = Vec::with_capacity(STARTUP_RUNS);
    for i in 0..STARTUP_RUNS {
        // Alternating which goes first, so neither always follows the other.
        if has_bare && i % 2 == 1 {
            bare_runs.push(bare_window_once(bare, display.clone())?);
        }
        runs.push(start_once(&app, &data, display.clone())?);
        if has_bare && i % 2 == 0 {
            bare_runs.push(bare_window_once(bare, display.clone())?);
        }
    }
    let median = benchkit::median(&runs);
    println!("   cold_start_ms (median of {STARTUP_RUNS}): {median:.0}");
    if has_bare {
        println!(
            "   bare_webkit_window_ms (median of {STARTUP_RUNS}): {:.0}",
            benchkit::median(&bare_runs)
        );
    }
    let _ = std::fs::remove_dir_all(&data);

    // Issue 19: the start on a shop of 100,000 orders (the queue rendered), and the desk's
    // peak memory there, read by GNU time from the kernel's accounting of the process.
    setup::system_packages(&["time"])?;
    let shop = target_dir().join("bench/shop-100k");
    sh::step("The 100,000-order shop (generated once, then reused)");
    sh::cargo(&[
        "bench",
        "-p",
        "desk",
        "--bench",
        "shop_100k",
        "--",
        &shop.to_string_lossy(),
    ])?;
    // Uncounted, as above: the shop's pages into the page cache, the day's copy made.
    let _ = start_measured(&app, &shop, display.clone(), false)?;
    let mut runs_100k = Vec::with_capacity(STARTUP_RUNS);
    let mut rss_100k = Vec::with_capacity(STARTUP_RUNS);
    for _ in 0..STARTUP_RUNS {
        let (ms, rss_mb) = start_measured(&app, &shop, display.clone(), false)?;
        runs_100k.push(ms);
        rss_100k.push(rss_mb.context("GNU time reported no peak memory")?);
    }
    // The same engine's own window, for what the desk's memory is beside.
    let mut bare_rss = Vec::with_capacity(STARTUP_RUNS);
    if has_bare {
        for _ in 0..STARTUP_RUNS {
            bare_rss.push(bare_window_rss(bare, display.clone())?);
        }
    }
    println!(
        "   cold_start_100k_ms (median of {STARTUP_RUNS}): {:.0}, rss_100k_mb: {:.1}",
        benchkit::median(&runs_100k),
        benchkit::median(&rss_100k)
    );
    let mut out = json!({
        "cold_start_100k_ms_goal": 500,
        "rss_100k_mb_goal": 150,
        "what_cold_start_100k_ms": "as cold_start_ms, on a shop of 100,000 orders (10,000 active in the stages; the core bench's generator, target/bench/shop-100k, made once): spawn to the first stage's orders rendered",
        "what_bare_webkit_window_rss_mb": "MiniBrowser's peak resident memory for the one-element page (GNU time's %M), MiB: the engine's own share, which the desk cannot go below",
        "what_rss_100k_vs_bare_webkit_window": "rss_100k_mb / bare_webkit_window_rss_mb (a cost ratio: lower is better)",
        "what_start_100k_vs_bare_webkit_window": "cold_start_100k_ms / bare_webkit_window_ms (a cost ratio: lower is better)",
        "what_rss_100k_mb": "the desk's peak resident memory in those starts (GNU time's %M, the kernel's maximum RSS of the process), MiB",
        "cold_start_ms_goal": 1000,
        "first_start_with_demo_seed_ms": first.round(),
        "runs": STARTUP_RUNS,
        "binary": "release",
        "what": "process spawn to the first stage's orders rendered (measured outside the process): the first screenful, since the window's first list draws its first 60 rows at once and the rest in the frames after (ui/src/table.rs FIRST_ROWS)",
        "steady_state": "the first start (it creates the demo shop) and one more start of the desk and of the bare window are not counted, so the runs measure a start with the program's files in the page cache, as on a PC where the desk ran before (not a start after a reboot); the desk and the bare window alternate which goes first",
        "start_vs_bare_window": null,
        "start_vs_bare_window_note": "no bare Tauri window is built: a second Tauri app compiled in release for the bench alone is a full build of the Tauri tree (minutes on two cores, and for every fresh clone); the closest honest baseline is measured instead: WebKitGTK's MiniBrowser (the engine and library the desk's Tauri window runs on under Linux) on the same display, spawn to a one-element page loaded (--exit-after-load, so it also includes its exit), ratio start_vs_bare_webkit_window",
        "what_bare_webkit_window_ms": format!("{MINIBROWSER} --exit-after-load 'data:text/html,<p>OrderDesk</p>': spawn to exit after the load finished, measured outside the process"),
        "what_start_vs_bare_webkit_window": "cold_start_ms / bare_webkit_window_ms of the same run (a cost ratio: lower is better); median over the runs",
    });
    if let Some(map) = out.as_object_mut() {
        benchkit::figure(map, "cold_start_ms", &runs, 0);
        map.insert(
            "runs_ms".into(),
            json!(runs.iter().map(|r| r.round()).collect::<Vec<_>>()),
        );
        if has_bare {
            benchkit::figure(map, "bare_webkit_window_ms", &bare_runs, 0);
            benchkit::ratio(map, "start_vs_bare_webkit_window", &runs, &bare_runs);
        } else {
            map.insert(
                "bare_webkit_window_ms".into(),
                json!(format!("not measured: {MINIBROWSER} is missing")),
            );
        }
        benchkit::figure(map, "cold_start_100k_ms", &runs_100k, 0);
        benchkit::figure(map, "rss_100k_mb", &rss_100k, 1);
        if has_bare {
            benchkit::figure(map, "bare_webkit_window_rss_mb", &bare_rss, 1);
            benchkit::ratio(map, "rss_100k_vs_bare_webkit_window", &rss_100k, &bare_rss);
            benchkit::ratio(
                map,
                "start_100k_vs_bare_webkit_window",
                &runs_100k,
                &bare_runs,
            );
        }
        map.insert("machine".into(), machine.finish());
    }
    write_json("startup.json", &out)
}

/// The bare baseline: WebKitGTK's MiniBrowser opening a one-element page and quitting once
/// it is loaded; spawn to exit in ms.
fn bare_window_once(browser: &Path, display: Option<String>) -> Result<f64> {
    let mut cmd = Command::new(browser);
    cmd.args(["--exit-after-load", "data:text/html,<p>OrderDesk</p>"])
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    if let Some(d) = display {
        cmd.env("DISPLAY", d);
    }
    let started = Instant::now();
    let mut child = cmd.spawn().context("could not start MiniBrowser")?;
    let deadline = started + Duration::from_secs(20);
    loop {
        if let Some(status) = child.try_wait()? {
            if !status.success() {
                bail!("MiniBrowser failed ({status})");
            }
            return Ok(started.elapsed().as_secs_f64() * 1000.0);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            bail!("MiniBrowser did not finish loading a one-element page within 20 s");
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// The bare window's peak memory in MiB (GNU time's %M), as `rss_100k_mb` is read.
fn bare_window_rss(browser: &Path, display: Option<String>) -> Result<f64> {
    let peak = std::env::temp_dir().join(format!("minibrowser-peak-{}", std::process::id()));
    let mut cmd = Command::new("/usr/bin/time");
    cmd.args(["-f", "%M", "-o"])
        .arg(&peak)
        .arg(browser)
        .args(["--exit-after-load", "data:text/html,<p>OrderDesk</p>"])
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    if let Some(d) = display {
        cmd.env("DISPLAY", d);
    }
    let status = cmd
        .status()
        .context("could not start MiniBrowser under GNU time")?;
    if !status.success() {
        bail!("MiniBrowser failed ({status})");
    }
    let text = std::fs::read_to_string(&peak).context("GNU time wrote no peak memory")?;
    let _ = std::fs::remove_file(&peak);
    let kib: f64 = text
        .lines()
        .last()
        .unwrap_or_default()
        .trim()
        .parse()
        .context("GNU time's peak memory is not a number")?;
    Ok(kib / 1024.0)
}

fn start_once(app: &Path, data: &Path, display: Option<String>) -> Result<f64> {
    start_measured(app, data, display, true).map(|(ms, _)| ms)
}

/// One start, spawn to the queue rendered in ms, and the process's peak memory in MiB when
/// GNU time is there to read it. `demo`: a new data dir becomes the demo shop.
fn start_measured(
    app: &Path,
    data: &Path,
    display: Option<String>,
    demo: bool,
) -> Result<(f64, Option<f64>)> {
    let time = Path::new("/usr/bin/time");
    let peak = std::env::temp_dir().join(format!("orderdesk-peak-{}", std::process::id()));
    let _ = std::fs::remove_file(&peak);
    let mut cmd = if time.exists() {
        let mut cmd = Command::new(time);
        cmd.args(["-f", "%M", "-o"]).arg(&peak).arg(app);
        cmd
    } else {
        Command::new(app)
    };
    cmd.arg("--data-dir").arg(data);
    if demo {
        // The start a manager sees every morning: a shop full of orders, not the first run.
        cmd.arg("--demo");
    }
    cmd.env("ORDERDESK_EXIT_AFTER_RENDER", "1")
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
    let peak_mb = std::fs::read_to_string(&peak)
        .ok()
        .and_then(|t| t.lines().last()?.trim().parse::<f64>().ok())
        .map(|kib| (kib / 1024.0 * 10.0).round() / 10.0);
    let _ = std::fs::remove_file(&peak);
    match rendered {
        Some(d) => Ok((d.as_secs_f64() * 1000.0, peak_mb)),
        None => bail!("the desk exited without rendering the queue"),
    }
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
