//! The desktop shell: opens the shop database, registers the commands, shows the window.
//! Everything the commands do is in the `desk` crate.

mod commands;
mod launch;
mod shop;
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
        .setup(move |app| {
            let data_dir = match &launch.data_dir {
                Some(dir) => dir.clone(),
                None => app.path().app_data_dir()?,
            };
            tracing::info!(data_dir = %data_dir.display(), "opening the shop");
            // A database that cannot be opened leaves the desk closed and the window on the
            // recovery screen, which says why and offers the latest good copy.
            let shop = shop::Shop::open(data_dir.clone(), launch.clone());
            app.manage(AppState {
                shop: Arc::new(shop),
                launch: launch.clone(),
            });
            window_state::keep(app, &data_dir);
            if let Some(window) = app.get_webview_window("main") {
                window_state::restore(&window, &data_dir);
            }
            Ok(())
        })
        .on_window_event(|window, event| {
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
            // Let the sync loop finish its round, so the last answer from the hub is kept.
            if let tauri::RunEvent::Exit = event {
                // The window's last move or resize may still be settling: write it now.
                if let Some(keeper) = app.try_state::<window_state::Keeper>() {
                    keeper.flush();
                }
                if let Some(state) = app.try_state::<AppState>() {
                    state.shop.stop();
                }
            }
        }),
        Err(err) => {
            eprintln!("OrderDesk could not start: {err}");
            std::process::exit(1);
        }
    }
}
