//! Typed wrappers over the team sync and sales channel commands.

use proto::sync::SyncState;
use proto::{
    cmd, ChannelView, CommandError, ConnectionEdit, NewConnection, OrderChannelView, PushView,
    StatusRuleView, SyncResult, User,
};

use crate::api::call;

pub async fn sync_state() -> Result<SyncState, CommandError> {
    call(&cmd::SyncState {}).await
}

pub async fn join_team(url: String, token: String) -> Result<User, CommandError> {
    call(&cmd::JoinTeam { url, token }).await
}

pub async fn channels() -> Result<Vec<ChannelView>, CommandError> {
    call(&cmd::ChannelsList {}).await
}

pub async fn add(new: NewConnection) -> Result<ChannelView, CommandError> {
    call(&cmd::ChannelAdd { new }).await
}

/// «Получить сертификат сайта»: what the site at `base_url` presents, fetched without
/// trusting it (by the hub for a team desk); nothing is saved.
pub async fn site_certificate(base_url: String) -> Result<proto::SiteCertificate, CommandError> {
    call(&cmd::SiteCertificate { base_url }).await
}

/// Saves a connection's new name, address, keys (when typed) or certificate.
pub async fn edit(connection_id: &str, edit: ConnectionEdit) -> Result<ChannelView, CommandError> {
    call(&cmd::ChannelEdit {
        connection_id: connection_id.to_owned(),
        edit,
    })
    .await
}

/// The SHA-256 fingerprint of a certificate's PEM text.
pub async fn certificate_fingerprint(pem: String) -> Result<String, CommandError> {
    call(&cmd::CertificateFingerprint { pem }).await
}

pub async fn set_status_map(
    connection_id: &str,
    rules: Vec<StatusRuleView>,
) -> Result<ChannelView, CommandError> {
    call(&cmd::ChannelSetStatusMap {
        connection_id: connection_id.to_owned(),
        rules,
    })
    .await
}

pub async fn remove(connection_id: &str) -> Result<(), CommandError> {
    call(&cmd::ChannelRemove {
        connection_id: connection_id.to_owned(),
    })
    .await
}

pub async fn resume(connection_id: &str) -> Result<(), CommandError> {
    call(&cmd::ChannelResume {
        connection_id: connection_id.to_owned(),
    })
    .await
}

pub async fn sync_now(connection_id: &str) -> Result<SyncResult, CommandError> {
    call(&cmd::ChannelSyncNow {
        connection_id: connection_id.to_owned(),
    })
    .await
}

/// Where an order came from: the connection, its number there and its status there.
pub async fn order_channels(order_id: &str) -> Result<Vec<OrderChannelView>, CommandError> {
    call(&cmd::OrderChannels {
        order_id: order_id.to_owned(),
    })
    .await
}

/// A marketplace connection's action queue.
pub async fn pushes(connection_id: &str) -> Result<Vec<PushView>, CommandError> {
    call(&cmd::ChannelPushes {
        connection_id: connection_id.to_owned(),
    })
    .await
}
