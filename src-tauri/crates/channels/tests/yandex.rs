//! Yandex Market against a server written from the Partner API spec: orders enter, our
//! stages set the market's status exactly once each, 420 is waited out, at most 2 requests
//! are in flight, and "user unreachable" needs three logged unanswered calls.

mod support;

use std::time::Duration;

use channels::config::{Connection, Kind, RetryPolicy, Settings, StatusMap};
use channels::yandex::{YandexAction, YandexClient, YandexSettings};
use channels::{Credentials, Jobs, Secret};
use domain::{Call, CallOutcome, Channel, DeliveryMethod, Op};
use jiff::{SignedDuration, Timestamp};
use store::PushState;
use support::yandex::{self as ym, API_KEY, CAMPAIGN};
use support::{desk, now, products, serve, Desk};
use uuid::Uuid;

const PUT: &str = "PUT status";

async fn market(desk: &Desk, settings: YandexSettings) -> (ym::Shared, Connection) {
    let server = ym::Shared::default();
    let addr = serve(ym::router(server.clone())).await;
    let connection = Connection {
        id: Uuid::now_v7(),
        kind: Kind::YandexMarket,
        name: "Маркет".into(),
        base_url: format!("http://{addr}"),
        settings: Settings {
            retry: RetryPolicy {
                attempts: 3,
                first_delay_ms: 5,
                max_delay_ms: 50,
                timeout_ms: 400,
            },
            page_size: 2,
            yandex: Some(YandexSettings {
                campaign_id: CAMPAIGN,
                push_attempts: 3,
                ..settings
            }),
            ..Settings::default()
        },
        status_map: StatusMap::yandex_default(),
    };
    desk.channels
        .add_connection(&connection, &credentials(), now())
        .expect("add Yandex Market");
    products(&desk.store, &["MUG-BLUE"]);
    (server, connection)
}

fn credentials() -> Credentials {
    Credentials {
        key: String::new(),
        secret: Secret::new(API_KEY),
    }
}

fn add(server: &ym::Shared, id: i64, dbs: bool) {
    server.lock().orders.insert(
        id,
        ym::order(
            id,
            "PROCESSING",
            "STARTED",
            dbs,
            "2026-11-22T10:00:00+03:00",
        ),
    );
}

fn order_of(desk: &Desk, c: &Connection, id: i64) -> (Uuid, Vec<String>) {
    let row = desk
        .store
        .channel_orders(c.id)
        .expect("rows")
        .into_iter()
        .find(|r| r.external_id == id.to_string())
        .expect("order recorded");
    (row.order_id.expect("order made"), row.flags)
}

fn record(desk: &Desk, op: Op, at: Timestamp) {
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
    record(desk, op, at);
}

async fn sync(desk: &Desk, c: &Connection, at: Timestamp) -> channels::SyncReport {
    desk.channels
        .sync_now(c.id, Jobs::ALL, at)
        .await
        .expect("sync")
}

