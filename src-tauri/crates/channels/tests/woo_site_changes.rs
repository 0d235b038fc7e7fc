//! The site changes an order after we took it in (issue 13): a new address or shipping
//! charge and a refund made in WooCommerce come in as the channel's ops — the charge stays
//! the site's, never repriced by our tariff; a delivery the manager changed here is kept
//! and the order flagged; a refund comes once however often the order is read.

mod support;

use channels::Jobs;
use domain::{DeliveryChange, DeliveryMethod, Kopecks, Op, Order};
use serde_json::{json, Value};
use support::woo_site::{self, order};
use support::{desk, now, products, serve, woo_connection, KEY, SECRET};

async fn site_of(
    orders: impl IntoIterator<Item = (i64, Value)>,
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
        s.orders.extend(orders);
    }
    let conn = woo_connection(&desk, addr);
    (desk, site, conn)
}

fn the_order(desk: &support::Desk, conn: &channels::config::Connection) -> Order {
    let row = desk.store.channel_orders(conn.id).expect("rows").remove(0);
    desk.store
        .order(row.order_id.expect("made"))
        .expect("order")
}

fn flags(desk: &support::Desk, conn: &channels::config::Connection) -> Vec<String> {
    desk.store
        .channel_orders(conn.id)
        .expect("rows")
        .remove(0)
        .flags
}

/// The last op on the order: (kind, made by the channel).
fn last_op(desk: &support::Desk, order: &Order) -> (String, bool) {
    let op = desk
        .store
        .order_ops(order.id)
        .expect("ops")
        .pop()
        .expect("an op");
    (op.kind, op.actor_id.starts_with("channel:"))
}

/// Order 1 as the site has it, delivered to `street` for `shipping` rubles.
fn shipped(clock: i64, street: &str, shipping: &str) -> Value {
    let mut o = order(1, "processing", clock, &[("MUG-BLUE", 1, "12.5")]);
    o["shipping"]["address_1"] = json!(street);
    o["shipping_total"] = json!(shipping);
    o["shipping_lines"][0]["total"] = json!(shipping);
    let total = 1250 + shipping.replace('.', "").parse::<i64>().expect("shipping");
    o["total"] = json!(format!("{}.{:02}", total / 100, total % 100));
    o
}

async fn exchange(desk: &support::Desk, conn: &channels::config::Connection) -> i64 {
    desk.channels
        .sync_now(conn.id, Jobs::ALL, now())
        .await
        .expect("exchange")
        .site_changes
}

#[tokio::test]
async fn a_new_address_and_shipping_charge_on_the_site_come_in_at_the_sites_price() {
    let clock = woo_site::site("", KEY, SECRET).lock().expect("site").clock;
    let first = shipped(clock, "ул. Ленина, 1", "350.00");
    let (desk, site, conn) = site_of([(1, first)]).await;
    exchange(&desk, &conn).await;
    let before = the_order(&desk, &conn);
    assert_eq!(before.delivery_cost, Kopecks::rubles(350));

    site.lock()
        .expect("site")
        .orders
        .insert(1, shipped(clock + 300, "ул. Гагарина, 5", "499.90"));
    // The delivery, and the site's summary in the note (it quotes the new total).
    assert_eq!(exchange(&desk, &conn).await, 2);
    let after = the_order(&desk, &conn);
    assert!(after.address.contains("Гагарина, 5"), "{}", after.address);
    assert_eq!(
        after.delivery_cost,
        Kopecks(49_990),
        "the site's charge, not our tariff"
    );
    assert_eq!(
        after.totals().expect("totals").total,
        Kopecks(1250 + 49_990)
    );
    assert_eq!(
        after.version,
        before.version + 1,
        "a version the customer sees"
    );
    let by_channel: Vec<String> = desk
        .store
        .order_ops(after.id)
        .expect("ops")
        .into_iter()
        .filter(|op| op.actor_id.starts_with("channel:"))
        .map(|op| op.kind)
        .collect();
    assert!(
        by_channel.contains(&"follow_channel_delivery".to_owned()),
        "{by_channel:?}"
    );
    assert!(
        !flags(&desk, &conn)
            .iter()
            .any(|f| f.starts_with("site_changed")),
        "applied, not flagged: {:?}",
        flags(&desk, &conn)
    );

    // Read again unchanged: nothing more.
    site.lock()
        .expect("site")
        .orders
        .insert(1, shipped(clock + 600, "ул. Гагарина, 5", "499.90"));
    assert_eq!(exchange(&desk, &conn).await, 0);
    assert_eq!(the_order(&desk, &conn).version, after.version);
}

