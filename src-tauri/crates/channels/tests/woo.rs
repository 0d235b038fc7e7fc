//! The WooCommerce connector against a WooCommerce-shaped server on loopback.

mod support;

use std::time::Duration;

use channels::{ChannelError, Jobs};
use support::woo_site::{self, order, Fault};
use support::{desk, now, products, serve, woo_client, woo_connection, KEY, SECRET};

async fn started(
    n: i64,
) -> (
    support::Desk,
    woo_site::Shared,
    channels::config::Connection,
) {
    let desk = desk();
    products(&desk.store, &["MUG-BLUE", "STK-01"]);
    let site = woo_site::site("", KEY, SECRET);
    let addr = serve(woo_site::router(site.clone())).await;
    {
        let mut s = site.lock().expect("site");
        s.home = format!("http://{addr}");
        for id in 1..=n {
            let clock = s.clock + id;
            s.orders.insert(
                id,
                order(
                    id,
                    "pending",
                    clock,
                    &[("MUG-BLUE", 2, "12.5"), ("STK-01", 1, "4")],
                ),
            );
        }
    }
    let conn = woo_connection(&desk, addr);
    (desk, site, conn)
}

#[tokio::test]
async fn imports_every_page_over_oauth_and_never_twice() {
    let (desk, site, conn) = started(25).await;
    let report = desk
        .channels
        .sync_now(conn.id, Jobs::ALL, now())
        .await
        .expect("first sync");
    assert_eq!(report.imported, 25);
    let rows = desk.store.channel_orders(conn.id).expect("channel orders");
    assert_eq!(rows.len(), 25);
    let first = desk
        .store
        .order(rows[0].order_id.expect("created"))
        .expect("order");
    assert_eq!(first.lines.len(), 2);
    assert_eq!(first.lines[0].price, domain::Kopecks(1250));
    assert_eq!(first.lines[0].quantity, domain::Quantity(2000));
    assert!(first.lines.iter().all(|l| l.product_id.is_some()));
    assert_eq!(first.customer.phone, "79160000001");
    assert_eq!(first.payment, domain::PaymentMethod::CashOnDelivery);
    assert_eq!(first.channel, domain::Channel::Site);
    let ops = desk.store.order_ops(first.id).expect("ops");
    assert_eq!(ops.len(), 1, "one CreateOrder op per imported order");
    assert_eq!(ops[0].kind, "create_order");
    // Three pages of 10 for the first sync (the Link header's reused nonce would be refused),
    // then one light page of ids to check the walk. With no cursor that check covered every
    // order the site lists, so no reconciliation lists them again (it did: 5 requests).
    let pages = site
        .lock()
        .expect("site")
        .requests
        .iter()
        .filter(|r| r.as_str() == "GET /wp-json/wc/v3/orders")
        .count();
    assert_eq!(pages, 4);

    // A second sync (cursor one second back) and a full re-import change nothing.
    let again = desk
        .channels
        .sync_now(conn.id, Jobs::ALL, now())
        .await
        .expect("second sync");
    assert_eq!(again.imported, 0);
    desk.store
        .update_channel_state(conn.id, |s| s.orders_cursor = None)
        .expect("reset cursor");
    let full = desk
        .channels
        .sync_now(conn.id, Jobs::ALL, now())
        .await
        .expect("full re-import");
    assert_eq!((full.imported, full.unchanged), (0, 25));
    assert_eq!(desk.store.channel_orders(conn.id).expect("rows").len(), 25);
    let state = desk.channels.state(conn.id).expect("state");
    assert_eq!(state.imported, 25);
    assert!(state.orders_synced_at.is_some());
    assert_eq!(state.last_error, None);
}

