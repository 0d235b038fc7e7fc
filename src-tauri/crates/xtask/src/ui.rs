//! Building the wasm UI into `ui/dist`, which the desk embeds at compile time.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::{root, sh};

const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// The cargo arguments that build the UI, whichever toolchain runs them.
const BUILD_UI: [&str; 7] = [
    "build",
    "--package",
    "orderdesk-ui",
    "--target",
    WASM_TARGET,
    "--profile",
    "ui",
];

/// Where the wasm32 standard library comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Toolchain {
    /// rustup's `wasm32-unknown-unknown` target.
    Rustup,
    /// Debian's rust-web packages: std is rebuilt from source with `-Z build-std`.
    Debian,
}

impl Toolchain {
    pub fn detect() -> Option<Self> {
        let libdir = sh::output(
            "rustc",
            &["--print", "target-libdir", "--target", WASM_TARGET],
        );
        let has_std = libdir.is_some_and(|dir| {
            std::fs::read_dir(dir.trim()).is_ok_and(|mut entries| {
                entries.any(|e| {
                    e.is_ok_and(|e| e.file_name().to_string_lossy().starts_with("libstd-"))
                })
            })
        });
        if has_std {
            return Some(Toolchain::Rustup);
        }
        let debian = Path::new("/usr/lib/rustlib/src/rust/library").is_dir()
            && Path::new("/usr/bin/cargo").exists()
            && Path::new("/usr/bin/rust-lld").exists();
        debian.then_some(Toolchain::Debian)
    }
}

/// Builds the UI and returns the dist folder.
pub fn build() -> Result<PathBuf> {
    sh::step("Building the UI (wasm)");
    let root = root();
    let Some(toolchain) = Toolchain::detect() else {
        bail!("no wasm32 standard library; run `cargo xtask setup` first");
    };
    let wasm = match toolchain {
        Toolchain::Rustup => {
            let target_dir = crate::target_dir();
            sh::run(
                Command::new(sh::cargo_bin())
                    .current_dir(&root)
                    .args(BUILD_UI),
            )?;
            target_dir.join(WASM_TARGET).join("ui/orderdesk-ui.wasm")
        }
        Toolchain::Debian => {
            // Its own target dir and PATH, so the two toolchains never rebuild each other's output.
            let target_dir = root.join("target/wasm-debian");
            let path = format!("/usr/bin:{}", std::env::var("PATH").unwrap_or_default());
            sh::run(
                Command::new("/usr/bin/cargo")
                    .current_dir(&root)
                    .env("PATH", path)
                    .env("RUSTC_BOOTSTRAP", "1")
                    .env("CARGO_TARGET_DIR", &target_dir)
                    .env_remove("RUSTUP_TOOLCHAIN")
                    .env_remove("RUSTC")
                    .args(BUILD_UI)
                    .args(["-Z", "build-std=std,panic_abort"]),
            )?;
            target_dir.join(WASM_TARGET).join("ui/orderdesk-ui.wasm")
        }
    };
    let dist = root.join("ui/dist");
    std::fs::create_dir_all(&dist).context("cannot create ui/dist")?;
    let bindgen =
        sh::find("wasm-bindgen").context("wasm-bindgen is missing; run `cargo xtask setup`")?;
    sh::run(Command::new(bindgen).args([
        "--target",
        "web",
        "--no-typescript",
        // Function names are for a debugger; without them the module is a third smaller.
        "--remove-name-section",
        "--out-name",
        "orderdesk_ui",
        "--out-dir",
        path_str(&dist)?,
        path_str(&wasm)?,
    ]))?;
    for file in ["index.html", "boot.js", "style.css"] {
        std::fs::copy(root.join("ui").join(file), dist.join(file))
            .with_context(|| format!("cannot copy ui/{file}"))?;
    }
    // The same PT Sans the documents embed, so the desk looks alike on every PC.
    let fonts = dist.join("fonts");
    std::fs::create_dir_all(&fonts).context("cannot create ui/dist/fonts")?;
    let shipped = root.join("src-tauri/crates/docs/fonts");
    for file in [
        "PTSans-Regular.ttf",
        "PTSans-Bold.ttf",
        "LICENSE-PTSans.txt",
    ] {
        std::fs::copy(shipped.join(file), fonts.join(file))
            .with_context(|| format!("cannot copy the font {file}"))?;
    }
    Ok(dist)
}

fn path_str(p: &Path) -> Result<&str> {
    p.to_str()
        .with_context(|| format!("path is not UTF-8: {}", p.display()))
}
