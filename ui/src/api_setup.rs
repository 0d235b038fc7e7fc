//! Typed wrappers over the first-run commands.

use proto::{CommandError, ShopSetupView, WorkflowTemplate, WorkflowTemplateView};
use serde::Serialize;

use crate::api::{call, NoArgs};

#[derive(Serialize)]
struct Name {
    name: String,
}

pub async fn shop_setup() -> Result<ShopSetupView, CommandError> {
    call("shop_setup", &NoArgs {}).await
}

pub async fn open_demo_shop() -> Result<ShopSetupView, CommandError> {
    call("open_demo_shop", &NoArgs {}).await
}

pub async fn start_own_shop(name: String) -> Result<ShopSetupView, CommandError> {
    call("start_own_shop", &Name { name }).await
}

pub async fn finish_requisites_step() -> Result<ShopSetupView, CommandError> {
    call("finish_requisites_step", &NoArgs {}).await
}

pub async fn finish_methods_step() -> Result<ShopSetupView, CommandError> {
    call("finish_methods_step", &NoArgs {}).await
}

pub async fn workflow_templates() -> Result<Vec<WorkflowTemplateView>, CommandError> {
    call("workflow_templates", &NoArgs {}).await
}

pub async fn choose_workflow_template(
    template: WorkflowTemplate,
) -> Result<ShopSetupView, CommandError> {
    #[derive(Serialize)]
    struct Args {
        template: WorkflowTemplate,
    }
    call("choose_workflow_template", &Args { template }).await
}

pub async fn set_first_admin(name: String, pin: String) -> Result<ShopSetupView, CommandError> {
    #[derive(Serialize)]
    struct Args {
        name: String,
        pin: String,
    }
    call("set_first_admin", &Args { name, pin }).await
}
