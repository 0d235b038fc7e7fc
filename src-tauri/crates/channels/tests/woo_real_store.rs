//! The WooCommerce connector against what a real WooCommerce 10.0.2 store did (see
//! `data/woo-10.0.2/` and shared/reference/samples): ties on `date_modified` listed in a new
//! order on every request, a bulk status change while we page, webhooks that come or do not,
//! and orders with coupons, fees, refunds, pickup points, companies and odd phones. Every
//! order comes in exactly once, with the site's money, state and dates.

mod support;

use std::collections::{BTreeMap, HashSet};

use channels::woo::model::WooOrder;
use channels::woo::sync::import_fetched;
use channels::{Jobs, SyncReport};
use domain::{Discount, Kopecks, Order};
use serde_json::{json, Value};
use support::woo_site::{self, order};
use support::{desk, now, products, serve, woo_connection, KEY, SECRET};

const SAMPLES: &str = include_str!("data/woo-10.0.2/orders-edge-cases.json");
/// The first page the real store answered (`per_page=2`): prices as integer JSON numbers.
const PAGE: &str = include_str!("data/woo-10.0.2/orders-page.json");

async fn site_of(
    orders: impl IntoIterator<Item = (i64, Value)>,
) -> (
    support::Desk,
    woo_site::Shared,
    channels::config::Connection,
) {
    let desk = desk();
    products(&desk.store, &["MUG-BLUE", "EL-0003"]);
    let site = woo_site::site("", KEY, SECRET);
    let addr = serve(woo_site::router(site.clone())).await;
    {
        let mut s = site.lock().expect("site");
        s.home = format!("http://{addr}");
        s.orders.extend(orders);
    }
    let conn = woo_connection(&desk, addr);
    (desk, site, conn)
}

/// 327 orders; after a bulk status change many share one second: here 20 share the first
/// second and the rest come five to a second.
fn tied_orders(clock: i64) -> Vec<(i64, Value)> {
    (1..=327)
        .map(|id| {
            let second = if id <= 20 { clock } else { clock + id / 5 };
            let status = if id % 3 == 0 { "processing" } else { "pending" };
            (id, order(id, status, second, &[("MUG-BLUE", 1, "12.5")]))
        })
        .collect()
}

fn imported(desk: &support::Desk, conn: &channels::config::Connection) -> BTreeMap<String, Order> {
    desk.store
        .channel_orders(conn.id)
        .expect("rows")
        .into_iter()
        .map(|r| {
            let order = desk
                .store
                .order(r.order_id.expect("every order is made, none is a problem"))
                .expect("order");
            (r.external_id, order)
        })
        .collect()
}

#[tokio::test]
async fn every_order_comes_in_once_though_ties_shuffle_and_a_bulk_change_lands_mid_walk() {
    let clock = woo_site::site("", KEY, SECRET).lock().expect("site").clock;
    let (desk, site, conn) = site_of(tied_orders(clock)).await;
    // The manager ships 40 orders in the site's admin while the desk is on page 6 of 33:
    // orders on pages already read and on pages still to come change together.
    let shipped: Vec<i64> = (1..=40).map(|i| i * 8).collect();
    {
        let mut s = site.lock().expect("site");
        s.clock = clock + 1_000;
        s.bulk = Some((6, shipped, "completed"));
    }
    let report = desk
        .channels
        .sync_now(conn.id, Jobs::ALL, now())
        .await
        .expect("first sync");
    assert_eq!(report.problems, 0);
    // Pages 1–5 (orders 1–50) were read before the change: its six orders there are read
    // again by id at once. Ordered by `modified`, the walk also lost orders to the shuffled
    // ties, and this count was 40.
    assert_eq!(
        report.reconciled, 6,
        "only the orders changed behind the walk"
    );
    let orders = imported(&desk, &conn);
    assert_eq!(orders.len(), 327, "every order of the site, once");
    let ids: HashSet<_> = orders.values().map(|o| o.id).collect();
    assert_eq!(ids.len(), 327, "no order made twice");
    {
        let rows = desk.store.channel_orders(conn.id).expect("rows");
        let s = site.lock().expect("site");
        for row in &rows {
            let id: i64 = row.external_id.parse().expect("id");
            assert_eq!(
                row.remote_status,
                s.orders[&id]["status"].as_str().expect("status"),
                "order {id}"
            );
        }
    }
    let again = desk
        .channels
        .sync_now(conn.id, Jobs::ALL, now())
        .await
        .expect("second sync");
    assert_eq!((again.imported, again.reconciled), (0, 0));
    assert_eq!(imported(&desk, &conn).len(), 327);
}

