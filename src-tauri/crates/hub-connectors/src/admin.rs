//! `orderdesk-hub connector enable|disable|list`: which shops' connectors run on this hub.

use std::path::{Path, PathBuf};

use channels::{Credentials, FileSecrets, Secret, SecretStore};
use deadpool_postgres::Pool;
use uuid::Uuid;

use hub::{admin, HubError};

/// The connector user's login in its shop; its role lets it record imported orders and
/// the stage moves a channel is master of, nothing about people or settings.
const LOGIN: &str = "connectors";
const ROLE: &str = "manager";

/// Where one shop's worker keeps its SQLite file and its secret file.
pub fn shop_dir(data_dir: &Path, shop: Uuid) -> PathBuf {
    data_dir.join("shops").join(shop.to_string())
}

/// The shop's private secret file (0600): channel credentials and the worker's hub token.
pub fn secrets(data_dir: &Path, shop: Uuid) -> FileSecrets {
    FileSecrets::new(shop_dir(data_dir, shop).join("secrets.json"))
}

/// Makes this hub run `shop`'s connectors: a device of the shop's connector user, its token
/// in the shop's secret file. Enabling twice keeps the first device. A running hub starts the
/// worker at its next look at the list (within 30 s).
pub async fn enable(pool: &Pool, data_dir: &Path, shop: Uuid) -> Result<Uuid, HubError> {
    let client = pool.get().await?;
    let file = secrets(data_dir, shop);
    let known = client
        .query_opt(
            "SELECT w.device_id FROM connector_workers w JOIN devices d ON d.id = w.device_id \
             WHERE w.shop_id = $1 AND d.revoked_at IS NULL",
            &[&shop],
        )
        .await?;
    if let Some(row) = known {
        let device: Uuid = row.get(0);
        if file.get(device).map_err(secret_error)?.is_some() {
            return Ok(device);
        }
        // The secret file was lost (or copied away with the old server): its token must not
        // keep working anywhere once the worker gets a new one.
        client
            .execute(
                "UPDATE devices SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1",
                &[&device],
            )
            .await?;
    }
    let user = match client
        .query_opt(
            "SELECT id FROM users WHERE shop_id = $1 AND login = $2",
            &[&shop, &LOGIN],
        )
        .await?
    {
        Some(row) => row.get(0),
        None => admin::create_user(pool, shop, LOGIN, "Коннекторы каналов", ROLE).await?,
    };
    let (device, token) = admin::create_device(pool, user, "Коннекторы на хабе").await?;
    let credentials = Credentials {
        key: "hub".into(),
        secret: Secret::new(token),
    };
    file.set(device, &credentials).map_err(secret_error)?;
    client
        .execute(
            "INSERT INTO connector_workers (shop_id, device_id) VALUES ($1, $2) \
             ON CONFLICT (shop_id) DO UPDATE SET device_id = $2, enabled_at = now()",
            &[&shop, &device],
        )
        .await?;
    Ok(device)
}

/// Stops running `shop`'s connectors here (a running hub stops the worker within 30 s) and
/// revokes the worker's
/// device. Its data directory stays, so enabling again keeps the connections.
pub async fn disable(pool: &Pool, shop: Uuid) -> Result<(), HubError> {
    let client = pool.get().await?;
    let row = client
        .query_opt(
            "DELETE FROM connector_workers WHERE shop_id = $1 RETURNING device_id",
            &[&shop],
        )
        .await?
        .ok_or_else(|| HubError::Admin(format!("connectors of shop {shop} are not enabled")))?;
    admin::revoke_device(pool, row.get(0)).await
}

/// The shops whose connectors run here, with the worker's device.
pub async fn list(pool: &Pool) -> Result<Vec<(Uuid, Uuid)>, HubError> {
    Ok(pool
        .get()
        .await?
        .query(
            "SELECT shop_id, device_id FROM connector_workers ORDER BY enabled_at",
            &[],
        )
        .await?
        .into_iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect())
}

pub(crate) fn secret_error(e: channels::ChannelError) -> HubError {
    HubError::Admin(format!("the shop's secret file: {e}"))
}

/// The address to give the outside world for a connection: the site's webhook, 1C's exchange,
/// a marketplace's notifications. `None` for kinds nothing calls (МойСклад).
pub fn hook_url(public: &str, shop: Uuid, kind: proto::ChannelKind, id: &str) -> Option<String> {
    let path = match kind {
        proto::ChannelKind::WooCommerce => "woo",
        proto::ChannelKind::CommerceMl => "1c",
        proto::ChannelKind::Ozon => "ozon",
        proto::ChannelKind::YandexMarket => "yandex",
        proto::ChannelKind::MegaMarket => "megamarket",
        // МойСклад is only called by us.
        proto::ChannelKind::MoySklad => return None,
    };
    let public = public.trim_end_matches('/');
    Some(format!("{public}/hooks/{shop}/{path}/{id}"))
}

/// Each connection of `shop` with the URL to give its channel, read from the worker's data
/// (a running hub may keep serving meanwhile).
pub fn urls(data_dir: &Path, shop: Uuid, public: &str) -> Result<Vec<String>, HubError> {
    let dir = shop_dir(data_dir, shop);
    if !dir.join("orderdesk.sqlite3").exists() {
        return Err(HubError::Admin(format!(
            "no connector data for shop {shop} in {}",
            data_dir.display()
        )));
    }
    // Read beside the running worker, which holds the database open.
    let connections = store::peek_connections(&dir.join("orderdesk.sqlite3"))
        .map_err(|e| HubError::Admin(format!("reading connections: {e}")))?;
    Ok(connections
        .into_iter()
        .map(|c| {
            let url = channels::config::Kind::parse(&c.kind)
                .and_then(|kind| hook_url(public, shop, desk::kind_view(kind), &c.id.to_string()))
                .unwrap_or_else(|| "(nothing calls it: the hub calls МойСклад)".into());
            format!("{}\t{}\t{url}", c.id, c.name)
        })
        .collect())
}
