//! The site's delivery methods: listed from the site and from its orders' shipping lines,
//! each mapped by the admin to one of the shop's; a mapping change applies to the orders
//! imported after it, never to one already in.

mod support;

use channels::woo::WooClient;
use channels::{Credentials, Jobs, Secret};
use domain::DeliveryMethod;
use support::woo_site::{self, order};
use support::{desk, now, products, serve, woo_connection, KEY, SECRET};

/// An order whose shipping line is `method_id` (instance `instance`) titled `title`.
fn shipped(id: i64, clock: i64, method_id: &str, instance: &str, title: &str) -> serde_json::Value {
    let o = order(id, "processing", clock, &[("MUG-BLUE", 1, "12.5")]);
    woo_site::shipped_by(o, method_id, instance, title, &[])
}

fn delivery_of(desk: &support::Desk, conn: uuid::Uuid, external: &str) -> DeliveryMethod {
    let row = desk
        .store
        .channel_orders(conn)
        .expect("channel orders")
        .into_iter()
        .find(|r| r.external_id == external)
        .expect("imported");
    desk.store
        .order(row.order_id.expect("made"))
        .expect("order")
        .delivery
}

#[tokio::test]
async fn the_sites_methods_are_listed_as_woocommerce_lists_them() {
    let site = woo_site::site("", KEY, SECRET);
    let addr = serve(woo_site::router(site.clone())).await;
    {
        let mut s = site.lock().expect("site");
        s.home = format!("http://{addr}");
        s.shipping_methods.push((
            "official_cdek".into(),
            "CDEK Shipping".into(),
            "Official CDEK plugin".into(),
        ));
    }
    let settings = channels::config::Settings {
        retry: support::fast_retry(),
        ..Default::default()
    };
    let credentials = Credentials {
        key: KEY.into(),
        secret: Secret::new(SECRET),
    };
    let client = WooClient::new(&format!("http://{addr}"), credentials, &settings).expect("client");
    let methods = client.shipping_methods().await.expect("methods");
    let ids: Vec<(&str, &str)> = methods
        .iter()
        .map(|m| (m.id.as_str(), m.title.as_str()))
        .collect();
    assert_eq!(
        ids,
        vec![
            ("flat_rate", "Flat rate"),
            ("free_shipping", "Free shipping"),
            ("local_pickup", "Local pickup"),
            ("pickup_location", "Local pickup"),
            ("official_cdek", "CDEK Shipping"),
        ]
    );
    assert_eq!(
        site.lock()
            .expect("site")
            .requests
            .last()
            .map(String::as_str),
        Some("GET /wp-json/wc/v3/shipping_methods")
    );
}

#[tokio::test]
async fn a_mapping_applies_to_the_next_orders_and_leaves_imported_ones_alone() {
    let desk = desk();
    products(&desk.store, &["MUG-BLUE"]);
    let site = woo_site::site("", KEY, SECRET);
    let addr = serve(woo_site::router(site.clone())).await;
    let clock = {
        let mut s = site.lock().expect("site");
        s.home = format!("http://{addr}");
        let c = s.clock;
        s.orders.insert(
            1,
            shipped(1, c + 1, "official_cdek", "", "СДЭК — до пункта выдачи"),
        );
        s.orders
            .insert(2, shipped(2, c + 2, "flat_rate", "5", "Курьер за МКАД"));
        s.orders
            .insert(3, shipped(3, c + 3, "boxberry", "", "Boxberry"));
        c
    };
    let mut conn = woo_connection(&desk, addr);
    desk.channels
        .sync_now(conn.id, Jobs::ALL, now())
        .await
        .expect("first sync");
    // Nothing maps the plugin's id yet: the default; an instance goes by its method's map.
    assert_eq!(delivery_of(&desk, conn.id, "1"), DeliveryMethod::Courier);
    assert_eq!(delivery_of(&desk, conn.id, "2"), DeliveryMethod::Courier);
    assert_eq!(delivery_of(&desk, conn.id, "3"), DeliveryMethod::Courier);
    let seen: Vec<(String, String, String)> = desk
        .store
        .shipping_seen(conn.id)
        .expect("seen")
        .into_iter()
        .map(|s| (s.method_key, s.title, s.last_order))
        .collect();
    assert_eq!(
        seen,
        vec![
            ("boxberry".into(), "Boxberry".into(), "3".into()),
            ("flat_rate:5".into(), "Курьер за МКАД".into(), "2".into()),
            (
                "official_cdek".into(),
                "СДЭК — до пункта выдачи".into(),
                "1".into()
            ),
        ]
    );

    // The admin maps the plugin's method to the post and this one flat rate to pickup.
    conn.settings
        .delivery
        .insert("official_cdek".into(), DeliveryMethod::Post);
    conn.settings
        .delivery
        .insert("flat_rate:5".into(), DeliveryMethod::Pickup);
    desk.channels
        .save_connection(&conn, now())
        .expect("save map");
    {
        let mut s = site.lock().expect("site");
        s.orders.insert(
            4,
            shipped(
                4,
                clock + 10,
                "official_cdek",
                "",
                "СДЭК — до пункта выдачи",
            ),
        );
        s.orders.insert(
            5,
            shipped(5, clock + 11, "flat_rate", "5", "Курьер за МКАД"),
        );
        s.orders
            .insert(6, shipped(6, clock + 12, "flat_rate", "1", "Курьер"));
    }
    desk.channels
        .sync_now(
            conn.id,
            Jobs::ALL,
            now() + jiff::SignedDuration::from_mins(10),
        )
        .await
        .expect("second sync");
    assert_eq!(delivery_of(&desk, conn.id, "4"), DeliveryMethod::Post);
    assert_eq!(delivery_of(&desk, conn.id, "5"), DeliveryMethod::Pickup);
    assert_eq!(delivery_of(&desk, conn.id, "6"), DeliveryMethod::Courier);
    // Orders already in keep what they came with.
    assert_eq!(delivery_of(&desk, conn.id, "1"), DeliveryMethod::Courier);
    assert_eq!(delivery_of(&desk, conn.id, "2"), DeliveryMethod::Courier);
}
