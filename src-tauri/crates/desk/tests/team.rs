//! Two desks joined to a real hub through the desk API: the background sync brings one's
//! new order to the other without anyone pressing anything, the state says synced, and a
//! revoked desk turns read-only.

use std::time::{Duration, Instant};

use std::path::Path;
use std::sync::Arc;

use channels::{MemorySecrets, SecretStore};
use desk::Desk;
use hub::{admin, db, Config, Hub};
use proto::sync::SyncStatus;
use testkit::pg::TestDatabase;

/// Generous: this waits for background threads, it does not measure them.
const PATIENCE: Duration = Duration::from_secs(20);

fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < PATIENCE, "gave up waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The team has no demo catalogue: Olga's desk has one product of its own before it joins,
/// which the join brings to the team.
fn one_product(data_dir: &Path, now: jiff::Timestamp) {
    let store = store::Store::open(&data_dir.join("orderdesk.sqlite3")).expect("database");
    let product = domain::Product {
        id: uuid::Uuid::now_v7(),
        sku: "MUG-1".into(),
        name: "Кружка".into(),
        unit: "шт".into(),
        price: domain::Kopecks::rubles(500),
        vat: None,
        location: String::new(),
        stock: domain::Quantity::units(10),
        barcode: String::new(),
        weight_g: None,
        archived: false,
    };
    store
        .record_shop_op(store::NewShopOp {
            id: uuid::Uuid::now_v7(),
            actor: domain::Actor {
                id: "admin".into(),
                name: "Администратор".into(),
                role: domain::Role::Admin,
            },
            at: now,
            op: domain::ShopOp::SetProduct { product },
        })
        .expect("a product");
}

