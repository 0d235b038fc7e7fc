//! A throw-away database per test on the local PostgreSQL (127.0.0.1:5432, user postgres,
//! trust): created with a random name, dropped by [`TestDatabase::drop_now`]; and a data
//! directory of its own for the hub that serves it (one hub per data directory).

use hub::{Config, Hub, HubError};
use tokio_postgres::NoTls;

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
    pub async fn create(prefix: &str) -> Result<TestDatabase, tokio_postgres::Error> {
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
    pub async fn hub(&self, pool_size: usize) -> Result<Hub, HubError> {
        self.hub_with(pool_size, |_| {}).await
    }

    /// [`TestDatabase::hub`] with `edit` applied to its config first (a releases folder,
    /// tighter limits).
    pub async fn hub_with(
        &self,
        pool_size: usize,
        edit: impl FnOnce(&mut Config),
    ) -> Result<Hub, HubError> {
        let mut config = Config {
            database_url: self.url.clone(),
            listen: std::net::SocketAddr::from(([127, 0, 0, 1], 0)),
            pool_size,
            data_dir: self.data_dir.clone(),
            ..Config::default()
        };
        edit(&mut config);
        Hub::start(&config).await
    }

    pub async fn drop_now(mut self) -> Result<(), tokio_postgres::Error> {
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

async fn admin_execute(sql: &str) -> Result<(), tokio_postgres::Error> {
    let (client, conn) =
        tokio_postgres::connect(&format!("{}/postgres", server_url()), NoTls).await?;
    let driver = tokio::spawn(conn);
    let result = client.batch_execute(sql).await;
    drop(client);
    let _ = driver.await;
    result
}
