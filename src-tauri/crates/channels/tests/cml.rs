//! CommerceML 2: the parsers on sample documents and broken ones, and a whole 1C exchange
//! session against the router.

mod support;

use channels::cml::{self, exchange, CmlError};
use channels::config::{Connection, Kind, Master, Settings, StatusMap, StatusRule};
use channels::{Credentials, Secret};
use domain::{Kopecks, Quantity};
use support::{confirmed_order, desk, now, products, serve};
use uuid::Uuid;

const IMPORT: &[u8] = include_bytes!("data/cml/import.xml");
const OFFERS: &[u8] = include_bytes!("data/cml/offers.xml");
const ORDERS: &str = include_str!("data/cml/orders.xml");

#[test]
fn parses_the_sample_catalogue_offers_and_orders() {
    let goods = cml::parse_catalog(IMPORT).expect("import.xml");
    assert_eq!(goods.len(), 3);
    assert_eq!(goods[0].sku, "MUG-BLUE");
    assert_eq!(goods[1].name, "Чай зелёный \"Сенча\", 100 г");
    assert_eq!(
        goods[2].sku, "7d0e9a10-1111-4c2b-9a00-00000000a003",
        "no Артикул: the 1C id"
    );
    assert_eq!(goods[2].unit.as_deref(), Some("кг"));

    let offers = cml::parse_offers(OFFERS).expect("offers.xml");
    assert_eq!(offers.len(), 3);
    assert_eq!(
        (offers[0].price, offers[0].quantity),
        (Some(Kopecks(45_000)), Some(Quantity(17_000)))
    );
    assert_eq!(
        (offers[1].price, offers[1].quantity),
        (Some(Kopecks(28_990)), Some(Quantity(10_000)))
    );
    assert_eq!(
        (offers[2].price, offers[2].quantity),
        (Some(Kopecks(8_950)), Some(Quantity(12_250)))
    );

    let orders = cml::parse_orders(ORDERS.as_bytes()).expect("orders.xml");
    assert_eq!(orders.len(), 1);
    let o = &orders[0];
    assert_eq!(
        (o.number.as_str(), o.total),
        ("10301", Some(Kopecks(118_990)))
    );
    assert_eq!(o.status.as_deref(), Some("Выполнен"));
    assert!(o.paid && !o.cancelled);
    assert_eq!(o.lines[1].price, Kopecks(28_990));
    assert_eq!(o.lines[0].quantity, Quantity(2_000));
}

#[test]
fn broken_documents_are_clear_errors() {
    let cut = &IMPORT[..IMPORT.len() / 2];
    assert!(matches!(
        cml::parse_catalog(cut),
        Err(CmlError::Truncated | CmlError::Xml { .. })
    ));
    assert!(matches!(
        cml::parse_offers(b"<html><body>502 Bad Gateway</body></html>"),
        Err(CmlError::NotCommerceMl { .. })
    ));
    let bad_price = ORDERS.replace(
        "<ЦенаЗаЕдиницу>450</ЦенаЗаЕдиницу>",
        "<ЦенаЗаЕдиницу>дорого</ЦенаЗаЕдиницу>",
    );
    let err = cml::parse_orders(bad_price.as_bytes()).expect_err("bad price");
    assert!(err.to_string().contains("дорого"), "{err}");
    let deep = "<a>".repeat(100) + &"</a>".repeat(100);
    assert_eq!(cml::parse_orders(deep.as_bytes()), Err(CmlError::TooDeep));
    assert!(cml::parse_orders(b"").is_err());
    assert!(cml::parse_orders(b"<\xff\xfe>").is_err());
}

struct OneC {
    client: reqwest::Client,
    url: String,
    cookie: Option<String>,
}

impl OneC {
    async fn get(&self, query: &str) -> String {
        self.send(reqwest::Method::GET, query, Vec::new()).await
    }

