//! `cargo xtask test --windows`: the tests of the crates that need no window, built for
//! Windows and run under Wine (cargo's target runner); what Wine cannot run is left out with
//! its reason printed, and counted as skipped.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{bail, Context, Result};

use super::TARGET;
use crate::{root, sh, target_dir};

/// The window-less crates whose every test file runs under Wine. The desk, the UI and the hub
/// (a Linux server) are not among them; docs runs apart, without the files in [`NOT_RUN`].
const CRATES: &[&str] = &["domain", "proto", "store", "channels", "sync"];

/// Tests Wine cannot run, by exact name, with the reason.
const SKIPS: &[(&str, &str)] = &[];

const POPPLER: &str = "it reads the PDFs back with poppler-utils (pdftotext, pdftoppm) and \
                       zbarimg, Linux programs: there is no Windows build of them in Debian, \
                       and a Wine program cannot take a Linux program's piped output";

/// docs' test files that are not run for Windows, counted as skipped: the first two are
/// `#![cfg(unix)]`, the rest need Linux programs.
const NOT_RUN: &[(&str, &str)] = &[
    (
        "print",
        "its stand-ins for lp and powershell are sh scripts",
    ),
    ("cups", "it prints through a CUPS scheduler and cups-pdf"),
    ("dates", POPPLER),
    ("delivery_note", POPPLER),
    ("invoice", POPPLER),
    ("numbers", POPPLER),
    ("pages", POPPLER),
    ("papers", POPPLER),
    ("pd4", POPPLER),
    ("preview", POPPLER),
    ("transport_waybill", POPPLER),
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
    let extra: Vec<&String> = extra.iter().filter(|a| *a != "--windows").collect();

    sh::step(&format!(
        "Tests of {} and docs for {TARGET}, under Wine",
        CRATES.join(", ")
    ));
    for (name, why) in SKIPS {
        println!("   skipped: {name}: {why}");
    }
    let docs_tests = root().join("src-tauri/crates/docs/tests");
    let mut not_run = 0;
    for (file, why) in NOT_RUN {
        let tests = count_tests(&docs_tests.join(format!("{file}.rs")))?;
        not_run += tests;
        println!("   not run: docs/tests/{file}.rs ({tests} tests): {why}");
    }
    let mut docs_args: Vec<String> = vec!["-p".into(), "docs".into(), "--lib".into()];
    for test in test_files(&docs_tests)? {
        if !NOT_RUN.iter().any(|(f, _)| *f == test) {
            docs_args.extend(["--test".into(), test]);
        }
    }
    let crates_args: Vec<String> = ["--tests"]
        .into_iter()
        .chain(CRATES.iter().flat_map(|c| ["-p", c]))
        .map(str::to_owned)
        .collect();

    let mut counts = Counts::default();
    let mut all_ok = true;
    for args in [&crates_args, &docs_args] {
        let mut cmd = Command::new(sh::cargo_bin());
        cmd.current_dir(root())
            .args(["test", "--target", TARGET, "--no-fail-fast"])
            .args(args)
            .args(&extra)
            .arg("--");
        if !SKIPS.is_empty() {
            cmd.arg("--exact");
        }
        for (name, _) in SKIPS {
            cmd.args(["--skip", name]);
        }
        cmd.env("CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER", &wine)
            .env("WINEPREFIX", &prefix)
            .env("WINEDEBUG", "-all")
            .env("WINEDLLOVERRIDES", "mscoree,mshtml=")
            // No window is wanted from Wine, and a console program needs none.
            .env_remove("DISPLAY");
        all_ok &= run_counted(&mut cmd, &mut counts)?;
    }
    println!(
        "\n   Windows tests under Wine: {} passed, {} failed, {} skipped ({} by name and {} in \
         files not run, as listed above; {} #[ignore]d) in {:.0} s",
        counts.passed,
        counts.failed,
        counts.filtered + not_run + counts.ignored,
        counts.filtered,
        not_run,
        counts.ignored,
        started.elapsed().as_secs_f64()
    );
    if !all_ok || counts.failed > 0 {
        bail!("some Windows tests failed or did not build");
    }
    Ok(())
}

/// Runs cargo test, echoing its output and adding up its result lines; true when it succeeded.
fn run_counted(cmd: &mut Command, counts: &mut Counts) -> Result<bool> {
    let mut child = cmd
        .stdout(Stdio::piped())
        .spawn()
        .with_context(|| format!("could not start {cmd:?}"))?;
    if let Some(out) = child.stdout.take() {
        for line in BufReader::new(out).lines() {
            let line = line.context("reading cargo test's output")?;
            println!("{line}");
            counts.add(&line);
        }
    }
    Ok(child.wait()?.success())
}

/// The integration test targets in `dir`: its `*.rs` files, by stem.
fn test_files(dir: &Path) -> Result<Vec<String>> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot list {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    names.sort();
    Ok(names)
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

/// Rust's std for Windows imports ProcessPrng from bcryptprimitives.dll, which Debian 12's
/// Wine 8 does not have (every binary failed to load, c0000135), so our stand-in is built into
/// the prefix; a Wine that has the DLL keeps its own.
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
