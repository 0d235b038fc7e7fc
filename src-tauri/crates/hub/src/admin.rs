//! `orderdesk-hub admin …`: shops, users with roles, devices and their tokens.

use deadpool_postgres::Pool;
use domain::{Role, Shop};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::HubError;

pub async fn create_shop(pool: &Pool, name: &str) -> Result<Uuid, HubError> {
    let id = Uuid::now_v7();
    let settings = serde_json::to_value(Shop::default_template())
        .map_err(|e| HubError::Corrupt(e.to_string()))?;
    pool.get()
        .await?
        .execute(
            "INSERT INTO shops (id, name, settings) VALUES ($1, $2, $3)",
            &[&id, &name, &settings],
        )
        .await?;
    Ok(id)
}

pub async fn create_user(
    pool: &Pool,
    shop_id: Uuid,
    login: &str,
    name: &str,
    role: &str,
) -> Result<Uuid, HubError> {
    let role = Role::parse(role).ok_or_else(|| {
        HubError::Admin(format!(
            "role {role:?}: one of admin, manager, picker, dispatcher"
        ))
    })?;
    let id = Uuid::now_v7();
    let client = pool.get().await?;
    let shop = client
        .query_opt("SELECT 1 FROM shops WHERE id = $1", &[&shop_id])
        .await?;
    if shop.is_none() {
        return Err(HubError::Admin(format!("no shop {shop_id}")));
    }
    client
        .execute(
            "INSERT INTO users (id, shop_id, login, name, role) VALUES ($1, $2, $3, $4, $5)",
            &[&id, &shop_id, &login, &name, &role.as_str()],
        )
        .await?;
    Ok(id)
}

/// A new device of `user_id`; returns its id and its token, which is not stored and cannot be
/// shown again.
pub async fn create_device(
    pool: &Pool,
    user_id: Uuid,
    name: &str,
) -> Result<(Uuid, String), HubError> {
    let mut raw = [0u8; 32];
    getrandom::fill(&mut raw).map_err(|e| HubError::Admin(format!("random source: {e}")))?;
    let token = format!("odh_{}", hex::encode(raw));
    let id = Uuid::now_v7();
    let n = pool
        .get()
        .await?
        .execute(
            "INSERT INTO devices (id, shop_id, user_id, name, token_sha256) \
             SELECT $1, shop_id, id, $3, $4 FROM users WHERE id = $2",
            &[&id, &user_id, &name, &token_hash(&token)],
        )
        .await?;
    if n == 0 {
        return Err(HubError::Admin(format!("no user {user_id}")));
    }
    Ok((id, token))
}

pub async fn revoke_device(pool: &Pool, device_id: Uuid) -> Result<(), HubError> {
    let n = pool
        .get()
        .await?
        .execute(
            "UPDATE devices SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1",
            &[&device_id],
        )
        .await?;
    if n == 0 {
        return Err(HubError::Admin(format!("no device {device_id}")));
    }
    Ok(())
}

pub(crate) fn token_hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}
