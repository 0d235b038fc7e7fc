//! Issue 20, point 3: a marketplace push acts only on the posting or order it asked about, and
//! a queued action that no longer applies is dropped. Ozon's ship used to read the posting back
//! and ship (and link our order to) whatever number came back; a pending ship went out after
//! our order was cancelled and the cancel had gone through.

mod support;

use channels::config::{Connection, Kind, RetryPolicy, Settings, StatusMap};
use channels::megamarket::MegaMarketSettings;
use channels::ozon::OzonSettings;
use channels::yandex::YandexSettings;
use channels::{Credentials, Jobs, Secret};
use domain::Op;
use jiff::{SignedDuration, Timestamp};
use store::{PushRow, PushState};
use support::megamarket as mm;
use support::ozon::{self as oz, Fault};
use support::yandex as ym;
use support::{desk, now, products, serve, Desk};
use uuid::Uuid;

const SHIP: &str = "/v4/posting/fbs/ship";
const CANCEL: &str = "/v2/posting/fbs/cancel";
const GET: &str = "/v3/posting/fbs/get";

fn retry() -> RetryPolicy {
    RetryPolicy {
        attempts: 3,
        first_delay_ms: 5,
        max_delay_ms: 50,
        timeout_ms: 400,
    }
}

async fn connect(desk: &Desk, kind: Kind, base_url: String, settings: Settings) -> Connection {
    let (status_map, key, secret) = match kind {
        Kind::Ozon => (StatusMap::ozon_default(), oz::CLIENT_ID, oz::API_KEY),
        Kind::MegaMarket => (StatusMap::megamarket_default(), "mm-login", mm::TOKEN),
        _ => (StatusMap::yandex_default(), "", ym::API_KEY),
    };
    let connection = Connection {
        id: Uuid::now_v7(),
        kind,
        name: "Маркетплейс".into(),
        base_url,
        settings,
        status_map,
    };
    let credentials = Credentials {
        key: key.into(),
        secret: Secret::new(secret),
    };
    desk.channels
        .add_connection(&connection, &credentials, now())
        .expect("add connection");
    products(&desk.store, &["MUG-BLUE"]);
    connection
}

async fn ozon(desk: &Desk, numbers: &[&str]) -> (oz::Shared, Connection) {
    let server = oz::ozon();
    for n in numbers {
        let p = oz::posting(
            n,
            now() - SignedDuration::from_hours(1),
            now() + SignedDuration::from_hours(5),
            false,
            &[("MUG-BLUE", 1_451_000_001, 1, "1390.0000")],
        );
        server
            .lock()
            .expect("ozon")
            .postings
            .insert(n.to_string(), p);
    }
    let addr = serve(oz::router(server.clone())).await;
    let settings = Settings {
        retry: retry(),
        ozon: Some(OzonSettings {
            push_attempts: 3,
            push_backoff_s: 60,
            ..OzonSettings::default()
        }),
        ..Settings::default()
    };
    let c = connect(desk, Kind::Ozon, format!("http://{addr}"), settings).await;
    (server, c)
}

async fn yandex(desk: &Desk, ids: &[i64]) -> (ym::Shared, Connection) {
    let server = ym::Shared::default();
    for id in ids {
        let o = ym::order(
            *id,
            "PROCESSING",
            "STARTED",
            false,
            "2026-11-22T10:00:00+03:00",
        );
        server.lock().orders.insert(*id, o);
    }
    let addr = serve(ym::router(server.clone())).await;
    let settings = Settings {
        retry: retry(),
        yandex: Some(YandexSettings {
            campaign_id: ym::CAMPAIGN,
            push_attempts: 3,
            ..YandexSettings::default()
        }),
        ..Settings::default()
    };
    let c = connect(desk, Kind::YandexMarket, format!("http://{addr}"), settings).await;
    (server, c)
}

