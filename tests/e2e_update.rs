//! End-to-end in the real window: the desk updates itself (issue 19, point 4). A release
//! server on loopback speaks the updater's documented format (`latest.json` with a version,
//! notes, a date, and per system a URL and a minisign signature); the test signs its release
//! with a key pair of its own, which the desk's debug build is told to trust.
//!
//! The story: with no address and no team the desk says where to set one; a bad address is
//! refused beside its field; the offer shows the new version and its notes; while a new order
//! is typed but not saved the install is refused and nothing is downloaded; a file changed
//! after signing, one signed by another key, and an older release's signature announced as
//! the new version are each refused and the program stays as it was; the signed file is put
//! in place of the program and the desk restarts on it.
//!
//! The desk runs from a copy of the built program, since the update replaces it. Screenshots
//! at 1366×768 and 1920×1080 go to `ORDERDESK_SCREENSHOTS` (`update-*.png`).

mod window;

use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use base64::Engine;
use serde_json::{json, Value};
use window::{Desk, Harness};

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;
const VERSION: &str = "0.2.0";
const NOTES: &str = "Новое в 0.2.0: <b>не тег</b>, а текст";

#[tokio::test]
#[ignore = "needs the built desk, tauri-driver and a display: run `cargo xtask test`"]
async fn a_signed_update_is_installed_and_a_tampered_one_refused() {
    tokio::time::timeout(Duration::from_secs(300), story())
        .await
        .expect("the update story finished within 5 minutes");
}

/// A desk of a team, with no address of its own, looks at its hub's `/updates/`: the shop
/// publishes once for all its PCs (a real hub on PostgreSQL serving its releases folder).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the built desk, tauri-driver, a display and PostgreSQL: run `cargo xtask test`"]
async fn a_team_desk_finds_and_installs_the_release_its_hub_serves() {
    tokio::time::timeout(Duration::from_secs(240), team_story())
        .await
        .expect("the hub's update story finished within 4 minutes");
}

/// The release server's state: the manifest, the file, whether it is served changed, and how
/// many times the file was fetched.
struct Release {
    manifest: std::sync::Mutex<Value>,
    file: Vec<u8>,
    tampered: AtomicBool,
    downloads: AtomicUsize,
}

async fn latest(State(r): State<Arc<Release>>) -> Json<Value> {
    Json(r.manifest.lock().expect("the manifest").clone())
}

async fn file(State(r): State<Arc<Release>>) -> Vec<u8> {
    r.downloads.fetch_add(1, Ordering::SeqCst);
    let mut bytes = r.file.clone();
    if r.tampered.load(Ordering::SeqCst) {
        // One byte changed on the way, as a proxy or a broken mirror might.
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0x20;
    }
    bytes
}

/// The new "program": an ELF (what the updater accepts in place of a program file) that
/// ends at once when the desk restarts on it, marked so it is told from the old one.
fn new_program() -> Vec<u8> {
    let mut bytes = std::fs::read("/usr/bin/true").expect("/usr/bin/true (coreutils)");
    bytes.extend_from_slice(b"\0OrderDesk 0.2.0 test release");
    bytes
}

fn sign(pair: &minisign::KeyPair, bytes: &[u8], version: &str) -> String {
    let trusted = format!("timestamp:1796515200\tfile:orderdesk\tversion:{version}");
    let signature = minisign::sign(None, &pair.sk, bytes, Some(&trusted), None).expect("signed");
    B64.encode(signature.into_string())
}

/// The release described three ways: signed as it should be, signed by another key, and
/// with an older version's signature announced as the new version.
struct Manifests {
    signed: Value,
    other_key: Value,
    replayed: Value,
}

fn manifest(base: &str, signature: String) -> Value {
    json!({
        "version": VERSION,
        "notes": NOTES,
        "pub_date": "2026-12-01T09:00:00Z",
        "platforms": {
            "linux-x86_64": {
                "url": format!("{base}/orderdesk-{VERSION}"),
                "signature": signature,
            }
        }
    })
}

