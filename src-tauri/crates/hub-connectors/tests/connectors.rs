//! Connectors on the hub, end to end on loopback: a worker per shop imports from a fake
//! WooCommerce site (the channels crate's test server), webhooks and 1C reach it through the
//! hub, team desks see the orders through sync and manage the connections through the hub,
//! and never run connectors themselves.

use testkit::sites::woo_site;

use testkit::sites::ozon as ozon_api;

use testkit::sites::megamarket as megamarket_api;

#[path = "connectors/site_number.rs"]
mod site_number;

#[path = "connectors/site_certificate.rs"]
mod site_certificate;

#[path = "connectors/chosen_once.rs"]
mod chosen_once;

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use channels::woo::webhook;
use hub::{admin, db, Config};
use hub_connectors::{self as connector, ConnectorHub};
use proto::sync::PROTOCOL_VERSION;
use proto::{ChannelKind, ChannelView, NewConnection};
use testkit::pg::TestDatabase;
use uuid::Uuid;

const KEY: &str = "ck_hub_1";
const SECRET: &str = "cs_hub_top_secret";

struct Team {
    _db: TestDatabase,
    data: tempfile::TempDir,
    hub: ConnectorHub,
    pool: deadpool_postgres::Pool,
    shop: Uuid,
    http: reqwest::Client,
}

impl Team {
    /// A shop whose connectors run on a fresh hub (schedules looked at every second).
    async fn start(prefix: &str) -> Team {
        Team::start_with(prefix, |_| {}).await
    }

    async fn start_with(prefix: &str, configure: impl FnOnce(&mut Config)) -> Team {
        let db = TestDatabase::create(prefix).await.expect("test database");
        let pool = db::pool(&db.url, 2).expect("pool");
        db::migrate(&pool).await.expect("migrate");
        let shop = admin::create_shop(&pool, "Чайная лавка")
            .await
            .expect("shop");
        let data = tempfile::tempdir().expect("data dir");
        connector::admin::enable(&pool, data.path(), shop)
            .await
            .expect("enable connectors");
        let mut cfg = Config {
            database_url: db.url.clone(),
            listen: "127.0.0.1:0".parse().expect("addr"),
            pool_size: 8,
            data_dir: data.path().to_path_buf(),
            connector_tick_s: 1,
            // The fake sites listen on loopback.
            allow_private_channel_hosts: true,
            ..Config::default()
        };
        configure(&mut cfg);
        let hub = ConnectorHub::start(&cfg).await.expect("hub starts");
        wait_for("the connector worker", || hub.connector_workers() == 1).await;
        Team {
            _db: db,
            data,
            hub,
            pool,
            shop,
            http: reqwest::Client::new(),
        }
    }

    async fn token(&self, shop: Uuid, role: &str) -> String {
        let login = format!("{role}{}", fastrand::u32(..));
        let user = admin::create_user(&self.pool, shop, &login, "Сотрудник", role)
            .await
            .expect("user");
        admin::create_device(&self.pool, user, "pc")
            .await
            .expect("device")
            .1
    }

    /// A team desk of this shop, joined to the hub as a member of `role`.
    async fn desk(&self, role: &str) -> (tempfile::TempDir, Arc<desk::Desk>) {
        let token = self.token(self.shop, role).await;
        let dir = tempfile::tempdir().expect("desk dir");
        let url = self.hub.url();
        let path = dir.path().to_path_buf();
        let desk = tokio::task::spawn_blocking(move || {
            // The desk's keyring is the OS's (tested in the desk crate); here, memory.
            let secrets = Arc::new(channels::MemorySecrets::default());
            let desk = desk::Desk::open_with_secrets(&path, jiff::Timestamp::now(), secrets)
                .expect("open");
            desk.join_team(&url, &token).expect("join");
            Arc::new(desk)
        })
        .await
        .expect("desk thread");
        (dir, desk)
    }

    fn request(&self, method: reqwest::Method, path: &str, token: &str) -> reqwest::RequestBuilder {
        self.http
            .request(method, format!("{}{path}", self.hub.url()))
            .bearer_auth(token)
            .header("orderdesk-protocol", PROTOCOL_VERSION.to_string())
    }
}

async fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "timed out waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn order_count(desk: &desk::Desk) -> u32 {
    desk.queue(jiff::Timestamp::now())
        .expect("queue")
        .stages
        .iter()
        .map(|s| s.count)
        .sum()
}

async fn fake_site() -> (woo_site::Shared, String) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let home = format!("http://{}", listener.local_addr().expect("addr"));
    let site = woo_site::site(&home, KEY, SECRET);
    let router = woo_site::router(site.clone());
    tokio::spawn(async move { axum::serve(listener, router).await.expect("site runs") });
    (site, home)
}

/// The admin's team desk adds the site through the hub (the keys go to the hub's secret file).
async fn add_site(desk: &Arc<desk::Desk>, home: &str) -> ChannelView {
    let new = NewConnection {
        kind: ChannelKind::WooCommerce,
        name: "Сайт".into(),
        base_url: home.to_owned(),
        key: KEY.into(),
        secret: SECRET.into(),
        setup: Default::default(),
        trust: None,
    };
    let desk = desk.clone();
    tokio::task::spawn_blocking(move || desk.add_connection(new, jiff::Timestamp::now()))
        .await
        .expect("thread")
        .expect("the hub adds the connection")
}

