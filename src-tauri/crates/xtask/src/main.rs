//! `cargo xtask <command>`: the one place for the project's chores.

mod bench;
mod bundle;
mod display;
mod packages;
mod postgres;
mod prism;
mod release;
mod room;
mod setup;
mod sh;
mod soak;
mod test;
mod ui;
mod windows;

use std::path::PathBuf;

use anyhow::{bail, Result};

const HELP: &str = "\
cargo xtask <command>

  setup     install what is missing (system packages, wasm32 std, wasm-bindgen-cli,
            Tauri CLI, test tools, Stoplight Prism, PostgreSQL on 127.0.0.1:5432); fast
            when nothing is
  run       setup, build the UI, open the desk on the demo shop (a new shop becomes
            the demo; --no-demo shows the first-run screen instead; extra arguments
            go to the app, e.g. -- --data-dir DIR)
  test      every test of the project, the end-to-end ones in the real window included;
            --windows: instead, the window-less crates' tests built for Windows, under Wine
  bench     run the benchmarks; figures go to target/bench/*.json, each beside a
            baseline of the same run (`cargo xtask bench --help`: --compare FILE, --fresh)
  bundle    build the .deb and .rpm packages; --windows: the NSIS installer for Windows instead
            (target/x86_64-pc-windows-gnu/release/bundle/nsis/OrderDesk_*_x64-setup.exe)
  signing-key FILE
            a new release key pair: the secret to FILE, encrypted with a password
            ($ORDERDESK_SIGNING_KEY_PASSWORD or asked for), the public key into tauri.conf.json
  publish-update --key FILE --version V --base-url URL --out DIR [--notes TEXT] ARTIFACT...
            sign installers for the desks' updater and write DIR/latest.json beside them
            (the folder a team hub serves as /updates/)
";

fn main() {
    if let Err(err) = run() {
        eprintln!("\nxtask: {err:#}");
        std::process::exit(1);
    }
}

fn run() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let command = args.next().unwrap_or_else(|| "help".to_owned());
    let rest: Vec<String> = args.collect();
    match command.as_str() {
        "setup" => setup::all(),
        "run" => run_desk(&rest),
        "test" if windows_asked(&rest) => windows::test(&rest),
        "test" => test::all(&rest),
        "bench" => bench::all(&rest),
        "bundle" if windows_asked(&rest) => windows::bundle(),
        "bundle" => bundle::deb(),
        "build-ui" => ui::build().map(|_| ()),
        "signing-key" => release::signing_key(&rest),
        "publish-update" => release::publish_update(&rest),
        "help" | "--help" | "-h" => {
            print!("{HELP}");
            Ok(())
        }
        other => bail!("unknown command `{other}`\n\n{HELP}"),
    }
}

fn windows_asked(args: &[String]) -> bool {
    args.iter().any(|a| a == "--windows")
}

fn run_desk(args: &[String]) -> Result<()> {
    // The app never makes a shop the demo unless asked; `run` asks, as the README promises.
    let demo = !args.iter().any(|a| a == "--no-demo");
    let mut app_args: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .filter(|a| *a != "--no-demo" && *a != "--")
        .collect();
    if demo {
        app_args.push("--demo");
    }
    setup::all()?;
    ui::build()?;
    sh::step("Building the desk");
    sh::cargo(&["build", "--bin", "orderdesk"])?;
    let app = target_dir().join("debug/orderdesk");
    sh::step("Opening OrderDesk");
    let display = display::ensure()?;
    let mut cmd = std::process::Command::new(app);
    cmd.args(&app_args);
    if let Some(d) = &display {
        cmd.env("DISPLAY", d.name());
        println!(
            "   No display was found, so the desk runs on the virtual display {}.",
            d.name()
        );
    }
    sh::run(&mut cmd)
}

/// The repository root (xtask lives at src-tauri/crates/xtask).
///
/// Read from the environment `cargo run` sets, not baked in at compile time: with a target dir
/// shared between clones (CI's cache), a binary built in another clone must not act on it.
pub fn root() -> PathBuf {
    let here = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    here.ancestors().nth(3).map(PathBuf::from).unwrap_or(here)
}

/// Cargo's target dir: `CARGO_TARGET_DIR` when set (a shared cache), else `target/`.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|p| if p.is_absolute() { p } else { root().join(p) })
        .unwrap_or_else(|| root().join("target"))
}
