//! Commands that change an order: each is one operation, recorded with its effect.

use proto::cmd;
use tauri::State;

use super::{blocking, Answer};
use crate::AppState;

#[tauri::command]
pub async fn create_order(
    state: State<'_, AppState>,
    args: cmd::CreateOrder,
) -> Answer<cmd::CreateOrder> {
    let cmd::CreateOrder { order } = args;
    blocking(&state, move |d, now| d.create_order(order, now)).await
}

#[tauri::command]
pub async fn edit_lines(
    state: State<'_, AppState>,
    args: cmd::EditLines,
) -> Answer<cmd::EditLines> {
    let cmd::EditLines { order_id, edits } = args;
    blocking(&state, move |d, now| d.edit_lines(&order_id, edits, now)).await
}

#[tauri::command]
pub async fn set_order_discount(
    state: State<'_, AppState>,
    args: cmd::SetOrderDiscount,
) -> Answer<cmd::SetOrderDiscount> {
    let cmd::SetOrderDiscount { order_id, discount } = args;
    blocking(&state, move |d, now| {
        d.set_order_discount(&order_id, discount, now)
    })
    .await
}

#[tauri::command]
pub async fn change_delivery(
    state: State<'_, AppState>,
    args: cmd::ChangeDelivery,
) -> Answer<cmd::ChangeDelivery> {
    let cmd::ChangeDelivery { order_id, change } = args;
    blocking(&state, move |d, now| {
        d.change_delivery(&order_id, change, now)
    })
    .await
}

#[tauri::command]
pub async fn record_payment(
    state: State<'_, AppState>,
    args: cmd::RecordPayment,
) -> Answer<cmd::RecordPayment> {
    let cmd::RecordPayment { order_id, payment } = args;
    blocking(&state, move |d, now| {
        d.record_payment(&order_id, payment, now)
    })
    .await
}

/// Corrects, voids or refunds a payment, with the reason the history keeps.
#[tauri::command]
pub async fn fix_payment(
    state: State<'_, AppState>,
    args: cmd::FixPayment,
) -> Answer<cmd::FixPayment> {
    let cmd::FixPayment { order_id, fix } = args;
    blocking(&state, move |d, now| d.fix_payment(&order_id, fix, now)).await
}

#[tauri::command]
pub async fn log_call(state: State<'_, AppState>, args: cmd::LogCall) -> Answer<cmd::LogCall> {
    let cmd::LogCall { order_id, call } = args;
    blocking(&state, move |d, now| d.log_call(&order_id, call, now)).await
}

#[tauri::command]
pub async fn move_order(
    state: State<'_, AppState>,
    args: cmd::MoveOrder,
) -> Answer<cmd::MoveOrder> {
    let cmd::MoveOrder { order_id, stage_id } = args;
    blocking(&state, move |d, now| d.move_to(&order_id, &stage_id, now)).await
}

#[tauri::command]
pub async fn cancel_order(
    state: State<'_, AppState>,
    args: cmd::CancelOrder,
) -> Answer<cmd::CancelOrder> {
    let cmd::CancelOrder { order_id, reason } = args;
    blocking(&state, move |d, now| d.cancel(&order_id, reason, now)).await
}

#[tauri::command]
pub async fn publish_version(
    state: State<'_, AppState>,
    args: cmd::PublishVersion,
) -> Answer<cmd::PublishVersion> {
    let cmd::PublishVersion { order_id, version } = args;
    blocking(&state, move |d, now| {
        d.publish_version(&order_id, version, now)
    })
    .await
}

/// A short note on a version; empty removes it.
#[tauri::command]
pub async fn note_version(
    state: State<'_, AppState>,
    args: cmd::NoteVersion,
) -> Answer<cmd::NoteVersion> {
    let cmd::NoteVersion {
        order_id,
        version,
        note,
    } = args;
    blocking(&state, move |d, now| {
        d.note_version(&order_id, version, note, now)
    })
    .await
}

#[tauri::command]
pub async fn confirm_version(
    state: State<'_, AppState>,
    args: cmd::ConfirmVersion,
) -> Answer<cmd::ConfirmVersion> {
    let cmd::ConfirmVersion { order_id, version } = args;
    blocking(&state, move |d, now| {
        d.confirm_version(&order_id, version, now)
    })
    .await
}
