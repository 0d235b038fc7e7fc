//! Stock out to Ozon, Yandex Market and MegaMarket (changed products once, in batches, with
//! the fields each spec requires) and package labels in (the marketplace's PDF as sent; an
//! answer that is not a PDF is a clear error).

mod support;

use channels::config::{Connection, Kind, RetryPolicy, Settings, StatusMap};
use channels::megamarket::MegaMarketSettings;
use channels::ozon::OzonSettings;
use channels::yandex::YandexSettings;
use channels::{ChannelError, Credentials, Jobs, Secret};
use domain::Quantity;
use support::mp_extra::{self, LabelAnswer, LABEL};
use support::{desk, megamarket as mm, now, ozon, products, serve, yandex as ym, Desk};
use uuid::Uuid;

const STOCK: Jobs = Jobs {
    orders: false,
    stock: true,
};
const WAREHOUSE: i64 = 22_142_605_386_000;

fn retry() -> RetryPolicy {
    RetryPolicy {
        attempts: 2,
        first_delay_ms: 5,
        max_delay_ms: 20,
        timeout_ms: 1_000,
    }
}

fn add(desk: &Desk, kind: Kind, base: String, settings: Settings, c: Credentials) -> Connection {
    let connection = Connection {
        id: Uuid::now_v7(),
        kind,
        name: kind.as_str().into(),
        base_url: base,
        settings: Settings {
            retry: retry(),
            ..settings
        },
        status_map: StatusMap::default(),
    };
    desk.channels
        .add_connection(&connection, &c, now())
        .expect("add");
    connection
}

async fn ozon_market(desk: &Desk) -> (ozon::Shared, mp_extra::Shared, Connection) {
    let o = ozon::ozon();
    let x = mp_extra::Shared::default();
    let addr = serve(ozon::router(o.clone()).merge(mp_extra::ozon(x.clone()))).await;
    let settings = Settings {
        ozon: Some(OzonSettings {
            warehouse_id: WAREHOUSE,
            ..OzonSettings::default()
        }),
        ..Settings::default()
    };
    let creds = Credentials {
        key: ozon::CLIENT_ID.into(),
        secret: Secret::new(ozon::API_KEY),
    };
    let c = add(desk, Kind::Ozon, format!("http://{addr}"), settings, creds);
    (o, x, c)
}

async fn yandex_market(desk: &Desk) -> (mp_extra::Shared, Connection) {
    let x = mp_extra::Shared::default();
    let addr = serve(ym::router_with(ym::Shared::default(), x.clone())).await;
    let settings = Settings {
        yandex: Some(YandexSettings {
            campaign_id: ym::CAMPAIGN,
            ..YandexSettings::default()
        }),
        ..Settings::default()
    };
    let creds = Credentials {
        key: String::new(),
        secret: Secret::new(ym::API_KEY),
    };
    let c = add(
        desk,
        Kind::YandexMarket,
        format!("http://{addr}"),
        settings,
        creds,
    );
    (x, c)
}

async fn mega_market(desk: &Desk) -> (mm::Shared, Connection) {
    let server = mm::Shared::default();
    let addr = serve(mm::router(server.clone())).await;
    let settings = Settings {
        megamarket: Some(MegaMarketSettings {
            merchant_id: mm::MERCHANT,
            ..MegaMarketSettings::default()
        }),
        ..Settings::default()
    };
    let creds = Credentials {
        key: "login".into(),
        secret: Secret::new(mm::TOKEN),
    };
    let c = add(
        desk,
        Kind::MegaMarket,
        format!("http://{addr}"),
        settings,
        creds,
    );
    (server, c)
}

fn catalogue(desk: &Desk, n: usize) -> Vec<String> {
    let skus: Vec<String> = (0..n).map(|i| format!("SKU-{i:04}")).collect();
    let refs: Vec<&str> = skus.iter().map(String::as_str).collect();
    products(&desk.store, &refs);
    skus
}

#[tokio::test]
async fn ozon_stock_goes_out_once_in_batches_of_100_to_the_warehouse() {
    let desk = desk();
    let skus = catalogue(&desk, 150);
    let (_, x, c) = ozon_market(&desk).await;
    {
        let mut m = x.lock().expect("extra");
        // Ozon knows all but the last offer.
        for (i, sku) in skus.iter().take(149).enumerate() {
            m.products.insert(sku.clone(), 300_000_000 + i as i64);
        }
    }
    let report = desk
        .channels
        .sync_now(c.id, STOCK, now())
        .await
        .expect("stock");
    assert_eq!(report.stock_pushed, 149);
    assert_eq!(report.stock_missing, 1, "SKU-0149 is not on Ozon");
    {
        let m = x.lock().expect("extra");
        assert_eq!(m.calls("ozon stocks"), 2, "149 pairs at 100 a call");
        assert_eq!(m.calls("ozon products"), 1);
        assert_eq!(m.stock[&("ozon".to_owned(), "SKU-0000".to_owned())], 5);
        let (_, first) = m
            .log
            .iter()
            .find(|(p, _)| p == "ozon stocks")
            .expect("logged");
        assert_eq!(first["stocks"][0]["warehouse_id"], WAREHOUSE);
    }
    // Nothing changed: nothing sent, and the product ids are not looked up again.
    desk.channels
        .sync_now(c.id, STOCK, now())
        .await
        .expect("stock");
    assert_eq!(x.lock().expect("extra").calls("ozon stocks"), 2);
    desk.store
        .set_stock(vec![("SKU-0007".into(), Quantity(12_000))], now())
        .expect("stock");
    desk.channels
        .sync_now(c.id, STOCK, now())
        .await
        .expect("stock");
    let m = x.lock().expect("extra");
    assert_eq!(m.calls("ozon stocks"), 3);
    assert_eq!(m.calls("ozon products"), 1);
    let (_, last) = m.log.last().expect("logged");
    assert_eq!(last["stocks"].as_array().map(Vec::len), Some(1));
    assert_eq!(last["stocks"][0]["stock"], 12);
}

