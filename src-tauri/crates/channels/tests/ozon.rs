//! Ozon FBS / rFBS against a server written from the Seller API spec: postings come in as
//! marketplace orders, our stages trigger exactly one Ozon call each, and faults (429, 5xx,
//! timeouts, a ship that "succeeds" without shipping, a cancellation on Ozon's side, the same
//! posting twice) neither lose nor repeat anything.

mod support;

use std::time::Duration;

use channels::config::{Connection, Kind, RetryPolicy, Settings, StatusMap};
use channels::ozon::OzonSettings;
use channels::{ChannelError, Credentials, Jobs, Secret};
use domain::{Channel, DeliveryMethod, Op};
use jiff::{SignedDuration, Timestamp};
use store::PushState;
use support::ozon::{self as oz, Fault, API_KEY, CLIENT_ID};
use support::{desk, now, products, serve, Desk};
use uuid::Uuid;

const SHIP: &str = "/v4/posting/fbs/ship";
const CANCEL: &str = "/v2/posting/fbs/cancel";

async fn ozon(desk: &Desk) -> (oz::Shared, Connection) {
    let server = oz::ozon();
    let addr = serve(oz::router(server.clone())).await;
    let connection = Connection {
        id: Uuid::now_v7(),
        kind: Kind::Ozon,
        name: "Ozon".into(),
        base_url: format!("http://{addr}"),
        settings: Settings {
            retry: RetryPolicy {
                attempts: 3,
                first_delay_ms: 5,
                max_delay_ms: 50,
                timeout_ms: 400,
            },
            // Small pages so paging is exercised.
            page_size: 2,
            ozon: Some(OzonSettings {
                push_attempts: 3,
                push_backoff_s: 60,
                ..OzonSettings::default()
            }),
            ..Settings::default()
        },
        status_map: StatusMap::ozon_default(),
    };
    desk.channels
        .add_connection(
            &connection,
            &Credentials {
                key: CLIENT_ID.into(),
                secret: Secret::new(API_KEY),
            },
            now(),
        )
        .expect("add Ozon");
    products(&desk.store, &["MUG-BLUE", "STK-01"]);
    (server, connection)
}

fn add_posting(server: &oz::Shared, number: &str, cutoff: Timestamp, rfbs: bool) {
    let posting = oz::posting(
        number,
        now() - SignedDuration::from_hours(1),
        cutoff,
        rfbs,
        &[
            ("MUG-BLUE", 1_451_000_001, 2, "1390.0000"),
            ("NOT-OURS", 1_451_000_002, 1, "99.5000"),
        ],
    );
    server
        .lock()
        .expect("ozon")
        .postings
        .insert(number.to_owned(), posting);
}

fn order_of(desk: &Desk, c: &Connection, number: &str) -> (Uuid, Vec<String>) {
    let row = desk
        .store
        .channel_orders(c.id)
        .expect("channel orders")
        .into_iter()
        .find(|r| r.external_id == number)
        .expect("posting recorded");
    (row.order_id.expect("order made"), row.flags)
}

fn act(desk: &Desk, op: Op, at: Timestamp) -> Uuid {
    let id = Uuid::now_v7();
    desk.store
        .record(store::NewOp {
            id,
            actor: domain::Actor {
                id: "picker".into(),
                name: "Кладовщик".into(),
                role: domain::Role::Admin,
            },
            at,
            op,
        })
        .expect("op recorded");
    id
}

fn move_to(desk: &Desk, order_id: Uuid, stage: &str, at: Timestamp) -> Uuid {
    let from = desk.store.order(order_id).expect("order").stage.stage_id;
    act(
        desk,
        Op::MoveToStage {
            order_id,
            from_stage: from,
            to_stage: stage.into(),
        },
        at,
    )
}

async fn sync(desk: &Desk, c: &Connection, at: Timestamp) -> channels::SyncReport {
    desk.channels
        .sync_now(c.id, Jobs::ALL, at)
        .await
        .expect("sync")
}

