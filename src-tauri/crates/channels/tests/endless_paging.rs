//! Lists that never end, as the marketplaces' specs allow them to answer (issue 20): Ozon's
//! own example answers `has_next: true` with the same posting at every offset, and the
//! desk's «Проверить подключение» sent 885 requests in 30 s before the window closed. Every
//! paged read must end quickly with `ChannelError::EndlessPaging`, after a bounded number of
//! requests, in the sync and in the connection check alike.

mod support;

use std::future::Future;
use std::time::Duration;

use channels::config::{Connection, Kind, MoySkladSettings, RetryPolicy, Settings, StatusMap};
use channels::megamarket::MegaMarketSettings;
use channels::moysklad::MoySkladClient;
use channels::ozon::OzonClient;
use channels::yandex::YandexSettings;
use channels::{ChannelError, Credentials, Jobs, Secret, MAX_PAGES};
use jiff::SignedDuration;
use support::ozon::Endless;
use support::Desk;
use support::{
    desk, megamarket as mm, moysklad as ms, now, ozon as oz, serve, woo_site, yandex as ym,
};
use uuid::Uuid;

/// Far longer than a bounded walk on loopback takes; only a walk without end reaches it.
const PATIENCE: Duration = Duration::from_secs(30);

async fn ends<T>(what: &str, run: impl Future<Output = T>) -> T {
    tokio::time::timeout(PATIENCE, run)
        .await
        .unwrap_or_else(|_| panic!("{what} did not end"))
}

fn retry() -> RetryPolicy {
    RetryPolicy {
        attempts: 2,
        first_delay_ms: 5,
        max_delay_ms: 20,
        timeout_ms: 2_000,
    }
}

fn connect(
    desk: &Desk,
    kind: Kind,
    base_url: String,
    settings: Settings,
    keys: Credentials,
) -> Connection {
    let status_map = match kind {
        Kind::Ozon => StatusMap::ozon_default(),
        Kind::YandexMarket => StatusMap::yandex_default(),
        Kind::MegaMarket => StatusMap::megamarket_default(),
        _ => StatusMap::moysklad_default(),
    };
    let connection = Connection {
        id: Uuid::now_v7(),
        kind,
        name: format!("{kind:?}"),
        base_url,
        settings: Settings {
            retry: retry(),
            ..settings
        },
        status_map,
    };
    desk.channels
        .add_connection(&connection, &keys, now())
        .expect("add connection");
    connection
}

fn assert_endless(result: Result<impl std::fmt::Debug, ChannelError>) {
    match result {
        Err(e @ ChannelError::EndlessPaging { .. }) => {
            assert!(
                e.to_string().contains("без конца"),
                "worded for the manager: {e}"
            );
        }
        other => panic!("expected EndlessPaging, got {other:?}"),
    }
}

fn ozon_keys() -> Credentials {
    Credentials {
        key: oz::CLIENT_ID.into(),
        secret: Secret::new(oz::API_KEY),
    }
}

const OZON_POSTING: &str = "0570-0029-1";

/// An Ozon connection whose list answers its one posting with `has_next: true` at every
/// offset, as the spec's own example does.
async fn ozon_same_posting_forever(desk: &Desk) -> (oz::Shared, Connection) {
    let server = oz::ozon();
    {
        let mut o = server.lock().expect("ozon");
        o.endless = Some(Endless::Same);
        let at = now() - SignedDuration::from_secs(30);
        let posting = oz::posting(OZON_POSTING, at, now(), false, &[("MUG-BLUE", 1, 1, "10")]);
        o.postings.insert(OZON_POSTING.into(), posting);
    }
    let addr = serve(oz::router(server.clone())).await;
    let settings = Settings {
        page_size: 1,
        ..Settings::default()
    };
    let c = connect(
        desk,
        Kind::Ozon,
        format!("http://{addr}"),
        settings,
        ozon_keys(),
    );
    (server, c)
}

#[tokio::test]
async fn ozon_has_next_forever_with_the_same_posting_ends_sync_and_check_with_an_error() {
    let desk = desk();
    let (server, c) = ozon_same_posting_forever(&desk).await;
    const LIST: &str = "/v3/posting/fbs/list";

    assert_endless(ends("sync", desk.channels.sync_now(c.id, Jobs::ALL, now())).await);
    // The first page, then the same posting again: that is the end.
    assert_eq!(server.lock().expect("ozon").calls(LIST), 2);
    let state = desk.channels.state(c.id).expect("state");
    assert!(
        state
            .last_error
            .as_deref()
            .is_some_and(|e| e.contains("без конца")),
        "the manager sees why: {:?}",
        state.last_error
    );

    assert_endless(ends("check", desk.channels.probe(c.id, now())).await);
    assert_eq!(server.lock().expect("ozon").calls(LIST), 4);
}

