//! The window opens as the manager left it (issue 15, point 3): its size is kept beside the
//! shop's data and given back after a restart.

mod window;

use std::time::{Duration, Instant};

use window::{Desk, Harness};

#[tokio::test]
#[ignore = "needs the built desk, tauri-driver and a display: run `cargo xtask test`"]
async fn the_window_comes_back_at_the_size_it_was_left() {
    tokio::time::timeout(Duration::from_secs(180), story())
        .await
        .expect("the story finished within 3 minutes");
}

async fn story() {
    let harness = Harness::start().expect("end-to-end prerequisites");
    let data = tempfile::tempdir().expect("temp data dir");
    let kept = data.path().join("window.json");

    let desk = Desk::open(&harness, data.path()).await;
    desk.resize(1500, 900).await;
    // The size is written as the window reports its resize; wait for that, not for a time.
    let started = Instant::now();
    loop {
        let text = std::fs::read_to_string(&kept).unwrap_or_default();
        let saved: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
        if saved["width"] == 1500.0 && saved["height"] == 900.0 {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "window.json never held 1500×900: {text:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    desk.close().await;

    let desk = Desk::open(&harness, data.path()).await;
    let viewport = desk
        .eval("return [window.innerWidth, window.innerHeight]")
        .await;
    assert_eq!(
        viewport,
        serde_json::json!([1500, 900]),
        "the restarted desk opens at the size it was left"
    );
    desk.screenshot("window-state-restored.png").await;
    desk.close().await;
}
