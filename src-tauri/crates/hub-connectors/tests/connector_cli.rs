//! `orderdesk-hub connector …` as an administrator runs it.

use std::process::Command;

use hub::{admin, db};
use testkit::pg::TestDatabase;

fn hub_cli(db: &TestDatabase, data: &std::path::Path, args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_orderdesk-hub"))
        .args(args)
        .env("ORDERDESK_HUB_DATABASE_URL", &db.url)
        .env("ORDERDESK_HUB_DATA_DIR", data)
        .env("RUST_LOG", "warn")
        .output()
        .expect("orderdesk-hub runs");
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

#[tokio::test]
async fn connectors_are_enabled_listed_and_disabled_from_the_command_line() {
    let db = TestDatabase::create("hub_conn_cli")
        .await
        .expect("database");
    let pool = db::pool(&db.url, 1).expect("pool");
    db::migrate(&pool).await.expect("migrate");
    let shop = admin::create_shop(&pool, "Лавка")
        .await
        .expect("shop")
        .to_string();
    let data = tempfile::tempdir().expect("data dir");

    let (ok, text) = hub_cli(&db, data.path(), &["connector", "enable", &shop]);
    assert!(ok, "{text}");
    let device = text
        .lines()
        .find_map(|l| l.rsplit_once(" as device "))
        .map(|(_, d)| d.trim().to_owned())
        .unwrap_or_else(|| panic!("no device in {text}"));
    // The worker's token is in the shop's private file, not printed.
    assert!(!text.contains("odh_"), "{text}");
    let file = data.path().join("shops").join(&shop).join("secrets.json");
    assert!(std::fs::read_to_string(&file)
        .expect("secret file")
        .contains("odh_"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // Enabling again keeps the same device.
    let (ok, again) = hub_cli(&db, data.path(), &["connector", "enable", &shop]);
    assert!(ok && again.contains(&device), "{again}");
    let (_, list) = hub_cli(&db, data.path(), &["connector", "list"]);
    assert_eq!(list.trim(), format!("{shop} {device}"));

    let (ok, text) = hub_cli(&db, data.path(), &["connector", "disable", &shop]);
    assert!(ok, "{text}");
    let (_, list) = hub_cli(&db, data.path(), &["connector", "list"]);
    assert!(list.trim().is_empty(), "{list}");
    let (ok, _) = hub_cli(&db, data.path(), &["connector", "disable", &shop]);
    assert!(!ok, "disabling twice is an error");
}

#[tokio::test]
async fn enabling_again_after_the_secret_file_was_lost_revokes_the_old_worker_device() {
    let db = TestDatabase::create("hub_conn_lost")
        .await
        .expect("database");
    // Two connections, as the command line has: enabling takes one and makes users on another.
    let pool = db::pool(&db.url, 2).expect("pool");
    db::migrate(&pool).await.expect("migrate");
    let shop = admin::create_shop(&pool, "Лавка").await.expect("shop");
    let data = tempfile::tempdir().expect("data dir");
    let first = hub_connectors::admin::enable(&pool, data.path(), shop)
        .await
        .expect("enable");
    std::fs::remove_file(
        data.path()
            .join("shops")
            .join(shop.to_string())
            .join("secrets.json"),
    )
    .expect("the secret file is lost");
    let second = hub_connectors::admin::enable(&pool, data.path(), shop)
        .await
        .expect("enable again");
    assert_ne!(first, second);
    let devices = admin::list_devices(&pool, shop).await.expect("devices");
    let state = |id| devices.iter().find(|d| d.id == id).map(|d| d.revoked);
    assert_eq!(state(first), Some(true), "the lost token still works");
    assert_eq!(state(second), Some(false));
    drop(pool);
    db.drop_now().await.expect("drop");
}
