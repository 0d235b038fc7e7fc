//! The connection pool and the hub's own migrations.

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};
use tokio_postgres::NoTls;

use crate::HubError;

/// Append-only: a released migration is never edited.
const MIGRATIONS: &[(i32, &str)] = &[
    (1, include_str!("../migrations/0001_init.sql")),
    (2, include_str!("../migrations/0002_sequencer.sql")),
    (3, include_str!("../migrations/0003_shop_settings.sql")),
    (4, include_str!("../migrations/0004_connectors.sql")),
];

pub fn pool(database_url: &str, size: usize) -> Result<Pool, HubError> {
    let pg: tokio_postgres::Config = database_url
        .parse()
        .map_err(|e| HubError::Admin(format!("database URL: {e}")))?;
    let manager = Manager::from_config(
        pg,
        NoTls,
        ManagerConfig {
            recycling_method: RecyclingMethod::Fast,
        },
    );
    Pool::builder(manager)
        .max_size(size)
        .build()
        .map_err(|e| HubError::Admin(format!("database pool: {e}")))
}

/// Brings the schema up to date; safe to run from several hubs at once (advisory lock).
pub async fn migrate(pool: &Pool) -> Result<(), HubError> {
    let mut client = pool.get().await?;
    let tx = client.transaction().await?;
    tx.execute("SELECT pg_advisory_xact_lock(7878001)", &[])
        .await?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS hub_migrations (version int PRIMARY KEY, \
         applied_at timestamptz NOT NULL DEFAULT now())",
    )
    .await?;
    for (version, sql) in MIGRATIONS {
        let done = tx
            .query_opt(
                "SELECT 1 FROM hub_migrations WHERE version = $1",
                &[version],
            )
            .await?
            .is_some();
        if !done {
            tx.batch_execute(sql).await?;
            tx.execute(
                "INSERT INTO hub_migrations (version) VALUES ($1)",
                &[version],
            )
            .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}
