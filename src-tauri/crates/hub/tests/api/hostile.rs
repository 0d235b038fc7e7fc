//! Hostile traffic at the hub's door: the body of a request that is not believed is never
//! read, headers that never finish and idle connections are cut, one address cannot hold
//! every connection, and a flood of made-up tokens is braked before it costs a lookup.

use std::net::SocketAddr;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};

use super::*;

/// Longest any answer below may take before the test calls the door broken: far above what a
/// working hub needs, far below «never».
const PATIENCE: Duration = Duration::from_secs(15);

/// A raw connection from `from` (another loopback address stands for another machine).
async fn connect(from: [u8; 4], to: SocketAddr) -> TcpStream {
    let socket = TcpSocket::new_v4().expect("socket");
    socket
        .bind(SocketAddr::from((from, 0)))
        .expect("bind a loopback address");
    socket.connect(to).await.expect("connect")
}

/// Whatever the hub sends until it closes the connection (or PATIENCE runs out: then None).
async fn read_to_close(stream: &mut TcpStream) -> Option<String> {
    let mut got = Vec::new();
    let read = tokio::time::timeout(PATIENCE, stream.read_to_end(&mut got)).await;
    match read {
        Ok(_) => Some(String::from_utf8_lossy(&got).into_owned()),
        Err(_) => None,
    }
}

async fn hello(f: &Fixture, token: &str) -> reqwest::StatusCode {
    let answer = f
        .http
        .get(format!("{}/v1/hello", f.hub.url()))
        .bearer_auth(token)
        .header("orderdesk-protocol", PROTOCOL_VERSION.to_string())
        .timeout(PATIENCE)
        .send()
        .await
        .expect("hello answers");
    answer.status()
}

#[tokio::test]
async fn an_upload_without_a_valid_token_is_refused_before_its_body_is_sent() {
    let f = Fixture::start("hub_unread_body", |_| {}).await;
    for auth in ["", "authorization: Bearer made-up-token\r\n"] {
        let mut stream = connect([127, 0, 0, 2], f.hub.addr).await;
        // A megabyte announced, not one byte of it sent: an answer can only come from a
        // hub that judged the headers alone.
        let head = format!(
            "POST /v1/push HTTP/1.1\r\nhost: hub\r\norderdesk-protocol: {PROTOCOL_VERSION}\r\n\
             {auth}content-type: application/json\r\ncontent-length: 1048576\r\n\r\n"
        );
        stream
            .write_all(head.as_bytes())
            .await
            .expect("send headers");
        let mut answer = [0u8; 64];
        let n = tokio::time::timeout(PATIENCE, stream.read(&mut answer))
            .await
            .expect("the hub answers without waiting for the body")
            .expect("read");
        let answer = String::from_utf8_lossy(&answer[..n]);
        assert!(answer.starts_with("HTTP/1.1 401"), "{auth:?}: {answer}");
    }
    f.finish().await;
}

#[tokio::test]
async fn headers_that_never_finish_and_idle_connections_are_cut() {
    let f = Fixture::start("hub_slow_headers", |c| c.header_timeout_ms = 300).await;
    let token = f
        .member(
            admin::create_shop(&f.pool, "S").await.expect("shop"),
            "manager",
        )
        .await;
    // A slowloris: the request line, then nothing.
    let mut slow = connect([127, 0, 0, 2], f.hub.addr).await;
    slow.write_all(b"GET /v1/hello HTTP/1.1\r\nhost: hub\r\n")
        .await
        .expect("send");
    assert!(
        read_to_close(&mut slow).await.is_some(),
        "a connection whose headers never end is kept open"
    );
    // A connection that never says anything.
    let mut idle = connect([127, 0, 0, 2], f.hub.addr).await;
    assert!(
        read_to_close(&mut idle).await.is_some(),
        "an idle connection is kept open"
    );
    // A valid request on a kept-alive connection, then silence: cut after the answer.
    let mut kept = connect([127, 0, 0, 3], f.hub.addr).await;
    let head = format!(
        "GET /v1/hello HTTP/1.1\r\nhost: hub\r\norderdesk-protocol: {PROTOCOL_VERSION}\r\n\
         authorization: Bearer {token}\r\n\r\n"
    );
    kept.write_all(head.as_bytes()).await.expect("send");
    let answer = read_to_close(&mut kept)
        .await
        .expect("kept-alive connection cut when idle");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    f.finish().await;
}