fn push_for(desk: &Desk, c: &Connection, stage: &str) -> store::PushRow {
    desk.store
        .pushes(c.id)
        .expect("pushes")
        .into_iter()
        .find(|p| p.stage_id == stage)
        .expect("push queued for the stage")
}

#[tokio::test]
async fn fbs_posting_enters_and_picking_ships_once() {
    let desk = desk();
    let (server, c) = ozon(&desk).await;
    // The cutoff is stricter than the first stage's own time limit: it becomes the deadline.
    let cutoff = now() + SignedDuration::from_mins(20);
    add_posting(&server, "0123456789-0001-1", cutoff, false);
    add_posting(
        &server,
        "0123456789-0002-1",
        now() + SignedDuration::from_hours(48),
        false,
    );
    add_posting(
        &server,
        "0123456789-0003-1",
        now() + SignedDuration::from_hours(48),
        false,
    );

    let report = sync(&desk, &c, now()).await;
    assert_eq!(report.imported, 3);
    assert_eq!(
        server.lock().expect("ozon").calls("/v3/posting/fbs/list"),
        2,
        "three postings at two a page"
    );

    let (order_id, flags) = order_of(&desk, &c, "0123456789-0001-1");
    let order = desk.store.order(order_id).expect("order");
    assert_eq!(order.channel, Channel::Marketplace);
    assert_eq!(order.delivery, DeliveryMethod::MarketplaceLogistics);
    assert_eq!(order.stage.deadline, Some(cutoff));
    assert!(flags.contains(&"model:fbs".to_owned()), "{flags:?}");
    assert!(
        flags.contains(&"unknown_sku:NOT-OURS".to_owned()),
        "{flags:?}"
    );
    let mug = &order.lines[0];
    assert_eq!(
        (mug.sku.as_str(), mug.quantity.0, mug.price.0),
        ("MUG-BLUE", 2_000, 139_000)
    );
    assert!(mug.product_id.is_some());
    assert!(
        order.lines[1].product_id.is_none(),
        "unknown offer kept, not matched"
    );
    let (later, _) = order_of(&desk, &c, "0123456789-0002-1");
    let later = desk.store.order(later).expect("order");
    assert!(later.stage.deadline < Some(now() + SignedDuration::from_hours(48)));

    let moved_by = move_to(&desk, order_id, "picking", now());
    let report = sync(&desk, &c, now() + SignedDuration::from_mins(1)).await;
    assert_eq!(report.pushed, 1);
    {
        let o = server.lock().expect("ozon");
        assert_eq!(o.calls(SHIP), 1);
        assert_eq!(o.shipped, vec!["0123456789-0001-1".to_owned()]);
        let (_, body) = o.log.iter().find(|(p, _)| p == SHIP).expect("ship logged");
        assert_eq!(
            body["packages"][0]["products"][0]["product_id"],
            1_451_000_001_i64
        );
        assert_eq!(body["packages"][0]["products"][0]["quantity"], 2);
        assert_eq!(
            body["packages"][0]["products"].as_array().map(Vec::len),
            Some(2)
        );
    }
    let push = push_for(&desk, &c, "picking");
    assert_eq!(push.state, PushState::Done);
    assert_eq!(
        push.op_id,
        Some(moved_by),
        "queued with the op that caused it"
    );

    // Later syncs, still at picking: no second ship.
    sync(&desk, &c, now() + SignedDuration::from_mins(2)).await;
    sync(&desk, &c, now() + SignedDuration::from_mins(3)).await;
    assert_eq!(server.lock().expect("ozon").calls(SHIP), 1);
    assert_eq!(desk.store.pushes(c.id).expect("pushes").len(), 1);
}

