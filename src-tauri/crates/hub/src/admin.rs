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
    make_device(pool, user_id, name, false).await
}

/// A new shared device (a PC several members take turns at): the desk asks whoever sits at
/// it for their PIN, and each op it pushes is the signed-in member's. `user_id` answers for
/// the device itself (its hello); give it the least role that will do.
pub async fn create_shared_device(
    pool: &Pool,
    user_id: Uuid,
    name: &str,
) -> Result<(Uuid, String), HubError> {
    make_device(pool, user_id, name, true).await
}

async fn make_device(
    pool: &Pool,
    user_id: Uuid,
    name: &str,
    shared: bool,
) -> Result<(Uuid, String), HubError> {
    let mut raw = [0u8; 32];
    getrandom::fill(&mut raw).map_err(|e| HubError::Admin(format!("random source: {e}")))?;
    let token = format!("odh_{}", hex::encode(raw));
    let id = Uuid::now_v7();
    let n = pool
        .get()
        .await?
        .execute(
            "INSERT INTO devices (id, shop_id, user_id, name, token_sha256, shared) \
             SELECT $1, shop_id, id, $3, $4, $5 FROM users WHERE id = $2 AND revoked_at IS NULL",
            &[&id, &user_id, &name, &token_hash(&token), &shared],
        )
        .await?;
    if n == 0 {
        return Err(HubError::Admin(format!(
            "no user {user_id} (or the user was revoked)"
        )));
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

/// One device as `admin list-devices` prints it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceRow {
    pub id: Uuid,
    pub name: String,
    pub user_id: Uuid,
    pub login: String,
    pub user_name: String,
    pub role: String,
    /// The device's or its user's revocation.
    pub revoked: bool,
    /// Several members sign in at it with their PINs.
    pub shared: bool,
}

/// Every device of `shop_id`, revoked ones included, oldest first.
pub async fn list_devices(pool: &Pool, shop_id: Uuid) -> Result<Vec<DeviceRow>, HubError> {
    let rows = pool
        .get()
        .await?
        .query(
            "SELECT d.id, d.name, u.id, u.login, u.name, u.role, \
             d.revoked_at IS NOT NULL OR u.revoked_at IS NOT NULL, d.shared \
             FROM devices d JOIN users u ON u.id = d.user_id \
             WHERE d.shop_id = $1 ORDER BY d.id",
            &[&shop_id],
        )
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| DeviceRow {
            id: r.get(0),
            name: r.get(1),
            user_id: r.get(2),
            login: r.get(3),
            user_name: r.get(4),
            role: r.get(5),
            revoked: r.get(6),
            shared: r.get(7),
        })
        .collect())
}

/// Someone who left: every device of theirs is refused from the next request on, and no new
/// one can be made for them. Returns how many devices were still active.
pub async fn revoke_user(pool: &Pool, user_id: Uuid) -> Result<u64, HubError> {
    let mut client = pool.get().await?;
    let tx = client.transaction().await?;
    let n = tx
        .execute(
            "UPDATE users SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1",
            &[&user_id],
        )
        .await?;
    if n == 0 {
        return Err(HubError::Admin(format!("no user {user_id}")));
    }
    let devices = tx
        .execute(
            "UPDATE devices SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL",
            &[&user_id],
        )
        .await?;
    tx.commit().await?;
    Ok(devices)
}

/// A new role for a user: the hub reads the role at every request, so their next push is
/// judged with it.
pub async fn set_role(pool: &Pool, user_id: Uuid, role: &str) -> Result<(), HubError> {
    let role = Role::parse(role).ok_or_else(|| {
        HubError::Admin(format!(
            "role {role:?}: one of admin, manager, picker, dispatcher"
        ))
    })?;
    let n = pool
        .get()
        .await?
        .execute(
            "UPDATE users SET role = $2 WHERE id = $1",
            &[&user_id, &role.as_str()],
        )
        .await?;
    if n == 0 {
        return Err(HubError::Admin(format!("no user {user_id}")));
    }
    Ok(())
}

/// Sets the PIN `user_id` signs in with at the shop's shared PCs; kept as an argon2 hash,
/// which the shared PCs receive so they can check it offline.
pub async fn set_pin(pool: &Pool, user_id: Uuid, pin: &str) -> Result<(), HubError> {
    let hash = pin_hash(pin)?;
    let n = pool
        .get()
        .await?
        .execute(
            "UPDATE users SET pin_hash = $2 WHERE id = $1 AND revoked_at IS NULL",
            &[&user_id, &hash],
        )
        .await?;
    if n == 0 {
        return Err(HubError::Admin(format!(
            "no user {user_id} (or the user was revoked)"
        )));
    }
    Ok(())
}

pub(crate) fn token_hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

/// An argon2id PHC string of `pin` with a fresh salt from the OS: what the desk checks a PIN
/// against at a shared PC (`desk::people::pin`), offline too.
fn pin_hash(pin: &str) -> Result<String, HubError> {
    use argon2::password_hash::{rand_core::OsRng, PasswordHasher, SaltString};
    use domain::pin::{pin_length, PinLength};
    match pin_length(pin) {
        Ok(()) => {}
        Err(PinLength::TooShort { min }) => {
            return Err(HubError::Admin(format!(
                "a PIN has at least {min} characters"
            )))
        }
        Err(PinLength::TooLong { max }) => {
            return Err(HubError::Admin(format!(
                "a PIN has at most {max} characters"
            )))
        }
    }
    let salt = SaltString::generate(&mut OsRng);
    argon2::Argon2::default()
        .hash_password(pin.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| HubError::Admin(format!("hashing the PIN: {e}")))
}