#[tokio::test]
async fn one_address_cannot_hold_every_connection() {
    let f = Fixture::start("hub_conn_cap", |c| {
        c.max_connections_per_address = 20;
        c.header_timeout_ms = 60_000;
    })
    .await;
    let token = f
        .member(
            admin::create_shop(&f.pool, "S").await.expect("shop"),
            "manager",
        )
        .await;
    let mut held = Vec::new();
    for _ in 0..20 {
        held.push(connect([127, 0, 0, 2], f.hub.addr).await);
    }
    // The hub counts a connection once it has accepted it: a hello from the address that
    // holds them all must wait for nothing, and one more from that address is closed.
    assert_eq!(hello(&f, &token).await, 200);
    let mut extra = connect([127, 0, 0, 2], f.hub.addr).await;
    extra
        .write_all(b"GET /health HTTP/1.1\r\nhost: hub\r\n\r\n")
        .await
        .ok();
    let answer = read_to_close(&mut extra)
        .await
        .expect("the extra connection is closed");
    assert_eq!(
        answer, "",
        "the 21st connection from one address was served"
    );
    // Others are served all along.
    assert_eq!(hello(&f, &token).await, 200);
    drop(held);
    f.finish().await;
}

#[tokio::test]
async fn three_hundred_slow_unauthenticated_uploads_leave_hello_answering() {
    let f = Fixture::start("hub_slow_uploads", |c| c.header_timeout_ms = 2_000).await;
    let token = f
        .member(
            admin::create_shop(&f.pool, "S").await.expect("shop"),
            "manager",
        )
        .await;
    let addr = f.hub.addr;
    let mut uploads = tokio::task::JoinSet::new();
    for i in 0..300u32 {
        uploads.spawn(async move {
            let mut s = connect([127, 0, 1, (i % 200) as u8 + 1], addr).await;
            // Half trickle their headers, half announce a big body and trickle it.
            let head: &[u8] = if i % 2 == 0 {
                b"POST /v1/push HTTP/1.1\r\nhost: hub\r\n"
            } else {
                b"POST /v1/push HTTP/1.1\r\nhost: hub\r\ncontent-length: 4000000\r\n\r\n"
            };
            if s.write_all(head).await.is_err() {
                return;
            }
            // The slowness is the attack: a byte every 100 ms is how such a client behaves,
            // so here a sleep is the behaviour under test, not a wait for a condition.
            for _ in 0..100 {
                if s.write_all(b"x").await.is_err() {
                    return;
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        });
    }
    for _ in 0..10 {
        assert_eq!(hello(&f, &token).await, 200);
    }
    uploads.abort_all();
    f.finish().await;
}

#[tokio::test]
async fn made_up_tokens_are_braked_by_address_before_any_lookup() {
    let f = Fixture::start("hub_token_flood", |c| {
        c.address_burst = 30.0;
        c.address_rate_per_s = 0.001;
    })
    .await;
    let http = reqwest::Client::builder()
        .local_address(std::net::IpAddr::from([127, 0, 0, 2]))
        .build()
        .expect("client");
    let mut statuses = Vec::new();
    for i in 0..40 {
        let answer = http
            .get(format!("{}/v1/hello", f.hub.url()))
            .bearer_auth(format!("guess-{i}"))
            .header("orderdesk-protocol", PROTOCOL_VERSION.to_string())
            .timeout(PATIENCE)
            .send()
            .await
            .expect("answer");
        statuses.push(answer.status().as_u16());
    }
    assert_eq!(statuses.iter().filter(|s| **s == 401).count(), 30);
    assert_eq!(statuses.iter().filter(|s| **s == 429).count(), 10);
    // Another address is not braked by this one's guessing.
    let token = f
        .member(
            admin::create_shop(&f.pool, "S").await.expect("shop"),
            "manager",
        )
        .await;
    assert_eq!(hello(&f, &token).await, 200);
    f.finish().await;
}