#[tokio::test]
async fn duplicate_posting_makes_one_order() {
    let desk = desk();
    let (server, c) = ozon(&desk).await;
    add_posting(
        &server,
        "77-1",
        now() + SignedDuration::from_hours(5),
        false,
    );
    sync(&desk, &c, now()).await;
    // The same posting delivered again (a poll overlapping the last, or a notification).
    let again = server.lock().expect("ozon").postings["77-1"].clone();
    let again: channels::ozon::model::Posting = serde_json::from_value(again).expect("posting");
    let mut report = channels::SyncReport::default();
    channels::ozon::sync::import_postings(
        &desk.store,
        &c,
        &[again.clone(), again],
        now() + SignedDuration::from_mins(1),
        &mut report,
    )
    .expect("import");
    let report2 = sync(&desk, &c, now() + SignedDuration::from_mins(2)).await;
    assert_eq!(report.imported + report2.imported, 0);
    assert_eq!(desk.store.channel_orders(c.id).expect("rows").len(), 1);
}

#[tokio::test]
async fn cancelled_here_cancels_there_with_reason() {
    let desk = desk();
    let (server, c) = ozon(&desk).await;
    add_posting(
        &server,
        "55-1",
        now() + SignedDuration::from_hours(5),
        false,
    );
    sync(&desk, &c, now()).await;
    let (order_id, _) = order_of(&desk, &c, "55-1");
    let from = desk.store.order(order_id).expect("order").stage.stage_id;
    act(
        &desk,
        Op::Cancel {
            order_id,
            from_stage: from,
            reason: Some("нет в наличии".into()),
        },
        now(),
    );
    sync(&desk, &c, now() + SignedDuration::from_mins(1)).await;
    sync(&desk, &c, now() + SignedDuration::from_mins(2)).await;
    let o = server.lock().expect("ozon");
    assert_eq!(o.calls(CANCEL), 1);
    let (_, body) = o
        .log
        .iter()
        .find(|(p, _)| p == CANCEL)
        .expect("cancel logged");
    assert_eq!(body["cancel_reason_id"], 402);
    assert_eq!(body["posting_number"], "55-1");
    assert_eq!(o.postings["55-1"]["status"], "cancelled");
    assert_eq!(o.calls(SHIP), 0);
}

#[tokio::test]
async fn rate_limit_then_success_ships_once() {
    let desk = desk();
    let (server, c) = ozon(&desk).await;
    add_posting(
        &server,
        "42-1",
        now() + SignedDuration::from_hours(5),
        false,
    );
    sync(&desk, &c, now()).await;
    let (order_id, _) = order_of(&desk, &c, "42-1");
    move_to(&desk, order_id, "picking", now());
    server.lock().expect("ozon").fault(SHIP, Fault::Status(429));
    let report = sync(&desk, &c, now() + SignedDuration::from_mins(1)).await;
    assert_eq!(report.pushed, 1);
    let o = server.lock().expect("ozon");
    assert!(o.faults[SHIP].is_empty(), "the 429 was answered");
    assert_eq!(o.calls(SHIP), 1);
    assert_eq!(o.shipped.len(), 1);
    drop(o);
    assert_eq!(push_for(&desk, &c, "picking").state, PushState::Done);
}

#[tokio::test]
async fn timeout_then_success_ships_once() {
    let desk = desk();
    let (server, c) = ozon(&desk).await;
    add_posting(
        &server,
        "43-1",
        now() + SignedDuration::from_hours(5),
        false,
    );
    sync(&desk, &c, now()).await;
    let (order_id, _) = order_of(&desk, &c, "43-1");
    move_to(&desk, order_id, "picking", now());
    server
        .lock()
        .expect("ozon")
        .fault(SHIP, Fault::Delay(Duration::from_millis(1_500)));
    sync(&desk, &c, now() + SignedDuration::from_mins(1)).await;
    assert_eq!(push_for(&desk, &c, "picking").state, PushState::Done);
    // Whether the abandoned first call landed or not, Ozon shipped exactly once.
    tokio::time::sleep(Duration::from_millis(1_600)).await;
    assert_eq!(server.lock().expect("ozon").shipped.len(), 1);
}