#[tokio::test]
async fn ozon_without_a_warehouse_pushes_no_stock() {
    let desk = desk();
    catalogue(&desk, 3);
    let (_, x, mut c) = ozon_market(&desk).await;
    c.settings.ozon = Some(OzonSettings::default());
    desk.channels.save_connection(&c, now()).expect("saved");
    desk.channels
        .sync_now(c.id, STOCK, now())
        .await
        .expect("stock");
    assert_eq!(x.lock().expect("extra").log.len(), 0);
}

#[tokio::test]
async fn yandex_stock_goes_out_once_with_unique_skus() {
    let desk = desk();
    catalogue(&desk, 5);
    let (x, c) = yandex_market(&desk).await;
    let report = desk
        .channels
        .sync_now(c.id, STOCK, now())
        .await
        .expect("stock");
    assert_eq!(report.stock_pushed, 5);
    desk.channels
        .sync_now(c.id, STOCK, now())
        .await
        .expect("stock");
    let m = x.lock().expect("extra");
    assert_eq!(m.calls("yandex stocks"), 1);
    let (_, body) = m.log.last().expect("logged");
    assert_eq!(body["skus"][0]["sku"], "SKU-0000");
    assert_eq!(body["skus"][0]["items"][0]["count"], 5);
}

#[tokio::test]
async fn labels_are_the_marketplaces_pdf() {
    let desk = desk();
    let (_, x, c) = ozon_market(&desk).await;
    let got = desk
        .channels
        .labels(c.id, "48173252-0034-4")
        .await
        .expect("labels");
    assert!(got.starts_with(b"%PDF"));
    assert_eq!(got, LABEL);
    assert_eq!(
        x.lock().expect("extra").log.last().expect("logged").1["posting_number"][0],
        "48173252-0034-4"
    );

    let (y, yc) = yandex_market(&desk).await;
    assert_eq!(
        desk.channels.labels(yc.id, "1001").await.expect("labels"),
        LABEL
    );
    assert_eq!(y.lock().expect("extra").calls("yandex label"), 1);
}

#[tokio::test]
async fn a_label_answer_that_is_not_a_pdf_is_a_clear_error() {
    let desk = desk();
    let (_, x, c) = ozon_market(&desk).await;
    x.lock().expect("extra").label = LabelAnswer::Text("<html>Войдите</html>");
    let err = desk
        .channels
        .labels(c.id, "1-1-1")
        .await
        .expect_err("not a PDF");
    assert!(
        matches!(err, ChannelError::Malformed { what: "labels", .. }),
        "{err}"
    );
    assert!(err.to_string().contains("no PDF"), "{err}");

    x.lock().expect("extra").label = LabelAnswer::Status(400);
    let err = desk
        .channels
        .labels(c.id, "1-1-1")
        .await
        .expect_err("refused");
    assert!(
        matches!(err, ChannelError::Refused { status: 400, .. }),
        "{err}"
    );
}

#[tokio::test]
async fn megamarket_stickers_are_its_pdf_once_packed() {
    let desk = desk();
    let (server, c) = mega_market(&desk).await;
    server
        .lock()
        .shipments
        .insert("77".into(), mm::shipment("77", "2026-11-22T06:00:00Z"));
    let err = desk
        .channels
        .labels(c.id, "77")
        .await
        .expect_err("not packed");
    assert!(err.to_string().contains("packed"), "{err}");
    {
        let mut m = server.lock();
        m.set_status("77", "PACKED");
        for i in m.shipments.get_mut("77").expect("shipment")["items"]
            .as_array_mut()
            .expect("items")
        {
            i["boxes"] = serde_json::json!([ { "boxIndex": 1, "boxCode": format!("{}*77*1", mm::MERCHANT) } ]);
        }
    }
    let got = desk.channels.labels(c.id, "77").await.expect("stickers");
    assert_eq!(got, mm::STICKER);
    let (_, body) = server.lock().log.last().cloned().expect("logged");
    assert_eq!(body["boxCodes"][0], format!("{}*77*1", mm::MERCHANT));
    server.lock().sticker_override = Some("<html>sticker</html>".into());
    let err = desk.channels.labels(c.id, "77").await.expect_err("HTML");
    assert!(err.to_string().contains("no PDF"), "{err}");
}
