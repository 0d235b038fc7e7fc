//! SberMegaMarket against a server written from the documented calls: a shipment enters (read
//! on a schedule or pushed as `order/new`), moves through our stages and each stage trigger
//! makes exactly its one call; 429/5xx and timeouts are retried; a cancellation on
//! MegaMarket's side while picking flags the order and stops its triggers; stock goes out in
//! batches.

mod support;

use std::sync::Arc;

use channels::config::{Connection, Kind, RetryPolicy, Settings, StatusMap};
use channels::megamarket::{receiver, MegaMarketAction, MegaMarketSettings};
use channels::{Credentials, Jobs, Secret};
use domain::{Channel, DeliveryMethod, Op, Quantity};
use jiff::{SignedDuration, Timestamp};
use store::PushState;
use support::megamarket::{self as mm, MERCHANT, TOKEN};
use support::{desk, now, products, serve, Desk};
use uuid::Uuid;

const LOGIN: &str = "mm-push-login";

pub async fn market(desk: &Desk, settings: MegaMarketSettings) -> (mm::Shared, Connection) {
    let server = mm::Shared::default();
    let addr = serve(mm::router(server.clone())).await;
    let connection = Connection {
        id: Uuid::now_v7(),
        kind: Kind::MegaMarket,
        name: "Мегамаркет".into(),
        base_url: format!("http://{addr}"),
        settings: Settings {
            retry: RetryPolicy {
                attempts: 3,
                first_delay_ms: 5,
                max_delay_ms: 50,
                timeout_ms: 400,
            },
            megamarket: Some(MegaMarketSettings {
                push_attempts: 3,
                ..settings
            }),
            ..Settings::default()
        },
        status_map: StatusMap::megamarket_default(),
    };
    desk.channels
        .add_connection(&connection, &credentials(), now())
        .expect("add MegaMarket");
    products(&desk.store, &["MUG-BLUE"]);
    (server, connection)
}

fn credentials() -> Credentials {
    Credentials {
        key: LOGIN.into(),
        secret: Secret::new(TOKEN),
    }
}

fn with_merchant() -> MegaMarketSettings {
    MegaMarketSettings {
        merchant_id: MERCHANT,
        ..MegaMarketSettings::default()
    }
}

const CREATED: &str = "2026-11-22T06:00:00Z";

fn add(server: &mm::Shared, id: &str) {
    server
        .lock()
        .shipments
        .insert(id.into(), mm::shipment(id, CREATED));
}

fn order_of(desk: &Desk, c: &Connection, id: &str) -> (Uuid, Vec<String>) {
    let row = desk
        .store
        .channel_orders(c.id)
        .expect("rows")
        .into_iter()
        .find(|r| r.external_id == id)
        .expect("shipment recorded");
    (row.order_id.expect("order made"), row.flags)
}

fn move_to(desk: &Desk, order_id: Uuid, stage: &str, at: Timestamp) {
    let from = desk.store.order(order_id).expect("order").stage.stage_id;
    let op = if stage == "cancelled" {
        Op::Cancel {
            order_id,
            from_stage: from,
            reason: None,
        }
    } else {
        Op::MoveToStage {
            order_id,
            from_stage: from,
            to_stage: stage.into(),
        }
    };
    desk.store
        .record(store::NewOp {
            id: Uuid::now_v7(),
            actor: domain::Actor {
                id: "manager".into(),
                name: "Менеджер".into(),
                role: domain::Role::Admin,
            },
            at,
            op,
        })
        .expect("op recorded");
}

async fn sync(desk: &Desk, c: &Connection, at: Timestamp) -> channels::SyncReport {
    desk.channels
        .sync_now(
            c.id,
            Jobs {
                orders: true,
                stock: false,
            },
            at,
        )
        .await
        .expect("sync")
}

const CALLS: [&str; 4] = [
    "order/confirm",
    "order/packing",
    "order/shipping",
    "order/reject",
];

fn action_calls(server: &mm::Shared) -> Vec<usize> {
    let m = server.lock();
    CALLS.iter().map(|c| m.calls(c)).collect()
}