#[tokio::test]
async fn server_errors_wait_in_the_queue_then_heal() {
    let desk = desk();
    let (server, c) = ozon(&desk).await;
    add_posting(
        &server,
        "44-1",
        now() + SignedDuration::from_hours(5),
        false,
    );
    sync(&desk, &c, now()).await;
    let (order_id, _) = order_of(&desk, &c, "44-1");
    move_to(&desk, order_id, "picking", now());
    {
        let mut o = server.lock().expect("ozon");
        // More 5xx than one call's retries.
        for _ in 0..3 {
            o.fault(SHIP, Fault::Status(503));
        }
    }
    let t1 = now() + SignedDuration::from_mins(1);
    let report = sync(&desk, &c, t1).await;
    assert_eq!(report.pushed, 0);
    let push = push_for(&desk, &c, "picking");
    assert_eq!(push.state, PushState::Pending, "kept, not dropped");
    assert_eq!(push.attempts, 1);
    assert!(push
        .last_error
        .as_deref()
        .is_some_and(|e| e.contains("503")));
    assert_eq!(push.next_at, t1 + SignedDuration::from_secs(60));

    // Not yet due: no call.
    sync(&desk, &c, t1 + SignedDuration::from_secs(30)).await;
    assert_eq!(server.lock().expect("ozon").calls(SHIP), 0);
    let report = sync(&desk, &c, t1 + SignedDuration::from_secs(60)).await;
    assert_eq!(report.pushed, 1);
    assert_eq!(server.lock().expect("ozon").shipped.len(), 1);
    assert_eq!(push_for(&desk, &c, "picking").state, PushState::Done);
}

#[tokio::test]
async fn ship_answered_200_but_not_shipped_is_failed_and_visible() {
    let desk = desk();
    let (server, c) = ozon(&desk).await;
    add_posting(
        &server,
        "45-1",
        now() + SignedDuration::from_hours(5),
        false,
    );
    sync(&desk, &c, now()).await;
    let (order_id, _) = order_of(&desk, &c, "45-1");
    move_to(&desk, order_id, "picking", now());
    server
        .lock()
        .expect("ozon")
        .ship_fails
        .insert("45-1".into());
    let mut at = now() + SignedDuration::from_mins(1);
    for _ in 0..3 {
        // The posting is still awaiting_packaging (substatus ship_failed): try again later.
        server
            .lock()
            .expect("ozon")
            .set("45-1", "awaiting_packaging", "posting_created");
        sync(&desk, &c, at).await;
        at += SignedDuration::from_hours(1);
    }
    let push = push_for(&desk, &c, "picking");
    assert_eq!(push.state, PushState::Failed);
    assert_eq!(push.attempts, 3);
    assert!(
        push.last_error
            .as_deref()
            .is_some_and(|e| e.contains("ship_failed")),
        "{push:?}"
    );
    let state = desk.channels.state(c.id).expect("state");
    assert!(
        state
            .last_error
            .as_deref()
            .is_some_and(|e| e.contains("45-1")),
        "{state:?}"
    );
    let (_, flags) = order_of(&desk, &c, "45-1");
    assert!(
        flags.contains(&"push_failed:picking".to_owned()),
        "{flags:?}"
    );
    // A failed push is kept and not retried.
    let calls = server.lock().expect("ozon").calls(SHIP);
    sync(&desk, &c, at + SignedDuration::from_hours(5)).await;
    assert_eq!(server.lock().expect("ozon").calls(SHIP), calls);
    assert_eq!(push_for(&desk, &c, "picking").state, PushState::Failed);
}

