//! `cargo xtask bench packages` (issue 19, point 5): the `.deb` installed, started and
//! removed on a clean Debian 12 root, made with debootstrap from the mirror apt already uses,
//! so nothing of this machine's own packages helps it; the `.rpm`'s files and dependencies
//! read with `rpm`, as no Fedora mirror is reachable here. Needs root (debootstrap, chroot,
//! mounts) and a few minutes; not part of `cargo xtask test`. Figures go to
//! `target/bench/packages.json`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, ensure, Context, Result};
use serde_json::json;

use crate::{setup, sh, target_dir};

const SUITE: &str = "bookworm";
const MIRROR: &str = "http://deb.debian.org/debian";

pub fn check() -> Result<()> {
    if !sh::is_root() {
        bail!("`bench packages` needs root: it makes a Debian root with debootstrap and chroots into it");
    }
    setup::system_packages(&["debootstrap", "rpm", "dpkg-dev"])?;
    crate::bundle::deb()?;
    let deb = newest(&target_dir().join("release/bundle/deb"), "deb")?;
    let rpm = newest(&target_dir().join("release/bundle/rpm"), "rpm")?;

    let root = target_dir().join("clean-root");
    let mounts = Mounts::new(&root);
    drop_root(&root, &mounts)?;
    sh::step(&format!(
        "A clean Debian 12 root in {} (debootstrap)",
        root.display()
    ));
    let made = Instant::now();
    sh::run(
        Command::new("debootstrap")
            .args(["--variant=minbase", SUITE])
            .arg(&root)
            .arg(MIRROR),
    )?;
    let debootstrap_s = made.elapsed().as_secs_f64();
    mounts.mount()?;
    let checked = in_root(&root, &deb);
    mounts.unmount();
    let (install_s, rendered_ms, package) = checked?;
    drop_root(&root, &mounts)?;

    sh::step("The .rpm: its files and what it requires");
    let files = sh::output("rpm", &["-qlp", &rpm.to_string_lossy()]).context("rpm -qlp")?;
    let requires = sh::output("rpm", &["-qp", "--requires", &rpm.to_string_lossy()])
        .context("rpm -qp --requires")?;
    for wanted in ["/usr/bin/orderdesk", "/usr/share/applications/"] {
        ensure!(
            files.contains(wanted),
            "the .rpm holds no {wanted}:\n{files}"
        );
    }
    println!(
        "   requires: {}",
        requires.split_whitespace().collect::<Vec<_>>().join(" ")
    );

    let figures = json!({
        "deb_bytes": std::fs::metadata(&deb)?.len(),
        "rpm_bytes": std::fs::metadata(&rpm)?.len(),
        "debootstrap_s": round(debootstrap_s),
        "deb_install_s": round(install_s),
        "deb_first_render_ms": rendered_ms,
        "deb_package": package,
        "what": "the .deb installed with apt-get into a debootstrap --variant=minbase bookworm root (its dependencies from the Debian mirror), the .desktop entry checked for the orderdesk: scheme, the desk started there under xvfb-run on a new demo shop until its queue rendered, then apt-get remove; the .rpm read with rpm -qlp/--requires (no Fedora root can be made here)",
    });
    println!("{}", serde_json::to_string_pretty(&figures)?);
    crate::bench::write_json("packages.json", &figures)?;
    Ok(())
}

