//! The receivers a hub mounts (1C's exchange, the site's webhook, MegaMarket's pushes, Ozon's
//! and Yandex Market's notifications) each open only to their own kind of connection, with
//! that connection's keys: one channel's keys never open another's door.

mod support;

use std::sync::Arc;
use std::time::Duration;

use base64::Engine;
use channels::cml::exchange;
use channels::config::{Connection, Kind, Settings, StatusMap};
use channels::{Credentials, Secret};
use support::{desk, now, serve};
use uuid::Uuid;

const KINDS: [Kind; 6] = [
    Kind::WooCommerce,
    Kind::MoySklad,
    Kind::CommerceMl,
    Kind::Ozon,
    Kind::YandexMarket,
    Kind::MegaMarket,
];

fn add(desk: &support::Desk, kind: Kind, key: &str, secret: &str) -> Connection {
    let c = Connection {
        id: Uuid::now_v7(),
        kind,
        name: format!("{kind:?}"),
        base_url: "http://127.0.0.1:9".into(),
        settings: Settings::default(),
        status_map: StatusMap::default(),
    };
    desk.channels
        .add_connection(
            &c,
            &Credentials {
                key: key.into(),
                secret: Secret::new(secret),
            },
            now(),
        )
        .expect("add connection");
    c
}

/// Every receiver a hub mounts, served on loopback for `desk`; returns the base address.
async fn serve_receivers(desk: &support::Desk) -> String {
    let kick: channels::notify::Kick = Arc::new(|_| {});
    let router = exchange::router(desk.channels.clone())
        .merge(channels::woo::webhook::router(desk.channels.clone()))
        .merge(channels::megamarket::receiver::router(
            desk.channels.clone(),
            kick.clone(),
        ))
        .merge(channels::notify::router(desk.channels.clone(), kick));
    format!("http://{}", serve(router).await)
}

fn basic(key: &str, secret: &str) -> String {
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{key}:{secret}"))
    )
}

/// What each receiver answers when `c`'s own keys are presented at `c`'s id: `true` when it
/// let the caller in.
async fn opens(client: &reqwest::Client, base: &str, receiver: &str, c: &Connection) -> bool {
    let keys = ("login-of-every-kind", "secret-of-every-kind");
    opens_with(client, base, receiver, c, keys).await
}

/// [`opens`] with the keys `(key, secret)` presented.
async fn opens_with(
    client: &reqwest::Client,
    base: &str,
    receiver: &str,
    c: &Connection,
    (key, secret): (&str, &str),
) -> bool {
    match receiver {
        "1c" => {
            let text = client
                .get(format!("{base}/1c/{}?type=sale&mode=checkauth", c.id))
                .header("authorization", basic(key, secret))
                .send()
                .await
                .expect("1C")
                .text()
                .await
                .expect("text");
            text.starts_with("success")
        }
        "woo" => {
            let body = br#"{"id": 5, "status": "processing", "line_items": []}"#;
            let signature = channels::woo::webhook::signature(secret, body);
            let status = client
                .post(format!("{base}/woo/{}", c.id))
                .header("x-wc-webhook-signature", signature)
                .header("x-wc-webhook-topic", "order.updated")
                .body(body.to_vec())
                .send()
                .await
                .expect("webhook")
                .status();
            status.is_success()
        }
        "megamarket" => {
            let status = client
                .post(format!("{base}/megamarket/{}/order/cancel", c.id))
                .header("authorization", basic(key, secret))
                .json(&serde_json::json!({"meta": {}, "data": {"shipments": []}}))
                .send()
                .await
                .expect("push")
                .status();
            status != reqwest::StatusCode::UNAUTHORIZED
                && status != reqwest::StatusCode::NOT_FOUND
                && status != reqwest::StatusCode::FORBIDDEN
        }
        "ozon" => {
            let status = client
                .post(format!("{base}/ozon/{}", c.id))
                .json(&serde_json::json!({"message_type": "TYPE_PING", "time": "2026-12-01T00:00:00Z"}))
                .send()
                .await
                .expect("ozon")
                .status();
            status.is_success()
        }
        _ => {
            let status = client
                .post(format!("{base}/yandex/{}/notification", c.id))
                .json(&serde_json::json!({"notificationType": "PING", "time": "2026-12-01T00:00:00Z"}))
                .send()
                .await
                .expect("yandex")
                .status();
            status.is_success()
        }
    }
}

