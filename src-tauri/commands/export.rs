//! Orders with their lines exported to a CSV or XLSX file for a period.

use proto::{OrdersExport, OrdersExported};
use tauri::State;

use super::{blocking, labels::papers_dir, Reply};
use crate::AppState;

/// Without a path the file goes where papers are saved.
#[tauri::command]
pub async fn export_orders(
    state: State<'_, AppState>,
    app: tauri::AppHandle,
    export: OrdersExport,
) -> Reply<OrdersExported> {
    let dir = papers_dir(&state, &app)?;
    blocking(&state, move |d, now| d.export_orders(export, &dir, now)).await
}
