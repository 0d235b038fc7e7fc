//! The order's buyer: a private person or a company with its requisites.

use proto::{BuyerOutcome, CompanyBuyer};
use tauri::State;

use super::{blocking, Reply};
use crate::AppState;

/// `company: null` bills the customer as a private person.
#[tauri::command]
pub async fn set_buyer(
    state: State<'_, AppState>,
    order_id: String,
    company: Option<CompanyBuyer>,
) -> Reply<BuyerOutcome> {
    blocking(&state, move |d, now| d.set_buyer(&order_id, company, now)).await
}
