//! Versions in the real window (issue 15, point 9): a version saved from the lines editor
//! carries its comment, the version shown to the customer and the one in force are marked,
//! confirming a version other than the one shown asks first (and a cancel changes nothing),
//! a version that changes only the zone diffs as the zone, a comment is added to an older
//! version afterwards.
//!
//! Screenshots at 1366×768 and 1920×1080 go to `ORDERDESK_SCREENSHOTS` (`versions-*.png`).

mod window;

use std::time::Duration;

use serde_json::{json, Value};
use window::{Desk, Harness};

const STEP: Duration = Duration::from_secs(10);
const ENTER: &str = "\u{E007}";

#[tokio::test]
#[ignore = "needs the built desk, tauri-driver and a display: run `cargo xtask test`"]
async fn versions_are_marked_confirming_another_asks_and_a_zone_change_shows() {
    tokio::time::timeout(Duration::from_secs(300), story())
        .await
        .expect("the versions story finished within 5 minutes");
}

async fn both_sizes(desk: &Desk, name: &str) {
    for (w, h) in [(1366, 768), (1920, 1080)] {
        desk.resize(w, h).await;
        desk.screenshot(&format!("versions-{name}-{w}x{h}.png"))
            .await;
    }
}

fn courier(zone: Value) -> Value {
    json!({
        "method": "courier",
        "zone": zone,
        "address": "г. Москва, ул. Тверская, д. 7, кв. 3",
        "window_from": null,
        "window_to": null,
    })
}

/// The order as the desk has it now.
async fn detail(desk: &Desk, id: &str) -> Value {
    desk.invoke("order_detail", json!({ "orderId": id })).await
}

