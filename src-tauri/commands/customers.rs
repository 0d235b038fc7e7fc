//! The customers screen: the register searched, a card, a manager's correction, and the
//! manager's answer to a suggested merge.

use proto::{CustomerCard, CustomerInput, CustomerSummary};
use tauri::State;

use super::{blocking, Reply};
use crate::AppState;

#[tauri::command]
pub async fn customers(state: State<'_, AppState>, text: String) -> Reply<Vec<CustomerSummary>> {
    blocking(&state, move |d, _| d.customers(&text)).await
}

#[tauri::command]
pub async fn customer(state: State<'_, AppState>, key: String) -> Reply<CustomerCard> {
    blocking(&state, move |d, now| d.customer(&key, now)).await
}

#[tauri::command]
pub async fn save_customer(
    state: State<'_, AppState>,
    customer: CustomerInput,
) -> Reply<CustomerCard> {
    blocking(&state, move |d, now| d.save_customer(customer, now)).await
}

#[tauri::command]
pub async fn merge_customers(
    state: State<'_, AppState>,
    into: String,
    from: String,
) -> Reply<CustomerCard> {
    blocking(&state, move |d, now| d.merge_customers(&into, &from, now)).await
}

#[tauri::command]
pub async fn keep_customers_apart(
    state: State<'_, AppState>,
    key: String,
    other: String,
) -> Reply<CustomerCard> {
    blocking(&state, move |d, now| {
        d.keep_customers_apart(&key, &other, now)
    })
    .await
}

#[tauri::command]
pub async fn split_customer(state: State<'_, AppState>, key: String) -> Reply<CustomerCard> {
    blocking(&state, move |d, now| d.split_customer(&key, now)).await
}
