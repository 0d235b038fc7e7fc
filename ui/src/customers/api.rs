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

pub async fn save_customer(customer: CustomerInput) -> Result<CustomerCard, CommandError> {
    #[derive(Serialize)]
    struct Args {
        customer: CustomerInput,
    }
    call("save_customer", &Args { customer }).await
}