async fn story() {
    let harness = Harness::start().expect("end-to-end prerequisites");
    let data = tempfile::tempdir().expect("temp data dir");
    let desk = Desk::open(&harness, data.path()).await;
    desk.resize(1366, 768).await;

    // A phone order dear enough to ride free in Moscow and outside it alike, so a change of
    // zone changes nothing else.
    let products = desk.invoke("products", json!({})).await;
    let product = &products[0];
    let price = product["price"].as_i64().expect("a price");
    let pieces = 500_000 / price + 1;
    let order = desk
        .invoke(
            "create_order",
            json!({ "order": {
                "customer": "Версионова Вера Павловна",
                "phone": "8 (916) 777-31-41",
                "email": null,
                "delivery": courier(json!("moscow")),
                "payment": "cash_on_delivery",
                "lines": [{ "product_id": product["id"], "quantity": pieces * 1000 }],
                "comment": null,
            }}),
        )
        .await;
    let id = order["id"].as_str().expect("an order id").to_owned();
    assert_eq!(order["delivery_cost"], 0, "free from 5 000 ₽: {order}");

    // Found by the phone and opened with Enter.
    desk.set_value("#search", "916 777").await;
    desk.wait_for(&format!("#orders tbody tr[data-order-id='{id}']"))
        .await;
    desk.press("#search", ENTER).await;
    desk.wait_for(&format!("#order-card[data-order-id='{id}']"))
        .await;

    // Version 2 from the lines editor, with its comment; a comment over the bound is
    // refused beside the field before anything is saved.
    desk.set_value("#order-lines tbody tr input.qty", &(pieces + 1).to_string())
        .await;
    desk.wait_for("#pending-edits #version-note").await;
    desk.set_value("#version-note", &"ж".repeat(201)).await;
    desk.wait_contains("#version-note-error", "200", STEP).await;
    desk.screenshot("versions-note-too-long-1366x768.png").await;
    desk.click_in_dom("#save-version").await;
    assert_eq!(
        detail(&desk, &id).await["version"],
        1,
        "a version is not saved without the comment meant for it"
    );
    desk.set_value("#version-note", "клиент взял ещё один")
        .await;
    desk.wait_count("#version-note-error", 0).await;
    both_sizes(&desk, "save-with-comment").await;
    desk.click_in_dom("#save-version").await;
    desk.wait_count("#pending-edits", 0).await;
    assert_eq!(detail(&desk, &id).await["version"], 2);

    // Version 3: only the zone changes (the charge stays 0 ₽).
    let changed = desk
        .invoke(
            "change_delivery",
            json!({ "orderId": id, "change": courier(Value::Null) }),
        )
        .await;
    assert_eq!(changed["version"], 3);
    assert_eq!(changed["delivery_cost"], 0);

    // The versions: version 2 shown to the customer; a draft has none in force yet.
    desk.click_in_dom("#tab-versions").await;
    // The card learns of version 3 from the desk's change counter.
    desk.wait_for("#diff-to option[value='3']").await;
    desk.wait_count("#versions tbody tr", 3).await;
    desk.click_in_dom("#versions tr[data-version='2'] button.publish")
        .await;
    desk.wait_for("#versions tr[data-version='2'] .badge.shown")
        .await;
    assert_eq!(desk.count("#versions .badge.shown").await, 1);
    assert_eq!(desk.count("#versions .badge.in-force").await, 0);
    desk.wait_contains(
        "#versions tr[data-version='2']",
        "клиент взял ещё один",
        STEP,
    )
    .await;
    both_sizes(&desk, "marks").await;

    // A version that changes only the zone is not «the same»: the zone shows.
    desk.choose("#diff-from", "2").await;
    desk.choose("#diff-to", "3").await;
    desk.wait_contains(
        "#version-diff [data-field='zone']",
        "moscow → без зоны",
        STEP,
    )
    .await;
    assert_eq!(desk.count("#versions-same").await, 0);
    assert_eq!(
        desk.count("#version-diff li").await,
        1,
        "only the zone: {}",
        desk.text("#version-diff").await
    );
    both_sizes(&desk, "zone-diff").await;

    // Confirming version 3 while the customer was shown version 2 asks first, naming both.
    desk.click_in_dom("#confirm-version").await;
    desk.wait_for("#dialog").await;
    let question = desk.text("#dialog-question").await;
    assert!(
        question.contains("версия 2") && question.contains("версия 3"),
        "the question names both versions: {question}"
    );
    both_sizes(&desk, "confirm-asks").await;
    desk.click_in_dom("#dialog-no").await;
    desk.wait_count("#dialog", 0).await;
    let after = detail(&desk, &id).await;
    assert_eq!(after["draft"], true, "cancel leaves the draft: {after}");
    assert_eq!(after["confirmed_version"], Value::Null);
    assert_eq!(after["published_version"], 2);
    desk.wait_for("#order-card #draft-badge").await;
    desk.wait_for("#confirm-version").await;
    assert_eq!(desk.count("#versions .badge.in-force").await, 0);

    // A comment added afterwards to an older version.
    desk.click_in_dom("#versions tr[data-version='1'] button.add-note")
        .await;
    desk.set_value("#version-note-edit", "первое предложение")
        .await;
    desk.click_in_dom("#version-note-save").await;
    desk.wait_contains("#versions tr[data-version='1']", "первое предложение", STEP)
        .await;

    // Confirmed after all: version 3 is in force, version 2 stays the one shown.
    desk.click_in_dom("#confirm-version").await;
    desk.accept_dialog().await;
    desk.wait_count("#order-card #draft-badge", 0).await;
    desk.wait_for("#versions tr[data-version='3'] .badge.in-force")
        .await;
    desk.wait_for("#versions tr[data-version='2'] .badge.shown")
        .await;
    assert_eq!(desk.count("#versions .badge.in-force").await, 1);
    assert_eq!(detail(&desk, &id).await["confirmed_version"], 3);
    both_sizes(&desk, "confirmed").await;

    // The marks and the diff in the English window.
    desk.click_in_dom("#switch-lang").await;
    // The window is drawn anew in English, the card on its first tab.
    desk.wait_contains("#tab-versions", "Versions", STEP).await;
    desk.click_in_dom("#tab-versions").await;
    desk.wait_contains(
        "#versions tr[data-version='3'] .badge.in-force",
        "in force",
        STEP,
    )
    .await;
    desk.wait_contains(
        "#versions tr[data-version='2'] .badge.shown",
        "shown to the customer",
        STEP,
    )
    .await;
    desk.wait_contains("#version-diff [data-field='zone']", "Zone", STEP)
        .await;
    desk.screenshot("versions-english-1920x1080.png").await;
    desk.click_in_dom("#switch-lang").await;
    desk.close().await;
}