#[tokio::test]
async fn cancelled_on_ozon_while_picking_flags_and_stops_triggers() {
    let desk = desk();
    let (server, c) = ozon(&desk).await;
    add_posting(
        &server,
        "46-1",
        now() + SignedDuration::from_hours(5),
        false,
    );
    add_posting(
        &server,
        "46-2",
        now() + SignedDuration::from_hours(5),
        false,
    );
    sync(&desk, &c, now()).await;
    let (first, _) = order_of(&desk, &c, "46-1");
    let (second, _) = order_of(&desk, &c, "46-2");

    // 46-1: cancelled on Ozon before the next poll while it is being picked here.
    move_to(&desk, first, "picking", now());
    server
        .lock()
        .expect("ozon")
        .set("46-1", "cancelled", "posting_canceled");
    // 46-2: its ship is queued (Ozon down), then Ozon cancels it.
    move_to(&desk, second, "picking", now());
    for _ in 0..3 {
        server.lock().expect("ozon").fault(SHIP, Fault::Status(500));
    }
    let t1 = now() + SignedDuration::from_mins(1);
    sync(&desk, &c, t1).await;
    assert_eq!(push_for(&desk, &c, "picking").external_id, "46-2");

    let (_, flags) = order_of(&desk, &c, "46-1");
    assert!(
        flags.contains(&"marketplace_cancelled".to_owned()),
        "{flags:?}"
    );
    assert_eq!(
        desk.store.order(first).expect("order").stage.stage_id,
        "cancelled",
        "Ozon is master of cancellations"
    );

    server
        .lock()
        .expect("ozon")
        .set("46-2", "cancelled", "posting_canceled");
    // Between polls the queue reads the posting before pushing.
    let client = channels::ozon::OzonClient::new(
        &c.base_url,
        Credentials {
            key: CLIENT_ID.into(),
            secret: Secret::new(API_KEY),
        },
        &c.settings,
    )
    .expect("client");
    let mut report = channels::SyncReport::default();
    channels::ozon::push::work_queue(
        &desk.store,
        &c,
        &client,
        t1 + SignedDuration::from_mins(5),
        &mut report,
    )
    .await
    .expect("queue");
    let pushes = desk.store.pushes(c.id).expect("pushes");
    assert_eq!(
        pushes.len(),
        1,
        "no trigger for 46-1, nor for either's cancelled stage"
    );
    assert_eq!(pushes[0].state, PushState::Stopped);
    let (_, flags) = order_of(&desk, &c, "46-2");
    assert!(
        flags.contains(&"marketplace_cancelled".to_owned()),
        "{flags:?}"
    );
    assert_eq!(
        desk.store.order(second).expect("order").stage.stage_id,
        "cancelled"
    );

    sync(&desk, &c, t1 + SignedDuration::from_hours(1)).await;
    let o = server.lock().expect("ozon");
    assert!(o.shipped.is_empty());
    assert_eq!(
        o.calls(CANCEL),
        0,
        "our cancelled stage does not call Ozon back"
    );
}

/// The picker packs and the courier leaves within the same five minutes: the order passes
/// through «Комплектация» (ship) and «Курьерская доставка» (delivering) between two runs.
/// Both actions go out, in that order, once — scanning where the order sits at the run
/// would only see the second stage.
#[tokio::test]
async fn an_order_that_passes_two_trigger_stages_between_runs_gets_both_actions_in_order() {
    let desk = desk();
    let (server, c) = ozon(&desk).await;
    add_posting(&server, "48-1", now() + SignedDuration::from_hours(5), true);
    sync(&desk, &c, now()).await;
    let (order_id, _) = order_of(&desk, &c, "48-1");
    let at = now() + SignedDuration::from_mins(1);
    move_to(&desk, order_id, "picking", at);
    move_to(
        &desk,
        order_id,
        "courier_delivery",
        at + SignedDuration::from_mins(2),
    );
    sync(&desk, &c, at + SignedDuration::from_mins(5)).await;
    sync(&desk, &c, at + SignedDuration::from_mins(10)).await;
    let o = server.lock().expect("ozon");
    assert_eq!(o.calls(SHIP), 1);
    assert_eq!(o.calls("/v2/fbs/posting/delivering"), 1);
    let order: Vec<&str> = o
        .log
        .iter()
        .map(|(path, _)| path.as_str())
        .filter(|p| *p == SHIP || *p == "/v2/fbs/posting/delivering")
        .collect();
    assert_eq!(order, [SHIP, "/v2/fbs/posting/delivering"], "ship first");
}

