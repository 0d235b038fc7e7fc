//! WooCommerce variable products: each variation has its own SKU and stock. Stock goes out
//! through `products/{parent}/variations/batch`; order lines carry `variation_id` and the
//! variation's SKU.

mod support;

use channels::Jobs;
use serde_json::json;
use support::woo_site::{self, order};
use support::{desk, now, products, serve, woo_connection, KEY, SECRET};

const STOCK: Jobs = Jobs {
    orders: false,
    stock: true,
};

#[tokio::test]
async fn variation_stock_goes_through_the_parents_variations_batch() {
    let desk = desk();
    // Ours: a plain mug, two T-shirt sizes, and a size the site deleted.
    products(&desk.store, &["MUG-1", "TEE-S", "TEE-M", "TEE-XL"]);
    let site = woo_site::site("", KEY, SECRET);
    let addr = serve(woo_site::router(site.clone())).await;
    {
        let mut s = site.lock().expect("site");
        s.home = format!("http://{addr}");
        s.products.insert(10, ("MUG-1".into(), 0));
        // The variable product's own SKU names the family; its variations hold the stock.
        s.products.insert(20, ("TEE".into(), 0));
        s.variations.insert(
            20,
            [(21, ("TEE-S".into(), 0)), (22, ("TEE-M".into(), 0))].into(),
        );
    }
    let conn = woo_connection(&desk, addr);
    let report = desk
        .channels
        .sync_now(conn.id, STOCK, now())
        .await
        .expect("stock push");
    assert_eq!((report.stock_pushed, report.stock_missing), (3, 1));
    {
        let s = site.lock().expect("site");
        assert_eq!(s.batch_sizes, vec![1], "the plain product alone");
        assert_eq!(s.variation_batches, vec![(20, 2)]);
        assert_eq!(s.variations[&20][&21].1, 5);
        assert_eq!(s.variations[&20][&22].1, 5);
        assert_eq!(s.products[&10].1, 5);
        assert_eq!(s.products[&20].1, 0, "the parent's stock is not touched");
    }

    // A changed size goes out alone; a variation deleted on the site is remembered.
    desk.store
        .set_stock(
            vec![
                ("TEE-S".into(), domain::Quantity(2_000)),
                ("TEE-M".into(), domain::Quantity(9_000)),
            ],
            now(),
        )
        .expect("set stock");
    site.lock()
        .expect("site")
        .variations
        .get_mut(&20)
        .expect("parent")
        .remove(&22);
    let report = desk
        .channels
        .sync_now(conn.id, STOCK, now())
        .await
        .expect("push");
    assert_eq!((report.stock_pushed, report.stock_missing), (1, 1));
    assert_eq!(site.lock().expect("site").variations[&20][&21].1, 2);
    let quiet = desk
        .channels
        .sync_now(conn.id, STOCK, now())
        .await
        .expect("again");
    assert_eq!((quiet.stock_pushed, quiet.stock_missing), (0, 0));
    assert_eq!(
        site.lock().expect("site").variation_batches,
        vec![(20, 2), (20, 2)],
        "nothing sent the third time"
    );
}

#[tokio::test]
async fn order_lines_of_variations_match_the_variations_sku() {
    let desk = desk();
    products(&desk.store, &["TEE", "TEE-M"]);
    let site = woo_site::site("", KEY, SECRET);
    let addr = serve(woo_site::router(site.clone())).await;
    {
        let mut s = site.lock().expect("site");
        s.home = format!("http://{addr}");
        let c = s.clock;
        let mut o = order(7, "pending", c, &[("TEE-M", 1, "990"), ("", 1, "500")]);
        // As WooCommerce sends them: the parent's product_id, the variation's id and SKU.
        o["line_items"][0]["product_id"] = json!(20);
        o["line_items"][0]["variation_id"] = json!(22);
        o["line_items"][0]["name"] = json!("Футболка - M");
        // A variation without a SKU of its own cannot be matched: kept and flagged.
        o["line_items"][1]["product_id"] = json!(20);
        o["line_items"][1]["variation_id"] = json!(23);
        s.orders.insert(7, o);
    }
    let conn = woo_connection(&desk, addr);
    let report = desk
        .channels
        .sync_now(
            conn.id,
            Jobs {
                orders: true,
                stock: false,
            },
            now(),
        )
        .await
        .expect("sync");
    assert_eq!(report.imported, 1);
    let row = desk.store.channel_orders(conn.id).expect("rows").remove(0);
    assert_eq!(row.flags, vec!["no_sku:20-23".to_owned()]);
    let imported = desk
        .store
        .order(row.order_id.expect("created"))
        .expect("order");
    let tee_m = desk
        .store
        .products()
        .expect("products")
        .into_iter()
        .find(|p| p.sku == "TEE-M")
        .expect("TEE-M");
    assert_eq!(imported.lines[0].product_id, Some(tee_m.id));
    assert_eq!(imported.lines[0].sku, "TEE-M");
    assert_eq!(imported.lines[0].price, domain::Kopecks(99_000));
    assert_eq!(imported.lines[1].product_id, None);
    assert_eq!(imported.lines[1].sku, "woo-20-23");
}
