//! Typed wrappers over the Tauri commands. A failed command comes back as `Err` carrying the
//! backend's `{code, message}`; nothing here panics on a bad reply.

use proto::cmd::{self, Command};
use proto::{
    CommandError, DeliveryChange, Discount, ErrorCode, HistoryEntry, LineEdit, NewCall, NewOrder,
    NewPayment, OrderDetail, OrderRow, ProductView, QueueQuery, QueueView, User, VersionDiff,
    VersionSummary,
};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    // `catch` turns a rejected promise (or a missing `window.__TAURI__`) into `Err`.
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "core"], catch)]
    async fn invoke(cmd: &str, args: JsValue) -> Result<JsValue, JsValue>;
}

/// Invokes command `C` with `args` and reads its answer. The arguments travel as the one Tauri
/// argument `args`, the type the desk's handler takes (`proto::cmd`).
pub(crate) async fn call<C: Command>(args: &C) -> Result<C::Output, CommandError> {
    #[derive(Serialize)]
    struct Invoke<'a, C> {
        args: &'a C,
    }
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let payload = Invoke { args }
        .serialize(&serializer)
        .map_err(|e| CommandError::new(ErrorCode::Internal, e.to_string()))?;
    match invoke(C::NAME, payload).await {
        Ok(value) => serde_wasm_bindgen::from_value(value)
            .map_err(|e| CommandError::new(ErrorCode::Internal, format!("{}: {e}", C::NAME))),
        Err(err) => Err(to_command_error(err)),
    }
}

fn to_command_error(err: JsValue) -> CommandError {
    if let Ok(parsed) = serde_wasm_bindgen::from_value::<CommandError>(err.clone()) {
        return parsed;
    }
    let text = err
        .as_string()
        .or_else(|| {
            js_sys::JSON::stringify(&err)
                .ok()
                .and_then(|s| s.as_string())
        })
        .unwrap_or_else(|| "unknown error".to_owned());
    CommandError::new(ErrorCode::Internal, text)
}

pub async fn queue() -> Result<QueueView, CommandError> {
    call(&cmd::Queue {}).await
}

pub async fn order_detail(order_id: &str) -> Result<OrderDetail, CommandError> {
    call(&cmd::OrderDetail {
        order_id: order_id.to_owned(),
    })
    .await
}

pub async fn advance_order(order_id: &str) -> Result<OrderDetail, CommandError> {
    call(&cmd::AdvanceOrder {
        order_id: order_id.to_owned(),
    })
    .await
}

pub async fn ui_rendered() -> Result<(), CommandError> {
    call(&cmd::UiRendered {}).await
}

pub async fn orders(query: QueueQuery) -> Result<Vec<OrderRow>, CommandError> {
    call(&cmd::Orders { query }).await
}

pub async fn count_orders(query: QueueQuery) -> Result<u64, CommandError> {
    call(&cmd::CountOrders { query }).await
}

pub async fn search_orders(text: &str) -> Result<Vec<OrderRow>, CommandError> {
    call(&cmd::SearchOrders {
        text: text.to_owned(),
    })
    .await
}

pub async fn products() -> Result<Vec<ProductView>, CommandError> {
    call(&cmd::Products {}).await
}

pub async fn order_versions(order_id: &str) -> Result<Vec<VersionSummary>, CommandError> {
    call(&cmd::OrderVersions {
        order_id: order_id.to_owned(),
    })
    .await
}

pub async fn diff_versions(
    order_id: &str,
    from: i64,
    to: i64,
) -> Result<VersionDiff, CommandError> {
    call(&cmd::DiffVersions {
        order_id: order_id.to_owned(),
        from,
        to,
    })
    .await
}

pub async fn order_history(order_id: &str) -> Result<Vec<HistoryEntry>, CommandError> {
    call(&cmd::OrderHistory {
        order_id: order_id.to_owned(),
    })
    .await
}

pub async fn current_user() -> Result<User, CommandError> {
    call(&cmd::CurrentUser {}).await
}

pub async fn create_order(order: NewOrder) -> Result<OrderDetail, CommandError> {
    call(&cmd::CreateOrder { order }).await
}

pub async fn edit_lines(order_id: &str, edits: Vec<LineEdit>) -> Result<OrderDetail, CommandError> {
    call(&cmd::EditLines {
        order_id: order_id.to_owned(),
        edits,
    })
    .await
}

pub async fn set_order_discount(
    order_id: &str,
    discount: Discount,
) -> Result<OrderDetail, CommandError> {
    call(&cmd::SetOrderDiscount {
        order_id: order_id.to_owned(),
        discount,
    })
    .await
}

pub async fn change_delivery(
    order_id: &str,
    change: DeliveryChange,
) -> Result<OrderDetail, CommandError> {
    call(&cmd::ChangeDelivery {
        order_id: order_id.to_owned(),
        change,
    })
    .await
}

pub async fn record_payment(
    order_id: &str,
    payment: NewPayment,
) -> Result<OrderDetail, CommandError> {
    call(&cmd::RecordPayment {
        order_id: order_id.to_owned(),
        payment,
    })
    .await
}

/// Corrects, voids or refunds a payment (with its reason).
pub async fn fix_payment(
    order_id: &str,
    fix: proto::PaymentFix,
) -> Result<OrderDetail, CommandError> {
    call(&cmd::FixPayment {
        order_id: order_id.to_owned(),
        fix,
    })
    .await
}

pub async fn log_call(order_id: &str, call_entry: NewCall) -> Result<OrderDetail, CommandError> {
    call(&cmd::LogCall {
        order_id: order_id.to_owned(),
        call: call_entry,
    })
    .await
}

pub async fn move_order(order_id: &str, stage_id: &str) -> Result<OrderDetail, CommandError> {
    call(&cmd::MoveOrder {
        order_id: order_id.to_owned(),
        stage_id: stage_id.to_owned(),
    })
    .await
}

pub async fn cancel_order(
    order_id: &str,
    reason: Option<String>,
) -> Result<OrderDetail, CommandError> {
    call(&cmd::CancelOrder {
        order_id: order_id.to_owned(),
        reason,
    })
    .await
}

pub async fn publish_version(order_id: &str, version: i64) -> Result<OrderDetail, CommandError> {
    call(&cmd::PublishVersion {
        order_id: order_id.to_owned(),
        version,
    })
    .await
}

pub async fn confirm_version(order_id: &str, version: i64) -> Result<OrderDetail, CommandError> {
    call(&cmd::ConfirmVersion {
        order_id: order_id.to_owned(),
        version,
    })
    .await
}

/// A short note on a version; `None` removes it.
pub async fn note_version(
    order_id: &str,
    version: i64,
    note: Option<String>,
) -> Result<OrderDetail, CommandError> {
    call(&cmd::NoteVersion {
        order_id: order_id.to_owned(),
        version,
        note,
    })
    .await
}

pub async fn clock_now() -> Result<i64, CommandError> {
    call(&cmd::ClockNow {}).await
}

/// Grows whenever orders change, here or from a channel or the hub.
pub async fn data_revision() -> Result<i64, CommandError> {
    call(&cmd::DataRevision {}).await
}
