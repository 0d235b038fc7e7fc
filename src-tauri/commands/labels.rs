//! Marketplace package labels: downloaded on the async runtime (network), then printed or
//! saved on the blocking pool like the papers.

use proto::{cmd, CommandError, ErrorCode};
use tauri::{Manager, State};

use super::{blocking, Answer};
use crate::AppState;

/// Where papers are saved: the configured folder, else «OrderDesk» in the user's documents.
pub(super) fn papers_dir(
    state: &AppState,
    app: &tauri::AppHandle,
) -> Result<std::path::PathBuf, CommandError> {
    match &state.launch.papers_dir {
        Some(dir) => Ok(dir.clone()),
        None => Ok(app
            .path()
            .document_dir()
            .or_else(|_| app.path().home_dir())
            .map_err(|e| {
                tracing::warn!(%e, "no documents or home folder for the papers");
                CommandError::new(ErrorCode::Storage, e.to_string())
            })?
            .join("OrderDesk")),
    }
}

#[tauri::command]
pub async fn order_labels_print(
    state: State<'_, AppState>,
    args: cmd::OrderLabelsPrint,
) -> Answer<cmd::OrderLabelsPrint> {
    let cmd::OrderLabelsPrint {
        order_id,
        printer,
        copies,
    } = args;
    let pdf = state.desk()?.order_labels(&order_id).await?;
    blocking(&state, move |d, now| {
        d.print_order_labels(&order_id, &pdf, printer, copies, now)
    })
    .await
}

#[tauri::command]
pub async fn order_labels_save(
    state: State<'_, AppState>,
    app: tauri::AppHandle,
    args: cmd::OrderLabelsSave,
) -> Answer<cmd::OrderLabelsSave> {
    let cmd::OrderLabelsSave { order_id } = args;
    let dir = papers_dir(&state, &app)?;
    let pdf = state.desk()?.order_labels(&order_id).await?;
    blocking(&state, move |d, _| {
        d.save_order_labels(&order_id, &pdf, &dir)
    })
    .await
}
