//! A hub on a throw-away database and desks (each its own SQLite file) for the sync tests
//! and the sync benchmark.
#![allow(dead_code)]

use domain::{
    Actor, Channel, Customer, DeliveryMethod, Discount, Kopecks, Line, Op, OpEnvelope, Order,
    Payment, PaymentMethod, Quantity, Role, StagePosition, VatRate,
};
use hub::{admin, db, Config, Hub};
use jiff::Timestamp;
use store::{NewOp, Store, StoreError};
use sync::{HttpHub, HubLink, Round, SyncError};
use testkit::pg::TestDatabase;
use uuid::Uuid;

pub struct Team {
    pub db: TestDatabase,
    pub hub: Option<Hub>,
    pub config: Config,
    pub pool: deadpool_postgres::Pool,
    pub shop: Uuid,
}

impl Team {
    pub async fn start(prefix: &str) -> Team {
        let db = TestDatabase::create(prefix).await.expect("test database");
        let config = Config {
            database_url: db.url.clone(),
            data_dir: db.data_dir.clone(),
            listen: "127.0.0.1:0".parse().expect("addr"),
            // The simulation and the benchmark push hard from few devices.
            rate_per_s: 1e6,
            rate_burst: 1e6,
            ..Config::default()
        };
        let hub = Hub::start(&config).await.expect("hub starts");
        // The hub keeps its port across a restart, so desks keep their link.
        let config = Config {
            listen: hub.addr,
            ..config
        };
        let pool = db::pool(&db.url, 2).expect("pool");
        let shop = admin::create_shop(&pool, "Магазин").await.expect("shop");
        Team {
            db,
            hub: Some(hub),
            config,
            pool,
            shop,
        }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.config.listen)
    }

    /// A new desk of a new user with `role`, joined to the hub.
    pub async fn desk(&self, name: &str, role: &str) -> Desk {
        self.desk_with(name, role, |_| {}).await
    }

    /// A desk that did `alone` on its own store before joining the team.
    pub async fn desk_with(&self, name: &str, role: &str, alone: impl FnOnce(&Store)) -> Desk {
        let user = admin::create_user(&self.pool, self.shop, name, name, role)
            .await
            .expect("user");
        let (_, token) = admin::create_device(&self.pool, user, name)
            .await
            .expect("device");
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(&dir.path().join("desk.sqlite3")).expect("store");
        alone(&store);
        let hub = HttpHub::new(HubLink {
            url: self.url(),
            token,
        })
        .expect("client");
        sync::join(&store, &hub, now()).await.expect("join");
        Desk {
            name: name.to_owned(),
            actor: Actor {
                id: name.to_owned(),
                name: name.to_owned(),
                role: Role::parse(role).expect("role"),
            },
            store: Some(store),
            hub,
            dir,
        }
    }

    pub async fn restart_hub(&mut self) {
        if let Some(hub) = self.hub.take() {
            hub.stop().await;
        }
        self.hub = Some(Hub::start(&self.config).await.expect("hub restarts"));
    }

    pub async fn stop_hub(&mut self) {
        if let Some(hub) = self.hub.take() {
            hub.stop().await;
        }
    }

    /// Every order of the shop as the hub has it.
    pub async fn orders(&self) -> Vec<Order> {
        let rows = self
            .pool
            .get()
            .await
            .expect("conn")
            .query(
                // The hub keeps a new order's number beside its JSON (hub migration 0005).
                "SELECT CASE WHEN n.number IS NULL THEN o.body::jsonb \
                 ELSE jsonb_set(o.body::jsonb, '{number}', to_jsonb(n.number)) END \
                 FROM orders o LEFT JOIN order_numbers n \
                 ON n.shop_id = o.shop_id AND n.order_id = o.id \
                 WHERE o.shop_id = $1 ORDER BY o.id::text",
                &[&self.shop],
            )
            .await
            .expect("orders");
        rows.into_iter()
            .map(|r| serde_json::from_value(r.get(0)).expect("order json"))
            .collect()
    }

    pub async fn seqs(&self) -> Vec<i64> {
        let rows = self
            .pool
            .get()
            .await
            .expect("conn")
            .query(
                "SELECT seq FROM op_log WHERE shop_id = $1 ORDER BY seq",
                &[&self.shop],
            )
            .await
            .expect("seqs");
        rows.into_iter().map(|r| r.get(0)).collect()
    }

    pub async fn finish(mut self) {
        self.stop_hub().await;
        drop(self.pool);
        self.db.drop_now().await.expect("drop test database");
    }
}

