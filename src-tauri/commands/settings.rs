//! The administrator's settings: the workflow editor, the shop's time zone.

use proto::display::rules::InputLimitsView;
use proto::{DeliveryPaymentView, WorkflowEditInput, WorkflowSettings};
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

#[tauri::command]
pub async fn time_zone(state: State<'_, AppState>) -> Reply<String> {
    blocking(&state, |d, _| d.time_zone()).await
}

#[tauri::command]
pub async fn set_time_zone(state: State<'_, AppState>, name: String) -> Reply<String> {
    blocking(&state, move |d, _| d.set_time_zone(&name)).await
}

#[tauri::command]
pub async fn input_limits(state: State<'_, AppState>) -> Reply<InputLimitsView> {
    blocking(&state, |d, _| d.input_limits()).await
}

#[tauri::command]
pub async fn set_input_limits(
    state: State<'_, AppState>,
    limits: InputLimitsView,
) -> Reply<InputLimitsView> {
    blocking(&state, move |d, now| d.set_input_limits(limits, now)).await
}

/// «Доставка и оплата»: the methods a phone order may be taken with and the tariffs.
#[tauri::command]
pub async fn delivery_payment(state: State<'_, AppState>) -> Reply<DeliveryPaymentView> {
    blocking(&state, |d, _| d.delivery_payment()).await
}

#[tauri::command]
pub async fn set_delivery_payment(
    state: State<'_, AppState>,
    setting: DeliveryPaymentView,
) -> Reply<DeliveryPaymentView> {
    blocking(&state, move |d, now| d.set_delivery_payment(setting, now)).await
}
