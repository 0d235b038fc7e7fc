//! Orders with their lines exported to a CSV or XLSX file for a period.

use proto::cmd;
use tauri::State;

use super::{blocking, labels::papers_dir, Answer};
use crate::AppState;

/// Without a path the file goes where papers are saved.
#[tauri::command]
pub async fn export_orders(
    state: State<'_, AppState>,
    app: tauri::AppHandle,
    args: cmd::ExportOrders,
) -> Answer<cmd::ExportOrders> {
    let cmd::ExportOrders { export } = args;
    let dir = papers_dir(&state, &app)?;
    blocking(&state, move |d, now| d.export_orders(export, &dir, now)).await
}
