//! The customers screen: the register searched, a card, a manager's correction, and the
//! manager's answer to a suggested merge.

use proto::cmd;
use tauri::State;

use super::{blocking, Answer};
use crate::AppState;

#[tauri::command]
pub async fn customers(state: State<'_, AppState>, args: cmd::Customers) -> Answer<cmd::Customers> {
    let cmd::Customers { text } = args;
    blocking(&state, move |d, _| d.customers(&text)).await
}

#[tauri::command]
pub async fn customer(state: State<'_, AppState>, args: cmd::Customer) -> Answer<cmd::Customer> {
    let cmd::Customer { key } = args;
    blocking(&state, move |d, now| d.customer(&key, now)).await
}

#[tauri::command]
pub async fn save_customer(
    state: State<'_, AppState>,
    args: cmd::SaveCustomer,
) -> Answer<cmd::SaveCustomer> {
    let cmd::SaveCustomer { customer } = args;
    blocking(&state, move |d, now| d.save_customer(customer, now)).await
}

#[tauri::command]
pub async fn merge_customers(
    state: State<'_, AppState>,
    args: cmd::MergeCustomers,
) -> Answer<cmd::MergeCustomers> {
    let cmd::MergeCustomers { into, from } = args;
    blocking(&state, move |d, now| d.merge_customers(&into, &from, now)).await
}

#[tauri::command]
pub async fn keep_customers_apart(
    state: State<'_, AppState>,
    args: cmd::KeepCustomersApart,
) -> Answer<cmd::KeepCustomersApart> {
    let cmd::KeepCustomersApart { key, other } = args;
    blocking(&state, move |d, now| {
        d.keep_customers_apart(&key, &other, now)
    })
    .await
}

#[tauri::command]
pub async fn split_customer(
    state: State<'_, AppState>,
    args: cmd::SplitCustomer,
) -> Answer<cmd::SplitCustomer> {
    let cmd::SplitCustomer { key } = args;
    blocking(&state, move |d, now| d.split_customer(&key, now)).await
}