    async fn send(&self, method: reqwest::Method, query: &str, body: Vec<u8>) -> String {
        let mut r = self
            .client
            .request(method, format!("{}?{query}", self.url))
            .body(body);
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
}

#[tokio::test]
async fn serves_a_whole_1c_exchange_session() {
    let desk = desk();
    products(&desk.store, &["MUG-BLUE"]);
    let conn = Connection {
        id: Uuid::now_v7(),
        kind: Kind::CommerceMl,
        name: "1С:УНФ".into(),
        base_url: String::new(),
        settings: Settings::default(),
        status_map: StatusMap(vec![
            StatusRule {
                channel_status: "Выполнен".into(),
                stage_id: "done".into(),
                master: Master::Channel,
            },
            StatusRule {
                channel_status: "Отменен".into(),
                stage_id: "cancelled".into(),
                master: Master::Channel,
            },
        ]),
    };
    desk.channels
        .add_connection(
            &conn,
            &Credentials {
                key: "1c".into(),
                secret: Secret::new("exchange-pass"),
            },
            now(),
        )
        .expect("add 1C");
    let order_id = confirmed_order(&desk.store, "MUG-BLUE", now());
    let addr = serve(exchange::router(desk.channels.clone())).await;
    let mut one_c = OneC {
        client: reqwest::Client::new(),
        url: format!("http://{addr}/1c/{}", conn.id),
        cookie: None,
    };

    // Wrong password, then no session: both refused with a reason.
    let refused = one_c
        .client
        .get(format!("{}?type=sale&mode=checkauth", one_c.url))
        .basic_auth("1c", Some("guess"))
        .send()
        .await
        .expect("checkauth")
        .text()
        .await
        .expect("text");
    assert_eq!(refused, "failure\nwrong login or password");
    assert!(one_c
        .get("type=sale&mode=init")
        .await
        .starts_with("failure\n"));

    let auth = one_c
        .client
        .get(format!("{}?type=catalog&mode=checkauth", one_c.url))
        .basic_auth("1c", Some("exchange-pass"))
        .send()
        .await
        .expect("checkauth")
        .text()
        .await
        .expect("text");
    let lines: Vec<&str> = auth.lines().collect();
    assert_eq!(lines[0], "success");
    one_c.cookie = Some(format!("{}={}", lines[1], lines[2]));
    assert!(one_c
        .get("type=catalog&mode=init")
        .await
        .starts_with("zip=no\nfile_limit="));

    // Catalogue in two parts, then offers.
    let (a, b) = IMPORT.split_at(IMPORT.len() / 3);
    for part in [a, b] {
        let r = one_c
            .send(
                reqwest::Method::POST,
                "type=catalog&mode=file&filename=import.xml",
                part.to_vec(),
            )
            .await;
        assert_eq!(r, "success");
    }
    assert_eq!(
        one_c
            .get("type=catalog&mode=import&filename=import.xml")
            .await,
        "success"
    );
    assert_eq!(
        one_c
            .send(
                reqwest::Method::POST,
                "type=catalog&mode=file&filename=offers.xml",
                OFFERS.to_vec()
            )
            .await,
        "success"
    );
    assert_eq!(
        one_c
            .get("type=catalog&mode=import&filename=offers.xml")
            .await,
        "success"
    );
    let catalogue = desk.store.products().expect("products");
    let tea = catalogue
        .iter()
        .find(|p| p.sku == "TEA-GRN-100")
        .expect("added from import.xml");
    assert_eq!((tea.price, tea.stock), (Kopecks(28_990), Quantity(10_000)));
    let mug = catalogue.iter().find(|p| p.sku == "MUG-BLUE").expect("mug");
    assert_eq!(
        (mug.name.as_str(), mug.stock),
        ("Кружка синяя 350 мл", Quantity(17_000))
    );

    // A broken offers file fails with a reason and changes nothing.
    let cut = OFFERS[..OFFERS.len() - 40].to_vec();
    one_c
        .send(
            reqwest::Method::POST,
            "type=catalog&mode=file&filename=offers2.xml",
            cut,
        )
        .await;
    let r = one_c
        .get("type=catalog&mode=import&filename=offers2.xml")
        .await;
    assert!(r.starts_with("failure\nmalformed answer"), "{r}");

    // Orders out, marked exported on success, not sent twice.
    let xml = one_c.get("type=sale&mode=query").await;
    let sent = cml::parse_orders(xml.as_bytes()).expect("our orders.xml parses");
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].id, order_id.to_string());
    assert_eq!(sent[0].lines[0].sku, "MUG-BLUE");
    // 1C asks again without confirming the first answer (it failed to take it in): the order
    // is offered again. Only `success` marks it sent, so nothing else can skip it.
    let unconfirmed =
        cml::parse_orders(one_c.get("type=sale&mode=query").await.as_bytes()).expect("parses");
    assert_eq!(
        unconfirmed.iter().map(|o| o.id.clone()).collect::<Vec<_>>(),
        [order_id.to_string()],
        "an order 1C never confirmed is offered again"
    );
    assert_eq!(one_c.get("type=sale&mode=success").await, "success");
    let again =
        cml::parse_orders(one_c.get("type=sale&mode=query").await.as_bytes()).expect("parses");
    assert!(again.is_empty());

    // 1C completes the order: 1C is master of «Выполнен».
    let changes = ORDERS.replace("ORDER-ID", &order_id.to_string());
    let r = one_c
        .send(
            reqwest::Method::POST,
            "type=sale&mode=file&filename=orders-1.xml",
            changes.into_bytes(),
        )
        .await;
    assert_eq!(r, "success");
    assert_eq!(
        desk.store.order(order_id).expect("order").stage.stage_id,
        "done"
    );
    // 1C says it is paid: the order is paid here too, once, however often the file comes.
    let paid = desk.store.order(order_id).expect("order");
    assert!(paid.payment_status().expect("status").is_paid());
    assert_eq!(paid.payments.len(), 1);
    let again = ORDERS.replace("ORDER-ID", &order_id.to_string());
    one_c
        .send(
            reqwest::Method::POST,
            "type=sale&mode=file&filename=orders-2.xml",
            again.into_bytes(),
        )
        .await;
    assert_eq!(desk.store.order(order_id).expect("order").payments.len(), 1);
}