pub struct Desk {
    pub name: String,
    pub actor: Actor,
    pub store: Option<Store>,
    pub hub: HttpHub,
    pub dir: tempfile::TempDir,
}

impl Desk {
    pub fn store(&self) -> &Store {
        self.store.as_ref().expect("desk is running")
    }

    pub async fn sync(&self) -> Result<Round, SyncError> {
        sync::round(self.store(), &self.hub, 0, now(), &mut |_, _| {}).await
    }

    /// Syncs until a round neither pushes nor pulls anything.
    pub async fn settle(&self) -> Round {
        for _ in 0..20 {
            let r = self.sync().await.expect("sync round");
            if r.pushed == 0 && r.pulled == 0 {
                return r;
            }
        }
        panic!("{} does not settle", self.name);
    }

    pub fn record(&self, op: Op) -> Result<OpEnvelope, StoreError> {
        self.store().record(NewOp {
            id: Uuid::now_v7(),
            actor: self.actor.clone(),
            at: now(),
            op,
        })
    }

    pub fn order(&self, id: Uuid) -> Order {
        self.store().order(id).expect("order on the desk")
    }

    /// Closes the database as a killed process would leave it: whatever committed stays.
    pub fn kill(&mut self) {
        self.store = None;
    }

    pub fn reopen(&mut self) {
        self.store = Some(Store::open(&self.dir.path().join("desk.sqlite3")).expect("reopen"));
    }
}

pub fn now() -> Timestamp {
    "2026-11-20T10:00:00Z".parse().expect("instant")
}

pub fn new_order(phone_tail: u32, rubles: i64) -> Op {
    let at = now();
    Op::CreateOrder {
        order: Box::new(Order {
            id: Uuid::now_v7(),
            number: 0,
            channel: Channel::Phone,
            customer: Customer {
                id: Uuid::now_v7(),
                name: format!("Покупатель {phone_tail}"),
                phone: format!("7916{phone_tail:07}"),
                email: None,
            },
            address: "Москва, Тверская, 1".into(),
            delivery: DeliveryMethod::Courier,
            delivery_zone: Some("moscow".into()),
            delivery_window: None,
            delivery_vat: VatRate::Vat22,
            payment: PaymentMethod::CashOnDelivery,
            stage: StagePosition {
                stage_id: String::new(),
                entered_at: at,
                deadline: None,
            },
            lines: vec![Line {
                id: Uuid::now_v7(),
                product_id: None,
                sku: "KETTLE".into(),
                name: "Чайник".into(),
                unit: "шт".into(),
                quantity: Quantity::units(1),
                price: Kopecks::rubles(rubles),
                vat: VatRate::Vat22,
                discount: Discount::None,
            }],
            discount: Discount::None,
            delivery_cost: Kopecks::ZERO,
            comment: None,
            created_at: at,
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
        }),
        channel: None,
    }
}

pub fn payment(order_id: Uuid, rubles: i64) -> Op {
    Op::RecordPayment {
        order_id,
        payment: Payment {
            id: Uuid::now_v7(),
            amount: Kopecks::rubles(rubles),
            method: PaymentMethod::CashOnDelivery,
            at: now(),
            note: None,
            corrects: None,
        },
    }
}

/// Payments and calls are sets: two PCs may list them in different orders.
pub fn normal(mut o: Order) -> Order {
    o.payments.sort_by_key(|p| p.id);
    o.calls.sort_by_key(|c| c.id);
    o
}

/// Every desk holds exactly the hub's orders.
pub async fn assert_converged(team: &Team, desks: &[&Desk]) {
    let hub_orders: Vec<Order> = team.orders().await.into_iter().map(normal).collect();
    for desk in desks {
        let mine: Vec<Order> = desk
            .store()
            .order_ids()
            .expect("orders")
            .into_iter()
            .map(|id| normal(desk.order(id)))
            .collect();
        assert_eq!(
            mine.len(),
            hub_orders.len(),
            "{} holds another set of orders",
            desk.name
        );
        for (a, b) in mine.iter().zip(&hub_orders) {
            assert_eq!(
                a, b,
                "{} differs from the hub on order {}",
                desk.name, b.number
            );
        }
    }
}
