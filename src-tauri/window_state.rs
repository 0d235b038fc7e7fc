//! The window opens as it was left (size, place, maximised), or maximised the first time
//! (issue 15, point 3): a manager works in it all day, and 1366×768 in the middle of a
//! 1920×1080 screen wastes a third of it.
//!
//! Kept in `window.json` beside the shop's database: one desk per PC and data dir, so the
//! file is that PC's. Written by a thread of its own once a move or resize has settled for a
//! moment (a drag sends dozens of events a second; the event loop must not wait on a disk,
//! which on Windows may mean an antivirus scan of each write), and at once when the desk
//! closes, so a desk killed rather than closed still comes back as it was, near enough.

use std::path::Path;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::Mutex;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tauri::{LogicalSize, Manager, PhysicalPosition, Runtime, WebviewWindow, Window};

const FILE: &str = "window.json";
/// The config's minimum: a saved size below it (a damaged file) is not restored.
const MIN_WIDTH: f64 = 1024.0;
const MIN_HEIGHT: f64 = 600.0;

/// The window as it was last left. Size in logical pixels (so a changed display scale keeps
/// the window's real size), place in physical pixels of the virtual screen.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Geometry {
    pub x: i32,
    pub y: i32,
    pub width: f64,
    pub height: f64,
    #[serde(default)]
    pub maximized: bool,
}

/// A monitor's area in physical pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Area {
    pub x: i32,
    pub y: i32,
    pub width: u32,
    pub height: u32,
}

/// What to do with a new window.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Placement {
    /// Nothing saved (first start) or nothing usable: fill the screen.
    Maximize,
    /// As it was. `place` is `None` when the saved place is on no monitor any more (a
    /// laptop taken off its second screen): the size is kept, the system places it.
    Restore {
        width: f64,
        height: f64,
        place: Option<(i32, i32)>,
        maximized: bool,
    },
}

/// Decides how the window opens from what was saved and the monitors there are now.
pub fn placement(saved: Option<Geometry>, monitors: &[Area]) -> Placement {
    let Some(g) = saved else {
        return Placement::Maximize;
    };
    let sane = |v: f64, min: f64| v.is_finite() && v >= min && v <= 100_000.0;
    if !sane(g.width, MIN_WIDTH) || !sane(g.height, MIN_HEIGHT) {
        return Placement::Maximize;
    }
    // The title bar must land on a monitor, or the window could not be dragged back.
    let grab = (g.x.saturating_add(40), g.y.saturating_add(10));
    let on_screen = monitors.iter().any(|m| {
        let right =
            m.x.saturating_add(i32::try_from(m.width).unwrap_or(i32::MAX));
        let bottom =
            m.y.saturating_add(i32::try_from(m.height).unwrap_or(i32::MAX));
        grab.0 >= m.x && grab.0 < right && grab.1 >= m.y && grab.1 < bottom
    });
    Placement::Restore {
        width: g.width,
        height: g.height,
        place: on_screen.then_some((g.x, g.y)),
        maximized: g.maximized,
    }
}

pub fn load(dir: &Path) -> Option<Geometry> {
    let text = std::fs::read_to_string(dir.join(FILE)).ok()?;
    match serde_json::from_str(&text) {
        Ok(g) => Some(g),
        Err(err) => {
            tracing::warn!(%err, "window.json unreadable; the window opens maximised");
            None
        }
    }
}

/// How long a move or resize must have settled before it is written.
const SETTLED: Duration = Duration::from_millis(400);

/// What the window tells its writer thread.
enum Note {
    Moved(Geometry),
    /// Write what is pending now and answer (the desk is closing).
    Flush(Sender<()>),
}

/// The window's last geometry, and the thread that keeps it in the file.
pub struct Keeper {
    last: Mutex<Option<Geometry>>,
    writer: Mutex<Sender<Note>>,
}

impl Keeper {
    pub fn new(dir: &Path) -> Self {
        let path = dir.join(FILE);
        let (tx, rx) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("window-state".into())
            .spawn(move || settle(&rx, SETTLED, |g| write(&path, g)));
        if let Err(err) = spawned {
            // The desk works without it; the window just opens maximised next time.
            tracing::warn!(%err, "the window's size will not be kept");
        }
        Self {
            last: Mutex::new(load(dir)),
            writer: Mutex::new(tx),
        }
    }

