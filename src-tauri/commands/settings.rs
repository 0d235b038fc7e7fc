//! The administrator's settings: the workflow editor, the shop's time zone.

use proto::cmd;
use tauri::State;

use super::{blocking, Answer};
use crate::AppState;

#[tauri::command]
pub async fn workflow_settings(state: State<'_, AppState>) -> Answer<cmd::WorkflowSettings> {
    blocking(&state, |d, now| d.workflow_settings(now)).await
}

#[tauri::command]
pub async fn edit_workflow(
    state: State<'_, AppState>,
    args: cmd::EditWorkflow,
) -> Answer<cmd::EditWorkflow> {
    let cmd::EditWorkflow { edit } = args;
    blocking(&state, move |d, now| d.edit_workflow(edit, now)).await
}

#[tauri::command]
pub async fn time_zone(state: State<'_, AppState>) -> Answer<cmd::TimeZone> {
    blocking(&state, |d, _| d.time_zone()).await
}

#[tauri::command]
pub async fn set_time_zone(
    state: State<'_, AppState>,
    args: cmd::SetTimeZone,
) -> Answer<cmd::SetTimeZone> {
    let cmd::SetTimeZone { name } = args;
    blocking(&state, move |d, _| d.set_time_zone(&name)).await
}

#[tauri::command]
pub async fn input_limits(state: State<'_, AppState>) -> Answer<cmd::InputLimits> {
    blocking(&state, |d, _| d.input_limits()).await
}

#[tauri::command]
pub async fn set_input_limits(
    state: State<'_, AppState>,
    args: cmd::SetInputLimits,
) -> Answer<cmd::SetInputLimits> {
    let cmd::SetInputLimits { limits } = args;
    blocking(&state, move |d, now| d.set_input_limits(limits, now)).await
}

/// «Доставка и оплата»: the methods a phone order may be taken with and the tariffs.
#[tauri::command]
pub async fn delivery_payment(state: State<'_, AppState>) -> Answer<cmd::DeliveryPayment> {
    blocking(&state, |d, _| d.delivery_payment()).await
}

#[tauri::command]
pub async fn set_delivery_payment(
    state: State<'_, AppState>,
    args: cmd::SetDeliveryPayment,
) -> Answer<cmd::SetDeliveryPayment> {
    let cmd::SetDeliveryPayment { setting } = args;
    blocking(&state, move |d, now| d.set_delivery_payment(setting, now)).await
}