#[tokio::test]
async fn rfbs_moves_delivering_and_delivered() {
    let desk = desk();
    let (server, c) = ozon(&desk).await;
    add_posting(&server, "47-1", now() + SignedDuration::from_hours(5), true);
    sync(&desk, &c, now()).await;
    let (order_id, flags) = order_of(&desk, &c, "47-1");
    assert!(flags.contains(&"model:rfbs".to_owned()), "{flags:?}");
    let mut at = now();
    for stage in ["picking", "courier_delivery", "done"] {
        at += SignedDuration::from_mins(10);
        move_to(&desk, order_id, stage, at);
        sync(&desk, &c, at).await;
    }
    let o = server.lock().expect("ozon");
    assert_eq!(o.calls(SHIP), 1);
    assert_eq!(o.calls("/v2/fbs/posting/delivering"), 1);
    assert_eq!(o.calls("/v2/fbs/posting/delivered"), 1);
    assert_eq!(o.postings["47-1"]["status"], "delivered");
}

#[tokio::test]
async fn refused_keys_pause_the_connection() {
    let desk = desk();
    let (server, c) = ozon(&desk).await;
    add_posting(&server, "48-1", now(), false);
    desk.channels
        .set_credentials(
            c.id,
            &Credentials {
                key: CLIENT_ID.into(),
                secret: Secret::new("wrong"),
            },
        )
        .expect("set keys");
    let err = desk
        .channels
        .sync_now(c.id, Jobs::ALL, now())
        .await
        .expect_err("keys refused");
    assert!(
        matches!(err, ChannelError::Unauthorized { status: 401, .. }),
        "{err}"
    );
    assert!(desk
        .channels
        .state(c.id)
        .expect("state")
        .paused_reason
        .is_some());
    assert!(desk.store.channel_orders(c.id).expect("rows").is_empty());
}

#[tokio::test]
async fn malformed_postings_are_kept_as_problems_and_bad_pages_lose_nothing() {
    let desk = desk();
    let (server, c) = ozon(&desk).await;
    add_posting(
        &server,
        "60-1",
        now() + SignedDuration::from_hours(5),
        false,
    );
    add_posting(
        &server,
        "60-2",
        now() + SignedDuration::from_hours(5),
        false,
    );
    server
        .lock()
        .expect("ozon")
        .postings
        .get_mut("60-2")
        .expect("posting")["products"][0]["price"] = "двести".into();
    let report = sync(&desk, &c, now()).await;
    assert_eq!((report.imported, report.problems), (1, 1));
    let rows = desk.store.channel_orders(c.id).expect("rows");
    let bad = rows.iter().find(|r| r.external_id == "60-2").expect("kept");
    assert!(bad.order_id.is_none());
    assert!(
        bad.problem.as_deref().is_some_and(|p| p.contains("price")),
        "{bad:?}"
    );

    // A posting that breaks the spec's schema: kept as a problem, the others still come in.
    server.lock().expect("ozon").postings.insert(
        "60-3".into(),
        serde_json::json!({ "posting_number": "60-3", "in_process_at": now().to_string(),
            "products": "not a list" }),
    );
    add_posting(
        &server,
        "60-4",
        now() + SignedDuration::from_hours(5),
        false,
    );
    let report = sync(&desk, &c, now() + SignedDuration::from_mins(1)).await;
    assert_eq!((report.imported, report.problems), (1, 1));
    let rows = desk.store.channel_orders(c.id).expect("rows");
    assert_eq!(rows.len(), 4);
    let odd = rows.iter().find(|r| r.external_id == "60-3").expect("kept");
    assert!(
        odd.problem
            .as_deref()
            .is_some_and(|p| p.contains("malformed")),
        "{odd:?}"
    );

    // An answer that is not the spec's at all: a clear error, nothing written.
    server
        .lock()
        .expect("ozon")
        .fault("/v3/posting/fbs/list", Fault::Status(400));
    let err = desk
        .channels
        .sync_now(c.id, Jobs::ALL, now() + SignedDuration::from_mins(2))
        .await
        .expect_err("refused list");
    assert!(
        matches!(err, ChannelError::Refused { status: 400, .. }),
        "{err}"
    );
    assert!(desk
        .channels
        .state(c.id)
        .expect("state")
        .last_error
        .is_some());
    assert_eq!(desk.store.channel_orders(c.id).expect("rows").len(), 4);
}

