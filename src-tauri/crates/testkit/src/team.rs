//! A team's fixtures on a migrated hub database.

use hub::{admin, HubError};

/// A shop with a PC members take turns at: Anna (manager, PIN 1234) and Petr (picker, PIN
/// 5678) may sign in there; the device answers for itself as «Прилавок», a picker.
pub struct SharedPc {
    pub shop: uuid::Uuid,
    pub anna: uuid::Uuid,
    pub petr: uuid::Uuid,
    /// The shared device's token.
    pub token: String,
}

pub const ANNA: &str = "Анна Кузнецова";
pub const PETR: &str = "Пётр Иванов";

/// Makes [`SharedPc`] in a migrated database.
pub async fn shared_pc(pool: &deadpool_postgres::Pool) -> Result<SharedPc, HubError> {
    let shop = admin::create_shop(pool, "Чайная лавка").await?;
    let anna = admin::create_user(pool, shop, "anna", ANNA, "manager").await?;
    let petr = admin::create_user(pool, shop, "petr", PETR, "picker").await?;
    let counter = admin::create_user(pool, shop, "counter", "Прилавок", "picker").await?;
    admin::set_pin(pool, anna, "1234").await?;
    admin::set_pin(pool, petr, "5678").await?;
    let (_, token) = admin::create_shared_device(pool, counter, "касса").await?;
    Ok(SharedPc {
        shop,
        anna,
        petr,
        token,
    })
}
