//! Tauri commands: each converts its input, calls `desk`, and maps the error to
//! `{code, message}`. Desk calls touch SQLite, so they run on the blocking pool, never on the
//! UI thread.

mod backups;
mod buyer;
mod catalog;
mod channels;
mod customers;
mod delivery;
mod edit;
mod export;
mod labels;
mod lists;
mod market;
mod papers;
mod people;
mod settings;
mod setup;
mod team;

pub use backups::*;
pub use buyer::*;
pub use catalog::*;
pub use channels::*;
pub use customers::*;
pub use delivery::*;
pub use edit::*;
pub use export::*;
pub use labels::*;
pub use lists::*;
pub use market::*;
pub use papers::*;
pub use people::*;
pub use settings::*;
pub use setup::*;
pub use team::*;

use proto::{cmd, CommandError, ErrorCode};
use tauri::State;

use crate::AppState;

pub(crate) type Reply<T> = Result<T, CommandError>;

/// What command `C` answers, as `proto::cmd` declares it: a handler that returned anything
/// else would not build.
pub(crate) type Answer<C> = Reply<<C as proto::cmd::Command>::Output>;

pub(crate) async fn blocking<T, F>(state: &State<'_, AppState>, f: F) -> Reply<T>
where
    T: Send + 'static,
    F: FnOnce(&desk::Desk, jiff::Timestamp) -> Result<T, desk::DeskError> + Send + 'static,
{
    let desk = state.desk()?;
    let now = state.launch.now();
    match tauri::async_runtime::spawn_blocking(move || f(&desk, now)).await {
        Ok(result) => result.map_err(CommandError::from),
        Err(err) => Err(CommandError::new(ErrorCode::Internal, err.to_string())),
    }
}

#[tauri::command]
pub async fn queue(state: State<'_, AppState>) -> Answer<cmd::Queue> {
    blocking(&state, |desk, now| desk.queue(now)).await
}

#[tauri::command]
pub async fn order_detail(
    state: State<'_, AppState>,
    args: cmd::OrderDetail,
) -> Answer<cmd::OrderDetail> {
    let cmd::OrderDetail { order_id } = args;
    blocking(&state, move |desk, _| desk.order(&order_id)).await
}

#[tauri::command]
pub async fn advance_order(
    state: State<'_, AppState>,
    args: cmd::AdvanceOrder,
) -> Answer<cmd::AdvanceOrder> {
    let cmd::AdvanceOrder { order_id } = args;
    blocking(&state, move |desk, now| desk.advance(&order_id, now)).await
}

/// A number that grows whenever orders change, here or from a channel or the hub: the window
/// polls it and reads its lists again when it moved.
#[tauri::command]
pub async fn data_revision(state: State<'_, AppState>) -> Answer<cmd::DataRevision> {
    blocking(&state, |desk, _| desk.data_revision()).await
}

/// The desk's clock in Unix ms, so the UI's "time in stage" agrees with the desk's deadlines.
#[tauri::command]
pub fn clock_now(state: State<'_, AppState>) -> i64 {
    state.launch.now().as_millisecond()
}

/// The UI calls this once the first queue is on screen.
#[tauri::command]
pub fn ui_rendered(state: State<'_, AppState>, app: tauri::AppHandle) {
    let launch = &state.launch;
    let ms = launch.started.elapsed().as_secs_f64() * 1000.0;
    tracing::info!(ms, "queue rendered");
    if launch.exit_after_render {
        println!("ORDERDESK_RENDERED_MS={ms:.1}");
        app.exit(0);
    }
}
