//! Issue 20, point 2: the Ozon and Yandex Market clients take every answer their specs allow
//! for the order lists — hundreds of random answers valid against the spec's own response
//! schema — without hanging or panicking, and a good order among them still comes in. The spec is
//! read from `../shared/reference/specs/` (or `ORDERDESK_SPECS`); without it the test says so.

#[path = "support/spec_check.rs"]
mod spec_check;
#[path = "support/spec_gen.rs"]
mod spec_gen;
mod support;

use std::future::Future;
use std::net::SocketAddr;
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

/// The spec in `file`, or `None` (said on stderr) where this machine has none.
fn spec(file: &str) -> Option<Value> {
    let path = spec_check::specs_dir().join(file);
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("no spec at {}: nothing checked", path.display());
        return None;
    };
    Some(if file.ends_with(".json") {
        serde_json::from_str(&text).expect("the spec is JSON")
    } else {
        serde_norway::from_str(&text).expect("the spec is YAML")
    })
}

/// A server answering `path` with whatever the returned cell holds at the time.
async fn answering(path: &'static str) -> (Arc<Mutex<Value>>, SocketAddr) {
    let body = Arc::new(Mutex::new(Value::Null));
    let served = body.clone();
    let router = axum::Router::new().route(
        path,
        post(move || {
            let body = served.lock().expect("answer").clone();
            async move { axum::Json(body) }
        }),
    );
    (body, serve(router).await)
}

/// One quick try: an answer is read once, never retried.
fn one_try() -> RetryPolicy {
    RetryPolicy {
        attempts: 1,
        first_delay_ms: 1,
        max_delay_ms: 1,
        timeout_ms: 2_000,
    }
}

/// How the answers of one run ended.
#[derive(Default)]
struct Tally {
    read: u64,
    endless: u64,
    refused: u64,
}

impl Tally {
    /// Runs one read of `answer` (which must end within 10 s); `Some` with what it read.
    async fn read<T>(
        &mut self,
        seed: u64,
        answer: &Value,
        read: impl Future<Output = Result<T, ChannelError>>,
    ) -> Option<T> {
        let result = tokio::time::timeout(Duration::from_secs(10), read)
            .await
            .unwrap_or_else(|_| panic!("seed {seed}: the list did not end: {answer}"));
        match result {
            Ok(fetched) => {
                self.read += 1;
                Some(fetched)
            }
            Err(ChannelError::EndlessPaging { .. }) => {
                self.endless += 1;
                None
            }
            Err(ChannelError::Malformed { detail, .. }) => {
                if self.refused < 5 {
                    eprintln!("seed {seed} refused: {detail}");
                }
                self.refused += 1;
                None
            }
            Err(e) => panic!("seed {seed}: {e} for {answer}"),
        }
    }

    fn finish(self) {
        let Tally {
            read,
            endless,
            refused,
        } = self;
        eprintln!(
            "{ANSWERS} spec-valid answers: {read} read, {endless} ended as endless paging, \
             {refused} refused as malformed"
        );
        assert_eq!(read + endless + refused, ANSWERS);
        assert!(read >= ANSWERS / 2, "the answers with a good order came in");
    }
}

/// Appends `good` to the array `key` of `holder` (made if absent).
fn add_good(holder: &mut serde_json::Map<String, Value>, key: &str, good: &Value) {
    if let Value::Array(list) = holder
        .entry(key)
        .or_insert_with(|| Value::Array(Vec::new()))
    {
        list.push(good.clone());
    }
}

#[tokio::test]
async fn ozon_posting_list_survives_every_answer_the_spec_allows() {
    let Some(doc) = spec("ozon-seller-api.json") else {
        return;
    };
    let (body, addr) = answering("/v3/posting/fbs/list").await;
    let settings = Settings {
        retry: one_try(),
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
    let mut tally = Tally::default();
    for seed in 0..ANSWERS {
        let mut generator = spec_gen::Gen::new(&doc, seed);
        let schema = generator.answer_schema("post", "/v3/posting/fbs/list");
        let mut answer = generator.value(&schema, 0);
        // Half the answers carry a good posting among the random ones, on their last page.
        let with_good = seed % 2 == 0;
        if with_good {
            if let Some(result) = answer.get_mut("result").and_then(Value::as_object_mut) {
                result.insert("has_next".into(), Value::Bool(false));
                add_good(result, "postings", &good);
            }
        }
        *body.lock().expect("answer") = answer.clone();
        let read = tally
            .read(seed, &answer, client.postings(now(), now()))
            .await;
        if let Some(fetched) = read {
            let found = fetched
                .iter()
                .any(|f| matches!(f, Fetched::Posting(p) if p.posting_number == "4242-0001-1"));
            if with_good && answer["result"].is_object() {
                assert!(
                    found,
                    "seed {seed}: the good posting was lost among {answer}"
                );
            }
        }
    }
    tally.finish();
}

#[tokio::test]
async fn yandex_order_list_survives_every_answer_the_spec_allows() {
    let Some(doc) = spec("yandex-market-partner-api.yaml") else {
        return;
    };
    let (body, addr) = answering("/v1/businesses/77/orders").await;
    let settings = Settings {
        retry: one_try(),
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
    let mut tally = Tally::default();
    for seed in 0..ANSWERS {
        let mut generator = spec_gen::Gen::new(&doc, seed);
        let schema = generator.answer_schema("post", "/v1/businesses/{businessId}/orders");
        let mut answer = generator.value(&schema, 0);
        let with_good = seed % 2 == 0;
        if with_good {
            if let Some(page) = answer.as_object_mut() {
                page.remove("paging");
                add_good(page, "orders", &good);
            }
        }
        *body.lock().expect("answer") = answer.clone();
        let read = tally
            .read(seed, &answer, client.orders_updated_since(now()))
            .await;
        if let Some(fetched) = read {
            let found = fetched.iter().any(
                |f| matches!(f, channels::yandex::model::Fetched::Order(o) if o.id == 424_242),
            );
            if with_good && answer.is_object() {
                assert!(found, "seed {seed}: the good order was lost among {answer}");
            }
        }
    }
    tally.finish();
}
