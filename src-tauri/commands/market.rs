//! Marketplaces: the trigger editor, failed pushes (retry / dismiss), "test connection".

use proto::{cmd, CommandError};
use tauri::State;

use super::{blocking, desk_commands, Answer};
use crate::AppState;

desk_commands! {
    marketplace_triggers: MarketplaceTriggers { connection_id } =>
        |d, _| d.marketplace_triggers(&connection_id);
    push_dismiss: PushDismiss { push_id, reason } =>
        |d, now| d.push_dismiss(&push_id, &reason, now);
}
/// Administrators only; the change goes into the shop's history.
#[tauri::command]
pub async fn set_marketplace_triggers(
    state: State<'_, AppState>,
    args: cmd::SetMarketplaceTriggers,
) -> Answer<cmd::SetMarketplaceTriggers> {
    let cmd::SetMarketplaceTriggers {
        connection_id,
        triggers,
    } = args;
    let set = move |d: &desk::Desk, now| d.set_marketplace_triggers(&connection_id, triggers, now);
    blocking(&state, set).await
}

/// Answers as soon as the push is back in the queue; on a desk working alone the call then
/// goes out in the background (the card shows it when it next refreshes).
#[tauri::command]
pub async fn push_retry(
    state: State<'_, AppState>,
    args: cmd::PushRetry,
) -> Answer<cmd::PushRetry> {
    let cmd::PushRetry { push_id } = args;
    let retried = blocking(&state, move |d, now| d.push_retry(&push_id, now)).await?;
    let desk = state.desk()?;
    let now = state.launch.now();
    let view = retried.clone();
    tauri::async_runtime::spawn(async move {
        if let Err(err) = desk.send_retried(view, now).await {
            tracing::warn!(%err, "retried push not sent now");
        }
    });
    Ok(retried)
}

/// Network-bound: runs on the async runtime.
#[tauri::command]
pub async fn channel_test(
    state: State<'_, AppState>,
    args: cmd::ChannelTest,
) -> Answer<cmd::ChannelTest> {
    let cmd::ChannelTest { connection_id } = args;
    let now = state.launch.now();
    let desk = state.desk()?;
    desk.channel_test(&connection_id, now)
        .await
        .map_err(CommandError::from)
}

/// The add form's test, before the connection is saved.
#[tauri::command]
pub async fn channel_test_new(
    state: State<'_, AppState>,
    args: cmd::ChannelTestNew,
) -> Answer<cmd::ChannelTestNew> {
    let cmd::ChannelTestNew { new } = args;
    let now = state.launch.now();
    let desk = state.desk()?;
    desk.channel_test_new(new, now)
        .await
        .map_err(CommandError::from)
}

/// The Ozon warehouses a saved connection's keys see, to choose the stock warehouse from.
#[tauri::command]
pub async fn ozon_warehouses(
    state: State<'_, AppState>,
    args: cmd::OzonWarehouses,
) -> Answer<cmd::OzonWarehouses> {
    let cmd::OzonWarehouses { connection_id } = args;
    state
        .desk()?
        .ozon_warehouses(&connection_id)
        .await
        .map_err(CommandError::from)
}

/// The add form's Ozon warehouses, before the connection is saved.
#[tauri::command]
pub async fn ozon_warehouses_new(
    state: State<'_, AppState>,
    args: cmd::OzonWarehousesNew,
) -> Answer<cmd::OzonWarehousesNew> {
    let cmd::OzonWarehousesNew { new } = args;
    state
        .desk()?
        .ozon_warehouses_new(new)
        .await
        .map_err(CommandError::from)
}