#[tokio::test]
async fn unknown_skus_and_statuses_are_kept_and_flagged() {
    let (desk, site, conn) = started(0).await;
    {
        let mut s = site.lock().expect("site");
        let c = s.clock;
        s.orders
            .insert(1, order(1, "pending", c, &[("NOPE-1", 1, "99.90")]));
        s.orders
            .insert(2, order(2, "awaiting-call", c, &[("MUG-BLUE", 1, "12.5")]));
        s.orders.insert(3, order(3, "pending", c, &[]));
    }
    let report = desk
        .channels
        .sync_now(conn.id, Jobs::ALL, now())
        .await
        .expect("sync");
    assert_eq!((report.imported, report.problems), (2, 1));
    let rows = desk.store.channel_orders(conn.id).expect("rows");
    let by = |id: &str| rows.iter().find(|r| r.external_id == id).expect("row");
    assert_eq!(by("1").flags, vec!["unknown_sku:NOPE-1".to_owned()]);
    let unknown = desk
        .store
        .order(by("1").order_id.expect("kept"))
        .expect("order");
    assert_eq!(unknown.lines[0].product_id, None);
    assert_eq!(unknown.lines[0].sku, "NOPE-1");
    assert_eq!(unknown.lines[0].price, domain::Kopecks(9990));
    assert!(by("2")
        .flags
        .contains(&"unknown_status:awaiting-call".to_owned()));
    assert!(by("2").order_id.is_some());
    assert_eq!(by("3").order_id, None);
    assert_eq!(by("3").problem.as_deref(), Some("the order has no lines"));
}

#[tokio::test]
async fn wrong_keys_pause_the_connection_with_the_reason() {
    let (desk, site, conn) = started(3).await;
    site.lock().expect("site").secret = "cs_rotated".into();
    let err = desk
        .channels
        .sync_now(conn.id, Jobs::ALL, now())
        .await
        .expect_err("refused keys");
    assert!(
        matches!(err, ChannelError::Unauthorized { status: 401, .. }),
        "{err}"
    );
    let state = desk.channels.state(conn.id).expect("state");
    let reason = state.paused_reason.expect("paused");
    assert!(reason.contains("Invalid signature"), "{reason}");
    assert!(!reason.contains(SECRET) && !reason.contains(KEY));
    // Paused: no further calls until resumed.
    let before = site.lock().expect("site").requests.len();
    let paused = desk.channels.sync_now(conn.id, Jobs::ALL, now()).await;
    assert!(matches!(paused, Err(ChannelError::Paused(_))));
    assert_eq!(site.lock().expect("site").requests.len(), before);
    site.lock().expect("site").secret = SECRET.into();
    desk.channels.resume(conn.id).expect("resume");
    let report = desk
        .channels
        .sync_now(conn.id, Jobs::ALL, now())
        .await
        .expect("after fixing keys");
    assert_eq!(report.imported, 3);
}

#[tokio::test]
async fn rate_limits_server_errors_and_timeouts_are_retried() {
    let (desk, site, conn) = started(12).await;
    site.lock().expect("site").faults.extend([
        Fault::Status(429, vec![("retry-after", "0".into())], "{}".into()),
        Fault::Status(503, vec![], "<html>busy</html>".into()),
        Fault::Delay(Duration::from_millis(1_500)),
    ]);
    let report = desk
        .channels
        .sync_now(conn.id, Jobs::ALL, now())
        .await
        .expect("sync survives transient faults");
    assert_eq!(report.imported, 12);
}

#[tokio::test]
async fn persistent_5xx_is_reported_and_loses_nothing() {
    let (desk, site, conn) = started(5).await;
    let fault = Fault::Status(500, vec![], "oops".into());
    site.lock().expect("site").faults.extend(vec![fault; 4]);
    let err = desk
        .channels
        .sync_now(conn.id, Jobs::ALL, now())
        .await
        .expect_err("gives up");
    assert!(
        matches!(
            err,
            ChannelError::Server {
                status: 500,
                attempts: 4
            }
        ),
        "{err}"
    );
    let state = desk.channels.state(conn.id).expect("state");
    assert!(state.last_error.expect("error shown").contains("HTTP 500"));
    assert_eq!(state.paused_reason, None, "a server error does not pause");
    let report = desk
        .channels
        .sync_now(conn.id, Jobs::ALL, now())
        .await
        .expect("next sync");
    assert_eq!(report.imported, 5);
}

#[tokio::test]
async fn truncated_json_is_reported_and_the_next_sync_recovers() {
    let (desk, site, conn) = started(4).await;
    site.lock()
        .expect("site")
        .faults
        .push_back(Fault::Truncated);
    let err = desk
        .channels
        .sync_now(conn.id, Jobs::ALL, now())
        .await
        .expect_err("malformed page");
    assert!(matches!(err, ChannelError::Malformed { .. }), "{err}");
    assert!(desk.store.channel_orders(conn.id).expect("rows").is_empty());
    let report = desk
        .channels
        .sync_now(conn.id, Jobs::ALL, now())
        .await
        .expect("next sync");
    assert_eq!(report.imported, 4);
}