async fn megamarket(desk: &Desk, ids: &[&str]) -> (mm::Shared, Connection) {
    let server = mm::Shared::default();
    for id in ids {
        let shipment = mm::shipment(id, "2026-11-22T06:00:00Z");
        server.lock().shipments.insert((*id).into(), shipment);
    }
    let addr = serve(mm::router(server.clone())).await;
    let settings = Settings {
        retry: retry(),
        megamarket: Some(MegaMarketSettings {
            merchant_id: mm::MERCHANT,
            push_attempts: 3,
            ..MegaMarketSettings::default()
        }),
        ..Settings::default()
    };
    let c = connect(desk, Kind::MegaMarket, format!("http://{addr}"), settings).await;
    (server, c)
}

fn order_of(desk: &Desk, c: &Connection, external: &str) -> Uuid {
    desk.store
        .channel_orders(c.id)
        .expect("rows")
        .into_iter()
        .find(|r| r.external_id == external)
        .and_then(|r| r.order_id)
        .expect("order recorded")
}

fn record(desk: &Desk, op: Op, at: Timestamp) {
    let actor = domain::Actor {
        id: "manager".into(),
        name: "Менеджер".into(),
        role: domain::Role::Admin,
    };
    let id = Uuid::now_v7();
    let op = store::NewOp { id, actor, at, op };
    desk.store.record(op).expect("op recorded");
}

fn move_to(desk: &Desk, order_id: Uuid, stage: &str, at: Timestamp) {
    let from_stage = desk.store.order(order_id).expect("order").stage.stage_id;
    let op = if stage == "cancelled" {
        Op::Cancel {
            order_id,
            from_stage,
            reason: Some("покупатель передумал".into()),
        }
    } else {
        Op::MoveToStage {
            order_id,
            from_stage,
            to_stage: stage.into(),
        }
    };
    record(desk, op, at);
}

async fn sync(desk: &Desk, c: &Connection, at: Timestamp) {
    desk.channels
        .sync_now(c.id, Jobs::ALL, at)
        .await
        .expect("sync");
}

fn push_for(desk: &Desk, c: &Connection, stage: &str) -> PushRow {
    desk.store
        .pushes(c.id)
        .expect("pushes")
        .into_iter()
        .find(|p| p.stage_id == stage)
        .expect("push queued for the stage")
}

#[tokio::test]
async fn ozon_ship_refuses_a_read_back_about_another_posting_and_keeps_the_link() {
    let desk = desk();
    let (server, c) = ozon(&desk, &["70-1", "70-2"]).await;
    sync(&desk, &c, now()).await;
    let ours = order_of(&desk, &c, "70-1");
    let theirs = order_of(&desk, &c, "70-2");
    // Ozon answers the read of 70-1 with posting 70-2.
    server
        .lock()
        .expect("ozon")
        .answer_as
        .insert("70-1".into(), "70-2".into());
    move_to(&desk, ours, "picking", now());
    sync(&desk, &c, now() + SignedDuration::from_mins(1)).await;

    let push = push_for(&desk, &c, "picking");
    assert_eq!(push.external_id, "70-1");
    assert_eq!(push.state, PushState::Failed, "refused, not retried");
    let error = push.last_error.unwrap_or_default();
    assert!(error.contains("70-2") && error.contains("70-1"), "{error}");
    assert!(
        error.contains("ответ не принят"),
        "worded in Russian: {error}"
    );
    {
        let o = server.lock().expect("ozon");
        assert_eq!(o.calls(SHIP), 0, "no ship for a posting we did not ask for");
        assert!(o.shipped.is_empty());
    }
    // Both orders keep their own postings; 70-2's status was not written over 70-1.
    assert_eq!(order_of(&desk, &c, "70-1"), ours);
    assert_eq!(order_of(&desk, &c, "70-2"), theirs);
    let rows = desk.store.channel_orders(c.id).expect("rows");
    assert_eq!(rows.len(), 2);
    let state = desk.store.channel_state(c.id).expect("state");
    assert!(
        state.last_error.is_some_and(|e| e.contains("70-2")),
        "the connection shows why"
    );
}

