//! The hub's HTTP contract against a real PostgreSQL: each test makes its own database.

use domain::{
    Actor, Channel, Customer, DeliveryMethod, Discount, Kopecks, Line, Op, OpEnvelope, Order,
    PaymentMethod, Quantity, Role, StagePosition, VatRate,
};
use hub::testdb::TestDatabase;
use hub::{admin, db, Config, Hub};
use jiff::Timestamp;
use proto::sync::{OpOutcome, PushResponse, RejectCode, PROTOCOL_VERSION};
use serde_json::{json, Value};
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
            .post("/v1/push", token, json!({"protocol": 1, "ops": ops}))
            .await;
        assert_eq!(res.status(), 200);
        res.json().await.expect("push response")
    }

    async fn pull(&self, token: &str, after: i64) -> Value {
        let res = self
            .post(
                "/v1/pull",
                token,
                json!({"protocol": 1, "after": after, "rejections_after": 0, "limit": 100}),
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
        payments: vec![],
        calls: vec![],
    };
    envelope(Op::CreateOrder {
        order: Box::new(order),
    })
}

fn outcome(r: &PushResponse, i: usize) -> &OpOutcome {
    &r.results[i].outcome
}

#[tokio::test]
async fn a_token_of_one_shop_neither_reads_nor_writes_another() {
    let f = Fixture::start("hub_cross_shop", |_| {}).await;
    let a = admin::create_shop(&f.pool, "A").await.expect("shop A");
    let b = admin::create_shop(&f.pool, "B").await.expect("shop B");
    let token_a = f.member(a, "manager").await;
    let token_b = f.member(b, "manager").await;
    let create = new_order();
    let order_id = create.op.order_id();
    let r = f.push(&token_a, &[&create]).await;
    assert_eq!(outcome(&r, 0), &OpOutcome::Accepted { shop_seq: 1 });

    // B sees nothing of A's history…
    let page = f.pull(&token_b, 0).await;
    assert_eq!(page["ops"], json!([]));
    assert_eq!(page["head"], 0);
    // …cannot touch A's order (to B it does not exist)…
    let discount = envelope(Op::SetOrderDiscount {
        order_id,
        discount: Discount::Percent(5_000),
    });
    let r = f.push(&token_b, &[&discount]).await;
    match outcome(&r, 0) {
        OpOutcome::Rejected { code, current, .. } => {
            assert_eq!(*code, RejectCode::NotFound);
            assert_eq!(current, &None, "nothing of A's order is shown to B");
        }
        other => panic!("B's edit of A's order was {other:?}"),
    }
    // …and replaying A's op learns nothing of A: ids are per shop, so it is judged afresh
    // as B's own new order, in B's own history.
    let r = f.push(&token_b, &[&create]).await;
    assert_eq!(outcome(&r, 0), &OpOutcome::Accepted { shop_seq: 1 });
    assert!(!r.results[0].duplicate);
    let page = f.pull(&token_a, 0).await;
    assert_eq!(page["head"], 1, "A's history holds only its own op");
    // Within a shop, another device cannot reuse an op id to read its result.
    let other_a = f.member(a, "manager").await;
    let r = f.push(&other_a, &[&create]).await;
    assert!(matches!(
        outcome(&r, 0),
        OpOutcome::Rejected {
            code: RejectCode::IdTaken,
            current: None,
            ..
        }
    ));
    f.finish().await;
}

#[tokio::test]
async fn the_role_is_the_hubs_not_the_one_the_desk_claims() {
    let f = Fixture::start("hub_roles", |_| {}).await;
    let shop = admin::create_shop(&f.pool, "Shop").await.expect("shop");
    let manager = f.member(shop, "manager").await;
    let picker = f.member(shop, "picker").await;
    let create = new_order();
    // The envelope says Admin; the token is a picker's.
    let r = f.push(&picker, &[&create]).await;
    assert!(matches!(
        outcome(&r, 0),
        OpOutcome::Rejected {
            code: RejectCode::Forbidden,
            ..
        }
    ));
    // The refused op id stays the picker's; the manager makes their own op.
    let create = new_order();
    let order_id = create.op.order_id();
    let r = f.push(&manager, &[&create]).await;
    assert_eq!(outcome(&r, 0), &OpOutcome::Accepted { shop_seq: 1 });
    let discount = envelope(Op::SetOrderDiscount {
        order_id,
        discount: Discount::Percent(1_000),
    });
    let r = f.push(&picker, &[&discount]).await;
    assert!(matches!(
        outcome(&r, 0),
        OpOutcome::Rejected {
            code: RejectCode::Forbidden,
            ..
        }
    ));
    let page = f.pull(&manager, 0).await;
    assert_eq!(page["head"], 1);
    assert_eq!(page["ops"][0]["envelope"]["actor"]["role"], "manager");
    f.finish().await;
}

