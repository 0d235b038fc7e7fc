//! Typed wrappers over the marketplace commands: the trigger editor, failed pushes,
//! "test connection" and Ozon's warehouses.

use proto::{
    cmd, ChannelTestResult, CommandError, ConnectionEdit, MarketplaceTriggers, NewConnection,
    PushView, WarehouseView,
};

use crate::api::call;

pub async fn triggers(connection_id: &str) -> Result<MarketplaceTriggers, CommandError> {
    call(&cmd::MarketplaceTriggers {
        connection_id: connection_id.to_owned(),
    })
    .await
}

pub async fn set_triggers(
    connection_id: &str,
    triggers: MarketplaceTriggers,
) -> Result<MarketplaceTriggers, CommandError> {
    call(&cmd::SetMarketplaceTriggers {
        connection_id: connection_id.to_owned(),
        triggers,
    })
    .await
}

pub async fn retry(push_id: &str) -> Result<PushView, CommandError> {
    call(&cmd::PushRetry {
        push_id: push_id.to_owned(),
    })
    .await
}

pub async fn dismiss(push_id: &str, reason: &str) -> Result<PushView, CommandError> {
    call(&cmd::PushDismiss {
        push_id: push_id.to_owned(),
        reason: reason.to_owned(),
    })
    .await
}

pub async fn order_pushes(order_id: &str) -> Result<Vec<PushView>, CommandError> {
    call(&cmd::OrderPushes {
        order_id: order_id.to_owned(),
    })
    .await
}

pub async fn test(connection_id: &str) -> Result<ChannelTestResult, CommandError> {
    call(&cmd::ChannelTest {
        connection_id: connection_id.to_owned(),
    })
    .await
}

pub async fn test_new(new: NewConnection) -> Result<ChannelTestResult, CommandError> {
    call(&cmd::ChannelTestNew { new }).await
}

/// The edit form's test, before the edit is saved.
pub async fn test_edit(
    connection_id: &str,
    edit: ConnectionEdit,
) -> Result<ChannelTestResult, CommandError> {
    call(&cmd::ChannelTestEdit {
        connection_id: connection_id.to_owned(),
        edit,
    })
    .await
}

/// The Ozon warehouses a saved connection's keys see.
pub async fn warehouses(connection_id: String) -> Result<Vec<WarehouseView>, CommandError> {
    let connection_id = connection_id.as_str();
    call(&cmd::OzonWarehouses {
        connection_id: connection_id.to_owned(),
    })
    .await
}

/// The add form's Ozon warehouses, before saving.
pub async fn warehouses_new(new: NewConnection) -> Result<Vec<WarehouseView>, CommandError> {
    call(&cmd::OzonWarehousesNew { new }).await
}
