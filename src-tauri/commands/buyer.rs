//! The order's buyer: a private person or a company with its requisites.

use super::desk_commands;

desk_commands! {
    /// `company: null` bills the customer as a private person.
    set_buyer: SetBuyer { order_id, company } => |d, now| d.set_buyer(&order_id, company, now);
}
