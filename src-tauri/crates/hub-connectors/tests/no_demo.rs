//! Nothing of the demo reaches a team: a new desk that joins a real hub (PostgreSQL on
//! 127.0.0.1:5432) and the hub's connector worker, which opens a desk of its own for the
//! shop, hold no demo order, product, customer or requisites, and the hub received none.
//! Before the demo was opt-in both were given the demo catalogue, which the first join
//! pushed to the hub as the shop's real products.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use hub::{admin, db, Config};
use hub_connectors::{self as connector, ConnectorHub};
use proto::sync::SyncStatus;
use testkit::pg::TestDatabase;

async fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "timed out waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The rows a demo would have left in a desk's file.
fn rows(file: &Path) -> store::RowCounts {
    store::row_counts_at(file).expect("the desk's file")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_new_team_desk_and_the_hubs_worker_hold_no_demo_rows_and_push_none() {
    let test_db = TestDatabase::create("no_demo")
        .await
        .expect("test database");
    let pool = db::pool(&test_db.url, 2).expect("pool");
    db::migrate(&pool).await.expect("migrate");
    let shop = admin::create_shop(&pool, "Чайная лавка")
        .await
        .expect("shop");
    let data = tempfile::tempdir().expect("hub data");
    connector::admin::enable(&pool, data.path(), shop)
        .await
        .expect("connectors on the hub");
    let hub = ConnectorHub::start(&Config {
        database_url: test_db.url.clone(),
        listen: "127.0.0.1:0".parse().expect("addr"),
        pool_size: 8,
        data_dir: data.path().to_path_buf(),
        connector_tick_s: 1,
        ..Config::default()
    })
    .await
    .expect("hub");
    // The worker has opened its desk and joined the hub.
    wait_for("the connector worker", || hub.connector_workers() == 1).await;

    let user = admin::create_user(&pool, shop, "olga", "Ольга", "manager")
        .await
        .expect("user");
    let (_, token) = admin::create_device(&pool, user, "pc")
        .await
        .expect("device");
    let dir = tempfile::tempdir().expect("desk dir");
    let (path, url) = (dir.path().to_path_buf(), hub.url());
    let desk = tokio::task::spawn_blocking(move || {
        // As the first-run screen does it: a new desk, «Подключиться к команде».
        let desk = desk::Desk::open_with_secrets(
            &path,
            jiff::Timestamp::now(),
            Arc::new(channels::MemorySecrets::default()),
        )
        .expect("open");
        assert_eq!(
            desk.shop_setup().expect("setup").kind,
            proto::SetupKind::New
        );
        desk.join_team(&url, &token).expect("join");
        Arc::new(desk)
    })
    .await
    .expect("desk thread");
    let d = desk.clone();
    wait_for("the desk to be in sync", move || {
        d.sync_state().expect("state").status == SyncStatus::Synced
    })
    .await;
    assert_eq!(
        desk.shop_setup().expect("setup").kind,
        proto::SetupKind::Team
    );

    let none = store::RowCounts::default();
    assert_eq!(rows(&dir.path().join("orderdesk.sqlite3")), none);
    let worker_file = connector::admin::shop_dir(data.path(), shop).join("orderdesk.sqlite3");
    assert_eq!(rows(&worker_file), none);

    let client = pool.get().await.expect("connection");
    for (table, what) in [
        ("products", "products"),
        ("orders", "orders"),
        ("ops", "ops"),
    ] {
        let n: i64 = client
            .query_one(
                &format!("SELECT COUNT(*) FROM {table} WHERE shop_id = $1"),
                &[&shop],
            )
            .await
            .expect("count")
            .get(0);
        assert_eq!(n, 0, "the hub got {n} {what}");
    }
    let requisites: i64 = client
        .query_one(
            "SELECT COUNT(*) FROM shop_settings WHERE shop_id = $1 AND requisites IS NOT NULL",
            &[&shop],
        )
        .await
        .expect("count")
        .get(0);
    assert_eq!(requisites, 0);
    drop(client);
    desk.stop_sync();
    drop(hub);
    drop(pool);
    test_db.drop_now().await.expect("drop database");
}
