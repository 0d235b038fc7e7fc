//! Issue 20, point 4, through the desk: every setting a marketplace connection needs is in the
//! add form and editable later — Yandex Market's campaign (the form had no field, so «Проверить
//! подключение» always answered «Укажите номер кампании») and business, Ozon's stock warehouse
//! chosen from the ones Ozon lists (nothing could set it, so no stock ever went out).

use testkit::sites::mp_extra;
use testkit::sites::ozon;
use testkit::sites::yandex;

use std::sync::Arc;

use channels::MemorySecrets;
use jiff::Timestamp;
use proto::{ChannelKind, CommandError, MarketSetup, NewConnection};

fn now() -> Timestamp {
    Timestamp::from_second(1_795_330_000).expect("instant")
}

fn open(dir: &tempfile::TempDir) -> desk::Desk {
    desk::Desk::open_demo_with_secrets(dir.path(), now(), Arc::new(MemorySecrets::default()))
        .expect("open")
}

async fn serve(router: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move { axum::serve(listener, router).await.expect("serve") });
    format!("http://{addr}")
}

#[tokio::test]
async fn yandex_campaign_in_the_add_form_makes_the_test_work_before_saving() {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = open(&dir);
    let server = yandex::Shared::default();
    server.lock().orders.insert(
        901,
        yandex::order(
            901,
            "PROCESSING",
            "STARTED",
            false,
            "2026-11-22T10:00:00+03:00",
        ),
    );
    let base = serve(yandex::router(server.clone())).await;
    let form = |campaign_id: Option<i64>| NewConnection {
        kind: ChannelKind::YandexMarket,
        name: "Маркет".into(),
        base_url: base.clone(),
        key: String::new(),
        secret: yandex::API_KEY.into(),
        setup: MarketSetup {
            campaign_id,
            ..MarketSetup::default()
        },
        trust: None,
    };

    let without = desk
        .channel_test_new(form(None), now())
        .await
        .expect("test");
    assert!(
        !without.ok && without.message.contains("кампании"),
        "{}",
        without.message
    );
    let with = desk
        .channel_test_new(form(Some(yandex::CAMPAIGN)), now())
        .await
        .expect("test");
    assert!(with.ok, "{}", with.message);
    assert!(
        desk.channels().expect("list").is_empty(),
        "the test saves nothing"
    );

    let added = desk
        .add_connection(form(Some(yandex::CAMPAIGN)), now())
        .expect("add");
    let shown = desk.marketplace_triggers(&added.id).expect("settings");
    assert_eq!(shown.campaign_id, Some(yandex::CAMPAIGN));
    assert_eq!(shown.business_id, None, "not known before the first read");
    desk.sync_now(&added.id, now()).await.expect("sync");
    let shown = desk.marketplace_triggers(&added.id).expect("settings");
    assert_eq!(shown.business_id, Some(yandex::BUSINESS), "found and kept");

    // Editable later, and checked.
    let mut edit = shown.clone();
    edit.business_id = Some(-4);
    let err = desk
        .set_marketplace_triggers(&added.id, edit, now())
        .expect_err("negative");
    assert!(CommandError::from(err).message.contains("кабинета"));
    let mut edit = shown;
    edit.business_id = Some(yandex::BUSINESS + 10);
    let saved = desk
        .set_marketplace_triggers(&added.id, edit, now())
        .expect("saved");
    assert_eq!(saved.business_id, Some(yandex::BUSINESS + 10));
}

#[tokio::test]
async fn ozon_warehouse_is_chosen_from_the_list_in_the_form_and_editable_later() {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = open(&dir);
    let extra = mp_extra::Shared::default();
    extra.lock().expect("extra").warehouses = vec![
        (22_142_605_386_000, "Склад на Ленина".into()),
        (22_142_605_387_000, "Склад в Химках".into()),
    ];
    let base = serve(ozon::router(ozon::ozon()).merge(mp_extra::ozon(extra))).await;
    let form = |secret: &str, warehouse_id: Option<i64>| NewConnection {
        kind: ChannelKind::Ozon,
        name: "Ozon".into(),
        base_url: base.clone(),
        key: ozon::CLIENT_ID.into(),
        secret: secret.into(),
        setup: MarketSetup {
            warehouse_id,
            ..MarketSetup::default()
        },
        trust: None,
    };

    let wrong = desk
        .ozon_warehouses_new(form("not-the-key", None))
        .await
        .expect_err("wrong keys");
    let wrong = CommandError::from(wrong).message;
    assert!(wrong.contains("не принял ключи"), "{wrong}");
    assert!(!wrong.contains("по расписанию"), "{wrong}");

    let listed = desk
        .ozon_warehouses_new(form(ozon::API_KEY, None))
        .await
        .expect("warehouses");
    let names: Vec<&str> = listed.iter().map(|w| w.name.as_str()).collect();
    assert_eq!(names, ["Склад на Ленина", "Склад в Химках"]);

    let added = desk
        .add_connection(form(ozon::API_KEY, Some(listed[0].id)), now())
        .expect("add");
    let shown = desk.marketplace_triggers(&added.id).expect("settings");
    assert_eq!(shown.warehouse_id, Some(listed[0].id));
    assert_eq!(
        desk.ozon_warehouses(&added.id).await.expect("saved keys"),
        listed
    );

    let mut edit = shown;
    edit.warehouse_id = Some(listed[1].id);
    let saved = desk
        .set_marketplace_triggers(&added.id, edit, now())
        .expect("saved");
    assert_eq!(saved.warehouse_id, Some(listed[1].id));
}
