//! The site connector against a real WooCommerce store, as users run it, compared order by
//! order with what the store itself says. Not a test (CI has no store): a check to run by
//! hand against one.
//!
//! ```text
//! cargo run -p channels --example woo_live -- http://127.0.0.1:8088 ck_… cs_…
//! ```
//!
//! It imports the store's catalogue and every order into a new database in a temp dir (the
//! connector's own sync: catalogue, id walk, reconciliation, status pushes), reads each order
//! again straight from the store, and checks that every one came in once, with the store's
//! total, shipping charge, paid sum (refunds out), creation date, the stage its status maps to
//! (or the flag saying why not) and «draft» only when not confirmed there. It changes nothing
//! on the store (no status is pushed: nothing was moved here). Exits 1 when any order differs,
//! printing each difference.
//!
//! With `--push` after the key and secret it then writes to the store, as a shop would: a
//! manager closes one processing order here, while on the store someone cancels another that
//! a manager here closes too before the next exchange. After one exchange the first must be
//! `completed` on the store, and the second still `cancelled` there — our push never
//! overwrites a newer state — and flagged here with both statuses (a closed order cannot be
//! cancelled after it, so the manager must see it).

use std::sync::Arc;

use channels::config::{Connection, Kind, Settings, StatusMap};
use channels::woo::client::WooClient;
use channels::{money, Channels, Credentials, Jobs, MemorySecrets, Secret};
use domain::Kopecks;
use jiff::Timestamp;
use uuid::Uuid;

type Error = Box<dyn std::error::Error>;

/// Statuses the customer reaches only after checking out: confirmed there, no draft here.
const CONFIRMED: &[&str] = &["processing", "on-hold", "completed", "refunded"];

/// How the check runs.
#[derive(Default)]
struct Options {
    /// Then write to the store (see the module's text).
    push: bool,
    /// Keep the desk's database here across runs (a new one in a temp dir otherwise): change
    /// the store between two runs and the second shows what the connector made of it.
    db: Option<std::path::PathBuf>,
    /// Remove the kept connection and add the site again before the exchange.
    readd: bool,
}

const USAGE: &str =
    "usage: woo_live URL CONSUMER_KEY CONSUMER_SECRET [--push] [--db DIR] [--readd]";

fn main() -> Result<(), Error> {
    let mut args = std::env::args().skip(1);
    let (Some(url), Some(key), Some(secret)) = (args.next(), args.next(), args.next()) else {
        return Err(USAGE.into());
    };
    let mut options = Options::default();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--push" => options.push = true,
            "--readd" => options.readd = true,
            "--db" => options.db = Some(args.next().ok_or(USAGE)?.into()),
            _ => return Err(USAGE.into()),
        }
    }
    tokio::runtime::Runtime::new()?.block_on(run(&url, &key, &secret, options))
}

