//! Typed wrappers over the marketplace commands: the trigger editor, failed pushes,
//! "test connection" and Ozon's warehouses.

use proto::{
    ChannelTestResult, CommandError, ConnectionEdit, MarketplaceTriggers, NewConnection, PushView,
    WarehouseView,
};
use serde::Serialize;

use crate::api::call;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Connection<'a> {
    connection_id: &'a str,
}

pub async fn triggers(connection_id: &str) -> Result<MarketplaceTriggers, CommandError> {
    call("marketplace_triggers", &Connection { connection_id }).await
}

pub async fn set_triggers(
    connection_id: &str,
    triggers: MarketplaceTriggers,
) -> Result<MarketplaceTriggers, CommandError> {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Args<'a> {
        connection_id: &'a str,
        triggers: MarketplaceTriggers,
    }
    let args = Args {
        connection_id,
        triggers,
    };
    call("set_marketplace_triggers", &args).await
}

pub async fn retry(push_id: &str) -> Result<PushView, CommandError> {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Args<'a> {
        push_id: &'a str,
    }
    call("push_retry", &Args { push_id }).await
}

pub async fn dismiss(push_id: &str, reason: &str) -> Result<PushView, CommandError> {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Args<'a> {
        push_id: &'a str,
        reason: &'a str,
    }
    call("push_dismiss", &Args { push_id, reason }).await
}

pub async fn order_pushes(order_id: &str) -> Result<Vec<PushView>, CommandError> {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Args<'a> {
        order_id: &'a str,
    }
    call("order_pushes", &Args { order_id }).await
}

pub async fn test(connection_id: &str) -> Result<ChannelTestResult, CommandError> {
    call("channel_test", &Connection { connection_id }).await
}

pub async fn test_new(new: NewConnection) -> Result<ChannelTestResult, CommandError> {
    #[derive(Serialize)]
    struct Args {
        new: NewConnection,
    }
    call("channel_test_new", &Args { new }).await
}

/// The edit form's test, before the edit is saved.
pub async fn test_edit(
    connection_id: &str,
    edit: ConnectionEdit,
) -> Result<ChannelTestResult, CommandError> {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Args<'a> {
        connection_id: &'a str,
        edit: ConnectionEdit,
    }
    call(
        "channel_test_edit",
        &Args {
            connection_id,
            edit,
        },
    )
    .await
}

/// The Ozon warehouses a saved connection's keys see.
pub async fn warehouses(connection_id: String) -> Result<Vec<WarehouseView>, CommandError> {
    let connection_id = connection_id.as_str();
    call("ozon_warehouses", &Connection { connection_id }).await
}

/// The add form's Ozon warehouses, before saving.
pub async fn warehouses_new(new: NewConnection) -> Result<Vec<WarehouseView>, CommandError> {
    #[derive(Serialize)]
    struct Args {
        new: NewConnection,
    }
    call("ozon_warehouses_new", &Args { new }).await
}
