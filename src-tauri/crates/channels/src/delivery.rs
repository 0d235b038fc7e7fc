//! The site's delivery methods for the admin's delivery map, read with the connection's keys.

use uuid::Uuid;

use crate::config::Kind;
use crate::woo::shipping::SiteMethod;
use crate::{woo, ChannelError, Channels};

impl Channels {
    /// The site's own list of delivery methods (`GET shipping_methods`).
    pub async fn site_shipping_methods(&self, id: Uuid) -> Result<Vec<SiteMethod>, ChannelError> {
        let connection = self.connection(id)?;
        if connection.kind != Kind::WooCommerce {
            return Err(ChannelError::Config(
                "only a site connection has delivery methods to map".into(),
            ));
        }
        let client = woo::WooClient::new(
            &connection.base_url,
            self.credentials(id)?,
            &connection.settings,
        )?;
        client.shipping_methods().await
    }
}
