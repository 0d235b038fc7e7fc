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
