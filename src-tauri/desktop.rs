//! The desk on the PC's desktop (issue 19, point 3): an icon in the tray with the number of
//! overdue orders on it and in its menu; closing the window keeps the desk running there (a
//! choice of this PC), so the overdue alerts keep coming; the desk may start at login, in the
//! tray. The choice is kept in `desktop.json` beside the shop's database: one per PC.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use proto::display::Lang;
use proto::{CommandError, DesktopChoice, DesktopView, ErrorCode, ErrorReason};
use tauri::menu::{Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::{MouseButton, MouseButtonState, TrayIcon, TrayIconBuilder, TrayIconEvent};
use tauri::{AppHandle, Runtime};
use tauri_plugin_autostart::ManagerExt;

const FILE: &str = "desktop.json";
/// The argument the login start passes: the desk opens in the tray, not on the screen.
pub const HIDDEN_ARG: &str = "--hidden";

/// The tray icon and the menu items whose words change.
struct TrayParts<R: Runtime> {
    icon: TrayIcon<R>,
    open: MenuItem<R>,
    overdue: MenuItem<R>,
    quit: MenuItem<R>,
}

pub struct Desktop<R: Runtime> {
    path: PathBuf,
    choice: Mutex<DesktopChoice>,
    lang: Mutex<Lang>,
    overdue: Mutex<u32>,
    tray: Mutex<Option<TrayParts<R>>>,
}

impl<R: Runtime> Desktop<R> {
    /// This PC's choice from `dir`; the defaults when there is none or it is unreadable.
    pub fn load(dir: &Path) -> Self {
        let path = dir.join(FILE);
        let choice: DesktopChoice = crate::window_state::read_or_default(&path);
        Self {
            path,
            choice: Mutex::new(choice),
            lang: Mutex::new(Lang::Ru),
            overdue: Mutex::new(0),
            tray: Mutex::new(None),
        }
    }

    pub fn choice(&self) -> DesktopChoice {
        *self.choice.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn view(&self) -> DesktopView {
        DesktopView {
            choice: self.choice(),
            tray: self.has_tray(),
        }
    }

    fn has_tray(&self) -> bool {
        self.tray
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .is_some()
    }

    /// Whether closing the window should hide it instead: the manager wants that and there
    /// is a tray to get it back from.
    pub fn keeps_in_tray(&self) -> bool {
        self.choice().keep_in_tray && self.has_tray()
    }

    /// Applies and keeps `choice`: start at login is switched in the system first, so a
    /// refusal there changes nothing.
    pub fn set(
        &self,
        app: &AppHandle<R>,
        choice: DesktopChoice,
    ) -> Result<DesktopView, CommandError> {
        let before = self.choice();
        if choice.autostart != before.autostart {
            let manager = app.autolaunch();
            let switched = if choice.autostart {
                manager.enable()
            } else {
                manager.disable()
            };
            if let Err(err) = switched {
                tracing::warn!(%err, on = choice.autostart, "start at login not switched");
                return Err(autostart_error(err.to_string()));
            }
        }
        crate::window_state::write_json(&self.path, &choice)?;
        *self.choice.lock().unwrap_or_else(PoisonError::into_inner) = choice;
        Ok(self.view())
    }

    /// Puts the icon in the tray when the desktop has one; without, the desk lives in its
    /// window as before.
    pub fn start_tray(&self, app: &AppHandle<R>) {
        if !tray_host_libraries() {
            tracing::info!(
                "no tray on this desktop (no AppIndicator library): the window is the desk"
            );
            return;
        }
        match build_tray(app) {
            Ok(parts) => {
                *self.tray.lock().unwrap_or_else(PoisonError::into_inner) = Some(parts);
                self.relabel();
            }
            Err(err) => tracing::warn!(%err, "the tray icon could not be made"),
        }
    }

    pub fn lang(&self) -> Lang {
        *self.lang.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn set_lang(&self, lang: Lang) {
        *self.lang.lock().unwrap_or_else(PoisonError::into_inner) = lang;
        self.relabel();
    }

    /// The overdue orders now: on the icon (its label and tooltip) and in the menu.
    pub fn set_overdue(&self, count: u32) {
        let mut overdue = self.overdue.lock().unwrap_or_else(PoisonError::into_inner);
        if *overdue == count {
            return;
        }
        *overdue = count;
        drop(overdue);
        self.relabel();
    }

    fn relabel(&self) {
        let lang = *self.lang.lock().unwrap_or_else(PoisonError::into_inner);
        let count = *self.overdue.lock().unwrap_or_else(PoisonError::into_inner);
        let tray = self.tray.lock().unwrap_or_else(PoisonError::into_inner);
        let Some(parts) = tray.as_ref() else {
            return;
        };
        let words = Words::of(lang, count);
        let results = [
            parts.open.set_text(words.open),
            parts.overdue.set_text(&words.overdue),
            parts.quit.set_text(words.quit),
            parts.icon.set_tooltip(Some(&words.tooltip)),
            // Shown beside the icon where the tray shows labels (AppIndicator).
            parts
                .icon
                .set_title((count > 0).then(|| count.to_string()).as_deref()),
        ];
        for result in results {
            if let Err(err) = result {
                tracing::warn!(%err, "the tray's words were not changed");
            }
        }
    }
}

/// The tray's words in the window's language.
#[derive(Debug, PartialEq, Eq)]
pub struct Words {
    pub open: &'static str,
    pub overdue: String,
    pub quit: &'static str,
    pub tooltip: String,
}

impl Words {
    pub fn of(lang: Lang, overdue: u32) -> Self {
        let counted = alerts::overdue_count(u64::from(overdue), lang);
        match lang {
            Lang::Ru => Words {
                open: "Открыть OrderDesk",
                overdue: if overdue == 0 {
                    "Просроченных заказов нет".into()
                } else {
                    counted
                },
                quit: "Выйти из OrderDesk",
                tooltip: if overdue == 0 {
                    "OrderDesk".into()
                } else {
                    format!("OrderDesk — просрочено: {overdue}")
                },
            },
            Lang::En => Words {
                open: "Open OrderDesk",
                overdue: if overdue == 0 {
                    "No overdue orders".into()
                } else {
                    counted
                },
                quit: "Quit OrderDesk",
                tooltip: if overdue == 0 {
                    "OrderDesk".into()
                } else {
                    format!("OrderDesk — overdue: {overdue}")
                },
            },
        }
    }
}

fn build_tray<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<TrayParts<R>> {
    let words = Words::of(Lang::Ru, 0);
    let open = MenuItem::with_id(app, "open", words.open, true, None::<&str>)?;
    let overdue = MenuItem::with_id(app, "overdue", &words.overdue, true, None::<&str>)?;
    let quit = MenuItem::with_id(app, "quit", words.quit, true, None::<&str>)?;
    let line = PredefinedMenuItem::separator(app)?;
    let menu = Menu::with_items(app, &[&open, &overdue, &line, &quit])?;
    let mut builder = TrayIconBuilder::with_id("main")
        .menu(&menu)
        .tooltip(&words.tooltip)
        .show_menu_on_left_click(false)
        .on_menu_event(|app, event| match event.id().as_ref() {
            // The overdue orders are the problem queue's: the window shows them.
            "open" | "overdue" => crate::links::arrived(app, None),
            "quit" => app.exit(0),
            _ => {}
        })
        .on_tray_icon_event(|icon, event| {
            if let TrayIconEvent::Click {
                button: MouseButton::Left,
                button_state: MouseButtonState::Up,
                ..
            } = event
            {
                crate::links::arrived(icon.app_handle(), None);
            }
        });
    if let Some(icon) = app.default_window_icon() {
        builder = builder.icon(icon.clone());
    }
    let icon = builder.build(app)?;
    Ok(TrayParts {
        icon,
        open,
        overdue,
        quit,
    })
}

/// Linux shows tray icons through AppIndicator, which Tauri loads when the icon is made and
/// cannot do without: a desktop without the library gets no icon rather than a crash.
#[cfg(target_os = "linux")]
fn tray_host_libraries() -> bool {
    const NAMES: [&str; 2] = ["libayatana-appindicator3.so.1", "libappindicator3.so.1"];
    const DIRS: [&str; 6] = [
        "/usr/lib/x86_64-linux-gnu",
        "/usr/lib/aarch64-linux-gnu",
        "/usr/lib64",
        "/usr/lib",
        "/lib/x86_64-linux-gnu",
        "/usr/local/lib",
    ];
    DIRS.iter()
        .flat_map(|dir| NAMES.iter().map(move |name| Path::new(dir).join(name)))
        .any(|path| path.exists())
}

#[cfg(not(target_os = "linux"))]
fn tray_host_libraries() -> bool {
    true
}

fn autostart_error(detail: String) -> CommandError {
    let reason = ErrorReason::Autostart { detail };
    let mut err = CommandError::new(ErrorCode::Internal, reason.wording(Lang::Ru));
    err.reason = Some(Box::new(reason));
    err
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_overdue_count_is_worded_as_a_russian_office_says_it() {
        assert_eq!(Words::of(Lang::Ru, 0).overdue, "Просроченных заказов нет");
        assert_eq!(Words::of(Lang::Ru, 1).overdue, "Просрочен 1 заказ");
        assert_eq!(Words::of(Lang::Ru, 3).overdue, "Просрочено 3 заказа");
        assert_eq!(Words::of(Lang::Ru, 11).overdue, "Просрочено 11 заказов");
        assert_eq!(Words::of(Lang::Ru, 21).overdue, "Просрочен 21 заказ");
        assert_eq!(Words::of(Lang::En, 1).overdue, "1 order is overdue");
        assert_eq!(Words::of(Lang::En, 0).tooltip, "OrderDesk");
        assert_eq!(Words::of(Lang::Ru, 7).tooltip, "OrderDesk — просрочено: 7");
    }

    #[test]
    fn a_choice_is_kept_and_a_damaged_file_gives_the_defaults() {
        let dir = tempfile::tempdir().expect("dir");
        let fresh: Desktop<tauri::Wry> = Desktop::load(dir.path());
        assert_eq!(fresh.choice(), DesktopChoice::default());
        assert!(
            fresh.choice().keep_in_tray,
            "a new PC keeps the desk in the tray"
        );
        let chosen = DesktopChoice {
            keep_in_tray: false,
            autostart: false,
        };
        let text = serde_json::to_vec(&chosen).expect("json");
        crate::window_state::write_atomically(&dir.path().join(FILE), &text).expect("written");
        let again: Desktop<tauri::Wry> = Desktop::load(dir.path());
        assert_eq!(again.choice(), chosen);
        std::fs::write(dir.path().join(FILE), b"{\"keepInTray\": tru").expect("junk");
        let damaged: Desktop<tauri::Wry> = Desktop::load(dir.path());
        assert_eq!(damaged.choice(), DesktopChoice::default());
        assert!(
            !damaged.keeps_in_tray(),
            "no tray made: a closed window closes"
        );
    }
}