async fn run(url: &str, key: &str, secret: &str, options: Options) -> Result<(), Error> {
    let push = options.push;
    let temp = tempfile::tempdir()?;
    let dir = options.db.clone().unwrap_or_else(|| temp.path().to_owned());
    std::fs::create_dir_all(&dir)?;
    let store = Arc::new(store::Store::open(&dir.join("shop.sqlite3"))?);
    let channels = Channels::new(store.clone(), Arc::new(MemorySecrets::default()));
    let credentials = || Credentials {
        key: key.to_owned(),
        secret: Secret::new(secret),
    };
    let kept = channels
        .connections()?
        .into_iter()
        .find(|c| c.kind == Kind::WooCommerce);
    let now = Timestamp::now();
    let connection = match kept {
        Some(kept) if !options.readd => {
            channels.set_credentials(kept.id, &credentials())?;
            kept
        }
        kept => {
            if let Some(kept) = kept {
                channels.remove_connection(kept.id)?;
                println!("removed the kept connection; the site is added again");
            }
            let connection = Connection {
                id: Uuid::now_v7(),
                kind: Kind::WooCommerce,
                name: "Сайт".into(),
                base_url: url.to_owned(),
                settings: Settings::default(),
                status_map: StatusMap::woo_default(),
            };
            channels.add_connection(&connection, &credentials(), now)?;
            connection
        }
    };
    let client = WooClient::new(url, credentials(), &connection.settings)?;
    let stock_before = site_stock(&client).await?;
    let report = channels.sync_now(connection.id, Jobs::ALL, now).await?;
    println!("sync: {report:?}");
    // A second exchange must bring nothing new and change nothing.
    let again = channels
        .sync_now(connection.id, Jobs::ALL, Timestamp::now())
        .await?;
    println!(
        "again: imported {}, updated {}",
        again.imported, again.updated
    );

    let ids: Vec<i64> = client
        .order_stamps(None, None)
        .await?
        .iter()
        .map(|s| s.id)
        .collect();
    let site = client.orders_by_ids(&ids).await?;
    let rows = store.channel_orders(connection.id)?;
    let workflow = store.workflow()?;
    let mut differences = Vec::new();
    if again.imported != 0 {
        differences.push(format!("the second exchange imported {}", again.imported));
    }
    for woo in &site {
        let mut differ = |what: String| differences.push(format!("order {}: {what}", woo.id));
        let mine: Vec<_> = rows
            .iter()
            .filter(|r| r.external_id == woo.id.to_string())
            .collect();
        let [row] = mine.as_slice() else {
            differ(format!("{} rows here", mine.len()));
            continue;
        };
        let Some(order_id) = row.order_id else {
            differ(format!("not made: {:?}", row.problem));
            continue;
        };
        let order = store.order(order_id)?;
        let total = order.totals()?.total;
        let site_total = money::kopecks(&woo.total).ok_or("site total")?;
        if total != site_total {
            differ(format!("total {} here, {} there", total.0, site_total.0));
        }
        let shipping = money::kopecks(&woo.shipping_total).unwrap_or(Kopecks::ZERO);
        if order.delivery_cost != shipping {
            differ(format!(
                "shipping {} here, {} there",
                order.delivery_cost.0, shipping.0
            ));
        }
        let mut paid = if woo.date_paid_gmt.is_some() {
            site_total
        } else {
            Kopecks::ZERO
        };
        for refund in &woo.refunds {
            let amount = money::kopecks(&refund.total).ok_or("refund total")?;
            paid = Kopecks(paid.0 - amount.0.abs());
        }
        if order.paid()? != paid {
            differ(format!("paid {} here, {} there", order.paid()?.0, paid.0));
        }
        let created = woo
            .date_created_gmt
            .as_deref()
            .and_then(|d| format!("{d}Z").parse::<Timestamp>().ok());
        if Some(order.created_at) != created {
            differ(format!(
                "created {} here, {:?} there",
                order.created_at, woo.date_created_gmt
            ));
        }
        let mapped = connection
            .status_map
            .rule_for_status(&woo.status)
            .map(|r| r.stage_id.clone());
        let flagged = row
            .flags
            .iter()
            .any(|f| f.starts_with("off_route:") || f.starts_with("move_refused:"));
        if mapped.as_deref() != Some(order.stage.stage_id.as_str()) && !flagged {
            differ(format!(
                "stage {} here for «{}» there (mapped to {mapped:?})",
                order.stage.stage_id, woo.status
            ));
        }
        // A closed order may have been confirmed before it was cancelled or refunded: only an
        // open one says by its status whether it is a draft.
        let closed = matches!(woo.status.as_str(), "cancelled" | "failed" | "refunded");
        let draft = !CONFIRMED.contains(&woo.status.as_str());
        if !closed && order.draft != draft {
            differ(format!("draft {} here for «{}»", order.draft, woo.status));
        }
        let name = workflow
            .stage(&order.stage.stage_id)
            .map_or(order.stage.stage_id.as_str(), |s| s.name.as_str());
        println!(
            "#{:<5} {:<11} total {:>9} shipping {:>7} paid {:>9} lines {} → №{} «{}»{} flags {:?}",
            woo.id,
            woo.status,
            woo.total,
            woo.shipping_total,
            paid.0,
            order.lines.len(),
            order.number,
            name,
            if order.draft {
                " (черновик)"
            } else {
                ""
            },
            row.flags
        );
    }
    // The desk took its stock from the store and changed none of it: pushing it back must
    // leave every product as it was (counted or not, and its count).
    let stock_after = site_stock(&client).await?;
    if stock_after != stock_before {
        differences.push(format!(
            "the store's stock changed: {stock_before:?} → {stock_after:?}"
        ));
    }
    let extra = rows
        .iter()
        .filter(|r| !site.iter().any(|w| w.id.to_string() == r.external_id))
        .count();
    if extra > 0 {
        differences.push(format!("{extra} rows here the store does not list"));
    }
    println!(
        "{} orders on the store, {} here, {} products in the catalogue",
        site.len(),
        rows.len(),
        store.products()?.len()
    );
    if push {
        let processing: Vec<i64> = site
            .iter()
            .filter(|w| w.status == "processing")
            .map(|w| w.id)
            .collect();
        let [closed, raced, ..] = processing.as_slice() else {
            return Err("--push needs two processing orders on the store".into());
        };
        let ours = |id: i64| -> Result<Uuid, Error> {
            rows.iter()
                .find(|r| r.external_id == id.to_string())
                .and_then(|r| r.order_id)
                .ok_or_else(|| format!("order {id} not here").into())
        };
        close_here(&store, ours(*closed)?)?;
        // Someone on the store cancels it; a manager here, not knowing, closes it.
        client.set_status(*raced, "cancelled").await?;
        close_here(&store, ours(*raced)?)?;
        let report = channels
            .sync_now(connection.id, Jobs::ALL, Timestamp::now())
            .await?;
        println!("exchange after the moves: {report:?}");
        let there = |id: i64| client.order(id);
        let first = there(*closed).await?.status;
        let second = there(*raced).await?.status;
        let second_flags = store
            .channel_orders(connection.id)?
            .into_iter()
            .find(|r| r.external_id == raced.to_string())
            .map(|r| r.flags)
            .unwrap_or_default();
        println!(
            "#{closed} closed here → «{first}» on the store; #{raced} cancelled there, closed \
             here → «{second}» on the store, flags here {second_flags:?}"
        );
        if first != "completed" {
            differences.push(format!(
                "#{closed} is «{first}» on the store, not completed"
            ));
        }
        if second != "cancelled" {
            differences.push(format!(
                "#{raced}: our push overwrote «cancelled» with «{second}»"
            ));
        }
        if !second_flags.contains(&"stale_push_skipped:completed<cancelled".to_owned()) {
            differences.push(format!("#{raced} not flagged here: {second_flags:?}"));
        }
    }
    if differences.is_empty() {
        println!("every order as the store has it");
        return Ok(());
    }
    for d in &differences {
        println!("DIFFERS: {d}");
    }
    std::process::exit(1);
}

