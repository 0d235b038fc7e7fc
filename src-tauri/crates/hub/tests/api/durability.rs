//! Accepted ops commit without waiting for the disk; only the sequencer's synchronous
//! numbering makes them visible. An op that committed but is not numbered yet — the state a
//! crash could lose — is never returned by a pull nor counted in the head.

use super::*;

#[tokio::test]
async fn an_op_is_not_visible_to_pull_before_its_numbering_commits() {
    let f = Fixture::start("hub_durable", |_| {}).await;
    let shop = admin::create_shop(&f.pool, "Shop").await.expect("shop");
    let token = f.member(shop, "manager").await;
    let create = new_order();
    let order_id = create.op.order_id();
    let r = f.push(&token, &[&create]).await;
    assert_eq!(outcome(&r, 0), &OpOutcome::Accepted { shop_seq: 1 });

    // What an op's asynchronous commit leaves before the sequencer has run: the op and its
    // place in the queue (written here directly, as push.rs writes them).
    let early = envelope(Op::SetComment {
        order_id,
        comment: Some("ещё не пронумерован".into()),
    });
    let client = f.pool.get().await.expect("conn");
    let device: Uuid = client
        .query_one("SELECT device_id FROM ops", &[])
        .await
        .expect("device")
        .get(0);
    client
        .execute(
            "WITH q AS (INSERT INTO op_queue (shop_id, op_id) VALUES ($1, $2)) \
             INSERT INTO ops (shop_id, id, device_id, device_seq, envelope) \
             VALUES ($1, $2, $3, 2, $4)",
            &[
                &shop,
                &early.id,
                &device,
                &serde_json::to_value(&early).expect("json"),
            ],
        )
        .await
        .expect("unnumbered op");
    let page = f.pull(&token, 0).await;
    assert_eq!(page["ops"].as_array().expect("ops").len(), 1);
    assert_eq!(page["head"], 1);

    // The next push's numbering takes it, in arrival order, without a gap.
    let paid = envelope(Op::SetComment {
        order_id,
        comment: Some("после".into()),
    });
    let r = f.push(&token, &[&paid]).await;
    assert_eq!(outcome(&r, 0), &OpOutcome::Accepted { shop_seq: 3 });
    let page = f.pull(&token, 0).await;
    let seqs: Vec<i64> = page["ops"]
        .as_array()
        .expect("ops")
        .iter()
        .map(|o| o["shop_seq"].as_i64().expect("seq"))
        .collect();
    assert_eq!(seqs, [1, 2, 3]);
    assert_eq!(page["head"], 3);
    assert_eq!(
        page["ops"][1]["envelope"]["id"],
        early.id.to_string(),
        "numbered where it arrived"
    );
    drop(client);
    f.finish().await;
}
