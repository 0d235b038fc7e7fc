//! End-to-end in the real window against validating mocks started from the marketplaces' own
//! specs (issue 20): Stoplight Prism serves the Ozon Seller API and the Yandex Market Partner
//! API from `../shared/reference/specs/`, answering with the specs' examples and checking every
//! request the desk makes. Through Настройки → Каналы the manager adds both connections (keys
//! into a private keyring), presses «Проверить подключение», saves, syncs, moves the imported
//! posting to a stage whose action goes to Ozon, and asks for its label; Yandex Market gets
//! the shop's stock. Every wait is a condition with a deadline; Prism must see no request that
//! breaks its spec.
//!
//! What the specs' examples answer decides what can succeed, and the test asserts what does:
//! - Ozon's posting list example is one posting (05708065-0029-1) with `has_next: true`, so the
//!   list pages without end: the posting is imported and the manager reads why the walk
//!   stopped.
//! - Ozon's posting read example is another posting (57195475-0050-3): the ship action reads
//!   the posting first and refuses to act on an answer about another one (issue 20, point 3).
//! - Ozon's label answer is a JSON example under `application/pdf`, which Prism cannot send
//!   (500): the label request conforms, the desk reports that no label came.
//! - Ozon's only warehouse example has a negative id, so no warehouse can be chosen and no
//!   Ozon stock goes out.
//! - Yandex Market's list (generated from the schema: no examples) is one order of campaign 1
//!   with a zero count and a next-page token that repeats: a problem row, no order.

mod prism;
mod window;

use std::time::{Duration, Instant};

use prism::Mock;
use window::{Desk, Harness};

/// The posting Ozon's `/v3/posting/fbs/list` example holds.
const OZON_POSTING: &str = "05708065-0029-1";
/// The posting Ozon's `/v3/posting/fbs/get` example answers, whatever was asked.
const OZON_OTHER_POSTING: &str = "57195475-0050-3";
/// The campaign the Yandex Market mock's generated orders and campaign carry.
const YANDEX_CAMPAIGN: &str = "1";
/// A network step (sync, test button, label with its retries of Prism's 500s).
const STEP: Duration = Duration::from_secs(45);

#[tokio::test]
#[ignore = "needs the built desk, tauri-driver, a display, Prism and the specs: run `cargo xtask test`"]
async fn marketplaces_through_the_form_against_the_specs_validating_mocks() {
    tokio::time::timeout(Duration::from_secs(300), story())
        .await
        .expect("the end-to-end story finished within 5 minutes");
}

async fn story() {
    let started = Instant::now();
    let ozon_spec = prism::spec("ozon-seller-api.json");
    let yandex_spec = prism::spec("yandex-market-partner-api.yaml");
    let logs = tempfile::tempdir().expect("temp dir for the mocks' logs");
    let ozon = Mock::start("ozon", &ozon_spec, logs.path());
    let yandex = Mock::start("yandex", &yandex_spec, logs.path());

    let harness = Harness::start_with_keyring().expect("end-to-end prerequisites");
    let data = tempfile::tempdir().expect("temp data dir");
    let desk = Desk::open(&harness, data.path()).await;
    desk.click("#open-settings").await;
    desk.click("#settings-channels").await;
    desk.wait_for("#add-channel").await;

    let ozon_id = add_ozon(&desk, &ozon).await;
    ozon_story(&desk, &ozon, &ozon_id).await;
    let yandex_id = add_yandex(&desk, &yandex).await;
    yandex_story(&desk, &yandex, &yandex_id).await;
    desk.close().await;

    let (o, y) = (ozon.tally(), yandex.tally());
    eprintln!(
        "Prism saw {} Ozon requests ({} violations) and {} Yandex Market requests ({} \
         violations) in {:.0?}\nOzon: {:?}\nYandex Market: {:?}",
        o.requests.len(),
        o.violations.len(),
        y.requests.len(),
        y.violations.len(),
        started.elapsed(),
        o.requests,
        y.requests
    );
    assert!(o.violations.is_empty(), "Ozon: {:#?}", o.violations);
    assert!(
        y.violations.is_empty(),
        "Yandex Market: {:#?}",
        y.violations
    );
}

/// Fills the add form for `kind` (its index in the form's list).
async fn fill_form(desk: &Desk, kind: &str, name: &str, url: &str, key: &str, secret: &str) {
    desk.choose("#channel-kind", kind).await;
    desk.set_value("#channel-name", name).await;
    desk.set_value("#channel-url", url).await;
    desk.set_value("#channel-key", key).await;
    desk.set_value("#channel-secret", secret).await;
}

/// «Проверить подключение» before saving: waits for the answer (a walk that never ended
/// would leave none).
async fn test_new(desk: &Desk, want: &str) {
    let old = desk.count("#test-new-answer").await;
    desk.click_in_dom("#test-new-channel").await;
    if old > 0 {
        // The old answer is cleared at the press; the new one comes back.
        desk.wait_count("#test-new-answer", 0).await;
    }
    desk.wait_contains("#test-new-answer", want, STEP).await;
}