/// Every product's and variation's SKU, whether the store counts its stock, and the count.
async fn site_stock(client: &WooClient) -> Result<Vec<(String, String, String)>, Error> {
    let mut out = Vec::new();
    let text = |v: &Option<serde_json::Value>| v.as_ref().map_or("-".to_owned(), |v| v.to_string());
    for p in client.catalog_products().await? {
        if p.kind == "variable" {
            for v in client.catalog_variations(p.id).await? {
                out.push((
                    v.sku.clone(),
                    text(&v.manage_stock),
                    text(&v.stock_quantity),
                ));
            }
        }
        out.push((
            p.sku.clone(),
            text(&p.manage_stock),
            text(&p.stock_quantity),
        ));
    }
    out.sort();
    Ok(out)
}

/// A manager here moves the order from wherever it is to «Завершён».
fn close_here(store: &store::Store, order_id: Uuid) -> Result<(), Error> {
    let from = store.order(order_id)?.stage.stage_id;
    store.record(store::NewOp {
        id: Uuid::now_v7(),
        actor: domain::Actor {
            id: "live-check-manager".into(),
            name: "Менеджер".into(),
            role: domain::Role::Admin,
        },
        at: Timestamp::now(),
        op: domain::Op::MoveToStage {
            order_id,
            from_stage: from,
            to_stage: "done".into(),
        },
    })?;
    Ok(())
}
