//! A throw-away database per test on the local PostgreSQL (127.0.0.1:5432, user postgres,
//! trust): created with a random name, dropped by [`TestDatabase::drop_now`]; and a data
//! directory of its own for the hub that serves it (one hub per data directory).

use tokio_postgres::NoTls;

use crate::HubError;

/// The server tests and benchmarks use; `ORDERDESK_TEST_PG` overrides it.
pub fn server_url() -> String {
    std::env::var("ORDERDESK_TEST_PG")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".to_owned())
}

pub struct TestDatabase {
    pub name: String,
    pub url: String,
    /// A hub's data directory for this test (made by the hub, removed with the database).
    pub data_dir: std::path::PathBuf,
    dropped: bool,
}

impl TestDatabase {
    pub async fn create(prefix: &str) -> Result<TestDatabase, HubError> {
        let name = format!("{prefix}_{:016x}", fastrand::u64(..));
        admin_execute(&format!("CREATE DATABASE {name}")).await?;
        Ok(TestDatabase {
            url: format!("{}/{name}", server_url()),
            data_dir: std::env::temp_dir().join(format!("{name}_hub_data")),
            name,
            dropped: false,
        })
    }

    /// A hub serving this database on a free local port.
    pub async fn hub(&self, pool_size: usize) -> Result<crate::Hub, HubError> {
        crate::Hub::start(&crate::Config {
            database_url: self.url.clone(),
            listen: std::net::SocketAddr::from(([127, 0, 0, 1], 0)),
            pool_size,
            data_dir: self.data_dir.clone(),
            ..crate::Config::default()
        })
        .await
    }

    pub async fn drop_now(mut self) -> Result<(), HubError> {
        self.dropped = true;
        admin_execute(&format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            self.name
        ))
        .await
    }
}

impl Drop for TestDatabase {
    /// A test that failed before [`TestDatabase::drop_now`] still leaves no database behind:
    /// dropped from a thread of its own, since this may run inside an async runtime.
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.data_dir);
        if self.dropped {
            return;
        }
        let sql = format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name);
        let _ = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .ok()?;
            runtime.block_on(admin_execute(&sql)).ok()
        })
        .join();
    }
}

async fn admin_execute(sql: &str) -> Result<(), HubError> {
    let (client, conn) =
        tokio_postgres::connect(&format!("{}/postgres", server_url()), NoTls).await?;
    let driver = tokio::spawn(conn);
    let result = client.batch_execute(sql).await;
    drop(client);
    let _ = driver.await;
    Ok(result?)
}

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
    use crate::admin;
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
