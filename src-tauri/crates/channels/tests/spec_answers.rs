//! Issue 20, point 2: the Ozon and Yandex Market clients take every answer their specs allow
//! for the order lists — hundreds of random answers valid against the spec's own response
//! schema — without hanging or panicking, and a good order among them still comes in. The spec is
//! read from `../shared/reference/specs/` (or `ORDERDESK_SPECS`); without it the test says so.

#[path = "support/spec_check.rs"]
mod spec_check;
#[path = "support/spec_gen.rs"]
mod spec_gen;
mod support;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::routing::post;
use channels::config::{RetryPolicy, Settings};
use channels::ozon::model::Fetched;
use channels::ozon::OzonClient;
use channels::yandex::{YandexClient, YandexSettings};
use channels::{ChannelError, Credentials, Secret};
use jiff::SignedDuration;
use serde_json::Value;
use support::{now, serve};

/// How many random answers one run tries.
const ANSWERS: u64 = 400;

#[tokio::test]
async fn ozon_posting_list_survives_every_answer_the_spec_allows() {
    let path = spec_check::specs_dir().join("ozon-seller-api.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("no spec at {}: nothing checked", path.display());
        return;
    };
    let doc: Value = serde_json::from_str(&text).expect("the Ozon spec is JSON");
    let body = Arc::new(Mutex::new(Value::Null));
    let served = body.clone();
    let router = axum::Router::new().route(
        "/v3/posting/fbs/list",
        post(move || {
            let body = served.lock().expect("answer").clone();
            async move { axum::Json(body) }
        }),
    );
    let addr = serve(router).await;
    let settings = Settings {
        retry: RetryPolicy {
            attempts: 1,
            first_delay_ms: 1,
            max_delay_ms: 1,
            timeout_ms: 2_000,
        },
        ..Settings::default()
    };
    let client = OzonClient::new(
        &format!("http://{addr}"),
        Credentials {
            key: "1".into(),
            secret: Secret::new("key"),
        },
        &settings,
    )
    .expect("client");
    let good = support::ozon::posting(
        "4242-0001-1",
        now() - SignedDuration::from_hours(1),
        now() + SignedDuration::from_hours(5),
        false,
        &[("MUG-BLUE", 1_451_000_001, 2, "1390.0000")],
    );
    let (mut imported, mut refused, mut endless) = (0, 0, 0);
    for seed in 0..ANSWERS {
        let mut generator = spec_gen::Gen::new(&doc, seed);
        let schema = generator.answer_schema("post", "/v3/posting/fbs/list");
        let mut answer = generator.value(&schema, 0);
        // Half the answers carry a good posting among the random ones, on their last page.
        let with_good = seed % 2 == 0;
        if with_good {
            if let Some(result) = answer.get_mut("result").and_then(Value::as_object_mut) {
                result.insert("has_next".into(), Value::Bool(false));
                let postings = result
                    .entry("postings")
                    .or_insert_with(|| Value::Array(Vec::new()));
                if let Value::Array(list) = postings {
                    list.push(good.clone());
                }
            }
        }
        *body.lock().expect("answer") = answer.clone();
        let read = tokio::time::timeout(Duration::from_secs(10), client.postings(now(), now()))
            .await
            .unwrap_or_else(|_| panic!("seed {seed}: the list did not end: {answer}"));
        match read {
            Ok(fetched) => {
                let found = fetched
                    .iter()
                    .any(|f| matches!(f, Fetched::Posting(p) if p.posting_number == "4242-0001-1"));
                if with_good && answer["result"].is_object() {
                    assert!(
                        found,
                        "seed {seed}: the good posting was lost among {answer}"
                    );
                }
                imported += 1;
            }
            Err(ChannelError::EndlessPaging { .. }) => endless += 1,
            Err(ChannelError::Malformed { detail, .. }) => {
                if refused < 5 {
                    eprintln!("seed {seed} refused: {detail}");
                }
                refused += 1
            }
            Err(e) => panic!("seed {seed}: {e} for {answer}"),
        }
    }
    eprintln!(
        "{ANSWERS} spec-valid answers: {imported} read, {endless} ended as endless paging, \
         {refused} refused as malformed"
    );
    assert_eq!(imported + endless + refused, ANSWERS);
    assert!(imported >= ANSWERS / 2, "the good postings came in");
}

#[tokio::test]
async fn yandex_order_list_survives_every_answer_the_spec_allows() {
    let path = spec_check::specs_dir().join("yandex-market-partner-api.yaml");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("no spec at {}: nothing checked", path.display());
        return;
    };
    let doc: Value = serde_norway::from_str(&text).expect("the Yandex spec is YAML");
    let body = Arc::new(Mutex::new(Value::Null));
    let served = body.clone();
    let router = axum::Router::new().route(
        "/v1/businesses/77/orders",
        post(move || {
            let body = served.lock().expect("answer").clone();
            async move { axum::Json(body) }
        }),
    );
    let addr = serve(router).await;
    let settings = Settings {
        retry: RetryPolicy {
            attempts: 1,
            first_delay_ms: 1,
            max_delay_ms: 1,
            timeout_ms: 2_000,
        },
        yandex: Some(YandexSettings {
            campaign_id: support::yandex::CAMPAIGN,
            business_id: 77,
            ..YandexSettings::default()
        }),
        ..Settings::default()
    };
    let client = YandexClient::new(
        &format!("http://{addr}"),
        Credentials {
            key: String::new(),
            secret: Secret::new(support::yandex::API_KEY),
        },
        &settings,
    )
    .expect("client");
    let good = support::yandex::order(
        424_242,
        "PROCESSING",
        "STARTED",
        false,
        "2026-11-22T10:00:00+03:00",
    );
    let (mut read_ok, mut refused, mut endless) = (0, 0, 0);
    for seed in 0..ANSWERS {
        let mut generator = spec_gen::Gen::new(&doc, seed);
        let schema = generator.answer_schema("post", "/v1/businesses/{businessId}/orders");
        let mut answer = generator.value(&schema, 0);
        let with_good = seed % 2 == 0;
        if with_good {
            if let Some(page) = answer.as_object_mut() {
                page.remove("paging");
                let orders = page
                    .entry("orders")
                    .or_insert_with(|| Value::Array(Vec::new()));
                if let Value::Array(list) = orders {
                    list.push(good.clone());
                }
            }
        }
        *body.lock().expect("answer") = answer.clone();
        let read =
            tokio::time::timeout(Duration::from_secs(10), client.orders_updated_since(now()))
                .await
                .unwrap_or_else(|_| panic!("seed {seed}: the list did not end: {answer}"));
        match read {
            Ok(fetched) => {
                let found = fetched.iter().any(
                    |f| matches!(f, channels::yandex::model::Fetched::Order(o) if o.id == 424_242),
                );
                if with_good && answer.is_object() {
                    assert!(found, "seed {seed}: the good order was lost among {answer}");
                }
                read_ok += 1;
            }
            Err(ChannelError::EndlessPaging { .. }) => endless += 1,
            Err(ChannelError::Malformed { detail, .. }) => {
                if refused < 5 {
                    eprintln!("seed {seed} refused: {detail}");
                }
                refused += 1
            }
            Err(e) => panic!("seed {seed}: {e} for {answer}"),
        }
    }
    eprintln!(
        "{ANSWERS} spec-valid answers: {read_ok} read, {endless} ended as endless paging, \
         {refused} refused as malformed"
    );
    assert_eq!(read_ok + endless + refused, ANSWERS);
    assert!(read_ok >= ANSWERS / 2, "the good orders came in");
}
