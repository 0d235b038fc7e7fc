//! Papers: preview, save as PDF, print; the shop's requisites and invoice numbering.

use proto::{cmd, CommandError, ErrorCode};
use tauri::{Manager, State};

use super::{blocking, Answer};
use crate::AppState;

/// The paper's pages as image URLs for the preview pane.
#[tauri::command]
pub async fn preview_paper(
    state: State<'_, AppState>,
    args: cmd::PreviewPaper,
) -> Answer<cmd::PreviewPaper> {
    let cmd::PreviewPaper {
        order_ids,
        kind,
        courier,
    } = args;
    blocking(&state, move |d, now| {
        d.preview_pages(&order_ids, kind, courier.as_deref(), now)
    })
    .await
}

/// Saves the paper as a PDF in the user's documents, under «OrderDesk», and says where.
#[tauri::command]
pub async fn save_paper(
    state: State<'_, AppState>,
    app: tauri::AppHandle,
    args: cmd::SavePaper,
) -> Answer<cmd::SavePaper> {
    let cmd::SavePaper {
        order_ids,
        kind,
        courier,
    } = args;
    let dir = match &state.launch.papers_dir {
        Some(dir) => dir.clone(),
        None => app
            .path()
            .document_dir()
            .or_else(|_| app.path().home_dir())
            .map_err(|e| CommandError::new(ErrorCode::Storage, e.to_string()))?
            .join("OrderDesk"),
    };
    blocking(&state, move |d, now| {
        d.save_documents(&order_ids, kind, courier.as_deref(), &dir, now)
    })
    .await
}

#[tauri::command]
pub async fn print_paper(
    state: State<'_, AppState>,
    args: cmd::PrintPaper,
) -> Answer<cmd::PrintPaper> {
    let cmd::PrintPaper {
        order_ids,
        kind,
        courier,
        printer,
        copies,
    } = args;
    blocking(&state, move |d, now| {
        d.print_paper(&order_ids, kind, courier.as_deref(), printer, copies, now)
    })
    .await
}

/// What the manager should know before handing the paper over: a transport waybill whose
/// date is outside the forms this version knows, as codes the window words.
#[tauri::command]
pub async fn paper_warnings(
    state: State<'_, AppState>,
    args: cmd::PaperWarnings,
) -> Answer<cmd::PaperWarnings> {
    let cmd::PaperWarnings { order_ids, kind } = args;
    blocking(&state, move |d, now| {
        d.paper_warnings(&order_ids, kind, now)
    })
    .await
}

#[tauri::command]
pub async fn printers(state: State<'_, AppState>) -> Answer<cmd::Printers> {
    blocking(&state, |d, _| d.printers()).await
}

#[tauri::command]
pub async fn requisites(state: State<'_, AppState>) -> Answer<cmd::Requisites> {
    blocking(&state, |d, _| d.requisites()).await
}

#[tauri::command]
pub async fn save_requisites(
    state: State<'_, AppState>,
    args: cmd::SaveRequisites,
) -> Answer<cmd::SaveRequisites> {
    let cmd::SaveRequisites { requisites } = args;
    blocking(&state, move |d, now| d.set_requisites(requisites, now)).await
}

#[tauri::command]
pub async fn invoice_prefix(state: State<'_, AppState>) -> Answer<cmd::InvoicePrefix> {
    blocking(&state, |d, _| d.invoice_prefix()).await
}

#[tauri::command]
pub async fn set_invoice_prefix(
    state: State<'_, AppState>,
    args: cmd::SetInvoicePrefix,
) -> Answer<cmd::SetInvoicePrefix> {
    let cmd::SetInvoicePrefix { prefix } = args;
    blocking(&state, move |d, _| {
        d.set_invoice_prefix(&prefix)?;
        d.invoice_prefix()
    })
    .await
}