/// Installs, starts and removes the .deb inside `root`: (install seconds, first render ms,
/// package name).
fn in_root(root: &Path, deb: &Path) -> Result<(f64, f64, String)> {
    let file = deb.file_name().context("the .deb's name")?;
    std::fs::copy(deb, root.join("tmp").join(file))?;
    let inside = format!("/tmp/{}", file.to_string_lossy());
    let package = sh::output("dpkg-deb", &["-f", &deb.to_string_lossy(), "Package"])
        .context("dpkg-deb -f")?
        .trim()
        .to_owned();

    sh::step(&format!("apt-get install {inside} in the clean root"));
    chroot(root, &["apt-get", "update", "-q"])?;
    let installing = Instant::now();
    apt_install(root, &[&inside])?;
    let install_s = installing.elapsed().as_secs_f64();
    ensure!(
        root.join("usr/bin/orderdesk").is_file(),
        "no /usr/bin/orderdesk after install"
    );
    let entry = desktop_entry(root)?;
    let text = std::fs::read_to_string(&entry)?;
    ensure!(
        text.contains("MimeType=x-scheme-handler/orderdesk;") && text.contains(" %u"),
        "{} does not register orderdesk: links:\n{text}",
        entry.display()
    );

    sh::step("The installed desk starts on a demo shop under xvfb-run");
    apt_install(root, &["xvfb", "xauth"])?;
    let out = Command::new("chroot")
        .arg(root)
        .args([
            "env",
            "HOME=/root",
            "ORDERDESK_EXIT_AFTER_RENDER=1",
            "xvfb-run",
            "-a",
        ])
        .args(["orderdesk", "--demo", "--data-dir", "/tmp/shop"])
        .output()
        .context("chroot … orderdesk")?;
    let said = String::from_utf8_lossy(&out.stdout);
    let rendered_ms = said
        .lines()
        .find_map(|l| l.strip_prefix("ORDERDESK_RENDERED_MS="))
        .and_then(|ms| ms.trim().parse::<f64>().ok())
        .with_context(|| {
            format!(
                "the installed desk never rendered its queue ({}):\n{said}\n{}",
                out.status,
                String::from_utf8_lossy(&out.stderr)
            )
        })?;
    println!("   rendered in {rendered_ms} ms");

    sh::step(&format!("apt-get remove {package}"));
    chroot(root, &["apt-get", "remove", "-y", "-q", &package])?;
    ensure!(
        !root.join("usr/bin/orderdesk").exists(),
        "/usr/bin/orderdesk stayed after remove"
    );
    ensure!(!entry.exists(), "{} stayed after remove", entry.display());
    Ok((install_s, rendered_ms, package))
}

/// The desk's .desktop entry in the root.
fn desktop_entry(root: &Path) -> Result<PathBuf> {
    let dir = root.join("usr/share/applications");
    std::fs::read_dir(&dir)
        .with_context(|| format!("no {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| std::fs::read_to_string(p).is_ok_and(|t| t.contains("Exec=orderdesk")))
        .with_context(|| format!("no .desktop entry for orderdesk in {}", dir.display()))
}

fn apt_install(root: &Path, packages: &[&str]) -> Result<()> {
    let mut args = vec!["apt-get", "install", "-y", "-q", "--no-install-recommends"];
    args.extend_from_slice(packages);
    chroot(root, &args)
}

fn chroot(root: &Path, args: &[&str]) -> Result<()> {
    sh::run(
        Command::new("chroot")
            .arg(root)
            .args(args)
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}

/// What the desk needs mounted inside the root, unmounted however the check ends.
struct Mounts {
    points: Vec<(PathBuf, Vec<&'static str>)>,
}

impl Mounts {
    fn new(root: &Path) -> Self {
        Self {
            points: vec![
                (root.join("proc"), vec!["-t", "proc", "proc"]),
                (root.join("sys"), vec!["--bind", "/sys"]),
                (root.join("dev"), vec!["--bind", "/dev"]),
            ],
        }
    }

    fn mount(&self) -> Result<()> {
        for (at, how) in &self.points {
            sh::run(Command::new("mount").args(how).arg(at))?;
        }
        Ok(())
    }

    fn unmount(&self) {
        for (at, _) in self.points.iter().rev() {
            // Lazily: a process the desk left behind must not keep the root mounted. A point
            // not mounted (a root left by an earlier run) is no error.
            let _ = Command::new("umount")
                .arg("-l")
                .arg(at)
                .stderr(std::process::Stdio::null())
                .status();
        }
    }
}

/// Removes an earlier root, never through a mount still in it.
fn drop_root(root: &Path, mounts: &Mounts) -> Result<()> {
    if !root.exists() {
        return Ok(());
    }
    mounts.unmount();
    let still = std::fs::read_to_string("/proc/mounts").unwrap_or_default();
    ensure!(
        !still.contains(&*root.to_string_lossy()),
        "something is still mounted under {}: not removing it",
        root.display()
    );
    std::fs::remove_dir_all(root).with_context(|| format!("removing {}", root.display()))
}

fn newest(dir: &Path, ext: &str) -> Result<PathBuf> {
    std::fs::read_dir(dir)
        .with_context(|| format!("no {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .max_by_key(|p| p.metadata().and_then(|m| m.modified()).ok())
        .with_context(|| format!("no .{ext} in {}", dir.display()))
}

fn round(s: f64) -> f64 {
    (s * 10.0).round() / 10.0
}
