//! Typed wrappers over the customers commands.

use proto::{CommandError, CustomerCard, CustomerInput, CustomerSummary};
use serde::Serialize;

use crate::api::call;

pub async fn customers(text: String) -> Result<Vec<CustomerSummary>, CommandError> {
    #[derive(Serialize)]
    struct Args {
        text: String,
    }
    call("customers", &Args { text }).await
}

pub async fn customer(key: String) -> Result<CustomerCard, CommandError> {
    #[derive(Serialize)]
    struct Args {
        key: String,
    }
    call("customer", &Args { key }).await
}

pub async fn merge_customers(into: String, from: String) -> Result<CustomerCard, CommandError> {
    #[derive(Serialize)]
    struct Args {
        into: String,
        from: String,
    }
    call("merge_customers", &Args { into, from }).await
}

pub async fn keep_customers_apart(
    key: String,
    other: String,
) -> Result<CustomerCard, CommandError> {
    #[derive(Serialize)]
    struct Args {
        key: String,
        other: String,
    }
    call("keep_customers_apart", &Args { key, other }).await
}

pub async fn split_customer(key: String) -> Result<CustomerCard, CommandError> {
    #[derive(Serialize)]
    struct Args {
        key: String,
    }
    call("split_customer", &Args { key }).await
}

pub async fn save_customer(customer: CustomerInput) -> Result<CustomerCard, CommandError> {
    #[derive(Serialize)]
    struct Args {
        customer: CustomerInput,
    }
    call("save_customer", &Args { customer }).await
}
