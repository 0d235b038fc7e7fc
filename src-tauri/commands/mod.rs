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
mod updates;

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
pub use updates::*;

use proto::{CommandError, ErrorCode};
use tauri::State;

use crate::AppState;

pub(crate) type Reply<T> = Result<T, CommandError>;

/// What command `C` answers, as `proto::cmd` declares it: a handler that returned anything
/// else would not build.
pub(crate) type Answer<C> = Reply<<C as proto::cmd::Command>::Output>;

/// Commands that are one desk call on the blocking pool, each written as
/// `name: Type { fields } => |desk, now| call;`: the handler takes `proto::cmd::Type`, takes
/// its fields apart and answers what the call returns (which must be `Type`'s answer).
macro_rules! desk_commands {
    ($(
        $(#[$doc:meta])*
        $name:ident: $ty:ident { $($field:ident),* } => |$d:ident, $now:pat_param| $body:expr;
    )*) => {
        $(
            $(#[$doc])*
            #[tauri::command]
            pub async fn $name(
                state: tauri::State<'_, crate::AppState>,
                args: proto::cmd::$ty,
            ) -> $crate::commands::Answer<proto::cmd::$ty> {
                let proto::cmd::$ty { $($field),* } = args;
                $crate::commands::blocking(&state, move |$d, $now| $body).await
            }
        )*
    };
}
pub(crate) use desk_commands;

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

desk_commands! {
    queue: Queue {} => |d, now| d.queue(now);
    order_detail: OrderDetail { order_id } => |d, _| d.order(&order_id);
    advance_order: AdvanceOrder { order_id } => |d, now| d.advance(&order_id, now);
    /// A number that grows whenever orders change, here or from a channel or the hub: the
    /// window polls it and reads its lists again when it moved.
    data_revision: DataRevision {} => |d, _| d.data_revision();
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

/// The link the desk was started or woken with, where it leads; `None` when there is none.
/// Taken once: the window asks at start and whenever the shell says a link came.
#[tauri::command]
pub async fn take_link(
    state: State<'_, AppState>,
    pending: State<'_, crate::links::Pending>,
    args: proto::cmd::TakeLink,
) -> Answer<proto::cmd::TakeLink> {
    let proto::cmd::TakeLink {} = args;
    let Some(link) = pending.take() else {
        return Ok(None);
    };
    blocking(&state, move |desk, now| {
        desk.follow_link(&link, now).map(Some)
    })
    .await
}

type Tray<'a> = State<'a, crate::desktop::Desktop<tauri::Wry>>;

/// This PC's desktop choice (the tray, start at login) and whether there is a tray.
#[tauri::command]
pub fn desktop_settings(
    tray: Tray<'_>,
    args: proto::cmd::DesktopSettings,
) -> Answer<proto::cmd::DesktopSettings> {
    let proto::cmd::DesktopSettings {} = args;
    Ok(tray.view())
}

/// Keeps this PC's choice; start at login is switched in the system at once.
#[tauri::command]
pub fn set_desktop_settings(
    tray: Tray<'_>,
    app: tauri::AppHandle,
    args: proto::cmd::SetDesktopSettings,
) -> Answer<proto::cmd::SetDesktopSettings> {
    tray.set(&app, args.choice)
}

/// The window's language, for the tray's menu and the alerts.
#[tauri::command]
pub fn desktop_language(
    tray: Tray<'_>,
    args: proto::cmd::DesktopLanguage,
) -> Answer<proto::cmd::DesktopLanguage> {
    tray.set_lang(proto::display::Lang::from_code(&args.lang));
    Ok(())
}
