//! Who is asking: the bearer token names one device of one user of one shop.

use axum::http::HeaderMap;
use deadpool_postgres::Pool;
use domain::{Actor, Role};
use uuid::Uuid;

use crate::admin::token_hash;
use crate::HubError;

#[derive(Debug, Clone)]
pub(crate) struct Device {
    pub id: Uuid,
    pub shop_id: Uuid,
    pub shop_name: String,
    pub user_id: Uuid,
    pub actor: Actor,
}

/// The bearer token of a request, trimmed; a request without one is refused unread.
pub(crate) fn bearer(headers: &HeaderMap) -> Result<&str, HubError> {
    headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or(HubError::Unauthorized)
}

pub(crate) async fn device(pool: &Pool, token: &str) -> Result<Device, HubError> {
    let row = pool
        .get()
        .await?
        .query_opt(
            "SELECT d.id, d.shop_id, s.name, u.id, u.login, u.name, u.role, \
             d.revoked_at IS NOT NULL OR u.revoked_at IS NOT NULL \
             FROM devices d JOIN users u ON u.id = d.user_id JOIN shops s ON s.id = d.shop_id \
             WHERE d.token_sha256 = $1",
            &[&token_hash(token)],
        )
        .await?
        .ok_or(HubError::Unauthorized)?;
    if row.get::<_, bool>(7) {
        return Err(HubError::Revoked);
    }
    let role: String = row.get(6);
    Ok(Device {
        id: row.get(0),
        shop_id: row.get(1),
        shop_name: row.get(2),
        user_id: row.get(3),
        actor: Actor {
            // The user's id, as the desk learns it from hello and signs its ops with.
            id: row.get::<_, Uuid>(3).to_string(),
            name: row.get(5),
            role: Role::parse(&role).ok_or_else(|| HubError::Corrupt(format!("role {role:?}")))?,
        },
    })
}
