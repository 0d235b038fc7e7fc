//! Typed wrappers over the papers and settings commands.

use proto::{
    CommandError, DocKind, ErrorCode, PrintOutcome, Requisites, WorkflowEditInput, WorkflowSettings,
};
use serde::Serialize;
use wasm_bindgen::JsValue;

use crate::api::{call, invoke, to_command_error, NoArgs};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Papers<'a> {
    order_ids: &'a [String],
    kind: DocKind,
}

fn args<T: Serialize>(value: &T) -> Result<JsValue, CommandError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| CommandError::new(ErrorCode::Internal, e.to_string()))
}

/// The paper as a `blob:` URL of a PDF, for the preview frame; the caller revokes it.
pub async fn preview_paper(order_ids: &[String], kind: DocKind) -> Result<String, CommandError> {
    let reply = invoke("preview_paper", args(&Papers { order_ids, kind })?)
        .await
        .map_err(to_command_error)?;
    // The command answers with raw bytes: an ArrayBuffer, not JSON.
    let bytes = js_sys::Uint8Array::new(&reply);
    let parts = js_sys::Array::of1(&bytes);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/pdf");
    let fail = |e: JsValue| to_command_error(e);
    let blob =
        web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(fail)?;
    web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)
}

pub async fn save_paper(order_ids: &[String], kind: DocKind) -> Result<String, CommandError> {
    call("save_paper", &Papers { order_ids, kind }).await
}

pub async fn print_paper(
    order_ids: &[String],
    kind: DocKind,
    printer: Option<String>,
    copies: u32,
) -> Result<PrintOutcome, CommandError> {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Args<'a> {
        order_ids: &'a [String],
        kind: DocKind,
        printer: Option<String>,
        copies: u32,
    }
    let a = Args {
        order_ids,
        kind,
        printer,
        copies,
    };
    call("print_paper", &a).await
}

pub async fn printers() -> Result<Vec<String>, CommandError> {
    call("printers", &NoArgs {}).await
}

pub async fn requisites() -> Result<Option<Requisites>, CommandError> {
    call("requisites", &NoArgs {}).await
}

pub async fn save_requisites(requisites: Requisites) -> Result<Requisites, CommandError> {
    #[derive(Serialize)]
    struct Args {
        requisites: Requisites,
    }
    call("save_requisites", &Args { requisites }).await
}

pub async fn invoice_prefix() -> Result<String, CommandError> {
    call("invoice_prefix", &NoArgs {}).await
}

pub async fn set_invoice_prefix(prefix: String) -> Result<String, CommandError> {
    #[derive(Serialize)]
    struct Args {
        prefix: String,
    }
    call("set_invoice_prefix", &Args { prefix }).await
}

pub async fn workflow_settings() -> Result<WorkflowSettings, CommandError> {
    call("workflow_settings", &NoArgs {}).await
}

pub async fn edit_workflow(edit: WorkflowEditInput) -> Result<WorkflowSettings, CommandError> {
    #[derive(Serialize)]
    struct Args {
        edit: WorkflowEditInput,
    }
    call("edit_workflow", &Args { edit }).await
}
