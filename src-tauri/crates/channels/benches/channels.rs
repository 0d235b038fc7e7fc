//! `cargo bench -p channels --bench channels` (run by `cargo xtask bench channels`):
//! 10,000 orders imported from a WooCommerce-compatible server on loopback into the database,
//! and the stock of 50,000 products pushed to it; 10,000 Ozon postings imported from a
//! spec-following server and stage changes pushed to it (`mp/ozon_bench.rs`). Figures go to
//! `target/bench/channels.json`. `CHANNELS_BENCH=mp` runs the marketplace part alone (its
//! figures are merged into the file).

#[path = "../tests/support/woo_site.rs"]
#[allow(dead_code)]
mod woo_site;

#[path = "../tests/support/ozon.rs"]
#[allow(dead_code)]
mod ozon_site;

#[path = "mp/ozon_bench.rs"]
mod ozon_bench;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use channels::config::{Connection, Kind, Settings, StatusMap};
use channels::{Channels, Credentials, Jobs, MemorySecrets, Secret};
use domain::{Kopecks, Product, Quantity};
use serde_json::json;
use uuid::Uuid;

type Error = Box<dyn std::error::Error>;

const ORDERS: i64 = 10_000;
const PRODUCTS: usize = 50_000;
const KEY: &str = "ck_bench";
const SECRET: &str = "cs_bench";

fn main() -> Result<(), Error> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(run())
}

async fn run() -> Result<(), Error> {
    let now = jiff::Timestamp::from_second(1_795_330_000)?;
    let dir = tempfile::tempdir()?;
    let store = Arc::new(store::Store::open(&dir.path().join("bench.sqlite3"))?);
    let skus: Vec<String> = (0..PRODUCTS).map(|i| format!("SKU-{i:05}")).collect();
    store.seed_once(
        "bench-products",
        store::Seed {
            products: skus
                .iter()
                .map(|sku| Product {
                    id: Uuid::now_v7(),
                    sku: sku.clone(),
                    name: format!("Товар {sku}"),
                    unit: "шт".into(),
                    price: Kopecks(12_345),
                    vat: None,
                    location: "A-01".into(),
                    stock: Quantity(3_000),
                })
                .collect(),
            ..Default::default()
        },
    )?;
    let mut figures = serde_json::Map::new();
    if std::env::var("CHANNELS_BENCH").as_deref() != Ok("mp") {
        if let serde_json::Value::Object(woo) = woo(store.clone(), &skus, now).await? {
            figures.extend(woo);
        }
    }
    if std::env::var("CHANNELS_BENCH").as_deref() != Ok("woo") {
        if let serde_json::Value::Object(mp) = ozon_bench::run(store, &skus, now).await? {
            figures.extend(mp);
        }
    }
    let out = target_dir().join("bench");
    std::fs::create_dir_all(&out)?;
    let path = out.join("channels.json");
    // Figures of a part not run this time are kept.
    let mut all = std::fs::read(&path)
        .ok()
        .and_then(|b| serde_json::from_slice::<serde_json::Map<String, serde_json::Value>>(&b).ok())
        .unwrap_or_default();
    all.extend(figures);
    std::fs::write(&path, serde_json::to_string_pretty(&all)? + "\n")?;
    println!("wrote {}", path.display());
    Ok(())
}

async fn woo(
    store: Arc<store::Store>,
    skus: &[String],
    now: jiff::Timestamp,
) -> Result<serde_json::Value, Error> {
    let site = woo_site::site("", KEY, SECRET);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let router = woo_site::router(site.clone());
    tokio::spawn(async move { axum::serve(listener, router).await });
    {
        let mut s = site.lock().map_err(|_| "site lock")?;
        s.home = format!("http://{addr}");
        for id in 1..=ORDERS {
            let a = &skus[(id as usize * 7) % PRODUCTS];
            let b = &skus[(id as usize * 13) % PRODUCTS];
            let clock = s.clock + id;
            s.orders.insert(
                id,
                woo_site::order(id, "pending", clock, &[(a, 2, "123.45"), (b, 1, "99")]),
            );
        }
        for (i, sku) in skus.iter().enumerate() {
            s.products.insert(1_000 + i as i64, (sku.clone(), 0));
        }
    }
    let channels = Channels::new(store.clone(), Arc::new(MemorySecrets::default()));
    let connection = Connection {
        id: Uuid::now_v7(),
        kind: Kind::WooCommerce,
        name: "Сайт".into(),
        base_url: format!("http://{addr}"),
        settings: Settings::default(),
        status_map: StatusMap::woo_default(),
    };
    channels.add_connection(
        &connection,
        &Credentials {
            key: KEY.into(),
            secret: Secret::new(SECRET),
        },
        now,
    )?;

    // The same pages fetched alone: how much of the import is HTTP and JSON.
    let client = channels::woo::WooClient::new(
        &connection.base_url,
        Credentials {
            key: KEY.into(),
            secret: Secret::new(SECRET),
        },
        &connection.settings,
    )?;
    let started = Instant::now();
    let fetched = client.orders_modified_after(None).await?;
    let fetch_s = started.elapsed().as_secs_f64();
    if fetched.len() != ORDERS as usize {
        return Err(format!("fetched {} of {ORDERS}", fetched.len()).into());
    }
    println!("fetch only: {fetch_s:.2} s");

    let started = Instant::now();
    let report = channels
        .sync_now(
            connection.id,
            Jobs {
                orders: true,
                stock: false,
            },
            now,
        )
        .await?;
    let import_s = started.elapsed().as_secs_f64();
    if report.imported != ORDERS {
        return Err(format!("imported {} of {ORDERS}", report.imported).into());
    }
    let orders_per_s = ORDERS as f64 / import_s;
    println!("woo_import_orders_per_s: {orders_per_s:.0} ({import_s:.2} s for {ORDERS})");

    let started = Instant::now();
    let stock = channels
        .sync_now(
            connection.id,
            Jobs {
                orders: false,
                stock: true,
            },
            now,
        )
        .await?;
    let stock_s = started.elapsed().as_secs_f64();
    if stock.stock_pushed != PRODUCTS as u64 {
        return Err(format!("pushed {} of {PRODUCTS}", stock.stock_pushed).into());
    }
    println!("stock_push_50k_s: {stock_s:.2}");

    Ok(json!({
            "woo_import_orders_per_s": orders_per_s.round(),
            "woo_import_orders": ORDERS,
            "woo_import_s": (import_s * 1000.0).round() / 1000.0,
            "woo_fetch_only_s": (fetch_s * 1000.0).round() / 1000.0,
            "stock_push_50k_s": (stock_s * 1000.0).round() / 1000.0,
            "stock_products": PRODUCTS,
            "what": "WooCommerce-compatible server on loopback (OAuth 1.0a over http, 100 per page, \
                     products/batch of 100); orders through the real client into SQLite as \
                     CreateOrder ops with their effects; stock includes listing the site's products",
    }))
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../target"))
}
