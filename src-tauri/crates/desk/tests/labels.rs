//! Marketplace labels through the desk: the PDF the marketplace's server sends is exactly what
//! is printed (through the print system the papers use) or saved; an answer that is not a PDF,
//! or an order from no marketplace, is a clear error and prints nothing.

use std::sync::{Arc, Mutex};

use axum::routing::post;
use axum::Router;
use docs::print::{PrintError, PrintJob, PrintSystem};
use proto::{ChannelKind, CommandError, NewConnection};
use serde_json::{json, Value};

const LABEL: &[u8] = b"%PDF-1.7\n% Ozon label from the fake\n1 0 obj <<>> endobj\n%%EOF\n";
const CLIENT_ID: &str = "836119";
const API_KEY: &str = "ozon-api-key-7f3e";

fn now() -> jiff::Timestamp {
    jiff::Timestamp::from_second(1_795_330_000).expect("instant")
}

#[derive(Default)]
struct Printed(Mutex<Vec<(Vec<u8>, PrintJob)>>);

impl PrintSystem for Printed {
    fn printers(&self) -> Result<Vec<String>, PrintError> {
        Ok(vec!["Этикетки".into()])
    }

    fn print(&self, pdf: &[u8], job: &PrintJob) -> Result<String, PrintError> {
        self.0
            .lock()
            .expect("printed")
            .push((pdf.to_vec(), job.clone()));
        Ok("request id is Этикетки-1".into())
    }
}

/// Ozon's posting list (one FBS posting) and package-label call, as the spec describes them;
/// the label answer is switched by `html`.
async fn ozon(html: Arc<Mutex<bool>>) -> String {
    let list = || async {
        axum::Json(json!({ "result": { "has_next": false, "postings": [ {
            "posting_number": "48173252-0034-4", "order_number": "48173252-0034",
            "status": "awaiting_packaging", "substatus": "posting_created",
            "tpl_integration_type": "ozon", "shipment_date": "2026-11-23T10:00:00Z",
            "products": [ { "offer_id": "MUG-BLUE", "name": "Кружка", "price": "990.00",
                "quantity": 1, "sku": 1001 } ] } ] } }))
    };
    let label = move |h: axum::http::HeaderMap, axum::Json(body): axum::Json<Value>| {
        let html = html.clone();
        async move {
            let auth = h.get("Api-Key").and_then(|v| v.to_str().ok()) == Some(API_KEY);
            let numbers = body["posting_number"]
                .as_array()
                .is_some_and(|a| !a.is_empty());
            if !auth || !numbers {
                return (axum::http::StatusCode::BAD_REQUEST, Vec::new());
            }
            if *html.lock().expect("flag") {
                return (axum::http::StatusCode::OK, b"<html>login</html>".to_vec());
            }
            (axum::http::StatusCode::OK, LABEL.to_vec())
        }
    };
    let router = Router::new()
        .route("/v3/posting/fbs/list", post(list))
        .route("/v2/posting/fbs/package-label", post(label));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move { axum::serve(listener, router).await.expect("serve") });
    format!("http://{addr}")
}

#[tokio::test]
async fn the_marketplaces_label_pdf_is_what_gets_printed_and_saved() {
    let dir = tempfile::tempdir().expect("temp dir");
    let secrets = Arc::new(channels::MemorySecrets::default());
    let desk = desk::Desk::open_demo_with_secrets(dir.path(), now(), secrets).expect("open");
    let html = Arc::new(Mutex::new(false));
    let base = ozon(html.clone()).await;
    let ozon = desk
        .add_connection(
            NewConnection {
                kind: ChannelKind::Ozon,
                name: "Ozon".into(),
                base_url: base,
                key: CLIENT_ID.into(),
                secret: API_KEY.into(),
                setup: Default::default(),
                trust: None,
            },
            now(),
        )
        .expect("add");
    desk.sync_now(&ozon.id, now()).await.expect("sync");
    let order = desk
        .search("Покупатель", now())
        .expect("search")
        .into_iter()
        .next()
        .expect("the posting became an order");

    let printed = Arc::new(Printed::default());
    desk.set_printing(printed.clone());
    let pdf = desk.order_labels(&order.id).await.expect("labels");
    let outcome = desk
        .print_order_labels(&order.id, &pdf, Some("Этикетки".into()), 1, now())
        .expect("printed");
    assert_eq!(outcome.orders, 1);
    {
        let jobs = printed.0.lock().expect("printed");
        assert_eq!(jobs.len(), 1);
        assert!(jobs[0].0.starts_with(b"%PDF"));
        assert_eq!(jobs[0].0, LABEL, "the fake's bytes, untouched");
        assert_eq!(jobs[0].1.printer.as_deref(), Some("Этикетки"));
    }
    let history = desk.history(&order.id).expect("history");
    assert_eq!(history.last().expect("entry").kind, "print_document");

    let papers = dir.path().join("papers");
    let path = desk
        .save_order_labels(&order.id, &pdf, &papers)
        .expect("saved");
    assert_eq!(std::fs::read(&path).expect("file"), LABEL);
    assert!(path.ends_with(".pdf"));

    // The marketplace answers a page instead of a PDF: a clear error, nothing printed.
    *html.lock().expect("flag") = true;
    let err = CommandError::from(desk.order_labels(&order.id).await.expect_err("not a PDF"));
    assert!(err.message.contains("этикетки"), "{}", err.message);
    assert!(err.message.contains("PDF"), "{}", err.message);
    assert_eq!(printed.0.lock().expect("printed").len(), 1);
}

#[tokio::test]
async fn an_order_from_no_marketplace_has_no_labels() {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = desk::Desk::open_demo(dir.path(), now()).expect("open");
    let err = desk
        .order_labels(&uuid::Uuid::now_v7().to_string())
        .await
        .expect_err("no marketplace");
    let err = CommandError::from(err);
    assert!(err.message.contains("маркетплейс"), "{}", err.message);
}

/// Nothing downloads labels again by itself: a failure that may heal tells the manager to try
/// again, and never «повторим по расписанию» (which the sync's errors say, truly).
#[test]
fn a_failed_label_download_does_not_promise_a_retry() {
    use channels::ChannelError as E;
    for e in [
        E::Server {
            status: 503,
            attempts: 5,
        },
        E::Timeout { attempts: 5 },
        E::Network("connection reset".into()),
        E::RateLimited { attempts: 5 },
    ] {
        let err = CommandError::from(desk::DeskError::Labels(e));
        assert!(!err.message.contains("по расписанию"), "{}", err.message);
        assert!(
            err.message.contains("Попробуйте ещё раз"),
            "{}",
            err.message
        );
        assert!(err.message.contains("этикетки"), "{}", err.message);
    }
}
