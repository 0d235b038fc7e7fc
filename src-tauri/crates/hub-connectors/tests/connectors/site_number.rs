//! Issue 13: a team desk never talks to the site, so the site's order number has to come with
//! the order. The manager reads «10301» off the site's e-mail and searches it on a team desk.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_sites_order_number_finds_the_order_on_a_team_desk() {
    let team = Team::start("conn_site_number").await;
    let (site, home) = fake_site().await;
    site.lock().expect("site").orders.insert(
        10301,
        woo_site::order(10301, "processing", 1_795_320_100, &[("MUG-1", 1, "500")]),
    );
    let (_a, admin_desk) = team.desk("admin").await;
    let (_m, manager_desk) = team.desk("manager").await;
    add_site(&admin_desk, &home).await;
    wait_for("the site's order on the manager's desk", || {
        order_count(&manager_desk) == 1
    })
    .await;

    let d = manager_desk.clone();
    let (found, written) = tokio::task::spawn_blocking(move || {
        let now = jiff::Timestamp::now();
        (
            d.search("10301", now).expect("search"),
            d.search("№10301", now).expect("search"),
        )
    })
    .await
    .expect("thread");
    let numbers: Vec<_> = found.iter().map(|r| (&r.number, &r.customer)).collect();
    assert_eq!(
        found.len(),
        1,
        "the site's number finds its order: {numbers:?}"
    );
    assert!(found[0].customer.contains("Покупатель10301"), "{numbers:?}");
    assert_eq!(written.len(), 1, "«№10301» as the site writes it");
    let order_id = found[0].id.clone();

    // The card shows the site's number from the hub's worker while the hub runs, and from the
    // desk's own record when the hub cannot be reached.
    let d = manager_desk.clone();
    let id = order_id.clone();
    let online = tokio::task::spawn_blocking(move || d.order_channels(&id))
        .await
        .expect("thread")
        .expect("order channels");
    assert_eq!(online.len(), 1, "{online:?}");
    assert_eq!(online[0].external_id, "10301");
    let Team { hub, _db, .. } = team;
    hub.stop().await;
    let d = manager_desk.clone();
    let offline = tokio::task::spawn_blocking(move || d.order_channels(&order_id))
        .await
        .expect("thread")
        .expect("order channels without the hub");
    assert_eq!(offline.len(), 1, "{offline:?}");
    assert_eq!(offline[0].external_id, "10301");
    assert_eq!(offline[0].connection_name, "Сайт");
    admin_desk.stop_sync();
    manager_desk.stop_sync();
}
