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