fn secret_file(data: &Path, shop: Uuid) -> std::path::PathBuf {
    connector::admin::shop_dir(data, shop).join("secrets.json")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_hub_imports_from_the_site_and_team_desks_see_the_orders() {
    let team = Team::start("conn_import").await;
    let (site, home) = fake_site().await;
    {
        let mut s = site.lock().expect("site");
        for id in 1..=3 {
            let o = woo_site::order(id, "processing", 1_795_320_100 + id, &[("MUG-1", 1, "500")]);
            s.orders.insert(id, o);
        }
    }
    let (_a, admin_desk) = team.desk("admin").await;
    let (_b, picker_desk) = team.desk("picker").await;
    // Team desks never run connectors; a desk alone does.
    assert!(!admin_desk.runs_connectors().expect("state"));
    let alone_dir = tempfile::tempdir().expect("dir");
    let alone = desk::Desk::open_with_secrets(
        alone_dir.path(),
        jiff::Timestamp::now(),
        Arc::new(channels::MemorySecrets::default()),
    )
    .expect("lone desk");
    assert!(alone.runs_connectors().expect("state"));

    let view = add_site(&admin_desk, &home).await;
    let urls =
        connector::admin::urls(team.data.path(), team.shop, "https://hub.example/").expect("urls");
    let hook = format!("https://hub.example/hooks/{}/woo/{}", team.shop, view.id);
    assert!(urls[0].ends_with(&hook), "{urls:?}");
    // The worker's schedule imports them; both desks get them through sync.
    wait_for("three orders on the picker's desk", || {
        order_count(&picker_desk) == 3
    })
    .await;
    wait_for("three orders on the admin's desk", || {
        order_count(&admin_desk) == 3
    })
    .await;
    // The order card shows how the site knows the order, from the hub's worker.
    let d = picker_desk.clone();
    let known = tokio::task::spawn_blocking(move || {
        let now = jiff::Timestamp::now();
        let queue = d.queue(now).expect("queue");
        let stage = queue.stages.iter().find(|s| s.count > 0).expect("a stage");
        let order = d.stage_orders(&stage.id, now).expect("orders").remove(0);
        d.order_channels(&order.id).expect("order channels")
    })
    .await
    .expect("thread");
    assert_eq!(known.len(), 1);
    assert_eq!(known[0].connection_name, "Сайт");
    // The state the channels screen shows comes from the hub.
    let d = picker_desk.clone();
    let list = tokio::task::spawn_blocking(move || d.channels())
        .await
        .expect("thread")
        .expect("channels from the hub");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].id, view.id);
    assert_eq!(list[0].state.imported, 3);
    assert!(list[0].state.orders_synced_at.is_some());
    // The keys are in the hub's private secret file, not in anyone's database.
    let file = secret_file(team.data.path(), team.shop);
    assert!(std::fs::read_to_string(&file)
        .expect("secret file")
        .contains(SECRET));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    // "Sync now" from a desk runs on the hub: a new order on the site comes in.
    site.lock().expect("site").orders.insert(
        4,
        woo_site::order(4, "processing", 1_795_320_900, &[("MUG-1", 2, "500")]),
    );
    let result = admin_desk
        .sync_now(&view.id, jiff::Timestamp::now())
        .await
        .expect("sync now through the hub");
    assert!(result.imported <= 1, "{result:?}");
    wait_for("the fourth order", || order_count(&picker_desk) == 4).await;
    // A picker may look but not change connections.
    let d = picker_desk.clone();
    let id = view.id.clone();
    let refused = tokio::task::spawn_blocking(move || d.resume_connection(&id))
        .await
        .expect("thread");
    assert!(refused.is_err(), "a picker resumed a connection");
    admin_desk.stop_sync();
    picker_desk.stop_sync();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_signed_webhook_brings_the_order_at_once_and_a_forged_one_is_refused() {
    let team = Team::start("conn_hook").await;
    let (site, home) = fake_site().await;
    let (_a, admin_desk) = team.desk("admin").await;
    let view = add_site(&admin_desk, &home).await;
    // Let the first scheduled pull (an empty site) pass; the next is 5 minutes away.
    let d = admin_desk.clone();
    wait_for("the first pull", || {
        d.channels().expect("channels")[0]
            .state
            .orders_synced_at
            .is_some()
    })
    .await;
    assert_eq!(order_count(&admin_desk), 0);
    let asked = site.lock().expect("site").requests.len();

    let url = format!("{}/hooks/{}/woo/{}", team.hub.url(), team.shop, view.id);
    let send = |body: String, signature: String| {
        team.http
            .post(&url)
            .header("x-wc-webhook-topic", "order.created")
            .header("x-wc-webhook-delivery-id", Uuid::now_v7().to_string())
            .header("x-wc-webhook-signature", signature)
            .header("content-type", "application/json")
            .body(body)
            .send()
    };
    let forged = woo_site::order(42, "processing", 1_795_320_500, &[("MUG-1", 1, "500")]);
    let forged = forged.to_string();
    let answer = send(
        forged.clone(),
        webhook::signature("guess", forged.as_bytes()),
    )
    .await
    .expect("forged delivery");
    assert_eq!(answer.status(), 401);

    let body = woo_site::order(41, "processing", 1_795_320_500, &[("MUG-1", 1, "500")]);
    let body = body.to_string();
    let answer = send(body.clone(), webhook::signature(SECRET, body.as_bytes()))
        .await
        .expect("delivery");
    assert_eq!(answer.status(), 200);
    wait_for("the webhook's order on the desk", || {
        order_count(&admin_desk) == 1
    })
    .await;
    // Only the signed one was stored.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(order_count(&admin_desk), 1);
    // The site never had order 41, and no scheduled pull ran since the first: the webhook
    // brought it.
    let d = admin_desk.clone();
    let state = tokio::task::spawn_blocking(move || d.channels().expect("channels"))
        .await
        .expect("thread")[0]
        .state
        .clone();
    assert_eq!(state.imported, 1);
    assert_eq!(site.lock().expect("site").requests.len(), asked);

    // Bodies are limited before they are read.
    let huge = "x".repeat(2 << 20);
    let answer = send(huge.clone(), webhook::signature(SECRET, huge.as_bytes()))
        .await
        .expect("huge delivery");
    assert_eq!(answer.status(), 413);
    admin_desk.stop_sync();
}

struct OneC<'a> {
    http: &'a reqwest::Client,
    url: String,
    cookie: String,
}