#[tokio::test]
async fn shipment_enters_and_each_stage_makes_its_one_call() {
    let desk = desk();
    let (server, c) = market(&desk, with_merchant()).await;
    add(&server, "900001");
    let report = sync(&desk, &c, now()).await;
    assert_eq!(report.imported, 1);

    let (order_id, flags) = order_of(&desk, &c, "900001");
    assert!(
        flags.contains(&"unknown_sku:NOT-OURS".to_owned()),
        "{flags:?}"
    );
    let order = desk.store.order(order_id).expect("order");
    assert_eq!(order.channel, Channel::Marketplace);
    assert_eq!(order.delivery, DeliveryMethod::MarketplaceLogistics);
    // Two pieces of the same offer at the same price are one line.
    assert_eq!(order.lines.len(), 2);
    assert_eq!(order.lines[0].sku, "MUG-BLUE");
    assert_eq!(order.lines[0].quantity, Quantity(2_000));
    assert_eq!(order.lines[0].price.0, 139_050);
    let cutoff: Timestamp = "2026-11-23T15:00:00Z".parse().expect("instant");
    assert!(
        order.stage.deadline.is_some_and(|d| d <= cutoff),
        "deadline {:?} not before the shipping limit",
        order.stage.deadline
    );

    // Reaching "new" (the import) confirmed every item, once.
    assert_eq!(action_calls(&server), [1, 0, 0, 0]);
    assert_eq!(server.lock().status("900001"), ["CONFIRMED"; 3]);
    let (_, confirm) = server
        .lock()
        .log
        .iter()
        .rfind(|(p, _)| p == "order/confirm")
        .cloned()
        .expect("logged");
    assert_eq!(
        confirm["shipments"][0]["items"].as_array().map(Vec::len),
        Some(3)
    );

    let mut at = now();
    let steps = [("picking", [1, 1, 0, 0]), ("done", [1, 1, 1, 0])];
    for (stage, expected) in steps {
        at += SignedDuration::from_mins(10);
        move_to(&desk, order_id, stage, at);
        sync(&desk, &c, at).await;
        sync(&desk, &c, at + SignedDuration::from_mins(1)).await;
        assert_eq!(action_calls(&server), expected, "after {stage}");
    }
    let m = server.lock();
    assert_eq!(m.status("900001"), ["SHIPPED"; 3]);
    let (_, packing) = m
        .log
        .iter()
        .rfind(|(p, _)| p == "order/packing")
        .expect("packing");
    assert_eq!(
        packing["shipments"][0]["items"][0]["boxes"][0]["boxCode"],
        format!("{MERCHANT}*900001*1")
    );
    let (_, shipping) = m
        .log
        .iter()
        .rfind(|(p, _)| p == "order/shipping")
        .expect("shipping");
    assert_eq!(
        shipping["shipments"][0]["boxes"].as_array().map(Vec::len),
        Some(1)
    );
    drop(m);
    // Read again and again: still one order.
    assert_eq!(desk.store.channel_orders(c.id).expect("rows").len(), 1);
    let pushes = desk.channels.pushes(c.id).expect("pushes");
    assert_eq!(pushes.len(), 3);
    assert!(pushes
        .iter()
        .all(|p| p.state == PushState::Done && p.op_id.is_some()));
}

#[tokio::test]
async fn cancelled_on_megamarket_while_picking_stops_the_triggers() {
    let desk = desk();
    let (server, c) = market(&desk, with_merchant()).await;
    add(&server, "900002");
    sync(&desk, &c, now()).await;
    let (order_id, _) = order_of(&desk, &c, "900002");
    let at = now() + SignedDuration::from_mins(5);
    move_to(&desk, order_id, "picking", at);
    // The buyer cancels on MegaMarket while we pick.
    server.lock().set_status("900002", "CUSTOMER_CANCELED");
    sync(&desk, &c, at + SignedDuration::from_mins(1)).await;
    sync(&desk, &c, at + SignedDuration::from_mins(2)).await;

    let (_, flags) = order_of(&desk, &c, "900002");
    assert!(
        flags.contains(&"marketplace_cancelled".to_owned()),
        "{flags:?}"
    );
    assert_eq!(
        desk.store.order(order_id).expect("order").stage.stage_id,
        "cancelled"
    );
    // Confirmed once; never packed, and our follow-up cancellation did not reject.
    assert_eq!(action_calls(&server), [1, 0, 0, 0]);
}

