//! Who is asking: the bearer token names one device of one user of one shop. A shared device
//! (several members taking turns at one PC) also says which member is signed in there.

use std::collections::HashMap;
use std::sync::Arc;

use axum::http::HeaderMap;
use deadpool_postgres::Pool;
use domain::{Actor, Role};
use uuid::Uuid;

use crate::admin::token_hash;
use crate::HubError;

/// Who may sign in at a shared device: the shop's users not revoked who have a PIN. One rule
/// for the ops it pushes and the members it is given.
pub(crate) const MAY_SIGN_IN: &str = "shop_id = $1 AND revoked_at IS NULL AND pin_hash IS NOT NULL";

/// The header a shared device names its signed-in member by (a user id of the shop).
pub(crate) const MEMBER_HEADER: &str = "orderdesk-member";

#[derive(Debug, Clone)]
pub struct Device {
    pub id: Uuid,
    pub shop_id: Uuid,
    pub shop_name: String,
    pub user_id: Uuid,
    /// Who this request acts as: the token's user, or on a shared device the member its
    /// header names.
    pub actor: Actor,
    pub shared: bool,
    /// A shared device's members: the shop's users not revoked who have a PIN, by id as the
    /// desk writes it into an op's actor. Empty for a device of one user.
    members: Arc<HashMap<String, Actor>>,
}

impl Device {
    /// Who an op the device pushed is by. A device of one user: that user, whatever the op
    /// says. A shared device: the member the op names, as the hub has them (their name and
    /// role here win over the desk's); `None` when the op names nobody who may act.
    pub(crate) fn acting(&self, claimed: &Actor) -> Option<Actor> {
        if self.shared {
            self.members.get(&claimed.id).cloned()
        } else {
            Some(self.actor.clone())
        }
    }
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

fn role(text: &str) -> Result<Role, HubError> {
    Role::parse(text).ok_or_else(|| HubError::Corrupt(format!("role {text:?}")))
}

pub(crate) async fn device(
    pool: &Pool,
    token: &str,
    headers: &HeaderMap,
) -> Result<Device, HubError> {
    let client = pool.get().await?;
    let row = client
        .query_opt(
            "SELECT d.id, d.shop_id, s.name, u.id, u.login, u.name, u.role, \
             d.revoked_at IS NOT NULL OR u.revoked_at IS NOT NULL, d.shared \
             FROM devices d JOIN users u ON u.id = d.user_id JOIN shops s ON s.id = d.shop_id \
             WHERE d.token_sha256 = $1",
            &[&token_hash(token)],
        )
        .await?
        .ok_or(HubError::Unauthorized)?;
    if row.get::<_, bool>(7) {
        return Err(HubError::Revoked);
    }
    let shared: bool = row.get(8);
    let shop_id: Uuid = row.get(1);
    let mut actor = Actor {
        // The user's id, as the desk learns it from hello and signs its ops with.
        id: row.get::<_, Uuid>(3).to_string(),
        name: row.get(5),
        role: role(row.get(6))?,
    };
    let mut members = HashMap::new();
    if shared {
        for r in client
            .query(
                &format!("SELECT id, name, role FROM users WHERE {MAY_SIGN_IN}"),
                &[&shop_id],
            )
            .await?
        {
            let id = r.get::<_, Uuid>(0).to_string();
            let member = Actor {
                id: id.clone(),
                name: r.get(1),
                role: role(r.get(2))?,
            };
            members.insert(id, member);
        }
        if let Some(named) = headers.get(MEMBER_HEADER) {
            let named = named.to_str().unwrap_or_default().trim();
            actor = members.get(named).cloned().ok_or_else(|| {
                HubError::BadRequest(format!(
                    "{named:?} is not a member who may sign in at this shared device \
                     (revoked, or without a PIN)"
                ))
            })?;
        }
    }
    Ok(Device {
        id: row.get(0),
        shop_id,
        shop_name: row.get(2),
        user_id: row.get(3),
        actor,
        shared,
        members: Arc::new(members),
    })
}

/// Why a shared device's op was refused when it names nobody who may act there.
pub(crate) fn not_a_member(claimed: &Actor) -> String {
    format!(
        "{:?} ({}) may not sign in at this shared device: not a member of the shop, revoked, \
         or without a PIN",
        claimed.name, claimed.id
    )
}