impl OneC<'_> {
    async fn send(&self, method: reqwest::Method, query: &str, body: Vec<u8>) -> String {
        self.http
            .request(method, format!("{}?{query}", self.url))
            .header("cookie", &self.cookie)
            .body(body)
            .send()
            .await
            .expect("1C request")
            .text()
            .await
            .expect("answer")
    }

    async fn get(&self, query: &str) -> String {
        self.send(reqwest::Method::GET, query, Vec::new()).await
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_c_runs_a_whole_exchange_session_against_the_hub() {
    let team = Team::start("conn_1c").await;
    let (_a, admin_desk) = team.desk("admin").await;
    let new = NewConnection {
        kind: ChannelKind::CommerceMl,
        name: "1С:УНФ".into(),
        base_url: String::new(),
        key: "1c".into(),
        secret: "exchange-pass".into(),
        setup: Default::default(),
        trust: None,
    };
    let d = admin_desk.clone();
    let view = tokio::task::spawn_blocking(move || d.add_connection(new, jiff::Timestamp::now()))
        .await
        .expect("thread")
        .expect("add 1C");
    let url = format!("{}/hooks/{}/1c/{}", team.hub.url(), team.shop, view.id);
    let checkauth = |password: &'static str| {
        team.http
            .get(format!("{url}?type=catalog&mode=checkauth"))
            .basic_auth("1c", Some(password))
            .send()
    };
    let wrong = checkauth("guess").await.expect("checkauth").text().await;
    assert_eq!(wrong.expect("text"), "failure\nwrong login or password");
    let auth = checkauth("exchange-pass")
        .await
        .expect("checkauth")
        .text()
        .await
        .expect("text");
    let lines: Vec<&str> = auth.lines().collect();
    assert_eq!(lines[0], "success", "{auth}");
    let one_c = OneC {
        http: &team.http,
        url: url.clone(),
        cookie: format!("{}={}", lines[1], lines[2]),
    };
    assert!(one_c
        .get("type=catalog&mode=init")
        .await
        .starts_with("zip=no\nfile_limit="));
    let import = include_bytes!("../../channels/tests/data/cml/import.xml").to_vec();
    let offers = include_bytes!("../../channels/tests/data/cml/offers.xml").to_vec();
    for (name, body) in [("import.xml", import), ("offers.xml", offers)] {
        let post = reqwest::Method::POST;
        let sent = one_c
            .send(
                post,
                &format!("type=catalog&mode=file&filename={name}"),
                body,
            )
            .await;
        assert_eq!(sent, "success");
        let imported = one_c
            .get(&format!("type=catalog&mode=import&filename={name}"))
            .await;
        assert_eq!(imported, "success");
    }
    let xml = one_c.get("type=sale&mode=query").await;
    assert!(
        channels::cml::parse_orders(xml.as_bytes()).is_ok(),
        "orders.xml from the hub: {xml}"
    );
    assert_eq!(one_c.get("type=sale&mode=success").await, "success");
    // A file larger than the exchange announced is refused before it is read.
    let huge = vec![b' '; channels::cml::exchange::FILE_LIMIT + (128 << 10)];
    let status = team
        .http
        .post(format!("{url}?type=catalog&mode=file&filename=import.xml"))
        .header("cookie", &one_c.cookie)
        .body(huge)
        .send()
        .await
        .expect("huge file")
        .status();
    assert_eq!(status, 413);
    admin_desk.stop_sync();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_shop_cannot_reach_another_shops_connectors() {
    let team = Team::start("conn_isolation").await;
    let (_site, home) = fake_site().await;
    let (_a, admin_desk) = team.desk("admin").await;
    let view = add_site(&admin_desk, &home).await;
    let other = admin::create_shop(&team.pool, "Другой магазин")
        .await
        .expect("shop");
    let stranger = team.token(other, "admin").await;
    let get = reqwest::Method::GET;
    let post = reqwest::Method::POST;

    // Shop B has no worker here: nothing of A's shows.
    let list = team
        .request(get, "/v1/channels", &stranger)
        .send()
        .await
        .expect("list");
    assert_eq!(list.status(), 404);
    for path in [
        format!("/v1/channels/{}/sync", view.id),
        format!("/v1/channels/{}/resume", view.id),
    ] {
        let r = team
            .request(post.clone(), &path, &stranger)
            .send()
            .await
            .expect("request");
        assert_eq!(r.status(), 404, "{path}");
    }
    // B's hook prefix does not lead to A's connection.
    let hook = format!("{}/hooks/{other}/woo/{}", team.hub.url(), view.id);
    let r = team.http.post(hook).body("{}").send().await.expect("hook");
    assert_eq!(r.status(), 404);
    // Without a token nothing is served.
    let r = team
        .http
        .get(format!("{}/v1/channels", team.hub.url()))
        .header("orderdesk-protocol", PROTOCOL_VERSION.to_string())
        .send()
        .await
        .expect("anonymous");
    assert_eq!(r.status(), 401);
    // A member of A who is not the admin cannot add a connection.
    let picker = team.token(team.shop, "picker").await;
    let new = NewConnection {
        kind: ChannelKind::WooCommerce,
        name: "Чужой".into(),
        base_url: home.clone(),
        key: "k".into(),
        secret: "s".into(),
        setup: Default::default(),
        trust: None,
    };
    let r = team
        .request(post, "/v1/channels", &picker)
        .json(&new)
        .send()
        .await
        .expect("add");
    assert_eq!(r.status(), 403);
    admin_desk.stop_sync();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn marketplace_notifications_pull_at_once() {
    let team = Team::start("conn_notify").await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let ozon = ozon_api::ozon();
    // The seller's one warehouse, for the stock warehouse chosen through the hub.
    let warehouses = || async {
        axum::Json(serde_json::json!({ "result": [
            { "warehouse_id": 22_142_605_386_000_i64, "name": "Склад на Ленина",
              "is_rfbs": false, "status": "created" } ] }))
    };
    let router =
        ozon_api::router(ozon.clone()).route("/v1/warehouse/list", axum::routing::post(warehouses));
    tokio::spawn(async move { axum::serve(listener, router).await.expect("ozon runs") });
    let (_a, admin_desk) = team.desk("admin").await;
    let add = |kind, name: &str, key: &str, secret: &str| {
        let new = NewConnection {
            kind,
            name: name.into(),
            base_url: base.clone(),
            key: key.into(),
            secret: secret.into(),
            setup: Default::default(),
            trust: None,
        };
        let d = admin_desk.clone();
        tokio::task::spawn_blocking(move || d.add_connection(new, jiff::Timestamp::now()))
    };
    let seller = ozon_api::CLIENT_ID;
    let view = add(ChannelKind::Ozon, "Ozon", seller, ozon_api::API_KEY)
        .await
        .expect("thread")
        .expect("add Ozon");
    let market = add(ChannelKind::YandexMarket, "Маркет", "", "ym-token")
        .await
        .expect("thread")
        .expect("add Yandex Market");
    let d = admin_desk.clone();
    wait_for("the first pull", || {
        d.channels()
            .expect("channels")
            .iter()
            .find(|c| c.id == view.id)
            .is_some_and(|c| c.state.orders_synced_at.is_some())
    })
    .await;
    assert_eq!(order_count(&admin_desk), 0);
    let hooks = format!("{}/hooks/{}", team.hub.url(), team.shop);
    let ozon_url = format!("{hooks}/ozon/{}", view.id);
    let post = |url: String, body: serde_json::Value| team.http.post(url).json(&body).send();

    // Ozon checks the URL with a ping, then tells of a new posting: it is pulled at once.
    let now = jiff::Timestamp::now();
    let ping = serde_json::json!({"message_type": "TYPE_PING", "time": now.to_string()});
    let answer = post(ozon_url.clone(), ping).await.expect("ping");
    assert_eq!(answer.status(), 200);
    let pong: serde_json::Value = answer.json().await.expect("json");
    assert_eq!(pong["name"], "OrderDesk");
    let deadline = now
        .checked_add(jiff::SignedDuration::from_hours(20))
        .expect("time");
    let posting = ozon_api::posting("0001-1", now, deadline, false, &[("MUG-1", 1, 1, "500")]);
    ozon.lock()
        .expect("ozon")
        .postings
        .insert("0001-1".into(), posting);
    let event = |seller_id: i64| {
        serde_json::json!({"message_type": "TYPE_NEW_POSTING", "posting_number": "0001-1",
            "products": [{"sku": 1, "quantity": 1}], "in_process_at": now.to_string(),
            "warehouse_id": 1, "seller_id": seller_id})
    };
    let other = post(ozon_url.clone(), event(1))
        .await
        .expect("other seller");
    assert_eq!(other.status(), 403);
    let seller_id: i64 = seller.parse().expect("numeric client id");
    let answer = post(ozon_url, event(seller_id)).await.expect("event");
    assert_eq!(answer.status(), 200);
    let ack: serde_json::Value = answer.json().await.expect("json");
    assert_eq!(ack, serde_json::json!({"result": true}));
    wait_for("the posting on the desk", || order_count(&admin_desk) == 1).await;

    // Yandex Market calls `<url>/notification`; a ping is answered as its API asks.
    let ym = format!("{hooks}/yandex/{}/notification", market.id);
    let ping = serde_json::json!({"notificationType": "PING", "time": now.to_string()});
    let answer = post(ym.clone(), ping).await.expect("ping");
    assert_eq!(answer.status(), 200);
    let pong: serde_json::Value = answer.json().await.expect("json");
    assert!(
        pong["version"].is_string() && pong["time"].is_string(),
        "{pong}"
    );
    let broken = team
        .http
        .post(ym.clone())
        .body("{")
        .send()
        .await
        .expect("broken");
    assert_eq!(broken.status(), 400);
    // The admin sets the campaign from a team desk (the trigger editor goes through the
    // hub); another campaign's events are then refused.
    let d = admin_desk.clone();
    let mid = market.id.clone();
    let saved = tokio::task::spawn_blocking(move || {
        let mut t = d.marketplace_triggers(&mid).expect("triggers from the hub");
        t.campaign_id = Some(21_000_001);
        d.set_marketplace_triggers(&mid, t, jiff::Timestamp::now())
    })
    .await
    .expect("thread")
    .expect("saved on the hub");
    assert_eq!(saved.campaign_id, Some(21_000_001));
    let foreign = serde_json::json!({"notificationType": "ORDER_CREATED", "orderId": 7,
        "campaignId": 5, "items": [], "createdAt": now.to_string()});
    let answer = post(ym, foreign).await.expect("foreign");
    assert_eq!(answer.status(), 400);

    // Ozon's warehouses come through the hub (the worker holds the keys), and the chosen one
    // is saved there.
    let listed = admin_desk
        .ozon_warehouses(&view.id)
        .await
        .expect("warehouses through the hub");
    assert_eq!(listed.len(), 1, "{listed:?}");
    let d = admin_desk.clone();
    let (oid, wid) = (view.id.clone(), listed[0].id);
    let saved = tokio::task::spawn_blocking(move || {
        let mut t = d.marketplace_triggers(&oid).expect("triggers from the hub");
        t.warehouse_id = Some(wid);
        d.set_marketplace_triggers(&oid, t, jiff::Timestamp::now())
    })
    .await
    .expect("thread")
    .expect("saved on the hub");
    assert_eq!(saved.warehouse_id, Some(22_142_605_386_000));
    admin_desk.stop_sync();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn connectors_enabled_or_disabled_while_the_hub_runs() {
    let team = Team::start("conn_toggle").await;
    let other = admin::create_shop(&team.pool, "Второй")
        .await
        .expect("shop");
    connector::admin::enable(&team.pool, team.data.path(), other)
        .await
        .expect("enable");
    wait_for("the second worker", || team.hub.connector_workers() == 2).await;
    connector::admin::disable(&team.pool, team.shop)
        .await
        .expect("disable");
    wait_for("the first worker to stop", || {
        team.hub.connector_workers() == 1
    })
    .await;
    let hook = format!(
        "{}/hooks/{}/woo/{}",
        team.hub.url(),
        team.shop,
        Uuid::now_v7()
    );
    let r = team.http.post(hook).body("{}").send().await.expect("hook");
    assert_eq!(r.status(), 404);
}

/// SberMegaMarket pushes a new shipment to the hub (`order/new`, Basic auth with the
/// connection's login and token): the order reaches the team at once, a stranger's push is
/// refused and stores nothing, a repeated push makes no second order. (It found the bug of
/// `store::marketplace_admin_ops_stay_out_of_the_sync_push`: after the merchant id was saved
/// the worker pushed nothing at all.)
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_megamarket_push_reaches_the_team_through_the_hub() {
    use base64::Engine;
    let team = Team::start("conn_mm").await;
    let (market, _a, admin_desk, view) = megamarket_on_hub(&team).await;
    let login = MM_LOGIN;
    // MegaMarket holds the shipment it pushes, so the orders job can read it back.
    mm_shipment(&market, "900077");
    let url = format!(
        "{}/hooks/{}/megamarket/{}/order/new",
        team.hub.url(),
        team.shop,
        view.id
    );
    let body = serde_json::json!({
        "meta": { "source": "OMS" },
        "data": {
            "shipments": [ {
                "shipmentId": "900077",
                "shipmentDate": "2026-11-22T10:00:00+03:00",
                "items": [ { "itemIndex": "1", "goodsId": "100001", "offerId": "MUG-BLUE",
                    "itemName": "Кружка синяя", "price": 1390.5, "finalPrice": 1300,
                    "quantity": 1, "taxRate": "20", "reservationPerformed": true } ],
                "label": { "fullName": "Петров Пётр", "address": "Москва, ул. Садовая, 1",
                    "merchantId": megamarket_api::MERCHANT },
                "shipping": { "shippingDate": "2026-11-23T18:00:00+03:00", "shippingPoint": 1234 },
                "fulfillmentMethod": "FULFILLMENT_BY_MERCHANT"
            } ],
            "merchantId": megamarket_api::MERCHANT
        }
    });
    let basic = |pair: &str| {
        format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(pair)
        )
    };
    let send = |auth: String| {
        team.http
            .post(url.clone())
            .header("authorization", auth)
            .json(&body)
            .send()
    };
    let stranger = send(basic("nobody:nothing")).await.expect("sent");
    assert_eq!(stranger.status(), 401);
    let auth = basic(&format!("{login}:{}", megamarket_api::TOKEN));
    for _ in 0..2 {
        let r = send(auth.clone()).await.expect("sent");
        assert_eq!(r.status(), 200);
        let answer: serde_json::Value = r.json().await.expect("json");
        assert_eq!(answer["success"], 1, "{answer}");
    }
    wait_for("the pushed shipment on the team desk", || {
        order_count(&admin_desk) == 1
    })
    .await;
    // The push kicked the worker's orders job: the new stage's confirm went out at once,
    // not at the next scheduled run (minutes away in this test).
    wait_for("MegaMarket's order/confirm", || {
        market.lock().calls("order/confirm") == 1
    })
    .await;
    // Neither the stranger's nor the repeated push added an order or a second confirm.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(order_count(&admin_desk), 1);
    assert_eq!(market.lock().calls("order/confirm"), 1);
    admin_desk.stop_sync();
}

const MM_LOGIN: &str = "mm-push-login";

/// A MegaMarket connection run by the hub's worker against the fake market, added (with the
/// merchant id) by an admin's team desk; returned once the worker's first scheduled run is
/// over, so the next one is minutes away.
async fn megamarket_on_hub(
    team: &Team,
) -> (
    megamarket_api::Shared,
    tempfile::TempDir,
    Arc<desk::Desk>,
    ChannelView,
) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let market = megamarket_api::Shared::default();
    let router = megamarket_api::router(market.clone());
    tokio::spawn(async move { axum::serve(listener, router).await.expect("mm runs") });
    let (dir, admin_desk) = team.desk("admin").await;
    let new = NewConnection {
        kind: ChannelKind::MegaMarket,
        name: "Мегамаркет".into(),
        base_url: base,
        key: MM_LOGIN.into(),
        secret: megamarket_api::TOKEN.into(),
        setup: Default::default(),
        trust: None,
    };
    let d = admin_desk.clone();
    let view = tokio::task::spawn_blocking(move || d.add_connection(new, jiff::Timestamp::now()))
        .await
        .expect("thread")
        .expect("add MegaMarket");
    // The merchant id (checked against each push) is set from the team desk, on the hub.
    let d = admin_desk.clone();
    let id = view.id.clone();
    tokio::task::spawn_blocking(move || {
        let mut t = d.marketplace_triggers(&id).expect("triggers from the hub");
        t.campaign_id = Some(megamarket_api::MERCHANT);
        d.set_marketplace_triggers(&id, t, jiff::Timestamp::now())
    })
    .await
    .expect("thread")
    .expect("merchant saved on the hub");
    let mut synced = false;
    for _ in 0..300 {
        let d = admin_desk.clone();
        let channels = tokio::task::spawn_blocking(move || d.channels())
            .await
            .expect("thread")
            .expect("channels from the hub");
        if channels.iter().any(|c| c.state.orders_synced_at.is_some()) {
            synced = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        synced,
        "the worker's first run of the MegaMarket connection"
    );
    (market, dir, admin_desk, view)
}

/// A shipment MegaMarket holds, created an hour ago (inside the orders job's look-back).
fn mm_shipment(market: &megamarket_api::Shared, id: &str) {
    let created = (jiff::Timestamp::now() - jiff::SignedDuration::from_hours(1)).to_string();
    market
        .lock()
        .shipments
        .insert(id.into(), megamarket_api::shipment(id, &created));
}

/// The failed pushes of a connection, as a team desk sees them through the hub.
async fn pushes(desk: &Arc<desk::Desk>, connection: &str) -> Vec<proto::PushView> {
    let d = desk.clone();
    let id = connection.to_owned();
    tokio::task::spawn_blocking(move || d.channel_pushes(&id))
        .await
        .expect("thread")
        .expect("pushes from the hub")
}

/// «Повторить» and «Скрыть» on a team desk: the hub's worker keeps the marketplace queue, so
/// both go through the hub, recorded as the member who asked. A retried push goes out at
/// once, not at the next scheduled run. (Before, both looked for the push in the desk's own
/// database, which has none in a team, and answered that it did not exist.)
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_team_desk_retries_and_dismisses_failed_pushes_through_the_hub() {
    let team = Team::start("conn_retry").await;
    let (market, _a, admin_desk, view) = megamarket_on_hub(&team).await;
    mm_shipment(&market, "900081");
    mm_shipment(&market, "900082");
    // MegaMarket refuses both confirms once: each push fails for good.
    market
        .lock()
        .faults
        .insert("order/confirm".into(), [400, 400].into());
    admin_desk
        .sync_now(&view.id, jiff::Timestamp::now())
        .await
        .expect("sync now on the hub");
    let failed: Vec<_> = pushes(&admin_desk, &view.id)
        .await
        .into_iter()
        .filter(|p| p.state == "failed")
        .collect();
    assert_eq!(failed.len(), 2, "both confirms refused: {failed:?}");
    assert_eq!(market.lock().calls("order/confirm"), 0);

    let (d, retry) = (admin_desk.clone(), failed[0].id.clone());
    let retried = tokio::task::spawn_blocking(move || d.push_retry(&retry, jiff::Timestamp::now()))
        .await
        .expect("thread")
        .expect("retry through the hub");
    assert_eq!(retried.state, "pending");
    wait_for("the retried confirm", || {
        market.lock().calls("order/confirm") == 1
    })
    .await;
    let (d, dismiss) = (admin_desk.clone(), failed[1].id.clone());
    let dismissed = tokio::task::spawn_blocking(move || {
        d.push_dismiss(
            &dismiss,
            "покупатель отказался по телефону",
            jiff::Timestamp::now(),
        )
    })
    .await
    .expect("thread")
    .expect("dismiss through the hub");
    assert_eq!(dismissed.state, "dismissed");
    assert_eq!(
        dismissed.dismissed_reason.as_deref(),
        Some("покупатель отказался по телефону")
    );
    // The member who asked is named, not the hub's worker.
    assert_eq!(dismissed.dismissed_by.as_deref(), Some("Сотрудник"));
    let (d, again) = (admin_desk.clone(), failed[1].id.clone());
    let refused = tokio::task::spawn_blocking(move || d.push_retry(&again, jiff::Timestamp::now()))
        .await
        .expect("thread");
    assert!(refused.is_err(), "a dismissed push is not retried");
    let states: Vec<String> = pushes(&admin_desk, &view.id)
        .await
        .into_iter()
        .map(|p| p.state.as_str().to_owned())
        .collect();
    assert!(states.contains(&"done".to_owned()), "{states:?}");
    assert_eq!(market.lock().calls("order/confirm"), 1);
    admin_desk.stop_sync();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn junk_to_made_up_hook_ids_does_not_starve_a_valid_webhook() {
    let team = Team::start("conn_hook_junk").await;
    let (_site, home) = fake_site().await;
    let (_a, admin_desk) = team.desk("admin").await;
    let view = add_site(&admin_desk, &home).await;
    // More junk than a connection's whole burst, from another machine, to connections that
    // do not exist: none of it may be charged to the real one.
    let junk = reqwest::Client::builder()
        .local_address(std::net::IpAddr::from([127, 0, 0, 2]))
        .build()
        .expect("client");
    for i in 0..300 {
        let kind = ["woo", "1c", "ozon", "megamarket"][i % 4];
        let url = format!(
            "{}/hooks/{}/{kind}/{}",
            team.hub.url(),
            team.shop,
            Uuid::now_v7()
        );
        let r = junk.post(url).body("{}").send().await.expect("junk");
        assert_eq!(r.status(), 404, "junk #{i}");
    }
    let body = woo_site::order(77, "processing", 1_795_320_500, &[("MUG-1", 1, "500")]);
    let body = body.to_string();
    let answer = team
        .http
        .post(format!(
            "{}/hooks/{}/woo/{}",
            team.hub.url(),
            team.shop,
            view.id
        ))
        .header("x-wc-webhook-topic", "order.created")
        .header("x-wc-webhook-delivery-id", Uuid::now_v7().to_string())
        .header(
            "x-wc-webhook-signature",
            webhook::signature(SECRET, body.as_bytes()),
        )
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .expect("delivery");
    assert_eq!(answer.status(), 200);
    admin_desk.stop_sync();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_connection_to_a_private_address_is_refused_at_add() {
    let team = Team::start_with("conn_private", |c| c.allow_private_channel_hosts = false).await;
    let (_site, home) = fake_site().await;
    let admin = team.token(team.shop, "admin").await;
    for base_url in [
        home.clone(),
        home.replace("http://", "https://"),
        "https://10.0.0.5".to_owned(),
        "https://169.254.169.254".to_owned(),
        "https://[::1]".to_owned(),
    ] {
        let new = NewConnection {
            kind: ChannelKind::WooCommerce,
            name: "Сайт".into(),
            base_url: base_url.clone(),
            key: KEY.into(),
            secret: SECRET.into(),
            setup: Default::default(),
            trust: None,
        };
        let r = team
            .request(reqwest::Method::POST, "/v1/channels", &admin)
            .json(&new)
            .send()
            .await
            .expect("add");
        assert_eq!(r.status(), 400, "{base_url}");
        let said: serde_json::Value = r.json().await.expect("json");
        let message = said["message"].as_str().unwrap_or_default().to_owned();
        assert!(
            message.contains("https://") || message.contains("внутреннюю сеть"),
            "{base_url}: {message}"
        );
    }
    // Nothing was added.
    let list = team
        .request(reqwest::Method::GET, "/v1/channels", &admin)
        .send()
        .await
        .expect("list");
    let list: Vec<serde_json::Value> = list.json().await.expect("json");
    assert!(list.is_empty(), "{list:?}");
}

/// A worker desk's input refusal reaches a team desk typed (issue 15, point 10): it was the
/// Russian text alone, so an English window showed Russian. Now the team desk gives the
/// same refusal a desk alone gives, worded in either language.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_refused_input_reaches_a_team_desk_typed() {
    let team = Team::start("conn_typed_refusal").await;
    let (_site, home) = fake_site().await;
    let (_a, admin_desk) = team.desk("admin").await;
    let new = NewConnection {
        kind: ChannelKind::WooCommerce,
        name: "   ".into(),
        base_url: home,
        key: KEY.into(),
        secret: SECRET.into(),
        setup: Default::default(),
        trust: None,
    };
    let d = admin_desk.clone();
    let refused =
        tokio::task::spawn_blocking(move || d.add_connection(new, jiff::Timestamp::now()))
            .await
            .expect("thread")
            .expect_err("a connection without a name");
    let refused = proto::CommandError::from(refused);
    assert_eq!(refused.code, proto::ErrorCode::InvalidInput);
    let reason = *refused.reason.expect("a typed reason");
    assert_eq!(
        reason,
        proto::ErrorReason::Input {
            problem: proto::InputProblem::ConnectionNameMissing
        }
    );
    assert_eq!(reason.wording(proto::display::Lang::Ru), refused.message);
    let english = reason.wording(proto::display::Lang::En);
    assert!(
        english.is_ascii() && !english.is_empty(),
        "worded in English: {english}"
    );
    admin_desk.stop_sync();
}

/// A site whose СДЭК plugin delivers to pickup points and whose Почта России plugin posts
/// (their ids are the plugins', unknown to the default map), plus Boxberry, which only its
/// orders name.
fn site_with_carriers(site: &woo_site::Shared, first: i64) {
    let mut s = site.lock().expect("site");
    s.shipping_methods
        .push(("official_cdek".into(), "CDEK".into(), "СДЭК".into()));
    s.shipping_methods
        .push(("pochta".into(), "Почта России".into(), "Почта".into()));
    let point = [
        ("Пункт выдачи", "Краснодар, ул. Садовая, 8"),
        ("Код ПВЗ", "KRA950"),
    ];
    /// A shipping method's id and title, and its line's meta.
    type Carrier<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)]);
    let carriers: [Carrier; 3] = [
        ("official_cdek", "СДЭК — до пункта выдачи", &point),
        ("pochta", "Почта России", &[]),
        ("boxberry", "Boxberry", &[]),
    ];
    for (i, (method, title, meta)) in carriers.into_iter().enumerate() {
        let id = first + i as i64;
        let o = woo_site::order(id, "processing", 1_795_320_100 + id, &[("MUG-1", 1, "500")]);
        s.orders
            .insert(id, woo_site::shipped_by(o, method, "", title, meta));
    }
}

