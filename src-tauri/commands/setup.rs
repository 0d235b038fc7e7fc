//! The first run: the demo, a shop of its own step by step (joining a team is `join_team`).

use proto::cmd;
use tauri::State;

use super::{blocking, Answer};
use crate::AppState;

#[tauri::command]
pub async fn shop_setup(state: State<'_, AppState>) -> Answer<cmd::ShopSetup> {
    blocking(&state, |d, _| d.shop_setup()).await
}

#[tauri::command]
pub async fn open_demo_shop(state: State<'_, AppState>) -> Answer<cmd::OpenDemoShop> {
    blocking(&state, |d, now| d.open_demo_shop(now)).await
}

#[tauri::command]
pub async fn start_own_shop(
    state: State<'_, AppState>,
    args: cmd::StartOwnShop,
) -> Answer<cmd::StartOwnShop> {
    let cmd::StartOwnShop { name } = args;
    blocking(&state, move |d, now| d.start_own_shop(&name, now)).await
}

#[tauri::command]
pub async fn finish_requisites_step(
    state: State<'_, AppState>,
) -> Answer<cmd::FinishRequisitesStep> {
    blocking(&state, |d, now| d.finish_requisites_step(now)).await
}

#[tauri::command]
pub async fn finish_methods_step(state: State<'_, AppState>) -> Answer<cmd::FinishMethodsStep> {
    blocking(&state, |d, now| d.finish_methods_step(now)).await
}

#[tauri::command]
pub async fn workflow_templates(state: State<'_, AppState>) -> Answer<cmd::WorkflowTemplates> {
    blocking(&state, |d, _| Ok(d.workflow_templates())).await
}

#[tauri::command]
pub async fn choose_workflow_template(
    state: State<'_, AppState>,
    args: cmd::ChooseWorkflowTemplate,
) -> Answer<cmd::ChooseWorkflowTemplate> {
    let cmd::ChooseWorkflowTemplate { template } = args;
    blocking(&state, move |d, now| {
        d.choose_workflow_template(template, now)
    })
    .await
}

#[tauri::command]
pub async fn set_first_admin(
    state: State<'_, AppState>,
    args: cmd::SetFirstAdmin,
) -> Answer<cmd::SetFirstAdmin> {
    let cmd::SetFirstAdmin { name, pin } = args;
    blocking(&state, move |d, now| d.set_first_admin(&name, &pin, now)).await
}
