//! One desk per shop on a PC, and links into it (issue 19, point 2). A second launch on the
//! same data directory hands its arguments to the running desk (Tauri's single-instance
//! plugin: a D-Bus name on Linux, a named mutex on Windows, a socket on macOS) and exits; the
//! running desk comes forward and opens the link it was given, `orderdesk://order/10243` or
//! `orderdesk://call?from=+7…` (a softphone's or the PBX's hook), which the installers
//! register for the desk. The link waits here until the window takes it, so one that arrives
//! while the window is still starting (the desk launched by the link) is not lost.

use std::path::Path;
use std::sync::Mutex;

use tauri::{AppHandle, Manager, Runtime};

/// The link the window has not taken yet; a newer link replaces an older one.
#[derive(Default)]
pub struct Pending(Mutex<Option<String>>);

impl Pending {
    pub fn new(link: Option<String>) -> Self {
        Self(Mutex::new(link))
    }

    pub fn take(&self) -> Option<String> {
        self.0.lock().map(|mut l| l.take()).unwrap_or(None)
    }

    fn put(&self, link: String) {
        if let Ok(mut pending) = self.0.lock() {
            *pending = Some(link);
        }
    }
}

/// The first argument that is one of our links (a dialer passes the URL alone; a shortcut
/// may pass `--data-dir` before it).
pub fn in_args<S: AsRef<str>>(args: impl IntoIterator<Item = S>) -> Option<String> {
    args.into_iter()
        .skip(1)
        .map(|a| a.as_ref().trim().to_owned())
        .find(|a| desk::links::is_link(a))
}

/// The single-instance plugin, keyed by the data directory when one is named (a second shop
/// on one PC, each test's own desk), else by the app's identifier.
pub fn one_desk<R: Runtime>(data_dir: Option<&Path>) -> tauri::plugin::TauriPlugin<R> {
    let builder = tauri_plugin_single_instance::Builder::new().callback(|app, args, _cwd| {
        arrived(app, in_args(&args));
    });
    #[cfg(target_os = "linux")]
    let builder = match data_dir {
        Some(dir) => builder.dbus_id(format!("ru.orderdesk.desk.d{:016x}", dir_key(dir))),
        None => builder,
    };
    #[cfg(not(target_os = "linux"))]
    let _ = data_dir;
    builder.build()
}

/// The running desk was launched again (or, on macOS, asked to open a URL): bring its window
/// forward and tell the window a link waits.
pub fn arrived<R: Runtime>(app: &AppHandle<R>, link: Option<String>) {
    tracing::info!(
        link = link.as_deref().unwrap_or(""),
        "the desk was launched again"
    );
    let Some(window) = app.get_webview_window("main") else {
        return;
    };
    // A window closed to the tray is hidden, one left in the taskbar minimised.
    for (what, result) in [
        ("show", window.show()),
        ("unminimize", window.unminimize()),
        ("focus", window.set_focus()),
    ] {
        if let Err(err) = result {
            tracing::warn!(%err, what, "the desk's window did not come forward");
        }
    }
    if let Some(link) = link {
        if let Some(pending) = app.try_state::<Pending>() {
            pending.put(link);
        }
        // The window listens for this DOM event and takes the link (ui/src/links.rs).
        if let Err(err) = window.eval("window.dispatchEvent(new Event('orderdesk-link'))") {
            tracing::warn!(%err, "the window was not told of the link");
        }
    }
}

/// A stable key of a data directory (FNV-1a of its absolute path): the second launch must
/// compute what the first did, in any build. Only Linux keys its instance by it (D-Bus).
#[cfg(any(test, target_os = "linux"))]
fn dir_key(dir: &Path) -> u64 {
    let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    dir.to_string_lossy()
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_is_found_among_the_arguments_and_the_program_name_is_not_one() {
        assert_eq!(
            in_args(["orderdesk", "orderdesk://order/10243"]),
            Some("orderdesk://order/10243".to_owned())
        );
        assert_eq!(
            in_args([
                "orderdesk",
                "--data-dir",
                "/tmp/x",
                " orderdesk://call?from=1 "
            ]),
            Some("orderdesk://call?from=1".to_owned())
        );
        assert_eq!(in_args(["orderdesk://order/1"]), None);
        assert_eq!(in_args(["orderdesk", "--demo"]), None);
    }

    #[test]
    fn one_data_directory_is_one_key_however_it_is_written() {
        let dir = tempfile::tempdir().expect("dir");
        let same = dir
            .path()
            .join("..")
            .join(dir.path().file_name().expect("a name"));
        assert_eq!(dir_key(dir.path()), dir_key(&same));
        assert_ne!(dir_key(dir.path()), dir_key(Path::new("/another/shop")));
    }

    #[test]
    fn a_newer_link_replaces_one_not_taken_and_a_link_is_taken_once() {
        let pending = Pending::new(Some("orderdesk://order/1".into()));
        pending.put("orderdesk://order/2".into());
        assert_eq!(pending.take().as_deref(), Some("orderdesk://order/2"));
        assert_eq!(pending.take(), None);
    }
}
