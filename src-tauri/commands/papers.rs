//! Papers: preview, save as PDF, print; the shop's requisites and invoice numbering.

use proto::cmd;
use tauri::State;

use super::{blocking, desk_commands, Answer};
use crate::AppState;

desk_commands! {
    /// The paper's pages as image URLs for the preview pane.
    preview_paper: PreviewPaper { order_ids, kind, courier } =>
        |d, now| d.preview_pages(&order_ids, kind, courier.as_deref(), now);
    print_paper: PrintPaper { order_ids, kind, courier, printer, copies } =>
        |d, now| d.print_paper(&order_ids, kind, courier.as_deref(), printer, copies, now);
    /// What the manager should know before handing the paper over: a transport waybill whose
    /// date is outside the forms this version knows, as codes the window words.
    paper_warnings: PaperWarnings { order_ids, kind } =>
        |d, now| d.paper_warnings(&order_ids, kind, now);
    printers: Printers {} => |d, _| d.printers();
    requisites: Requisites {} => |d, _| d.requisites();
    save_requisites: SaveRequisites { requisites } => |d, now| d.set_requisites(requisites, now);
    invoice_prefix: InvoicePrefix {} => |d, _| d.invoice_prefix();
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
    let dir = super::labels::papers_dir(&state, &app)?;
    blocking(&state, move |d, now| {
        d.save_documents(&order_ids, kind, courier.as_deref(), &dir, now)
    })
    .await
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
