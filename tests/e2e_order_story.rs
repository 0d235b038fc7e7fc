//! The order-core story in the real window: a phone order is taken as a draft, edited twice
//! (three versions), the diff shows the edits, it is confirmed, moves along the route for its
//! delivery and payment, goes overdue in one stage and shows as a problem, and its history lists
//! every step with who and when.

mod window;

use std::time::Duration;

use window::{Desk, Harness};

#[tokio::test]
#[ignore = "needs the built desk, tauri-driver and a display: run `cargo xtask test`"]
async fn phone_order_from_draft_to_done_with_versions_problem_and_history() {
    tokio::time::timeout(Duration::from_secs(240), story())
        .await
        .expect("the order story finished within 4 minutes");
}

async fn story() {
    let harness = Harness::start().expect("end-to-end prerequisites");
    let data = tempfile::tempdir().expect("temp data dir");
    let desk = Desk::open(&harness, data.path()).await;

    // A phone order: courier, cash on delivery, one item.
    desk.click("#new-order").await;
    desk.fill("#new-customer", "Тестова Анна Петровна").await;
    desk.fill("#new-phone", "8 (916) 555-12-34").await;
    desk.choose("#new-delivery", "courier").await;
    desk.fill("#new-address", "г. Москва, ул. Тверская, д. 1, кв. 5")
        .await;
    desk.choose("#new-payment", "cash_on_delivery").await;
    // The product picker (picker.rs): a part of the SKU, then Enter picks the first match.
    desk.set_value("#new-product", "SM-A55").await;
    desk.wait_for("#new-product-matches .pick-item").await;
    desk.enter_in_dom("#new-product").await;
    desk.wait_count("#new-lines li", 1).await;
    desk.click("#create-draft").await;
    desk.wait_for("#order-card #draft-badge").await;
    assert_eq!(desk.text("#order-stage").await, "Поступил");
    let original_total = desk.text("#order-total").await;

    // Edit 1: two of the item instead of one → version 2.
    let qty = desk.wait_for("#order-lines tbody tr input.qty").await;
    qty.clear().await.expect("clear the quantity");
    qty.send_keys("2").await.expect("type the quantity");
    // Leaving the field commits the value, as it does for a manager tabbing on.
    desk.click("#order-stage").await;
    desk.wait_for("#pending-edits").await;
    desk.click("#save-version").await;
    desk.wait_count("#pending-edits", 0).await;
    // Edit 2: another item → version 3.
    desk.set_value("#add-product", "APL-AIRPODS").await;
    desk.wait_for("#add-product-matches .pick-item").await;
    desk.click_in_dom("#add-product-matches .pick-item").await;
    desk.wait_for("#order-lines tr.new-line").await;
    desk.click("#save-version").await;
    desk.wait_count("#order-lines tbody tr", 2).await;
    assert_ne!(
        desk.text("#order-total").await,
        original_total,
        "the total changed"
    );
    assert_eq!(
        desk.text("#original-total").await,
        original_total,
        "the original total stays visible"
    );

    // The versions and their diff.
    // The card scrolled down to «Сохранить»: its tabs are above the fold, where
    // WebKitWebDriver refuses native clicks.
    desk.click_in_dom("#tab-versions").await;
    desk.wait_count("#versions tbody tr", 3).await;
    desk.choose("#diff-from", "1").await;
    desk.choose("#diff-to", "3").await;
    let diff = desk.text("#version-diff").await;
    assert!(
        diff.contains("Добавлено"),
        "the diff lists the added item: {diff}"
    );
    assert!(
        diff.contains("Кол-во 1 → 2"),
        "the diff lists the quantity change: {diff}"
    );
    desk.screenshot("e2e-versions.png").await;
    desk.click_in_dom("#confirm-version").await;
    desk.wait_count("#order-card #draft-badge", 0).await;

    // Along the route for courier + cash: no awaiting-payment, no post stage.
    desk.click_in_dom("#tab-order").await;
    let mut visited = vec![desk.text("#order-stage").await];
    for _ in 0..2 {
        let before = visited.last().cloned().unwrap_or_default();
        desk.click("#advance").await;
        visited.push(wait_stage_change(&desk, &before).await);
    }
    assert_eq!(visited, ["Поступил", "Отзвон", "Комплектация"]);
    let order_id = desk
        .wait_for("#order-card")
        .await
        .attr("data-order-id")
        .await
        .ok()
        .flatten()
        .expect("the card carries the order id");
    desk.close().await;

    // Five hours later the picking limit (4 h) has passed: the order is a problem.
    let desk = Desk::open_at(&harness, data.path(), 5 * 60).await;
    desk.click("li.stage[data-scope='problems']").await;
    desk.wait_for(&format!("tr.order.problem[data-order-id='{order_id}']"))
        .await;
    desk.click_in_dom(&format!("tr[data-order-id='{order_id}'] td.number"))
        .await;
    let deadline = desk.text("#order-deadline").await;
    assert!(
        deadline.contains("просрочен"),
        "the card says overdue: {deadline}"
    );
    desk.screenshot("e2e-problem.png").await;

    for _ in 0..4 {
        let before = desk.text("#order-stage").await;
        desk.click("#advance").await;
        visited.push(wait_stage_change(&desk, &before).await);
    }
    assert_eq!(
        visited,
        [
            "Поступил",
            "Отзвон",
            "Комплектация",
            "Отзвон курьером",
            "Курьерская доставка",
            "Внесение денег в кассу",
            "Завершён"
        ]
    );
    desk.wait_for("#final").await;

    // The history: creation, both edits, confirmation and every move, by the administrator.
    desk.click("#tab-history").await;
    desk.wait_for("#history tbody tr").await;
    let rows = desk.count("#history tbody tr").await;
    assert!(
        rows >= 10,
        "1 create + 2 edits + confirm + 6 moves, got {rows} rows"
    );
    let history = desk.text("#history").await;
    assert!(history.contains("Администратор"), "who: {history}");
    for stage in &visited[1..] {
        assert!(
            history.contains(stage.as_str()),
            "history names «{stage}»: {history}"
        );
    }
    desk.screenshot("e2e-history.png").await;
    desk.close().await;
}

async fn wait_stage_change(desk: &Desk, before: &str) -> String {
    let started = std::time::Instant::now();
    loop {
        let now = desk.text("#order-stage").await;
        if now != before {
            return now;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the stage stayed «{before}»"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
