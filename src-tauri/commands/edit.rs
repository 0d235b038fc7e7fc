//! Commands that change an order: each is one operation, recorded with its effect.

use proto::{
    DeliveryChange, Discount, LineEdit, NewCall, NewOrder, NewPayment, OrderDetail, PaymentFix,
};
use tauri::State;

use super::{blocking, Reply};
use crate::AppState;

#[tauri::command]
pub async fn create_order(state: State<'_, AppState>, order: NewOrder) -> Reply<OrderDetail> {
    blocking(&state, move |d, now| d.create_order(order, now)).await
}

#[tauri::command]
pub async fn edit_lines(
    state: State<'_, AppState>,
    order_id: String,
    edits: Vec<LineEdit>,
) -> Reply<OrderDetail> {
    blocking(&state, move |d, now| d.edit_lines(&order_id, edits, now)).await
}

#[tauri::command]
pub async fn set_order_discount(
    state: State<'_, AppState>,
    order_id: String,
    discount: Discount,
) -> Reply<OrderDetail> {
    blocking(&state, move |d, now| {
        d.set_order_discount(&order_id, discount, now)
    })
    .await
}

#[tauri::command]
pub async fn change_delivery(
    state: State<'_, AppState>,
    order_id: String,
    change: DeliveryChange,
) -> Reply<OrderDetail> {
    blocking(&state, move |d, now| {
        d.change_delivery(&order_id, change, now)
    })
    .await
}

#[tauri::command]
pub async fn record_payment(
    state: State<'_, AppState>,
    order_id: String,
    payment: NewPayment,
) -> Reply<OrderDetail> {
    blocking(&state, move |d, now| {
        d.record_payment(&order_id, payment, now)
    })
    .await
}

/// Corrects, voids or refunds a payment, with the reason the history keeps.
#[tauri::command]
pub async fn fix_payment(
    state: State<'_, AppState>,
    order_id: String,
    fix: PaymentFix,
) -> Reply<OrderDetail> {
    blocking(&state, move |d, now| d.fix_payment(&order_id, fix, now)).await
}

#[tauri::command]
pub async fn log_call(
    state: State<'_, AppState>,
    order_id: String,
    call: NewCall,
) -> Reply<OrderDetail> {
    blocking(&state, move |d, now| d.log_call(&order_id, call, now)).await
}

#[tauri::command]
pub async fn move_order(
    state: State<'_, AppState>,
    order_id: String,
    stage_id: String,
) -> Reply<OrderDetail> {
    blocking(&state, move |d, now| d.move_to(&order_id, &stage_id, now)).await
}

#[tauri::command]
pub async fn cancel_order(
    state: State<'_, AppState>,
    order_id: String,
    reason: Option<String>,
) -> Reply<OrderDetail> {
    blocking(&state, move |d, now| d.cancel(&order_id, reason, now)).await
}

#[tauri::command]
pub async fn publish_version(
    state: State<'_, AppState>,
    order_id: String,
    version: i64,
) -> Reply<OrderDetail> {
    blocking(&state, move |d, now| {
        d.publish_version(&order_id, version, now)
    })
    .await
}

/// A short note on a version; empty removes it.
#[tauri::command]
pub async fn note_version(
    state: State<'_, AppState>,
    order_id: String,
    version: i64,
    note: Option<String>,
) -> Reply<OrderDetail> {
    blocking(&state, move |d, now| {
        d.note_version(&order_id, version, note, now)
    })
    .await
}

#[tauri::command]
pub async fn confirm_version(
    state: State<'_, AppState>,
    order_id: String,
    version: i64,
) -> Reply<OrderDetail> {
    blocking(&state, move |d, now| {
        d.confirm_version(&order_id, version, now)
    })
    .await
}