#[tokio::test]
async fn a_repeated_push_gets_the_stored_answer_and_changes_nothing() {
    let f = Fixture::start("hub_dup", |_| {}).await;
    let shop = admin::create_shop(&f.pool, "Shop").await.expect("shop");
    let token = f.member(shop, "manager").await;
    let create = new_order();
    let bad = envelope(Op::SetOrderDiscount {
        order_id: create.op.order_id(),
        discount: Discount::Percent(20_000),
    });
    let first = f.push(&token, &[&create, &bad]).await;
    assert!(!first.results[0].duplicate);
    let again = f.push(&token, &[&create, &bad, &create]).await;
    for (i, j) in [(0, 0), (1, 1), (2, 0)] {
        assert!(again.results[i].duplicate);
        assert_eq!(again.results[i].outcome, first.results[j].outcome);
    }
    let page = f.pull(&token, 0).await;
    assert_eq!(page["head"], 1, "the order was created once");
    assert_eq!(page["rejections"].as_array().map(Vec::len), Some(1));
    assert_eq!(page["ops"][0]["envelope"]["op"]["order"]["number"], 10001);
    f.finish().await;
}

#[tokio::test]
async fn bad_requests_get_clear_4xx_and_business_refusals_2xx() {
    let f = Fixture::start("hub_bad", |c| {
        c.max_body_bytes = 64 * 1024;
        c.rate_burst = 8.0;
        c.rate_per_s = 0.5;
    })
    .await;
    let shop = admin::create_shop(&f.pool, "Shop").await.expect("shop");
    let token = f.member(shop, "manager").await;
    let url = |p: &str| format!("{}{p}", f.hub.url());

    let res = f
        .http
        .post(url("/v1/push"))
        .bearer_auth(&token)
        .header("orderdesk-protocol", "1")
        .body("{\"protocol\":1,\"ops\":[")
        .send()
        .await
        .expect("answer");
    assert_eq!(res.status(), 400);
    let body: Value = res.json().await.expect("json error");
    assert_eq!(body["code"], "bad_request");
    assert!(body["message"]
        .as_str()
        .is_some_and(|m| m.contains("request body")));

    // One unreadable op is refused on its own; the good one next to it goes in.
    let good = new_order();
    let r = f
        .post(
            "/v1/push",
            &token,
            json!({"protocol": 1, "ops": [{"id": "x", "op": {"kind": "teleport"}},
                serde_json::to_value(&good).expect("json")]}),
        )
        .await;
    assert_eq!(r.status(), 200);
    let r: PushResponse = r.json().await.expect("results");
    assert!(matches!(
        outcome(&r, 0),
        OpOutcome::Rejected {
            code: RejectCode::Malformed,
            ..
        }
    ));
    assert_eq!(outcome(&r, 1), &OpOutcome::Accepted { shop_seq: 1 });

    let res = f
        .http
        .post(url("/v1/push"))
        .bearer_auth(&token)
        .header("orderdesk-protocol", "1")
        .body(vec![b' '; 65 * 1024])
        .send()
        .await
        .expect("answer");
    assert_eq!(res.status(), 413);

    let res = f
        .http
        .get(url("/v1/hello"))
        .bearer_auth(&token)
        .header("orderdesk-protocol", "2")
        .send()
        .await
        .expect("answer");
    assert_eq!(res.status(), 426);
    let body: Value = res.json().await.expect("json");
    assert_eq!(body["code"], "upgrade_required");
    assert_eq!(body["supported"], json!([1]));

    let res = f
        .http
        .get(url("/v1/hello"))
        .bearer_auth("odh_not-a-token")
        .header("orderdesk-protocol", "1")
        .send()
        .await
        .expect("answer");
    assert_eq!(res.status(), 401);

    // The burst of 8 is spent by now (4 admitted requests above) after a few more.
    let mut limited = None;
    for _ in 0..8 {
        let res = f
            .post(
                "/v1/pull",
                &token,
                json!({"protocol": 1, "after": 0,
            "rejections_after": 0, "limit": 1}),
            )
            .await;
        if res.status() == 429 {
            limited = Some(res);
            break;
        }
    }
    let res = limited.expect("the device is rate limited");
    let retry: u64 = res
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .expect("Retry-After in seconds");
    assert!((1..=2).contains(&retry), "retry after {retry}");
    // Another device of the same shop is not slowed down by it.
    let other = f.member(shop, "manager").await;
    assert_eq!(f.pull(&other, 0).await["head"], 1);
    f.finish().await;
}

