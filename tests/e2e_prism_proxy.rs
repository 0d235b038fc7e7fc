//! End-to-end in the real window through validating proxies started from the marketplaces' own
//! specs (issue 20): `prism proxy <spec> <upstream> --errors` checks every request the desk
//! makes against the Ozon Seller or Yandex Market Partner spec, forwards only valid ones to
//! our loopback Ozon / Yandex Market servers (the channels' test servers, which answer
//! coherently where the specs' examples cannot), and checks their answers too. Through
//! Настройки → Каналы the manager adds both connections at the proxies (Ozon's warehouse
//! loaded and chosen, «Проверить подключение» before saving, keys into a private keyring),
//! imports, moves each order to Комплектация so its status goes out (Ozon ship, Yandex
//! Market PROCESSING/READY_TO_SHIP), the shop's stock goes out, and each order's label is
//! saved. Every wait is a condition with a deadline.
//!
//! The published Ozon spec has two defects no conforming client can pass: `/v2/products/stocks`
//! requires `stocks[].quant_size`, a property its schema no longer defines and which the
//! method's own text says was switched off on 26 June 2025 (issue 20 had us stop sending it),
//! and `/v2/posting/fbs/package-label` describes the PDF it answers as a JSON object. The desk
//! runs behind a proxy of the spec with just those two mended ([`prism::mended_ozon_spec`]), and
//! must pass it with 0 violations and 0 refused answers, stock and label included. A second
//! proxy of the spec as published is probed once for each defect (Prism's answer names it),
//! so the mend is shown to be needed and goes when Ozon fixes the spec.

mod prism;
mod window;

// The channels' loopback marketplace servers (written from the same specs), reused as the
// proxies' upstreams; mp_extra reaches the other two as `super::ozon` / `super::yandex`.
use testkit::sites::mp_extra;
use testkit::sites::ozon;
use testkit::sites::yandex;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use jiff::{SignedDuration, Timestamp};
use prism::{Mock, Tally};
use serde_json::{json, Value};
use window::{Desk, Harness};

/// The Ozon posting the upstream holds, of a product of the demo catalogue.
const OZON_POSTING: &str = "0800000001-0001-1";
const OZON_SKU: &str = "SM-A55-128";
const OZON_PRODUCT_ID: i64 = 1_451_000_001;
const OZON_WAREHOUSE: i64 = 1_020_000_123_456_000;
/// The name the desk gives a buyer Ozon does not name (an FBS posting has no customer).
const OZON_BUYER: &str = "Покупатель Ozon";
/// The Yandex Market order the upstream holds, of another demo product.
const YANDEX_ORDER: i64 = 51_000_001;
const YANDEX_SKU: &str = "JBL-FLIP6";
const YANDEX_BUYER: &str = "Покупатель Маркета";
/// A network step (sync, test button, label).
const STEP: Duration = Duration::from_secs(45);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the built desk, tauri-driver, a display, Prism and the specs: run `cargo xtask test`"]
async fn marketplaces_through_the_form_behind_the_specs_validating_proxies() {
    tokio::time::timeout(Duration::from_secs(300), story())
        .await
        .expect("the end-to-end story finished within 5 minutes");
}

async fn serve(router: axum::Router) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a loopback port");
    let addr = listener.local_addr().expect("bound address");
    tokio::spawn(async move { axum::serve(listener, router).await.expect("serve") });
    addr
}

/// A posting as the Ozon spec describes one: the upstream's own, with its `null` fields and its
/// empty-string `prr_option` left out (the spec types them as objects or arrays; Prism answered
/// 500 for `prr_option: ""`), as Ozon omits what a posting has not got.
fn ozon_posting(now: Timestamp) -> Value {
    let mut p = ozon::posting(
        OZON_POSTING,
        now - SignedDuration::from_hours(1),
        now + SignedDuration::from_hours(48),
        false,
        &[(OZON_SKU, OZON_PRODUCT_ID, 1, "34990.0000")],
    );
    if let Some(fields) = p.as_object_mut() {
        fields.retain(|k, v| !v.is_null() && k != "prr_option");
    }
    p
}

