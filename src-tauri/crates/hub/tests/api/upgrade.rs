//! A hub upgraded from migration 4 (numbers written into the ops' and orders' JSON, places
//! in `ops.seq`) keeps its history: numbered ops keep their places and numbers, an op left
//! unnumbered by a stop gets the next place, and new orders continue the numbering.

use sha2::Digest;

use super::*;

#[tokio::test]
async fn a_hub_upgraded_from_migration_4_keeps_places_numbers_and_the_unnumbered_op() {
    let db = TestDatabase::create("hub_upgrade")
        .await
        .expect("test database");
    let pool = db::pool(&db.url, 2).expect("pool");
    db::migrate_up_to(&pool, 4)
        .await
        .expect("schema of migration 4");
    let shop = admin::create_shop(&pool, "Shop").await.expect("shop");
    let user = admin::create_user(&pool, shop, "anna", "Анна", "manager")
        .await
        .expect("user");
    // The device as the old hub made it: today's `create_device` asks of columns the old
    // schema does not have yet.
    let (device, token) = (Uuid::now_v7(), "odh_made_by_the_old_hub".to_owned());
    let token_sha256 = sha2::Sha256::digest(token.as_bytes()).to_vec();
    pool.get()
        .await
        .expect("conn")
        .execute(
            "INSERT INTO devices (id, shop_id, user_id, name, token_sha256) \
             VALUES ($1, $2, $3, 'pc', $4)",
            &[&device, &shop, &user, &token_sha256],
        )
        .await
        .expect("device");

    // As the old hub left them: order 10001 created and numbered, then a comment on it
    // committed but not numbered (the hub stopped in between).
    let mut create = new_order();
    create.device_id = device;
    let order_id = create.op.order_id();
    let Op::CreateOrder { order, .. } = &mut create.op else {
        unreachable!("new_order creates an order")
    };
    order.number = 10_001;
    let body = serde_json::to_value(order.as_ref()).expect("json");
    let mut comment = envelope(Op::SetComment {
        order_id,
        comment: Some("до обновления".into()),
    });
    comment.device_id = device;
    let client = pool.get().await.expect("conn");
    client
        .batch_execute(&format!(
            "UPDATE shops SET seq = 1, last_number = 10001 WHERE id = '{shop}'"
        ))
        .await
        .expect("shop counters");
    let insert_op = "INSERT INTO ops (shop_id, seq, id, device_id, device_seq, envelope, creates) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)";
    let created = serde_json::to_value(&create).expect("json");
    let commented = serde_json::to_value(&comment).expect("json");
    client
        .execute(
            insert_op,
            &[
                &shop,
                &Some(1i64),
                &create.id,
                &device,
                &1i64,
                &created,
                &Some(order_id),
            ],
        )
        .await
        .expect("numbered op");
    client
        .execute(
            insert_op,
            &[
                &shop,
                &None::<i64>,
                &comment.id,
                &device,
                &2i64,
                &commented,
                &None::<Uuid>,
            ],
        )
        .await
        .expect("unnumbered op");
    client
        .execute(
            "INSERT INTO orders (shop_id, id, body, version_op) VALUES ($1, $2, $3, $4)",
            &[&shop, &order_id, &body, &Some(create.id)],
        )
        .await
        .expect("order");
    drop(client);

    let hub = Hub::start(&Config {
        database_url: db.url.clone(),
        data_dir: db.data_dir.clone(),
        listen: "127.0.0.1:0".parse().expect("addr"),
        pool_size: 4,
        ..Config::default()
    })
    .await
    .expect("the new hub migrates and starts");
    let f = Fixture {
        db,
        hub,
        pool,
        http: reqwest::Client::new(),
    };
    // A new order continues the numbering; a refusal on the old one shows its number.
    let next = new_order();
    let bad = envelope(Op::SetOrderDiscount {
        order_id,
        discount: Discount::Percent(20_000),
    });
    let r = f.push(&token, &[&next, &bad]).await;
    assert_eq!(outcome(&r, 0), &OpOutcome::Accepted { shop_seq: 3 });
    match outcome(&r, 1) {
        OpOutcome::Rejected { current, .. } => {
            let current = current.as_ref().expect("the order as it is");
            assert_eq!(current["number"], 10_001);
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    let page = f.pull(&token, 0).await;
    let ops = page["ops"].as_array().expect("ops");
    let seqs: Vec<i64> = ops
        .iter()
        .map(|o| o["shop_seq"].as_i64().expect("seq"))
        .collect();
    assert_eq!(seqs, [1, 2, 3]);
    assert_eq!(ops[0]["envelope"]["op"]["order"]["number"], 10_001);
    assert_eq!(ops[1]["envelope"]["id"], comment.id.to_string());
    assert_eq!(ops[2]["envelope"]["op"]["order"]["number"], 10_002);
    assert_eq!(page["head"], 3);
    f.finish().await;
}
