//! The seller's FBS / rFBS warehouses (`/v1/warehouse/list`), for choosing the one stock is
//! pushed to: Ozon keeps stock per warehouse, and an id typed by hand was the only way before
//! (so it stayed 0 and no stock ever went out).

use serde::Deserialize;
use uuid::Uuid;

use super::client::OzonClient;
use crate::config::Settings;
use crate::{ChannelError, Channels, Credentials};

/// One warehouse as the settings form lists it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct Warehouse {
    pub warehouse_id: i64,
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub name: String,
    pub is_rfbs: bool,
    /// `new`, `created` (active), `disabled`, `blocked`, `disabled_due_to_limit`, `error`.
    #[serde(deserialize_with = "crate::lenient::null_default")]
    pub status: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct WarehouseList {
    #[serde(deserialize_with = "crate::lenient::null_default")]
    result: Vec<Warehouse>,
}

impl OzonClient {
    /// The seller's warehouses; ones without an id (the spec makes none required) are left
    /// out, since stock cannot go to them.
    pub async fn warehouses(&self) -> Result<Vec<Warehouse>, ChannelError> {
        let list: WarehouseList = self
            .post_without_body("/v1/warehouse/list", "warehouse list")
            .await?;
        Ok(list
            .result
            .into_iter()
            .filter(|w| w.warehouse_id > 0)
            .collect())
    }
}

/// The warehouses for an address and keys not saved yet (the add form).
pub async fn warehouses(
    base_url: &str,
    credentials: Credentials,
) -> Result<Vec<Warehouse>, ChannelError> {
    let mut settings = Settings::default();
    settings.retry.attempts = 1;
    OzonClient::new(base_url, credentials, &settings)?
        .warehouses()
        .await
}

impl Channels {
    /// The warehouses of a saved Ozon connection, with its stored keys.
    pub async fn ozon_warehouses(&self, id: Uuid) -> Result<Vec<Warehouse>, ChannelError> {
        let c = self.connection(id)?;
        let client = OzonClient::new(&c.base_url, self.credentials(id)?, &c.settings)?;
        client.warehouses().await
    }
}