    /// Records the window as it is now. A maximised window keeps the size it had before, so
    /// «restore down» after a restart goes back to that size.
    pub fn record<R: Runtime>(&self, window: &Window<R>) {
        let Ok(maximized) = window.is_maximized() else {
            return;
        };
        if window.is_minimized().unwrap_or(false) {
            return;
        }
        let Ok(mut last) = self.last.lock() else {
            return;
        };
        let geometry = if maximized {
            match *last {
                Some(g) => Geometry {
                    maximized: true,
                    ..g
                },
                None => return,
            }
        } else {
            let (Ok(size), Ok(place), Ok(scale)) = (
                window.inner_size(),
                window.outer_position(),
                window.scale_factor(),
            ) else {
                return;
            };
            let size = size.to_logical::<f64>(scale);
            Geometry {
                x: place.x,
                y: place.y,
                width: size.width,
                height: size.height,
                maximized: false,
            }
        };
        if *last == Some(geometry) {
            return;
        }
        *last = Some(geometry);
        if let Ok(writer) = self.writer.lock() {
            // A writer that is gone was logged when it failed to start.
            let _ = writer.send(Note::Moved(geometry));
        }
    }

    /// Writes what is pending before the desk exits; waits a second at most.
    pub fn flush(&self) {
        let (done, wait) = mpsc::channel();
        let sent = self
            .writer
            .lock()
            .map(|writer| writer.send(Note::Flush(done)).is_ok())
            .unwrap_or(false);
        if sent {
            let _ = wait.recv_timeout(Duration::from_secs(1));
        }
    }
}

/// The writer thread: the newest geometry is written once nothing newer came for `quiet`,
/// when asked to flush, and when the window's side is gone.
fn settle(rx: &Receiver<Note>, quiet: Duration, mut write: impl FnMut(Geometry)) {
    let mut pending = None;
    loop {
        let note = match pending {
            None => match rx.recv() {
                Ok(note) => note,
                Err(_) => return,
            },
            Some(g) => match rx.recv_timeout(quiet) {
                Ok(note) => note,
                Err(RecvTimeoutError::Timeout) => {
                    write(g);
                    pending = None;
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => return write(g),
            },
        };
        match note {
            Note::Moved(g) => pending = Some(g),
            Note::Flush(done) => {
                if let Some(g) = pending.take() {
                    write(g);
                }
                let _ = done.send(());
            }
        }
    }
}

fn write(path: &Path, geometry: Geometry) {
    match serde_json::to_vec(&geometry).map(|json| write_atomically(path, &json)) {
        Ok(Ok(())) => {}
        Ok(Err(err)) => tracing::warn!(%err, path = %path.display(), "window size not kept"),
        Err(err) => tracing::warn!(%err, "window size not kept"),
    }
}

/// A half-written file would lose what it keeps (the geometry, this PC's desktop choice),
/// never break the start: write beside, rename.
/// A small JSON file this PC keeps beside the shop (the desktop choice, the update source):
/// its defaults when there is none, or when it cannot be read (said in the log).
pub(crate) fn read_or_default<T: serde::de::DeserializeOwned + Default>(path: &Path) -> T {
    match std::fs::read(path) {
        Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or_else(|err| {
            tracing::warn!(%err, path = %path.display(), "unreadable; the defaults apply");
            T::default()
        }),
        Err(_) => T::default(),
    }
}

/// Keeps `value` as such a file; a failure is the command's storage error, logged.
pub(crate) fn write_json<T: Serialize>(path: &Path, value: &T) -> Result<(), proto::CommandError> {
    use proto::{CommandError, ErrorCode};
    let text = serde_json::to_vec_pretty(value)
        .map_err(|e| CommandError::new(ErrorCode::Internal, e.to_string()))?;
    write_atomically(path, &text).map_err(|err| {
        tracing::warn!(%err, path = %path.display(), "not written");
        CommandError::new(ErrorCode::Storage, format!("{}: {err}", path.display()))
    })
}

pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = path.with_extension("json.tmp");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}

/// Applies the saved geometry to the main window, then shows it (it starts hidden, so it
/// never flashes at the config's size first) unless `show` is false (the desk started at
/// login into the tray).
pub fn restore<R: Runtime>(window: &WebviewWindow<R>, dir: &Path, show: bool) {
    let monitors: Vec<Area> = window
        .available_monitors()
        .unwrap_or_default()
        .iter()
        .map(|m| Area {
            x: m.position().x,
            y: m.position().y,
            width: m.size().width,
            height: m.size().height,
        })
        .collect();
    let result = match placement(load(dir), &monitors) {
        Placement::Maximize => window.maximize(),
        Placement::Restore {
            width,
            height,
            place,
            maximized,
        } => window
            .set_size(LogicalSize::new(width, height))
            .and_then(|()| match place {
                Some((x, y)) => window.set_position(PhysicalPosition::new(x, y)),
                None => window.center(),
            })
            .and_then(|()| if maximized { window.maximize() } else { Ok(()) }),
    };
    if let Err(err) = result {
        tracing::warn!(%err, "the window's last size was not restored");
    }
    if show {
        if let Err(err) = window.show() {
            tracing::warn!(%err, "the window was not shown");
        }
    }
}

/// The keeper for the app's windows, once the data dir is known.
pub fn keep<R: Runtime, M: Manager<R>>(app: &M, dir: &Path) {
    app.manage(Keeper::new(dir));
}

