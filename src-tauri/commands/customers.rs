//! The customers screen: the register searched, a card, a manager's correction, and the
//! manager's answer to a suggested merge.

use super::desk_commands;

desk_commands! {
    customers: Customers { text } => |d, _| d.customers(&text);
    customer: Customer { key } => |d, now| d.customer(&key, now);
    save_customer: SaveCustomer { customer } => |d, now| d.save_customer(customer, now);
    merge_customers: MergeCustomers { into, from } => |d, now| d.merge_customers(&into, &from, now);
    keep_customers_apart: KeepCustomersApart { key, other } =>
        |d, now| d.keep_customers_apart(&key, &other, now);
    split_customer: SplitCustomer { key } => |d, now| d.split_customer(&key, now);
}
