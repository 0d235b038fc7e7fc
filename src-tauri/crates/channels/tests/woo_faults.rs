//! WooCommerce faults not covered in woo.rs: invalid (not just cut) JSON, timeouts that do
//! not end, a failure on a later page, an order delivered twice, a line whose product the site
//! deleted.

mod support;

use std::time::Duration;

use channels::woo::model::WooOrder;
use channels::woo::sync::import_fetched;
use channels::{ChannelError, Jobs, SyncReport};
use serde_json::json;
use support::woo_site::{self, order, Fault};
use support::{desk, now, products, serve, woo_connection, KEY, SECRET};

async fn site_with(
    n: i64,
) -> (
    support::Desk,
    woo_site::Shared,
    channels::config::Connection,
) {
    let desk = desk();
    products(&desk.store, &["MUG-BLUE"]);
    let site = woo_site::site("", KEY, SECRET);
    let addr = serve(woo_site::router(site.clone())).await;
    {
        let mut s = site.lock().expect("site");
        s.home = format!("http://{addr}");
        for id in 1..=n {
            let clock = s.clock + id;
            let o = order(id, "pending", clock, &[("MUG-BLUE", 1, "12.5")]);
            s.orders.insert(id, o);
        }
    }
    let conn = woo_connection(&desk, addr);
    (desk, site, conn)
}

#[tokio::test]
async fn invalid_json_is_reported_as_malformed_and_not_retried_as_data() {
    let (desk, site, conn) = site_with(3).await;
    // A caching plugin's HTML page with status 200 instead of the JSON list.
    site.lock().expect("site").faults.push_back(Fault::Status(
        200,
        vec![("content-type", "text/html".into())],
        "<!DOCTYPE html><html>maintenance</html>".into(),
    ));
    let err = desk
        .channels
        .sync_now(conn.id, Jobs::ALL, now())
        .await
        .expect_err("not JSON");
    assert!(matches!(err, ChannelError::Malformed { .. }), "{err}");
    let state = desk.channels.state(conn.id).expect("state");
    assert!(state.last_error.is_some());
    assert_eq!(state.paused_reason, None, "bad data does not pause");
    let report = desk
        .channels
        .sync_now(conn.id, Jobs::ALL, now())
        .await
        .expect("next sync");
    assert_eq!(report.imported, 3);
}

#[tokio::test]
async fn a_timeout_that_never_ends_is_reported_and_loses_nothing() {
    let (desk, site, conn) = site_with(2).await;
    // Four attempts (the test policy), each longer than the 1 s timeout.
    site.lock()
        .expect("site")
        .faults
        .extend(vec![Fault::Delay(Duration::from_millis(1_300)); 4]);
    let err = desk
        .channels
        .sync_now(conn.id, Jobs::ALL, now())
        .await
        .expect_err("times out");
    assert!(
        matches!(err, ChannelError::Timeout { attempts: 4 }),
        "{err}"
    );
    let state = desk.channels.state(conn.id).expect("state");
    assert!(state.last_error.is_some());
    assert_eq!(state.paused_reason, None);
    let report = desk
        .channels
        .sync_now(conn.id, Jobs::ALL, now())
        .await
        .expect("next sync");
    assert_eq!(report.imported, 2);
}

/// Pages are recorded as they come: a failure on page 2 keeps page 1's orders, leaves the
/// cursor where it was, and the next sync takes the rest without duplicating page 1.
#[tokio::test]
async fn a_failure_on_a_later_page_keeps_the_earlier_pages_and_the_cursor() {
    let (desk, site, conn) = site_with(15).await;
    // One fault per request: page 1 is answered as usual, page 2 is cut short.
    site.lock()
        .expect("site")
        .faults
        .extend([Fault::Delay(Duration::ZERO), Fault::Truncated]);
    // The orders job alone: the stock job's catalogue listing would take the faults first.
    let orders = Jobs {
        orders: true,
        stock: false,
    };
    let err = desk
        .channels
        .sync_now(conn.id, orders, now())
        .await
        .expect_err("page 2 is cut");
    assert!(matches!(err, ChannelError::Malformed { .. }), "{err}");
    let rows = desk.store.channel_orders(conn.id).expect("rows");
    assert_eq!(rows.len(), 10, "page 1 is kept");
    let state = desk.channels.state(conn.id).expect("state");
    assert_eq!(state.orders_cursor, None, "the cursor waits for every page");
    assert_eq!(state.imported, 10);
    let report = desk
        .channels
        .sync_now(conn.id, Jobs::ALL, now())
        .await
        .expect("next sync");
    assert_eq!((report.imported, report.unchanged), (5, 10));
    assert_eq!(desk.store.channel_orders(conn.id).expect("rows").len(), 15);
}

#[tokio::test]
async fn an_order_delivered_twice_is_one_order_with_one_create_op() {
    let (desk, site, conn) = site_with(1).await;
    let body = site.lock().expect("site").orders[&1].clone();
    let parsed: WooOrder = serde_json::from_value(body).expect("order");
    // Twice in one delivery (a listing that shifted under paging), then again by polling.
    let mut report = SyncReport::default();
    import_fetched(
        &desk.store,
        &conn,
        &[parsed.clone(), parsed],
        now(),
        &mut report,
    )
    .expect("import");
    assert_eq!((report.imported, report.unchanged), (1, 1));
    let polled = desk
        .channels
        .sync_now(conn.id, Jobs::ALL, now())
        .await
        .expect("poll");
    assert_eq!((polled.imported, polled.unchanged), (0, 1));
    let rows = desk.store.channel_orders(conn.id).expect("rows");
    assert_eq!(rows.len(), 1);
    let ops = desk
        .store
        .order_ops(rows[0].order_id.expect("order"))
        .expect("ops");
    assert_eq!(ops.len(), 1, "one create op, nothing else");
}

#[tokio::test]
async fn a_line_whose_product_the_site_deleted_is_kept_and_flagged() {
    let (desk, site, conn) = site_with(0).await;
    {
        let mut s = site.lock().expect("site");
        let c = s.clock;
        let mut o = order(5, "pending", c, &[("MUG-BLUE", 1, "12.5"), ("", 2, "300")]);
        // WooCommerce's line for a deleted product: product_id 0, no SKU, the name kept.
        o["line_items"][1]["product_id"] = json!(0);
        o["line_items"][1]["name"] = json!("Снятый с продажи чайник");
        s.orders.insert(5, o);
    }
    let report = desk
        .channels
        .sync_now(conn.id, Jobs::ALL, now())
        .await
        .expect("sync");
    assert_eq!(report.imported, 1);
    let row = desk.store.channel_orders(conn.id).expect("rows").remove(0);
    assert_eq!(row.flags, vec!["no_sku:0".to_owned()]);
    let imported = desk
        .store
        .order(row.order_id.expect("kept"))
        .expect("order");
    assert_eq!(imported.lines.len(), 2);
    assert_eq!(imported.lines[1].name, "Снятый с продажи чайник");
    assert_eq!(imported.lines[1].product_id, None);
    assert_eq!(imported.lines[1].price, domain::Kopecks(30_000));
}
