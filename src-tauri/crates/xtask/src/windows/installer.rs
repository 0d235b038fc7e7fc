//! The NSIS installer, written by Debian's makensis from src-tauri/windows/installer.nsi.
//!
//! Not Tauri's own NSIS bundler: on Linux it needs `nsis_tauri_utils.dll`, which it downloads
//! from GitHub at bundle time and accepts only with the SHA-1 of that one release, and this
//! machine reaches no host but the package registries. The script here uses only the plugins
//! Debian's nsis ships.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result};

use crate::{root, sh};

/// Builds `OrderDesk_<version>_x64-setup.exe` in `out_dir` and returns its path.
pub fn build(exe: &Path, webview2_loader: &Path, out_dir: &Path) -> Result<PathBuf> {
    sh::step("The NSIS installer");
    let app = App::read()?;
    std::fs::create_dir_all(out_dir)
        .with_context(|| format!("cannot create {}", out_dir.display()))?;
    let out = out_dir.join(format!("{}_{}_x64-setup.exe", app.product, app.version));
    let script = root().join("src-tauri/windows/installer.nsi");
    let icon = root().join("icons/icon.ico");
    let define = |name: &str, value: &Path| -> Result<String> {
        Ok(format!("-D{name}={}", path_str(value)?))
    };
    sh::run(
        Command::new("makensis")
            .arg("-V2")
            .arg("-INPUTCHARSET")
            .arg("UTF8")
            .arg(format!("-DPRODUCT={}", app.product))
            .arg(format!("-DVERSION={}", app.version))
            .arg(format!("-DIDENTIFIER={}", app.identifier))
            .arg(define("APP_EXE", exe)?)
            .arg(define("WEBVIEW2_LOADER", webview2_loader)?)
            .arg(define("ICON", &icon)?)
            .arg(define("OUTFILE", &out)?)
            .arg(&script),
    )
    .context("makensis failed (Debian package nsis)")?;
    Ok(out)
}

/// What the installer says about the app, from tauri.conf.json so both packages agree.
pub(super) struct App {
    pub(super) product: String,
    pub(super) version: String,
    pub(super) identifier: String,
}

impl App {
    pub(super) fn read() -> Result<Self> {
        let path = root().join("tauri.conf.json");
        let text = std::fs::read_to_string(&path).context("cannot read tauri.conf.json")?;
        let conf: serde_json::Value =
            serde_json::from_str(&text).context("tauri.conf.json is not JSON")?;
        let field = |name: &str| -> Result<String> {
            conf.get(name)
                .and_then(|v| v.as_str())
                .map(str::to_owned)
                .with_context(|| format!("tauri.conf.json has no \"{name}\""))
        };
        Ok(App {
            product: field("productName")?,
            version: field("version")?,
            identifier: field("identifier")?,
        })
    }
}

fn path_str(p: &Path) -> Result<&str> {
    p.to_str()
        .with_context(|| format!("path is not UTF-8: {}", p.display()))
}
