//! `cargo xtask test --windows`: the tests of the crates that need no window, built for
//! Windows and run under Wine (cargo's target runner), with what Wine cannot run skipped by
//! name and the reason printed.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{bail, Context, Result};

use super::TARGET;
use crate::{root, sh, target_dir};

/// The window-less crates. The desk, the UI and the hub (a Linux server) are not among them.
const CRATES: &[&str] = &["domain", "proto", "store", "docs", "channels", "sync"];

/// Tests Wine cannot run, by libtest filter (a substring of the test's path), with the reason.
const SKIPS: &[(&str, &str)] = &[];

/// Test files that are `#![cfg(unix)]`, so not built for Windows at all; counted as skipped.
const UNIX_ONLY: &[(&str, &str)] = &[
    (
        "src-tauri/crates/docs/tests/print.rs",
        "its stand-ins for lp and powershell are sh scripts",
    ),
    (
        "src-tauri/crates/docs/tests/cups.rs",
        "it prints through a CUPS scheduler and cups-pdf",
    ),
];

/// Totals over every test binary's `test result:` line.
#[derive(Debug, Default, PartialEq, Eq)]
struct Counts {
    passed: u64,
    failed: u64,
    ignored: u64,
    filtered: u64,
}

pub fn test(extra: &[String]) -> Result<()> {
    let started = Instant::now();
    super::ensure_tools(true)?;
    let prefix = prefix()?;
    let wine = sh::find("wine").context("wine is missing (Debian package wine)")?;

    sh::step(&format!(
        "Tests of {} for {TARGET}, under Wine",
        CRATES.join(", ")
    ));
    for (filter, why) in SKIPS {
        println!("   skipped: {filter}: {why}");
    }
    let mut unix_only = 0;
    for (file, why) in UNIX_ONLY {
        let tests = count_tests(&root().join(file))?;
        unix_only += tests;
        println!("   not built for Windows: {file} ({tests} tests): {why}");
    }
    let mut cmd = Command::new(sh::cargo_bin());
    cmd.current_dir(root())
        .args(["test", "--target", TARGET, "--no-fail-fast", "--tests"])
        .args(CRATES.iter().flat_map(|c| ["-p", c]))
        .args(extra.iter().filter(|a| *a != "--windows"))
        .arg("--");
    for (filter, _) in SKIPS {
        cmd.args(["--skip", filter]);
    }
    cmd.env("CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER", &wine)
        .env("WINEPREFIX", &prefix)
        .env("WINEDEBUG", "-all")
        .env("WINEDLLOVERRIDES", "mscoree,mshtml=")
        // No window is wanted from Wine, and a console program needs none.
        .env_remove("DISPLAY")
        .stdout(Stdio::piped());
    let mut child = cmd
        .spawn()
        .with_context(|| format!("could not start {cmd:?}"))?;
    let mut counts = Counts::default();
    if let Some(out) = child.stdout.take() {
        for line in BufReader::new(out).lines() {
            let line = line.context("reading cargo test's output")?;
            println!("{line}");
            counts.add(&line);
        }
    }
    let status = child.wait()?;
    println!(
        "\n   Windows tests under Wine: {} passed, {} failed, {} skipped ({} by name and {} not \
         built, as listed above; {} #[ignore]d) in {:.0} s",
        counts.passed,
        counts.failed,
        counts.filtered + unix_only + counts.ignored,
        counts.filtered,
        unix_only,
        counts.ignored,
        started.elapsed().as_secs_f64()
    );
    if !status.success() || counts.failed > 0 {
        bail!("some Windows tests failed or did not build ({status})");
    }
    Ok(())
}

/// A Wine prefix of our own beside the Windows build, made once (wineboot, about half a minute).
fn prefix() -> Result<PathBuf> {
    let prefix = target_dir().join(TARGET).join("wine-prefix");
    if !prefix.join("system.reg").is_file() {
        sh::step("A Wine prefix for the tests (once)");
        std::fs::create_dir_all(&prefix)
            .with_context(|| format!("cannot create {}", prefix.display()))?;
        sh::run(
            Command::new("wineboot")
                .arg("--init")
                .env("WINEPREFIX", &prefix)
                .env("WINEDEBUG", "-all")
                .env("WINEDLLOVERRIDES", "mscoree,mshtml=")
                .env_remove("DISPLAY"),
        )?;
    }
    process_prng(&prefix)?;
    Ok(prefix)
}

/// Rust's std for Windows imports ProcessPrng from bcryptprimitives.dll, which Wine gained
/// only in 9.0; Debian 12's Wine 8 lacks it, so our stand-in is built into the prefix.
fn process_prng(prefix: &Path) -> Result<()> {
    let dll = prefix.join("drive_c/windows/system32/bcryptprimitives.dll");
    if dll.is_file() {
        return Ok(());
    }
    sh::step("bcryptprimitives.dll (ProcessPrng) for Wine 8");
    let src = root().join("src-tauri/windows/wine");
    sh::run(
        Command::new("x86_64-w64-mingw32-gcc")
            .args(["-O2", "-shared", "-o"])
            .arg(&dll)
            .arg(src.join("bcryptprimitives.c"))
            .arg(src.join("bcryptprimitives.def"))
            .arg("-ladvapi32"),
    )
}

fn count_tests(file: &Path) -> Result<u64> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    Ok(text.lines().filter(|l| l.trim() == "#[test]").count() as u64)
}

impl Counts {
    /// Reads `test result: ok. 3 passed; 0 failed; 1 ignored; 0 measured; 2 filtered out; …`.
    fn add(&mut self, line: &str) {
        let Some(rest) = line.trim().strip_prefix("test result: ") else {
            return;
        };
        for part in rest.split(';') {
            let mut words = part
                .split_whitespace()
                .skip_while(|w| w.parse::<u64>().is_err());
            let (Some(n), Some(what)) = (words.next(), words.next()) else {
                continue;
            };
            let Ok(n) = n.parse::<u64>() else { continue };
            match what {
                "passed" => self.passed += n,
                "failed" => self.failed += n,
                "ignored" => self.ignored += n,
                "filtered" => self.filtered += n,
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Counts;

    #[test]
    fn result_lines_are_summed_and_other_lines_ignored() {
        let mut c = Counts::default();
        c.add("test result: ok. 3 passed; 0 failed; 1 ignored; 0 measured; 2 filtered out; finished in 0.10s");
        c.add("test result: FAILED. 5 passed; 2 failed; 0 ignored; 0 measured; 0 filtered out; finished in 1.00s");
        c.add("test a::passed ... ok");
        assert_eq!(
            c,
            Counts {
                passed: 8,
                failed: 2,
                ignored: 1,
                filtered: 2
            }
        );
    }
}