/// Moves an order along its route to `stage` as the desk's admin would.
fn advance_to(store: &store::Store, order_id: uuid::Uuid, stage: &str) {
    let workflow = store.workflow().expect("workflow");
    for _ in 0..20 {
        let order = store.order(order_id).expect("order");
        if order.stage.stage_id == stage {
            return;
        }
        let next = workflow.advance_target(&order.state()).expect("next stage");
        store
            .record(store::NewOp {
                id: uuid::Uuid::now_v7(),
                actor: domain::Actor {
                    id: "admin".into(),
                    name: "Администратор".into(),
                    role: domain::Role::Admin,
                },
                at: now(),
                op: domain::Op::AdvanceStage {
                    order_id,
                    from_stage: order.stage.stage_id.clone(),
                    to_stage: next.id.clone(),
                },
            })
            .expect("advance");
    }
    panic!("{stage} not reached");
}

#[tokio::test]
async fn closing_here_completes_on_the_site_and_stale_statuses_are_never_pushed() {
    let (desk, site, conn) = started(3).await;
    desk.channels
        .sync_now(conn.id, Jobs::ALL, now())
        .await
        .expect("import");
    let rows = desk.store.channel_orders(conn.id).expect("rows");
    let id = |ext: &str| {
        rows.iter()
            .find(|r| r.external_id == ext)
            .and_then(|r| r.order_id)
            .expect("imported")
    };
    // Order 1 closes here; order 2 reaches picking ("processing" on the site) but the
    // customer cancels it on the site after our last read.
    advance_to(&desk.store, id("1"), "done");
    advance_to(&desk.store, id("2"), "picking");
    {
        let mut s = site.lock().expect("site");
        s.clock += 100;
        let c = woo_site::gmt(s.clock);
        let o = s.orders.get_mut(&2).expect("order 2");
        o["status"] = "cancelled".into();
        o["date_modified_gmt"] = c.into();
    }
    // Only the push runs first (no import): the stale check alone must stop the overwrite.
    let client = woo_client(&conn);
    let mut report = channels::SyncReport::default();
    let conn = desk.channels.connection(conn.id).expect("connection");
    channels::woo::sync::push_statuses(&desk.store, &conn, &client, now(), &mut report)
        .await
        .expect("push");
    assert_eq!((report.pushed, report.stale_skipped), (1, 1));
    let s = site.lock().expect("site").orders.clone();
    assert_eq!(s[&1]["status"], "completed");
    assert_eq!(s[&2]["status"], "cancelled", "the newer site status stands");
    assert_eq!(s[&3]["status"], "pending");
    // The site is master of cancellations: our order follows it.
    let two = desk.store.order(id("2")).expect("order 2");
    assert_eq!(two.stage.stage_id, "cancelled");
    let flags = &desk
        .store
        .order_channels(id("2"))
        .expect("channels of order")[0]
        .flags;
    assert!(
        flags
            .iter()
            .any(|f| f.starts_with("stale_push_skipped:processing")),
        "{flags:?}"
    );
    // Nothing more to push on the next run.
    let again = desk
        .channels
        .sync_now(conn.id, Jobs::ALL, now())
        .await
        .expect("sync");
    assert_eq!((again.pushed, again.imported), (0, 0));
}

#[tokio::test]
async fn publishing_a_version_sends_a_customer_note() {
    let (desk, site, conn) = started(1).await;
    desk.channels
        .sync_now(conn.id, Jobs::ALL, now())
        .await
        .expect("import");
    let order_id = desk.store.channel_orders(conn.id).expect("rows")[0]
        .order_id
        .expect("created");
    desk.store
        .record(store::NewOp {
            id: uuid::Uuid::now_v7(),
            actor: domain::Actor {
                id: "m".into(),
                name: "Менеджер".into(),
                role: domain::Role::Manager,
            },
            at: now(),
            op: domain::Op::PublishVersion {
                order_id,
                version: 1,
            },
        })
        .expect("publish");
    let report = desk
        .channels
        .sync_now(conn.id, Jobs::ALL, now())
        .await
        .expect("sync");
    assert_eq!(report.notes, 1);
    let notes = site.lock().expect("site").notes.clone();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].0, 1);
    assert!(notes[0].2, "visible to the customer");
    assert!(
        notes[0].1.contains("версия 1") && notes[0].1.contains("Итого"),
        "{}",
        notes[0].1
    );
    assert!(desk
        .store
        .pending_channel_events()
        .expect("events")
        .is_empty());
}

