//! Typed wrappers over the Tauri commands. A failed command comes back as `Err` carrying the
//! backend's `{code, message}`; nothing here panics on a bad reply.

use proto::{CommandError, ErrorCode, OrderDetail, OrderRow, QueueView};
use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    // `catch` turns a rejected promise (or a missing `window.__TAURI__`) into `Err`.
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "core"], catch)]
    async fn invoke(cmd: &str, args: JsValue) -> Result<JsValue, JsValue>;
}

async fn call<A: Serialize, R: DeserializeOwned>(cmd: &str, args: &A) -> Result<R, CommandError> {
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
struct NoArgs {}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct StageArgs<'a> {
    stage_id: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct OrderArgs<'a> {
    order_id: &'a str,
}

pub async fn queue() -> Result<QueueView, CommandError> {
    call("queue", &NoArgs {}).await
}

pub async fn stage_orders(stage_id: &str) -> Result<Vec<OrderRow>, CommandError> {
    call("stage_orders", &StageArgs { stage_id }).await
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
