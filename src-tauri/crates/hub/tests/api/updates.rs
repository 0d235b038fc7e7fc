//! The shop's releases of the desk, served from the hub's `updates_dir` to any desk, without
//! a token (issue 19, point 4).

use super::Fixture;

#[tokio::test]
async fn the_hub_serves_the_releases_folder_and_nothing_beside_it() {
    let releases = tempfile::tempdir().expect("dir");
    let folder = releases.path().join("updates");
    std::fs::create_dir(&folder).expect("folder");
    std::fs::write(folder.join("latest.json"), br#"{"version":"0.2.0"}"#).expect("manifest");
    std::fs::write(releases.path().join("hub.toml"), b"secret").expect("beside");
    let served = folder.clone();
    let f = Fixture::start("hub_updates", move |c| c.updates_dir = Some(served)).await;
    let get = |path: &str| f.http.get(format!("{}{path}", f.hub.url())).send();

    let r = get("/updates/latest.json").await.expect("answer");
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/json")
    );
    assert_eq!(r.text().await.expect("body"), r#"{"version":"0.2.0"}"#);
    // A release published later is seen at once.
    std::fs::write(folder.join("latest.json"), br#"{"version":"0.3.0"}"#).expect("newer");
    let r = get("/updates/latest.json").await.expect("answer");
    assert_eq!(r.text().await.expect("body"), r#"{"version":"0.3.0"}"#);

    for hostile in [
        "/updates/..%2Fhub.toml",
        "/updates/%2e%2e",
        "/updates/nothing.deb",
    ] {
        let r = get(hostile).await.expect("answer");
        assert_eq!(r.status(), 404, "{hostile}");
    }
    f.finish().await;
}

#[tokio::test]
async fn a_hub_without_a_releases_folder_serves_none() {
    let f = Fixture::start("hub_no_updates", |_| {}).await;
    let r = f
        .http
        .get(format!("{}/updates/latest.json", f.hub.url()))
        .send()
        .await
        .expect("answer");
    assert_eq!(r.status(), 404);
    f.finish().await;
}

/// The releases folder was served outside every budget (found in session 21's review): one
/// address could fetch a tens-of-megabytes installer in a loop for ever.
#[tokio::test]
async fn the_releases_folder_is_within_the_address_budget() {
    let releases = tempfile::tempdir().expect("dir");
    std::fs::write(releases.path().join("latest.json"), b"{}").expect("manifest");
    let served = releases.path().to_path_buf();
    let f = Fixture::start("hub_updates_braked", move |c| {
        c.updates_dir = Some(served);
        c.address_burst = 5.0;
        c.address_rate_per_s = 0.001;
    })
    .await;
    let from = |last: u8| {
        reqwest::Client::builder()
            .local_address(std::net::IpAddr::from([127, 0, 0, last]))
            .build()
            .expect("client")
    };
    let greedy = from(3);
    let mut statuses = Vec::new();
    for _ in 0..8 {
        let r = greedy
            .get(format!("{}/updates/latest.json", f.hub.url()))
            .send()
            .await
            .expect("answer");
        if r.status() == 429 {
            assert!(r.headers().contains_key("retry-after"), "{r:?}");
        }
        statuses.push(r.status().as_u16());
    }
    assert_eq!(statuses, [200, 200, 200, 200, 200, 429, 429, 429]);
    // Another desk's address still gets the release.
    let r = from(4)
        .get(format!("{}/updates/latest.json", f.hub.url()))
        .send()
        .await
        .expect("answer");
    assert_eq!(r.status(), 200);
    f.finish().await;
}