#[tokio::test]
async fn stock_goes_out_in_batches_of_100_and_deleted_products_are_remembered() {
    let desk = desk();
    let skus: Vec<String> = (0..250).map(|i| format!("SKU-{i:04}")).collect();
    products(
        &desk.store,
        &skus.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    let site = woo_site::site("", KEY, SECRET);
    let addr = serve(woo_site::router(site.clone())).await;
    {
        let mut s = site.lock().expect("site");
        s.home = format!("http://{addr}");
        // The site lacks the last 10 products.
        for (i, sku) in skus.iter().take(240).enumerate() {
            s.products.insert(1000 + i as i64, (sku.clone(), 0));
        }
    }
    let conn = woo_connection(&desk, addr);
    let stock = Jobs {
        orders: false,
        stock: true,
    };
    let report = desk
        .channels
        .sync_now(conn.id, stock, now())
        .await
        .expect("stock push");
    assert_eq!((report.stock_pushed, report.stock_missing), (240, 10));
    {
        let s = site.lock().expect("site");
        assert_eq!(s.batch_sizes, vec![100, 100, 40]);
        assert!(s.products.values().all(|(_, q)| *q == 5));
    }
    // Nothing changed: nothing sent.
    let quiet = desk
        .channels
        .sync_now(conn.id, stock, now())
        .await
        .expect("quiet");
    assert_eq!(quiet.stock_pushed, 0);
    // Two products change; one of them was deleted on the site since its id was learnt.
    desk.store
        .set_stock(
            vec![
                ("SKU-0001".into(), domain::Quantity(7_000)),
                ("SKU-0002".into(), domain::Quantity(9_500)),
            ],
            now(),
        )
        .expect("set stock");
    site.lock().expect("site").products.remove(&1002);
    let report = desk
        .channels
        .sync_now(conn.id, stock, now())
        .await
        .expect("push");
    assert_eq!((report.stock_pushed, report.stock_missing), (1, 1));
    assert_eq!(site.lock().expect("site").products[&1001].1, 7);
    let last = desk
        .channels
        .sync_now(conn.id, stock, now())
        .await
        .expect("again");
    assert_eq!((last.stock_pushed, last.stock_missing), (0, 0));
}

#[tokio::test]
async fn the_schedule_runs_orders_every_5_minutes_and_stock_hourly() {
    let (desk, site, conn) = started(2).await;
    let t0 = now();
    let first = desk.channels.run_due(t0).await;
    assert_eq!(first.len(), 1, "a new connection is due at once");
    assert_eq!(first[0].1.as_ref().expect("sync").imported, 2);
    let requests = || site.lock().expect("site").requests.len();
    let after_first = requests();
    assert!(desk
        .channels
        .run_due(t0 + jiff::SignedDuration::from_mins(4))
        .await
        .is_empty());
    assert_eq!(requests(), after_first, "nothing due, nothing sent");
    site.lock()
        .expect("site")
        .orders
        .insert(3, order(3, "pending", 1_795_329_000, &[("STK-01", 1, "4")]));
    let five = desk
        .channels
        .run_due(t0 + jiff::SignedDuration::from_mins(5))
        .await;
    let report = five[0].1.as_ref().expect("orders sync");
    assert_eq!(
        (report.imported, report.stock_pushed),
        (1, 0),
        "stock is not due yet"
    );
    let hour = desk
        .channels
        .run_due(t0 + jiff::SignedDuration::from_mins(61))
        .await;
    assert!(hour[0].1.is_ok());
    let state = desk.channels.state(conn.id).expect("state");
    assert_eq!(
        state.stock_synced_at,
        Some(t0 + jiff::SignedDuration::from_mins(61))
    );
}

/// Issue 20, point 3, for the site too: a status update answered with another order's body
/// is not recorded against ours.
#[tokio::test]
async fn a_status_answer_about_another_order_is_not_taken_for_ours() {
    let (desk, site, conn) = started(2).await;
    desk.channels
        .sync_now(conn.id, Jobs::ALL, now())
        .await
        .expect("import");
    let rows = desk.store.channel_orders(conn.id).expect("rows");
    let one = rows
        .iter()
        .find(|r| r.external_id == "1")
        .and_then(|r| r.order_id)
        .expect("imported");
    let before = |ext: &str| {
        desk.store
            .channel_orders(conn.id)
            .expect("rows")
            .into_iter()
            .find(|r| r.external_id == ext)
            .expect("row")
            .remote_status
    };
    let (one_before, two_before) = (before("1"), before("2"));
    advance_to(&desk.store, one, "done");
    site.lock().expect("site").answer_as.insert(1, 2);
    let client = woo_client(&conn);
    let mut report = channels::SyncReport::default();
    let conn = desk.channels.connection(conn.id).expect("connection");
    let err = channels::woo::sync::push_statuses(&desk.store, &conn, &client, now(), &mut report)
        .await
        .expect_err("another order's answer");
    assert!(
        matches!(&err, channels::ChannelError::WrongOrder { asked, got, .. } if asked == "1" && got == "2"),
        "{err}"
    );
    assert_eq!(report.pushed, 0);
    assert_eq!(before("1"), one_before, "2's answer is not recorded as 1's");
    assert_eq!(before("2"), two_before);
}

/// Found against a real WooCommerce 10.0.2: the stock push sent `manage_stock: true` with
/// every quantity, so a product the shop sells without counting («в наличии» always) became a
/// counted one with our count — 0 for a product the desk took from the site — and showed
/// «Нет в наличии». The quantity alone goes now; such a product stays as the shop set it.
#[tokio::test]
async fn a_stock_push_leaves_a_product_sold_without_counting_as_it_is() {
    let desk = desk();
    products(&desk.store, &["COUNTED", "MADE-TO-ORDER"]);
    let site = woo_site::site("", KEY, SECRET);
    let addr = serve(woo_site::router(site.clone())).await;
    {
        let mut s = site.lock().expect("site");
        s.home = format!("http://{addr}");
        s.products.insert(501, ("COUNTED".into(), 0));
        s.products.insert(502, ("MADE-TO-ORDER".into(), 0));
        s.unmanaged.insert(502);
    }
    let conn = woo_connection(&desk, addr);
    let stock = Jobs {
        orders: false,
        stock: true,
    };
    desk.channels
        .sync_now(conn.id, stock, now())
        .await
        .expect("stock push");
    let s = site.lock().expect("site");
    assert_eq!(s.products[&501].1, 5, "a counted product gets our count");
    assert!(
        s.unmanaged.contains(&502),
        "the product sold without counting stays so"
    );
}

/// Found against a real WooCommerce 10.0.2: the site was removed and added again, and the
/// first exchange pushed every product's stock again — the desk's count over what the site
/// had sold meanwhile (233 → 235). The stock last pushed is kept with the site like its
/// orders; only a product whose count changed here goes out.
#[tokio::test]
async fn adding_the_site_again_does_not_push_back_stock_it_already_has() {
    let desk = desk();
    products(&desk.store, &["COUNTED"]);
    let site = woo_site::site("", KEY, SECRET);
    let addr = serve(woo_site::router(site.clone())).await;
    {
        let mut s = site.lock().expect("site");
        s.home = format!("http://{addr}");
        s.products.insert(501, ("COUNTED".into(), 0));
    }
    let stock = Jobs {
        orders: false,
        stock: true,
    };
    let conn = woo_connection(&desk, addr);
    desk.channels
        .sync_now(conn.id, stock, now())
        .await
        .expect("first push");
    // The site sells two; then the connection is removed and the site added again.
    site.lock()
        .expect("site")
        .products
        .insert(501, ("COUNTED".into(), 3));
    desk.channels.remove_connection(conn.id).expect("remove");
    let again = woo_connection(&desk, addr);
    let report = desk
        .channels
        .sync_now(again.id, stock, now())
        .await
        .expect("after re-adding");
    assert_eq!(report.stock_pushed, 0);
    assert_eq!(
        site.lock().expect("site").products[&501].1,
        3,
        "what it sold stays"
    );
    desk.store
        .set_stock(vec![("COUNTED".into(), domain::Quantity(9_000))], now())
        .expect("set stock");
    desk.channels
        .sync_now(again.id, stock, now())
        .await
        .expect("a change here");
    assert_eq!(site.lock().expect("site").products[&501].1, 9);
}