/// A Yandex Market FBS order being processed, of one demo product.
fn yandex_order(now: Timestamp) -> Value {
    let updated = (now - SignedDuration::from_hours(1)).to_string();
    let mut o = yandex::order(YANDEX_ORDER, "PROCESSING", "STARTED", false, &updated);
    let mut item = o["items"][0].clone();
    item["offerId"] = json!(YANDEX_SKU);
    item["offerName"] = json!("Портативная колонка JBL Flip 6");
    o["items"] = json!([item]);
    o
}

struct Upstreams {
    ozon: ozon::Shared,
    ozon_extra: mp_extra::Shared,
    yandex: yandex::Shared,
    yandex_extra: mp_extra::Shared,
}

async fn upstreams() -> (Upstreams, SocketAddr, SocketAddr) {
    let now = Timestamp::now();
    let up = Upstreams {
        ozon: ozon::ozon(),
        ozon_extra: mp_extra::Shared::default(),
        yandex: yandex::Shared::default(),
        yandex_extra: mp_extra::Shared::default(),
    };
    {
        let mut o = up.ozon.lock().expect("ozon");
        o.postings.insert(OZON_POSTING.into(), ozon_posting(now));
        let mut x = up.ozon_extra.lock().expect("ozon extra");
        x.products.insert(OZON_SKU.into(), OZON_PRODUCT_ID);
        x.warehouses
            .push((OZON_WAREHOUSE, "Склад на Ленина".into()));
    }
    up.yandex
        .lock()
        .orders
        .insert(YANDEX_ORDER, yandex_order(now));
    let ozon_addr =
        serve(ozon::router(up.ozon.clone()).merge(mp_extra::ozon(up.ozon_extra.clone()))).await;
    let yandex_addr = serve(yandex::router_with(
        up.yandex.clone(),
        up.yandex_extra.clone(),
    ))
    .await;
    (up, ozon_addr, yandex_addr)
}

async fn story() {
    let started = Instant::now();
    let (up, ozon_addr, yandex_addr) = upstreams().await;
    let logs = tempfile::tempdir().expect("temp dir for the proxies' logs");
    let ozon_spec = prism::mended_ozon_spec(logs.path());
    let yandex_spec = prism::spec("yandex-market-partner-api.yaml");
    let ozon = Mock::proxy(
        "ozon",
        &ozon_spec,
        &format!("http://{ozon_addr}"),
        logs.path(),
    );
    let published = Mock::proxy(
        "ozon-published",
        &prism::spec("ozon-seller-api.json"),
        &format!("http://{ozon_addr}"),
        logs.path(),
    );
    published_spec_defects(&published);
    let yandex = Mock::proxy(
        "yandex",
        &yandex_spec,
        &format!("http://{yandex_addr}"),
        logs.path(),
    );

    let harness = Harness::start_with_keyring().expect("end-to-end prerequisites");
    let data = tempfile::tempdir().expect("temp data dir");
    let desk = Desk::open(&harness, data.path()).await;
    open_channels(&desk).await;

    let ozon_id = add_ozon(&desk, &ozon).await;
    ozon_story(&desk, &ozon, &up, &ozon_id).await;
    open_channels(&desk).await;
    let yandex_id = add_yandex(&desk, &yandex).await;
    yandex_story(&desk, &yandex, &up, &yandex_id).await;
    desk.close().await;

    let (o, y) = (ozon.tally(), yandex.tally());
    eprintln!(
        "Prism (proxy --errors) saw {} Ozon requests and {} Yandex Market requests in {:.0?}\n\
         Ozon by operation: {:?}\nYandex Market by operation: {:?}\n\
         Ozon violations: {:?}\nYandex Market violations: {:?}",
        o.requests.len(),
        y.requests.len(),
        started.elapsed(),
        by_operation(&o),
        by_operation(&y),
        o.violations,
        y.violations,
    );
    assert!(o.terminated.is_empty(), "Ozon: {:#?}", o.terminated);
    assert!(o.violations.is_empty(), "Ozon: {:#?}", o.violations);
    assert!(
        y.violations.is_empty(),
        "Yandex Market: {:#?}",
        y.violations
    );
    assert!(
        y.terminated.is_empty(),
        "Yandex Market: {:#?}",
        y.terminated
    );
}

