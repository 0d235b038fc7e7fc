//! End-to-end in the real window: a marketplace connection's trigger editor (a refused map
//! explained in Russian, a changed map saved and in the shop's history) and its failed actions
//! (Повторить / Скрыть in the connection's list and on the order card). The desk's data is
//! prepared first through the desk API against the Ozon test server: two postings whose ship
//! call Ozon refused.

mod window;

use testkit::sites::ozon as ozon_fake;

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use jiff::{SignedDuration, Timestamp};
use ozon_fake as oz;
use window::{Desk, Harness};

const RETRIED: &str = "0700000001-0001-1";
const DISMISSED: &str = "0700000002-0001-1";

#[tokio::test]
#[ignore = "needs the built desk, tauri-driver and a display: run `cargo xtask test`"]
async fn admin_maps_marketplace_triggers_and_handles_failed_pushes() {
    tokio::time::timeout(Duration::from_secs(240), story())
        .await
        .expect("the end-to-end story finished within 4 minutes");
}

struct Prepared {
    connection: String,
    /// The order whose push is retried on its card.
    order: String,
    /// The push dismissed in the connection's list.
    dismissed_push: String,
}

/// A shop with an Ozon connection and two failed ship calls, made through the desk API (the
/// keys stay in memory: the window never calls Ozon in this story).
async fn prepare(data: &Path) -> Prepared {
    let server = oz::ozon();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("address");
    let router = oz::router(server.clone());
    tokio::spawn(async move { axum::serve(listener, router).await.expect("serve") });

    let now = Timestamp::now();
    let desk =
        desk::Desk::open_demo_with_secrets(data, now, Arc::new(channels::MemorySecrets::default()))
            .expect("open the desk's data");
    let c = desk
        .add_connection(
            proto::NewConnection {
                kind: proto::ChannelKind::Ozon,
                name: "Ozon".into(),
                base_url: format!("http://{addr}"),
                key: oz::CLIENT_ID.into(),
                secret: oz::API_KEY.into(),
                setup: Default::default(),
                trust: None,
            },
            now,
        )
        .expect("add Ozon");
    for number in [RETRIED, DISMISSED] {
        let posting = oz::posting(
            number,
            now - SignedDuration::from_hours(1),
            now + SignedDuration::from_hours(48),
            false,
            &[("MUG-BLUE", 1_451_000_001, 1, "990.0000")],
        );
        server
            .lock()
            .expect("ozon")
            .postings
            .insert(number.into(), posting);
    }
    desk.sync_now(&c.id, now).await.expect("import");
    let mut orders = Vec::new();
    for stage in desk.queue(now).expect("queue").stages {
        for row in desk.stage_orders(&stage.id, now).expect("stage") {
            if let Some(tag) = row.channels.first() {
                if tag.kind == "ozon" {
                    orders.push((row.id.clone(), row.stage_id.clone()));
                }
            }
        }
    }
    assert_eq!(orders.len(), 2, "both postings imported");
    for (order, stage) in &orders {
        if stage != "picking" {
            desk.move_to(order, "picking", now).expect("to packing");
        }
    }
    for _ in 0..2 {
        server
            .lock()
            .expect("ozon")
            .fault("/v4/posting/fbs/ship", oz::Fault::Status(400));
    }
    desk.sync_now(&c.id, now + SignedDuration::from_secs(1))
        .await
        .expect("sync");
    let pushes = desk.channel_pushes(&c.id).expect("queue");
    assert!(pushes.iter().all(|p| p.state == "failed"), "{pushes:?}");
    let push = |number: &str| {
        pushes
            .iter()
            .find(|p| p.external_id == number)
            .expect("push queued")
            .clone()
    };
    Prepared {
        connection: c.id,
        order: push(RETRIED).order_id,
        dismissed_push: push(DISMISSED).id,
    }
}

async fn story() {
    let harness = Harness::start().expect("end-to-end prerequisites");
    let data = tempfile::tempdir().expect("temp data dir");
    let prepared = prepare(data.path()).await;
    let desk = Desk::open(&harness, data.path()).await;

    // The connection's list: both failed actions, each with «Повторить» and «Скрыть».
    desk.click("#open-settings").await;
    desk.click("#settings-channels").await;
    desk.wait_for(&format!(
        "section.channel[data-connection='{}']",
        prepared.connection
    ))
    .await;
    let failed = "details.pushes tr.push[data-state='failed']";
    desk.wait_count(failed, 2).await;
    assert_eq!(
        desk.text(&format!("{failed} .push-retry")).await,
        "Повторить"
    );
    assert_eq!(
        desk.text(&format!("{failed} .push-dismiss")).await,
        "Скрыть"
    );

    // The trigger editor: two actions on one stage are refused, with the reason in Russian.
    desk.click("details.market-triggers summary").await;
    let shipped = "tr.trigger[data-slot='shipped'] select.trigger-stage";
    desk.wait_for(shipped).await;
    desk.choose(shipped, "picking").await;
    desk.click("button.save-triggers").await;
    desk.wait_contains(
        ".trigger-answer",
        "одному этапу — одно действие",
        Duration::from_secs(10),
    )
    .await;
    // A real change is saved, and goes into the shop's history.
    desk.choose(shipped, "courier_call").await;
    desk.click("button.save-triggers").await;
    desk.wait_contains(".trigger-answer", "Сохранено", Duration::from_secs(10))
        .await;
    desk.screenshot("e2e-market-triggers.png").await;
    // The card above grew (edit and error blocks): after scrolling, the tab sits under the
    // fixed top bar, where a pointer click lands on the bar.
    desk.click_in_dom("#settings-stages").await;
    desk.wait_contains(
        "#workflow-changes",
        "Изменены действия маркетплейса",
        Duration::from_secs(10),
    )
    .await;
    desk.click("#settings-channels").await;
    desk.click("details.market-triggers summary").await;
    desk.wait_for(shipped).await;
    let value = desk
        .eval(&format!(
            "return document.querySelector(\"{shipped}\").value;"
        ))
        .await;
    assert_eq!(
        value.as_str(),
        Some("courier_call"),
        "the saved stage shown"
    );

    // «Скрыть» asks why; the push leaves the list of failures.
    desk.click_in_dom(&format!(
        "tr.push[data-push-id='{}'] .push-dismiss",
        prepared.dismissed_push
    ))
    .await;
    desk.answer_dialog("Отгрузили вручную в кабинете Ozon")
        .await;
    desk.wait_count(failed, 1).await;
    desk.screenshot("e2e-market-pushes.png").await;

    // The order: Ozon's own status beside our stage in the list and on the card, and its
    // failed action retried from the card.
    desk.click("#close-settings").await;
    desk.click_stage("picking").await;
    let row = format!("tr[data-order-id='{}']", prepared.order);
    desk.wait_contains(
        &format!("{row} .channel-status"),
        "Ozon «awaiting_packaging»",
        Duration::from_secs(10),
    )
    .await;
    desk.click_in_dom(&format!("{row} td.number")).await;
    desk.wait_for(&format!("#order-card[data-order-id='{}']", prepared.order))
        .await;
    desk.wait_contains(
        "#order-market-status",
        "awaiting_packaging",
        Duration::from_secs(10),
    )
    .await;
    desk.click_in_dom("#order-pushes tr.push[data-state='failed'] .push-retry")
        .await;
    desk.wait_for("#order-pushes tr.push[data-state='pending']")
        .await;
    desk.screenshot("e2e-market-card.png").await;
    desk.close().await;
}
