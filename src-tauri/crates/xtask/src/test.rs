//! `cargo xtask test`: every test, the end-to-end ones in the real window included.

use std::process::Command;

use anyhow::Result;

use crate::{display, prism, room, root, setup, sh, target_dir, ui};

pub fn all(extra: &[String]) -> Result<()> {
    setup::all()?;
    room::make_room(&target_dir());
    ui::build()?;
    sh::step("Building the desk for the end-to-end tests");
    sh::cargo(&["build", "--bin", "orderdesk"])?;
    let display = display::ensure()?;

    sh::step("Running every test");
    let mut cmd = Command::new(sh::cargo_bin());
    cmd.current_dir(root())
        // The UI crate too: its unit tests (the words of codes, what waits unsaved) run
        // natively; left out, they never ran.
        .args(["test", "--workspace", "--no-fail-fast"])
        .args(extra)
        .args(["--", "--include-ignored"])
        .env("ORDERDESK_APP", target_dir().join("debug/orderdesk"))
        .env("ORDERDESK_SCREENSHOTS", target_dir().join("screenshots"))
        // The marketplace e2e starts it from the specs; under `test` its absence is a failure.
        .env("ORDERDESK_PRISM", prism::bin());
    if let Some(d) = &display {
        cmd.env("DISPLAY", d.name());
    }
    sh::run(&mut cmd)
}