#[tokio::test]
async fn cancellation_found_by_the_queue_stops_the_push() {
    let desk = desk();
    let (server, c) = market(&desk, with_merchant()).await;
    add(&server, "900003");
    sync(&desk, &c, now()).await;
    let (order_id, _) = order_of(&desk, &c, "900003");
    move_to(&desk, order_id, "picking", now());
    server.lock().set_status("900003", "MERCHANT_CANCELED");
    // The queue runs without a fresh search: the read before packing finds the cancellation.
    let client =
        channels::megamarket::MegaMarketClient::new(&c.base_url, &credentials(), &c.settings)
            .expect("client");
    channels::megamarket::push::enqueue_triggers(&desk.store, &c, now()).expect("queued");
    let mut report = channels::SyncReport::default();
    channels::megamarket::push::work_queue(&desk.store, &c, &client, now(), &mut report)
        .await
        .expect("queue");
    let pushes = desk.channels.pushes(c.id).expect("pushes");
    let packing = pushes
        .iter()
        .find(|p| p.stage_id == "picking")
        .expect("packing push");
    assert_eq!(packing.state, PushState::Stopped);
    // Said in Russian beside the action, naming where it was cancelled (it read «cancelled on
    // MegaMarket», and the state «отменён на маркетплейсе» was shown for our own cancels too).
    let why = packing.last_error.clone().unwrap_or_default();
    assert!(
        why.starts_with("заказ отменён на маркетплейсе Мегамаркет"),
        "{why}"
    );
    assert_eq!(action_calls(&server), [1, 0, 0, 0]);
    assert_eq!(
        desk.store.order(order_id).expect("order").stage.stage_id,
        "cancelled"
    );
}

#[tokio::test]
async fn rate_limits_and_server_errors_are_retried_into_one_call() {
    let desk = desk();
    let (server, c) = market(&desk, with_merchant()).await;
    add(&server, "900004");
    server
        .lock()
        .faults
        .insert("order/confirm".into(), [429, 503].into_iter().collect());
    let report = sync(&desk, &c, now()).await;
    assert_eq!(report.pushed, 1);
    assert_eq!(action_calls(&server), [1, 0, 0, 0]);
    assert_eq!(server.lock().status("900004"), ["CONFIRMED"; 3]);
}

#[tokio::test]
async fn a_timeout_leaves_the_push_pending_and_the_next_sync_makes_it() {
    let desk = desk();
    let (server, c) = market(&desk, with_merchant()).await;
    add(&server, "900005");
    server
        .lock()
        .faults
        .insert("order/confirm".into(), [0, 0, 0].into_iter().collect());
    sync(&desk, &c, now()).await;
    let pushes = desk.channels.pushes(c.id).expect("pushes");
    assert_eq!(pushes[0].state, PushState::Pending);
    assert!(
        pushes[0]
            .last_error
            .as_deref()
            .is_some_and(|e| e.contains("in time")),
        "{pushes:?}"
    );
    assert_eq!(action_calls(&server), [0, 0, 0, 0]);
    // Before the backoff nothing is sent; after it the call goes out once.
    sync(&desk, &c, now() + SignedDuration::from_secs(10)).await;
    assert_eq!(action_calls(&server), [0, 0, 0, 0]);
    sync(&desk, &c, now() + SignedDuration::from_mins(2)).await;
    assert_eq!(action_calls(&server), [1, 0, 0, 0]);
    assert_eq!(
        desk.channels.pushes(c.id).expect("pushes")[0].state,
        PushState::Done
    );
}

