//! The protocol's promises: stored answers for repeats, clear 4xx for bad requests.

use super::*;

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
        .header("orderdesk-protocol", PROTOCOL_VERSION.to_string())
        .body("{\"protocol\":2,\"ops\":[")
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
            json!({"protocol": PROTOCOL_VERSION, "ops": [{"id": "x", "op": {"kind": "teleport"}},
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
        .header("orderdesk-protocol", PROTOCOL_VERSION.to_string())
        .body(vec![b' '; 65 * 1024])
        .send()
        .await
        .expect("answer");
    assert_eq!(res.status(), 413);

    let res = f
        .http
        .get(url("/v1/hello"))
        .bearer_auth(&token)
        .header("orderdesk-protocol", (PROTOCOL_VERSION + 1).to_string())
        .send()
        .await
        .expect("answer");
    assert_eq!(res.status(), 426);
    let body: Value = res.json().await.expect("json");
    assert_eq!(body["code"], "upgrade_required");
    assert_eq!(body["supported"], json!([PROTOCOL_VERSION]));

    let res = f
        .http
        .get(url("/v1/hello"))
        .bearer_auth("odh_not-a-token")
        .header("orderdesk-protocol", PROTOCOL_VERSION.to_string())
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
                json!({"protocol": PROTOCOL_VERSION, "after": 0,
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
