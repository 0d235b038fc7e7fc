//! Stoplight Prism, the validating mock the marketplace end-to-end test starts from the Ozon
//! and Yandex Market specs (`tests/e2e_prism.rs`): an npm package, installed into the
//! project's tools dir under the target dir, never globally.

use std::path::PathBuf;
use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::{setup, sh, target_dir};

/// The version the test's expectations (its log lines) were read from. Its package asks for
/// Node ≥ 24.18 (npm only warns) and runs on the Node 20 it was tried with; Debian 12's own
/// `nodejs` (18) was not tried.
pub const PRISM_VERSION: &str = "5.16.0";
const PACKAGE: &str = "@stoplight/prism-cli";

/// Where npm puts the tools (`node_modules/.bin/…`).
fn tools() -> PathBuf {
    target_dir().join("tools")
}

/// The prism launcher this checkout uses (present or not).
pub fn bin() -> PathBuf {
    tools().join("node_modules/.bin/prism")
}

/// Installs Prism unless the wanted version is there; Node and npm come from apt when missing.
pub fn ensure() -> Result<()> {
    sh::step("Stoplight Prism (marketplace spec mocks)");
    let prism = bin();
    let have = sh::output(
        prism.to_str().context("target dir is not UTF-8")?,
        &["--version"],
    );
    if have.as_deref().map(str::trim) == Some(PRISM_VERSION) {
        println!("   {PRISM_VERSION} present");
        return Ok(());
    }
    if sh::find("npm").is_none() || sh::find("node").is_none() {
        setup::system_packages(&["nodejs", "npm"])?;
    }
    let Some(npm) = sh::find("npm") else {
        bail!("npm is still missing after installing nodejs and npm; install Node.js 18 or newer");
    };
    println!(
        "   installing {PACKAGE}@{PRISM_VERSION} into {}",
        tools().display()
    );
    std::fs::create_dir_all(tools())?;
    sh::run(Command::new(npm).args([
        "install",
        "--no-audit",
        "--no-fund",
        "--prefix",
        tools().to_str().context("target dir is not UTF-8")?,
        &format!("{PACKAGE}@{PRISM_VERSION}"),
    ]))?;
    if !prism.is_file() {
        bail!("npm finished but {} is missing", prism.display());
    }
    Ok(())
}
