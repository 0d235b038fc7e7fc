//! The first run: the demo, a shop of its own step by step (joining a team is `join_team`).

use super::desk_commands;

desk_commands! {
    shop_setup: ShopSetup {} => |d, _| d.shop_setup();
    open_demo_shop: OpenDemoShop {} => |d, now| d.open_demo_shop(now);
    start_own_shop: StartOwnShop { name } => |d, now| d.start_own_shop(&name, now);
    finish_requisites_step: FinishRequisitesStep {} => |d, now| d.finish_requisites_step(now);
    finish_methods_step: FinishMethodsStep {} => |d, now| d.finish_methods_step(now);
    workflow_templates: WorkflowTemplates {} => |d, _| Ok(d.workflow_templates());
    choose_workflow_template: ChooseWorkflowTemplate { template } =>
        |d, now| d.choose_workflow_template(template, now);
    set_first_admin: SetFirstAdmin { name, pin } => |d, now| d.set_first_admin(&name, &pin, now);
}
