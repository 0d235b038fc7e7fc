//! Typed wrappers over the first-run commands.

use proto::{cmd, CommandError, ShopSetupView, WorkflowTemplate, WorkflowTemplateView};

use crate::api::call;

pub async fn shop_setup() -> Result<ShopSetupView, CommandError> {
    call(&cmd::ShopSetup {}).await
}

pub async fn open_demo_shop() -> Result<ShopSetupView, CommandError> {
    call(&cmd::OpenDemoShop {}).await
}

pub async fn start_own_shop(name: String) -> Result<ShopSetupView, CommandError> {
    call(&cmd::StartOwnShop { name }).await
}

pub async fn finish_requisites_step() -> Result<ShopSetupView, CommandError> {
    call(&cmd::FinishRequisitesStep {}).await
}

pub async fn finish_methods_step() -> Result<ShopSetupView, CommandError> {
    call(&cmd::FinishMethodsStep {}).await
}

pub async fn workflow_templates() -> Result<Vec<WorkflowTemplateView>, CommandError> {
    call(&cmd::WorkflowTemplates {}).await
}

pub async fn choose_workflow_template(
    template: WorkflowTemplate,
) -> Result<ShopSetupView, CommandError> {
    call(&cmd::ChooseWorkflowTemplate { template }).await
}

pub async fn set_first_admin(name: String, pin: String) -> Result<ShopSetupView, CommandError> {
    call(&cmd::SetFirstAdmin { name, pin }).await
}