async fn serve(pair: &minisign::KeyPair) -> (String, Arc<Release>, Manifests) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a loopback port");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    let bytes = new_program();
    let stranger = minisign::KeyPair::generate_unencrypted_keypair().expect("another key");
    let manifests = Manifests {
        signed: manifest(&base, sign(pair, &bytes, VERSION)),
        other_key: manifest(&base, sign(&stranger, &bytes, VERSION)),
        replayed: manifest(&base, sign(pair, &bytes, "0.1.5")),
    };
    let release = Arc::new(Release {
        manifest: std::sync::Mutex::new(manifests.signed.clone()),
        file: bytes,
        tampered: AtomicBool::new(false),
        downloads: AtomicUsize::new(0),
    });
    let app = Router::new()
        .route("/latest.json", get(latest))
        .route(&format!("/orderdesk-{VERSION}"), get(file))
        .with_state(release.clone());
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (format!("{base}/latest.json"), release, manifests)
}

async fn open_updates(desk: &Desk) {
    desk.click("#open-settings").await;
    desk.click("#settings-this-pc").await;
    desk.wait_for("#updates #update-current").await;
}

/// Types `address` into the settings' update source, saves it and waits until it is kept.
async fn save_source(desk: &Desk, address: &str) {
    desk.fill("#update-source", address).await;
    desk.click("#update-save-source").await;
    let want = json!(address);
    desk.until("the address is kept", move || {
        let want = want.clone();
        async move { desk.invoke("update_settings", json!({})).await["ownSource"] == want }
    })
    .await;
}

fn same_file(path: &Path, want: &[u8]) -> bool {
    std::fs::read(path).is_ok_and(|bytes| bytes == want)
}

