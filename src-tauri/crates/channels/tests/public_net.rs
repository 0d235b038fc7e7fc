//! On a shared hub every request of a connection goes only to public addresses, whatever the
//! name resolved to when the connection was added: a name that now resolves to this machine
//! (DNS rebinding) or a private IP written out is refused before a byte is sent, with the
//! reason in Russian; a desk of its own (the flag off) reaches its loopback site as before.

mod support;

use channels::{ChannelError, Jobs};
use support::woo_site::{self, order};
use support::{desk, now, products, serve, woo_connection, KEY, SECRET};

#[tokio::test]
async fn a_hub_worker_refuses_a_site_that_resolves_or_points_to_a_private_address() {
    let desk = desk();
    products(&desk.store, &["MUG-BLUE"]);
    let site = woo_site::site("", KEY, SECRET);
    let addr = serve(woo_site::router(site.clone())).await;
    {
        let mut s = site.lock().expect("site");
        s.home = format!("http://{addr}");
        let clock = s.clock + 1;
        s.orders
            .insert(1, order(1, "processing", clock, &[("MUG-BLUE", 1, "12.5")]));
    }
    // The IP written out, and a name that resolves to this machine.
    let by_ip = woo_connection(&desk, addr);
    let by_name = woo_connection(&desk, addr);
    let mut renamed = desk.channels.connection(by_name.id).expect("connection");
    renamed.base_url = format!("http://localhost:{}", addr.port());
    desk.channels
        .save_connection(&renamed, now())
        .expect("save");

    desk.channels.refuse_private_addresses(true);
    for id in [by_ip.id, by_name.id] {
        let err = desk
            .channels
            .sync_now(id, Jobs::ALL, now())
            .await
            .expect_err("refused");
        assert!(
            matches!(&err, ChannelError::Config(why) if why.contains("внутреннюю сеть")),
            "{err}"
        );
    }
    assert!(
        site.lock().expect("site").requests.is_empty(),
        "nothing reached the site"
    );

    // A desk of its own reaches its site on this machine.
    desk.channels.refuse_private_addresses(false);
    let report = desk
        .channels
        .sync_now(by_ip.id, Jobs::ALL, now())
        .await
        .expect("sync");
    assert_eq!(report.imported, 1);
}