#[tokio::test]
async fn ozon_new_postings_forever_stop_at_the_page_cap() {
    let server = oz::ozon();
    server.lock().expect("ozon").endless = Some(Endless::New);
    let addr = serve(oz::router(server.clone())).await;
    let settings = Settings {
        retry: retry(),
        page_size: 1,
        ..Settings::default()
    };
    let client =
        OzonClient::new(&format!("http://{addr}"), ozon_keys(), &settings).expect("client");
    let since = now() - SignedDuration::from_hours(1);
    assert_endless(ends("walk", client.postings(since, now())).await);
    let calls = server.lock().expect("ozon").calls("/v3/posting/fbs/list");
    assert_eq!(calls, MAX_PAGES as usize);
}

/// The desk against Ozon's spec example (Prism, issue 20): the sync stopped at the repeated
/// page and threw away the posting the first page brought, so no order ever came in from a
/// list that pages without end. The posting read is imported; the error still ends the sync.
#[tokio::test]
async fn ozon_endless_paging_dropped_the_postings_it_had_read() {
    let desk = desk();
    let (_server, c) = ozon_same_posting_forever(&desk).await;

    assert_endless(ends("sync", desk.channels.sync_now(c.id, Jobs::ALL, now())).await);
    let rows = desk.store.channel_orders(c.id).expect("channel orders");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].external_id, OZON_POSTING);
    assert!(rows[0].order_id.is_some(), "imported as an order: {rows:?}");
}

/// A Yandex Market connection whose list repeats its page token, with order 7 on the page.
async fn yandex_same_token_forever(desk: &Desk) -> (ym::Shared, Connection) {
    let server = ym::Shared::default();
    {
        let mut m = server.lock();
        m.endless = true;
        m.orders.insert(
            7,
            ym::order(
                7,
                "PROCESSING",
                "STARTED",
                false,
                "2026-11-22T10:00:00+03:00",
            ),
        );
    }
    let addr = serve(ym::router(server.clone())).await;
    let settings = Settings {
        page_size: 1,
        yandex: Some(YandexSettings {
            campaign_id: ym::CAMPAIGN,
            ..YandexSettings::default()
        }),
        ..Settings::default()
    };
    let keys = Credentials {
        key: String::new(),
        secret: Secret::new(ym::API_KEY),
    };
    let c = connect(
        desk,
        Kind::YandexMarket,
        format!("http://{addr}"),
        settings,
        keys,
    );
    (server, c)
}

#[tokio::test]
async fn yandex_repeated_page_token_ends_sync_and_check_with_an_error() {
    let desk = desk();
    let (server, c) = yandex_same_token_forever(&desk).await;

    assert_endless(ends("sync", desk.channels.sync_now(c.id, Jobs::ALL, now())).await);
    assert_eq!(server.lock().calls("POST orders"), 2);
    assert_endless(ends("check", desk.channels.probe(c.id, now())).await);
    assert_eq!(server.lock().calls("POST orders"), 4);
}

/// As for Ozon: the order the first page brought was thrown away with the walk. It is
/// imported now, and the cursor does not move past the pages never read (the next sync asks
/// from where this one did).
#[tokio::test]
async fn yandex_endless_paging_dropped_the_orders_it_had_read() {
    let desk = desk();
    let (_server, c) = yandex_same_token_forever(&desk).await;

    assert_endless(ends("sync", desk.channels.sync_now(c.id, Jobs::ALL, now())).await);
    let rows = desk.store.channel_orders(c.id).expect("channel orders");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].external_id, "7");
    assert!(rows[0].order_id.is_some(), "imported as an order: {rows:?}");
    let state = desk.store.channel_state(c.id).expect("state");
    assert_eq!(state.orders_cursor, None, "the cursor stayed put");
}

#[tokio::test]
async fn megamarket_search_ignoring_the_window_ends_the_sync_with_an_error() {
    let desk = desk();
    let server = mm::Shared::default();
    {
        let mut m = server.lock();
        m.ignore_window = true;
        // A full answer (100) splits the window; the same full answer for both halves is
        // a server ignoring the dates, which would otherwise split 14 days down to seconds.
        for n in 0..120 {
            let id = format!("9{n:08}");
            m.shipments
                .insert(id.clone(), mm::shipment(&id, "2026-11-22T06:00:00Z"));
        }
    }
    let addr = serve(mm::router(server.clone())).await;
    let settings = Settings {
        megamarket: Some(MegaMarketSettings {
            merchant_id: mm::MERCHANT,
            ..MegaMarketSettings::default()
        }),
        ..Settings::default()
    };
    let keys = Credentials {
        key: "mm-login".into(),
        secret: Secret::new(mm::TOKEN),
    };
    let c = connect(
        &desk,
        Kind::MegaMarket,
        format!("http://{addr}"),
        settings,
        keys,
    );
    let orders = Jobs {
        orders: true,
        stock: false,
    };

    assert_endless(ends("sync", desk.channels.sync_now(c.id, orders, now())).await);
    let searches = server.lock().calls("order/search");
    // Down the first halves to one second (about 21 halvings), then its neighbour.
    assert!(searches < 40, "{searches} searches");
    // The check is one search: it answers.
    ends("check", desk.channels.probe(c.id, now()))
        .await
        .expect("check");
}

