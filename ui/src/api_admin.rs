//! Typed wrappers over the papers and settings commands.

use proto::display::rules::InputLimitsView;
use proto::{
    CommandError, DeliveryPaymentView, DocKind, PaperWarning, PrintOutcome, Requisites,
    WorkflowEditInput, WorkflowSettings,
};
use serde::Serialize;

use crate::api::{call, NoArgs};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Papers<'a> {
    order_ids: &'a [String],
    kind: DocKind,
    /// Whom a route sheet is made out to.
    courier: Option<&'a str>,
}

/// The paper's pages as image URLs.
pub async fn preview_paper(
    order_ids: &[String],
    kind: DocKind,
    courier: Option<&str>,
) -> Result<Vec<String>, CommandError> {
    call(
        "preview_paper",
        &Papers {
            order_ids,
            kind,
            courier,
        },
    )
    .await
}

pub async fn save_paper(
    order_ids: &[String],
    kind: DocKind,
    courier: Option<&str>,
) -> Result<String, CommandError> {
    call(
        "save_paper",
        &Papers {
            order_ids,
            kind,
            courier,
        },
    )
    .await
}

pub async fn print_paper(
    order_ids: &[String],
    kind: DocKind,
    courier: Option<&str>,
    printer: Option<String>,
    copies: u32,
) -> Result<PrintOutcome, CommandError> {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Args<'a> {
        order_ids: &'a [String],
        kind: DocKind,
        courier: Option<&'a str>,
        printer: Option<String>,
        copies: u32,
    }
    let a = Args {
        order_ids,
        kind,
        courier,
        printer,
        copies,
    };
    call("print_paper", &a).await
}

/// Warnings to show with the paper of these orders (a waybill dated outside the forms this
/// version knows), as codes the window words.
pub async fn paper_warnings(
    order_ids: &[String],
    kind: DocKind,
) -> Result<Vec<PaperWarning>, CommandError> {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Args<'a> {
        order_ids: &'a [String],
        kind: DocKind,
    }
    call("paper_warnings", &Args { order_ids, kind }).await
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

pub async fn time_zone() -> Result<String, CommandError> {
    call("time_zone", &NoArgs {}).await
}

pub async fn set_time_zone(name: String) -> Result<String, CommandError> {
    #[derive(Serialize)]
    struct Args {
        name: String,
    }
    call("set_time_zone", &Args { name }).await
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LabelsPrint<'a> {
    order_id: &'a str,
    printer: Option<String>,
    copies: u32,
}

/// The marketplace's package labels of the order, printed as they came.
pub async fn order_labels_print(
    order_id: &str,
    printer: Option<String>,
    copies: u32,
) -> Result<PrintOutcome, CommandError> {
    let a = LabelsPrint {
        order_id,
        printer,
        copies,
    };
    call("order_labels_print", &a).await
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LabelsSave<'a> {
    order_id: &'a str,
}

/// The marketplace's package labels saved beside the papers; the file's path.
pub async fn order_labels_save(order_id: &str) -> Result<String, CommandError> {
    call("order_labels_save", &LabelsSave { order_id }).await
}

pub async fn delivery_payment() -> Result<DeliveryPaymentView, CommandError> {
    call("delivery_payment", &NoArgs {}).await
}

pub async fn set_delivery_payment(
    setting: DeliveryPaymentView,
) -> Result<DeliveryPaymentView, CommandError> {
    #[derive(Serialize)]
    struct Args {
        setting: DeliveryPaymentView,
    }
    call("set_delivery_payment", &Args { setting }).await
}

pub async fn input_limits() -> Result<InputLimitsView, CommandError> {
    call("input_limits", &NoArgs {}).await
}

pub async fn set_input_limits(limits: InputLimitsView) -> Result<InputLimitsView, CommandError> {
    #[derive(Serialize)]
    struct Args {
        limits: InputLimitsView,
    }
    call("set_input_limits", &Args { limits }).await
}
