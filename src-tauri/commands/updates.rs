//! Updates of the desk itself (src-tauri/updates.rs): where from, check, install.

use tauri::State;

use super::Answer;
use crate::updates::Updates;
use crate::AppState;

/// The team hub's address, when the desk is open and in a team: its releases are the
/// default source.
fn hub(state: &State<'_, AppState>) -> Option<String> {
    let desk = state.desk().ok()?;
    desk.hub_address().unwrap_or_else(|err| {
        tracing::warn!(%err, "the hub's address could not be read");
        None
    })
}

#[tauri::command]
pub async fn update_settings(
    state: State<'_, AppState>,
    updates: State<'_, Updates>,
    app: tauri::AppHandle,
    args: proto::cmd::UpdateSettings,
) -> Answer<proto::cmd::UpdateSettings> {
    let proto::cmd::UpdateSettings {} = args;
    Ok(updates.view(&app, hub(&state).as_deref()).await)
}

#[tauri::command]
pub async fn set_update_source(
    state: State<'_, AppState>,
    updates: State<'_, Updates>,
    app: tauri::AppHandle,
    args: proto::cmd::SetUpdateSource,
) -> Answer<proto::cmd::SetUpdateSource> {
    updates
        .set_source(&app, hub(&state).as_deref(), &args.address)
        .await
}

#[tauri::command]
pub async fn check_update(
    state: State<'_, AppState>,
    updates: State<'_, Updates>,
    app: tauri::AppHandle,
    args: proto::cmd::CheckUpdate,
) -> Answer<proto::cmd::CheckUpdate> {
    let proto::cmd::CheckUpdate {} = args;
    updates.check(&app, hub(&state).as_deref()).await
}

/// Installs the version the last check offered and restarts the desk on it; the window asks
/// only when no typed work is waiting to be saved.
#[tauri::command]
pub async fn install_update(
    updates: State<'_, Updates>,
    app: tauri::AppHandle,
    args: proto::cmd::InstallUpdate,
) -> Answer<proto::cmd::InstallUpdate> {
    updates.install(&app, &args.version).await
}