#[tokio::test]
async fn moysklad_list_ignoring_offset_ends_the_sync_with_an_error() {
    let desk = desk();
    support::products(&desk.store, &["ART-0"]);
    let sk = ms::sklad();
    let addr = serve(ms::router(sk.clone())).await;
    let base = format!("http://{addr}/api/remap/1.2");
    {
        let mut s = sk.lock().expect("sklad");
        s.base = base.clone();
        s.ignore_offset = true;
        for n in 0..3 {
            s.products
                .push((format!("p-{n}"), format!("ART-{n}"), Default::default(), 0));
        }
    }
    let settings = Settings {
        page_size: 2,
        moysklad: Some(MoySkladSettings {
            organization_href: format!("{base}/entity/organization/org-1"),
            store_href: None,
            stock_to: None,
        }),
        ..Settings::default()
    };
    let keys = Credentials {
        key: ms::LOGIN.into(),
        secret: Secret::new(ms::PASSWORD),
    };
    let c = connect(
        &desk,
        Kind::MoySklad,
        base.clone(),
        settings.clone(),
        keys.clone(),
    );
    let product_pages = || {
        sk.lock()
            .expect("sklad")
            .requests
            .iter()
            .filter(|r| r.ends_with("/entity/product"))
            .count()
    };

    // A confirmed order to push makes the sync read the product list.
    support::confirmed_order(&desk.store, "ART-0", now());
    let orders = Jobs {
        orders: true,
        stock: false,
    };
    assert_endless(ends("sync", desk.channels.sync_now(c.id, orders, now())).await);
    // The first page, then the same rows again: that is the end.
    assert_eq!(product_pages(), 2);

    let client = MoySkladClient::new(&base, keys, &settings).expect("client");
    assert_endless(ends("product list", client.products()).await);
    assert_eq!(product_pages(), 4);
}

/// A WooCommerce site whose listing pages without end (issue 20, point 1, «for МойСклад and
/// WooCommerce alike»): its cap was 100,000 pages with an English «more than 100000 pages».
async fn woo_paging(how: woo_site::EndlessPaging) -> (Desk, woo_site::Shared, Connection) {
    let desk = desk();
    support::products(&desk.store, &["MUG-BLUE"]);
    let site = woo_site::site("", support::KEY, support::SECRET);
    let addr = serve(woo_site::router(site.clone())).await;
    {
        let mut s = site.lock().expect("site");
        s.home = format!("http://{addr}");
        s.endless = Some(how);
        for id in 1..=3 {
            let o = woo_site::order(id, "processing", 100 + id, &[("MUG-BLUE", 1, "12.5")]);
            s.orders.insert(id, o);
        }
    }
    let c = support::woo_connection(&desk, addr);
    (desk, site, c)
}

#[tokio::test]
async fn woo_listing_that_ignores_its_page_ends_the_sync_and_keeps_the_orders_read() {
    for how in [
        woo_site::EndlessPaging::PageIgnored,
        woo_site::EndlessPaging::LinkBack,
    ] {
        let (desk, site, c) = woo_paging(how).await;
        let orders = Jobs {
            orders: true,
            stock: false,
        };
        assert_endless(ends("sync", desk.channels.sync_now(c.id, orders, now())).await);
        // The first page, then the same page again: that is the end.
        assert_eq!(site.lock().expect("site").list_requests, 2, "{how:?}");
        let rows = desk.store.channel_orders(c.id).expect("channel orders");
        assert_eq!(rows.len(), 3, "the first page's orders are kept: {how:?}");
        let state = desk.store.channel_state(c.id).expect("state");
        assert_eq!(state.orders_cursor, None, "the cursor stayed put: {how:?}");
        let shown = desk.channels.state(c.id).expect("state").last_error;
        assert!(
            shown
                .as_deref()
                .is_some_and(|e| e.contains("Сайт, список заказов")),
            "the connection says which list: {shown:?}"
        );
    }
}