#[tokio::test]
async fn dbs_order_enters_and_each_stage_sets_the_status_once() {
    let desk = desk();
    let (server, c) = market(&desk, YandexSettings::default()).await;
    for id in [1001, 1002, 1003] {
        add(&server, id, id == 1001);
    }
    let report = sync(&desk, &c, now()).await;
    assert_eq!(report.imported, 3);
    assert_eq!(
        server.lock().calls("POST orders"),
        2,
        "three orders at two a page"
    );

    let (order_id, flags) = order_of(&desk, &c, 1001);
    assert!(flags.contains(&"model:dbs".to_owned()), "{flags:?}");
    assert!(
        flags.contains(&"unknown_sku:NOT-OURS".to_owned()),
        "{flags:?}"
    );
    let order = desk.store.order(order_id).expect("order");
    assert_eq!(order.channel, Channel::Marketplace);
    assert_eq!(order.delivery, DeliveryMethod::Courier);
    assert_eq!(order.lines[0].price.0, 139_025);
    assert_eq!(order.lines[0].quantity.0, 2_000);
    let (fbs, _) = order_of(&desk, &c, 1002);
    let fbs = desk.store.order(fbs).expect("order");
    assert_eq!(fbs.delivery, DeliveryMethod::MarketplaceLogistics);

    let mut at = now();
    let expected = [
        ("picking", "PROCESSING", "READY_TO_SHIP"),
        ("courier_delivery", "DELIVERY", ""),
        ("done", "DELIVERED", ""),
    ];
    for (i, (stage, status, substatus)) in expected.iter().enumerate() {
        at += SignedDuration::from_mins(10);
        move_to(&desk, order_id, stage, at);
        sync(&desk, &c, at).await;
        sync(&desk, &c, at + SignedDuration::from_mins(1)).await;
        let m = server.lock();
        assert_eq!(m.calls(PUT), i + 1, "one PUT per stage");
        let (_, body) = m.log.iter().rfind(|(p, _)| p == PUT).expect("put logged");
        assert_eq!(body["order"]["status"], *status);
        if substatus.is_empty() {
            assert!(body["order"].get("substatus").is_none());
        } else {
            assert_eq!(body["order"]["substatus"], *substatus);
        }
    }
    assert_eq!(server.lock().orders[&1001]["status"], "DELIVERED");
    // Duplicate reads of the same orders made no second order.
    assert_eq!(desk.store.channel_orders(c.id).expect("rows").len(), 3);
}

#[tokio::test]
async fn rate_limit_420_is_waited_out() {
    let desk = desk();
    let (server, c) = market(&desk, YandexSettings::default()).await;
    add(&server, 2001, false);
    sync(&desk, &c, now()).await;
    let (order_id, _) = order_of(&desk, &c, 2001);
    move_to(&desk, order_id, "picking", now());
    server
        .lock()
        .faults
        .insert(PUT.into(), [420].into_iter().collect());
    let report = sync(&desk, &c, now() + SignedDuration::from_mins(1)).await;
    assert_eq!(report.pushed, 1);
    assert_eq!(server.lock().calls(PUT), 1);
    assert_eq!(server.lock().orders[&2001]["substatus"], "READY_TO_SHIP");
}

#[tokio::test]
async fn never_more_than_two_requests_in_flight() {
    let desk = desk();
    let (server, c) = market(&desk, YandexSettings::default()).await;
    for id in 1..=6 {
        add(&server, id, false);
    }
    server.lock().latency = Duration::from_millis(60);
    let client = YandexClient::new(&c.base_url, credentials(), &c.settings).expect("client");
    let calls: Vec<_> = (1..=6)
        .map(|id| {
            let client = client.clone();
            tokio::spawn(async move { client.order(id).await })
        })
        .collect();
    for call in calls {
        let order = call.await.expect("task").expect("order read");
        assert_eq!(order.status, "PROCESSING");
    }
    let m = server.lock();
    assert_eq!(m.over_limit, 0);
    assert_eq!(m.max_in_flight, 2, "the limiter lets two through at once");
}

