//! Commands that change an order: each is one operation, recorded with its effect.

use super::desk_commands;

desk_commands! {
    create_order: CreateOrder { order } => |d, now| d.create_order(order, now);
    edit_lines: EditLines { order_id, edits } => |d, now| d.edit_lines(&order_id, edits, now);
    set_order_discount: SetOrderDiscount { order_id, discount } =>
        |d, now| d.set_order_discount(&order_id, discount, now);
    change_delivery: ChangeDelivery { order_id, change } =>
        |d, now| d.change_delivery(&order_id, change, now);
    record_payment: RecordPayment { order_id, payment } =>
        |d, now| d.record_payment(&order_id, payment, now);
    /// Corrects, voids or refunds a payment, with the reason the history keeps.
    fix_payment: FixPayment { order_id, fix } => |d, now| d.fix_payment(&order_id, fix, now);
    log_call: LogCall { order_id, call } => |d, now| d.log_call(&order_id, call, now);
    move_order: MoveOrder { order_id, stage_id } => |d, now| d.move_to(&order_id, &stage_id, now);
    cancel_order: CancelOrder { order_id, reason } => |d, now| d.cancel(&order_id, reason, now);
    publish_version: PublishVersion { order_id, version } =>
        |d, now| d.publish_version(&order_id, version, now);
    /// A short note on a version; empty removes it.
    note_version: NoteVersion { order_id, version, note } =>
        |d, now| d.note_version(&order_id, version, note, now);
    confirm_version: ConfirmVersion { order_id, version } =>
        |d, now| d.confirm_version(&order_id, version, now);
}