#[tokio::test]
async fn a_revoked_device_is_refused_and_a_pull_wakes_on_a_commit() {
    let f = Fixture::start("hub_revoke", |_| {}).await;
    let shop = admin::create_shop(&f.pool, "Shop").await.expect("shop");
    let token = f.member(shop, "manager").await;
    let watcher = f.member(shop, "picker").await;

    let waiting = {
        let http = f.http.clone();
        let url = format!("{}/v1/pull", f.hub.url());
        let watcher = watcher.clone();
        tokio::spawn(async move {
            let started = std::time::Instant::now();
            let res = http
                .post(url)
                .bearer_auth(watcher)
                .header("orderdesk-protocol", "1")
                .json(&json!({"protocol": 1, "after": 0, "rejections_after": 0,
                    "limit": 10, "wait_ms": 20_000}))
                .send()
                .await
                .expect("answer");
            let body: Value = res.json().await.expect("json");
            (body, started.elapsed())
        })
    };
    // Give the long-poll time to start waiting; the wait would otherwise return at once.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    f.push(&token, &[&new_order()]).await;
    let (body, waited) = waiting.await.expect("pull task");
    assert_eq!(body["ops"].as_array().map(Vec::len), Some(1));
    assert!(
        waited < std::time::Duration::from_secs(10),
        "woke by the commit"
    );

    let device: Uuid = f
        .pool
        .get()
        .await
        .expect("conn")
        .query_one(
            "SELECT id FROM devices WHERE user_id = (SELECT user_id FROM devices \
            d JOIN users u ON u.id = d.user_id WHERE u.role = 'manager')",
            &[],
        )
        .await
        .expect("device")
        .get(0);
    admin::revoke_device(&f.pool, device).await.expect("revoke");
    let res = f
        .post("/v1/push", &token, json!({"protocol": 1, "ops": []}))
        .await;
    assert_eq!(res.status(), 403);
    let body: Value = res.json().await.expect("json");
    assert_eq!(body["code"], "revoked");
    f.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_pushes_get_gap_free_places_and_numbers_and_keep_each_orders_order() {
    let f = Fixture::start("hub_concurrent", |_| {}).await;
    let shop = admin::create_shop(&f.pool, "Shop").await.expect("shop");
    let mut tokens = Vec::new();
    for _ in 0..4 {
        tokens.push(f.member(shop, "manager").await);
    }
    let f = std::sync::Arc::new(f);
    let mut tasks = Vec::new();
    for token in tokens {
        let f = f.clone();
        tasks.push(tokio::spawn(async move {
            // Each batch: 40 new orders, each followed by its discount and a payment.
            let mut batch = Vec::new();
            for _ in 0..40 {
                let create = new_order();
                let order_id = create.op.order_id();
                batch.push(create);
                batch.push(envelope(Op::SetOrderDiscount {
                    order_id,
                    discount: Discount::Percent(500),
                }));
                batch.push(envelope(Op::RecordPayment {
                    order_id,
                    payment: domain::Payment {
                        id: Uuid::now_v7(),
                        amount: Kopecks(100),
                        method: PaymentMethod::CashOnDelivery,
                        at: at(),
                        note: None,
                    },
                }));
            }
            let refs: Vec<&OpEnvelope> = batch.iter().collect();
            let r = f.push(&token, &refs).await;
            r.results
                .iter()
                .map(|r| match r.outcome {
                    OpOutcome::Accepted { shop_seq } => shop_seq,
                    ref other => panic!("refused: {other:?}"),
                })
                .collect::<Vec<i64>>()
        }));
    }
    let mut seqs = Vec::new();
    for t in tasks {
        let mine = t.await.expect("pusher");
        // Within one order, the discount and the payment come after the creation.
        for triple in mine.chunks(3) {
            assert!(triple[0] < triple[1] && triple[1] < triple[2], "{triple:?}");
        }
        seqs.extend(mine);
    }
    seqs.sort_unstable();
    assert_eq!(
        seqs,
        (1..=480).collect::<Vec<i64>>(),
        "every op once, no gaps"
    );
    let client = f.pool.get().await.expect("conn");
    let numbers: Vec<i64> = client
        .query(
            "SELECT (body->>'number')::bigint FROM orders WHERE shop_id = $1 ORDER BY 1",
            &[&shop],
        )
        .await
        .expect("numbers")
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(numbers, (10_001..=10_160).collect::<Vec<i64>>());
    // The stored creation ops carry the same numbers as the orders.
    let mismatched: i64 = client
        .query_one(
            "SELECT COUNT(*) FROM ops o JOIN orders r ON r.shop_id = o.shop_id \
             AND r.id = o.creates WHERE o.shop_id = $1 \
             AND o.envelope->'op'->'order'->'number' <> r.body->'number'",
            &[&shop],
        )
        .await
        .expect("count")
        .get(0);
    assert_eq!(mismatched, 0);
    drop(client);
    let f = std::sync::Arc::try_unwrap(f).ok().expect("the only owner");
    f.finish().await;
}
