//! Typed wrappers over the team sync and sales channel commands.

use proto::sync::SyncState;
use proto::{
    ChannelView, CommandError, ConnectionEdit, NewConnection, OrderChannelView, PushView,
    StatusRuleView, SyncResult, User,
};
use serde::Serialize;

use crate::api::{call, NoArgs};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Connection<'a> {
    connection_id: &'a str,
}

pub async fn sync_state() -> Result<SyncState, CommandError> {
    call("sync_state", &NoArgs {}).await
}

pub async fn join_team(url: String, token: String) -> Result<User, CommandError> {
    #[derive(Serialize)]
    struct Args {
        url: String,
        token: String,
    }
    call("join_team", &Args { url, token }).await
}

pub async fn channels() -> Result<Vec<ChannelView>, CommandError> {
    call("channels_list", &NoArgs {}).await
}

pub async fn add(new: NewConnection) -> Result<ChannelView, CommandError> {
    #[derive(Serialize)]
    struct Args {
        new: NewConnection,
    }
    call("channel_add", &Args { new }).await
}

/// «Получить сертификат сайта»: what the site at `base_url` presents, fetched without
/// trusting it (by the hub for a team desk); nothing is saved.
pub async fn site_certificate(base_url: String) -> Result<proto::SiteCertificate, CommandError> {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Args {
        base_url: String,
    }
    call("site_certificate", &Args { base_url }).await
}

/// Saves a connection's new name, address, keys (when typed) or certificate.
pub async fn edit(connection_id: &str, edit: ConnectionEdit) -> Result<ChannelView, CommandError> {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Args<'a> {
        connection_id: &'a str,
        edit: ConnectionEdit,
    }
    call(
        "channel_edit",
        &Args {
            connection_id,
            edit,
        },
    )
    .await
}

/// The SHA-256 fingerprint of a certificate's PEM text.
pub async fn certificate_fingerprint(pem: String) -> Result<String, CommandError> {
    #[derive(Serialize)]
    struct Args {
        pem: String,
    }
    call("certificate_fingerprint", &Args { pem }).await
}

pub async fn set_status_map(
    connection_id: &str,
    rules: Vec<StatusRuleView>,
) -> Result<ChannelView, CommandError> {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Args<'a> {
        connection_id: &'a str,
        rules: Vec<StatusRuleView>,
    }
    call(
        "channel_set_status_map",
        &Args {
            connection_id,
            rules,
        },
    )
    .await
}

pub async fn remove(connection_id: &str) -> Result<(), CommandError> {
    call("channel_remove", &Connection { connection_id }).await
}

pub async fn resume(connection_id: &str) -> Result<(), CommandError> {
    call("channel_resume", &Connection { connection_id }).await
}

pub async fn sync_now(connection_id: &str) -> Result<SyncResult, CommandError> {
    call("channel_sync_now", &Connection { connection_id }).await
}

/// Where an order came from: the connection, its number there and its status there.
pub async fn order_channels(order_id: &str) -> Result<Vec<OrderChannelView>, CommandError> {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Args<'a> {
        order_id: &'a str,
    }
    call("order_channels", &Args { order_id }).await
}

/// A marketplace connection's action queue.
pub async fn pushes(connection_id: &str) -> Result<Vec<PushView>, CommandError> {
    call("channel_pushes", &Connection { connection_id }).await
}
