//! A team: this desk (Olga's) syncs with a real hub while another PC (Pavel's) takes new
//! orders and records calls and payments on them, so the kill lands in pushes, pulls and the
//! rebase of Olga's pending ops onto what Pavel did. Pavel only adds (orders, calls,
//! payments): nothing of Olga's is contested, so every op of hers must stand.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use channels::{Credentials, MemorySecrets, Secret, SecretStore};
use desk::Desk;
use hub::{admin, db, Hub};
use testkit::pg::TestDatabase;

use crate::{check, now, writers, Scene, WRITERS};

const URL: &str = "ORDERDESK_CRASH_HUB";
const OLGA: &str = "ORDERDESK_CRASH_OLGA";
const PAVEL: &str = "ORDERDESK_CRASH_PAVEL";
/// The catalogue Olga's desk brings to the team.
const SKUS: [&str; 4] = ["MUG-1", "MUG-2", "TEA-1", "TEA-2"];

/// The hub and its database, for as long as the test runs.
pub struct Team {
    hub: Hub,
    database: TestDatabase,
}

impl Team {
    pub fn stop(self, rt: &tokio::runtime::Runtime) {
        rt.block_on(async {
            self.hub.stop().await;
            self.database.drop_now().await.expect("database dropped");
        });
    }
}

fn olga(dir: &Path) -> PathBuf {
    dir.join("olga")
}

fn pavel(dir: &Path) -> PathBuf {
    dir.join("pavel")
}

/// A team desk opened as the app opens it after a restart: its hub token from the keyring
/// (a map here), and the sync started.
fn open(dir: &Path, url: &str, token: &str) -> Desk {
    let secrets = Arc::new(MemorySecrets::default());
    secrets
        .set(
            uuid::Uuid::parse_str(&check::device_id(&check::db(dir))).expect("device id"),
            &Credentials {
                key: url.to_owned(),
                secret: Secret::new(token),
            },
        )
        .expect("token kept");
    let desk = Desk::open_with_secrets(dir, now(), secrets).expect("desk opens");
    assert!(
        desk.start_sync().expect("sync starts"),
        "a joined desk syncs"
    );
    desk
}

fn products(dir: &Path) {
    std::fs::create_dir_all(dir).expect("a data folder");
    let store = store::Store::open(&dir.join("orderdesk.sqlite3")).expect("database");
    for (n, sku) in SKUS.iter().enumerate() {
        let product = domain::Product {
            id: uuid::Uuid::now_v7(),
            sku: (*sku).into(),
            name: format!("Товар {sku}"),
            unit: "шт".into(),
            price: domain::Kopecks::rubles(100 * (n as i64 + 1)),
            vat: None,
            location: String::new(),
            stock: domain::Quantity::units(1000),
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
                at: now(),
                op: domain::ShopOp::SetProduct { product },
            })
            .expect("a product");
    }
}

/// A hub on a new database, two managers with a device each, and both desks joined.
pub fn scene(rt: &tokio::runtime::Runtime, dir: &Path) -> (Scene, Team) {
    let (database, hub, tokens) = rt.block_on(async {
        let database = TestDatabase::create("desk_crash").await.expect("database");
        let hub = database.hub(4).await.expect("hub");
        let pool = db::pool(&database.url, 2).expect("pool");
        let shop = admin::create_shop(&pool, "Чайная лавка")
            .await
            .expect("shop");
        let mut tokens = Vec::new();
        for login in ["olga", "pavel"] {
            let user = admin::create_user(&pool, shop, login, login, "manager")
                .await
                .expect("user");
            let (_, token) = admin::create_device(&pool, user, login)
                .await
                .expect("device");
            tokens.push(token);
        }
        (database, hub, tokens)
    });
    let url = hub.url();
    products(&olga(dir));
    let joined = |path: PathBuf, token: &str| {
        let desk = Desk::open_with_secrets(&path, now(), Arc::new(MemorySecrets::default()))
            .expect("desk opens");
        desk.join_team(&url, token).expect("joins");
        desk
    };
    let (o, p) = (
        joined(olga(dir), &tokens[0]),
        joined(pavel(dir), &tokens[1]),
    );
    // Pavel's desk has the catalogue before the children start. The catalogue comes by the
    // background sync, which has no event to wait on from here: polled, with a deadline.
    let start = Instant::now();
    while p.products().expect("catalogue").len() < SKUS.len() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "the catalogue never reached Pavel"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    o.stop_sync();
    p.stop_sync();
    drop((o, p));
    let conn = check::db(&olga(dir));
    let scene = Scene {
        name: "team",
        home: dir.to_owned(),
        dir: olga(dir),
        env: vec![
            (URL, url),
            (OLGA, tokens[0].clone()),
            (PAVEL, tokens[1].clone()),
        ],
        initial: check::stages(&conn),
        device: check::device_id(&conn),
    };
    (scene, Team { hub, database })
}

fn new_order(desk: &Desk, rng: &mut fastrand::Rng) -> proto::NewOrder {
    let products = desk.products().expect("catalogue");
    let product = &products[rng.usize(..products.len())];
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
            product_id: product.id.clone(),
            quantity: 1_000 * rng.i64(1..4),
        }],
        comment: None,
    }
}

/// Writes until killed: Olga's two threads on the orders her desk has pulled, Pavel's one
/// taking orders and recording calls and payments; both desks syncing.
pub fn child(dir: &Path, seed: u64) {
    let var = |name| std::env::var(name).expect("given");
    let url = var(URL);
    let olga = open(&olga(dir), &url, &var(OLGA));
    let pavel = open(&pavel(dir), &url, &var(PAVEL));
    let products = olga.catalog("", true).expect("catalogue");
    std::thread::scope(|s| {
        for writer in 0..WRITERS {
            let (olga, products) = (&olga, &products);
            s.spawn(move || {
                let mut rng = fastrand::Rng::with_seed(seed * WRITERS as u64 + writer as u64);
                loop {
                    let ids = writers::order_ids(olga);
                    if ids.is_empty() {
                        // Nothing pulled yet: Olga works on what Pavel's orders bring. The pull
                        // runs in the desk's background sync, so this polls for its result.
                        std::thread::sleep(Duration::from_millis(5));
                        continue;
                    }
                    for _ in 0..20 {
                        writers::one_op(olga, &ids, products, &mut rng);
                    }
                }
            });
        }
        s.spawn(|| {
            let mut rng = fastrand::Rng::with_seed(!seed);
            loop {
                let ids = writers::order_ids(&pavel);
                if ids.len() < 5 || rng.u8(..3) == 0 {
                    let _ = pavel.create_order(new_order(&pavel, &mut rng), now());
                    continue;
                }
                let id = &ids[rng.usize(..ids.len())];
                let _ = if rng.bool() {
                    pavel.log_call(id, writers::no_answer(), now()).map(drop)
                } else {
                    let payment = proto::NewPayment {
                        amount: rng.i64(1..10_000),
                        method: proto::PaymentMethod::CashOnDelivery,
                        note: None,
                    };
                    pavel.record_payment(id, payment, now()).map(drop)
                };
            }
        });
    });
}