#[tokio::test]
async fn a_webhook_does_not_move_the_poll_cursor() {
    let clock = woo_site::site("", KEY, SECRET).lock().expect("site").clock;
    let first = (1..=5).map(|id| {
        (
            id,
            order(id, "pending", clock + id, &[("MUG-BLUE", 1, "12.5")]),
        )
    });
    let (desk, site, conn) = site_of(first).await;
    desk.channels
        .sync_now(conn.id, Jobs::ALL, now())
        .await
        .expect("poll");
    let cursor = desk.channels.state(conn.id).expect("state").orders_cursor;
    // Order 6 is placed while webhooks are off (never delivered); order 7 later, delivered.
    let late = order(6, "processing", clock + 600, &[("MUG-BLUE", 1, "12.5")]);
    let hooked = order(7, "processing", clock + 900, &[("MUG-BLUE", 1, "12.5")]);
    {
        let mut s = site.lock().expect("site");
        s.orders.insert(6, late);
        s.orders.insert(7, hooked.clone());
    }
    let parsed: WooOrder = serde_json::from_value(hooked).expect("order");
    import_fetched(
        &desk.store,
        &conn,
        &[parsed],
        now(),
        &mut SyncReport::default(),
    )
    .expect("webhook import");
    assert_eq!(
        desk.channels.state(conn.id).expect("state").orders_cursor,
        cursor,
        "only the poll moves its cursor"
    );
    let polled = desk
        .channels
        .sync_now(conn.id, Jobs::ALL, now())
        .await
        .expect("poll");
    assert_eq!(polled.imported, 1, "the order the webhook never brought");
    assert!(imported(&desk, &conn).contains_key("6"));
}

#[tokio::test]
async fn reconciliation_takes_in_an_order_the_poll_passed_by() {
    let clock = woo_site::site("", KEY, SECRET).lock().expect("site").clock;
    let orders = (1..=3).map(|id| {
        (
            id,
            order(id, "pending", clock + id, &[("MUG-BLUE", 1, "12.5")]),
        )
    });
    let (desk, site, conn) = site_of(orders).await;
    // A cursor already past order 2 (as a webhook used to leave it): polling alone never
    // lists it again.
    desk.store
        .update_channel_state(conn.id, move |s| {
            s.orders_cursor = Some(woo_site::gmt(clock + 2));
        })
        .expect("cursor");
    let report = desk
        .channels
        .sync_now(conn.id, Jobs::ALL, now())
        .await
        .expect("sync");
    assert_eq!(
        report.reconciled, 2,
        "orders 1 and 2, found by comparing lists"
    );
    assert_eq!(imported(&desk, &conn).len(), 3);
    drop(site);
}

#[tokio::test]
async fn an_order_kept_as_a_problem_is_made_when_it_comes_again() {
    let clock = woo_site::site("", KEY, SECRET).lock().expect("site").clock;
    let empty = order(1, "pending", clock, &[]);
    let (desk, site, conn) = site_of([(1, empty)]).await;
    let report = desk
        .channels
        .sync_now(conn.id, Jobs::ALL, now())
        .await
        .expect("sync");
    assert_eq!(report.problems, 1);
    let fixed = order(1, "pending", clock + 60, &[("MUG-BLUE", 1, "12.5")]);
    site.lock().expect("site").orders.insert(1, fixed);
    let report = desk
        .channels
        .sync_now(conn.id, Jobs::ALL, now())
        .await
        .expect("sync");
    assert_eq!(report.imported, 1);
    let row = desk.store.channel_orders(conn.id).expect("rows").remove(0);
    assert!(row.order_id.is_some());
    assert_eq!(row.problem, None);
}

fn samples() -> Vec<(i64, Value)> {
    let all: BTreeMap<String, Value> = serde_json::from_str(SAMPLES).expect("samples");
    let mut by_id = BTreeMap::new();
    let page: Vec<Value> = serde_json::from_str(PAGE).expect("orders page");
    for o in all.into_values().chain(page) {
        by_id.insert(o["id"].as_i64().expect("id"), o);
    }
    by_id.into_iter().collect()
}

fn kopecks(v: &Value) -> Kopecks {
    channels::money::kopecks(v.as_str().expect("money string")).expect("money")
}