async fn delivery_of(desk: &Arc<desk::Desk>, site_number: i64) -> proto::DeliveryMethod {
    let d = desk.clone();
    tokio::task::spawn_blocking(move || {
        let now = jiff::Timestamp::now();
        // By the buyer's name (the site's number finds it too: connectors/site_number.rs).
        let buyer = format!("Покупатель{site_number} ");
        let rows = d.search(buyer.trim(), now).expect("search");
        let row = rows
            .iter()
            .find(|r| r.customer.starts_with(&buyer))
            .unwrap_or_else(|| {
                let seen: Vec<_> = rows.iter().map(|r| (&r.number, &r.customer)).collect();
                panic!("the site's number {site_number} finds the order: {seen:?}")
            });
        d.order(&row.id).expect("order").delivery
    })
    .await
    .expect("thread")
}

fn method<'a>(map: &'a proto::DeliveryMapView, key: &str) -> &'a proto::SiteDeliveryMethod {
    map.methods
        .iter()
        .find(|m| m.key == key)
        .unwrap_or_else(|| panic!("{key} listed: {map:?}"))
}

/// Issue 13, point 6: the admin maps the site's delivery methods; orders imported after come
/// in with them, an order already in keeps its delivery, a method never mapped gets the
/// default and is listed as unmapped. On a desk alone and, the same way, through the hub.
#[tokio::test]
async fn site_delivery_methods_mapped_by_the_admin_alone_and_through_the_hub() {
    use proto::DeliveryMethod as D;
    // Alone: the desk runs the connector itself.
    let (site, home) = fake_site().await;
    site_with_carriers(&site, 501);
    let dir = tempfile::tempdir().expect("dir");
    let secrets = Arc::new(channels::MemorySecrets::default());
    let now = jiff::Timestamp::now();
    let alone =
        Arc::new(desk::Desk::open_demo_with_secrets(dir.path(), now, secrets).expect("lone desk"));
    let added = alone
        .add_connection(
            NewConnection {
                kind: ChannelKind::WooCommerce,
                name: "Сайт".into(),
                base_url: home.clone(),
                key: KEY.into(),
                secret: SECRET.into(),
                setup: Default::default(),
                trust: None,
            },
            now,
        )
        .expect("add");
    alone.sync_now(&added.id, now).await.expect("first sync");
    // Nothing maps the plugins' ids yet: every order gets the default, the courier.
    for n in [501, 502, 503] {
        assert_eq!(delivery_of(&alone, n).await, D::Courier, "order {n}");
    }
    let map = alone.delivery_map(&added.id).await.expect("map");
    assert_eq!(map.site_error, None);
    let cdek = method(&map, "official_cdek");
    assert!(cdek.on_site && cdek.unmapped && cdek.mapped.is_none());
    assert_eq!(cdek.title, "СДЭК — до пункта выдачи");
    assert_eq!(cdek.last_order.as_deref(), Some("501"));
    let boxberry = method(&map, "boxberry");
    assert!(!boxberry.on_site && boxberry.unmapped);
    assert_eq!(boxberry.effective, D::Courier);
    // The site's own methods are listed though no order carried them yet.
    assert!(method(&map, "local_pickup").last_order.is_none());

    // The admin maps both carriers to the post; a manager may not.
    let mut edit = proto::DeliveryMapEdit {
        default_delivery: map.default_delivery,
        map: map
            .methods
            .iter()
            .filter_map(|m| Some((m.key.clone(), m.mapped?)))
            .collect(),
    };
    edit.map.insert("official_cdek".into(), D::Post);
    edit.map.insert("pochta".into(), D::Post);
    let manager = domain::Actor {
        id: "m1".into(),
        name: "Менеджер".into(),
        role: domain::Role::Manager,
    };
    let refused = alone
        .set_delivery_map_by(&added.id, edit.clone(), now, manager)
        .expect_err("admins only");
    assert_eq!(
        proto::CommandError::from(refused).code,
        proto::ErrorCode::Forbidden
    );
    let mut bad = edit.clone();
    bad.map.insert("boxberry".into(), D::MarketplaceLogistics);
    let refused = alone
        .set_delivery_map(&added.id, bad, now)
        .expect_err("not a site's delivery");
    assert!(refused.to_string().contains("boxberry"), "{refused}");
    alone
        .set_delivery_map(&added.id, edit.clone(), now)
        .expect("saved");
    let change = alone
        .workflow_settings(now)
        .expect("settings")
        .changes
        .into_iter()
        .find(|ch| ch.kind == "set_delivery_map")
        .expect("the change is in the shop's history");
    assert_eq!(change.actor, "Администратор");
    let map = alone.delivery_map(&added.id).await.expect("map");
    assert_eq!(method(&map, "official_cdek").mapped, Some(D::Post));
    assert!(!method(&map, "pochta").unmapped);
    let boxberry = method(&map, "boxberry");
    assert!(boxberry.unmapped, "never mapped: listed as unmapped");

    // The next orders come in with the mapped methods, the pickup point as the address.
    site_with_carriers(&site, 511);
    alone.sync_now(&added.id, now).await.expect("second sync");
    assert_eq!(delivery_of(&alone, 511).await, D::Post);
    assert_eq!(delivery_of(&alone, 512).await, D::Post);
    assert_eq!(
        delivery_of(&alone, 513).await,
        D::Courier,
        "unmapped: the default"
    );
    let d = alone.clone();
    let address = tokio::task::spawn_blocking(move || {
        let rows = d.search("511", jiff::Timestamp::now()).expect("search");
        let row = rows
            .iter()
            .find(|r| r.customer.starts_with("Покупатель511 "));
        d.order(&row.expect("found").id).expect("order").address
    })
    .await
    .expect("thread");
    assert!(address.contains("KRA950"), "{address}");
    // The orders already in are not changed by the new map.
    assert_eq!(delivery_of(&alone, 501).await, D::Courier);
    assert_eq!(delivery_of(&alone, 502).await, D::Courier);

    // Through the hub: the team admin's desk reads and saves the map on the hub's worker.
    let team = Team::start("conn_delivery").await;
    let (site, home) = fake_site().await;
    site_with_carriers(&site, 601);
    let (_a, admin_desk) = team.desk("admin").await;
    let view = add_site(&admin_desk, &home).await;
    wait_for("three orders on the admin's desk", || {
        order_count(&admin_desk) == 3
    })
    .await;
    let map = admin_desk
        .delivery_map(&view.id)
        .await
        .expect("map from the hub");
    assert!(method(&map, "boxberry").unmapped);
    assert_eq!(
        method(&map, "official_cdek").last_order.as_deref(),
        Some("601")
    );
    let d = admin_desk.clone();
    let id = view.id.clone();
    tokio::task::spawn_blocking(move || d.set_delivery_map(&id, edit, jiff::Timestamp::now()))
        .await
        .expect("thread")
        .expect("saved on the hub");
    let map = admin_desk
        .delivery_map(&view.id)
        .await
        .expect("map from the hub");
    assert_eq!(method(&map, "official_cdek").mapped, Some(D::Post));
    site_with_carriers(&site, 611);
    admin_desk
        .sync_now(&view.id, jiff::Timestamp::now())
        .await
        .expect("sync on the hub");
    wait_for("six orders on the admin's desk", || {
        order_count(&admin_desk) == 6
    })
    .await;
    assert_eq!(delivery_of(&admin_desk, 611).await, D::Post);
    assert_eq!(delivery_of(&admin_desk, 612).await, D::Post);
    assert_eq!(delivery_of(&admin_desk, 613).await, D::Courier);
    assert_eq!(delivery_of(&admin_desk, 601).await, D::Courier);
}