fn order(desk: &Desk) -> proto::NewOrder {
    let product = desk.products().expect("catalogue").remove(0);
    proto::NewOrder {
        customer: "Сидорова Анна".into(),
        phone: "+7 916 555-44-33".into(),
        email: None,
        delivery: proto::DeliveryChange {
            method: proto::DeliveryMethod::Pickup,
            zone: None,
            address: "Самовывоз".into(),
            window_from: None,
            window_to: None,
        },
        payment: proto::PaymentMethod::CashOnDelivery,
        lines: vec![proto::NewLine {
            product_id: product.id,
            quantity: 2_000,
        }],
        comment: None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn joined_desks_sync_in_the_background_and_a_revoked_one_is_read_only() {
    let test_db = TestDatabase::create("desk_team").await.expect("database");
    let hub = Hub::start(&Config {
        database_url: test_db.url.clone(),
        data_dir: test_db.data_dir.clone(),
        listen: "127.0.0.1:0".parse().expect("addr"),
        ..Config::default()
    })
    .await
    .expect("hub");
    let pool = db::pool(&test_db.url, 2).expect("pool");
    let shop = admin::create_shop(&pool, "Shop").await.expect("shop");
    let mut tokens = Vec::new();
    let mut devices = Vec::new();
    for login in ["olga", "pavel"] {
        let user = admin::create_user(&pool, shop, login, login, "manager")
            .await
            .expect("user");
        let (device, token) = admin::create_device(&pool, user, login)
            .await
            .expect("device");
        tokens.push(token);
        devices.push(device);
    }
    let url = hub.url();
    let now = jiff::Timestamp::now();
    let dirs = [
        tempfile::tempdir().expect("dir"),
        tempfile::tempdir().expect("dir"),
    ];

    // The OS keyring in the app; a map here (the test machine may have no Secret Service).
    let secrets: [Arc<dyn SecretStore>; 2] = [
        Arc::new(MemorySecrets::default()),
        Arc::new(MemorySecrets::default()),
    ];
    let (olga, pavel) = tokio::task::spawn_blocking({
        let (url, tokens, secrets) = (url.clone(), tokens.clone(), secrets.clone());
        let paths = [dirs[0].path().to_owned(), dirs[1].path().to_owned()];
        move || {
            one_product(&paths[0], now);
            let olga =
                Desk::open_with_secrets(&paths[0], now, secrets[0].clone()).expect("olga's desk");
            let pavel =
                Desk::open_with_secrets(&paths[1], now, secrets[1].clone()).expect("pavel's desk");
            assert_eq!(
                olga.sync_state().expect("state").status,
                SyncStatus::NotJoined
            );
            assert!(olga
                .queue(now)
                .expect("queue")
                .stages
                .iter()
                .all(|s| s.count == 0));
            let user = olga.join_team(&url, &tokens[0]).expect("olga joins");
            assert_eq!(user.name, "olga");
            assert_eq!(user.role, proto::Role::Manager);
            pavel.join_team(&url, &tokens[1]).expect("pavel joins");
            (olga, pavel)
        }
    })
    .await
    .expect("desks");

    let olga = std::sync::Arc::new(olga);
    let pavel = std::sync::Arc::new(pavel);
    let (o, p) = (olga.clone(), pavel.clone());
    let order_id = tokio::task::spawn_blocking(move || {
        let made = o.create_order(order(&o), now).expect("olga takes an order");
        // Pavel's desk is in a long-poll; the hub wakes it with Olga's commit.
        wait_for("pavel to see olga's order", || p.order(&made.id).is_ok());
        wait_for("olga's desk to say synced", || {
            o.sync_state().expect("state").status == SyncStatus::Synced
        });
        assert_eq!(o.sync_state().expect("state").pending, 0);
        assert_eq!(p.order(&made.id).expect("order").number, "10001");
        made.id
    })
    .await
    .expect("sync");
    for (dir, token) in dirs.iter().zip(&tokens) {
        assert_token_not_in_files(dir.path(), token);
    }

    admin::revoke_device(&pool, devices[1])
        .await
        .expect("revoke");
    let (o, p) = (olga.clone(), pavel.clone());
    let moved = order_id.clone();
    tokio::task::spawn_blocking(move || {
        let order_id = moved;
        // Olga's change ends Pavel's long-poll; his next request meets the revocation.
        o.advance(&order_id, now).expect("olga moves it");
        wait_for("pavel's desk to learn it was revoked", || {
            p.sync_state().expect("state").status == SyncStatus::Revoked
        });
        let refused = p.advance(&order_id, now).expect_err("read-only");
        assert_eq!(
            proto::CommandError::from(refused).code,
            proto::ErrorCode::Forbidden
        );
        // The data stays readable.
        assert!(p.order(&order_id).is_ok());
        o.stop_sync();
        p.stop_sync();
    })
    .await
    .expect("revocation");
    // Reopened (the app restarted), the revoked desk is still read-only before any contact.
    drop(pavel);
    let again = Desk::open_with_secrets(dirs[1].path(), now, secrets[1].clone()).expect("reopen");
    assert!(
        !again.start_sync().expect("start"),
        "a revoked desk does not sync"
    );
    assert_eq!(
        again.sync_state().expect("state").status,
        SyncStatus::Revoked
    );
    assert!(again.set_comment(&order_id, Some("x".into()), now).is_err());
    hub.stop().await;
    drop(pool);
    test_db.drop_now().await.expect("drop database");
}

/// No file of the desk's database (the file, its WAL and shared memory) holds the token.
fn assert_token_not_in_files(dir: &Path, token: &str) {
    for entry in std::fs::read_dir(dir).expect("data dir") {
        let path = entry.expect("entry").path();
        let database = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with("orderdesk.sqlite3"));
        if !database {
            continue;
        }
        let bytes = std::fs::read(&path).expect("file");
        assert!(
            !bytes.windows(token.len()).any(|w| w == token.as_bytes()),
            "{} holds the hub token",
            path.display()
        );
    }
}

/// Versions before the keyring kept the token in the database: the next start moves it to
/// the keyring and leaves no byte of it in the file.
#[test]
fn a_hub_token_kept_in_the_database_by_an_older_version_moves_to_the_keyring() {
    let dir = tempfile::tempdir().expect("dir");
    let token = "od_legacy_0123456789abcdef0123456789abcdef";
    let device_id = {
        let store = store::Store::open(&dir.path().join("orderdesk.sqlite3")).expect("store");
        store.join_team(jiff::Timestamp::now()).expect("joined");
        store
            .set_hub_url("http://hub.local:7878".into())
            .expect("url");
        store.set_legacy_hub_token(token.into()).expect("token");
        store.device_id()
    };
    let secrets = Arc::new(MemorySecrets::default());
    let now = jiff::Timestamp::now();
    let desk = Desk::open_with_secrets(dir.path(), now, secrets.clone()).expect("open");
    let kept = secrets.get(device_id).expect("keyring").expect("moved");
    assert_eq!(kept.secret.expose(), token);
    assert_eq!(kept.key, "http://hub.local:7878");
    drop(desk);
    assert_token_not_in_files(dir.path(), token);
}

/// The hub's refusal of one of this desk's ops is marked in the order's history, at the op:
/// the code, the hub's reason and the value that won.
#[test]
fn a_refused_op_is_marked_in_the_orders_history_with_the_hubs_code_and_value() {
    let dir = tempfile::tempdir().expect("dir");
    let now = jiff::Timestamp::now();
    let secrets = Arc::new(MemorySecrets::default());
    one_product(dir.path(), now);
    let desk = Desk::open_with_secrets(dir.path(), now, secrets).expect("open");
    let made = desk.create_order(order(&desk), now).expect("order");
    desk.set_comment(&made.id, Some("позвонить после обеда".into()), now)
        .expect("comment");
    let history = desk.history(&made.id).expect("history");
    let note = history.last().expect("the note's entry");
    assert_eq!(note.refused, None);

    // The hub refuses the note; its order carries another note (as a sync round records it).
    let order_id: uuid::Uuid = made.id.parse().expect("id");
    // The desk's own store (a second one on its file would be refused: one desk per file).
    let runner = desk.channel_runner();
    let file = runner.store();
    let mut current = file.order(order_id).expect("order");
    current.comment = Some("клиент уехал".into());
    file.record_push(vec![store::PushAnswer::Rejected(store::RejectionRecord {
        op_id: note.op_id.parse().expect("op id"),
        code: "stale_version".into(),
        message: "version 1 is not the latest (2)".into(),
        current: Some(serde_json::to_string(&current).expect("json")),
        at: now,
    })])
    .expect("refusal recorded");

    let history = desk.history(&made.id).expect("history");
    let note = history.last().expect("the note's entry");
    assert_eq!(note.refused.as_deref(), Some("stale_version"));
    assert_eq!(note.actor_name, "Администратор");
    assert!(
        note.description.contains("отклонено")
            && note.description.contains("stale_version")
            && note.description.contains("клиент уехал"),
        "{}",
        note.description
    );
    assert_eq!(
        history[0].refused, None,
        "the other entries are as they were"
    );
}
