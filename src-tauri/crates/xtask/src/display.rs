//! A display for the window: the user's own, or a virtual one (Xvfb) when there is none.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use crate::sh;

/// A running Xvfb, stopped when dropped.
pub struct VirtualDisplay {
    number: u32,
    child: Child,
}

impl VirtualDisplay {
    pub fn name(&self) -> String {
        format!(":{}", self.number)
    }
}

impl Drop for VirtualDisplay {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Returns `None` when `DISPLAY` already points at a live X server, else starts Xvfb.
pub fn ensure() -> Result<Option<VirtualDisplay>> {
    if let Ok(current) = std::env::var("DISPLAY") {
        if x_socket_exists(&current) {
            return Ok(None);
        }
    }
    let xvfb = sh::find("Xvfb").context("no display and no Xvfb: install the `xvfb` package")?;
    let number = (99..200)
        .find(|n| {
            !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
                && !Path::new(&format!("/tmp/.X{n}-lock")).exists()
        })
        .context("no free X display number between :99 and :199")?;
    let child = Command::new(xvfb)
        .args([
            format!(":{number}"),
            "-screen".into(),
            "0".into(),
            "1366x768x24".into(),
            "-nolisten".into(),
            "tcp".into(),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .context("could not start Xvfb")?;
    let display = VirtualDisplay { number, child };
    let started = Instant::now();
    while !x_socket_exists(&display.name()) {
        if started.elapsed() > Duration::from_secs(10) {
            bail!("Xvfb did not come up on {} within 10 s", display.name());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok(Some(display))
}

fn x_socket_exists(display: &str) -> bool {
    let number = display
        .trim_start_matches(|c: char| c != ':')
        .trim_start_matches(':')
        .split('.')
        .next()
        .unwrap_or("");
    !number.is_empty() && Path::new(&format!("/tmp/.X11-unix/X{number}")).exists()
}
