//! The administrator's settings: the workflow editor, the shop's time zone.

use super::desk_commands;

desk_commands! {
    workflow_settings: WorkflowSettings {} => |d, now| d.workflow_settings(now);
    edit_workflow: EditWorkflow { edit } => |d, now| d.edit_workflow(edit, now);
    time_zone: TimeZone {} => |d, _| d.time_zone();
    set_time_zone: SetTimeZone { name } => |d, _| d.set_time_zone(&name);
    input_limits: InputLimits {} => |d, _| d.input_limits();
    set_input_limits: SetInputLimits { limits } => |d, now| d.set_input_limits(limits, now);
    /// «Доставка и оплата»: the methods a phone order may be taken with and the tariffs.
    delivery_payment: DeliveryPayment {} => |d, _| d.delivery_payment();
    set_delivery_payment: SetDeliveryPayment { setting } =>
        |d, now| d.set_delivery_payment(setting, now);
}