#[tokio::test]
async fn ozon_pending_ship_is_dropped_once_our_order_is_cancelled_and_the_cancel_went_out() {
    let desk = desk();
    let (server, c) = ozon(&desk, &["71-1"]).await;
    sync(&desk, &c, now()).await;
    let order = order_of(&desk, &c, "71-1");
    move_to(&desk, order, "picking", now());
    // The ship meets more 5xx than one call's retries: it waits 60 s in the queue.
    for _ in 0..3 {
        server.lock().expect("ozon").fault(SHIP, Fault::Status(503));
    }
    let t1 = now() + SignedDuration::from_mins(1);
    sync(&desk, &c, t1).await;
    assert_eq!(push_for(&desk, &c, "picking").state, PushState::Pending);

    // Cancelled here before the ship is due: the cancel goes out.
    let t2 = t1 + SignedDuration::from_secs(10);
    move_to(&desk, order, "cancelled", t2);
    sync(&desk, &c, t2).await;
    assert_eq!(push_for(&desk, &c, "cancelled").state, PushState::Done);
    assert_eq!(server.lock().expect("ozon").calls(CANCEL), 1);

    // Ozon has not applied the cancel yet (a validating mock never does): the posting still
    // reads as awaiting packaging, so only our own order can tell the ship is stale.
    server
        .lock()
        .expect("ozon")
        .set("71-1", "awaiting_packaging", "posting_created");
    // The ship's time comes: dropped without a call, with why.
    let gets_before = server.lock().expect("ozon").calls(GET);
    sync(&desk, &c, t1 + SignedDuration::from_mins(5)).await;
    let ship = push_for(&desk, &c, "picking");
    assert_eq!(ship.state, PushState::Stopped);
    let why = ship.last_error.unwrap_or_default();
    assert!(why.contains("отменён у нас"), "{why}");
    let o = server.lock().expect("ozon");
    assert_eq!(o.calls(SHIP), 0);
    assert_eq!(o.calls(GET), gets_before, "not even read");
    let flags = desk
        .store
        .channel_orders(c.id)
        .expect("rows")
        .remove(0)
        .flags;
    assert!(
        !flags.iter().any(|f| f.starts_with("push_failed")),
        "a dropped action is no failure: {flags:?}"
    );
}

#[tokio::test]
async fn ozon_ship_queued_before_our_cancel_in_the_same_run_is_not_sent() {
    let desk = desk();
    let (server, c) = ozon(&desk, &["72-1"]).await;
    sync(&desk, &c, now()).await;
    let order = order_of(&desk, &c, "72-1");
    // Picking queues the ship; the order is cancelled before the queue runs again.
    move_to(&desk, order, "picking", now());
    for _ in 0..3 {
        server.lock().expect("ozon").fault(SHIP, Fault::Status(503));
    }
    sync(&desk, &c, now() + SignedDuration::from_secs(1)).await;
    move_to(
        &desk,
        order,
        "cancelled",
        now() + SignedDuration::from_secs(2),
    );
    // Both due in one run, the older ship first.
    sync(&desk, &c, now() + SignedDuration::from_mins(5)).await;
    let o = server.lock().expect("ozon");
    assert!(o.shipped.is_empty(), "the ship went out after all");
    assert_eq!(o.calls(CANCEL), 1);
    assert_eq!(push_for(&desk, &c, "picking").state, PushState::Stopped);
}

#[tokio::test]
async fn yandex_status_answer_about_another_order_is_refused() {
    let desk = desk();
    let (server, c) = yandex(&desk, &[5001, 5002]).await;
    sync(&desk, &c, now()).await;
    let ours = order_of(&desk, &c, "5001");
    server.lock().answer_as.insert(5001, 5002);
    move_to(&desk, ours, "picking", now());
    sync(&desk, &c, now() + SignedDuration::from_mins(1)).await;
    let push = push_for(&desk, &c, "picking");
    assert_eq!(push.state, PushState::Failed);
    let error = push.last_error.unwrap_or_default();
    assert!(error.contains("5002"), "{error}");
    let rows = desk.store.channel_orders(c.id).expect("rows");
    let row = rows.iter().find(|r| r.external_id == "5001").expect("row");
    assert_eq!(
        row.remote_status, "PROCESSING",
        "5002's answer is not recorded as ours"
    );
    assert_eq!(row.order_id, Some(ours));
}