/// Saves the form; returns the new connection's id.
async fn save(desk: &Desk, name: &str) -> String {
    let before = desk.count("section.channel").await;
    desk.click_in_dom("#add-channel-button").await;
    // The form tests before saving; the mock's list pages without end, which the desk lets
    // the admin save anyway (the keys were answered) after asking.
    desk.accept_dialog().await;
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

/// «Синхронизировать» on a card; both mocks page without end, so every sync ends with that
/// error beside the button (issue 15, point 10) once what it read is recorded. A click takes
/// the last one away first.
async fn sync(desk: &Desk, id: &str) {
    let card = format!("section.channel[data-connection='{id}']");
    desk.click_in_dom(&format!("{card} .sync-now")).await;
    desk.wait_contains(&format!("{card} #sync-now-error"), "без конца", STEP)
        .await;
    assert_eq!(desk.count("#error").await, 0, "not in the banner");
}

async fn add_ozon(desk: &Desk, ozon: &Mock) -> String {
    fill_form(desk, "3", "Ozon", &ozon.url(), "123456", "ozon-api-key-e2e").await;
    // The warehouses come from the mock: its one example has a negative id, left out.
    desk.click_in_dom("#add-channel button.load-warehouses")
        .await;
    ozon.wait_requests("post /v1/warehouse/list", 1, STEP).await;
    test_new(desk, "без конца").await;
    assert_eq!(desk.count("#add-channel .warehouse-error").await, 0);
    for (w, h) in [(1366, 768), (1920, 1080)] {
        desk.resize(w, h).await;
        desk.screenshot(&format!("e2e-prism-form-{w}x{h}.png"))
            .await;
    }
    desk.resize(1366, 768).await;
    save(desk, "Ozon").await
}

async fn ozon_story(desk: &Desk, ozon: &Mock, id: &str) {
    let card = format!("section.channel[data-connection='{id}']");
    desk.click_in_dom(&format!("{card} .test-connection")).await;
    desk.wait_contains(&format!("{card} .test-answer"), "без конца", STEP)
        .await;

    // The import: the example's posting, whose list never ends.
    sync(desk, id).await;
    desk.wait_contains(&format!("{card} .late"), "без конца", STEP)
        .await;
    desk.click("#close-settings").await;
    desk.set_value("#search", "Покупатель Ozon").await;
    let row = "#orders tbody tr.order";
    desk.wait_count(row, 1).await;
    desk.wait_contains(
        &format!("{row} .channel-status"),
        "Ozon «awaiting_deliver»",
        STEP,
    )
    .await;
    desk.click_in_dom(&format!("{row} td.number")).await;
    desk.wait_contains("#order-card", OZON_POSTING, STEP).await;
    desk.screenshot("e2e-prism-ozon-order.png").await;

    // The ship action: Ozon's read-back answers about another posting, so nothing is shipped.
    desk.choose("#move-to", "picking").await;
    desk.wait_contains("#order-stage", "Комплектация", STEP)
        .await;
    desk.click("#open-settings").await;
    desk.click("#settings-channels").await;
    sync(desk, id).await;
    let failed = format!("{card} tr.push[data-state='failed']");
    desk.wait_contains(&failed, OZON_OTHER_POSTING, STEP).await;
    assert!(desk.text(&failed).await.contains(OZON_POSTING));
    let t = ozon.tally();
    assert_eq!(t.count("post /v4/posting/fbs/ship"), 0, "{:?}", t.requests);
    assert!(t.count("post /v3/posting/fbs/get") >= 1, "{:?}", t.requests);
    desk.screenshot("e2e-prism-ozon-push.png").await;

    // The label: asked for with a conforming request; Prism cannot send a PDF, the desk says
    // so instead of printing anything.
    desk.click("#close-settings").await;
    desk.click_in_dom("#orders tbody tr.order td.number").await;
    desk.wait_contains("#order-card", OZON_POSTING, STEP).await;
    // A refresh landing after the click opens the card on its first tab again (the first
    // run here lost the labels panel that way): click until the panel is there.
    let asked = Instant::now();
    while desk.count("#order-labels .save-labels").await == 0 {
        assert!(asked.elapsed() < STEP, "the card's papers tab did not open");
        desk.click("#tab-papers").await;
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    desk.screenshot("e2e-prism-ozon-papers.png").await;
    desk.click_in_dom("#order-labels .save-labels").await;
    ozon.wait_requests("post /v2/posting/fbs/package-label", 1, STEP)
        .await;
    // Said beside «Сохранить этикетки», not in the banner.
    let note = "#order-labels #order-labels-save-pdf-error";
    desk.wait_for(note).await;
    let shown = desk.text(note).await;
    assert!(!shown.is_empty());
    assert_eq!(desk.count("#error").await, 0, "not in the banner");
    eprintln!("the label, asked of Prism: «{shown}»");
    desk.set_value("#search", "").await;
}

async fn add_yandex(desk: &Desk, yandex: &Mock) -> String {
    desk.click("#open-settings").await;
    desk.click("#settings-channels").await;
    desk.wait_for("#add-channel").await;
    fill_form(
        desk,
        "4",
        "Яндекс Маркет",
        &yandex.url(),
        "",
        "ACMA:e2e-api-key",
    )
    .await;
    desk.set_value("#add-channel input.new-campaign-id", YANDEX_CAMPAIGN)
        .await;
    test_new(desk, "без конца").await;
    save(desk, "Яндекс Маркет").await
}

async fn yandex_story(desk: &Desk, yandex: &Mock, id: &str) {
    // Orders (a zero-count order is a problem row), then the shop's stock: every product
    // changed since the connection is new.
    sync(desk, id).await;
    let t = yandex
        .wait_requests("put /v2/campaigns/1/offers/stocks", 1, STEP)
        .await;
    assert!(t.count("get /v2/campaigns/1") >= 1, "{:?}", t.requests);
    assert!(
        t.count("post /v1/businesses/1/orders") >= 2,
        "{:?}",
        t.requests
    );
    let card = format!("section.channel[data-connection='{id}']");
    desk.wait_contains(&format!("{card} .late"), "без конца", STEP)
        .await;
    desk.screenshot("e2e-prism-yandex.png").await;
}
