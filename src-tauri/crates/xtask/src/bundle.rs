//! `cargo xtask bundle`: the .deb and .rpm packages, built by the Tauri CLI.

use std::path::PathBuf;
use std::process::Command;

use anyhow::{Context, Result};

use crate::{root, setup, sh, target_dir, ui};

/// The Tauri CLI major version that matches our `tauri` crate.
const TAURI_CLI: &str = "@tauri-apps/cli@2";

pub fn deb() -> Result<()> {
    setup::system_packages(&["libwebkit2gtk-4.1-dev", "libgtk-3-dev", "file"])?;
    ui::build()?;
    let mut cli = tauri_cli()?;
    sh::step("Building the .deb and the .rpm (a release build: several minutes the first time)");
    sh::run(
        cli.current_dir(root())
            .args(["build", "--bundles", "deb,rpm", "--ci"]),
    )?;
    for (kind, install) in [
        ("deb", "apt-get install ./<file>.deb"),
        ("rpm", "dnf install ./<file>.rpm"),
    ] {
        let dir = target_dir().join("release/bundle").join(kind);
        let found: Vec<PathBuf> = std::fs::read_dir(&dir)
            .with_context(|| format!("no bundle folder at {}", dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == kind))
            .collect();
        for file in &found {
            println!("   {}", file.display());
        }
        println!("   install with: {install}");
    }
    Ok(())
}

/// The Tauri CLI: the npm package ships a prebuilt binary (seconds); without npm, cargo builds it.
fn tauri_cli() -> Result<Command> {
    sh::step("Tauri CLI");
    let tools = sh::cargo_home().join("orderdesk-tools");
    let npm_bin = tools.join("node_modules/.bin/tauri");
    if npm_bin.exists() {
        return Ok(Command::new(npm_bin));
    }
    let as_cargo_subcommand = || {
        let mut cmd = Command::new(sh::cargo_bin());
        cmd.arg("tauri");
        cmd
    };
    if sh::find("cargo-tauri").is_some() {
        return Ok(as_cargo_subcommand());
    }
    if sh::find("npm").is_some() {
        std::fs::create_dir_all(&tools)?;
        sh::run(Command::new("npm").args([
            "install",
            "--no-audit",
            "--no-fund",
            "--prefix",
            tools.to_str().context("cargo home is not UTF-8")?,
            TAURI_CLI,
        ]))?;
        return Ok(Command::new(npm_bin));
    }
    println!("   npm is not installed: building tauri-cli with cargo (10+ minutes, once)");
    sh::run(Command::new(sh::cargo_bin()).args([
        "install",
        "tauri-cli",
        "--version",
        "^2",
        "--locked",
    ]))?;
    Ok(as_cargo_subcommand())
}