/// Issue 13, point 7: the connection's error reaches a team desk from the hub's worker as a
/// code, worded in Russian, beside the English technical text kept for logs.
#[tokio::test]
async fn a_connections_error_reaches_a_team_desk_as_a_code() {
    let team = Team::start("conn_error_code").await;
    let (site, home) = fake_site().await;
    let (_a, admin_desk) = team.desk("admin").await;
    let view = add_site(&admin_desk, &home).await;
    // The site's keys were changed on the site: ours are refused.
    site.lock().expect("site").secret = "cs_regenerated".into();
    let failed = admin_desk
        .sync_now(&view.id, jiff::Timestamp::now())
        .await
        .expect_err("refused keys");
    // «Синхронизировать» says why at once, as a desk alone says it. The hub answers a
    // channel's failure as a bad gateway, which the team desk read as the hub being
    // unreachable.
    let failed = proto::CommandError::from(failed);
    assert_eq!(failed.code, proto::ErrorCode::ChannelFailed, "{failed:?}");
    let reason = *failed.reason.expect("the worker's typed reason");
    for lang in [proto::display::Lang::Ru, proto::display::Lang::En] {
        let said = reason.wording(lang);
        assert!(said.contains("401"), "{said}");
    }
    assert!(
        failed.message.starts_with("Ключи доступа не подошли"),
        "{}",
        failed.message
    );
    let d = admin_desk.clone();
    let list = tokio::task::spawn_blocking(move || d.channels())
        .await
        .expect("thread")
        .expect("channels from the hub");
    let state = &list[0].state;
    assert!(
        state
            .last_error
            .as_deref()
            .is_some_and(|e| e.contains("refused our credentials")),
        "the technical text stays: {state:?}"
    );
    let error = state.error.as_ref().expect("a code");
    assert_eq!(error.code, proto::ChannelErrorCode::Unauthorized);
    assert_eq!(error.params.get("status").map(String::as_str), Some("401"));
    assert_eq!(
        state.paused.as_ref().map(|p| p.code),
        Some(proto::ChannelErrorCode::Unauthorized)
    );
    let worded = error.wording(proto::display::Lang::Ru);
    assert!(
        worded.starts_with("Ключи доступа не подошли (HTTP 401)"),
        "{worded}"
    );
}

