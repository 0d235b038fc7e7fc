//! The admin's tools on a connection: saving settings with the op that changed them, and
//! "test connection" — one cheap authenticated read, nothing written.

use jiff::{SignedDuration, Timestamp};
use uuid::Uuid;

use crate::config::{Connection, Kind, RetryPolicy};
use crate::{megamarket, moysklad, ozon, woo, yandex, ChannelError, Channels, Credentials};

/// One try, answered within seconds: the admin is waiting at the button.
const PROBE_RETRY: RetryPolicy = RetryPolicy {
    attempts: 1,
    first_delay_ms: 0,
    max_delay_ms: 0,
    timeout_ms: 15_000,
};

impl Channels {
    /// Saves the connection's settings (and fulfilment models) and records `op` with them in one transaction.
    pub fn save_settings_logged(
        &self,
        connection: &Connection,
        models: Option<Vec<String>>,
        op: store::ShopOp,
    ) -> Result<(), ChannelError> {
        let (row, _) = connection.to_rows(op.at)?;
        Ok(self.store.save_connection_logged(row, models, op)?)
    }

    /// Saves an edited connection (address, name, certificate in its settings) with `op`, and
    /// its new keys when given. The keys go first: if the database then refuses, the old keys
    /// are put back, so the op log never records a change that did not happen. New keys lift
    /// a pause (it was the old keys that were refused).
    pub fn edit_connection_logged(
        &self,
        connection: &Connection,
        keys: Option<&Credentials>,
        op: store::ShopOp,
    ) -> Result<(), ChannelError> {
        let id = connection.id;
        let (row, _) = connection.to_rows(op.at)?;
        let old = match keys {
            Some(new) => {
                let old = self.secrets.get(id)?;
                self.secrets.set(id, new)?;
                Some(old)
            }
            None => None,
        };
        if let Err(e) = self.store.save_connection_logged(row, None, op) {
            match old {
                Some(Some(old)) => self.secrets.set(id, &old)?,
                Some(None) => self.secrets.delete(id)?,
                None => {}
            }
            return Err(e.into());
        }
        if keys.is_some() {
            self.resume(id)?;
        }
        Ok(())
    }

    /// Tests `connection` as edited, before it is saved: with `keys` when the admin typed new
    /// ones, else with the stored ones.
    pub async fn probe_edited(
        &self,
        connection: &Connection,
        keys: Option<Credentials>,
        now: Timestamp,
    ) -> Result<(), ChannelError> {
        let credentials = match keys {
            Some(k) => k,
            None => self.credentials(connection.id)?,
        };
        probe(connection, credentials, now).await
    }

    /// Tests a saved connection with its stored keys.
    pub async fn probe(&self, id: Uuid, now: Timestamp) -> Result<(), ChannelError> {
        let connection = self.connection(id)?;
        let credentials = self.credentials(id)?;
        probe(&connection, credentials, now).await
    }

    /// `text` with the connection's stored key and secret blanked out, for messages that
    /// quote a channel's answer (a channel may echo what it was sent).
    pub fn scrub_secrets(&self, id: Uuid, text: String) -> String {
        match self.credentials(id) {
            Ok(c) => scrub(text, &c),
            Err(_) => text,
        }
    }
}

/// `text` with `credentials` blanked out.
pub fn scrub(mut text: String, credentials: &Credentials) -> String {
    for s in [credentials.key.as_str(), credentials.secret.expose()] {
        // A very short "key" would blank ordinary words.
        if s.chars().count() >= 4 {
            text = text.replace(s, "•••");
        }
    }
    text
}

/// One cheap authenticated read for the connection's kind: the orders changed since `now`
/// (an empty page) on the site, Ozon and Yandex Market; the order states on МойСклад.
pub async fn probe(
    connection: &Connection,
    credentials: Credentials,
    now: Timestamp,
) -> Result<(), ChannelError> {
    let mut settings = connection.settings.clone();
    settings.retry = PROBE_RETRY;
    settings.page_size = 1;
    let base = connection.base_url.as_str();
    match connection.kind {
        Kind::WooCommerce => {
            let client = woo::WooClient::new(base, credentials, &settings)?;
            client.orders_modified_after(Some(now)).await?;
        }
        Kind::MoySklad => {
            let client = moysklad::MoySkladClient::new(base, credentials, &settings)?;
            client.order_states().await?;
        }
        Kind::Ozon => {
            let client = ozon::OzonClient::new(base, credentials, &settings)?;
            client
                .postings(now - SignedDuration::from_mins(1), now)
                .await?;
        }
        Kind::YandexMarket => {
            let client = yandex::YandexClient::new(base, credentials, &settings)?;
            client.orders_updated_since(now).await?;
        }
        Kind::MegaMarket => {
            let client = megamarket::MegaMarketClient::new(base, &credentials, &settings)?;
            client.check(now).await?;
        }
        // 1C calls us: there is nothing to call.
        Kind::CommerceMl => {}
    }
    Ok(())
}