#[tokio::test]
async fn a_delivery_changed_here_is_kept_when_the_site_changes_its_address() {
    let clock = woo_site::site("", KEY, SECRET).lock().expect("site").clock;
    let first = shipped(clock, "ул. Ленина, 1", "350.00");
    let (desk, site, conn) = site_of([(1, first)]).await;
    exchange(&desk, &conn).await;
    let ours = the_order(&desk, &conn);
    desk.store
        .record(store::NewOp {
            id: uuid::Uuid::now_v7(),
            actor: domain::Actor {
                id: "admin".into(),
                name: "Администратор".into(),
                role: domain::Role::Admin,
            },
            at: now(),
            op: Op::ChangeDelivery {
                order_id: ours.id,
                change: DeliveryChange {
                    method: DeliveryMethod::Pickup,
                    zone: None,
                    address: "Самовывоз со склада".into(),
                    window: None,
                },
            },
        })
        .expect("the manager changes the delivery");
    site.lock()
        .expect("site")
        .orders
        .insert(1, shipped(clock + 300, "ул. Гагарина, 5", "350.00"));
    assert_eq!(exchange(&desk, &conn).await, 0, "nothing overwritten");
    let after = the_order(&desk, &conn);
    assert_eq!(after.address, "Самовывоз со склада");
    assert!(
        flags(&desk, &conn).contains(&"site_changed:address".to_owned()),
        "{:?}",
        flags(&desk, &conn)
    );
}

#[tokio::test]
async fn a_refund_made_on_the_site_comes_in_once_as_money_given_back() {
    let clock = woo_site::site("", KEY, SECRET).lock().expect("site").clock;
    let paid = |modified: i64, refunds: Value| {
        let mut o = shipped(modified, "ул. Ленина, 1", "350.00");
        o["date_paid_gmt"] = json!("2026-11-20T10:00:00");
        o["date_paid"] = json!("2026-11-20T13:00:00");
        o["payment_method"] = json!("yookassa");
        o["payment_method_title"] = json!("Картой онлайн");
        o["refunds"] = refunds;
        o
    };
    let (desk, site, conn) = site_of([(1, paid(clock, json!([])))]).await;
    exchange(&desk, &conn).await;
    let before = the_order(&desk, &conn);
    assert_eq!(before.paid().expect("paid"), Kopecks(36_250));

    let refund = json!([{"id": 77, "reason": "Брак ручки", "total": "-100.00"}]);
    site.lock()
        .expect("site")
        .orders
        .insert(1, paid(clock + 300, refund.clone()));
    assert_eq!(exchange(&desk, &conn).await, 1);
    let after = the_order(&desk, &conn);
    assert_eq!(after.paid().expect("paid"), Kopecks(26_250));
    assert_eq!(last_op(&desk, &after), ("refund_payment".to_owned(), true));
    let entry = after.payments.last().expect("the refund entry");
    assert_eq!(entry.amount, Kopecks(-10_000));
    assert_eq!(entry.note.as_deref(), Some("Возврат на сайте: Брак ручки"));
    assert!(!flags(&desk, &conn)
        .iter()
        .any(|f| f.starts_with("site_refund")));

    // The same refund read again (the order touched for another reason): not taken twice.
    site.lock()
        .expect("site")
        .orders
        .insert(1, paid(clock + 600, refund));
    exchange(&desk, &conn).await;
    assert_eq!(
        the_order(&desk, &conn).paid().expect("paid"),
        Kopecks(26_250)
    );
}
