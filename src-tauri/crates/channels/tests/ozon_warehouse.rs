//! Issue 20, point 4 (Ozon): stock push was off for every user — `warehouse_id` stayed 0 and
//! nothing could set it — and the stock call sent `quant_size` (switched off in June 2025) and
//! both `offer_id` and `product_id` (the method says one). The warehouse is now chosen from
//! the ones Ozon lists, before saving too.

mod support;

use channels::config::{Connection, Kind, RetryPolicy, Settings, StatusMap};
use channels::ozon::OzonSettings;
use channels::{Credentials, Jobs, Secret};
use support::mp_extra;
use support::{desk, now, ozon, products, serve};
use uuid::Uuid;

const STOCK: Jobs = Jobs {
    orders: false,
    stock: true,
};

fn credentials() -> Credentials {
    Credentials {
        key: ozon::CLIENT_ID.into(),
        secret: Secret::new(ozon::API_KEY),
    }
}

#[tokio::test]
async fn ozon_warehouse_is_chosen_from_the_list_and_stock_goes_there_as_the_spec_says() {
    let desk = desk();
    products(&desk.store, &["MUG-BLUE", "STK-01"]);
    let x = mp_extra::Shared::default();
    {
        let mut m = x.lock().expect("extra");
        m.warehouses = vec![
            (22_142_605_386_000, "Склад на Ленина".into()),
            (22_142_605_387_000, "Склад в Химках".into()),
        ];
        m.products.insert("MUG-BLUE".into(), 300_000_001);
        m.products.insert("STK-01".into(), 300_000_002);
    }
    let addr = serve(ozon::router(ozon::ozon()).merge(mp_extra::ozon(x.clone()))).await;
    let base = format!("http://{addr}");

    // The add form lists them before anything is saved.
    let listed = channels::ozon::warehouses::warehouses(&base, credentials())
        .await
        .expect("warehouses");
    let names: Vec<&str> = listed.iter().map(|w| w.name.as_str()).collect();
    assert_eq!(names, ["Склад на Ленина", "Склад в Химках"]);

    let chosen = listed[1].warehouse_id;
    let connection = Connection {
        id: Uuid::now_v7(),
        kind: Kind::Ozon,
        name: "Ozon".into(),
        base_url: base,
        settings: Settings {
            retry: RetryPolicy {
                attempts: 2,
                first_delay_ms: 5,
                max_delay_ms: 20,
                timeout_ms: 1_000,
            },
            ozon: Some(OzonSettings {
                warehouse_id: chosen,
                ..OzonSettings::default()
            }),
            ..Settings::default()
        },
        status_map: StatusMap::ozon_default(),
    };
    desk.channels
        .add_connection(&connection, &credentials(), now())
        .expect("add");
    // A saved connection lists them with its stored keys.
    let again = desk
        .channels
        .ozon_warehouses(connection.id)
        .await
        .expect("warehouses");
    assert_eq!(again, listed);

    let report = desk
        .channels
        .sync_now(connection.id, STOCK, now())
        .await
        .expect("stock");
    assert_eq!(report.stock_pushed, 2);
    let m = x.lock().expect("extra");
    let (_, body) = m
        .log
        .iter()
        .find(|(p, _)| p == "ozon stocks")
        .expect("stock sent");
    for pair in body["stocks"].as_array().expect("stocks") {
        assert_eq!(pair["warehouse_id"], chosen);
        assert!(pair.get("quant_size").is_none(), "{pair}");
        assert!(pair.get("offer_id").is_none(), "only product_id: {pair}");
        assert!(pair["product_id"].is_i64(), "{pair}");
    }
    assert_eq!(m.stock[&("ozon".to_owned(), "MUG-BLUE".to_owned())], 5);
}

#[tokio::test]
async fn ozon_warehouse_list_with_wrong_keys_is_refused() {
    let x = mp_extra::Shared::default();
    let addr = serve(mp_extra::ozon(x)).await;
    let wrong = Credentials {
        key: ozon::CLIENT_ID.into(),
        secret: Secret::new("not-the-key"),
    };
    let err = channels::ozon::warehouses::warehouses(&format!("http://{addr}"), wrong)
        .await
        .expect_err("refused");
    assert!(
        matches!(err, channels::ChannelError::Unauthorized { .. }),
        "{err:?}"
    );
}