#[tokio::test]
async fn user_unreachable_needs_three_logged_unanswered_calls() {
    let desk = desk();
    let mut settings = YandexSettings::default();
    settings.triggers.insert(
        "cancelled".into(),
        YandexAction {
            status: "CANCELLED".into(),
            substatus: Some("USER_UNREACHABLE".into()),
        },
    );
    let (server, c) = market(&desk, settings).await;
    add(&server, 3001, false);
    add(&server, 3002, false);
    sync(&desk, &c, now()).await;
    let (refused, _) = order_of(&desk, &c, 3001);
    let (allowed, _) = order_of(&desk, &c, 3002);
    let call = |order_id, n: i64| Op::LogCall {
        order_id,
        call: Call {
            id: Uuid::now_v7(),
            started_at: now() + SignedDuration::from_mins(n),
            ended_at: now() + SignedDuration::from_mins(n) + SignedDuration::from_secs(30),
            outcome: CallOutcome::NoAnswer,
            note: None,
        },
    };
    for n in 0..2 {
        record(
            &desk,
            call(refused, n),
            now() + SignedDuration::from_mins(n),
        );
    }
    for n in 0..3 {
        record(
            &desk,
            call(allowed, n),
            now() + SignedDuration::from_mins(n),
        );
    }
    let at = now() + SignedDuration::from_mins(10);
    move_to(&desk, refused, "cancelled", at);
    move_to(&desk, allowed, "cancelled", at);
    sync(&desk, &c, at).await;

    let m = server.lock();
    assert_eq!(
        m.calls(PUT),
        1,
        "only the order with three attempts is cancelled"
    );
    let (_, body) = m.log.iter().find(|(p, _)| p == PUT).expect("put");
    assert_eq!(body["order"]["substatus"], "USER_UNREACHABLE");
    assert_eq!(m.orders[&3002]["status"], "CANCELLED");
    assert_eq!(m.orders[&3001]["status"], "PROCESSING");
    drop(m);
    let pushes = desk.store.pushes(c.id).expect("pushes");
    let failed = pushes
        .iter()
        .find(|p| p.external_id == "3001")
        .expect("kept");
    assert_eq!(failed.state, PushState::Failed);
    assert!(
        failed
            .last_error
            .as_deref()
            .is_some_and(|e| e.contains("has 2")),
        "{failed:?}"
    );
    let state = desk.channels.state(c.id).expect("state");
    assert!(
        state
            .last_error
            .as_deref()
            .is_some_and(|e| e.contains("3001")),
        "{state:?}"
    );
}

#[tokio::test]
async fn cancelled_on_the_market_stops_triggers() {
    let desk = desk();
    let (server, c) = market(&desk, YandexSettings::default()).await;
    add(&server, 4001, false);
    sync(&desk, &c, now()).await;
    let (order_id, _) = order_of(&desk, &c, 4001);
    {
        let mut m = server.lock();
        let o = m.orders.get_mut(&4001).expect("order");
        o["status"] = "CANCELLED".into();
        o["substatus"] = "USER_CHANGED_MIND".into();
        o["updateDate"] = "2026-11-22T10:05:00+03:00".into();
    }
    move_to(&desk, order_id, "picking", now());
    sync(&desk, &c, now() + SignedDuration::from_mins(1)).await;
    let (_, flags) = order_of(&desk, &c, 4001);
    assert!(
        flags.contains(&"marketplace_cancelled".to_owned()),
        "{flags:?}"
    );
    assert_eq!(
        desk.store.order(order_id).expect("order").stage.stage_id,
        "cancelled"
    );
    sync(&desk, &c, now() + SignedDuration::from_mins(2)).await;
    assert_eq!(server.lock().calls(PUT), 0);
}

/// An order the market updates while we page may sit on a page already read, with a time
/// later than orders read after it: the next read must start no later than this one began
/// (less a minute), or that update is never read.
#[tokio::test]
async fn the_cursor_never_passes_the_time_the_read_began() {
    let desk = desk();
    let (server, c) = market(&desk, YandexSettings::default()).await;
    // Updated half a minute after our read began, by the market's clock.
    let during = (now() + SignedDuration::from_secs(30))
        .to_zoned(jiff::tz::TimeZone::fixed(jiff::tz::offset(3)))
        .strftime("%Y-%m-%dT%H:%M:%S%:z")
        .to_string();
    server
        .lock()
        .orders
        .insert(1, ym::order(1, "PROCESSING", "STARTED", false, &during));
    desk.channels
        .sync_now(c.id, Jobs::ALL, now())
        .await
        .expect("sync");
    let cursor: Timestamp = desk
        .channels
        .state(c.id)
        .expect("state")
        .orders_cursor
        .expect("cursor")
        .parse()
        .expect("a time");
    assert!(cursor <= now() - SignedDuration::from_secs(60), "{cursor}");
}