#[tokio::test]
async fn sample_orders_come_in_with_the_sites_money_state_and_dates() {
    let samples = samples();
    let (desk, _site, conn) = site_of(samples.clone()).await;
    desk.channels
        .sync_now(conn.id, Jobs::ALL, now())
        .await
        .expect("sync");
    let orders = imported(&desk, &conn);
    assert_eq!(orders.len(), samples.len());
    for (id, site) in &samples {
        let ours = &orders[&id.to_string()];
        let totals = ours.totals().expect("totals");
        assert_eq!(totals.total, kopecks(&site["total"]), "total of {id}");
        assert_eq!(
            totals.delivery_cost,
            kopecks(&site["shipping_total"]),
            "shipping of {id}"
        );
        let refunds: i64 = site["refunds"]
            .as_array()
            .expect("refunds")
            .iter()
            .map(|r| kopecks(&r["total"]).0)
            .sum();
        let paid = if site["date_paid_gmt"].is_string() {
            kopecks(&site["total"]).0
        } else {
            0
        };
        assert_eq!(ours.paid().expect("paid").0, paid + refunds, "paid on {id}");
        let created = site["date_created_gmt"].as_str().expect("created");
        assert_eq!(
            woo_site::gmt(ours.created_at.as_second()),
            created,
            "created of {id}"
        );
        let status = site["status"].as_str().expect("status");
        let stage = match status {
            "completed" => "done",
            "processing" => "picking",
            "pending" => "new",
            _ => "cancelled",
        };
        assert_eq!(ours.stage.stage_id, stage, "stage of {id} ({status})");
        match status {
            // Not yet paid or processed on the site: a draft to confirm here.
            "pending" => assert!(ours.draft, "{id} is still to be confirmed"),
            "cancelled" => {}
            _ => assert!(!ours.draft, "{id} was confirmed on the site"),
        }
        assert!(!ours.customer.phone.starts_with('8'), "phone of {id}");
    }
    // Coupons are line discounts; a negative fee is the order's discount; a positive fee a
    // line of its own.
    let coupon = &orders["86"];
    assert_eq!(coupon.lines[3].price, Kopecks(599_000));
    assert_eq!(
        coupon.lines[3].discount,
        Discount::Amount(Kopecks(1_797_000))
    );
    assert_eq!(
        orders["113"].discount,
        Discount::Amount(Kopecks(30_000)),
        "the regular customer's −300 ₽"
    );
    assert!(orders["85"]
        .lines
        .iter()
        .any(|l| l.name.contains("наложенный") && l.price == Kopecks(7_960)));
    let cdek = &orders["90"];
    assert_eq!(cdek.address, "ПВЗ KRA950: Краснодар, ул. Садовая, 8");
    assert_eq!(cdek.delivery, domain::DeliveryMethod::Post);
    let company = &orders["89"];
    assert_eq!(company.customer.phone, "79152606695");
    let note = company.comment.as_deref().unwrap_or("");
    assert!(note.contains("АО «Северный завод»"), "{note}");
    // The billing company is the order's buyer, its legal address the billing one; the site
    // has no ИНН for it, so the order is flagged for the manager to complete it.
    let buyer = company.buyer.company().expect("a company buyer");
    assert_eq!(buyer.name, "АО «Северный завод»");
    assert!(
        buyer.address.contains("Большая Ордынка"),
        "{}",
        buyer.address
    );
    let row = desk
        .store
        .channel_orders(conn.id)
        .expect("rows")
        .into_iter()
        .find(|r| r.external_id == "89")
        .expect("order 89's row");
    assert!(
        row.flags.contains(&"company_requisites".to_owned()),
        "{:?}",
        row.flags
    );
    assert!(note.contains("спросить Ольгу"), "{note}");
    assert_eq!(orders["88"].customer.phone, "73837717540");
    assert!(orders["88"]
        .comment
        .as_deref()
        .is_some_and(|c| c.contains("доб. 982")));
    // The site's own number finds the order, as the manager reads it off the site.
    let found = desk.store.search("№86", 10).expect("search");
    assert!(found.iter().any(|r| r.id == coupon.id), "{found:?}");
    // The partial refund is money out, beside the payment.
    let partial = &orders["188"];
    assert_eq!(partial.paid().expect("paid"), Kopecks(106_080));
    assert!(partial
        .payments
        .iter()
        .any(|p| p.amount == Kopecks(-59_000)));
}

/// The site charged 590 ₽ for shipping goods of 10 480 ₽; our tariff ships that free. A
/// change of goods here must not replace the charge the customer agreed to.
#[tokio::test]
async fn a_line_edit_keeps_the_sites_shipping_charge() {
    let mut samples: Vec<_> = samples().into_iter().filter(|(id, _)| *id == 113).collect();
    samples[0].1["status"] = json!("processing");
    let (desk, _site, conn) = site_of(samples).await;
    desk.channels
        .sync_now(conn.id, Jobs::ALL, now())
        .await
        .expect("sync");
    let order = imported(&desk, &conn).remove("113").expect("order");
    assert_eq!(order.stage.stage_id, "picking");
    assert_eq!(order.delivery_cost, Kopecks(59_000));
    desk.store
        .record(store::NewOp {
            id: uuid::Uuid::now_v7(),
            actor: domain::Actor {
                id: "manager".into(),
                name: "Менеджер".into(),
                role: domain::Role::Manager,
            },
            at: now(),
            op: domain::Op::EditLines {
                order_id: order.id,
                edits: vec![domain::LineEdit::SetQuantity {
                    line_id: order.lines[0].id,
                    quantity: domain::Quantity(2000),
                }],
            },
        })
        .expect("edit");
    let edited = desk.store.order(order.id).expect("order");
    assert_eq!(edited.lines[0].quantity, domain::Quantity(2000));
    assert_eq!(
        edited.delivery_cost,
        Kopecks(59_000),
        "not the desk's tariff"
    );
}