#[tokio::test]
async fn kind_confusion_every_receiver_opens_only_to_its_own_kind() {
    let desk = desk();
    let all: Vec<Connection> = KINDS
        .iter()
        .map(|k| add(&desk, *k, "login-of-every-kind", "secret-of-every-kind"))
        .collect();
    let base = serve_receivers(&desk).await;
    let client = reqwest::Client::new();
    let own = [
        ("1c", Kind::CommerceMl),
        ("woo", Kind::WooCommerce),
        ("megamarket", Kind::MegaMarket),
        ("ozon", Kind::Ozon),
        ("yandex", Kind::YandexMarket),
    ];
    for (receiver, kind) in own {
        for c in &all {
            let opened = opens(&client, &base, receiver, c).await;
            assert_eq!(
                opened,
                c.kind == kind,
                "{receiver} receiver with a {:?} connection's keys",
                c.kind
            );
        }
    }
}

#[tokio::test]
async fn empty_1c_credentials_open_nothing() {
    let desk = desk();
    let c = add(&desk, Kind::CommerceMl, "", "");
    let addr = serve(exchange::router(desk.channels.clone())).await;
    let text = reqwest::Client::new()
        .get(format!(
            "http://{addr}/1c/{}?type=sale&mode=checkauth",
            c.id
        ))
        .header("authorization", "Basic Og==")
        .send()
        .await
        .expect("1C")
        .text()
        .await
        .expect("text");
    assert!(text.starts_with("failure"), "{text}");
}

/// A connection saved without a login or password (or webhook secret) opens to nobody: not
/// with `Basic Og==` (an empty login and password), not with a signature made with an empty
/// secret.
#[tokio::test]
async fn empty_credentials_open_no_receiver() {
    let desk = desk();
    let kick: channels::notify::Kick = Arc::new(|_| {});
    let router = exchange::router(desk.channels.clone())
        .merge(channels::woo::webhook::router(desk.channels.clone()))
        .merge(channels::megamarket::receiver::router(
            desk.channels.clone(),
            kick,
        ));
    let addr = serve(router).await;
    let base = format!("http://{addr}");
    let client = reqwest::Client::new();
    for (receiver, kind) in [
        ("1c", Kind::CommerceMl),
        ("woo", Kind::WooCommerce),
        ("megamarket", Kind::MegaMarket),
    ] {
        for (key, secret) in [("", ""), ("login", ""), ("", "secret")] {
            // The site signs its webhooks with the secret alone; its key is for our calls.
            if receiver == "woo" && !secret.is_empty() {
                continue;
            }
            let c = add(&desk, kind, key, secret);
            assert!(
                !opens_with(&client, &base, receiver, &c, (key, secret)).await,
                "{receiver} opened to the empty credentials {key:?}:{secret:?}"
            );
        }
        // The header an empty login and password make, exactly as a stranger would send it.
        assert_eq!(basic("", ""), "Basic Og==");
    }
}

struct OneC {
    client: reqwest::Client,
    url: String,
    cookie: Option<String>,
}

impl OneC {
    async fn call(&self, query: &str, body: Vec<u8>) -> String {
        let mut r = self.client.post(format!("{}?{query}", self.url)).body(body);
        if let Some(c) = &self.cookie {
            r = r.header("cookie", c);
        }
        r.send()
            .await
            .expect("1C request")
            .text()
            .await
            .expect("answer")
    }

    async fn sign_in(&mut self) {
        let answer = self
            .client
            .get(format!("{}?type=catalog&mode=checkauth", self.url))
            .header("authorization", basic("1c", "exchange-pass"))
            .send()
            .await
            .expect("checkauth")
            .text()
            .await
            .expect("text");
        let mut lines = answer.lines();
        assert_eq!(lines.next(), Some("success"), "{answer}");
        let (name, value) = (lines.next().expect("cookie"), lines.next().expect("value"));
        assert!(value.len() >= 64, "a long random token: {value}");
        self.cookie = Some(format!("{name}={value}"));
    }
}

#[tokio::test]
async fn a_stale_1c_session_is_refused() {
    let desk = desk();
    let c = add(&desk, Kind::CommerceMl, "1c", "exchange-pass");
    let limits = exchange::Limits {
        idle: Duration::ZERO,
        ..exchange::Limits::default()
    };
    let (router, _) = exchange::router_with(desk.channels.clone(), limits);
    let addr = serve(router).await;
    let mut one_c = OneC {
        client: reqwest::Client::new(),
        url: format!("http://{addr}/1c/{}", c.id),
        cookie: None,
    };
    one_c.sign_in().await;
    let answer = one_c.call("type=catalog&mode=init", Vec::new()).await;
    assert_eq!(answer, "failure\nsession expired: call checkauth again");
}

