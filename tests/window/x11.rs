//! The window manager's part for the end-to-end tests, which run on a bare Xvfb without one:
//! asking a program's windows to close as a title bar's close button does (the
//! `WM_DELETE_WINDOW` message), which WebDriver cannot do (its «close window» on the last
//! window ends the session and the program with it).

use std::path::Path;

use x11rb::connection::Connection;
use x11rb::errors::ReplyError;
use x11rb::protocol::xproto::{AtomEnum, ClientMessageEvent, ConnectionExt, EventMask};

/// The process whose command line holds `arg` (a desk's data directory).
pub fn pid_with_arg(arg: &Path) -> Option<u32> {
    let wanted = arg.to_string_lossy().into_owned();
    std::fs::read_dir("/proc")
        .ok()?
        .flatten()
        .find_map(|entry| {
            let pid: u32 = entry.file_name().to_str()?.parse().ok()?;
            let cmdline = std::fs::read(entry.path().join("cmdline")).ok()?;
            let args: Vec<String> = cmdline
                .split(|b| *b == 0)
                .map(|a| String::from_utf8_lossy(a).into_owned())
                .collect();
            let is_desk = args.first().is_some_and(|a| a.ends_with("orderdesk"));
            (is_desk && args.contains(&wanted)).then_some(pid)
        })
}

/// Sends `WM_DELETE_WINDOW` to every top-level window of process `pid` (by `_NET_WM_PID`) on
/// the display `DISPLAY` names; how many it asked.
pub fn ask_to_close(pid: u32) -> Result<usize, String> {
    let failed = |what: &str, e: &dyn std::fmt::Display| format!("{what}: {e}");
    let (conn, screen) = x11rb::connect(None).map_err(|e| failed("the X display", &e))?;
    let atom = |name: &str| -> Result<u32, String> {
        conn.intern_atom(false, name.as_bytes())
            .map_err(ReplyError::from)
            .and_then(|c| c.reply())
            .map(|r| r.atom)
            .map_err(|e| failed(name, &e))
    };
    let (protocols, delete, wm_pid) = (
        atom("WM_PROTOCOLS")?,
        atom("WM_DELETE_WINDOW")?,
        atom("_NET_WM_PID")?,
    );
    let root = conn.setup().roots[screen].root;
    let tree = conn
        .query_tree(root)
        .map_err(ReplyError::from)
        .and_then(|c| c.reply())
        .map_err(|e| failed("the window tree", &e))?;
    let mut asked = 0;
    for window in tree.children {
        let owner = conn
            .get_property(false, window, wm_pid, AtomEnum::CARDINAL, 0, 1)
            .map_err(ReplyError::from)
            .and_then(|c| c.reply())
            .ok()
            .and_then(|p| p.value32().and_then(|mut v| v.next()));
        if owner != Some(pid) {
            continue;
        }
        let message = ClientMessageEvent::new(
            32,
            window,
            protocols,
            [delete, x11rb::CURRENT_TIME, 0, 0, 0],
        );
        conn.send_event(false, window, EventMask::NO_EVENT, message)
            .map_err(|e| failed("the close message", &e))?;
        asked += 1;
    }
    conn.flush().map_err(|e| failed("the X connection", &e))?;
    Ok(asked)
}