/// Records `op` as the shop's administrator at the test's `now`, as a manager's click would.
/// One processing order on the site, imported (in «Комплектация» here).
async fn one_imported_order() -> (
    support::Desk,
    woo_site::Shared,
    channels::config::Connection,
    uuid::Uuid,
) {
    let clock = woo_site::site("", KEY, SECRET).lock().expect("site").clock;
    let first = order(1, "processing", clock, &[("MUG-BLUE", 1, "12.5")]);
    let (desk, site, conn) = site_of([(1, first)]).await;
    desk.channels
        .sync_now(conn.id, Jobs::ALL, now())
        .await
        .expect("import");
    let order_id = desk.store.channel_orders(conn.id).expect("rows")[0]
        .order_id
        .expect("order");
    (desk, site, conn, order_id)
}

/// A manager closes the order here.
fn close_here(desk: &support::Desk, order_id: uuid::Uuid) {
    here(
        desk,
        domain::Op::MoveToStage {
            order_id,
            from_stage: "picking".into(),
            to_stage: "done".into(),
        },
        "move",
    );
}

/// The site's admin sets order 1 to `status`, `seconds` from `now()` (before it if negative).
fn set_on_site(site: &woo_site::Shared, status: &str, seconds: i64) {
    let mut s = site.lock().expect("site");
    let at = woo_site::gmt(now().as_second() + seconds);
    let o = s.orders.get_mut(&1).expect("order");
    o["status"] = json!(status);
    o["date_modified_gmt"] = json!(at);
}

/// The next exchange pushes nothing over the site's `theirs`, keeps it there and flags the
/// order with both statuses.
async fn the_push_is_refused_over(
    desk: &support::Desk,
    site: &woo_site::Shared,
    conn: &channels::config::Connection,
    theirs: &str,
) {
    let report = desk
        .channels
        .sync_now(
            conn.id,
            Jobs::ALL,
            now() + jiff::SignedDuration::from_secs(120),
        )
        .await
        .expect("exchange");
    assert_eq!((report.pushed, report.stale_skipped), (0, 1));
    assert_eq!(site.lock().expect("site").orders[&1]["status"], theirs);
    let row = desk.store.channel_orders(conn.id).expect("rows").remove(0);
    assert!(
        row.flags
            .contains(&format!("stale_push_skipped:completed<{theirs}")),
        "{:?}",
        row.flags
    );
}

fn here(desk: &support::Desk, op: domain::Op, what: &str) {
    desk.store
        .record(store::NewOp {
            id: uuid::Uuid::now_v7(),
            actor: admin(),
            at: now(),
            op,
        })
        .expect(what);
}

fn admin() -> domain::Actor {
    domain::Actor {
        id: "admin".into(),
        name: "Администратор".into(),
        role: domain::Role::Admin,
    }
}

/// The manager closes the order here; before the next exchange the site's admin puts it on
/// hold. The site's change is newer than ours: it stays, and the order says why ours did
/// not go out.
#[tokio::test]
async fn a_push_never_overwrites_a_status_the_site_changed_after_our_move() {
    let (desk, site, conn, order_id) = one_imported_order().await;
    close_here(&desk, order_id);
    set_on_site(&site, "on-hold", 60);
    the_push_is_refused_over(&desk, &site, &conn, "on-hold").await;
}

/// Found against a real WooCommerce 10.0.2: the site cancels the order; a manager here, not
/// knowing, closes it a minute later; the next exchange's import records the cancellation,
/// and the push then went out over it («completed» on the site) because the manager's move
/// was the later of the two. The manager moved on a status older than the site's: refused,
/// flagged with both, the site's cancellation kept.
#[tokio::test]
async fn a_cancellation_the_manager_had_not_seen_is_not_overwritten_by_the_move() {
    let (desk, site, conn, order_id) = one_imported_order().await;
    // Cancelled on the site a minute before the manager's move here.
    set_on_site(&site, "cancelled", -60);
    close_here(&desk, order_id);
    the_push_is_refused_over(&desk, &site, &conn, "cancelled").await;
}

/// A move made here after the site's last change still goes out.
#[tokio::test]
async fn a_move_made_here_is_pushed_and_an_unmoved_import_is_not() {
    let clock = woo_site::site("", KEY, SECRET).lock().expect("site").clock;
    let orders = [
        (1, order(1, "processing", clock, &[("MUG-BLUE", 1, "12.5")])),
        (2, order(2, "processing", clock, &[("MUG-BLUE", 1, "12.5")])),
    ];
    let (desk, site, conn) = site_of(orders).await;
    desk.channels
        .sync_now(conn.id, Jobs::ALL, now())
        .await
        .expect("import");
    let rows = desk.store.channel_orders(conn.id).expect("rows");
    let one = rows
        .iter()
        .find(|r| r.external_id == "1")
        .and_then(|r| r.order_id)
        .expect("order 1");
    here(
        &desk,
        domain::Op::MoveToStage {
            order_id: one,
            from_stage: "picking".into(),
            to_stage: "done".into(),
        },
        "move",
    );
    let report = desk
        .channels
        .sync_now(conn.id, Jobs::ALL, now())
        .await
        .expect("exchange");
    assert_eq!(report.pushed, 1);
    let s = site.lock().expect("site");
    assert_eq!(s.orders[&1]["status"], "completed");
    assert_eq!(s.orders[&2]["status"], "processing");
}

