//! End-to-end in the real window: the built desk, driven through tauri-driver and WebKitWebDriver.
//!
//! Run by `cargo xtask test`, which builds the UI and the app and provides a display (Xvfb when
//! there is none). Run alone, it fails with a message naming what is missing.

mod window;

use std::time::Duration;

use window::{Desk, Harness};

#[tokio::test]
#[ignore = "needs the built desk, tauri-driver and a display: run `cargo xtask test`"]
async fn queue_shows_demo_orders_and_a_move_survives_a_restart() {
    // A hung driver or window fails the test with a message instead of stalling the run.
    tokio::time::timeout(Duration::from_secs(180), story())
        .await
        .expect("the end-to-end story finished within 3 minutes");
}

async fn story() {
    let harness = Harness::start().expect("end-to-end prerequisites");
    let data = tempfile::tempdir().expect("temp data dir");

    let desk = Desk::open(&harness, data.path()).await;
    let counts = desk.stage_counts().await;
    let total: u32 = counts.iter().map(|(_, n)| n).sum();
    assert_eq!(
        total, 300,
        "the demo shop has 300 orders, the queue shows {counts:?}"
    );
    let count_of = |counts: &[(String, u32)], id: &str| {
        counts
            .iter()
            .find(|(s, _)| s == id)
            .map(|(_, n)| *n)
            .unwrap_or_default()
    };
    assert!(
        count_of(&counts, "new") > 0,
        "demo orders in «Поступил»: {counts:?}"
    );

    desk.click_stage("new").await;
    let order_id = desk.open_first_order().await;
    assert_eq!(desk.text("#order-stage").await, "Поступил");
    let number = desk.text("#order-card h2").await;
    assert!(number.starts_with("№ 1"), "order number shown: {number}");
    assert!(
        desk.text("#order-lines tbody").await.contains('₽'),
        "lines with prices in rubles"
    );

    desk.click("#advance").await;
    desk.wait_text("#order-stage", "Отзвон", Duration::from_secs(10))
        .await;
    let after = desk.stage_counts().await;
    assert_eq!(count_of(&after, "new"), count_of(&counts, "new") - 1);
    assert_eq!(count_of(&after, "call"), count_of(&counts, "call") + 1);
    desk.screenshot("e2e-queue.png").await;
    eprintln!("e2e: moved order {order_id} to «Отзвон»");

    // The boundary speaks {code, message}: a bad id is a typed error, not a crash.
    let reply = desk
        .invoke_error("order_detail", r#"{"orderId":"no-such-order"}"#)
        .await;
    assert_eq!(reply["code"], "not_found", "error reply: {reply}");
    assert!(reply["message"].as_str().is_some_and(|m| !m.is_empty()));

    desk.close().await;
    eprintln!("e2e: closed the desk; reopening");

    let desk = Desk::open(&harness, data.path()).await;
    desk.click_stage("call").await;
    desk.click_in_dom(&format!("tr[data-order-id='{order_id}'] td.number"))
        .await;
    desk.wait_text("#order-stage", "Отзвон", Duration::from_secs(10))
        .await;
    desk.screenshot("e2e-after-restart.png").await;
    desk.close().await;
}