async fn story() {
    let pair = minisign::KeyPair::generate_unencrypted_keypair().expect("a key pair");
    let public = B64.encode(pair.pk.to_box().expect("public key").into_string());
    let (address, release, manifests) = serve(&pair).await;

    // The desk runs from its own copy: the update replaces the program it runs from.
    let programs = tempfile::tempdir().expect("a folder for the program");
    let program = programs.path().join("orderdesk");
    std::fs::copy(Harness::built_app(), &program).expect("the desk copied");
    let before = std::fs::read(&program).expect("the copy");
    let harness = Harness::start_app(&program, &[("ORDERDESK_UPDATE_PUBKEY", &public)])
        .expect("end-to-end prerequisites");
    let data = tempfile::tempdir().expect("temp data dir");
    let desk = Desk::open(&harness, data.path()).await;

    // No address, no team: the desk says so, beside the button.
    open_updates(&desk).await;
    assert_eq!(
        desk.text("#update-current").await,
        env!("CARGO_PKG_VERSION")
    );
    desk.wait_for("#update-no-source").await;
    desk.click("#update-check").await;
    desk.wait_contains(
        "#update-error",
        "Не задан адрес обновлений",
        Duration::from_secs(10),
    )
    .await;

    // An address that is not http(s) is refused and not kept.
    desk.fill("#update-source", "ftp://shop.example/latest.json")
        .await;
    desk.click("#update-save-source").await;
    desk.wait_contains("#update-error", "не адрес http(s)", Duration::from_secs(10))
        .await;
    let kept = desk.invoke("update_settings", json!({})).await;
    assert_eq!(kept["ownSource"], Value::Null);

    // An address where no release is described says so.
    let missing = address.replace("latest.json", "missing.json");
    save_source(&desk, &missing).await;
    desk.click("#update-check").await;
    desk.wait_contains(
        "#update-error",
        "нет описания выпуска",
        Duration::from_secs(20),
    )
    .await;

    // The release server's address: the offer with its notes, shown as text.
    save_source(&desk, &address).await;
    desk.click("#update-check").await;
    desk.wait_text("#update-version", VERSION, Duration::from_secs(20))
        .await;
    assert_eq!(desk.text("#update-notes").await, NOTES);
    assert_eq!(desk.count("#update-notes b").await, 0, "notes are text");
    desk.both_sizes("update-offer").await;

    // The top bar says it too, wherever the manager is, and offers the same install.
    desk.click("#open-settings").await;
    desk.click("#update-badge").await;
    desk.wait_text("#badge-update-version", VERSION, Duration::from_secs(10))
        .await;
    desk.both_sizes("update-badge").await;
    desk.click("#update-badge").await;

    // A new order typed but not saved: the install is refused and nothing is fetched.
    desk.click("#new-order").await;
    desk.wait_for("#new-order-form").await;
    desk.fill("#new-phone", "+7 921 555-01-02").await;
    // The offer found stays while the window is open.
    open_updates(&desk).await;
    desk.wait_text("#update-version", VERSION, Duration::from_secs(20))
        .await;
    desk.click("#update-install").await;
    desk.wait_contains(
        "#update-unsaved",
        "несохранённые правки",
        Duration::from_secs(10),
    )
    .await;
    assert!(desk.text("#update-unsaved").await.contains("новый заказ"));
    desk.wait_for("#update-discard").await;
    desk.both_sizes("update-unsaved").await;
    assert_eq!(release.downloads.load(Ordering::SeqCst), 0);
    assert!(same_file(&program, &before));

    // The typed order thrown away, the update may go on.
    desk.click("#open-settings").await;
    desk.wait_for("#new-order-form").await;
    desk.click("#discard-new-order").await;
    desk.accept_dialog().await;
    let d = &desk;
    desk.until("the new order form is closed", move || async move {
        d.count("#new-order-form").await == 0
    })
    .await;

    // A file changed after signing: refused, the program untouched, the desk still here.
    release.tampered.store(true, Ordering::SeqCst);
    // The offer found stays while the window is open.
    open_updates(&desk).await;
    desk.wait_text("#update-version", VERSION, Duration::from_secs(20))
        .await;
    desk.click("#update-install").await;
    desk.wait_contains(
        "#update-refused",
        "подпись не сходится",
        Duration::from_secs(30),
    )
    .await;
    desk.both_sizes("update-tampered").await;
    assert_eq!(release.downloads.load(Ordering::SeqCst), 1);
    assert!(
        same_file(&program, &before),
        "a refused update replaced the program"
    );
    assert_eq!(
        desk.eval("return 1 + 1").await,
        json!(2),
        "the desk runs on"
    );

    // The file as it should be, but signed by another key, or with the signature of an older
    // release announced as this one: each fetched and refused, the program untouched.
    release.tampered.store(false, Ordering::SeqCst);
    for (described, what) in [
        (&manifests.other_key, "signed by another key"),
        (&manifests.replayed, "an older release's signature"),
        (&manifests.signed, "as published"),
    ] {
        *release.manifest.lock().expect("the manifest") = described.clone();
        desk.click("#update-check").await;
        desk.wait_for("#update-check:enabled").await;
        if std::ptr::eq(described, &manifests.signed) {
            break;
        }
        let fetched = release.downloads.load(Ordering::SeqCst);
        desk.click("#update-install").await;
        let (r, d) = (&release, &desk);
        desk.until(
            &format!("the file {what} is fetched and refused"),
            move || async move {
                r.downloads.load(Ordering::SeqCst) > fetched
                    && d.count("#update-installing").await == 0
                    && d.count("#update-refused").await == 1
            },
        )
        .await;
        assert!(
            desk.text("#update-refused")
                .await
                .contains("подпись не сходится"),
            "{what}"
        );
        assert!(
            same_file(&program, &before),
            "{what}: the program was replaced"
        );
    }

    // The signed file: put in place of the program, and the desk restarts on it (the test's
    // "new version" ends at once, so the program simply goes away).
    desk.click("#update-install").await;
    let installed = new_program();
    let (program_at, installed_bytes) = (&program, &installed);
    desk.until_within(
        "the signed update is put in place of the program",
        Duration::from_secs(60),
        move || async move { same_file(program_at, installed_bytes) },
    )
    .await;
    assert_eq!(release.downloads.load(Ordering::SeqCst), 4);
    let mode = std::os::unix::fs::PermissionsExt::mode(
        &std::fs::metadata(&program)
            .expect("the new program")
            .permissions(),
    );
    assert!(
        mode & 0o111 != 0,
        "the new program is executable ({mode:o})"
    );
    // The window went with the old program: no session to close.
    drop(desk);
}

