//! "Test connection": one cheap authenticated read per connector kind, against the same
//! spec-following servers as the sync tests. Right keys pass, wrong keys are refused as
//! such, a limited or unreachable channel says so — and a probe writes nothing.

mod support;

use channels::config::{Connection, Kind, MoySkladSettings, Settings, StatusMap};
use channels::yandex::YandexSettings;
use channels::{probe, ChannelError, Credentials, Secret};
use support::{moysklad as ms, now, ozon as oz, serve, woo_site, yandex as ym};
use uuid::Uuid;

fn connection(kind: Kind, base_url: String, settings: Settings) -> Connection {
    Connection {
        id: Uuid::now_v7(),
        kind,
        name: "Проверка".into(),
        base_url,
        settings,
        status_map: StatusMap::default(),
    }
}

fn keys(key: &str, secret: &str) -> Credentials {
    Credentials {
        key: key.into(),
        secret: Secret::new(secret),
    }
}

fn refused(result: Result<(), ChannelError>) -> bool {
    matches!(result, Err(ChannelError::Unauthorized { .. }))
}

#[tokio::test]
async fn woocommerce_probe_tells_right_keys_from_wrong() {
    let site = woo_site::site("", "ck_right", "cs_right");
    let addr = serve(woo_site::router(site.clone())).await;
    site.lock().expect("site").home = format!("http://{addr}");
    let c = connection(
        Kind::WooCommerce,
        format!("http://{addr}"),
        Settings::default(),
    );
    probe(&c, keys("ck_right", "cs_right"), now())
        .await
        .expect("right keys pass");
    assert_eq!(site.lock().expect("site").requests.len(), 1, "one request");
    assert!(refused(
        probe(&c, keys("ck_right", "cs_wrong"), now()).await
    ));
}

#[tokio::test]
async fn moysklad_probe_reads_the_order_states() {
    let sk = ms::sklad();
    let addr = serve(ms::router(sk.clone())).await;
    let base = format!("http://{addr}/api/remap/1.2");
    sk.lock().expect("sklad").base = base.clone();
    let settings = Settings {
        moysklad: Some(MoySkladSettings {
            organization_href: format!("{base}/entity/organization/org-1"),
            store_href: None,
            stock_to: None,
        }),
        ..Settings::default()
    };
    let c = connection(Kind::MoySklad, base, settings);
    probe(&c, keys(ms::LOGIN, ms::PASSWORD), now())
        .await
        .expect("right password passes");
    assert!(refused(
        probe(&c, keys(ms::LOGIN, "wrong-password"), now()).await
    ));
}

#[tokio::test]
async fn ozon_probe_refuses_a_wrong_key_and_reports_limits() {
    let server = oz::ozon();
    let addr = serve(oz::router(server.clone())).await;
    let c = connection(Kind::Ozon, format!("http://{addr}"), Settings::default());
    probe(&c, keys(oz::CLIENT_ID, oz::API_KEY), now())
        .await
        .expect("right key passes");
    assert_eq!(
        server.lock().expect("ozon").calls("/v3/posting/fbs/list"),
        1
    );
    assert!(refused(
        probe(&c, keys(oz::CLIENT_ID, "not-the-key"), now()).await
    ));
    server
        .lock()
        .expect("ozon")
        .fault("/v3/posting/fbs/list", oz::Fault::Status(429));
    let limited = probe(&c, keys(oz::CLIENT_ID, oz::API_KEY), now()).await;
    assert!(
        matches!(limited, Err(ChannelError::RateLimited { attempts: 1 })),
        "{limited:?}"
    );
}

#[tokio::test]
async fn yandex_probe_needs_the_campaign_and_the_token() {
    let market = ym::Shared::default();
    let addr = serve(ym::router(market.clone())).await;
    let settings = |campaign_id| Settings {
        yandex: Some(YandexSettings {
            campaign_id,
            ..YandexSettings::default()
        }),
        ..Settings::default()
    };
    let c = connection(
        Kind::YandexMarket,
        format!("http://{addr}"),
        settings(ym::CAMPAIGN),
    );
    probe(&c, keys("", ym::API_KEY), now())
        .await
        .expect("right token passes");
    assert!(refused(probe(&c, keys("", "ACMA:wrong"), now()).await));
    let no_campaign = connection(Kind::YandexMarket, format!("http://{addr}"), settings(0));
    assert!(matches!(
        probe(&no_campaign, keys("", ym::API_KEY), now()).await,
        Err(ChannelError::Config(_))
    ));
}

#[tokio::test]
async fn an_unreachable_channel_is_a_network_error() {
    // Nothing listens on port 1.
    let c = connection(Kind::Ozon, "http://127.0.0.1:1".into(), Settings::default());
    let result = probe(&c, keys(oz::CLIENT_ID, oz::API_KEY), now()).await;
    assert!(
        matches!(result, Err(ChannelError::Network(_))),
        "{result:?}"
    );
}
