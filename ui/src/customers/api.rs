//! Typed wrappers over the customers commands.

use proto::{cmd, CommandError, CustomerCard, CustomerInput, CustomerSummary};

use crate::api::call;

pub async fn customers(text: String) -> Result<Vec<CustomerSummary>, CommandError> {
    call(&cmd::Customers { text }).await
}

pub async fn customer(key: String) -> Result<CustomerCard, CommandError> {
    call(&cmd::Customer { key }).await
}

pub async fn merge_customers(into: String, from: String) -> Result<CustomerCard, CommandError> {
    call(&cmd::MergeCustomers { into, from }).await
}

pub async fn keep_customers_apart(
    key: String,
    other: String,
) -> Result<CustomerCard, CommandError> {
    call(&cmd::KeepCustomersApart { key, other }).await
}

pub async fn split_customer(key: String) -> Result<CustomerCard, CommandError> {
    call(&cmd::SplitCustomer { key }).await
}

pub async fn save_customer(customer: CustomerInput) -> Result<CustomerCard, CommandError> {
    call(&cmd::SaveCustomer { customer }).await
}
