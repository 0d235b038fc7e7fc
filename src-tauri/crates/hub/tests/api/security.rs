//! Who may read and write what: shops apart, roles from the hub, revoked devices.

use super::*;

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
                .header("orderdesk-protocol", PROTOCOL_VERSION.to_string())
                .json(
                    &json!({"protocol": PROTOCOL_VERSION, "after": 0, "rejections_after": 0,
                    "limit": 10, "wait_ms": 20_000}),
                )
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
        .post(
            "/v1/push",
            &token,
            json!({"protocol": PROTOCOL_VERSION, "ops": []}),
        )
        .await;
    assert_eq!(res.status(), 403);
    let body: Value = res.json().await.expect("json");
    assert_eq!(body["code"], "revoked");
    f.finish().await;
}
