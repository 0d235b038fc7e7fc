//! `cargo xtask bench soak`: the fault soak of issue 16 (item 8), slow by design and so never
//! part of `cargo xtask test` or of a plain `cargo xtask bench`. Four parts, each a program
//! that prints `figure NAME VALUE` lines, gathered into `target/bench/soak.json`:
//! the hub's hello under 300 slow uploads, 10,000 seeds of the sync simulation, every parser
//! of outside input fuzzed for an hour in all, and kill -9 at 100 points.
//!
//! `ORDERDESK_CRASH_ROUNDS`, `ORDERDESK_SYNC_SEEDS` and `ORDERDESK_FUZZ_SECONDS` (per fuzz
//! target) shorten or lengthen the parts. `ORDERDESK_SOAK_PARTS=fuzz,crash` runs only those
//! parts (of `hello`, `sync`, `fuzz`, `crash`) and merges their figures into the
//! `soak.json` already there: the whole soak takes longer than a working session on a
//! 2-core machine, so it can be run in pieces, each piece's machine and commit recorded in
//! `runs`.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use anyhow::{bail, Context, Result};
use serde_json::{json, Map, Value};

use crate::{root, sh, target_dir};

const CRASH_ROUNDS: &str = "100";
const SYNC_SEEDS: &str = "10000";

const PARTS: [&str; 4] = ["hello", "sync", "fuzz", "crash"];

pub fn run() -> Result<()> {
    let machine = benchkit::Machine::start();
    let asked = std::env::var("ORDERDESK_SOAK_PARTS").ok();
    let parts: Vec<String> = match &asked {
        Some(list) => list.split(',').map(|p| p.trim().to_owned()).collect(),
        None => PARTS.iter().map(|p| (*p).to_owned()).collect(),
    };
    if let Some(unknown) = parts.iter().find(|p| !PARTS.contains(&p.as_str())) {
        bail!("ORDERDESK_SOAK_PARTS: no part {unknown:?} (the parts: {PARTS:?})");
    }
    let wants = |part: &str| parts.iter().any(|p| p == part);
    let dir = target_dir().join("bench");
    let path = dir.join("soak.json");
    // A run of some parts keeps what earlier runs measured for the others.
    let earlier: Value = match &asked {
        Some(_) => std::fs::read_to_string(&path)
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or(Value::Null),
        None => Value::Null,
    };
    let mut figures = earlier["figures"].as_object().cloned().unwrap_or_default();
    let mut failed: Vec<String> = earlier["failed_parts"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| p.as_str())
        .filter(|p| !wants(p))
        .map(str::to_owned)
        .collect();

    if wants("hello") {
        sh::step("Soak 1/4: the hub's hello under 300 slow unauthenticated uploads");
        part(
            &mut figures,
            &mut failed,
            "hello",
            &["bench", "-p", "hub", "--bench", "soak_hello"],
            &[],
        )?;
    }

    if wants("sync") {
        sh::step("Soak 2/4: seeds of the sync simulation (desks, hub, lost and repeated messages)");
        let seeds = env_or("ORDERDESK_SYNC_SEEDS", SYNC_SEEDS);
        let passed = part(
            &mut figures,
            &mut failed,
            "sync",
            &["test", "--release", "-p", "sync", "--test", "simulation"],
            &[("ORDERDESK_SYNC_SEEDS", &seeds)],
        )?;
        let seeds_n: u64 = seeds.parse().context("ORDERDESK_SYNC_SEEDS is a number")?;
        // The simulation stops at the first failing seed and names it: passed means all of them.
        figures.insert(
            "sync_seeds_passed".into(),
            json!(if passed { seeds_n } else { 0 }),
        );
    }

    if wants("fuzz") {
        sh::step("Soak 3/4: every parser of outside input against mutated samples");
        let mut fuzz_env = Vec::new();
        let seconds = std::env::var("ORDERDESK_FUZZ_SECONDS").ok();
        if let Some(s) = &seconds {
            fuzz_env.push(("ORDERDESK_FUZZ_SECONDS", s.as_str()));
        }
        part(
            &mut figures,
            &mut failed,
            "fuzz",
            &["bench", "-p", "desk", "--bench", "fuzz_soak"],
            &fuzz_env,
        )?;
    }

    if wants("crash") {
        sh::step("Soak 4/4: kill -9 at random points of the desk's writes, imports and sync");
        let rounds = env_or("ORDERDESK_CRASH_ROUNDS", CRASH_ROUNDS);
        part(
            &mut figures,
            &mut failed,
            "crash",
            &["test", "--release", "-p", "desk", "--test", "crash"],
            &[("ORDERDESK_CRASH_ROUNDS", &rounds)],
        )?;
    }

    let mut runs = earlier["runs"].as_array().cloned().unwrap_or_default();
    runs.push(json!({"parts": parts, "machine": machine.finish()}));
    let json = json!({
        "what": "hello_p95_ms_under_slow_uploads: a member's GET /v1/hello, 200 in a row, while 300 unauthenticated clients from 200 loopback addresses trickle their headers or a 4 MB body a byte every 100 ms (hello_p95_ms_quiet: the same hub before the attack); crash_points: kill -9 at random moments of a desk writing order and catalogue ops from two threads beside a WooCommerce import, or of a team desk pushing, pulling and rebasing while another PC adds orders, calls and payments; crash_lost_ops: ops and imports the desk reported done that were not in the file after a kill; sync_seeds_passed: seeds of the sync simulation that converged with every invariant held; fuzz_hours.<target>, fuzz_inputs.<target>, fuzz_failures.<target>: mutated samples and random bytes through each parser of outside input (stable toolchain, not coverage-guided)",
        "goals": {
            "hello_p95_ms_under_slow_uploads": "< 1000",
            "crash_lost_ops": "0",
            "sync_seeds_passed": "10,000",
            "fuzz_hours": "1 in all, 0 failures",
        },
        "figures": figures,
        "failed_parts": failed,
        "machine": machine.finish(),
        "runs": runs,
    });
    std::fs::create_dir_all(&dir)?;
    let text = serde_json::to_string_pretty(&json)? + "\n";
    std::fs::write(&path, &text)?;
    print!("{text}");
    println!("written to {}", path.display());
    if !failed.is_empty() {
        bail!("soak parts failed: {}", failed.join(", "));
    }
    Ok(())
}

fn env_or(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_owned())
}

/// Runs one part with its output shown as it comes, keeps its `figure` lines, and notes it
/// as failed (without stopping the soak) when it exits unsuccessfully. Returns whether it
/// passed.
fn part(
    figures: &mut Map<String, Value>,
    failed: &mut Vec<String>,
    name: &str,
    args: &[&str],
    env: &[(&str, &str)],
) -> Result<bool> {
    let mut child = Command::new(sh::cargo_bin())
        .args(args)
        .envs(env.iter().copied())
        .current_dir(root())
        .stdout(Stdio::piped())
        .spawn()
        .with_context(|| format!("could not start the {name} part"))?;
    let out = BufReader::new(child.stdout.take().context("piped")?);
    for line in out.lines() {
        let line = line?;
        println!("{line}");
        if let Some((key, value)) = line
            .strip_prefix("figure ")
            .and_then(|rest| rest.split_once(' '))
        {
            let value = value
                .trim()
                .parse::<f64>()
                .map(|v| json!(v))
                .unwrap_or_else(|_| json!(value.trim()));
            figures.insert(key.to_owned(), value);
        }
    }
    let ok = child.wait()?.success();
    if !ok {
        failed.push(name.to_owned());
    }
    Ok(ok)
}
