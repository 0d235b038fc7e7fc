//! The hub's HTTP contract against a real PostgreSQL: each test makes its own database.

mod concurrency;
mod contract;
mod durability;
mod hostile;
mod payment_fixes;
mod security;
mod shared_device;
mod tls;
mod updates;
mod upgrade;
mod version_notes;

use domain::{
    Actor, Channel, Customer, DeliveryMethod, Discount, Kopecks, Line, Op, OpEnvelope, Order,
    PaymentMethod, Quantity, Role, StagePosition, VatRate,
};
use hub::{admin, db, Config, Hub};
use jiff::Timestamp;
use proto::sync::{OpOutcome, PushResponse, RejectCode, PROTOCOL_VERSION};
use serde_json::{json, Value};
use testkit::pg::TestDatabase;
use uuid::Uuid;

struct Fixture {
    db: TestDatabase,
    hub: Hub,
    pool: deadpool_postgres::Pool,
    http: reqwest::Client,
}

impl Fixture {
    async fn start(prefix: &str, config: impl FnOnce(&mut Config)) -> Fixture {
        let db = TestDatabase::create(prefix).await.expect("test database");
        let mut cfg = Config {
            database_url: db.url.clone(),
            data_dir: db.data_dir.clone(),
            listen: "127.0.0.1:0".parse().expect("addr"),
            // These tests run side by side on a PostgreSQL other tests share.
            pool_size: 8,
            ..Config::default()
        };
        config(&mut cfg);
        let hub = Hub::start(&cfg).await.expect("hub starts");
        let pool = db::pool(&db.url, 2).expect("pool");
        Fixture {
            db,
            hub,
            pool,
            http: reqwest::Client::new(),
        }
    }

    /// A shop with one user of `role` and one device; returns the device's token.
    async fn member(&self, shop: Uuid, role: &str) -> String {
        let login = format!("{role}{}", fastrand::u32(..));
        let user = admin::create_user(&self.pool, shop, &login, "Сотрудник", role)
            .await
            .expect("user");
        admin::create_device(&self.pool, user, "pc")
            .await
            .expect("device")
            .1
    }

    async fn post(&self, path: &str, token: &str, body: Value) -> reqwest::Response {
        self.http
            .post(format!("{}{path}", self.hub.url()))
            .bearer_auth(token)
            .header("orderdesk-protocol", PROTOCOL_VERSION.to_string())
            .json(&body)
            .send()
            .await
            .expect("hub answers")
    }

    async fn push(&self, token: &str, ops: &[&OpEnvelope]) -> PushResponse {
        let ops: Vec<Value> = ops
            .iter()
            .map(|o| serde_json::to_value(o).expect("json"))
            .collect();
        let res = self
            .post(
                "/v1/push",
                token,
                json!({"protocol": PROTOCOL_VERSION, "ops": ops}),
            )
            .await;
        assert_eq!(res.status(), 200);
        res.json().await.expect("push response")
    }

    async fn pull(&self, token: &str, after: i64) -> Value {
        let res = self
            .post(
                "/v1/pull",
                token,
                json!({"protocol": PROTOCOL_VERSION, "after": after, "rejections_after": 0, "limit": 100}),
            )
            .await;
        assert_eq!(res.status(), 200);
        res.json().await.expect("pull response")
    }

    async fn finish(self) {
        self.hub.stop().await;
        drop(self.pool);
        self.db.drop_now().await.expect("drop test database");
    }
}

fn at() -> Timestamp {
    "2026-11-20T10:00:00Z".parse().expect("instant")
}

fn envelope(op: Op) -> OpEnvelope {
    OpEnvelope {
        id: Uuid::now_v7(),
        device_id: Uuid::now_v7(),
        device_seq: 1,
        actor: Actor {
            id: "whoever".into(),
            name: "Claims to be admin".into(),
            role: Role::Admin,
        },
        at: at(),
        op,
        based_on: None,
    }
}

fn new_order() -> OpEnvelope {
    let order = Order {
        id: Uuid::now_v7(),
        number: 0,
        channel: Channel::Phone,
        customer: Customer {
            id: Uuid::now_v7(),
            name: "Петров Пётр".into(),
            phone: "79160000001".into(),
            email: None,
        },
        address: "Москва".into(),
        delivery: DeliveryMethod::Courier,
        delivery_zone: Some("moscow".into()),
        delivery_window: None,
        delivery_vat: VatRate::Vat22,
        payment: PaymentMethod::CashOnDelivery,
        stage: StagePosition {
            stage_id: String::new(),
            entered_at: at(),
            deadline: None,
        },
        lines: vec![Line {
            id: Uuid::now_v7(),
            product_id: None,
            sku: "SKU-1".into(),
            name: "Чайник".into(),
            unit: "шт".into(),
            quantity: Quantity::units(1),
            price: Kopecks::rubles(3_000),
            vat: VatRate::Vat22,
            discount: Discount::None,
        }],
        discount: Discount::None,
        delivery_cost: Kopecks::ZERO,
        comment: None,
        created_at: at(),
        draft: true,
        version: 1,
        published_version: None,
        confirmed_version: None,
        original_total: Kopecks::ZERO,
        delivery_fixed: false,
        buyer: domain::Buyer::Person,
        places: None,
        payments: vec![],
        calls: vec![],
    };
    envelope(Op::CreateOrder {
        order: Box::new(order),
        channel: None,
    })
}

fn outcome(r: &PushResponse, i: usize) -> &OpOutcome {
    &r.results[i].outcome
}
