//! Issue 20, point 4 (Yandex Market): orders are read through the business-level
//! `POST /v1/businesses/{businessId}/orders` — the campaign-level `GET …/orders` the connector
//! used is deprecated (the fake no longer serves it). The business id is found from the
//! campaign once and kept in the connection's settings.

mod support;

use channels::config::{Connection, Kind, RetryPolicy, Settings, StatusMap};
use channels::yandex::YandexSettings;
use channels::{Credentials, Jobs, Secret};
use serde_json::json;
use support::yandex::{self as ym, API_KEY, BUSINESS, CAMPAIGN};
use support::{desk, now, products, serve, Desk};
use uuid::Uuid;

async fn market(desk: &Desk, business_id: i64) -> (ym::Shared, Connection) {
    let server = ym::Shared::default();
    for id in [801, 802] {
        let o = ym::order(
            id,
            "PROCESSING",
            "STARTED",
            false,
            "2026-11-22T10:00:00+03:00",
        );
        server.lock().orders.insert(id, o);
    }
    // The business's other campaign: listed business-wide, not ours to import.
    let mut other = ym::order(
        803,
        "PROCESSING",
        "STARTED",
        false,
        "2026-11-22T10:00:00+03:00",
    );
    other["campaignId"] = json!(CAMPAIGN + 1);
    server.lock().orders.insert(803, other);
    let addr = serve(ym::router(server.clone())).await;
    let connection = Connection {
        id: Uuid::now_v7(),
        kind: Kind::YandexMarket,
        name: "Маркет".into(),
        base_url: format!("http://{addr}"),
        settings: Settings {
            retry: RetryPolicy {
                attempts: 2,
                first_delay_ms: 5,
                max_delay_ms: 20,
                timeout_ms: 1_000,
            },
            page_size: 50,
            yandex: Some(YandexSettings {
                campaign_id: CAMPAIGN,
                business_id,
                ..YandexSettings::default()
            }),
            ..Settings::default()
        },
        status_map: StatusMap::yandex_default(),
    };
    let keys = Credentials {
        key: String::new(),
        secret: Secret::new(API_KEY),
    };
    desk.channels
        .add_connection(&connection, &keys, now())
        .expect("add Yandex Market");
    products(&desk.store, &["MUG-BLUE"]);
    (server, connection)
}

async fn sync(desk: &Desk, c: &Connection) -> channels::SyncReport {
    desk.channels
        .sync_now(c.id, Jobs::ALL, now())
        .await
        .expect("sync")
}

#[tokio::test]
async fn yandex_orders_come_business_wide_with_the_business_id_found_once_and_kept() {
    let desk = desk();
    let (server, c) = market(&desk, 0).await;
    let report = sync(&desk, &c).await;
    assert_eq!(report.imported, 2, "801 and 802; 803 is another campaign's");
    let rows = desk.store.channel_orders(c.id).expect("rows");
    assert!(rows.iter().all(|r| r.external_id != "803"), "{rows:?}");
    {
        let m = server.lock();
        assert_eq!(m.calls("GET campaign"), 1);
        let (_, body) = m
            .log
            .iter()
            .find(|(p, _)| p == "POST orders")
            .expect("orders read");
        assert_eq!(body["campaignIds"], json!([CAMPAIGN]));
        let from = body["dates"]["updateDateFrom"].as_str().expect("from");
        assert!(from.parse::<jiff::Timestamp>().is_ok(), "{from}");
    }
    let kept = desk.channels.connection(c.id).expect("connection");
    let yandex = kept.settings.yandex.expect("yandex settings");
    assert_eq!(
        yandex.business_id, BUSINESS,
        "found from the campaign, kept"
    );
    assert_eq!(yandex.campaign_id, CAMPAIGN);

    sync(&desk, &c).await;
    assert_eq!(server.lock().calls("GET campaign"), 1, "not asked again");
}

#[tokio::test]
async fn yandex_business_id_in_the_settings_is_used_without_asking() {
    let desk = desk();
    let (server, c) = market(&desk, BUSINESS).await;
    assert_eq!(sync(&desk, &c).await.imported, 2);
    assert_eq!(server.lock().calls("GET campaign"), 0);
}

#[tokio::test]
async fn yandex_wrong_business_id_is_refused_and_shown() {
    let desk = desk();
    let (_, c) = market(&desk, BUSINESS + 1).await;
    let err = desk
        .channels
        .sync_now(c.id, Jobs::ALL, now())
        .await
        .expect_err("not our business");
    assert!(err.to_string().contains("403"), "{err}");
}

/// Issue 13 for Yandex Market: an order comes in with the market's money to the kopeck (an
/// item's total that does not split evenly over its units, Plus points, the shop's own
/// delivery charge), dated when the buyer placed it, paid when prepaid, a draft only while
/// unpaid, and found by its number.
#[tokio::test]
async fn yandex_orders_keep_the_markets_money_dates_and_payment() {
    let desk = desk();
    let (server, c) = market(&desk, BUSINESS).await;
    let updated = "2026-11-22T10:00:00+03:00";
    let mut prepaid = ym::order(804, "PROCESSING", "STARTED", true, updated);
    prepaid["items"] = json!([{ "id": 1, "offerId": "MUG-BLUE", "offerName": "Кружка", "count": 3,
        "prices": { "payment": { "value": 100, "currencyId": "RUR" },
                    "cashback": { "value": 0.01, "currencyId": "RUR" } } }]);
    prepaid["prices"] = json!({ "delivery": { "payment": { "value": 350, "currencyId": "RUR" } } });
    let mut on_receipt = ym::order(805, "PROCESSING", "STARTED", true, updated);
    on_receipt["paymentType"] = json!("POSTPAID");
    on_receipt["paymentMethod"] = json!("CASH_ON_DELIVERY");
    let unpaid = ym::order(806, "UNPAID", "WAITING_USER_INPUT", false, updated);
    for (id, o) in [(804, prepaid), (805, on_receipt), (806, unpaid)] {
        server.lock().orders.insert(id, o);
    }
    assert_eq!(sync(&desk, &c).await.imported, 5);
    let order = |external: &str| {
        let row = desk
            .store
            .channel_orders(c.id)
            .expect("rows")
            .into_iter()
            .find(|r| r.external_id == external)
            .expect("recorded");
        desk.store
            .order(row.order_id.expect("order made"))
            .expect("order")
    };

    let o = order("804");
    let lines: Vec<_> = o.lines.iter().map(|l| (l.quantity.0, l.price.0)).collect();
    assert_eq!(
        lines,
        [(1_000, 3_333), (2_000, 3_334)],
        "100.01 ₽ over 3 units"
    );
    assert_eq!(
        o.delivery_cost.0, 35_000,
        "the market's delivery charge, not our tariff"
    );
    let total = o.totals().expect("totals").total;
    assert_eq!(total.0, 10_001 + 35_000);
    assert_eq!(o.paid().expect("paid"), total, "prepaid on the market");
    let placed: jiff::Timestamp = "2026-11-20T07:00:00Z".parse().expect("instant");
    assert_eq!(o.created_at, placed);
    assert!(!o.draft);
    let found = desk.store.search("804", 10).expect("search");
    assert!(found.iter().any(|r| r.id == o.id), "found by its number");

    let o = order("805");
    assert_eq!(
        o.payment,
        domain::PaymentMethod::CashOnDelivery,
        "our courier collects"
    );
    assert!(o.payments.is_empty());
    assert!(!o.draft);

    let o = order("806");
    assert!(o.draft, "not paid yet: not placed for good");
    assert!(o.payments.is_empty());
}