#[tokio::test]
async fn the_exchange_holds_no_bytes_after_three_runs_with_pictures() {
    let desk = desk();
    let c = add(&desk, Kind::CommerceMl, "1c", "exchange-pass");
    let (router, exchange) = exchange::router_with(desk.channels.clone(), Default::default());
    let addr = serve(router).await;
    let import = include_bytes!("data/cml/import.xml").to_vec();
    let offers = include_bytes!("data/cml/offers.xml").to_vec();
    let picture = vec![0xFF_u8; 2 * 1024 * 1024];
    for _ in 0..3 {
        let mut one_c = OneC {
            client: reqwest::Client::new(),
            url: format!("http://{addr}/1c/{}", c.id),
            cookie: None,
        };
        one_c.sign_in().await;
        assert!(one_c
            .call("type=catalog&mode=init", Vec::new())
            .await
            .starts_with("zip=no"));
        for (name, body) in [
            ("import_files/7d/7d0e9a10.jpg", picture.clone()),
            ("import.xml", import.clone()),
            ("offers.xml", offers.clone()),
        ] {
            let answer = one_c
                .call(&format!("type=catalog&mode=file&filename={name}"), body)
                .await;
            assert_eq!(answer, "success", "{name}");
        }
        // Waiting for their import, the two XML files are in the temp area, the picture
        // nowhere.
        assert_eq!(exchange.held_bytes(), import.len() + offers.len());
        assert_eq!(exchange.files_on_disk(), 2);
        for name in ["import.xml", "offers.xml"] {
            let answer = one_c
                .call(
                    &format!("type=catalog&mode=import&filename={name}"),
                    Vec::new(),
                )
                .await;
            assert_eq!(answer, "success", "{name}");
        }
        assert_eq!(exchange.held_bytes(), 0, "nothing kept after the exchange");
        assert_eq!(exchange.files_on_disk(), 0, "no file left on disk");
    }
    assert!(desk
        .store
        .products()
        .expect("products")
        .iter()
        .any(|p| p.sku == "MUG-BLUE"));
}

async fn signed_in(addr: std::net::SocketAddr, c: &Connection) -> OneC {
    let mut one_c = OneC {
        client: reqwest::Client::new(),
        url: format!("http://{addr}/1c/{}", c.id),
        cookie: None,
    };
    one_c.sign_in().await;
    one_c
}

/// An exchange 1C abandons half-way (uploaded, never imported) leaves nothing behind once its
/// session expires.
#[tokio::test]
async fn an_expired_sessions_uploads_are_removed() {
    let desk = desk();
    let c = add(&desk, Kind::CommerceMl, "1c", "exchange-pass");
    let (router, exchange) = exchange::router_with(desk.channels.clone(), Default::default());
    let addr = serve(router).await;
    let one_c = signed_in(addr, &c).await;
    let import = include_bytes!("data/cml/import.xml").to_vec();
    let answer = one_c
        .call("type=catalog&mode=file&filename=import.xml", import)
        .await;
    assert_eq!(answer, "success");
    assert_eq!(exchange.files_on_disk(), 1);
    exchange.set_idle(Duration::ZERO);
    let answer = one_c
        .call("type=catalog&mode=import&filename=import.xml", Vec::new())
        .await;
    assert_eq!(answer, "failure\nsession expired: call checkauth again");
    assert_eq!((exchange.held_bytes(), exchange.files_on_disk()), (0, 0));
}