#[tokio::test]
async fn a_refusal_fails_the_push_and_shows_on_the_connection() {
    // No merchant id: box codes cannot be made, so packing fails for good without a call.
    let desk = desk();
    let (server, c) = market(&desk, MegaMarketSettings::default()).await;
    add(&server, "900006");
    sync(&desk, &c, now()).await;
    let (order_id, _) = order_of(&desk, &c, "900006");
    move_to(&desk, order_id, "picking", now());
    sync(&desk, &c, now() + SignedDuration::from_mins(1)).await;
    assert_eq!(action_calls(&server), [1, 0, 0, 0]);
    let (_, flags) = order_of(&desk, &c, "900006");
    assert!(
        flags.contains(&"push_failed:picking".to_owned()),
        "{flags:?}"
    );
    let state = desk.channels.state(c.id).expect("state");
    assert!(state.last_error.is_some_and(|e| e.contains("merchant id")));

    // Cancelling afterwards still rejects, once.
    move_to(
        &desk,
        order_id,
        "cancelled",
        now() + SignedDuration::from_mins(2),
    );
    sync(&desk, &c, now() + SignedDuration::from_mins(3)).await;
    assert_eq!(action_calls(&server), [1, 0, 0, 1]);
    assert_eq!(server.lock().status("900006")[0], "MERCHANT_CANCELED");
}

#[tokio::test]
async fn megamarket_refusal_with_success_0_fails_the_push() {
    // A merchant id that is not ours: MegaMarket refuses the box codes (HTTP 200, success 0).
    let settings = MegaMarketSettings {
        merchant_id: 1,
        ..MegaMarketSettings::default()
    };
    let desk = desk();
    let (server, c) = market(&desk, settings).await;
    add(&server, "900008");
    sync(&desk, &c, now()).await;
    let (order_id, _) = order_of(&desk, &c, "900008");
    move_to(&desk, order_id, "picking", now());
    sync(&desk, &c, now() + SignedDuration::from_mins(1)).await;
    sync(&desk, &c, now() + SignedDuration::from_hours(2)).await;
    let pushes = desk.channels.pushes(c.id).expect("pushes");
    let packing = pushes
        .iter()
        .find(|p| p.stage_id == "picking")
        .expect("push");
    assert_eq!(packing.state, PushState::Failed);
    assert_eq!(packing.attempts, 1, "a refusal is not retried");
    assert!(
        packing
            .last_error
            .as_deref()
            .is_some_and(|e| e.contains("boxCode")),
        "{packing:?}"
    );
    assert_eq!(server.lock().status("900008"), ["CONFIRMED"; 3]);
}

#[tokio::test]
async fn reject_reason_outside_the_list_is_not_sent() {
    let mut settings = with_merchant();
    settings.triggers.insert(
        "cancelled".into(),
        MegaMarketAction::Reject {
            reason: "BORED".into(),
        },
    );
    let desk = desk();
    let (server, c) = market(&desk, settings).await;
    add(&server, "900007");
    sync(&desk, &c, now()).await;
    let (order_id, _) = order_of(&desk, &c, "900007");
    move_to(&desk, order_id, "cancelled", now());
    sync(&desk, &c, now() + SignedDuration::from_mins(1)).await;
    assert_eq!(action_calls(&server), [1, 0, 0, 0]);
    let failed = desk.channels.pushes(c.id).expect("pushes");
    assert!(failed
        .iter()
        .any(|p| p.state == PushState::Failed && p.stage_id == "cancelled"));
}