#[tokio::test]
async fn a_read_only_key_stops_only_the_pushes() {
    let clock = woo_site::site("", KEY, SECRET).lock().expect("site").clock;
    let first = order(1, "processing", clock, &[("MUG-BLUE", 1, "12.5")]);
    let (desk, site, conn) = site_of([(1, first)]).await;
    site.lock().expect("site").read_only = true;
    desk.channels
        .sync_now(conn.id, Jobs::ALL, now())
        .await
        .expect("import");
    let order_id = desk.store.channel_orders(conn.id).expect("rows")[0]
        .order_id
        .expect("order");
    close_here(&desk, order_id);
    let refused = desk.channels.sync_now(conn.id, Jobs::ALL, now()).await;
    assert!(
        matches!(
            refused,
            Err(channels::ChannelError::ReadOnlyKey { status: 403 })
        ),
        "{refused:?}"
    );
    let state = desk.channels.state(conn.id).expect("state");
    assert_eq!(state.paused_reason, None, "imports go on");
    assert!(state
        .last_error
        .is_some_and(|e| e.contains("только для чтения")));
    site.lock().expect("site").orders.insert(
        2,
        order(2, "processing", clock + 5, &[("MUG-BLUE", 1, "12.5")]),
    );
    let _ = desk.channels.sync_now(conn.id, Jobs::ALL, now()).await;
    assert_eq!(
        imported(&desk, &conn).len(),
        2,
        "the next order still came in"
    );
}

/// A read-only key's refusal of the stock push (not only of a status push) pauses nothing:
/// it paused the whole connection, imports included, once the site's catalogue made stock
/// pushes happen.
#[tokio::test]
async fn a_read_only_key_refusing_the_stock_push_stops_only_the_pushes() {
    let clock = woo_site::site("", KEY, SECRET).lock().expect("site").clock;
    let first = order(1, "processing", clock, &[("MUG-BLUE", 1, "12.5")]);
    let (desk, site, conn) = site_of([(1, first)]).await;
    {
        let mut s = site.lock().expect("site");
        s.read_only = true;
        s.products.insert(501, ("MUG-BLUE".into(), 0));
    }
    let refused = desk.channels.sync_now(conn.id, Jobs::ALL, now()).await;
    assert!(
        matches!(
            refused,
            Err(channels::ChannelError::ReadOnlyKey { status: 403 })
        ),
        "{refused:?}"
    );
    assert_eq!(imported(&desk, &conn).len(), 1, "the order came in first");
    let state = desk.channels.state(conn.id).expect("state");
    assert_eq!(state.paused_reason, None, "imports go on");
    assert!(state.last_error.is_some_and(|e| e.contains("остатки")));
    assert_eq!(site.lock().expect("site").products[&501].1, 0);
    site.lock().expect("site").orders.insert(
        2,
        order(2, "processing", clock + 5, &[("MUG-BLUE", 1, "12.5")]),
    );
    let _ = desk.channels.sync_now(conn.id, Jobs::ALL, now()).await;
    assert_eq!(
        imported(&desk, &conn).len(),
        2,
        "the next order still came in"
    );
}

#[tokio::test]
async fn removing_and_adding_the_site_again_relinks_every_order() {
    let clock = woo_site::site("", KEY, SECRET).lock().expect("site").clock;
    let (desk, site, conn) = site_of(tied_orders(clock).into_iter().take(30)).await;
    desk.channels
        .sync_now(conn.id, Jobs::ALL, now())
        .await
        .expect("import");
    let before: HashSet<_> = imported(&desk, &conn).values().map(|o| o.id).collect();
    assert_eq!(before.len(), 30);
    desk.channels.remove_connection(conn.id).expect("remove");
    let addr: std::net::SocketAddr = conn
        .base_url
        .trim_start_matches("http://")
        .parse()
        .expect("address");
    let again = woo_connection(&desk, addr);
    let report = desk
        .channels
        .sync_now(again.id, Jobs::ALL, now())
        .await
        .expect("import again");
    assert_eq!(report.imported, 0, "nothing imported twice");
    let after: HashSet<_> = imported(&desk, &again).values().map(|o| o.id).collect();
    assert_eq!(after, before, "the same orders, linked again");
    drop(site);
}

