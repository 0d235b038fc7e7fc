//! PostgreSQL for the hub's tests and benchmark: something must listen on 127.0.0.1:5432
//! and let user `postgres` in without a password (trust on local TCP).

use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use crate::{setup, sh, target_dir};

const ADDR: ([u8; 4], u16) = ([127, 0, 0, 1], 5432);
/// What the tests connect as: local TCP, trusted.
const TRUST: &str = "host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\n";

pub fn ensure() -> Result<()> {
    sh::step("PostgreSQL on 127.0.0.1:5432");
    if listening() {
        println!("   listening");
        return Ok(());
    }
    if Path::new("/usr/bin/dpkg-query").exists() && (sh::is_root() || sh::find("sudo").is_some()) {
        setup::system_packages(&["postgresql"])?;
        if start_packaged_cluster()? {
            return Ok(());
        }
    }
    private_cluster()
}

fn listening() -> bool {
    TcpStream::connect_timeout(&SocketAddr::from(ADDR), Duration::from_millis(500)).is_ok()
}

fn wait_listening() -> bool {
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if listening() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    false
}

fn as_root(program: &str) -> Command {
    if sh::is_root() {
        Command::new(program)
    } else {
        let mut c = Command::new("sudo");
        c.arg(program);
        c
    }
}

/// Debian's cluster (`pg_lsclusters`): trust local TCP in its pg_hba.conf, then start it.
fn start_packaged_cluster() -> Result<bool> {
    let Some(list) = sh::output("pg_lsclusters", &["-h"]) else {
        return Ok(false);
    };
    let Some((version, name)) = list.lines().find_map(|l| {
        let mut f = l.split_whitespace();
        Some((f.next()?.to_owned(), f.next()?.to_owned()))
    }) else {
        return Ok(false);
    };
    let hba = PathBuf::from(format!("/etc/postgresql/{version}/{name}/pg_hba.conf"));
    let text = std::fs::read_to_string(&hba).unwrap_or_default();
    if !text.contains("127.0.0.1/32 trust") {
        println!("   trusting local TCP in {}", hba.display());
        // First lines win in pg_hba.conf.
        let updated = format!("# orderdesk tests: local TCP without a password\n{TRUST}{text}");
        let tmp = std::env::temp_dir().join("orderdesk-pg_hba.conf");
        std::fs::write(&tmp, updated)?;
        sh::run(as_root("cp").arg(&tmp).arg(&hba))?;
    }
    println!("   starting cluster {version}/{name}");
    sh::run(as_root("pg_ctlcluster").args([&version, &name, "restart"]))?;
    Ok(wait_listening())
}

/// Without Debian's packages or root: a cluster of our own under target/, if the server
/// binaries are somewhere on this machine. initdb refuses to run as root.
fn private_cluster() -> Result<()> {
    let Some(bin) = server_bin_dir() else {
        bail!(
            "nothing listens on 127.0.0.1:5432 and no PostgreSQL server is installed; \
             install PostgreSQL (Debian: apt-get install postgresql) and start it with trust \
             for local TCP"
        );
    };
    if sh::is_root() {
        bail!("PostgreSQL's initdb does not run as root; start the system cluster instead");
    }
    let dir = target_dir().join("pg");
    let data = dir.join("data");
    if !data.join("PG_VERSION").exists() {
        sh::step("Creating a private PostgreSQL cluster under target/pg");
        std::fs::create_dir_all(&dir)?;
        sh::run(Command::new(bin.join("initdb")).arg("-D").arg(&data).args([
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
        ]))?;
    }
    let options = format!("-p 5432 -c listen_addresses=127.0.0.1 -k {}", dir.display());
    sh::run(
        Command::new(bin.join("pg_ctl"))
            .arg("-D")
            .arg(&data)
            .args(["-o", &options, "-l"])
            .arg(dir.join("log"))
            .args(["-w", "start"]),
    )
    .context("starting the private PostgreSQL cluster (see target/pg/log)")?;
    if !wait_listening() {
        bail!("the private PostgreSQL cluster did not start; see target/pg/log");
    }
    Ok(())
}

fn server_bin_dir() -> Option<PathBuf> {
    if let Some(initdb) = sh::find("initdb") {
        return initdb.parent().map(Path::to_path_buf);
    }
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
        .filter(|p| p.join("initdb").exists())
        .collect();
    versions.sort();
    versions.pop()
}
