//! The channels' tests' helpers: a desk with a catalogue, connections to the test doubles of
//! `testkit::sites` (written from the channels' public API docs).
// Each test binary uses some of these.
#![allow(dead_code, unused_imports)]

pub use testkit::sites::{megamarket, moysklad, mp_extra, ozon, serve, woo_site, yandex};

use std::net::SocketAddr;
use std::sync::Arc;

use channels::config::{Connection, Kind, RetryPolicy, Settings, StatusMap};
use channels::{Channels, Credentials, MemorySecrets, Secret};
use domain::{Kopecks, Product, Quantity};
use uuid::Uuid;

pub fn now() -> jiff::Timestamp {
    jiff::Timestamp::from_second(1_795_330_000).expect("valid instant")
}

/// Retries quick enough for tests, same logic as production.
pub fn fast_retry() -> RetryPolicy {
    RetryPolicy {
        attempts: 4,
        first_delay_ms: 5,
        max_delay_ms: 200,
        timeout_ms: 1_000,
    }
}

pub struct Desk {
    pub dir: tempfile::TempDir,
    pub store: Arc<store::Store>,
    pub channels: Arc<Channels>,
}

pub fn desk() -> Desk {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Arc::new(store::Store::open(&dir.path().join("db.sqlite3")).expect("open store"));
    let channels = Arc::new(Channels::new(
        store.clone(),
        Arc::new(MemorySecrets::default()),
    ));
    Desk {
        dir,
        store,
        channels,
    }
}

pub fn products(store: &store::Store, skus: &[&str]) {
    let products = skus
        .iter()
        .map(|sku| Product {
            id: Uuid::now_v7(),
            sku: (*sku).to_owned(),
            name: format!("Товар {sku}"),
            unit: "шт".into(),
            price: Kopecks(10_000),
            vat: None,
            location: "A-01".into(),
            stock: Quantity(5_000),
            barcode: String::new(),
            weight_g: None,
            archived: false,
        })
        .collect();
    store
        .seed_once(
            &format!("test-products-{}", Uuid::now_v7()),
            store::Seed {
                products,
                ..Default::default()
            },
        )
        .expect("seed products");
}

pub const KEY: &str = "ck_4f1e2d";
pub const SECRET: &str = "cs_9a8b7c_top_secret";

/// The site's client for a connection made with the test keys, as the sync builds it.
pub fn woo_client(conn: &Connection) -> channels::woo::WooClient {
    channels::woo::WooClient::new(
        &conn.base_url,
        Credentials {
            key: KEY.into(),
            secret: Secret::new(SECRET),
        },
        &conn.settings,
    )
    .expect("client")
}

pub fn woo_connection(desk: &Desk, addr: SocketAddr) -> Connection {
    let settings = Settings {
        retry: fast_retry(),
        page_size: 10,
        ..Settings::default()
    };
    let c = Connection {
        id: Uuid::now_v7(),
        kind: Kind::WooCommerce,
        name: "Сайт".into(),
        base_url: format!("http://{addr}"),
        settings,
        status_map: StatusMap::woo_default(),
    };
    desk.channels
        .add_connection(
            &c,
            &Credentials {
                key: KEY.into(),
                secret: Secret::new(SECRET),
            },
            now(),
        )
        .expect("add connection");
    c
}

/// A phone order for `sku` (which must be in the catalogue), recorded and confirmed.
pub fn confirmed_order(store: &store::Store, sku: &str, at: jiff::Timestamp) -> Uuid {
    let product = store
        .products()
        .expect("products")
        .into_iter()
        .find(|p| p.sku == sku)
        .expect("product in catalogue");
    let order = domain::Order {
        id: Uuid::now_v7(),
        number: 0,
        channel: domain::Channel::Phone,
        customer: domain::Customer {
            id: Uuid::now_v7(),
            name: "Смирнова Анна".into(),
            phone: "79035550101".into(),
            email: None,
        },
        address: "125009, Москва, ул. Тверская, 7".into(),
        delivery: domain::DeliveryMethod::Courier,
        delivery_zone: None,
        delivery_window: None,
        delivery_vat: domain::VatRate::Vat22,
        payment: domain::PaymentMethod::CashOnDelivery,
        stage: domain::StagePosition {
            stage_id: String::new(),
            entered_at: at,
            deadline: None,
        },
        lines: vec![product.line(Uuid::now_v7(), Quantity(2_000), domain::VatRate::Vat22)],
        discount: domain::Discount::None,
        delivery_cost: Kopecks(0),
        comment: None,
        created_at: at,
        draft: true,
        version: 1,
        published_version: None,
        confirmed_version: None,
        original_total: Kopecks(0),
        delivery_fixed: false,
        buyer: domain::Buyer::Person,
        places: None,
        payments: Vec::new(),
        calls: Vec::new(),
    };
    let id = order.id;
    let actor = domain::Actor {
        id: "admin".into(),
        name: "Администратор".into(),
        role: domain::Role::Admin,
    };
    for op in [
        domain::Op::CreateOrder {
            order: Box::new(order),
            channel: None,
        },
        domain::Op::ConfirmVersion {
            order_id: id,
            version: 1,
        },
    ] {
        store
            .record(store::NewOp {
                id: Uuid::now_v7(),
                actor: actor.clone(),
                at,
                op,
            })
            .expect("record");
    }
    id
}
