//! The order's buyer: a private person or a company with its requisites.

use proto::cmd;
use tauri::State;

use super::{blocking, Answer};
use crate::AppState;

/// `company: null` bills the customer as a private person.
#[tauri::command]
pub async fn set_buyer(state: State<'_, AppState>, args: cmd::SetBuyer) -> Answer<cmd::SetBuyer> {
    let cmd::SetBuyer { order_id, company } = args;
    blocking(&state, move |d, now| d.set_buyer(&order_id, company, now)).await
}
