//! The site connection's delivery map: the site's delivery methods mapped to the shop's.

use proto::{cmd, CommandError};
use tauri::State;

use super::{desk_commands, Answer};
use crate::AppState;

/// Reads the site's own list of methods: network-bound, on the async runtime.
#[tauri::command]
pub async fn channel_delivery_map(
    state: State<'_, AppState>,
    args: cmd::ChannelDeliveryMap,
) -> Answer<cmd::ChannelDeliveryMap> {
    let cmd::ChannelDeliveryMap { connection_id } = args;
    state
        .desk()?
        .delivery_map(&connection_id)
        .await
        .map_err(CommandError::from)
}

desk_commands! {
    /// Administrators only; the change goes into the shop's history and applies to the orders
    /// imported after it.
    set_channel_delivery_map: SetChannelDeliveryMap { connection_id, edit } =>
        |d, now| d.set_delivery_map(&connection_id, edit, now);
}
