//! The connection pool and the hub's own migrations.

use std::path::Path;

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};
use tokio_postgres::NoTls;

use crate::HubError;

/// Append-only: a released migration is never edited.
const MIGRATIONS: &[(i32, &str)] = &[
    (1, include_str!("../migrations/0001_init.sql")),
    (2, include_str!("../migrations/0002_sequencer.sql")),
    (3, include_str!("../migrations/0003_shop_settings.sql")),
    (4, include_str!("../migrations/0004_connectors.sql")),
    (5, include_str!("../migrations/0005_optimistic_ops.sql")),
    (6, include_str!("../migrations/0006_user_revoked.sql")),
    (7, include_str!("../migrations/0007_shared_devices.sql")),
];

pub fn pool(database_url: &str, size: usize) -> Result<Pool, HubError> {
    pool_with(database_url, None, size)
}

/// The pool, over TLS when the URL says `sslmode=require` (PostgreSQL's certificate checked
/// against `ca_file`, or the system's roots without one; see `tls.rs`).
pub fn pool_with(
    database_url: &str,
    ca_file: Option<&Path>,
    size: usize,
) -> Result<Pool, HubError> {
    build(parse(database_url)?, ca_file, size)
}

/// The pool order ops are judged on: its sessions commit without waiting for the WAL
/// flush, which the sequencer's synchronous numbering makes safe (see `sequencer.rs`).
/// A separate pool, so nothing else written through the hub ever commits that way.
pub fn ops_pool(database_url: &str, ca_file: Option<&Path>, size: usize) -> Result<Pool, HubError> {
    let mut pg = parse(database_url)?;
    let options = match pg.get_options() {
        Some(given) => format!("{given} -c synchronous_commit=off"),
        None => "-c synchronous_commit=off".to_owned(),
    };
    pg.options(&options);
    build(pg, ca_file, size)
}

fn parse(database_url: &str) -> Result<tokio_postgres::Config, HubError> {
    database_url
        .parse()
        .map_err(|e| HubError::Admin(format!("database URL: {e}")))
}

fn build(
    pg: tokio_postgres::Config,
    ca_file: Option<&Path>,
    size: usize,
) -> Result<Pool, HubError> {
    let config = ManagerConfig {
        recycling_method: RecyclingMethod::Fast,
    };
    let manager = match crate::tls::postgres(&pg, ca_file)? {
        Some(tls) => Manager::from_config(pg, tls, config),
        None => Manager::from_config(pg, NoTls, config),
    };
    Pool::builder(manager)
        .max_size(size)
        .build()
        .map_err(|e| HubError::Admin(format!("database pool: {e}")))
}

/// `e` with every cause it carries in its text («…: error performing TLS handshake: invalid
/// peer certificate: UnknownIssuer»): the pool's own message stops at the first.
pub fn with_causes(e: HubError) -> HubError {
    let mut text = e.to_string();
    let mut cause = std::error::Error::source(&e);
    while let Some(c) = cause {
        let more = c.to_string();
        if !text.contains(&more) {
            text = format!("{text}: {more}");
        }
        cause = c.source();
    }
    HubError::Admin(text)
}

/// Brings the schema up to date; safe to run from several hubs at once (advisory lock).
pub async fn migrate(pool: &Pool) -> Result<(), HubError> {
    migrate_up_to(pool, i32::MAX).await
}

/// Applies the migrations up to `last` only: how an upgrade test makes an older hub's
/// database.
pub async fn migrate_up_to(pool: &Pool, last: i32) -> Result<(), HubError> {
    let mut client = pool.get().await?;
    let tx = client.transaction().await?;
    tx.execute("SELECT pg_advisory_xact_lock(7878001)", &[])
        .await?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS hub_migrations (version int PRIMARY KEY, \
         applied_at timestamptz NOT NULL DEFAULT now())",
    )
    .await?;
    // A database a newer hub has migrated holds what this binary cannot read or would
    // misjudge: refuse it rather than serve it.
    let newest: Option<i32> = tx
        .query_one("SELECT max(version) FROM hub_migrations", &[])
        .await?
        .get(0);
    let known = MIGRATIONS.last().map_or(0, |(v, _)| *v);
    if let Some(newest) = newest.filter(|n| *n > known) {
        return Err(HubError::Admin(format!(
            "the database was migrated by a newer orderdesk-hub (schema {newest}; this one \
             knows up to {known}): run the newer version"
        )));
    }
    for (version, sql) in MIGRATIONS.iter().filter(|(v, _)| *v <= last) {
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