async fn team_story() {
    let test_db = testkit::pg::TestDatabase::create("e2e_update_hub")
        .await
        .expect("test database");
    let pool = hub::db::pool(&test_db.url, 2).expect("pool");
    hub::db::migrate(&pool).await.expect("migrate");
    let shop = hub::admin::create_shop(&pool, "Чайная лавка")
        .await
        .expect("shop");
    let anna = hub::admin::create_user(&pool, shop, "anna", "Анна Кузнецова", "manager")
        .await
        .expect("Anna");
    let (_, token) = hub::admin::create_device(&pool, anna, "ПК Анны")
        .await
        .expect("Anna's PC");
    let releases = tempfile::tempdir().expect("the releases folder");
    let folder = releases.path().to_path_buf();
    let hub = test_db
        .hub_with(4, |c| c.updates_dir = Some(folder))
        .await
        .expect("hub");

    // Published as `cargo xtask publish-update --base-url <hub>/updates` writes it.
    let pair = minisign::KeyPair::generate_unencrypted_keypair().expect("a key pair");
    let public = B64.encode(pair.pk.to_box().expect("public key").into_string());
    let bytes = new_program();
    std::fs::write(releases.path().join(format!("orderdesk-{VERSION}")), &bytes)
        .expect("the release");
    let described = manifest(
        &format!("{}/updates", hub.url()),
        sign(&pair, &bytes, VERSION),
    );
    std::fs::write(
        releases.path().join("latest.json"),
        serde_json::to_vec(&described).expect("json"),
    )
    .expect("the description");

    let programs = tempfile::tempdir().expect("a folder for the program");
    let program = programs.path().join("orderdesk");
    std::fs::copy(Harness::built_app(), &program).expect("the desk copied");
    let harness =
        Harness::start_app_with_keyring(&program, &[("ORDERDESK_UPDATE_PUBKEY", &public)])
            .expect("end-to-end prerequisites");
    let data = tempfile::tempdir().expect("temp data dir");
    let desk = Desk::open_without_demo(&harness, data.path(), "#first-run").await;
    desk.join_team(&hub.url(), &token).await;
    desk.wait_for("#open-settings").await;

    // No address of its own: the hub's is the source, and the release there is offered.
    open_updates(&desk).await;
    let want = json!(format!("{}/updates/latest.json", hub.url()));
    let d = &desk;
    desk.until("the hub is the update source", move || {
        let want = want.clone();
        async move {
            let kept = d.invoke("update_settings", json!({})).await;
            kept["source"] == want && kept["ownSource"] == Value::Null
        }
    })
    .await;
    desk.click("#update-check").await;
    desk.wait_text("#update-version", VERSION, Duration::from_secs(20))
        .await;
    assert_eq!(desk.text("#update-notes").await, NOTES);
    desk.both_sizes("update-from-hub").await;

    // Installed from the hub: the signed file is put in place of the program.
    desk.click("#update-install").await;
    let (program_at, installed) = (&program, &bytes);
    desk.until_within(
        "the hub's release is put in place of the program",
        Duration::from_secs(60),
        move || async move { same_file(program_at, installed) },
    )
    .await;
    // The window went with the old program: no session to close.
    drop(desk);
    hub.stop().await;
    drop(pool);
    test_db.drop_now().await.expect("drop database");
}
