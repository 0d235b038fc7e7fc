//! `cargo bench -p channels --bench channels` (run by `cargo xtask bench channels`):
//! 10,000 orders imported from a WooCommerce-compatible server on loopback into the database,
//! and the stock of 50,000 products pushed to it; 10,000 Ozon postings imported from a
//! spec-following server and stage changes pushed to it (`mp/ozon_bench.rs`). Figures go to
//! `target/bench/channels.json`. `CHANNELS_BENCH=mp` runs the marketplace part alone (its
//! figures are merged into the file). The Woo import stands beside a bare fetch of the same
//! pages plus bare inserts of them (`raw_import_orders_per_s`, `woo_vs_raw_import`), run for
//! run.

use testkit::sites::woo_site;

use testkit::sites::ozon as ozon_site;

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
/// Imports measured, each into a new database beside its bare baseline.
const WOO_RUNS: usize = 3;

fn main() -> Result<(), Error> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(run())
}

async fn run() -> Result<(), Error> {
    let machine = benchkit::Machine::start();
    let now = jiff::Timestamp::from_second(1_795_330_000)?;
    let dir = tempfile::tempdir()?;
    let skus: Vec<String> = (0..PRODUCTS).map(|i| format!("SKU-{i:05}")).collect();
    let mut figures = serde_json::Map::new();
    let mut store = None;
    if std::env::var("CHANNELS_BENCH").as_deref() != Ok("mp") {
        let (woo, last) = woo(dir.path(), &skus, now).await?;
        if let serde_json::Value::Object(woo) = woo {
            figures.extend(woo);
        }
        store = Some(last);
    }
    if std::env::var("CHANNELS_BENCH").as_deref() != Ok("woo") {
        let store = match store {
            Some(store) => store,
            None => shop(&dir.path().join("mp.sqlite3"), &skus)?,
        };
        if let serde_json::Value::Object(mp) = ozon_bench::run(store, &skus, now).await? {
            figures.extend(mp);
        }
    }
    figures.insert("machine".into(), machine.finish());
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

/// A new database holding the 50,000 products the orders and the stock refer to.
fn shop(path: &Path, skus: &[String]) -> Result<Arc<store::Store>, Error> {
    let store = Arc::new(store::Store::open(path)?);
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
                    barcode: String::new(),
                    weight_g: None,
                    archived: false,
                })
                .collect(),
            ..Default::default()
        },
    )?;
    Ok(store)
}

/// `WOO_RUNS` imports of the site's 10,000 orders, each into a new database, each beside the
/// bare fetch of the same pages and bare inserts of them (alternating which goes first);
/// then the stock push from the last run's database, which the marketplace part goes on
/// with.
async fn woo(
    dir: &Path,
    skus: &[String],
    now: jiff::Timestamp,
) -> Result<(serde_json::Value, Arc<store::Store>), Error> {
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
    let base_url = format!("http://{addr}");
    let credentials = || Credentials {
        key: KEY.into(),
        secret: Secret::new(SECRET),
    };

    // The same pages fetched alone through the connector's client: how much of the import
    // is HTTP and JSON.
    let client = channels::woo::WooClient::new(&base_url, credentials(), &Settings::default())?;
    let started = Instant::now();
    let fetched = client.orders_modified_after(None).await?;
    let fetch_s = started.elapsed().as_secs_f64();
    if fetched.len() != ORDERS as usize {
        return Err(format!("fetched {} of {ORDERS}", fetched.len()).into());
    }
    println!("fetch only (the connector's client): {fetch_s:.2} s");

    let http = reqwest::Client::new();
    let mut import_rates = Vec::with_capacity(WOO_RUNS);
    let mut raw_rates = Vec::with_capacity(WOO_RUNS);
    let mut raw_fetch = Vec::with_capacity(WOO_RUNS);
    let mut raw_insert = Vec::with_capacity(WOO_RUNS);
    let mut last = None;
    for run in 0..WOO_RUNS {
        let store = shop(&dir.join(format!("woo-{run}.sqlite3")), skus)?;
        let channels = Channels::new(store.clone(), Arc::new(MemorySecrets::default()));
        let connection = Connection {
            id: Uuid::now_v7(),
            kind: Kind::WooCommerce,
            name: "Сайт".into(),
            base_url: base_url.clone(),
            settings: Settings::default(),
            status_map: StatusMap::woo_default(),
        };
        channels.add_connection(&connection, &credentials(), now)?;
        let import = || async {
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
                return Err::<f64, Error>(
                    format!("imported {} of {ORDERS}", report.imported).into(),
                );
            }
            Ok(import_s)
        };
        let raw_path = dir.join(format!("raw-{run}.sqlite3"));
        let (import_s, (f, i)) = if run % 2 == 0 {
            let import_s = import().await?;
            (import_s, raw_import(&http, &base_url, &raw_path).await?)
        } else {
            let raw = raw_import(&http, &base_url, &raw_path).await?;
            (import().await?, raw)
        };
        let rate = ORDERS as f64 / import_s;
        let raw_rate = ORDERS as f64 / (f + i);
        println!(
            "run {}: woo import {rate:.0} orders/s ({import_s:.2} s); bare fetch {f:.2} s + \
             bare inserts {i:.2} s = {raw_rate:.0} orders/s; ratio {:.2}",
            run + 1,
            rate / raw_rate
        );
        import_rates.push(rate);
        raw_rates.push(raw_rate);
        raw_fetch.push(f);
        raw_insert.push(i);
        // The bare file is done with; the desk's is kept for the stock push only after the
        // last run. Each run's files go when it ends, so the next run does not share the disk
        // with the writeback of the earlier runs' pages (runs had slowed one after another,
        // the bare inserts too: 0.25 → 0.50 s).
        remove_db(&raw_path);
        if run + 1 < WOO_RUNS {
            drop((channels, store));
            remove_db(&dir.join(format!("woo-{run}.sqlite3")));
        } else {
            last = Some((store, channels, connection));
        }
    }
    let (store, channels, connection) = last.ok_or("no run")?;

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

    let mut out = json!({
        "woo_import_orders": ORDERS,
        "woo_runs": WOO_RUNS,
        "woo_fetch_only_s": (fetch_s * 1000.0).round() / 1000.0,
        "stock_push_50k_s": (stock_s * 1000.0).round() / 1000.0,
        "stock_products": PRODUCTS,
        "runs_note": "woo_import_orders_per_s, raw_import_orders_per_s, woo_vs_raw_import, raw_fetch_s, raw_insert_s: median and spread over woo_runs; woo_fetch_only_s, stock_push_50k_s and the mp_ figures are one run each",
        "woo_steady_state": "each run imports into a new database (products seeded, nothing imported yet) from the same loopback site, which holds the orders in memory; the bare baseline of the run fetches the same pages and inserts them into a new SQLite file; the two alternate which goes first; a run's files are deleted when it ends (the last run's desk is kept for the stock push); no uncounted warm-up: a desk's first import is the case measured",
        "what": "WooCommerce-compatible server on loopback (OAuth 1.0a over http, 100 per page, \
                 products/batch of 100); orders through the real client into SQLite as \
                 CreateOrder ops with their effects; stock includes listing the site's products",
        "what_raw_import": "baseline: the same 100 pages fetched with a bare reqwest client (signed with the connector's OAuth function, parsed to serde_json::Value), then inserted bare with rusqlite into a new file (WAL, synchronous=NORMAL, one transaction as the import): per order one row (number, status, its JSON) and one row per line; raw_import_orders_per_s = orders / (raw_fetch_s + raw_insert_s)",
        "what_woo_vs_raw_import": "woo_import_orders_per_s / raw_import_orders_per_s of the same run; median over the runs",
    });
    if let Some(map) = out.as_object_mut() {
        benchkit::figure(map, "woo_import_orders_per_s", &import_rates, 0);
        benchkit::figure(map, "raw_import_orders_per_s", &raw_rates, 0);
        benchkit::ratio(map, "woo_vs_raw_import", &import_rates, &raw_rates);
        benchkit::figure(map, "raw_fetch_s", &raw_fetch, 3);
        benchkit::figure(map, "raw_insert_s", &raw_insert, 3);
        let import_s: Vec<f64> = import_rates.iter().map(|r| ORDERS as f64 / r).collect();
        map.insert(
            "woo_import_s".into(),
            json!(benchkit::round(benchkit::median(&import_s), 3)),
        );
    }
    Ok((out, store))
}

