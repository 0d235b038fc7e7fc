//! Many devices at once: places and numbers stay gap-free, each order keeps its order.

use super::*;

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
                        corrects: None,
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
            "SELECT number FROM order_numbers WHERE shop_id = $1 ORDER BY 1",
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
            "SELECT COUNT(*) FROM ops o JOIN op_log l ON l.shop_id = o.shop_id \
             AND l.op_id = o.id JOIN order_numbers n ON n.shop_id = o.shop_id \
             AND n.order_id = (o.envelope->'op'->'order'->>'id')::uuid \
             WHERE o.shop_id = $1 AND l.number IS DISTINCT FROM n.number",
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

/// Two hub processes on one database (not how a team runs it, but nothing forbids it): each
/// judges its ops without a row lock, so an op whose order changed under it through the other
/// hub must be judged again, never written over the other's change.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hubs_on_one_database_lose_no_payment_on_one_order() {
    let f = Fixture::start("hub_two_hubs", |_| {}).await;
    let second = Hub::start(&Config {
        database_url: f.db.url.clone(),
        // A hub of its own beside the first: its own data directory.
        data_dir: f.db.data_dir.join("second"),
        listen: "127.0.0.1:0".parse().expect("addr"),
        pool_size: 4,
        ..Config::default()
    })
    .await
    .expect("second hub starts");
    let shop = admin::create_shop(&f.pool, "Shop").await.expect("shop");
    let (a, b) = (
        f.member(shop, "manager").await,
        f.member(shop, "manager").await,
    );
    let create = new_order();
    let order_id = create.op.order_id();
    let r = f.push(&a, &[&create]).await;
    assert_eq!(outcome(&r, 0), &OpOutcome::Accepted { shop_seq: 1 });
    // Several pushers per hub keep each hub's queue on the order busy, so the two hubs'
    // reads and writes overlap.
    const PUSHERS: usize = 3;
    const EACH: usize = 10;
    let paid = (2 * PUSHERS * EACH) as i64;
    let mut tasks = Vec::new();
    let hubs = [(f.hub.url(), a), (second.url(), b)];
    for (url, token) in hubs
        .iter()
        .flat_map(|h| std::iter::repeat_n(h.clone(), PUSHERS))
    {
        let http = f.http.clone();
        tasks.push(tokio::spawn(async move {
            for _ in 0..EACH {
                let pay = envelope(Op::RecordPayment {
                    order_id,
                    payment: domain::Payment {
                        id: Uuid::now_v7(),
                        amount: Kopecks(100),
                        method: PaymentMethod::CashOnDelivery,
                        at: at(),
                        note: None,
                        corrects: None,
                    },
                });
                let res = http
                    .post(format!("{url}/v1/push"))
                    .bearer_auth(&token)
                    .header("orderdesk-protocol", PROTOCOL_VERSION.to_string())
                    .json(&json!({"protocol": PROTOCOL_VERSION, "ops": [pay]}))
                    .send()
                    .await
                    .expect("hub answers");
                assert_eq!(res.status(), 200);
                let r: PushResponse = res.json().await.expect("push response");
                assert!(
                    matches!(outcome(&r, 0), OpOutcome::Accepted { .. }),
                    "{:?}",
                    r.results
                );
            }
        }));
    }
    for t in tasks {
        t.await.expect("pusher");
    }
    let client = f.pool.get().await.expect("conn");
    let row = client
        .query_one(
            "SELECT json_array_length(body->'payments'), rev FROM orders WHERE id = $1",
            &[&order_id],
        )
        .await
        .expect("order");
    assert_eq!(i64::from(row.get::<_, i32>(0)), paid, "every payment kept");
    assert_eq!(row.get::<_, i64>(1), paid, "one change per payment");
    let seqs: Vec<i64> = client
        .query(
            "SELECT seq FROM op_log WHERE shop_id = $1 ORDER BY seq",
            &[&shop],
        )
        .await
        .expect("seqs")
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(seqs, (1..=1 + paid).collect::<Vec<i64>>());
    drop(client);
    second.stop().await;
    f.finish().await;
}