/// What the site changed while its connection was removed — an order cancelled there, a line
/// added — is followed when the site is added again, and the orders' flags are kept. The
/// re-link used to record the site's status as already seen: nothing of it came in.
#[tokio::test]
async fn changes_the_site_made_while_it_was_removed_are_followed_when_it_is_added_again() {
    let clock = woo_site::site("", KEY, SECRET).lock().expect("site").clock;
    let line = [("MUG-BLUE", 1, "12.5")];
    let (desk, site, conn) = site_of([
        (1, order(1, "processing", clock, &line)),
        (2, order(2, "processing", clock, &line)),
        (3, order(3, "processing", clock, &[("GONE-1", 1, "10")])),
    ])
    .await;
    desk.channels
        .sync_now(conn.id, Jobs::ALL, now())
        .await
        .expect("import");
    let before = imported(&desk, &conn);
    desk.channels.remove_connection(conn.id).expect("remove");
    {
        let mut s = site.lock().expect("site");
        s.orders
            .insert(1, order(1, "cancelled", clock + 300, &line));
        let two = [("MUG-BLUE", 1, "12.5"), ("EL-0003", 2, "1990")];
        s.orders
            .insert(2, order(2, "processing", clock + 300, &two));
    }
    let addr: std::net::SocketAddr = conn
        .base_url
        .trim_start_matches("http://")
        .parse()
        .expect("address");
    let again = woo_connection(&desk, addr);
    let report = desk
        .channels
        .sync_now(again.id, Jobs::ALL, now())
        .await
        .expect("import again");
    assert_eq!(report.imported, 0, "nothing imported twice");
    let after = imported(&desk, &again);
    for id in ["1", "2", "3"] {
        assert_eq!(after[id].id, before[id].id, "order {id} linked again");
    }
    assert_eq!(
        after["1"].stage.stage_id, "cancelled",
        "cancelled on the site meanwhile"
    );
    assert_eq!(
        after["2"].lines.len(),
        2,
        "the line added on the site meanwhile"
    );
    let flags = &desk
        .store
        .channel_orders(again.id)
        .expect("rows")
        .into_iter()
        .find(|r| r.external_id == "3")
        .expect("row")
        .flags;
    assert!(flags.iter().any(|f| f == "unknown_sku:GONE-1"), "{flags:?}");
}

/// Issue 13, point 3: an order already on hold, being processed or completed on the site
/// enters the stage its status maps to — awaiting payment for a bank transfer on hold — as
/// no draft, and is not overdue for the hours it spent on the site before the import.
#[tokio::test]
async fn orders_on_hold_processing_or_completed_enter_their_mapped_stage_not_overdue() {
    let clock = woo_site::site("", KEY, SECRET).lock().expect("site").clock;
    let line = [("MUG-BLUE", 1, "12.5")];
    // A day before the import: long past every stage's time limit.
    let then = clock - 86_400;
    let mut on_hold = order(1, "on-hold", then, &line);
    on_hold["payment_method"] = json!("bacs");
    on_hold["payment_method_title"] = json!("Прямой банковский перевод");
    let (desk, _site, conn) = site_of([
        (1, on_hold),
        (2, order(2, "processing", then, &line)),
        (3, order(3, "completed", then, &line)),
        // On hold with cash on delivery: «Ожидание оплаты» is off its route.
        (4, order(4, "on-hold", then, &line)),
    ])
    .await;
    desk.channels
        .sync_now(conn.id, Jobs::ALL, now())
        .await
        .expect("import");
    let got = imported(&desk, &conn);
    for (id, stage) in [("1", "awaiting_payment"), ("2", "picking"), ("3", "done")] {
        let o = &got[id];
        assert_eq!(o.stage.stage_id, stage, "order {id}");
        assert!(!o.draft, "order {id}: confirmed on the site");
        assert_eq!(
            o.stage.entered_at,
            now(),
            "order {id}: entered when we learnt of it"
        );
        assert!(
            o.stage.deadline.is_none_or(|d| d > now()),
            "order {id}: not overdue on arrival"
        );
    }
    assert_eq!(
        got["4"].stage.stage_id, "new",
        "the route's first stage instead"
    );
    let flags = desk
        .store
        .channel_orders(conn.id)
        .expect("rows")
        .into_iter()
        .find(|r| r.external_id == "4")
        .expect("row")
        .flags;
    assert!(
        flags.contains(&"off_route:on-hold>Ожидание оплаты".to_owned()),
        "said on the order, not silently: {flags:?}"
    );
    let overdue = desk
        .store
        .orders(&store::QueueFilter {
            overdue_at: Some(now()),
            ..Default::default()
        })
        .expect("queue");
    assert!(overdue.is_empty(), "{overdue:?}");
}

