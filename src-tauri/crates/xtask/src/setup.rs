//! `cargo xtask setup`: install what is missing, quickly skip what is there.

use std::collections::HashSet;
use std::path::Path;
use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::sh;

/// What Tauri needs to build and run on Debian/Ubuntu.
const BUILD_PACKAGES: &[&str] = &[
    "libwebkit2gtk-4.1-dev",
    "libgtk-3-dev",
    "librsvg2-dev",
    "libayatana-appindicator3-dev",
    "libsoup-3.0-dev",
    "build-essential",
    "libxdo-dev",
    "libssl-dev",
    // The OS keyring client (Secret Service over D-Bus) that keeps channel credentials.
    "libdbus-1-dev",
    "pkg-config",
    "file",
];

/// What the tests drive: a virtual display, the WebKit WebDriver, PDF and QR tools, and a
/// session bus with a notification daemon for the desktop alert (dbus-monitor is in dbus-bin).
const TEST_PACKAGES: &[&str] = &[
    "xvfb",
    "webkit2gtk-driver",
    "poppler-utils",
    "zbar-tools",
    "dbus",
    "dbus-bin",
    "dunst",
    // The tray icon (AppIndicator): closing the window keeps the desk in the tray.
    "libayatana-appindicator3-1",
    // A real Secret Service for the keyring test, on a private session bus.
    "gnome-keyring",
    // The real print test (docs/tests/cups.rs) runs its own CUPS with a cups-pdf printer.
    "cups",
    "cups-client",
    "cups-bsd",
    "printer-driver-cups-pdf",
];

pub const TAURI_DRIVER_VERSION: &str = "2.1.0";

pub fn all() -> Result<()> {
    system_packages(&[BUILD_PACKAGES, TEST_PACKAGES].concat())?;
    wasm_std()?;
    wasm_bindgen_cli()?;
    tauri_driver()?;
    crate::prism::ensure()?;
    // The hub's tests and the sync benchmark need a PostgreSQL on 127.0.0.1:5432.
    crate::postgres::ensure()?;
    Ok(())
}

/// Installs the Debian packages that are not installed yet (one apt-get call for all).
pub fn system_packages(wanted: &[&str]) -> Result<()> {
    sh::step("System packages");
    if !Path::new("/usr/bin/dpkg-query").exists() {
        println!(
            "   Not a Debian/Ubuntu system: install the equivalents of these yourself:\n   {}",
            wanted.join(" ")
        );
        return Ok(());
    }
    let missing = missing_packages(wanted);
    if missing.is_empty() {
        println!("   all {} present", wanted.len());
        return Ok(());
    }
    println!("   installing: {}", missing.join(" "));
    let sudo = if sh::is_root() {
        None
    } else if sh::find("sudo").is_some() {
        Some("sudo")
    } else {
        bail!(
            "these packages are missing and I am neither root nor have sudo; install them:\n  \
             apt-get install -y {}",
            missing.join(" ")
        );
    };
    let apt = |args: &[&str]| {
        let mut cmd = match sudo {
            Some(s) => {
                let mut c = Command::new(s);
                c.arg("apt-get");
                c
            }
            None => Command::new("apt-get"),
        };
        cmd.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        cmd
    };
    sh::run(&mut apt(&["update", "-q"])).context("apt-get update failed")?;
    let mut install = apt(&["install", "-y", "-q", "--no-install-recommends"]);
    install.args(&missing);
    sh::run(&mut install).context("apt-get install failed; see the output above")?;
    Ok(())
}

fn missing_packages(wanted: &[&str]) -> Vec<String> {
    let mut args = vec!["-W", "-f=${Package} ${db:Status-Status}\\n"];
    args.extend_from_slice(wanted);
    // dpkg-query exits non-zero when some name is unknown, yet still prints the known ones.
    let out = Command::new("dpkg-query").args(&args).output();
    let installed: HashSet<String> = out
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.strip_suffix(" installed"))
        .map(|p| p.split(':').next().unwrap_or(p).to_owned())
        .collect();
    wanted
        .iter()
        .filter(|p| !installed.contains(**p))
        .map(|p| (*p).to_owned())
        .collect()
}

/// The wasm32 standard library: rustup first, Debian's rust-web packages when that fails.
fn wasm_std() -> Result<()> {
    sh::step("wasm32 standard library");
    if crate::ui::Toolchain::detect().is_some() {
        println!("   present");
        return Ok(());
    }
    if sh::find("rustup").is_some() {
        let ok = Command::new("rustup")
            .args(["target", "add", "wasm32-unknown-unknown"])
            .status()
            .is_ok_and(|s| s.success());
        if ok && crate::ui::Toolchain::detect().is_some() {
            return Ok(());
        }
        println!("   rustup could not add the target; trying Debian's rust-web packages");
    }
    system_packages(&[
        "rustc-web",
        "cargo-web",
        "rust-web-src",
        "rust-web-llvm",
        "lld-22",
    ])?;
    if crate::ui::Toolchain::detect().is_none() {
        bail!(
            "no wasm32 standard library: run `rustup target add wasm32-unknown-unknown`, or on \
             Debian install rustc-web cargo-web rust-web-src rust-web-llvm lld-22"
        );
    }
    Ok(())
}

/// The wasm-bindgen CLI must be the very version of the wasm-bindgen crate in Cargo.lock.
fn wasm_bindgen_cli() -> Result<()> {
    sh::step("wasm-bindgen-cli");
    let want = locked_version("wasm-bindgen")?;
    let have = sh::output("wasm-bindgen", &["--version"])
        .or_else(|| {
            let bin = sh::cargo_home().join("bin/wasm-bindgen");
            sh::output(bin.to_str()?, &["--version"])
        })
        .unwrap_or_default();
    if have.split_whitespace().nth(1) == Some(want.as_str()) {
        println!("   {want} present");
        return Ok(());
    }
    println!("   installing wasm-bindgen-cli {want} (a few minutes, once)");
    sh::run(Command::new(sh::cargo_bin()).args(["install", "wasm-bindgen-cli", "--version", &want]))
}

fn tauri_driver() -> Result<()> {
    sh::step("tauri-driver (end-to-end tests)");
    // tauri-driver has no --version; cargo's own list says what it installed.
    let listed = sh::output(&sh::cargo_bin(), &["install", "--list"]).unwrap_or_default();
    let wanted = format!("tauri-driver v{TAURI_DRIVER_VERSION}:");
    if sh::find("tauri-driver").is_some() && listed.lines().any(|l| l == wanted) {
        println!("   {TAURI_DRIVER_VERSION} present");
        return Ok(());
    }
    println!("   installing tauri-driver {TAURI_DRIVER_VERSION} (a minute or two, once)");
    sh::run(Command::new(sh::cargo_bin()).args([
        "install",
        "tauri-driver",
        "--version",
        TAURI_DRIVER_VERSION,
    ]))
}

/// The version of `name` pinned in Cargo.lock.
pub fn locked_version(name: &str) -> Result<String> {
    let lock = std::fs::read_to_string(crate::root().join("Cargo.lock"))
        .context("Cargo.lock is missing; run `cargo generate-lockfile`")?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == format!("name = \"{name}\"") {
            if let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(v.trim_end_matches('"').to_owned());
            }
        }
    }
    bail!("{name} is not in Cargo.lock")
}
