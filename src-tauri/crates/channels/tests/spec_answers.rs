//! Issue 20, point 2: the Ozon and Yandex Market clients take every answer their specs allow
//! for the order lists and the reads a push acts on (Ozon's posting read, Yandex Market's one
//! order and its status update) — hundreds of random answers valid against the spec's own
//! response schema each — without hanging, panicking or refusing one as unreadable; a good
//! order among them still comes in, and an answer about another order is never taken for
//! ours. The spec is read from `../shared/reference/specs/` (or `ORDERDESK_SPECS`); without it
//! the test says so.

#[path = "support/spec_check.rs"]
mod spec_check;
#[path = "support/spec_gen.rs"]
mod spec_gen;
mod support;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::routing::{post, put};
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

/// A server answering `PUT put_path` with whatever the first cell holds, and `POST
/// post_path` (the read-back) with the second.
async fn answering_put(
    put_path: &'static str,
    post_path: &'static str,
) -> (Arc<Mutex<Value>>, Arc<Mutex<Value>>, SocketAddr) {
    let put_body = Arc::new(Mutex::new(Value::Null));
    let post_body = Arc::new(Mutex::new(Value::Null));
    let (put_served, post_served) = (put_body.clone(), post_body.clone());
    let router = axum::Router::new()
        .route(
            put_path,
            put(move || {
                let body = put_served.lock().expect("answer").clone();
                async move { axum::Json(body) }
            }),
        )
        .route(
            post_path,
            post(move || {
                let body = post_served.lock().expect("answer").clone();
                async move { axum::Json(body) }
            }),
        );
    (put_body, post_body, serve(router).await)
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
    /// Answers about another order than the one asked for, or without it: not taken.
    other: u64,
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
            Err(ChannelError::WrongOrder { .. } | ChannelError::Refused { status: 404, .. }) => {
                self.other += 1;
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
            other,
        } = self;
        eprintln!(
            "{ANSWERS} spec-valid answers: {read} read, {endless} ended as endless paging, \
             {other} about another order or none, {refused} refused as malformed"
        );
        assert_eq!(read + endless + refused + other, ANSWERS);
        assert_eq!(
            refused, 0,
            "an answer the spec allows was refused as unreadable"
        );
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

fn ozon_client(addr: SocketAddr) -> OzonClient {
    let settings = Settings {
        retry: one_try(),
        ..Settings::default()
    };
    OzonClient::new(
        &format!("http://{addr}"),
        Credentials {
            key: "1".into(),
            secret: Secret::new("key"),
        },
        &settings,
    )
    .expect("client")
}

/// The posting read a ship acts on: a random posting under the number asked for is read
/// (every field the spec allows), any other number or none is not taken for ours.
#[tokio::test]
async fn ozon_posting_read_survives_every_answer_the_spec_allows() {
    let Some(doc) = spec("ozon-seller-api.json") else {
        return;
    };
    let (body, addr) = answering("/v3/posting/fbs/get").await;
    let client = ozon_client(addr);
    let asked = "4242-0001-1";
    let mut tally = Tally::default();
    for seed in 0..ANSWERS {
        let mut generator = spec_gen::Gen::new(&doc, seed);
        let schema = generator.answer_schema("post", "/v3/posting/fbs/get");
        let mut answer = generator.value(&schema, 0);
        let ours = seed % 2 == 0;
        if ours {
            match answer.get_mut("result").and_then(Value::as_object_mut) {
                Some(result) => {
                    result.insert("posting_number".into(), Value::from(asked));
                }
                None => answer["result"] = serde_json::json!({ "posting_number": asked }),
            }
        }
        *body.lock().expect("answer") = answer.clone();
        match tally.read(seed, &answer, client.posting(asked)).await {
            Some(posting) => assert_eq!(posting.posting_number, asked, "seed {seed}"),
            None => assert!(!ours, "seed {seed}: our posting was not read from {answer}"),
        }
    }
    tally.finish();
}

fn yandex_client(addr: SocketAddr) -> YandexClient {
    let settings = Settings {
        retry: one_try(),
        yandex: Some(YandexSettings {
            campaign_id: support::yandex::CAMPAIGN,
            business_id: 77,
            ..YandexSettings::default()
        }),
        ..Settings::default()
    };
    YandexClient::new(
        &format!("http://{addr}"),
        Credentials {
            key: String::new(),
            secret: Secret::new(support::yandex::API_KEY),
        },
        &settings,
    )
    .expect("client")
}

/// The one-order read a push acts on: the business list filtered to its id, whatever else
/// the answer holds.
#[tokio::test]
async fn yandex_order_read_survives_every_answer_the_spec_allows() {
    let Some(doc) = spec("yandex-market-partner-api.yaml") else {
        return;
    };
    let (body, addr) = answering("/v1/businesses/77/orders").await;
    let client = yandex_client(addr);
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
        let ours = seed % 2 == 0;
        if ours {
            if let Some(page) = answer.as_object_mut() {
                add_good(page, "orders", &good);
            }
        }
        *body.lock().expect("answer") = answer.clone();
        match tally.read(seed, &answer, client.order(424_242)).await {
            Some(order) => assert_eq!(order.id, 424_242, "seed {seed}"),
            None => assert!(
                !ours || !answer.is_object(),
                "seed {seed}: our order was not read from {answer}"
            ),
        }
    }
    tally.finish();
}

/// The status update's answer: the spec makes its order optional (then the order is read
/// back), and an answer about another order does not count as our update.
#[tokio::test]
async fn yandex_status_update_survives_every_answer_the_spec_allows() {
    let Some(doc) = spec("yandex-market-partner-api.yaml") else {
        return;
    };
    let campaign = support::yandex::CAMPAIGN;
    let put_path: &'static str =
        Box::leak(format!("/v2/campaigns/{campaign}/orders/424242/status").into_boxed_str());
    let (put_body, read_back, addr) = answering_put(put_path, "/v1/businesses/77/orders").await;
    let client = yandex_client(addr);
    let shipped = support::yandex::order(
        424_242,
        "PROCESSING",
        "READY_TO_SHIP",
        false,
        "2026-11-22T10:00:00+03:00",
    );
    *read_back.lock().expect("answer") = serde_json::json!({ "orders": [shipped] });
    let mut tally = Tally::default();
    let mut read_back_used = 0;
    for seed in 0..ANSWERS {
        let mut generator = spec_gen::Gen::new(&doc, seed);
        let schema =
            generator.answer_schema("put", "/v2/campaigns/{campaignId}/orders/{orderId}/status");
        let mut answer = generator.value(&schema, 0);
        let ours = seed % 2 == 0;
        if ours {
            if let Some(order) = answer.get_mut("order").and_then(Value::as_object_mut) {
                order.insert("id".into(), Value::from(424_242));
            }
        }
        let without_order = answer.get("order").is_none_or(Value::is_null);
        *put_body.lock().expect("answer") = answer.clone();
        let update = client.set_status(424_242, "PROCESSING", Some("READY_TO_SHIP"));
        match tally.read(seed, &answer, update).await {
            Some(order) => {
                assert_eq!(order.id, 424_242, "seed {seed}");
                if without_order {
                    read_back_used += 1;
                    assert_eq!(order.substatus, "READY_TO_SHIP", "seed {seed}: read back");
                }
            }
            None => assert!(
                !ours || !answer.is_object(),
                "seed {seed}: our update's answer was not taken from {answer}"
            ),
        }
    }
    eprintln!("{read_back_used} answers without the order: read back");
    tally.finish();
}
