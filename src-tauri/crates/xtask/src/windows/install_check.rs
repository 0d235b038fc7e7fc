//! `cargo xtask bench packages-windows`: the NSIS installer run silently in a new Wine
//! prefix, as a manager's PC would run it (per user, no administrator), then run again with the
//! `/UPDATE` the desk's updater passes (its `/R /ARGS` would start the desk, which Wine cannot
//! show), then uninstalled. Checks what it leaves where and what it removes;
//! the shop's database stays. Figures go to `target/bench/packages_windows.json`.
//!
//! The desk itself is not started: Wine has no WebView2 Runtime, so its window cannot open
//! (README, «What Wine cannot prove»). The installer is a 32-bit NSIS program, so this needs
//! Wine's 32-bit half (Debian's `wine32`, of the i386 architecture, added here when missing).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{ensure, Context, Result};
use serde_json::json;

use super::installer::App;
use super::TARGET;
use crate::{setup, sh, target_dir};

const LINK_KEY: &str = r"HKCU\Software\Classes\orderdesk";

/// Where a per-user install goes, as Wine names the user's folders (`users/<name>`).
struct Folders {
    prefix: PathBuf,
    user: PathBuf,
}

impl Folders {
    fn program_dir(&self, app: &App) -> PathBuf {
        self.user.join("AppData/Local/Programs").join(&app.product)
    }

    fn data_dir(&self, app: &App) -> PathBuf {
        self.user.join("AppData/Roaming").join(&app.identifier)
    }