/// The manager on the site adds a line and, later, the customer pays online: both come in
/// as ops by the channel, and the total stays the site's.
#[tokio::test]
async fn a_line_added_and_a_payment_made_on_the_site_after_import_come_in_as_ops() {
    let clock = woo_site::site("", KEY, SECRET).lock().expect("site").clock;
    let first = order(1, "processing", clock, &[("MUG-BLUE", 1, "12.5")]);
    let (desk, site, conn) = site_of([(1, first)]).await;
    desk.channels
        .sync_now(conn.id, Jobs::ALL, now())
        .await
        .expect("import");
    let changed = {
        let mut o = order(
            1,
            "processing",
            clock + 300,
            &[("MUG-BLUE", 1, "12.5"), ("EL-0003", 2, "1990")],
        );
        o["date_paid_gmt"] = json!(woo_site::gmt(clock + 300));
        o
    };
    let site_total = kopecks(&changed["total"]);
    site.lock().expect("site").orders.insert(1, changed);
    let report = desk
        .channels
        .sync_now(conn.id, Jobs::ALL, now())
        .await
        .expect("exchange");
    assert_eq!(
        report.site_changes, 3,
        "the lines, the note's summary of the new total, and the payment"
    );
    let ours = imported(&desk, &conn).remove("1").expect("order");
    assert_eq!(ours.lines.len(), 2);
    assert_eq!(ours.totals().expect("totals").total, site_total);
    assert_eq!(ours.paid().expect("paid"), site_total);
    let ops = desk.store.order_ops(ours.id).expect("ops");
    let by_site: Vec<_> = ops
        .iter()
        .filter(|op| op.actor_id.starts_with("channel:"))
        .map(|op| op.kind.as_str())
        .collect();
    assert_eq!(
        by_site,
        [
            "create_order",
            "edit_lines",
            "set_comment",
            "record_payment"
        ]
    );
}

/// The customer changes their note on the site after import: it comes in as the channel's
/// op. Once the manager has written the note here, a later change on the site is flagged
/// and neither side's text is lost.
#[tokio::test]
async fn a_note_changed_on_the_site_comes_in_unless_the_manager_wrote_one_here() {
    let clock = woo_site::site("", KEY, SECRET).lock().expect("site").clock;
    let first = order(1, "processing", clock, &[("MUG-BLUE", 1, "12.5")]);
    let (desk, site, conn) = site_of([(1, first)]).await;
    desk.channels
        .sync_now(conn.id, Jobs::ALL, now())
        .await
        .expect("import");
    let noted = |text: &str, at: i64| {
        let mut o = order(1, "processing", at, &[("MUG-BLUE", 1, "12.5")]);
        o["customer_note"] = json!(text);
        o
    };
    site.lock()
        .expect("site")
        .orders
        .insert(1, noted("Позвоните за час до доставки", clock + 300));
    let report = desk
        .channels
        .sync_now(conn.id, Jobs::ALL, now())
        .await
        .expect("exchange");
    assert_eq!(report.site_changes, 1);
    let ours = imported(&desk, &conn).remove("1").expect("order");
    let note = ours.comment.clone().unwrap_or_default();
    assert!(note.starts_with("Позвоните за час до доставки"), "{note}");
    let last = desk
        .store
        .order_ops(ours.id)
        .expect("ops")
        .pop()
        .expect("op");
    assert_eq!(
        (last.kind.as_str(), last.actor_id.starts_with("channel:")),
        ("set_comment", true)
    );

    here(
        &desk,
        domain::Op::SetComment {
            order_id: ours.id,
            comment: Some("Клиент просил не звонить до 10".into()),
        },
        "note here",
    );
    site.lock()
        .expect("site")
        .orders
        .insert(1, noted("Код домофона 45", clock + 600));
    let report = desk
        .channels
        .sync_now(conn.id, Jobs::ALL, now())
        .await
        .expect("exchange");
    assert_eq!(report.site_changes, 0, "nothing overwritten");
    let ours = imported(&desk, &conn).remove("1").expect("order");
    assert_eq!(
        ours.comment.as_deref(),
        Some("Клиент просил не звонить до 10")
    );
    let row = desk.store.channel_orders(conn.id).expect("rows").remove(0);
    assert!(
        row.flags.contains(&"site_changed_conflict:note".to_owned()),
        "{:?}",
        row.flags
    );
}

/// The manager changed the quantity here; then the site changes the lines too. Neither side
/// silently wins: ours stays, and the order is flagged.
#[tokio::test]
async fn a_site_change_that_conflicts_with_the_managers_edit_is_flagged() {
    let clock = woo_site::site("", KEY, SECRET).lock().expect("site").clock;
    let first = order(1, "processing", clock, &[("MUG-BLUE", 1, "12.5")]);
    let (desk, site, conn) = site_of([(1, first)]).await;
    desk.channels
        .sync_now(conn.id, Jobs::ALL, now())
        .await
        .expect("import");
    let ours = imported(&desk, &conn).remove("1").expect("order");
    here(
        &desk,
        domain::Op::EditLines {
            order_id: ours.id,
            edits: vec![domain::LineEdit::SetQuantity {
                line_id: ours.lines[0].id,
                quantity: domain::Quantity(3000),
            }],
        },
        "edit here",
    );
    site.lock().expect("site").orders.insert(
        1,
        order(1, "processing", clock + 300, &[("MUG-BLUE", 5, "12.5")]),
    );
    let report = desk
        .channels
        .sync_now(conn.id, Jobs::ALL, now())
        .await
        .expect("exchange");
    assert_eq!(report.site_changes, 0);
    let after = desk.store.order(ours.id).expect("order");
    assert_eq!(after.lines[0].quantity, domain::Quantity(3000), "ours kept");
    let row = desk.store.channel_orders(conn.id).expect("rows").remove(0);
    assert!(row
        .flags
        .contains(&"site_changed_conflict:lines".to_owned()));
}

