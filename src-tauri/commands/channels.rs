//! Sales channels: the site, the back office, 1C.

use proto::cmd;
use tauri::State;

use super::{blocking, Answer};
use crate::AppState;

#[tauri::command]
pub async fn channels_list(state: State<'_, AppState>) -> Answer<cmd::ChannelsList> {
    blocking(&state, |d, _| d.channels()).await
}

/// The key and secret go to the OS keyring, never into the shop's database.
#[tauri::command]
pub async fn channel_add(
    state: State<'_, AppState>,
    args: cmd::ChannelAdd,
) -> Answer<cmd::ChannelAdd> {
    let cmd::ChannelAdd { new } = args;
    blocking(&state, move |d, now| d.add_connection(new, now)).await
}

/// New keys (if typed) go to the OS keyring; the address and certificate to the settings.
#[tauri::command]
pub async fn channel_edit(
    state: State<'_, AppState>,
    args: cmd::ChannelEdit,
) -> Answer<cmd::ChannelEdit> {
    let cmd::ChannelEdit {
        connection_id,
        edit,
    } = args;
    blocking(&state, move |d, now| {
        d.edit_connection(&connection_id, edit, now)
    })
    .await
}

/// The edit form's test, before the edit is saved. Network-bound: on the async runtime.
#[tauri::command]
pub async fn channel_test_edit(
    state: State<'_, AppState>,
    args: cmd::ChannelTestEdit,
) -> Answer<cmd::ChannelTestEdit> {
    let cmd::ChannelTestEdit {
        connection_id,
        edit,
    } = args;
    let now = state.launch.now();
    let desk = state.desk()?;
    desk.channel_test_edit(&connection_id, edit, now)
        .await
        .map_err(proto::CommandError::from)
}

/// The SHA-256 fingerprint of a pasted or chosen certificate, for the form to show.
#[tauri::command]
pub fn certificate_fingerprint(
    args: cmd::CertificateFingerprint,
) -> Answer<cmd::CertificateFingerprint> {
    let cmd::CertificateFingerprint { pem } = args;
    desk::certificate_fingerprint(&pem).map_err(proto::CommandError::from)
}

/// «Получить сертификат сайта»: what the site at `base_url` presents, to compare before
/// pinning it (the hub fetches it for a team desk). The handshake waits on the network, so it
/// runs on the blocking pool like the desk's other calls.
#[tauri::command]
pub async fn site_certificate(
    state: State<'_, AppState>,
    args: cmd::SiteCertificate,
) -> Answer<cmd::SiteCertificate> {
    let cmd::SiteCertificate { base_url } = args;
    blocking(&state, move |d, now| {
        tauri::async_runtime::block_on(d.site_certificate(&base_url, now))
    })
    .await
}

#[tauri::command]
pub async fn channel_set_status_map(
    state: State<'_, AppState>,
    args: cmd::ChannelSetStatusMap,
) -> Answer<cmd::ChannelSetStatusMap> {
    let cmd::ChannelSetStatusMap {
        connection_id,
        rules,
    } = args;
    blocking(&state, move |d, _| d.set_status_map(&connection_id, rules)).await
}

#[tauri::command]
pub async fn channel_remove(
    state: State<'_, AppState>,
    args: cmd::ChannelRemove,
) -> Answer<cmd::ChannelRemove> {
    let cmd::ChannelRemove { connection_id } = args;
    blocking(&state, move |d, _| d.remove_connection(&connection_id)).await
}

#[tauri::command]
pub async fn channel_resume(
    state: State<'_, AppState>,
    args: cmd::ChannelResume,
) -> Answer<cmd::ChannelResume> {
    let cmd::ChannelResume { connection_id } = args;
    blocking(&state, move |d, _| d.resume_connection(&connection_id)).await
}

/// Runs on the async runtime: the exchange is network-bound, not a blocking database call.
#[tauri::command]
pub async fn channel_sync_now(
    state: State<'_, AppState>,
    args: cmd::ChannelSyncNow,
) -> Answer<cmd::ChannelSyncNow> {
    let cmd::ChannelSyncNow { connection_id } = args;
    let now = state.launch.now();
    state
        .desk()?
        .sync_now(&connection_id, now)
        .await
        .map_err(proto::CommandError::from)
}

#[tauri::command]
pub async fn order_channels(
    state: State<'_, AppState>,
    args: cmd::OrderChannels,
) -> Answer<cmd::OrderChannels> {
    let cmd::OrderChannels { order_id } = args;
    blocking(&state, move |d, _| d.order_channels(&order_id)).await
}

/// A marketplace connection's queue of actions (pending, done, failed, stopped).
#[tauri::command]
pub async fn channel_pushes(
    state: State<'_, AppState>,
    args: cmd::ChannelPushes,
) -> Answer<cmd::ChannelPushes> {
    let cmd::ChannelPushes { connection_id } = args;
    blocking(&state, move |d, _| d.channel_pushes(&connection_id)).await
}

#[tauri::command]
pub async fn order_pushes(
    state: State<'_, AppState>,
    args: cmd::OrderPushes,
) -> Answer<cmd::OrderPushes> {
    let cmd::OrderPushes { order_id } = args;
    blocking(&state, move |d, _| d.order_pushes(&order_id)).await
}