fn connection_edit(base_url: &str, keys: Option<(&str, &str)>) -> proto::ConnectionEdit {
    proto::ConnectionEdit {
        name: "Сайт".into(),
        base_url: base_url.to_owned(),
        keys: keys.map(|(key, secret)| proto::NewKeys {
            key: key.into(),
            secret: secret.into(),
        }),
        trust: proto::TrustEdit::Keep,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_team_desk_fixes_a_connections_keys_through_the_hub() {
    let team = Team::start("conn_edit").await;
    let (site, home) = fake_site().await;
    site.lock().expect("site").orders.insert(
        1,
        woo_site::order(1, "processing", 1_795_320_100, &[("MUG-1", 1, "500")]),
    );
    let (_a, admin_desk) = team.desk("admin").await;
    let (_p, picker_desk) = team.desk("picker").await;
    // Added with a mistyped secret: the worker's import is refused and the connection pauses.
    let new = NewConnection {
        kind: ChannelKind::WooCommerce,
        name: "Сайт".into(),
        base_url: home.clone(),
        key: KEY.into(),
        secret: "cs_typo".into(),
        setup: Default::default(),
        trust: None,
    };
    let d = admin_desk.clone();
    let view = tokio::task::spawn_blocking(move || d.add_connection(new, jiff::Timestamp::now()))
        .await
        .expect("thread")
        .expect("added");
    // desk.channels() blocks on its own runtime: asked from a plain thread.
    let d = admin_desk.clone();
    wait_for("the refused keys to pause the connection", move || {
        let d = d.clone();
        std::thread::spawn(move || paused_of(&d))
            .join()
            .unwrap_or(false)
    })
    .await;

    // The test runs on the hub with the typed keys, before anything is saved.
    let wrong = admin_desk
        .channel_test_edit(
            &view.id,
            connection_edit(&home, Some((KEY, "cs_other"))),
            jiff::Timestamp::now(),
        )
        .await
        .expect("test through the hub");
    assert!(
        !wrong.ok && wrong.message.contains("ключи не подошли"),
        "{wrong:?}"
    );
    let right = admin_desk
        .channel_test_edit(
            &view.id,
            connection_edit(&home, Some((KEY, SECRET))),
            jiff::Timestamp::now(),
        )
        .await
        .expect("test through the hub");
    assert!(right.ok, "{right:?}");

    // A picker may not change the keys.
    let d = picker_desk.clone();
    let id = view.id.clone();
    let home2 = home.clone();
    let refused = tokio::task::spawn_blocking(move || {
        d.edit_connection(
            &id,
            connection_edit(&home2, Some((KEY, SECRET))),
            jiff::Timestamp::now(),
        )
    })
    .await
    .expect("thread");
    assert!(refused.is_err(), "a picker changed the keys");

    // The admin saves the right keys: the hub's secret file gets them, the pause lifts, and
    // the worker's next run imports with them.
    let d = admin_desk.clone();
    let id = view.id.clone();
    let home2 = home.clone();
    let saved = tokio::task::spawn_blocking(move || {
        d.edit_connection(
            &id,
            connection_edit(&home2, Some((KEY, SECRET))),
            jiff::Timestamp::now(),
        )
    })
    .await
    .expect("thread")
    .expect("edited through the hub");
    assert_eq!(saved.id, view.id);
    assert_eq!(saved.state.paused_reason, None);
    assert!(
        std::fs::read_to_string(secret_file(team.data.path(), team.shop))
            .expect("secret file")
            .contains(SECRET)
    );
    wait_for("the order imported with the new keys", || {
        order_count(&picker_desk) == 1
    })
    .await;
    admin_desk.stop_sync();
    picker_desk.stop_sync();
}

fn paused_of(desk: &desk::Desk) -> bool {
    desk.channels()
        .map(|l| l.first().is_some_and(|c| c.state.paused_reason.is_some()))
        .unwrap_or(false)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_edit_to_a_private_address_is_refused_like_an_add() {
    let team = Team::start_with("conn_edit_private", |c| {
        c.allow_private_channel_hosts = false
    })
    .await;
    let admin = team.token(team.shop, "admin").await;
    let id = Uuid::now_v7();
    for base_url in ["http://93.184.216.34", "https://10.0.0.5", "https://[::1]"] {
        let edit = connection_edit(base_url, Some((KEY, SECRET)));
        let r = team
            .request(reqwest::Method::PUT, &format!("/v1/channels/{id}"), &admin)
            .json(&edit)
            .send()
            .await
            .expect("edit");
        assert_eq!(r.status(), 400, "{base_url}");
        let said: serde_json::Value = r.json().await.expect("json");
        let message = said["message"].as_str().unwrap_or_default().to_owned();
        assert!(
            message.contains("https://") || message.contains("внутреннюю сеть"),
            "{base_url}: {message}"
        );
        // Its test is refused in the same words, and the hub calls nothing.
        let r = team
            .request(
                reqwest::Method::POST,
                &format!("/v1/channels/{id}/test"),
                &admin,
            )
            .json(&edit)
            .send()
            .await
            .expect("test");
        let answer: proto::ChannelTestResult = r.json().await.expect("json");
        assert!(!answer.ok && answer.message == message, "{answer:?}");
    }
}
