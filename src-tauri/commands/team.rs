//! Working in a team: the sync indicator, joining a hub, notes synced last-writer-wins.

use proto::cmd;
use tauri::State;

use super::{blocking, Answer};
use crate::AppState;

#[tauri::command]
pub async fn sync_state(state: State<'_, AppState>) -> Answer<cmd::SyncState> {
    blocking(&state, |d, _| d.sync_state()).await
}

#[tauri::command]
pub async fn join_team(state: State<'_, AppState>, args: cmd::JoinTeam) -> Answer<cmd::JoinTeam> {
    let cmd::JoinTeam { url, token } = args;
    blocking(&state, move |d, _| d.join_team(&url, &token)).await
}

#[tauri::command]
pub async fn set_comment(
    state: State<'_, AppState>,
    args: cmd::SetComment,
) -> Answer<cmd::SetComment> {
    let cmd::SetComment { order_id, comment } = args;
    blocking(&state, move |d, now| d.set_comment(&order_id, comment, now)).await
}

/// The packages the goods were packed into, for the transport waybill; `None` clears it.
#[tauri::command]
pub async fn set_places(
    state: State<'_, AppState>,
    args: cmd::SetPlaces,
) -> Answer<cmd::SetPlaces> {
    let cmd::SetPlaces { order_id, places } = args;
    blocking(&state, move |d, now| d.set_places(&order_id, places, now)).await
}
