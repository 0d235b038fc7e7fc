//! The desk for Windows, built on this Linux machine: `cargo xtask bundle --windows` (the
//! release binary for x86_64-pc-windows-gnu with MinGW-w64, then an NSIS installer) and
//! `cargo xtask test --windows` (the window-less crates' tests under Wine).

mod install_check;
mod installer;
mod wine;

use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Context, Result};

use crate::{root, setup, sh, target_dir, ui};

pub use install_check::check as check_installer;
pub use wine::test;

pub const TARGET: &str = "x86_64-pc-windows-gnu";

/// MinGW-w64 links for the GNU target; makensis (Debian's `nsis`) writes the installer.
const BUILD_PACKAGES: &[&str] = &["mingw-w64", "nsis"];

/// The rustup target and Debian's cross toolchain; `wine` too when tests are to run.
fn ensure_tools(with_wine: bool) -> Result<()> {
    let wine: &[&str] = if with_wine { &["wine", "wine64"] } else { &[] };
    setup::system_packages(&[BUILD_PACKAGES, wine].concat())?;
    sh::step(&format!("Rust standard library for {TARGET}"));
    if target_has_std() {
        println!("   present");
        return Ok(());
    }
    if sh::find("rustup").is_none() {
        bail!("no standard library for {TARGET} and no rustup to add it: install rustup first");
    }
    sh::run(Command::new("rustup").args(["target", "add", TARGET]))?;
    if !target_has_std() {
        bail!("rustup added {TARGET} yet rustc still finds no standard library for it");
    }
    Ok(())
}

fn target_has_std() -> bool {
    sh::output("rustc", &["--print", "target-libdir", "--target", TARGET]).is_some_and(|dir| {
        std::fs::read_dir(dir.trim()).is_ok_and(|mut entries| {
            entries.any(|e| e.is_ok_and(|e| e.file_name().to_string_lossy().starts_with("libstd-")))
        })
    })
}

/// `cargo xtask bundle --windows`.
pub fn bundle() -> Result<()> {
    build_installer().map(drop)
}

/// The release build for Windows and its installer; returns the installer's path.
fn build_installer() -> Result<PathBuf> {
    let started = Instant::now();
    ensure_tools(false)?;
    ui::build()?;
    sh::step(&format!(
        "Building the desk for {TARGET} (release; the first time takes a long while)"
    ));
    let build_started = Instant::now();
    sh::run(Command::new(sh::cargo_bin()).current_dir(root()).args([
        "build",
        "--release",
        "--bin",
        "orderdesk",
        "--target",
        TARGET,
    ]))?;
    let built = build_started.elapsed();
    let release = target_dir().join(TARGET).join("release");
    let exe = release.join("orderdesk.exe");
    let loader = webview2_loader(&release)?;
    let setup_exe = installer::build(&exe, &loader, &release.join("bundle/nsis"))?;
    let size = std::fs::metadata(&setup_exe)
        .with_context(|| format!("no installer at {}", setup_exe.display()))?
        .len();
    println!(
        "   {} ({:.1} MiB); the build took {:.0} s, all of it {:.0} s",
        setup_exe.display(),
        size as f64 / 1_048_576.0,
        built.as_secs_f64(),
        started.elapsed().as_secs_f64()
    );
    Ok(setup_exe)
}

/// A GNU build of webview2-com loads WebView2Loader.dll at run time (an MSVC build links it
/// in), so it ships beside the exe; webview2-com-sys's build script leaves it in its out dir.
fn webview2_loader(release: &std::path::Path) -> Result<PathBuf> {
    let build = release.join("build");
    let mut found: Vec<PathBuf> = std::fs::read_dir(&build)
        .with_context(|| format!("no build folder at {}", build.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("webview2-com-sys-"))
        })
        .map(|p| p.join("out/x64/WebView2Loader.dll"))
        .filter(|p| p.is_file())
        .collect();
    // Several builds of the crate may sit side by side; the newest is this build's.
    found.sort_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
    found
        .pop()
        .context("webview2-com-sys left no out/x64/WebView2Loader.dll in the release build folder")
}
