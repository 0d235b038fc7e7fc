//! The hub is the sync server alone: the desk, its SQLite store, the papers and the channel
//! connectors are linked by `hub-connectors`, never by this library (issue 17, point 4).

use std::collections::BTreeSet;
use std::process::Command;

/// The packages `hub` links for this machine, following normal dependencies only (not dev or
/// build ones). `cargo tree` rather than `cargo metadata`: it needs no other platform's
/// crates, so it runs offline.
fn linked_by_hub() -> BTreeSet<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["tree", "--offline", "-p", "hub", "-e", "normal"])
        .args(["--prefix", "none", "--format", "{p}", "--manifest-path"])
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"))
        .output()
        .expect("cargo tree runs");
    assert!(
        out.status.success(),
        "cargo tree: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_hub_links_neither_the_desk_nor_sqlite() {
    let linked = linked_by_hub();
    // The check itself reads the graph: the hub and its own database driver are in it.
    assert!(linked.contains("hub"), "{linked:?}");
    assert!(linked.contains("tokio-postgres"), "{linked:?}");
    for desk_side in [
        "desk",
        "store",
        "docs",
        "channels",
        "sync",
        "hub-connectors",
        "rusqlite",
        "printpdf",
        "keyring",
    ] {
        assert!(
            !linked.contains(desk_side),
            "the hub links {desk_side}: {linked:?}"
        );
    }
}
