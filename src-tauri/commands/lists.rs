//! Reading commands: queues, search, versions, history, the product list.

use proto::cmd;
use tauri::State;

use super::{blocking, Answer};
use crate::AppState;

#[tauri::command]
pub async fn orders(state: State<'_, AppState>, args: cmd::Orders) -> Answer<cmd::Orders> {
    let cmd::Orders { query } = args;
    blocking(&state, move |d, now| d.orders(query, now)).await
}

#[tauri::command]
pub async fn count_orders(
    state: State<'_, AppState>,
    args: cmd::CountOrders,
) -> Answer<cmd::CountOrders> {
    let cmd::CountOrders { query } = args;
    blocking(&state, move |d, now| d.count_orders(query, now)).await
}

#[tauri::command]
pub async fn search_orders(
    state: State<'_, AppState>,
    args: cmd::SearchOrders,
) -> Answer<cmd::SearchOrders> {
    let cmd::SearchOrders { text } = args;
    blocking(&state, move |d, now| d.search(&text, now)).await
}

#[tauri::command]
pub async fn products(state: State<'_, AppState>) -> Answer<cmd::Products> {
    blocking(&state, |d, _| d.products()).await
}

/// The product picker's search as the manager types.
#[tauri::command]
pub async fn find_products(
    state: State<'_, AppState>,
    args: cmd::FindProducts,
) -> Answer<cmd::FindProducts> {
    let cmd::FindProducts { text, limit } = args;
    blocking(&state, move |d, _| d.find_products(&text, limit)).await
}

#[tauri::command]
pub async fn order_versions(
    state: State<'_, AppState>,
    args: cmd::OrderVersions,
) -> Answer<cmd::OrderVersions> {
    let cmd::OrderVersions { order_id } = args;
    blocking(&state, move |d, _| d.versions(&order_id)).await
}

#[tauri::command]
pub async fn diff_versions(
    state: State<'_, AppState>,
    args: cmd::DiffVersions,
) -> Answer<cmd::DiffVersions> {
    let cmd::DiffVersions { order_id, from, to } = args;
    blocking(&state, move |d, _| d.diff_versions(&order_id, from, to)).await
}

#[tauri::command]
pub async fn order_history(
    state: State<'_, AppState>,
    args: cmd::OrderHistory,
) -> Answer<cmd::OrderHistory> {
    let cmd::OrderHistory { order_id } = args;
    blocking(&state, move |d, _| d.history(&order_id)).await
}

#[tauri::command]
pub async fn current_user(state: State<'_, AppState>) -> Answer<cmd::CurrentUser> {
    blocking(&state, |d, _| Ok(d.user())).await
}
