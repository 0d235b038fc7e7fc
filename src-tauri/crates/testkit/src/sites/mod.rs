//! The sites and marketplaces, each a router and the state a test reads and faults.

pub mod megamarket;
pub mod moysklad;
pub mod mp_extra;
pub mod ozon;
pub mod woo_site;
pub mod yandex;

use std::net::SocketAddr;

/// Serves `router` on a free loopback port for as long as the test's runtime lives.
pub async fn serve(router: axum::Router) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a loopback port");
    let addr = listener.local_addr().expect("bound address");
    tokio::spawn(async move {
        axum::serve(listener, router)
            .await
            .expect("test server runs");
    });
    addr
}