/// The baseline: every orders page fetched bare, then every order inserted bare; the
/// seconds of each.
async fn raw_import(
    http: &reqwest::Client,
    base_url: &str,
    path: &Path,
) -> Result<(f64, f64), Error> {
    use channels::woo::oauth;
    let started = Instant::now();
    let mut orders: Vec<serde_json::Value> = Vec::with_capacity(ORDERS as usize);
    for page in 1.. {
        let url = url::Url::parse(&format!(
            "{base_url}/wp-json/wc/v3/orders?per_page=100&orderby=id&order=asc&page={page}"
        ))?;
        let signed = oauth::sign(
            "GET",
            &url,
            KEY,
            SECRET,
            oauth::SignatureMethod::HmacSha256,
            jiff::Timestamp::now().as_second(),
            &oauth::nonce(),
        );
        let body = http
            .get(signed)
            .send()
            .await?
            .error_for_status()?
            .bytes()
            .await?;
        let items: Vec<serde_json::Value> = serde_json::from_slice(&body)?;
        if items.is_empty() {
            break;
        }
        let full = items.len() == 100;
        orders.extend(items);
        if !full {
            break;
        }
    }
    let fetch_s = started.elapsed().as_secs_f64();
    if orders.len() != ORDERS as usize {
        return Err(format!("bare fetch got {} of {ORDERS}", orders.len()).into());
    }

    let started = Instant::now();
    let mut conn = rusqlite::Connection::open(path)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.execute_batch(
        "CREATE TABLE raw_orders (id INTEGER PRIMARY KEY, number TEXT, status TEXT, body TEXT NOT NULL);
         CREATE TABLE raw_lines (order_id INTEGER NOT NULL, sku TEXT, quantity INTEGER, price TEXT);",
    )?;
    let tx = conn.transaction()?;
    {
        let mut order = tx.prepare("INSERT INTO raw_orders VALUES (?1, ?2, ?3, ?4)")?;
        let mut line = tx.prepare("INSERT INTO raw_lines VALUES (?1, ?2, ?3, ?4)")?;
        for o in &orders {
            let id = o["id"].as_i64().ok_or("order id")?;
            order.execute(rusqlite::params![
                id,
                o["number"].as_str(),
                o["status"].as_str(),
                o.to_string()
            ])?;
            for l in o["line_items"].as_array().into_iter().flatten() {
                line.execute(rusqlite::params![
                    id,
                    l["sku"].as_str(),
                    l["quantity"].as_i64(),
                    l["price"].to_string()
                ])?;
            }
        }
    }
    tx.commit()?;
    drop(conn);
    Ok((fetch_s, started.elapsed().as_secs_f64()))
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../target"))
}

/// A SQLite file and its WAL and shared-memory files, gone.
fn remove_db(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(std::path::PathBuf::from(name));
    }
}
