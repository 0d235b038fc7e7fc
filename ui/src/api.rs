//! Typed wrappers over the Tauri commands. A failed command comes back as `Err` carrying the
//! backend's `{code, message}`; nothing here panics on a bad reply.

use proto::{
    CommandError, DeliveryChange, Discount, ErrorCode, HistoryEntry, LineEdit, NewCall, NewOrder,
    NewPayment, OrderDetail, OrderRow, ProductView, QueueQuery, QueueView, User, VersionDiff,
    VersionSummary,
};
use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    // `catch` turns a rejected promise (or a missing `window.__TAURI__`) into `Err`.
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "core"], catch)]
    async fn invoke(cmd: &str, args: JsValue) -> Result<JsValue, JsValue>;
}

pub(crate) async fn call<A: Serialize, R: DeserializeOwned>(
    cmd: &str,
    args: &A,
) -> Result<R, CommandError> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let args = args
        .serialize(&serializer)
        .map_err(|e| CommandError::new(ErrorCode::Internal, e.to_string()))?;
    match invoke(cmd, args).await {
        Ok(value) => serde_wasm_bindgen::from_value(value)
            .map_err(|e| CommandError::new(ErrorCode::Internal, format!("{cmd}: {e}"))),
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

#[derive(Serialize)]
pub(crate) struct NoArgs {}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct OrderArgs<'a> {
    order_id: &'a str,
}

pub async fn queue() -> Result<QueueView, CommandError> {
    call("queue", &NoArgs {}).await
}

pub async fn order_detail(order_id: &str) -> Result<OrderDetail, CommandError> {
    call("order_detail", &OrderArgs { order_id }).await
}

pub async fn advance_order(order_id: &str) -> Result<OrderDetail, CommandError> {
    call("advance_order", &OrderArgs { order_id }).await
}

pub async fn ui_rendered() -> Result<(), CommandError> {
    call("ui_rendered", &NoArgs {}).await
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct With<'a, T: Serialize> {
    order_id: &'a str,
    #[serde(flatten)]
    rest: T,
}

fn with<T: Serialize>(order_id: &str, rest: T) -> With<'_, T> {
    With { order_id, rest }
}

#[derive(Serialize)]
struct QueryArgs {
    query: QueueQuery,
}

#[derive(Serialize)]
struct TextArgs<'a> {
    text: &'a str,
}

pub async fn orders(query: QueueQuery) -> Result<Vec<OrderRow>, CommandError> {
    call("orders", &QueryArgs { query }).await
}

pub async fn count_orders(query: QueueQuery) -> Result<u64, CommandError> {
    call("count_orders", &QueryArgs { query }).await
}

pub async fn search_orders(text: &str) -> Result<Vec<OrderRow>, CommandError> {
    call("search_orders", &TextArgs { text }).await
}

pub async fn products() -> Result<Vec<ProductView>, CommandError> {
    call("products", &NoArgs {}).await
}

pub async fn order_versions(order_id: &str) -> Result<Vec<VersionSummary>, CommandError> {
    call("order_versions", &OrderArgs { order_id }).await
}

pub async fn diff_versions(
    order_id: &str,
    from: i64,
    to: i64,
) -> Result<VersionDiff, CommandError> {
    #[derive(Serialize)]
    struct Range {
        from: i64,
        to: i64,
    }
    call("diff_versions", &with(order_id, Range { from, to })).await
}

pub async fn order_history(order_id: &str) -> Result<Vec<HistoryEntry>, CommandError> {
    call("order_history", &OrderArgs { order_id }).await
}

pub async fn current_user() -> Result<User, CommandError> {
    call("current_user", &NoArgs {}).await
}

pub async fn create_order(order: NewOrder) -> Result<OrderDetail, CommandError> {
    #[derive(Serialize)]
    struct Args {
        order: NewOrder,
    }
    call("create_order", &Args { order }).await
}

pub async fn edit_lines(order_id: &str, edits: Vec<LineEdit>) -> Result<OrderDetail, CommandError> {
    #[derive(Serialize)]
    struct Args {
        edits: Vec<LineEdit>,
    }
    call("edit_lines", &with(order_id, Args { edits })).await
}

pub async fn set_order_discount(
    order_id: &str,
    discount: Discount,
) -> Result<OrderDetail, CommandError> {
    #[derive(Serialize)]
    struct Args {
        discount: Discount,
    }
    call("set_order_discount", &with(order_id, Args { discount })).await
}

pub async fn change_delivery(
    order_id: &str,
    change: DeliveryChange,
) -> Result<OrderDetail, CommandError> {
    #[derive(Serialize)]
    struct Args {
        change: DeliveryChange,
    }
    call("change_delivery", &with(order_id, Args { change })).await
}

pub async fn record_payment(
    order_id: &str,
    payment: NewPayment,
) -> Result<OrderDetail, CommandError> {
    #[derive(Serialize)]
    struct Args {
        payment: NewPayment,
    }
    call("record_payment", &with(order_id, Args { payment })).await
}

/// Corrects, voids or refunds a payment (with its reason).
pub async fn fix_payment(
    order_id: &str,
    fix: proto::PaymentFix,
) -> Result<OrderDetail, CommandError> {
    #[derive(Serialize)]
    struct Args {
        fix: proto::PaymentFix,
    }
    call("fix_payment", &with(order_id, Args { fix })).await
}

pub async fn log_call(order_id: &str, call_entry: NewCall) -> Result<OrderDetail, CommandError> {
    #[derive(Serialize)]
    struct Args {
        call: NewCall,
    }
    call("log_call", &with(order_id, Args { call: call_entry })).await
}

pub async fn move_order(order_id: &str, stage_id: &str) -> Result<OrderDetail, CommandError> {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Args<'a> {
        stage_id: &'a str,
    }
    call("move_order", &with(order_id, Args { stage_id })).await
}

pub async fn cancel_order(
    order_id: &str,
    reason: Option<String>,
) -> Result<OrderDetail, CommandError> {
    #[derive(Serialize)]
    struct Args {
        reason: Option<String>,
    }
    call("cancel_order", &with(order_id, Args { reason })).await
}

pub async fn publish_version(order_id: &str, version: i64) -> Result<OrderDetail, CommandError> {
    #[derive(Serialize)]
    struct Args {
        version: i64,
    }
    call("publish_version", &with(order_id, Args { version })).await
}

pub async fn confirm_version(order_id: &str, version: i64) -> Result<OrderDetail, CommandError> {
    #[derive(Serialize)]
    struct Args {
        version: i64,
    }
    call("confirm_version", &with(order_id, Args { version })).await
}

/// A short note on a version; `None` removes it.
pub async fn note_version(
    order_id: &str,
    version: i64,
    note: Option<String>,
) -> Result<OrderDetail, CommandError> {
    #[derive(Serialize)]
    struct Args {
        version: i64,
        note: Option<String>,
    }
    call("note_version", &with(order_id, Args { version, note })).await
}

pub async fn clock_now() -> Result<i64, CommandError> {
    call("clock_now", &NoArgs {}).await
}

/// Grows whenever orders change, here or from a channel or the hub.
pub async fn data_revision() -> Result<i64, CommandError> {
    call("data_revision", &NoArgs {}).await
}
