//! Typed wrappers over the papers and settings commands.

use proto::display::rules::InputLimitsView;
use proto::{
    cmd, CommandError, DeliveryPaymentView, DocKind, PaperWarning, PrintOutcome, Requisites,
    WorkflowEditInput, WorkflowSettings,
};

use crate::api::call;

/// The paper's pages as image URLs.
pub async fn preview_paper(
    order_ids: &[String],
    kind: DocKind,
    courier: Option<&str>,
) -> Result<Vec<String>, CommandError> {
    call(&cmd::PreviewPaper {
        order_ids: order_ids.to_vec(),
        kind,
        courier: courier.map(str::to_owned),
    })
    .await
}

pub async fn save_paper(
    order_ids: &[String],
    kind: DocKind,
    courier: Option<&str>,
) -> Result<String, CommandError> {
    call(&cmd::SavePaper {
        order_ids: order_ids.to_vec(),
        kind,
        courier: courier.map(str::to_owned),
    })
    .await
}

pub async fn print_paper(
    order_ids: &[String],
    kind: DocKind,
    courier: Option<&str>,
    printer: Option<String>,
    copies: u32,
) -> Result<PrintOutcome, CommandError> {
    call(&cmd::PrintPaper {
        order_ids: order_ids.to_vec(),
        kind,
        courier: courier.map(str::to_owned),
        printer,
        copies,
    })
    .await
}

/// Warnings to show with the paper of these orders (a waybill dated outside the forms this
/// version knows), as codes the window words.
pub async fn paper_warnings(
    order_ids: &[String],
    kind: DocKind,
) -> Result<Vec<PaperWarning>, CommandError> {
    call(&cmd::PaperWarnings {
        order_ids: order_ids.to_vec(),
        kind,
    })
    .await
}

pub async fn printers() -> Result<Vec<String>, CommandError> {
    call(&cmd::Printers {}).await
}

pub async fn requisites() -> Result<Option<Requisites>, CommandError> {
    call(&cmd::Requisites {}).await
}

pub async fn save_requisites(requisites: Requisites) -> Result<Requisites, CommandError> {
    call(&cmd::SaveRequisites { requisites }).await
}

pub async fn invoice_prefix() -> Result<String, CommandError> {
    call(&cmd::InvoicePrefix {}).await
}

pub async fn set_invoice_prefix(prefix: String) -> Result<String, CommandError> {
    call(&cmd::SetInvoicePrefix { prefix }).await
}

pub async fn workflow_settings() -> Result<WorkflowSettings, CommandError> {
    call(&cmd::WorkflowSettings {}).await
}

pub async fn edit_workflow(edit: WorkflowEditInput) -> Result<WorkflowSettings, CommandError> {
    call(&cmd::EditWorkflow { edit }).await
}

pub async fn time_zone() -> Result<String, CommandError> {
    call(&cmd::TimeZone {}).await
}

pub async fn set_time_zone(name: String) -> Result<String, CommandError> {
    call(&cmd::SetTimeZone { name }).await
}

/// The marketplace's package labels of the order, printed as they came.
pub async fn order_labels_print(
    order_id: &str,
    printer: Option<String>,
    copies: u32,
) -> Result<PrintOutcome, CommandError> {
    call(&cmd::OrderLabelsPrint {
        order_id: order_id.to_owned(),
        printer,
        copies,
    })
    .await
}

/// The marketplace's package labels saved beside the papers; the file's path.
pub async fn order_labels_save(order_id: &str) -> Result<String, CommandError> {
    call(&cmd::OrderLabelsSave {
        order_id: order_id.to_owned(),
    })
    .await
}

pub async fn delivery_payment() -> Result<DeliveryPaymentView, CommandError> {
    call(&cmd::DeliveryPayment {}).await
}

pub async fn set_delivery_payment(
    setting: DeliveryPaymentView,
) -> Result<DeliveryPaymentView, CommandError> {
    call(&cmd::SetDeliveryPayment { setting }).await
}

pub async fn input_limits() -> Result<InputLimitsView, CommandError> {
    call(&cmd::InputLimits {}).await
}

pub async fn set_input_limits(limits: InputLimitsView) -> Result<InputLimitsView, CommandError> {
    call(&cmd::SetInputLimits { limits }).await
}
