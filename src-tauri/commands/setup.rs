//! The first run: the demo, a shop of its own step by step (joining a team is `join_team`).

use proto::{ShopSetupView, WorkflowTemplate, WorkflowTemplateView};
use tauri::State;

use super::{blocking, Reply};
use crate::AppState;

#[tauri::command]
pub async fn shop_setup(state: State<'_, AppState>) -> Reply<ShopSetupView> {
    blocking(&state, |d, _| d.shop_setup()).await
}

#[tauri::command]
pub async fn open_demo_shop(state: State<'_, AppState>) -> Reply<ShopSetupView> {
    blocking(&state, |d, now| d.open_demo_shop(now)).await
}

#[tauri::command]
pub async fn start_own_shop(state: State<'_, AppState>, name: String) -> Reply<ShopSetupView> {
    blocking(&state, move |d, now| d.start_own_shop(&name, now)).await
}

#[tauri::command]
pub async fn finish_requisites_step(state: State<'_, AppState>) -> Reply<ShopSetupView> {
    blocking(&state, |d, now| d.finish_requisites_step(now)).await
}

#[tauri::command]
pub async fn finish_methods_step(state: State<'_, AppState>) -> Reply<ShopSetupView> {
    blocking(&state, |d, now| d.finish_methods_step(now)).await
}

#[tauri::command]
pub async fn workflow_templates(state: State<'_, AppState>) -> Reply<Vec<WorkflowTemplateView>> {
    blocking(&state, |d, _| Ok(d.workflow_templates())).await
}

#[tauri::command]
pub async fn choose_workflow_template(
    state: State<'_, AppState>,
    template: WorkflowTemplate,
) -> Reply<ShopSetupView> {
    blocking(&state, move |d, now| {
        d.choose_workflow_template(template, now)
    })
    .await
}

#[tauri::command]
pub async fn set_first_admin(
    state: State<'_, AppState>,
    name: String,
    pin: String,
) -> Reply<ShopSetupView> {
    blocking(&state, move |d, now| d.set_first_admin(&name, &pin, now)).await
}
