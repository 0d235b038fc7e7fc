//! End-to-end in the real window: backups and recovery (issue 14, point 6). The desk starts
//! on a database file that is junk: instead of exiting it shows the recovery window, which
//! says why in Russian (and in English), restores the latest copy and opens the queue with
//! every order of the copy. Then the administrator makes a copy in Настройки → Резервные
//! копии, moves an order, and restores the copy from the list: the desk closes its database,
//! puts the copy back, opens it again, and the move is undone.
//!
//! Screenshots at 1366×768 and 1920×1080 go to `ORDERDESK_SCREENSHOTS` (`recovery-*.png`).

mod window;

use std::time::Duration;

use serde_json::json;
use window::{Desk, Harness};

#[tokio::test]
#[ignore = "needs the built desk, tauri-driver and a display: run `cargo xtask test`"]
async fn a_ruined_database_opens_the_recovery_window_and_the_latest_copy_brings_the_queue_back() {
    tokio::time::timeout(Duration::from_secs(300), story())
        .await
        .expect("the recovery story finished within 5 minutes");
}

async fn both_sizes(desk: &Desk, name: &str) {
    desk.resize(1920, 1080).await;
    desk.painted().await;
    desk.screenshot(&format!("recovery-{name}-1920x1080.png"))
        .await;
    desk.resize(1366, 768).await;
    desk.painted().await;
    desk.screenshot(&format!("recovery-{name}-1366x768.png"))
        .await;
}

fn total(counts: &[(String, u32)]) -> u32 {
    counts.iter().map(|(_, n)| n).sum()
}

async fn story() {
    let harness = Harness::start().expect("end-to-end prerequisites");
    let data = tempfile::tempdir().expect("temp data dir");

    // A demo shop with a copy made yesterday, then its file overwritten with junk.
    let yesterday = jiff::Timestamp::now() - jiff::SignedDuration::from_hours(24);
    let shop = desk::Desk::open_demo(data.path(), yesterday).expect("the demo shop");
    let copy = shop.make_backup(yesterday).expect("a copy");
    drop(shop);
    let db = data.path().join("orderdesk.sqlite3");
    std::fs::write(&db, vec![0x5a_u8; 128 * 1024]).expect("junk over the database");
    let _ = std::fs::remove_file(data.path().join("orderdesk.sqlite3-wal"));

    let desk = Desk::open_without_demo(&harness, data.path(), "#recovery").await;
    desk.wait_contains(
        "#recovery-reason",
        "это больше не база данных",
        Duration::from_secs(5),
    )
    .await;
    desk.wait_contains(
        "#recovery-copies",
        &copy.made_at_text,
        Duration::from_secs(5),
    )
    .await;
    both_sizes(&desk, "window").await;
    desk.click_in_dom("#switch-lang").await;
    desk.wait_contains(
        "#recovery-reason",
        "no longer a database",
        Duration::from_secs(5),
    )
    .await;
    desk.painted().await;
    desk.screenshot("recovery-window-english-1366x768.png")
        .await;
    desk.click_in_dom("#switch-lang").await;

    desk.click_in_dom("#recover-latest").await;
    desk.wait_contains(
        "#restored-notice",
        &format!("Восстановлена копия от {}", copy.made_at_text),
        Duration::from_secs(30),
    )
    .await;
    let counts = desk.stage_counts().await;
    assert_eq!(total(&counts), 300, "every demo order is back: {counts:?}");
    let kept: Vec<String> = std::fs::read_dir(data.path().join("backups"))
        .expect("backups")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with("orderdesk-before-restore-") && n.ends_with(".sqlite3"))
        .collect();
    assert_eq!(kept.len(), 1, "the junk file is kept aside: {kept:?}");
    desk.wait_contains("#restored-notice", &kept[0], Duration::from_secs(5))
        .await;
    both_sizes(&desk, "restored").await;
    desk.click_in_dom("#restored-close").await;

    // The backups screen: a copy now, an order moved after it, the copy restored.
    desk.click_in_dom("#open-settings").await;
    desk.click_in_dom("#settings-backups").await;
    desk.wait_for("#backups-list").await;
    let rows = desk.count("#backups-list tr.backup-row").await;
    desk.click_in_dom("#backup-now").await;
    desk.wait_count("#backups-list tr.backup-row", rows + 1)
        .await;
    desk.wait_for("#backups-note").await;
    both_sizes(&desk, "settings").await;

    desk.click_in_dom("#close-settings").await;
    let before = desk.stage_counts().await;
    let query = json!({"query": {"scope": {"kind": "stage", "stage_id": "new"}}});
    let new_orders = desk.invoke("orders", query).await;
    let first = new_orders[0]["id"]
        .as_str()
        .expect("an order in «new»")
        .to_owned();
    desk.invoke("advance_order", json!({ "orderId": first }))
        .await;
    // The window's poll shows the move before the copy takes it back.
    let (d, was) = (&desk, &before);
    desk.until("the move shows", move || async move {
        d.stage_counts().await != *was
    })
    .await;

    desk.click_in_dom("#open-settings").await;
    desk.click_in_dom("#settings-backups").await;
    let newest = desk.text("#backups-list tr.backup-row td").await;
    desk.click_in_dom("#restore-0").await;
    desk.wait_contains("#dialog-question", &newest, Duration::from_secs(5))
        .await;
    desk.painted().await;
    desk.screenshot("recovery-confirm-1366x768.png").await;
    desk.accept_dialog().await;
    desk.wait_contains(
        "#restored-notice",
        "Восстановлена копия от",
        Duration::from_secs(60),
    )
    .await;
    let after = desk.stage_counts().await;
    assert_eq!(after, before, "the move made after the copy is undone");
    desk.close().await;
}
