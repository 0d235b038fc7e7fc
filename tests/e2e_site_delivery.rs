//! End-to-end in the real window (issue 13, points 6 and 7): a site connection whose orders come
//! with СДЭК to a pickup point, Почта России and Boxberry; the admin opens «Способы доставки
//! сайта» on its card, maps the two carriers and saves; Boxberry, never mapped, stays listed as
//! unmapped. Another connection, whose keys the site refuses, shows its error worded in
//! Russian from its code (the English technical text only on hover); its «Синхронизировать»
//! while paused and a status map naming a stage removed meanwhile are refused beside their
//! buttons.

mod window;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use serde_json::{json, Value};
use window::{Desk, Harness};

const STEP: Duration = Duration::from_secs(30);

#[tokio::test]
#[ignore = "needs the built desk, tauri-driver and a display: run `cargo xtask test`"]
async fn admin_maps_the_sites_delivery_methods_and_reads_a_connection_error_in_russian() {
    tokio::time::timeout(Duration::from_secs(420), story())
        .await
        .expect("the end-to-end story finished within 7 minutes");
}

/// A WooCommerce order as REST v3 lists it, with what the import reads.
fn order(id: i64, method_id: &str, title: &str, meta: &[(&str, &str)]) -> Value {
    let meta: Vec<Value> = meta
        .iter()
        .map(|(k, v)| json!({"key": k, "value": v, "display_key": k, "display_value": v}))
        .collect();
    let at = format!("2026-11-20T10:{:02}:00", id % 60);
    json!({
        "id": id, "number": id.to_string(), "status": "processing", "currency": "RUB",
        "date_created_gmt": at, "date_modified_gmt": at,
        "total": "850.00", "shipping_total": "350.00", "discount_total": "0.00",
        "billing": {"first_name": "Анна", "last_name": format!("Смирнова {id}"),
            "address_1": "ул. Садовая, 8", "city": "Краснодар", "postcode": "350000",
            "country": "RU", "email": format!("a{id}@example.com"), "phone": "+7 916 555-01-01"},
        "shipping": {},
        "payment_method": "cod", "payment_method_title": "Оплата при получении",
        "line_items": [{"id": id * 10, "name": "Кружка синяя", "product_id": 0, "variation_id": 0,
            "sku": "MUG-1", "quantity": 1, "price": 500, "subtotal": "500.00", "total": "500.00"}],
        "shipping_lines": [{"id": id * 100, "method_id": method_id, "instance_id": "",
            "method_title": title, "total": "350.00", "meta_data": meta}],
        "fee_lines": [], "coupon_lines": [], "refunds": []
    })
}

/// A site with the СДЭК and Почта России plugins: its own list of methods, three orders. It
/// takes any keys (the window's keyring holds what the form saved).
fn site() -> Router {
    let orders = json!([
        order(
            701,
            "official_cdek",
            "СДЭК — до пункта выдачи",
            &[
                ("Пункт выдачи", "Краснодар, ул. Садовая, 8"),
                ("Код ПВЗ", "KRA950")
            ]
        ),
        order(702, "pochta", "Почта России", &[]),
        order(703, "boxberry", "Boxberry", &[]),
    ]);
    let methods = json!([
        {"id": "flat_rate", "title": "Flat rate", "description": "Lets you charge a fixed rate for shipping."},
        {"id": "free_shipping", "title": "Free shipping", "description": "Free shipping."},
        {"id": "local_pickup", "title": "Local pickup", "description": "Pick up in the shop."},
        {"id": "official_cdek", "title": "CDEK", "description": "СДЭК"},
        {"id": "pochta", "title": "Почта России", "description": "Почта"},
    ]);
    Router::new()
        .route(
            "/wp-json/wc/v3/orders",
            get(move || {
                let orders = orders.clone();
                async move { axum::Json(orders) }
            }),
        )
        .route(
            "/wp-json/wc/v3/shipping_methods",
            get(move || {
                let methods = methods.clone();
                async move { axum::Json(methods) }
            }),
        )
        .route(
            "/wp-json/wc/v3/products",
            get(|| async { axum::Json(json!([])) }),
        )
}

