//! Marketplace figures: `mp_import_orders_per_s` (Ozon postings from a spec-following server
//! on loopback through the real client into SQLite) and `mp_push_p95_ms` (a stage change
//! recorded → the Ozon ship call made and verified by reading the posting back).

use std::sync::Arc;
use std::time::Instant;

use channels::config::{Connection, Kind, Settings, StatusMap};
use channels::ozon::{OzonClient, OzonSettings};
use channels::{Channels, Credentials, Jobs, MemorySecrets, Secret, SyncReport};
use domain::Op;
use jiff::{SignedDuration, Timestamp};
use serde_json::{json, Value};
use uuid::Uuid;

use super::ozon_site::{self, API_KEY, CLIENT_ID};

type Error = Box<dyn std::error::Error>;

pub const POSTINGS: usize = 10_000;
const PUSH_SAMPLES: usize = 200;

pub async fn run(
    store: Arc<store::Store>,
    skus: &[String],
    now: Timestamp,
) -> Result<Value, Error> {
    let server = ozon_site::ozon();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let router = ozon_site::router(server.clone());
    tokio::spawn(async move { axum::serve(listener, router).await });
    {
        let mut s = server.lock().map_err(|_| "ozon lock")?;
        for i in 0..POSTINGS {
            let number = format!("{:010}-{:04}-1", 1_000_000 + i, i % 10_000);
            let a = &skus[(i * 7) % skus.len()];
            let b = &skus[(i * 13) % skus.len()];
            let posting = ozon_site::posting(
                &number,
                now - SignedDuration::from_mins(1 + (i as i64 % 600)),
                now + SignedDuration::from_hours(20),
                false,
                &[
                    (a, 10_000 + i as i64, 2, "1234.5000"),
                    (b, 20_000 + i as i64, 1, "99.0000"),
                ],
            );
            s.postings.insert(number, posting);
        }
    }
    let channels = Channels::new(store.clone(), Arc::new(MemorySecrets::default()));
    let settings = Settings {
        page_size: 1000,
        ozon: Some(OzonSettings::default()),
        ..Settings::default()
    };
    let connection = Connection {
        id: Uuid::now_v7(),
        kind: Kind::Ozon,
        name: "Ozon".into(),
        base_url: format!("http://{addr}"),
        settings,
        status_map: StatusMap::ozon_default(),
    };
    let credentials = || Credentials {
        key: CLIENT_ID.into(),
        secret: Secret::new(API_KEY),
    };
    channels.add_connection(&connection, &credentials(), now)?;

    let started = Instant::now();
    let report = channels.sync_now(connection.id, Jobs::ALL, now).await?;
    let import_s = started.elapsed().as_secs_f64();
    if report.imported != POSTINGS as i64 {
        return Err(format!("imported {} of {POSTINGS}", report.imported).into());
    }
    let per_s = POSTINGS as f64 / import_s;
    println!("mp_import_orders_per_s: {per_s:.0} ({import_s:.2} s for {POSTINGS})");

    // Stage change → call made, one order at a time as pickers work.
    let client = OzonClient::new(&connection.base_url, credentials(), &connection.settings)?;
    let rows = store.channel_orders(connection.id)?;
    let mut samples = Vec::with_capacity(PUSH_SAMPLES);
    for (i, row) in rows.iter().take(PUSH_SAMPLES).enumerate() {
        let order_id = row.order_id.ok_or("order made")?;
        let at = now + SignedDuration::from_secs(i as i64 + 1);
        let started = Instant::now();
        let from = store.order(order_id)?.stage.stage_id;
        store.record(store::NewOp {
            id: Uuid::now_v7(),
            actor: domain::Actor {
                id: "picker".into(),
                name: "Кладовщик".into(),
                role: domain::Role::Admin,
            },
            at,
            op: Op::MoveToStage {
                order_id,
                from_stage: from,
                to_stage: "picking".into(),
            },
        })?;
        channels::ozon::push::enqueue_triggers(&store, &connection, at)?;
        let mut report = SyncReport::default();
        channels::ozon::push::work_queue(&store, &connection, &client, at, &mut report).await?;
        samples.push(started.elapsed().as_secs_f64() * 1000.0);
        if report.pushed != 1 {
            return Err(format!("push {i}: pushed {}", report.pushed).into());
        }
    }
    let shipped = server.lock().map_err(|_| "ozon lock")?.shipped.len();
    if shipped != PUSH_SAMPLES {
        return Err(format!("shipped {shipped} of {PUSH_SAMPLES}").into());
    }
    samples.sort_by(f64::total_cmp);
    let p95 = samples[(samples.len() * 95).div_ceil(100) - 1];
    println!("mp_push_p95_ms: {p95:.1} ({PUSH_SAMPLES} stage changes)");
    Ok(json!({
        "mp_import_orders_per_s": per_s.round(),
        "mp_import_orders": POSTINGS,
        "mp_import_s": (import_s * 1000.0).round() / 1000.0,
        "mp_push_p95_ms": (p95 * 10.0).round() / 10.0,
        "mp_push_samples": PUSH_SAMPLES,
        "mp_what": "Ozon Seller API server on loopback written from the spec (/v3/posting/fbs/list, \
                    1000 a page) through the real client into SQLite; push = MoveToStage recorded, \
                    trigger queued, posting read, /v4/posting/fbs/ship, posting read back; the \
                    database holds the import's orders",
    }))
}
