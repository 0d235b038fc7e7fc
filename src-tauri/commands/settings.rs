//! The administrator's settings: the workflow editor.

use proto::{WorkflowEditInput, WorkflowSettings};
use tauri::State;

use super::{blocking, Reply};
use crate::AppState;

#[tauri::command]
pub async fn workflow_settings(state: State<'_, AppState>) -> Reply<WorkflowSettings> {
    blocking(&state, |d, now| d.workflow_settings(now)).await
}

#[tauri::command]
pub async fn edit_workflow(
    state: State<'_, AppState>,
    edit: WorkflowEditInput,
) -> Reply<WorkflowSettings> {
    blocking(&state, move |d, now| d.edit_workflow(edit, now)).await
}