/// The shop starts with an empty catalogue and a site full of products: the exchange takes
/// them in (a variable product's variations each under its own SKU, named after the
/// product), so the orders' lines link to them; a product the desk has is left as it is.
#[tokio::test]
async fn the_sites_catalogue_comes_in_and_order_lines_link_to_it() {
    let clock = woo_site::site("", KEY, SECRET).lock().expect("site").clock;
    let first = order(
        1,
        "processing",
        clock,
        &[("CF-250", 1, "150"), ("MUG-BLUE", 1, "12.5")],
    );
    let (desk, site, conn) = site_of([(1, first)]).await;
    {
        let mut s = site.lock().expect("site");
        s.products.insert(10, ("MUG-BLUE".into(), 99));
        s.products.insert(11, ("TEA-01".into(), 7));
        s.products.insert(12, ("CF".into(), 0));
        s.variations.insert(
            12,
            [
                (13, ("CF-250".to_owned(), 4)),
                (14, ("CF-1000".to_owned(), 2)),
            ]
            .into_iter()
            .collect(),
        );
    }
    let mug_before = desk
        .store
        .products_by_sku(vec!["MUG-BLUE".into()])
        .expect("mug");
    let report = desk
        .channels
        .sync_now(conn.id, Jobs::ALL, now())
        .await
        .expect("exchange");
    assert_eq!(report.products_added, 3, "TEA-01, CF-250, CF-1000");
    let added = desk
        .store
        .products_by_sku(vec!["TEA-01".into(), "CF-250".into(), "CF".into()])
        .expect("products");
    let names: BTreeMap<_, _> = added.iter().map(|p| (p.sku.as_str(), p)).collect();
    assert!(
        !names.contains_key("CF"),
        "a variable product is its variations"
    );
    assert_eq!(names["TEA-01"].stock, domain::Quantity(7_000));
    assert_eq!(names["CF-250"].name, "Товар CF — вариант CF-250");
    assert_eq!(names["CF-250"].price, Kopecks(15_000));
    let mug_after = desk
        .store
        .products_by_sku(vec!["MUG-BLUE".into()])
        .expect("mug");
    assert_eq!(
        mug_after, mug_before,
        "ours is not overwritten from the site"
    );
    let ours = imported(&desk, &conn).remove("1").expect("order");
    assert!(
        ours.lines.iter().all(|l| l.product_id.is_some()),
        "{:?}",
        ours.lines
    );
}

/// With the default map the site is master of its cancelled statuses (its cancellation
/// cancels ours); a cancellation made here still reaches the site. One the site made is
/// never pushed back over its own «failed».
#[tokio::test]
async fn a_cancellation_made_here_reaches_the_site_with_the_default_map() {
    let clock = woo_site::site("", KEY, SECRET).lock().expect("site").clock;
    let orders = [
        (1, order(1, "processing", clock, &[("MUG-BLUE", 1, "12.5")])),
        (2, order(2, "processing", clock, &[("MUG-BLUE", 1, "12.5")])),
    ];
    let (desk, site, conn) = site_of(orders).await;
    desk.channels
        .sync_now(conn.id, Jobs::ALL, now())
        .await
        .expect("import");
    let rows = desk.store.channel_orders(conn.id).expect("rows");
    let one = rows
        .iter()
        .find(|r| r.external_id == "1")
        .and_then(|r| r.order_id)
        .expect("order 1");
    here(
        &desk,
        domain::Op::Cancel {
            order_id: one,
            from_stage: "picking".into(),
            reason: Some("Клиент передумал".into()),
        },
        "cancel here",
    );
    {
        let mut s = site.lock().expect("site");
        let o = s.orders.get_mut(&2).expect("order 2");
        o["status"] = json!("failed");
        o["date_modified_gmt"] = json!(woo_site::gmt(clock + 60));
    }
    let report = desk
        .channels
        .sync_now(conn.id, Jobs::ALL, now())
        .await
        .expect("exchange");
    assert_eq!(report.pushed, 1);
    let s = site.lock().expect("site");
    assert_eq!(s.orders[&1]["status"], "cancelled");
    assert_eq!(
        s.orders[&2]["status"], "failed",
        "the site's own cancellation stays"
    );
}
