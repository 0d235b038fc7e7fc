//! The background loop a desk runs: it syncs, notices the hub is gone (offline since…),
//! keeps the local work, and catches up by itself when the hub is back.

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use jiff::Timestamp;

use common::{new_order, now, Team};
use hub::admin;
use store::{NewOp, Store};
use sync::{HttpHub, HubLink, Status, SyncLoop};

/// Generous: background threads are waited for, not measured.
const PATIENCE: Duration = Duration::from_secs(30);

async fn wait_for(what: &str, sync: &SyncLoop, done: impl Fn(&Status) -> bool) {
    let start = Instant::now();
    while !done(&sync.status()) {
        assert!(
            start.elapsed() < PATIENCE,
            "gave up waiting for {what}: {:?}",
            sync.status()
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_loop_goes_offline_keeps_working_and_catches_up_when_the_hub_returns() {
    let mut team = Team::start("sync_loop").await;
    let user = admin::create_user(&team.pool, team.shop, "lena", "Лена", "manager")
        .await
        .expect("user");
    let (_, token) = admin::create_device(&team.pool, user, "pc")
        .await
        .expect("device");
    let link = HubLink {
        url: team.url(),
        token,
    };
    assert!(
        !format!("{link:?}").contains("odh_"),
        "the token never prints"
    );
    let dir = tempfile::tempdir().expect("dir");
    let store = Arc::new(Store::open(&dir.path().join("desk.sqlite3")).expect("store"));
    sync::join(
        &store,
        &HttpHub::new(link.clone()).expect("client"),
        Timestamp::now(),
    )
    .await
    .expect("join");
    let running = SyncLoop::start(store.clone(), link).expect("loop");
    wait_for("the first round", &running, |s| s.last_synced.is_some()).await;

    team.stop_hub().await;
    let actor = domain::Actor {
        id: "lena".into(),
        name: "Лена".into(),
        role: domain::Role::Manager,
    };
    let made = store
        .record(NewOp {
            id: uuid::Uuid::now_v7(),
            actor,
            at: now(),
            op: new_order(7, 700),
        })
        .expect("local work goes on");
    running.nudge();
    wait_for("offline", &running, |s| s.offline_since.is_some()).await;
    let status = running.status();
    assert!(status.last_error.is_some());
    assert_eq!(store.unsent_count().expect("count"), 1);

    team.restart_hub().await;
    wait_for("back online", &running, |s| s.offline_since.is_none()).await;
    let start = Instant::now();
    while store.unsent_count().expect("count") > 0 {
        assert!(start.elapsed() < PATIENCE, "the op never reached the hub");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let on_hub = team.orders().await;
    assert_eq!(on_hub.len(), 1);
    assert_eq!(on_hub[0].id, made.op.order_id());
    assert!(running.status().last_error.is_none());
    running.stop();
    team.finish().await;
}
