//! Reading commands: queues, search, versions, history, the product list.

use proto::{HistoryEntry, OrderRow, ProductView, QueueQuery, User, VersionDiff, VersionSummary};
use tauri::State;

use super::{blocking, Reply};
use crate::AppState;

#[tauri::command]
pub async fn orders(state: State<'_, AppState>, query: QueueQuery) -> Reply<Vec<OrderRow>> {
    blocking(&state, move |d, now| d.orders(query, now)).await
}

#[tauri::command]
pub async fn count_orders(state: State<'_, AppState>, query: QueueQuery) -> Reply<u64> {
    blocking(&state, move |d, now| d.count_orders(query, now)).await
}

#[tauri::command]
pub async fn search_orders(state: State<'_, AppState>, text: String) -> Reply<Vec<OrderRow>> {
    blocking(&state, move |d, now| d.search(&text, now)).await
}

#[tauri::command]
pub async fn products(state: State<'_, AppState>) -> Reply<Vec<ProductView>> {
    blocking(&state, |d, _| d.products()).await
}

/// The product picker's search as the manager types.
#[tauri::command]
pub async fn find_products(
    state: State<'_, AppState>,
    text: String,
    limit: u32,
) -> Reply<Vec<ProductView>> {
    blocking(&state, move |d, _| d.find_products(&text, limit)).await
}

#[tauri::command]
pub async fn order_versions(
    state: State<'_, AppState>,
    order_id: String,
) -> Reply<Vec<VersionSummary>> {
    blocking(&state, move |d, _| d.versions(&order_id)).await
}

#[tauri::command]
pub async fn diff_versions(
    state: State<'_, AppState>,
    order_id: String,
    from: i64,
    to: i64,
) -> Reply<VersionDiff> {
    blocking(&state, move |d, _| d.diff_versions(&order_id, from, to)).await
}

#[tauri::command]
pub async fn order_history(
    state: State<'_, AppState>,
    order_id: String,
) -> Reply<Vec<HistoryEntry>> {
    blocking(&state, move |d, _| d.history(&order_id)).await
}

#[tauri::command]
pub async fn current_user(state: State<'_, AppState>) -> Reply<User> {
    blocking(&state, |d, _| Ok(d.user())).await
}
