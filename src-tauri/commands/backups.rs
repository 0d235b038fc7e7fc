//! Copies of the shop's database (the backups screen, administrators only) and the recovery
//! window shown when the database could not be opened; the latter work without a desk.

// The closures return the commands' own replies (see shop.rs).
#![allow(clippy::result_large_err)]

use proto::{cmd, CommandError, ErrorCode};
use tauri::State;

use super::{desk_commands, Answer, Reply};
use crate::shop::Which;
use crate::AppState;

desk_commands! {
    backups: Backups {} => |d, _| d.backups_view();
    make_backup: MakeBackup {} => |d, now| d.make_backup(now);
    set_backup_settings: SetBackupSettings { settings } => |d, _| d.set_backup_settings(settings);
}
/// From the backups screen: the desk is closed, the copy put back, the desk opened on it.
#[tauri::command]
pub async fn restore_backup(
    state: State<'_, AppState>,
    args: cmd::RestoreBackup,
) -> Answer<cmd::RestoreBackup> {
    let cmd::RestoreBackup { name } = args;
    let shop = std::sync::Arc::clone(&state.shop);
    on_pool(move || shop.restore(Which::Named(name))).await
}

/// Works with the desk closed: `problem` is `None` while it is open.
#[tauri::command]
pub async fn recovery_state(state: State<'_, AppState>) -> Answer<cmd::RecoveryState> {
    let shop = std::sync::Arc::clone(&state.shop);
    on_pool(move || Ok(shop.recovery_view())).await
}

/// The recovery window's restore: the copy named, or the latest good one. Refused while the
/// desk is open (the backups screen checks who asks; this window has nobody to check).
#[tauri::command]
pub async fn recover(state: State<'_, AppState>, args: cmd::Recover) -> Answer<cmd::Recover> {
    let cmd::Recover { name } = args;
    let shop = std::sync::Arc::clone(&state.shop);
    on_pool(move || {
        if shop.desk().is_ok() {
            return Err(CommandError::new(
                ErrorCode::Forbidden,
                "База магазина открыта: копию восстанавливает администратор в настройках.",
            ));
        }
        shop.restore(name.map_or(Which::Latest, Which::Named))
    })
    .await
}

#[tauri::command]
pub async fn retry_open(state: State<'_, AppState>) -> Answer<cmd::RetryOpen> {
    let shop = std::sync::Arc::clone(&state.shop);
    on_pool(move || Ok(shop.retry())).await
}

/// «Выйти» in the recovery window.
#[tauri::command]
pub fn quit(app: tauri::AppHandle) {
    app.exit(0);
}

/// Files are copied and the database opened: never on the UI thread.
async fn on_pool<T, F>(f: F) -> Reply<T>
where
    T: Send + 'static,
    F: FnOnce() -> Reply<T> + Send + 'static,
{
    match tauri::async_runtime::spawn_blocking(f).await {
        Ok(result) => result,
        Err(err) => Err(CommandError::new(ErrorCode::Internal, err.to_string())),
    }
}