/// The two defects, through a proxy of the spec as published: the stock update as the desk
/// builds it (`product_id`, `stock`, `warehouse_id`, as ozon/stock.rs) is refused for
/// `quant_size`, and the upstream's label PDF becomes a 500 for not being an object. Prism's
/// log names no violation for either; its answers do.
fn published_spec_defects(published: &Mock) {
    let body = json!({ "stocks": [ { "product_id": OZON_PRODUCT_ID, "stock": 3,
        "warehouse_id": OZON_WAREHOUSE } ] });
    let answer = probe(published, "/v2/products/stocks", &body);
    assert!(answer.starts_with("HTTP/1.1 422"), "{answer}");
    assert_eq!(
        answer.matches("\"severity\":\"Error\"").count(),
        1,
        "{answer}"
    );
    assert!(
        answer.contains("must have required property 'quant_size'"),
        "{answer}"
    );
    let answer = probe(
        published,
        "/v2/posting/fbs/package-label",
        &json!({ "posting_number": [OZON_POSTING] }),
    );
    assert!(answer.starts_with("HTTP/1.1 500"), "{answer}");
    assert!(answer.contains("Response body must be object"), "{answer}");
}

/// One POST to Ozon through the proxy; its raw answer, headers and all.
fn probe(ozon: &Mock, path: &str, body: &Value) -> String {
    use std::io::{Read, Write};
    let body = body.to_string();
    let mut c = std::net::TcpStream::connect(("127.0.0.1", ozon.port)).expect("the proxy");
    write!(
        c,
        "POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\
         Client-Id: {}\r\nApi-Key: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        ozon::CLIENT_ID,
        ozon::API_KEY,
        body.len()
    )
    .expect("send");
    let mut answer = String::new();
    c.read_to_string(&mut answer).expect("the proxy's answer");
    answer
}