/// Issue 13 for Ozon: a posting comes in as Ozon has it — dated when the buyer placed it,
/// paid on Ozon (not «Не оплачен»), not a draft, priced by Ozon, found by its posting number —
/// instead of as an unconfirmed draft of the import's time.
#[tokio::test]
async fn postings_come_in_dated_paid_and_confirmed_as_ozon_has_them() {
    let desk = desk();
    let (server, c) = ozon(&desk).await;
    let placed = now() - SignedDuration::from_hours(1);
    let cutoff = now() + SignedDuration::from_hours(30);
    for (number, status) in [
        ("51-1", "awaiting_packaging"),
        ("52-1", "awaiting_deliver"),
        ("53-1", "cancelled"),
    ] {
        add_posting(&server, number, cutoff, false);
        server.lock().expect("ozon").set(number, status, "");
    }
    let report = sync(&desk, &c, now()).await;
    assert_eq!(report.imported, 3);
    let workflow = desk.store.workflow().expect("workflow");

    let (fresh, _) = order_of(&desk, &c, "51-1");
    let fresh = desk.store.order(fresh).expect("order");
    let first = workflow
        .first_stage(fresh.delivery, fresh.payment)
        .expect("a route");
    assert_eq!(fresh.stage.stage_id, first.id);
    assert_eq!(
        fresh.created_at, placed,
        "the buyer's date, not the import's"
    );
    assert_eq!(
        fresh.stage.entered_at,
        now(),
        "time before the import is not ours"
    );
    assert!(!fresh.draft, "placed and paid on Ozon: no draft");
    let total = fresh.totals().expect("totals").total;
    assert_eq!(
        total.0,
        2 * 139_000 + 9_950,
        "Ozon's prices, no tariff of ours"
    );
    assert_eq!(fresh.delivery_cost.0, 0);
    assert_eq!(fresh.paid().expect("paid"), total, "paid on Ozon");
    assert_eq!(fresh.payments[0].method, domain::PaymentMethod::Marketplace);
    assert_eq!(fresh.payments[0].at, placed);
    let found = desk.store.search("51-1", 10).expect("search");
    assert_eq!(
        found.iter().map(|r| r.id).collect::<Vec<_>>(),
        [fresh.id],
        "the posting number finds the order"
    );

    let (cancelled, _) = order_of(&desk, &c, "53-1");
    let cancelled = desk.store.order(cancelled).expect("order");
    assert_eq!(
        cancelled.stage.stage_id, "cancelled",
        "Ozon is master of it"
    );
    assert!(
        cancelled.payments.is_empty(),
        "Ozon refunds a cancelled posting"
    );

    // Packed in the cabinet before the desk knew it: picking it here finds it shipped and
    // sends nothing.
    let (packed, _) = order_of(&desk, &c, "52-1");
    let at = now() + SignedDuration::from_mins(1);
    move_to(&desk, packed, "picking", at);
    sync(&desk, &c, at).await;
    assert_eq!(server.lock().expect("ozon").calls(SHIP), 0);
    assert_eq!(push_for(&desk, &c, "picking").state, PushState::Done);
}