#[tokio::test]
async fn yandex_pending_status_is_dropped_once_our_order_is_cancelled() {
    let desk = desk();
    let (server, c) = yandex(&desk, &[5101]).await;
    sync(&desk, &c, now()).await;
    let order = order_of(&desk, &c, "5101");
    move_to(&desk, order, "picking", now());
    for _ in 0..3 {
        server
            .lock()
            .faults
            .entry("PUT status".into())
            .or_default()
            .push_back(503);
    }
    let t1 = now() + SignedDuration::from_mins(1);
    sync(&desk, &c, t1).await;
    assert_eq!(push_for(&desk, &c, "picking").state, PushState::Pending);
    move_to(&desk, order, "cancelled", t1 + SignedDuration::from_secs(5));
    sync(&desk, &c, t1 + SignedDuration::from_mins(5)).await;
    let picking = push_for(&desk, &c, "picking");
    assert_eq!(picking.state, PushState::Stopped);
    assert_eq!(push_for(&desk, &c, "cancelled").state, PushState::Done);
    let m = server.lock();
    let bodies: Vec<_> = m.log.iter().filter(|(p, _)| p == "PUT status").collect();
    assert_eq!(bodies.len(), 1, "only the cancel: {bodies:?}");
    assert_eq!(bodies[0].1["order"]["status"], "CANCELLED");
}

#[tokio::test]
async fn megamarket_shipment_read_about_another_shipment_is_refused() {
    let desk = desk();
    let (server, c) = megamarket(&desk, &["900101", "900102"]).await;
    sync(&desk, &c, now()).await;
    let ours = order_of(&desk, &c, "900101");
    server
        .lock()
        .answer_as
        .insert("900101".into(), "900102".into());
    move_to(&desk, ours, "picking", now());
    sync(&desk, &c, now() + SignedDuration::from_mins(1)).await;

    let push = push_for(&desk, &c, "picking");
    assert_eq!(push.external_id, "900101");
    assert_eq!(push.state, PushState::Failed);
    let error = push.last_error.unwrap_or_default();
    assert!(error.contains("900102"), "{error}");
    let m = server.lock();
    assert_eq!(
        m.calls("order/packing"),
        0,
        "nothing packed on a stranger's word"
    );
    assert_eq!(m.status("900102"), ["CONFIRMED"; 3]);
}

#[tokio::test]
async fn megamarket_pending_packing_is_dropped_once_our_order_is_cancelled() {
    let desk = desk();
    let (server, c) = megamarket(&desk, &["900201"]).await;
    sync(&desk, &c, now()).await;
    let order = order_of(&desk, &c, "900201");
    move_to(&desk, order, "picking", now());
    // The packing meets more 5xx than one call's retries: it waits in the queue.
    server
        .lock()
        .faults
        .entry("order/packing".into())
        .or_default()
        .extend([503, 503, 503]);
    let t1 = now() + SignedDuration::from_mins(1);
    sync(&desk, &c, t1).await;
    assert_eq!(push_for(&desk, &c, "picking").state, PushState::Pending);

    // Cancelled here before the packing is due: the rejection goes out, the packing not.
    move_to(&desk, order, "cancelled", t1 + SignedDuration::from_secs(5));
    sync(&desk, &c, t1 + SignedDuration::from_mins(5)).await;
    let picking = push_for(&desk, &c, "picking");
    assert_eq!(picking.state, PushState::Stopped);
    let why = picking.last_error.unwrap_or_default();
    assert!(why.contains("отменён у нас"), "{why}");
    assert_eq!(push_for(&desk, &c, "cancelled").state, PushState::Done);
    let m = server.lock();
    assert_eq!(m.calls("order/packing"), 0, "no packing after our cancel");
    assert_eq!(m.calls("order/reject"), 1);
}
