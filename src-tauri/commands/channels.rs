//! Sales channels: the site, the back office, 1C.

use proto::cmd;
use tauri::State;

use super::{desk_commands, Answer};
use crate::AppState;

desk_commands! {
    channels_list: ChannelsList {} => |d, _| d.channels();
    /// The key and secret go to the OS keyring, never into the shop's database.
    channel_add: ChannelAdd { new } => |d, now| d.add_connection(new, now);
    /// New keys (if typed) go to the OS keyring; the address and certificate to the settings.
    channel_edit: ChannelEdit { connection_id, edit } =>
        |d, now| d.edit_connection(&connection_id, edit, now);
    /// «Получить сертификат сайта»: what the site at `base_url` presents, to compare before
    /// pinning it (the hub fetches it for a team desk). The handshake waits on the network, so it
    /// runs on the blocking pool like the desk's other calls.
    site_certificate: SiteCertificate { base_url } =>
        |d, now| tauri::async_runtime::block_on(d.site_certificate(&base_url, now));
    channel_set_status_map: ChannelSetStatusMap { connection_id, rules } =>
        |d, _| d.set_status_map(&connection_id, rules);
    channel_remove: ChannelRemove { connection_id } => |d, _| d.remove_connection(&connection_id);
    channel_resume: ChannelResume { connection_id } => |d, _| d.resume_connection(&connection_id);
    order_channels: OrderChannels { order_id } => |d, _| d.order_channels(&order_id);
    /// A marketplace connection's queue of actions (pending, done, failed, stopped).
    channel_pushes: ChannelPushes { connection_id } => |d, _| d.channel_pushes(&connection_id);
    order_pushes: OrderPushes { order_id } => |d, _| d.order_pushes(&order_id);
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