    /// The Start menu's shortcut and the desktop's, with what to call them.
    fn shortcuts(&self, app: &App) -> [(&'static str, PathBuf); 2] {
        let lnk = format!("{}.lnk", app.product);
        [
            (
                "Start menu shortcut",
                self.user
                    .join("AppData/Roaming/Microsoft/Windows/Start Menu/Programs")
                    .join(&lnk),
            ),
            ("desktop shortcut", self.user.join("Desktop").join(&lnk)),
        ]
    }
}

pub fn check() -> Result<()> {
    i386_architecture()?;
    setup::system_packages(&["wine", "wine64", "wine32"])?;
    let setup_exe = super::build_installer()?;
    let app = App::read()?;
    let built_exe = target_dir().join(TARGET).join("release/orderdesk.exe");

    let prefix = target_dir().join(TARGET).join("install-prefix");
    sh::step(&format!("A new Wine prefix in {}", prefix.display()));
    if prefix.exists() {
        std::fs::remove_dir_all(&prefix)
            .with_context(|| format!("cannot remove {}", prefix.display()))?;
    }
    std::fs::create_dir_all(&prefix)?;
    run_and_wait(&prefix, wine_command(&prefix, "wineboot").arg("--init"))?;
    let folders = Folders {
        user: prefix.join("drive_c/users").join(wine_user(&prefix)?),
        prefix,
    };
    own_desktop(&folders.user)?;
    // A shop's database from before: uninstalling must keep it.
    let data = folders.data_dir(&app);
    std::fs::create_dir_all(&data)?;
    let database = data.join("orderdesk.sqlite3");
    std::fs::write(&database, b"the shop's orders")?;

    sh::step(&format!("{} /S", file_name(&setup_exe)));
    let started = Instant::now();
    run_windows(&folders.prefix, &setup_exe, &["/S"])?;
    let install_s = started.elapsed().as_secs_f64();
    let installed = installed(&folders, &app, &built_exe)?;

    sh::step("Again with the desk updater's /UPDATE: /S /UPDATE");
    let started = Instant::now();
    run_windows(&folders.prefix, &setup_exe, &["/S", "/UPDATE"])?;
    let update_s = started.elapsed().as_secs_f64();
    installed_files(&folders, &app, &built_exe)?;

    sh::step("uninstall.exe /S");
    let uninstaller = folders.program_dir(&app).join("uninstall.exe");
    let started = Instant::now();
    run_windows(&folders.prefix, &uninstaller, &["/S"])?;
    let uninstall_s = started.elapsed().as_secs_f64();
    removed(&folders, &app)?;
    ensure!(
        std::fs::read(&database)? == b"the shop's orders",
        "uninstalling touched the shop's database {}",
        database.display()
    );
    println!("   the shop's database stays: {}", database.display());

    let figures = json!({
        "setup_bytes": std::fs::metadata(&setup_exe)?.len(),
        "setup": file_name(&setup_exe),
        "install_s": benchkit::round(install_s, 1),
        "update_install_s": benchkit::round(update_s, 1),
        "uninstall_s": benchkit::round(uninstall_s, 1),
        "installed": installed,
        "wine": sh::output("wine", &["--version"]).map(|v| v.trim().to_owned()),
        "what": "the installer run with /S in a new Wine prefix (per user): the program, WebView2Loader.dll and the uninstaller in %LOCALAPPDATA%\\Programs, the Start menu and desktop shortcuts, the orderdesk: link and the Apps entry in HKCU checked; run again over the installed desk with /S /UPDATE (the updater's flag; its /R /ARGS would start the desk); then uninstall.exe /S: files, shortcuts and keys gone, the shop's database in %APPDATA% kept. The desk is not started: Wine has no WebView2 Runtime",
    });
    println!("{}", serde_json::to_string_pretty(&figures)?);
    crate::bench::write_json("packages_windows.json", &figures)?;
    Ok(())
}

/// Files, shortcuts and registry entries after an install; returns what was checked.
fn installed(folders: &Folders, app: &App, built_exe: &Path) -> Result<Vec<String>> {
    let mut checked = installed_files(folders, app, built_exe)?;
    for (what, lnk) in folders.shortcuts(app) {
        ensure!(lnk.is_file(), "no {what} {}", lnk.display());
        checked.push(format!("{what} {}", file_name(&lnk)));
    }
    let exe = format!(
        "C:\\users\\{}\\AppData\\Local\\Programs\\{}\\orderdesk.exe",
        file_name(&folders.user),
        app.product
    );
    let link = LINK_KEY;
    let uninstall = format!(
        r"HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\{}",
        app.product
    );
    let expected = [
        (link.to_owned(), "URL Protocol".to_owned(), String::new()),
        (
            format!(r"{link}\shell\open\command"),
            String::new(),
            format!("\"{exe}\" \"%1\""),
        ),
        (
            uninstall.clone(),
            "DisplayVersion".into(),
            app.version.clone(),
        ),
        (uninstall.clone(), "DisplayName".into(), app.product.clone()),
        // Where an install over this one (an update) goes.
        (
            format!(r"HKCU\Software\{}", app.product),
            "InstallDir".into(),
            exe.trim_end_matches(r"\orderdesk.exe").to_owned(),
        ),
    ];
    for (key, name, value) in expected {
        let got = registry_value(&folders.prefix, &key, &name)?
            .with_context(|| format!("no {key} {name:?} after install"))?;
        ensure!(got == value, "{key} {name:?} is {got:?}, not {value:?}");
        checked.push(format!("{key} {name:?}"));
    }
    for line in &checked {
        println!("   present: {line}");
    }
    Ok(checked)
}

/// The program (the build's own bytes), the WebView2 loader and the uninstaller.
fn installed_files(folders: &Folders, app: &App, built_exe: &Path) -> Result<Vec<String>> {
    let dir = folders.program_dir(app);
    let exe = dir.join("orderdesk.exe");
    ensure!(
        std::fs::read(&exe).with_context(|| format!("no {}", exe.display()))?
            == std::fs::read(built_exe).with_context(|| format!("no {}", built_exe.display()))?,
        "{} is not the program just built",
        exe.display()
    );
    for other in ["WebView2Loader.dll", "uninstall.exe"] {
        ensure!(dir.join(other).is_file(), "no {other} in {}", dir.display());
    }
    Ok(vec![
        "orderdesk.exe (the build's bytes)".into(),
        "WebView2Loader.dll".into(),
        "uninstall.exe".into(),
    ])
}

/// Nothing of the desk left after uninstalling.
fn removed(folders: &Folders, app: &App) -> Result<()> {
    let dir = folders.program_dir(app);
    ensure!(!dir.exists(), "{} stayed after uninstall", dir.display());
    for (what, lnk) in folders.shortcuts(app) {
        ensure!(
            !lnk.exists(),
            "the {what} {} stayed after uninstall",
            lnk.display()
        );
    }
    for key in [
        LINK_KEY.to_owned(),
        format!(
            r"HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\{}",
            app.product
        ),
        format!(r"HKCU\Software\{}", app.product),
    ] {
        ensure!(
            !registry_key_exists(&folders.prefix, &key)?,
            "{key} stayed after uninstall"
        );
    }
    println!(
        "   removed: the program folder, both shortcuts, the orderdesk: link, the Apps entry, \
         the install folder's key"
    );
    Ok(())
}

/// Whether `key` is in the registry (`reg query` fails for a key that is not).
fn registry_key_exists(prefix: &Path, key: &str) -> Result<bool> {
    Ok(reg_query(prefix, &[key])?.is_some())
}

/// `reg query ARGS` in the prefix: what it printed, `None` when it failed (no such key or
/// value).
fn reg_query(prefix: &Path, args: &[&str]) -> Result<Option<String>> {
    let out = wine_command(prefix, "wine")
        .args(["reg", "query"])
        .args(args)
        .output()
        .context("wine reg query")?;
    Ok(out
        .status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).replace('\r', "")))
}

