//! A company buyer entered on the order card in the real window: a typo in the ИНН is marked
//! beside the field and nothing is saved; the corrected requisites are saved and the order's
//! history shows them.

mod window;

use std::time::Duration;

use window::{Desk, Harness};

#[tokio::test]
#[ignore = "needs the built desk, tauri-driver and a display: run `cargo xtask test`"]
async fn a_company_buyer_is_entered_on_the_order_card() {
    tokio::time::timeout(Duration::from_secs(180), story())
        .await
        .expect("the buyer story finished within 3 minutes");
}

async fn story() {
    let harness = Harness::start().expect("end-to-end prerequisites");
    let data = tempfile::tempdir().expect("temp data dir");
    let desk = Desk::open(&harness, data.path()).await;
    desk.click_stage("new").await;
    desk.open_first_order().await;

    // The buyer block sits below the fold of the card, where WebKitWebDriver refuses native
    // clicks and typing: the story works through the DOM from here.
    desk.click_in_dom("#buyer-company").await;
    desk.set_value("#buyer-name", "ООО «Ромашка»").await;
    desk.set_value("#buyer-inn", "7707083894").await;
    desk.set_value("#buyer-kpp", "773601001").await;
    desk.set_value("#buyer-address", "117312, г. Москва, ул. Вавилова, д. 19")
        .await;
    desk.click_in_dom("#save-buyer").await;
    desk.wait_contains(
        "#buyer-inn-error",
        "контрольное число",
        Duration::from_secs(10),
    )
    .await;
    assert_eq!(desk.count(".field-error").await, 1, "only the ИНН is wrong");
    desk.screenshot("e2e-buyer-refused.png").await;

    desk.set_value("#buyer-inn", "7707083893").await;
    desk.click_in_dom("#save-buyer").await;
    desk.wait_count(".field-error", 0).await;
    desk.click_in_dom("#tab-history").await;
    desk.wait_contains(
        "#history",
        "ООО «Ромашка», ИНН 7707083893, КПП 773601001",
        Duration::from_secs(10),
    )
    .await;
    // Back on the order tab the card shows the saved company.
    desk.click_in_dom("#tab-order").await;
    let inn = desk.wait_for("#buyer-inn").await;
    assert_eq!(
        inn.prop("value").await.ok().flatten().as_deref(),
        Some("7707083893")
    );
    desk.screenshot("e2e-buyer-saved.png").await;
    desk.close().await;
}
