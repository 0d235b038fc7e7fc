//! The desktop shell: opens the shop database, registers the commands, shows the window.
//! Everything the commands do is in the `desk` crate.

mod commands;
mod desktop;
mod launch;
mod links;
mod shop;
mod updates;
mod watch;
mod window_state;

use std::sync::Arc;

use tauri::Manager;

pub use launch::Launch;

/// Shared state of the running desk.
pub struct AppState {
    /// The open desk, or why its database could not be opened (the recovery window).
    pub shop: Arc<shop::Shop>,
    pub launch: Launch,
}

impl AppState {
    /// The open desk; `desk_closed` while it is not (the commands' own reply, see shop.rs).
    #[allow(clippy::result_large_err)]
    pub fn desk(&self) -> Result<Arc<desk::Desk>, proto::CommandError> {
        self.shop.desk()
    }
}

pub fn run() {
    let launch = Launch::from_env();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();

    let result = tauri::Builder::default()
        // First, so a second launch hands over its link and exits before anything opens.
        .plugin(links::one_desk(launch.data_dir.as_deref()))
        // Managed before the plugin can call back with a link.
        .manage(links::Pending::new(launch.link.clone()))
        // Start at login (a choice in Настройки → Этот компьютер), into the tray.
        .plugin(
            tauri_plugin_autostart::Builder::new()
                .app_name("OrderDesk")
                .arg(desktop::HIDDEN_ARG)
                .build(),
        )
        // Updates of the desk: the source and the trusted key are set per check (updates.rs).
        .plugin(tauri_plugin_updater::Builder::new().build())
        .setup(move |app| {
            let data_dir = match &launch.data_dir {
                Some(dir) => dir.clone(),
                None => app.path().app_data_dir()?,
            };
            tracing::info!(data_dir = %data_dir.display(), "opening the shop");
            app.manage(desktop::Desktop::<tauri::Wry>::load(&data_dir));
            app.manage(updates::Updates::load(&data_dir));
            let tray = app.state::<desktop::Desktop<tauri::Wry>>();
            tray.start_tray(app.handle());
            // A database that cannot be opened leaves the desk closed and the window on the
            // recovery screen, which says why and offers the latest good copy.
            let shop = shop::Shop::open(data_dir.clone(), launch.clone(), hooks(app.handle()));
            app.manage(AppState {
                shop: Arc::new(shop),
                launch: launch.clone(),
            });
            window_state::keep(app, &data_dir);
            if let Some(window) = app.get_webview_window("main") {
                // Started at login: the desk waits in the tray, if there is one.
                let show = !(launch.hidden && tray.keeps_in_tray());
                window_state::restore(&window, &data_dir, show);
            }
            Ok(())
        })
        .on_window_event(|window, event| {
            // Closed, the window hides into the tray and the desk goes on (alerts, sync).
            if let tauri::WindowEvent::CloseRequested { api, .. } = event {
                let tray = window.try_state::<desktop::Desktop<tauri::Wry>>();
                if tray.is_some_and(|t| t.keeps_in_tray()) {
                    api.prevent_close();
                    if let Err(err) = window.hide() {
                        tracing::warn!(%err, "the window did not hide into the tray");
                    }
                }
            }
            if matches!(
                event,
                tauri::WindowEvent::Resized(_) | tauri::WindowEvent::Moved(_)
            ) {
                if let Some(keeper) = window.try_state::<window_state::Keeper>() {
                    keeper.record(window);
                }
            }
        })
        // The handler is made by build.rs from proto::cmd, the one list of commands.
        .invoke_handler(include!(concat!(env!("OUT_DIR"), "/invoke_handler.rs")))
        .build(tauri::generate_context!());
    match result {
        Ok(app) => app.run(|app, event| {
            // macOS hands a clicked link to the running app as an event, not as arguments.
            #[cfg(target_os = "macos")]
            if let tauri::RunEvent::Opened { urls } = &event {
                let link = urls
                    .iter()
                    .map(|u| u.to_string())
                    .find(|u| desk::links::is_link(u));
                links::arrived(app, link);
            }
            if let tauri::RunEvent::Exit = event {
                close_shop(app);
            }
        }),
        Err(err) => {
            eprintln!("OrderDesk could not start: {err}");
            std::process::exit(1);
        }
    }
}

/// What every exit does: the window's last move or resize (it may still be settling) is
/// written, and the sync loop finishes its round, so the last answer from the hub is kept.
fn close_shop<R: tauri::Runtime>(app: &tauri::AppHandle<R>) {
    if let Some(keeper) = app.try_state::<window_state::Keeper>() {
        keeper.flush();
    }
    if let Some(state) = app.try_state::<AppState>() {
        state.shop.stop();
    }
}

/// An exit for an update's restart, which does not go through the event loop's exit: the
/// shop closed as above, and the plugins' own clean-up (the single-instance lock released,
/// so the new version does not hand its start to this one).
pub(crate) fn close_for_restart<R: tauri::Runtime>(app: &tauri::AppHandle<R>) {
    close_shop(app);
    app.cleanup_before_exit();
}

/// What the background jobs tell the window and the tray: a click on an alert opens its
/// order through the same path as a link; the overdue count goes to the tray; the alerts
/// speak the window's language.
fn hooks(app: &tauri::AppHandle) -> watch::Hooks {
    let (clicked, counted, spoken) = (app.clone(), app.clone(), app.clone());
    watch::Hooks {
        alert_click: Arc::new(move |number: &str| {
            links::arrived(&clicked, Some(format!("orderdesk://order/{number}")));
        }),
        overdue: Arc::new(move |count| {
            if let Some(tray) = counted.try_state::<desktop::Desktop<tauri::Wry>>() {
                tray.set_overdue(count);
            }
        }),
        lang: Arc::new(move || {
            spoken
                .try_state::<desktop::Desktop<tauri::Wry>>()
                .map_or(proto::display::Lang::Ru, |t| t.lang())
        }),
    }
}