/// A value of `key` (`""`: its default value) as `reg query` prints it, `None` when absent.
fn registry_value(prefix: &Path, key: &str, name: &str) -> Result<Option<String>> {
    let args = if name.is_empty() {
        vec![key, "/ve"]
    } else {
        vec![key, "/v", name]
    };
    let Some(text) = reg_query(prefix, &args)? else {
        return Ok(None);
    };
    // `    URL Protocol    REG_SZ    ` / `    (Default)    REG_SZ    "C:\…"`: one value was
    // asked for, so the one REG_SZ line is it, whatever Wine calls the default value in its
    // language.
    Ok(text.lines().find_map(|line| {
        let (_, rest) = line.split_once("    REG_SZ")?;
        Some(rest.strip_prefix("    ").unwrap_or(rest).to_owned())
    }))
}

/// Runs a Windows program and waits until Wine has finished everything it started (an NSIS
/// uninstaller copies itself to the temp folder and runs from there).
fn run_windows(prefix: &Path, program: &Path, args: &[&str]) -> Result<()> {
    run_and_wait(prefix, wine_command(prefix, "wine").arg(program).args(args))
}

/// Runs `cmd`, then waits for every process the prefix's Wine server still runs.
fn run_and_wait(prefix: &Path, cmd: &mut Command) -> Result<()> {
    sh::run(cmd)?;
    sh::run(wine_command(prefix, "wineserver").arg("-w"))
}

fn wine_command(prefix: &Path, program: &str) -> Command {
    let mut cmd = Command::new(program);
    // winemenubuilder off: it would copy every shortcut the installer makes into this
    // machine's own menus (~/.local/share/applications/wine), and uninstalling leaves them.
    cmd.env("WINEPREFIX", prefix)
        .env("WINEDEBUG", "-all")
        .env("WINEDLLOVERRIDES", "mscoree,mshtml=;winemenubuilder.exe=d")
        .env("LC_ALL", "C")
        .env_remove("DISPLAY");
    cmd
}

/// Wine links the user's Desktop folder to this machine's `~/Desktop` when there is one: the
/// installer's desktop shortcut must land in the prefix, not on the desktop of whoever runs
/// the check.
fn own_desktop(user: &Path) -> Result<()> {
    let desktop = user.join("Desktop");
    if desktop.is_symlink() {
        std::fs::remove_file(&desktop)
            .with_context(|| format!("cannot unlink {}", desktop.display()))?;
    }
    std::fs::create_dir_all(&desktop)
        .with_context(|| format!("cannot create {}", desktop.display()))
}

/// The user folder wineboot made (named after the Linux user).
fn wine_user(prefix: &Path) -> Result<String> {
    let users = prefix.join("drive_c/users");
    std::fs::read_dir(&users)
        .with_context(|| format!("no {}", users.display()))?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n != "Public")
        .with_context(|| format!("no user folder in {}", users.display()))
}

/// Debian's `wine32` is of the i386 architecture; a 64-bit system has it only once dpkg knows
/// that architecture.
fn i386_architecture() -> Result<()> {
    if !Path::new("/usr/bin/dpkg-query").exists() {
        // Not Debian or Ubuntu: `system_packages` says what to install by hand.
        return Ok(());
    }
    let known = sh::output("dpkg", &["--print-foreign-architectures"]).unwrap_or_default();
    if known.lines().any(|a| a.trim() == "i386") {
        return Ok(());
    }
    sh::step("dpkg: the i386 architecture, for Wine's 32-bit half (the installer is 32-bit)");
    let mut cmd = if sh::is_root() {
        Command::new("dpkg")
    } else {
        let mut c = Command::new("sudo");
        c.arg("dpkg");
        c
    };
    sh::run(cmd.args(["--add-architecture", "i386"]))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