/// Past its caps an upload is refused and none of the refused file is kept; a new exchange
/// (`init`) drops what the last one left.
#[tokio::test]
async fn uploads_past_the_caps_are_refused_and_not_kept() {
    let desk = desk();
    let c = add(&desk, Kind::CommerceMl, "1c", "exchange-pass");
    let limits = exchange::Limits {
        session_bytes: 1000,
        total_bytes: 1500,
        ..exchange::Limits::default()
    };
    let (router, exchange) = exchange::router_with(desk.channels.clone(), limits);
    let addr = serve(router).await;
    let first = signed_in(addr, &c).await;
    let file = |name: &str| format!("type=catalog&mode=file&filename={name}");
    assert_eq!(first.call(&file("a.xml"), vec![b'a'; 600]).await, "success");
    let over = first.call(&file("b.xml"), vec![b'b'; 600]).await;
    assert!(over.starts_with("failure"), "{over}");
    assert_eq!(exchange.held_bytes(), 600, "the refused file is not kept");
    let second = signed_in(addr, &c).await;
    let over = second.call(&file("c.xml"), vec![b'c'; 901]).await;
    assert!(over.starts_with("failure"), "past the total: {over}");
    // One request larger than the file_limit 1C was told is refused as it streams.
    let big = vec![b'd'; exchange::FILE_LIMIT + 1];
    let over = second.call(&file("d.xml"), big).await;
    assert!(over.starts_with("failure"), "{over}");
    assert!(first
        .call("type=catalog&mode=init", Vec::new())
        .await
        .starts_with("zip=no"));
    assert_eq!((exchange.held_bytes(), exchange.files_on_disk()), (0, 0));
}

/// A 1C that uploads and never calls again (switched off mid-exchange) leaves nothing on
/// disk once its session expires: the exchange looks for expired sessions on its own.
#[tokio::test]
async fn an_abandoned_sessions_uploads_are_removed_without_another_request() {
    let desk = desk();
    let c = add(&desk, Kind::CommerceMl, "1c", "exchange-pass");
    let limits = exchange::Limits {
        sweep_every: Duration::from_millis(20),
        ..exchange::Limits::default()
    };
    let (router, exchange) = exchange::router_with(desk.channels.clone(), limits);
    let addr = serve(router).await;
    let one_c = signed_in(addr, &c).await;
    let import = include_bytes!("data/cml/import.xml").to_vec();
    let answer = one_c
        .call("type=catalog&mode=file&filename=import.xml", import)
        .await;
    assert_eq!(answer, "success");
    exchange.set_idle(Duration::ZERO);
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while exchange.files_on_disk() > 0 {
        assert!(
            std::time::Instant::now() < deadline,
            "the abandoned upload is still on disk"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(exchange.held_bytes(), 0);
}

/// A connection that could not be read (here its stored settings are damaged; in life the
/// database or the keyring failing) was answered 404 «unknown connection», which tells a
/// sender the address is wrong for good, and the cause was dropped. Now every receiver
/// answers «come again» (503; 1C's exchange its «failure» line saying so), and a made-up id
/// is still a 404.
#[tokio::test]
async fn a_connection_that_cannot_be_read_is_not_called_unknown() {
    let desk = desk();
    let base = serve_receivers(&desk).await;
    let client = reqwest::Client::new();
    let damaged: Vec<Connection> = KINDS
        .iter()
        .map(|k| add(&desk, *k, "login", "secret"))
        .collect();
    let db = rusqlite::Connection::open(desk.dir.path().join("db.sqlite3")).expect("db");
    db.execute("UPDATE channel_connections SET settings = 'not json'", [])
        .expect("damaged");
    let made_up = Uuid::now_v7();
    let post = |url: String| client.post(url).json(&serde_json::json!({})).send();
    for c in damaged.iter().filter(|c| c.kind != Kind::MoySklad) {
        let path = match c.kind {
            Kind::WooCommerce => "woo/{}",
            Kind::MegaMarket => "megamarket/{}/order/cancel",
            Kind::Ozon => "ozon/{}",
            Kind::YandexMarket => "yandex/{}/notification",
            _ => "1c/{}?type=sale&mode=checkauth",
        };
        let url = |id: Uuid| format!("{base}/{}", path.replace("{}", &id.to_string()));
        if c.kind == Kind::CommerceMl {
            let text = |id| {
                let request = client
                    .get(url(id))
                    .header("authorization", basic("login", "secret"));
                async move {
                    request
                        .send()
                        .await
                        .expect("1C")
                        .text()
                        .await
                        .expect("text")
                }
            };
            let answer = text(c.id).await;
            assert!(
                answer.starts_with("failure") && answer.contains("try again"),
                "{answer}"
            );
            assert_eq!(text(made_up).await, "failure\nunknown connection");
            continue;
        }
        let status = post(url(c.id)).await.expect("answer").status();
        assert_eq!(
            status,
            reqwest::StatusCode::SERVICE_UNAVAILABLE,
            "{:?}",
            c.kind
        );
        let status = post(url(made_up)).await.expect("answer").status();
        assert_eq!(status, reqwest::StatusCode::NOT_FOUND, "{:?}", c.kind);
    }
}
