//! An answer too large to be a channel's (a gzip bomb, an endless body) is a clear error,
//! read no further than the cap, whatever the connection's address serves.

mod support;

use std::io::Write;

use axum::http::header;
use axum::routing::get;
use channels::http::{Http, MAX_BODY};
use channels::ChannelError;
use support::{fast_retry, serve};

/// 80 MB of zeros in a gzip of well under a megabyte.
fn bomb() -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let zeros = vec![0_u8; 1024 * 1024];
    for _ in 0..80 {
        gz.write_all(&zeros).expect("compress");
    }
    gz.finish().expect("gzip")
}

#[tokio::test]
async fn a_gzip_bomb_is_refused_at_the_cap() {
    let body = bomb();
    assert!(body.len() < 1024 * 1024);
    let router = axum::Router::new().route(
        "/wp-json/wc/v3/orders",
        get(move || {
            let body = body.clone();
            async move {
                (
                    [
                        (header::CONTENT_ENCODING, "gzip"),
                        (header::CONTENT_TYPE, "application/json"),
                    ],
                    body,
                )
            }
        }),
    );
    let addr = serve(router).await;
    let http = Http::new(fast_retry()).expect("client");
    let url = format!("http://{addr}/wp-json/wc/v3/orders");
    let result = http.send(|c| Ok(c.get(url.as_str()))).await;
    assert!(
        matches!(result, Err(ChannelError::TooLarge { limit_mb }) if limit_mb == MAX_BODY / (1024 * 1024)),
        "{:?}",
        result.map(|r| r.body.len())
    );
}