/// A site whose keys were regenerated: every request is refused as WooCommerce refuses it.
fn refusing_site() -> Router {
    Router::new().fallback(|| async {
        (
            StatusCode::UNAUTHORIZED,
            axum::Json(json!({"code": "woocommerce_rest_authentication_error",
                "message": "Invalid signature - provided signature does not match.",
                "data": {"status": 401}})),
        )
            .into_response()
    })
}

async fn serve(router: Router) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("address");
    tokio::spawn(async move { axum::serve(listener, router).await.expect("serve") });
    addr
}

/// The shop with a connection whose last exchange the site refused (made through the desk
/// API before the window opens).
async fn prepare(data: &std::path::Path, refusing: SocketAddr) {
    let now = jiff::Timestamp::now();
    let desk =
        desk::Desk::open_demo_with_secrets(data, now, Arc::new(channels::MemorySecrets::default()))
            .expect("open the desk's data");
    let c = desk
        .add_connection(
            proto::NewConnection {
                kind: proto::ChannelKind::WooCommerce,
                name: "Старый сайт".into(),
                base_url: format!("http://{refusing}"),
                key: "ck_old".into(),
                secret: "cs_old".into(),
                setup: Default::default(),
                trust: None,
            },
            now,
        )
        .expect("add");
    desk.sync_now(&c.id, now).await.expect_err("keys refused");
}

async fn shoot(desk: &Desk, css: &str, name: &str) {
    for (w, h) in [(1366, 768), (1920, 1080)] {
        desk.resize(w, h).await;
        desk.eval(&format!(
            "document.querySelector(\"{css}\").scrollIntoView({{block: 'start'}}); return true;"
        ))
        .await;
        desk.painted().await;
        desk.screenshot(&format!("{name}-{w}x{h}.png")).await;
    }
}

async fn story() {
    let site = serve(site()).await;
    let refusing = serve(refusing_site()).await;
    let data = tempfile::tempdir().expect("temp data dir");
    prepare(data.path(), refusing).await;

    let harness = Harness::start_with_keyring().expect("end-to-end prerequisites");
    let desk = Desk::open(&harness, data.path()).await;
    desk.click("#open-settings").await;
    desk.click("#settings-channels").await;
    desk.wait_for("#add-channel").await;

    // The refused connection: its error in Russian from the code, said once — in the line
    // that says it is paused until resumed — with the channel's own text on hover.
    let old = "section.channel:first-of-type";
    desk.wait_contains(
        &format!("{old} .paused"),
        "Ключи доступа не подошли (HTTP 401)",
        STEP,
    )
    .await;
    let shown = desk.text(&format!("{old} .paused")).await;
    assert!(!shown.contains("refused our credentials"), "{shown}");
    assert!(shown.contains("Проверьте ключ и секрет"), "{shown}");
    assert_eq!(
        desk.count(&format!("{old} .channel-error")).await,
        0,
        "a paused card said its error twice"
    );
    let title = desk
        .eval(&format!(
            "return document.querySelector(\"{old} .paused\").title;"
        ))
        .await;
    assert!(
        title
            .as_str()
            .is_some_and(|t| t.contains("refused our credentials")),
        "the technical text on hover: {title}"
    );
    shoot(&desk, old, "e2e-channel-error").await;

    // The site: added from the form (tested first), its orders taken in.
    desk.choose("#channel-kind", "#0").await;
    desk.set_value("#channel-name", "Сайт").await;
    desk.set_value("#channel-url", &format!("http://{site}"))
        .await;
    desk.set_value("#channel-key", "ck_live_e2e").await;
    desk.set_value("#channel-secret", "cs_live_e2e").await;
    let before = desk.count("section.channel").await;
    desk.click("#add-channel-button").await;
    desk.wait_count("section.channel", before + 1).await;
    let card = "section.channel:nth-of-type(2)";
    desk.wait_contains(&format!("{card} header"), "Сайт", STEP)
        .await;
    desk.click(&format!("{card} .sync-now")).await;
    desk.wait_contains(&format!("{card} p.done"), ": 3", STEP)
        .await;

    // The map: the site's list and the methods its orders carried; nothing mapped yet.
    desk.click(&format!("{card} details.delivery-map summary"))
        .await;
    let row = |key: &str| format!("{card} tr.site-method[data-key='{key}']");
    desk.wait_for(&row("official_cdek")).await;
    assert!(desk
        .text(&row("official_cdek"))
        .await
        .contains("СДЭК — до пункта выдачи"));
    assert!(desk
        .text(&row("boxberry"))
        .await
        .contains("нет в списке способов сайта"));
    assert_eq!(
        desk.count(&format!(
            "{card} tr.site-method.unmapped[data-key='pochta']"
        ))
        .await,
        1
    );

    desk.choose(
        &format!("{} select.map-method", row("official_cdek")),
        "post",
    )
    .await;
    desk.choose(&format!("{} select.map-method", row("pochta")), "post")
        .await;
    desk.click(&format!("{card} button.save-delivery-map"))
        .await;
    desk.wait_contains(&format!("{card} .delivery-map-answer"), "Сохранено", STEP)
        .await;
    desk.wait_contains(
        &format!("{} .now-goes", row("official_cdek")),
        "Почта",
        STEP,
    )
    .await;
    assert_eq!(
        desk.count(&format!(
            "{card} tr.site-method.unmapped[data-key='pochta']"
        ))
        .await,
        0
    );
    assert_eq!(
        desk.count(&format!(
            "{card} tr.site-method.unmapped[data-key='boxberry']"
        ))
        .await,
        1,
        "never mapped: listed as unmapped"
    );
    assert!(desk
        .text(&format!("{} .now-goes", row("boxberry")))
        .await
        .contains("не сопоставлен"));
    shoot(
        &desk,
        &format!("{card} details.delivery-map"),
        "e2e-delivery-map",
    )
    .await;
    channel_refusals(&desk, old).await;
    desk.close().await;
}

