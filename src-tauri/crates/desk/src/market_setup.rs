//! What a marketplace connection needs besides its keys — Yandex Market's campaign and business,
//! MegaMarket's merchant, Ozon's stock warehouse — set in the add form (so the connection works
//! and «Проверить подключение» answers before saving) and edited later with the triggers. The
//! Ozon warehouse is chosen from the ones Ozon lists.

use channels::config::{Connection, Kind, Settings};
use channels::ozon::Warehouse;
use channels::{ChannelError, Credentials, Secret};
use uuid::Uuid;

use crate::channels::kind;
use crate::{Desk, DeskError};

/// `Some(id)` must be a positive number; `what` names it for the manager.
fn positive(id: Option<i64>, number: proto::MarketNumber) -> Result<Option<i64>, DeskError> {
    match id {
        Some(id) if id <= 0 => Err(proto::InputProblem::NotPositive { number, id }.into()),
        other => Ok(other),
    }
}

/// Puts the add form's marketplace settings into a new connection's settings.
pub(crate) fn apply_setup(
    kind: Kind,
    settings: &mut Settings,
    setup: &proto::MarketSetup,
) -> Result<(), DeskError> {
    match kind {
        Kind::YandexMarket => {
            let mut y = settings.yandex.take().unwrap_or_default();
            if let Some(id) = positive(setup.campaign_id, proto::MarketNumber::Campaign)? {
                y.campaign_id = id;
            }
            if let Some(id) = positive(setup.business_id, proto::MarketNumber::Business)? {
                y.business_id = id;
            }
            settings.yandex = Some(y);
        }
        Kind::MegaMarket => {
            let mut m = settings.megamarket.take().unwrap_or_default();
            if let Some(id) = positive(setup.campaign_id, proto::MarketNumber::Seller)? {
                m.merchant_id = id;
            }
            settings.megamarket = Some(m);
        }
        Kind::Ozon => {
            let mut o = settings.ozon.take().unwrap_or_default();
            if let Some(id) = positive(setup.warehouse_id, proto::MarketNumber::Warehouse)? {
                o.warehouse_id = id;
            }
            settings.ozon = Some(o);
        }
        _ => {}
    }
    Ok(())
}

/// The business and warehouse the trigger editor shows beside the campaign.
pub(crate) fn shown(c: &Connection) -> (Option<i64>, Option<i64>) {
    let set = |id: i64| Some(id).filter(|id| *id > 0);
    match c.kind {
        Kind::YandexMarket => (
            c.settings.yandex.as_ref().and_then(|y| set(y.business_id)),
            None,
        ),
        Kind::Ozon => (
            None,
            c.settings.ozon.as_ref().and_then(|o| set(o.warehouse_id)),
        ),
        _ => (None, None),
    }
}

/// The editor's business and warehouse into the connection (`None` leaves them as they are).
pub(crate) fn apply_edit(
    c: &mut Connection,
    new: &proto::MarketplaceTriggers,
) -> Result<(), DeskError> {
    let setup = proto::MarketSetup {
        campaign_id: None,
        business_id: new.business_id,
        warehouse_id: new.warehouse_id,
    };
    apply_setup(c.kind, &mut c.settings, &setup)
}

fn view(w: Warehouse) -> proto::WarehouseView {
    proto::WarehouseView {
        id: w.warehouse_id,
        name: w.name,
        rfbs: w.is_rfbs,
        status: w.status,
    }
}

/// Nothing retries a warehouse list: the manager is told what to check, then asks again.
fn failed(e: ChannelError) -> DeskError {
    match e {
        ChannelError::Store(s) => DeskError::from(s),
        e => DeskError::Warehouses(e),
    }
}

impl Desk {
    /// The warehouses of a saved Ozon connection, with its stored keys.
    pub async fn ozon_warehouses(
        &self,
        connection_id: &str,
    ) -> Result<Vec<proto::WarehouseView>, DeskError> {
        let id = Uuid::parse_str(connection_id).map_err(|_| proto::InputProblem::ConnectionId {
            id: connection_id.to_owned(),
        })?;
        if let Some(hub) = self.connectors_for(crate::ChannelTask::Administer)? {
            // In a team the keys live on the hub's worker: it asks Ozon.
            let path = format!("/v1/channels/{id}/ozon-warehouses");
            return hub.call(reqwest::Method::GET, &path, None::<&()>).await;
        }
        let list = self.channels.ozon_warehouses(id).await.map_err(failed)?;
        Ok(list.into_iter().map(view).collect())
    }

    /// The warehouses for the add form's address and keys, before anything is saved.
    pub async fn ozon_warehouses_new(
        &self,
        new: proto::NewConnection,
    ) -> Result<Vec<proto::WarehouseView>, DeskError> {
        if kind(new.kind) != Kind::Ozon {
            return Err(proto::InputProblem::OzonWarehousesOnly.into());
        }
        let credentials = Credentials {
            key: new.key,
            secret: Secret::new(new.secret),
        };
        let list = channels::ozon::warehouses::warehouses(new.base_url.trim(), credentials)
            .await
            .map_err(failed)?;
        Ok(list.into_iter().map(view).collect())
    }
}