#[cfg(test)]
mod tests {
    use super::*;

    const FULL_HD: Area = Area {
        x: 0,
        y: 0,
        width: 1920,
        height: 1080,
    };

    fn saved(x: i32, y: i32) -> Geometry {
        Geometry {
            x,
            y,
            width: 1500.0,
            height: 900.0,
            maximized: false,
        }
    }

    #[test]
    fn the_first_start_opens_maximised() {
        assert_eq!(placement(None, &[FULL_HD]), Placement::Maximize);
    }

    #[test]
    fn a_window_comes_back_where_and_as_big_as_it_was_left() {
        assert_eq!(
            placement(Some(saved(100, 50)), &[FULL_HD]),
            Placement::Restore {
                width: 1500.0,
                height: 900.0,
                place: Some((100, 50)),
                maximized: false
            }
        );
    }

    #[test]
    fn a_window_left_on_a_monitor_that_is_gone_keeps_its_size_but_not_its_place() {
        // It was on a second screen to the right; only the laptop's screen is left.
        let placed = placement(Some(saved(2000, 100)), &[FULL_HD]);
        assert!(matches!(placed, Placement::Restore { place: None, .. }));
        let second = Area { x: 1920, ..FULL_HD };
        let placed = placement(Some(saved(2000, 100)), &[FULL_HD, second]);
        assert!(matches!(
            placed,
            Placement::Restore {
                place: Some((2000, 100)),
                ..
            }
        ));
    }

    #[test]
    fn a_damaged_size_opens_maximised() {
        for (w, h) in [
            (0.0, 900.0),
            (1500.0, 10.0),
            (f64::NAN, 900.0),
            (1e9, 900.0),
        ] {
            let g = Geometry {
                width: w,
                height: h,
                ..saved(0, 0)
            };
            assert_eq!(placement(Some(g), &[FULL_HD]), Placement::Maximize);
        }
    }

    #[test]
    fn a_maximised_window_stays_maximised() {
        let g = Geometry {
            maximized: true,
            ..saved(0, 0)
        };
        assert!(matches!(
            placement(Some(g), &[FULL_HD]),
            Placement::Restore {
                maximized: true,
                ..
            }
        ));
    }

    #[test]
    fn an_unreadable_file_is_as_if_nothing_was_saved() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join(FILE), b"{not json").expect("written");
        assert_eq!(load(dir.path()), None);
        std::fs::write(
            dir.path().join(FILE),
            br#"{"x":1,"y":2,"width":1200.0,"height":700.0}"#,
        )
        .expect("written");
        assert_eq!(
            load(dir.path()),
            Some(Geometry {
                x: 1,
                y: 2,
                width: 1200.0,
                height: 700.0,
                maximized: false
            })
        );
    }

    fn geometry(width: f64) -> Geometry {
        Geometry {
            width,
            ..saved(10, 10)
        }
    }

    #[test]
    fn a_drag_writes_the_file_once_not_for_every_event() {
        let (tx, rx) = mpsc::channel();
        for width in 1100..1200 {
            tx.send(Note::Moved(geometry(f64::from(width))))
                .expect("sent");
        }
        drop(tx);
        let mut written = Vec::new();
        // A quiet spell longer than any test: only the window going away writes.
        settle(&rx, Duration::from_secs(3600), |g| written.push(g.width));
        assert_eq!(written, vec![1199.0]);
    }

    #[test]
    fn closing_the_desk_writes_what_is_still_settling() {
        let (tx, rx) = mpsc::channel();
        let (done, flushed) = mpsc::channel();
        tx.send(Note::Moved(geometry(1300.0))).expect("sent");
        tx.send(Note::Flush(done)).expect("sent");
        tx.send(Note::Moved(geometry(1400.0))).expect("sent");
        tx.send(Note::Moved(geometry(1500.0))).expect("sent");
        drop(tx);
        let mut written = Vec::new();
        settle(&rx, Duration::from_secs(3600), |g| written.push(g.width));
        assert_eq!(written, vec![1300.0, 1500.0]);
        assert!(flushed.try_recv().is_ok(), "the closing desk was answered");
    }

    #[test]
    fn a_settled_move_is_written_without_waiting_for_the_next() {
        let (tx, rx) = mpsc::channel();
        let (seen_tx, seen) = mpsc::channel();
        let writer = std::thread::spawn(move || {
            settle(&rx, Duration::from_millis(1), |g| {
                let _ = seen_tx.send(g.width);
            })
        });
        tx.send(Note::Moved(geometry(1234.0))).expect("sent");
        assert_eq!(
            seen.recv_timeout(Duration::from_secs(30)),
            Ok(1234.0),
            "written while the window stays open"
        );
        drop(tx);
        writer.join().expect("the writer ends with the window");
    }
}
