//! Working in a team: the sync indicator, joining a hub, notes synced last-writer-wins.

use proto::sync::SyncState;
use proto::{OrderDetail, User};
use tauri::State;

use super::{blocking, Reply};
use crate::AppState;

#[tauri::command]
pub async fn sync_state(state: State<'_, AppState>) -> Reply<SyncState> {
    blocking(&state, |d, _| d.sync_state()).await
}

#[tauri::command]
pub async fn join_team(state: State<'_, AppState>, url: String, token: String) -> Reply<User> {
    blocking(&state, move |d, _| d.join_team(&url, &token)).await
}

#[tauri::command]
pub async fn set_comment(
    state: State<'_, AppState>,
    order_id: String,
    comment: Option<String>,
) -> Reply<OrderDetail> {
    blocking(&state, move |d, now| d.set_comment(&order_id, comment, now)).await
}

/// The packages the goods were packed into, for the transport waybill; `None` clears it.
#[tauri::command]
pub async fn set_places(
    state: State<'_, AppState>,
    order_id: String,
    places: Option<u32>,
) -> Reply<OrderDetail> {
    blocking(&state, move |d, now| d.set_places(&order_id, places, now)).await
}