#[tokio::test]
async fn order_new_push_imports_once_and_refuses_strangers() {
    let desk = desk();
    let (server, c) = market(&desk, with_merchant()).await;
    let kicked = Arc::new(std::sync::Mutex::new(Vec::new()));
    let kicks = kicked.clone();
    let kick: channels::notify::Kick = Arc::new(move |id| {
        kicks.lock().expect("kicks").push(id);
    });
    let addr = serve(receiver::router(desk.channels.clone(), kick)).await;
    let url = format!("http://{addr}/megamarket/{}/order/new", c.id);
    let body = serde_json::json!({
        "meta": { "source": "OMS" },
        "data": {
            "shipments": [ {
                "shipmentId": "900010",
                "shipmentDate": "2026-11-22T10:00:00+03:00",
                "items": [ { "itemIndex": "1", "goodsId": "100001", "offerId": "MUG-BLUE",
                    "itemName": "Кружка синяя", "price": 1390.5, "finalPrice": 1300,
                    "quantity": 1, "taxRate": "20", "reservationPerformed": true } ],
                "label": { "fullName": "Петров Пётр", "address": "Москва, ул. Садовая, 1",
                    "merchantId": MERCHANT },
                "shipping": { "shippingDate": "2026-11-23T18:00:00+03:00", "shippingPoint": 1234 },
                "fulfillmentMethod": "FULFILLMENT_BY_MERCHANT"
            } ],
            "merchantId": MERCHANT
        }
    });
    let client = reqwest::Client::new();
    let auth = receiver::basic_auth(&credentials());
    let send = |auth: String| {
        client
            .post(&url)
            .header("authorization", auth)
            .json(&body)
            .send()
    };
    let stranger = send("Basic bm9ib2R5Om5vdGhpbmc=".into())
        .await
        .expect("sent");
    assert_eq!(stranger.status(), 401);
    assert!(desk.store.channel_orders(c.id).expect("rows").is_empty());

    for _ in 0..2 {
        let r = send(auth.clone()).await.expect("sent");
        assert_eq!(r.status(), 200);
        let answer: serde_json::Value = r.json().await.expect("json");
        assert_eq!(answer["success"], 1);
    }
    let rows = desk.store.channel_orders(c.id).expect("rows");
    assert_eq!(rows.len(), 1, "a repeated push made no second order");
    // The new shipment's confirm is not left for the next scheduled run: the orders job is
    // asked for once, not again for the repeated push.
    assert_eq!(*kicked.lock().expect("kicks"), [c.id]);
    let order = desk
        .store
        .order(rows[0].order_id.expect("order"))
        .expect("order");
    assert_eq!(order.customer.name, "Петров Пётр");
    assert_eq!(order.lines[0].price.0, 130_000);
    assert!(order.stage.deadline.is_some());

    // The cancel push makes us read the shipment: cancelled there, our order follows.
    server
        .lock()
        .shipments
        .insert("900010".into(), mm::shipment("900010", CREATED));
    server.lock().set_status("900010", "CUSTOMER_CANCELED");
    let cancel = client
        .post(format!("http://{addr}/megamarket/{}/order/cancel", c.id))
        .header("authorization", auth.clone())
        .json(&serde_json::json!({ "meta": {}, "data": { "shipments": [ {
            "shipmentId": "900010", "items": [ { "itemIndex": 1, "goodsId": "100001" } ] } ] } }))
        .send()
        .await
        .expect("sent");
    assert_eq!(cancel.status(), 200);
    let rows = desk.store.channel_orders(c.id).expect("rows");
    assert!(
        rows[0].flags.contains(&"marketplace_cancelled".to_owned()),
        "{:?}",
        rows[0].flags
    );
    let order = desk
        .store
        .order(rows[0].order_id.expect("order"))
        .expect("order");
    assert_eq!(order.stage.stage_id, "cancelled");
}

#[tokio::test]
async fn stock_goes_out_once_in_batches() {
    let desk = desk();
    let (server, c) = market(&desk, with_merchant()).await;
    let skus: Vec<String> = (0..340).map(|i| format!("SKU-{i:04}")).collect();
    let refs: Vec<&str> = skus.iter().map(String::as_str).collect();
    products(&desk.store, &refs);
    let stock_only = Jobs {
        orders: false,
        stock: true,
    };
    let report = desk
        .channels
        .sync_now(c.id, stock_only, now())
        .await
        .expect("stock");
    assert_eq!(report.stock_pushed, 341);
    {
        let m = server.lock();
        assert_eq!(m.calls("stock/update"), 2, "341 offers at 300 a call");
        assert_eq!(m.stock["MUG-BLUE"], 5);
    }
    desk.channels
        .sync_now(c.id, stock_only, now())
        .await
        .expect("stock");
    assert_eq!(
        server.lock().calls("stock/update"),
        2,
        "nothing changed, nothing sent"
    );
    desk.store
        .set_stock(vec![("MUG-BLUE".into(), Quantity(3_000))], now())
        .expect("stock set");
    desk.channels
        .sync_now(c.id, stock_only, now())
        .await
        .expect("stock");
    let m = server.lock();
    assert_eq!(m.calls("stock/update"), 3);
    let (_, last) = m.log.last().expect("logged");
    assert_eq!(
        last["stocks"],
        serde_json::json!([ { "offerId": "MUG-BLUE", "quantity": 3 } ])
    );
}