/// Polls `done` (an upstream's state) until it holds, for at most [`STEP`].
async fn until(what: &str, done: impl Fn() -> bool) {
    let asked = Instant::now();
    while !done() {
        assert!(asked.elapsed() < STEP, "{what}: not within {STEP:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Requests per «method path», in the order first seen.
fn by_operation(t: &Tally) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = Vec::new();
    for r in &t.requests {
        match out.iter_mut().find(|(op, _)| op == r) {
            Some((_, n)) => *n += 1,
            None => out.push((r.clone(), 1)),
        }
    }
    out
}

async fn open_channels(desk: &Desk) {
    desk.click("#open-settings").await;
    desk.click("#settings-channels").await;
    desk.wait_for("#add-channel").await;
}

/// Fills the add form for `kind` (its index in the form's list).
async fn fill_form(desk: &Desk, kind: &str, name: &str, url: &str, key: &str, secret: &str) {
    desk.choose("#channel-kind", kind).await;
    desk.set_value("#channel-name", name).await;
    desk.set_value("#channel-url", url).await;
    desk.set_value("#channel-key", key).await;
    desk.set_value("#channel-secret", secret).await;
}

/// «Проверить подключение» before saving must answer that it works.
async fn test_new(desk: &Desk) {
    desk.click_in_dom("#test-new-channel").await;
    desk.wait_for("#test-new-answer").await;
    let answer = desk.text("#test-new-answer").await;
    assert!(answer.starts_with('✓'), "the check before saving: {answer}");
}

/// Saves the form; returns the new connection's id.
async fn save(desk: &Desk, name: &str) -> String {
    let before = desk.count("section.channel").await;
    desk.click_in_dom("#add-channel-button").await;
    desk.wait_count("section.channel", before + 1).await;
    let id = desk
        .eval(&format!(
            "const s = [...document.querySelectorAll('section.channel')]\
               .find(s => s.querySelector('header strong').textContent === '{name}');\
             return s ? s.dataset.connection : null;"
        ))
        .await;
    id.as_str()
        .unwrap_or_else(|| panic!("no card for «{name}» after saving: {id}"))
        .to_owned()
}

/// «Обменяться сейчас» on a card; returns what the card says the run did («Загружено
/// заказов: …»), or the error the desk showed (its banner dismissed).
async fn sync(desk: &Desk, id: &str) -> Result<String, String> {
    let card = format!("section.channel[data-connection='{id}']");
    let done = format!("{card} p.done");
    let old = if desk.count(&done).await > 0 {
        desk.text(&done).await
    } else {
        String::new()
    };
    desk.eval(&format!(
        "document.querySelectorAll(\"{done}\").forEach(p => p.remove()); return true;"
    ))
    .await;
    // A click takes the last refusal away; a new one is said beside the button.
    desk.click_in_dom(&format!("{card} .sync-now")).await;
    let refused = format!("{card} #sync-now-error");
    let asked = Instant::now();
    loop {
        if desk.count(&refused).await > 0 {
            return Err(desk.text(&refused).await);
        }
        if desk.count(&done).await > 0 {
            let text = desk.text(&done).await;
            if !text.is_empty() {
                return Ok(text);
            }
        }
        assert!(
            asked.elapsed() < STEP,
            "the sync of {id} ended neither way within {STEP:?} (before: «{old}»)"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Opens the order found by `search` (its buyer's name: the marketplaces give none for these)
/// and moves it to Комплектация unless it is there.
async fn open_and_pick(desk: &Desk, search: &str, number: &str) {
    desk.click("#close-settings").await;
    desk.set_value("#search", search).await;
    let row = "#orders tbody tr.order";
    desk.wait_count(row, 1).await;
    desk.click_in_dom(&format!("{row} td.number")).await;
    desk.wait_contains("#order-card", number, STEP).await;
    if !desk.text("#order-stage").await.contains("Комплектация") {
        desk.choose("#move-to", "picking").await;
        desk.wait_contains("#order-stage", "Комплектация", STEP)
            .await;
    }
}

/// «Сохранить этикетки» on the order's papers tab; returns where the desk saved them, or the
/// error it showed (dismissed).
async fn save_label(desk: &Desk, search: &str, number: &str) -> Result<String, String> {
    desk.click("#close-settings").await;
    desk.set_value("#search", search).await;
    desk.wait_count("#orders tbody tr.order", 1).await;
    desk.click_in_dom("#orders tbody tr.order td.number").await;
    desk.wait_contains("#order-card", number, STEP).await;
    // A refresh landing after the click opens the card on its first tab again: click until
    // the labels panel is there.
    let asked = Instant::now();
    while desk.count("#order-labels .save-labels").await == 0 {
        assert!(asked.elapsed() < STEP, "the card's papers tab did not open");
        desk.click("#tab-papers").await;
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    desk.click_in_dom("#order-labels .save-labels").await;
    let refused = "#order-labels #order-labels-save-pdf-error";
    let asked = Instant::now();
    loop {
        if desk.count(refused).await > 0 {
            let shown = desk.text(refused).await;
            desk.set_value("#search", "").await;
            return Err(shown);
        }
        if desk.count("#order-labels p.done").await > 0 {
            let saved = desk.text("#order-labels p.done").await;
            desk.set_value("#search", "").await;
            return Ok(saved);
        }
        assert!(
            asked.elapsed() < STEP,
            "no label of {number} within {STEP:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn add_ozon(desk: &Desk, ozon: &Mock) -> String {
    fill_form(
        desk,
        "3",
        "Ozon",
        &ozon.url(),
        ozon::CLIENT_ID,
        ozon::API_KEY,
    )
    .await;
    desk.click_in_dom("#add-channel button.load-warehouses")
        .await;
    let option = format!("#add-channel select.ozon-warehouse option[value='{OZON_WAREHOUSE}']");
    desk.wait_for(&option).await;
    desk.choose(
        "#add-channel select.ozon-warehouse",
        &OZON_WAREHOUSE.to_string(),
    )
    .await;
    test_new(desk).await;
    save(desk, "Ozon").await
}

async fn ozon_story(desk: &Desk, ozon: &Mock, up: &Upstreams, id: &str) {
    let card = format!("section.channel[data-connection='{id}']");
    // The import, with the shop's stock going out to the chosen warehouse.
    let first = sync(desk, id).await;
    eprintln!("Ozon, first sync: {first:?}");
    let first = first.expect("the first Ozon sync");
    assert!(first.contains("Загружено заказов: 1"), "{first}");
    until("Ozon got the shop's stock", || {
        up.ozon_extra.lock().expect("extra").calls("ozon stocks") >= 1
    })
    .await;

    // The status: the posting moved to Комплектация is shipped on Ozon.
    open_and_pick(desk, OZON_BUYER, OZON_POSTING).await;
    open_channels(desk).await;
    let second = sync(desk, id).await;
    eprintln!("Ozon, second sync: {second:?}");
    until("Ozon shipped the posting", || {
        up.ozon.lock().expect("ozon").shipped == [OZON_POSTING]
    })
    .await;
    // A done action leaves the connection's list of waiting and failed ones.
    desk.wait_count(&format!("{card} tr.push"), 0).await;
    desk.screenshot("e2e-prism-proxy-ozon-push.png").await;

    // The label: the PDF Ozon answers is saved.
    let label = save_label(desk, OZON_BUYER, OZON_POSTING).await;
    eprintln!("Ozon label: {label:?}");
    label.expect("Ozon's label saved");
    assert!(up.ozon_extra.lock().expect("extra").calls("ozon label") >= 1);
    let t = ozon.tally();
    assert!(t.count("post /v2/products/stocks") >= 1, "{:?}", t.requests);
    assert!(
        t.count("post /v2/posting/fbs/package-label") >= 1,
        "{:?}",
        t.requests
    );
}

async fn add_yandex(desk: &Desk, yandex: &Mock) -> String {
    fill_form(
        desk,
        "4",
        "Яндекс Маркет",
        &yandex.url(),
        "",
        yandex::API_KEY,
    )
    .await;
    desk.set_value(
        "#add-channel input.new-campaign-id",
        &yandex::CAMPAIGN.to_string(),
    )
    .await;
    test_new(desk).await;
    save(desk, "Яндекс Маркет").await
}

async fn yandex_story(desk: &Desk, yandex: &Mock, up: &Upstreams, id: &str) {
    let card = format!("section.channel[data-connection='{id}']");
    // The import and the shop's stock (every product: the connection is new).
    let first = sync(desk, id).await;
    eprintln!("Yandex Market, first sync: {first:?}");
    let first = first.expect("the first Yandex Market sync");
    assert!(first.contains("Загружено заказов: 1"), "{first}");
    let t = yandex.tally();
    assert!(t.count("put /v2/campaigns/") >= 1, "{:?}", t.requests);
    let pushed = up
        .yandex_extra
        .lock()
        .expect("extra")
        .stock
        .get(&("yandex".to_owned(), YANDEX_SKU.to_owned()))
        .copied();
    assert!(
        pushed.is_some(),
        "no stock of {YANDEX_SKU} reached Yandex Market"
    );

    // The status: the order moved to Комплектация goes PROCESSING/READY_TO_SHIP.
    let number = YANDEX_ORDER.to_string();
    open_and_pick(desk, YANDEX_BUYER, &number).await;
    open_channels(desk).await;
    let second = sync(desk, id).await;
    eprintln!("Yandex Market, second sync: {second:?}");
    until("Yandex Market's order went READY_TO_SHIP", || {
        up.yandex.lock().orders[&YANDEX_ORDER]["substatus"] == "READY_TO_SHIP"
    })
    .await;
    desk.wait_count(&format!("{card} tr.push"), 0).await;
    desk.screenshot("e2e-prism-proxy-yandex-push.png").await;

    let saved = save_label(desk, YANDEX_BUYER, &number).await;
    eprintln!("Yandex Market label: {saved:?}");
    assert!(saved
        .expect("the Yandex Market label")
        .contains("Сохранено"));
    assert_eq!(
        up.yandex_extra.lock().expect("extra").calls("yandex label"),
        1
    );
}