/// What the desk refuses of a connection's own actions is said beside the button that asked
/// (issue 15, point 10), never in the banner, and a later success takes it away.
async fn channel_refusals(desk: &Desk, old: &str) {
    desk.resize(1366, 768).await;
    // «Синхронизировать» on the paused connection: refused until resumed.
    desk.click(&format!("{old} .sync-now")).await;
    let note = format!("{old} #sync-now-error");
    desk.wait_contains(&note, "«Возобновить»", STEP).await;
    let said = desk.text(&note).await;
    assert!(
        !said.contains("refused our credentials"),
        "the channel's English stays out of the Russian window: {said}"
    );
    assert_eq!(desk.count("#error").await, 0, "not in the banner");
    shoot(desk, &note, "e2e-channel-sync-refused").await;
    // «Возобновить» works: the refusal goes with the pause.
    desk.click(&format!("{old} .resume-channel")).await;
    desk.wait_count(&format!("{old} .paused"), 0).await;
    desk.wait_count(&note, 0).await;

    // The status map names a stage another window removed after the map was drawn: the
    // refusal stands under the map's «Сохранить».
    let added = desk
        .invoke(
            "edit_workflow",
            json!({"edit": {"edit": "add_stage", "name": "Упаковка", "after": "picking",
                "time_limit_minutes": null}}),
        )
        .await;
    let packing = added["stages"]
        .as_array()
        .and_then(|s| s.iter().find(|st| st["name"] == "Упаковка"))
        .and_then(|st| st["id"].as_str())
        .expect("the new stage listed")
        .to_owned();
    // The channels drawn again, the map offering the new stage.
    desk.click("#settings-delivery-payment").await;
    desk.click("#settings-channels").await;
    desk.click(&format!("{old} details.status-map summary"))
        .await;
    let first = format!("{old} details.status-map tr:first-child select");
    desk.until("the map offers «Упаковка»", || async {
        desk.count(&format!("{first} option[value='{packing}']"))
            .await
            == 1
    })
    .await;
    desk.choose(&first, &packing).await;
    desk.invoke(
        "edit_workflow",
        json!({"edit": {"edit": "remove", "stage": packing}}),
    )
    .await;
    desk.click(&format!("{old} button.save-status-map")).await;
    let note = format!("{old} #save-status-map-error");
    desk.wait_contains(&note, "Такого этапа нет", STEP).await;
    assert_eq!(desk.count("#error").await, 0, "not in the banner");
    shoot(desk, &note, "e2e-status-map-refused").await;
    desk.choose(&first, "new").await;
    desk.click(&format!("{old} button.save-status-map")).await;
    desk.wait_count(&note, 0).await;
    assert_eq!(desk.count("#error").await, 0);
}