#[tokio::test]
async fn a_full_search_answer_splits_the_window_so_no_shipment_is_missed() {
    let desk = desk();
    let (server, c) = market(&desk, with_merchant()).await;
    let start: Timestamp = "2026-11-21T00:00:00Z".parse().expect("instant");
    for i in 0..130_i64 {
        let id = format!("95{i:04}");
        let created = start + SignedDuration::from_mins(7 * i);
        server
            .lock()
            .shipments
            .insert(id.clone(), mm::shipment(&id, &created.to_string()));
    }
    let report = sync(&desk, &c, now()).await;
    assert_eq!(report.imported, 130);
    let m = server.lock();
    assert!(
        m.calls("order/search") >= 3,
        "the full first answer was split"
    );
    assert!(m
        .log
        .iter()
        .filter(|(p, _)| p == "order/get")
        .all(|(_, d)| d["shipments"].as_array().is_some_and(|a| a.len() <= 50)));
}

/// «Обменяться сейчас» while the scheduled run is still working the queue (on the hub any team
/// desk can ask): the second run waits for the first instead of making the same call again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_runs_of_one_connection_at_once_make_a_queued_call_once() {
    let desk = desk();
    let (server, c) = market(&desk, with_merchant()).await;
    add(&server, "900020");
    sync(&desk, &c, now()).await;
    let (order_id, _) = order_of(&desk, &c, "900020");
    let at = now() + SignedDuration::from_mins(10);
    move_to(&desk, order_id, "picking", at);
    // Slow enough that both runs read the shipment as confirmed before either packs it.
    server.lock().latency = std::time::Duration::from_millis(150);
    let (a, b) = tokio::join!(sync(&desk, &c, at), sync(&desk, &c, at));
    assert_eq!(action_calls(&server), [1, 1, 0, 0]);
    // The packing was sent by one run; the other found it done, not refused by MegaMarket.
    assert_eq!(a.pushed + b.pushed, 1, "{a:?} {b:?}");
    let pushes = desk.channels.pushes(c.id).expect("pushes");
    assert!(
        pushes.iter().all(|p| p.state == PushState::Done),
        "{pushes:?}"
    );
    let state = desk.channels.state(c.id).expect("state");
    assert_eq!(state.last_error, None);
}

/// Issue 13 for MegaMarket: a shipment comes in dated when it was placed, paid (MegaMarket
/// settles for it), not a draft, found by its number, and an item the buyer cancelled in a
/// shipment that stands is not part of its money.
#[tokio::test]
async fn shipments_come_in_dated_paid_and_without_their_cancelled_items() {
    let desk = desk();
    let (server, c) = market(&desk, with_merchant()).await;
    add(&server, "9100");
    server.lock().shipments.get_mut("9100").expect("shipment")["items"][2]["status"] =
        serde_json::json!("CUSTOMER_CANCELED");
    assert_eq!(sync(&desk, &c, now()).await.imported, 1);
    let (order_id, _) = order_of(&desk, &c, "9100");
    let order = desk.store.order(order_id).expect("order");
    let lines: Vec<_> = order
        .lines
        .iter()
        .map(|l| (l.sku.as_str(), l.quantity, l.price.0))
        .collect();
    assert_eq!(lines, [("MUG-BLUE", Quantity(2_000), 139_050)]);
    let total = order.totals().expect("totals").total;
    assert_eq!(total.0, 278_100);
    assert_eq!(order.paid().expect("paid"), total);
    assert_eq!(order.payments[0].method, domain::PaymentMethod::Marketplace);
    let placed: Timestamp = CREATED.parse().expect("instant");
    assert_eq!(order.created_at, placed);
    assert!(!order.draft);
    let found = desk.store.search("9100", 10).expect("search");
    assert!(
        found.iter().any(|r| r.id == order_id),
        "found by its number"
    );
}
