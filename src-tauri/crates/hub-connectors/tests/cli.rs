//! `orderdesk-hub` as an administrator runs it: quickstart, users, devices, revocation.

use std::process::Command;

use hub::{Config, Hub};
use proto::sync::PROTOCOL_VERSION;
use testkit::pg::TestDatabase;

fn hub_cli(db: &TestDatabase, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_orderdesk-hub"))
        .args(args)
        .env("ORDERDESK_HUB_DATABASE_URL", &db.url)
        .env("RUST_LOG", "warn")
        .output()
        .expect("orderdesk-hub runs")
}

/// `GET /v1/hello` with `token`, as a desk asks it.
async fn hello(hub: &Hub, token: String) -> reqwest::Response {
    reqwest::Client::new()
        .get(format!("{}/v1/hello", hub.url()))
        .bearer_auth(token)
        .header("orderdesk-protocol", PROTOCOL_VERSION.to_string())
        .send()
        .await
        .expect("answer")
}

fn field<'a>(out: &'a str, name: &str) -> &'a str {
    out.lines()
        .find_map(|l| l.strip_prefix(&format!("{name} ")))
        .unwrap_or_else(|| panic!("no {name} in {out}"))
}

#[tokio::test]
async fn quickstart_then_devices_are_made_and_revoked_from_the_command_line() {
    let db = TestDatabase::create("hub_cli").await.expect("database");
    let out = hub_cli(&db, &["quickstart", "Мой магазин", "anna", "Анна"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let (shop, token) = (
        field(&text, "shop").to_owned(),
        field(&text, "token").to_owned(),
    );
    assert!(token.starts_with("odh_") && token.len() == 68, "{token}");

    let bad = hub_cli(
        &db,
        &["admin", "create-user", &shop, "boris", "Борис", "boss"],
    );
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("one of admin, manager, picker"));
    let out = hub_cli(
        &db,
        &["admin", "create-user", &shop, "boris", "Борис", "picker"],
    );
    assert!(out.status.success());
    let user = String::from_utf8(out.stdout)
        .expect("utf-8")
        .trim()
        .to_owned();
    let out = hub_cli(&db, &["admin", "create-device", &user, "Склад"]);
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let (device, boris_token) = (field(&text, "device").to_owned(), field(&text, "token"));

    let hub = Hub::start(&Config {
        database_url: db.url.clone(),
        data_dir: db.data_dir.clone(),
        listen: "127.0.0.1:0".parse().expect("addr"),
        ..Config::default()
    })
    .await
    .expect("hub");
    let res = hello(&hub, token.clone()).await;
    assert_eq!(res.status(), 200);
    let body: serde_json::Value = res.json().await.expect("json");
    assert_eq!(body["user_name"], "Анна");
    assert_eq!(body["role"], "admin");
    assert_eq!(body["shop_name"], "Мой магазин");
    assert_eq!(hello(&hub, boris_token.to_owned()).await.status(), 200);

    let out = hub_cli(&db, &["admin", "revoke-device", &device]);
    assert!(out.status.success());
    assert_eq!(hello(&hub, boris_token.to_owned()).await.status(), 403);
    assert_eq!(hello(&hub, token).await.status(), 200, "only that device");
    // Nothing stores the token itself.
    let (client, conn) = tokio_postgres::connect(&db.url, tokio_postgres::NoTls)
        .await
        .expect("connect");
    let driver = tokio::spawn(conn);
    let plain: i64 = client
        .query_one(
            "SELECT COUNT(*) FROM devices WHERE encode(token_sha256, 'escape') LIKE 'odh_%'",
            &[],
        )
        .await
        .expect("count")
        .get(0);
    assert_eq!(plain, 0);
    drop(client);
    let _ = driver.await;
    hub.stop().await;
    db.drop_now().await.expect("drop");
}

#[tokio::test]
async fn devices_are_listed_users_revoked_and_roles_changed_from_the_command_line() {
    let db = TestDatabase::create("hub_cli_users")
        .await
        .expect("database");
    let out = hub_cli(&db, &["quickstart", "Лавка", "anna", "Анна"]);
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let (shop, anna_token) = (
        field(&text, "shop").to_owned(),
        field(&text, "token").to_owned(),
    );
    let out = hub_cli(
        &db,
        &["admin", "create-user", &shop, "boris", "Борис", "picker"],
    );
    let boris = String::from_utf8(out.stdout)
        .expect("utf-8")
        .trim()
        .to_owned();
    let mut boris_tokens = Vec::new();
    for pc in ["Склад", "Ноутбук"] {
        let out = hub_cli(&db, &["admin", "create-device", &boris, pc]);
        let text = String::from_utf8(out.stdout).expect("utf-8");
        boris_tokens.push(field(&text, "token").to_owned());
    }
    let hub = Hub::start(&Config {
        database_url: db.url.clone(),
        data_dir: db.data_dir.clone(),
        listen: "127.0.0.1:0".parse().expect("addr"),
        ..Config::default()
    })
    .await
    .expect("hub");

    let out = hub_cli(&db, &["admin", "list-devices", &shop]);
    let list = String::from_utf8(out.stdout).expect("utf-8");
    assert_eq!(list.lines().count(), 3, "{list}");
    assert!(list.lines().all(|l| l.ends_with("\tactive")), "{list}");
    assert_eq!(
        list.lines()
            .filter(|l| l.contains("\tboris\tБорис\tpicker\t"))
            .count(),
        2
    );

    // A new role counts from the next request.
    let out = hub_cli(&db, &["admin", "set-role", &boris, "manager"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let body: serde_json::Value = hello(&hub, boris_tokens[0].clone())
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(body["role"], "manager");
    let out = hub_cli(&db, &["admin", "set-role", &boris, "boss"]);
    assert!(!out.status.success());

    // Revoking the user revokes every device of theirs, and no new one can be made.
    let out = hub_cli(&db, &["admin", "revoke-user", &boris]);
    let said = String::from_utf8(out.stdout).expect("utf-8");
    assert!(said.contains("2 active device"), "{said}");
    for token in &boris_tokens {
        assert_eq!(hello(&hub, token.clone()).await.status(), 403);
    }
    let out = hub_cli(&db, &["admin", "create-device", &boris, "Новый ПК"]);
    assert!(
        !out.status.success(),
        "a device was made for a revoked user"
    );
    assert_eq!(
        hello(&hub, anna_token).await.status(),
        200,
        "only that user"
    );
    let out = hub_cli(&db, &["admin", "list-devices", &shop]);
    let list = String::from_utf8(out.stdout).expect("utf-8");
    assert_eq!(
        list.lines().filter(|l| l.ends_with("\trevoked")).count(),
        2,
        "{list}"
    );
    hub.stop().await;
    db.drop_now().await.expect("drop");
}

#[tokio::test]
async fn a_database_migrated_by_a_newer_hub_is_refused() {
    let db = TestDatabase::create("hub_newer_db")
        .await
        .expect("database");
    let pool = hub::db::pool(&db.url, 1).expect("pool");
    hub::db::migrate(&pool).await.expect("migrate");
    pool.get()
        .await
        .expect("client")
        .execute("INSERT INTO hub_migrations (version) VALUES (9999)", &[])
        .await
        .expect("a newer hub's migration");
    let refused = hub::db::migrate(&pool)
        .await
        .expect_err("a newer database is refused");
    assert!(
        refused.to_string().contains("newer orderdesk-hub"),
        "{refused}"
    );
    let started = Hub::start(&Config {
        database_url: db.url.clone(),
        data_dir: db.data_dir.clone(),
        listen: "127.0.0.1:0".parse().expect("addr"),
        ..Config::default()
    })
    .await;
    assert!(started.is_err(), "a hub served a newer database");
    drop(pool);
    db.drop_now().await.expect("drop");
}

/// `hub_cli` with `stdin` written to the program's standard input.
fn hub_cli_with_input(db: &TestDatabase, args: &[&str], stdin: &str) -> std::process::Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_orderdesk-hub"))
        .args(args)
        .env("ORDERDESK_HUB_DATABASE_URL", &db.url)
        .env("RUST_LOG", "warn")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("orderdesk-hub runs");
    child
        .stdin
        .take()
        .expect("its stdin")
        .write_all(stdin.as_bytes())
        .expect("the PIN written");
    child.wait_with_output().expect("orderdesk-hub ends")
}

#[tokio::test]
async fn a_shared_device_and_a_members_pin_are_made_from_the_command_line() {
    let db = TestDatabase::create("hub_cli_shared")
        .await
        .expect("database");
    let out = hub_cli(&db, &["quickstart", "Мой магазин", "anna", "Анна"]);
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let (shop, anna) = (
        field(&text, "shop").to_owned(),
        field(&text, "user").to_owned(),
    );
    let out = hub_cli(
        &db,
        &["admin", "create-device", &anna, "Прилавок", "--shared"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let token = field(&text, "token").to_owned();
    // A PIN too short is refused with the rule; the one typed next (with Windows' line end)
    // is kept.
    let short = hub_cli_with_input(&db, &["admin", "set-pin", &anna], "12\n");
    assert!(!short.status.success());
    let said = String::from_utf8_lossy(&short.stderr);
    assert!(said.contains("at least 4 characters"), "{said}");
    let out = hub_cli_with_input(&db, &["admin", "set-pin", &anna], "2468\r\n");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listed =
        String::from_utf8(hub_cli(&db, &["admin", "list-devices", &shop]).stdout).expect("utf-8");
    assert!(listed.contains("active shared"), "{listed}");

    let hub = Hub::start(&Config {
        database_url: db.url.clone(),
        data_dir: db.data_dir.clone(),
        listen: "127.0.0.1:0".parse().expect("addr"),
        pool_size: 2,
        ..Config::default()
    })
    .await
    .expect("hub");
    let hello: serde_json::Value = hello(&hub, token.clone())
        .await
        .json()
        .await
        .expect("hello");
    assert_eq!(hello["shared"], true);
    let members: proto::sync::Members = reqwest::Client::new()
        .get(format!("{}/v1/members", hub.url()))
        .bearer_auth(&token)
        .header("orderdesk-protocol", PROTOCOL_VERSION.to_string())
        .send()
        .await
        .expect("answer")
        .json()
        .await
        .expect("members");
    assert_eq!(members.members.len(), 1);
    let hash = argon2::PasswordHash::new(&members.members[0].pin_hash).expect("a PHC string");
    assert!(
        argon2::PasswordVerifier::verify_password(&argon2::Argon2::default(), b"2468", &hash)
            .is_ok()
    );
    hub.stop().await;
    db.drop_now().await.expect("drop");
}

/// Issue 16, point 5: a hub on the shop's own network serves https with certificates
/// `quickstart --tls` makes: the shop's own authority (installed on each PC) and the hub's
/// certificate for the names the PCs use. A client that trusts the authority reaches the hub;
/// one that does not is refused; a second quickstart keeps what the PCs already trust.
#[tokio::test]
async fn quickstart_makes_a_certificate_the_hub_serves_https_with() {
    let db = TestDatabase::create("hub_cli_tls").await.expect("database");
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_orderdesk-hub"))
            .args([
                "quickstart",
                "Лавка",
                "anna",
                "Анна",
                "--tls",
                "localhost",
                "127.0.0.1",
            ])
            .env("ORDERDESK_HUB_DATABASE_URL", &db.url)
            .env("ORDERDESK_HUB_DATA_DIR", &db.data_dir)
            .env("RUST_LOG", "warn")
            .output()
            .expect("orderdesk-hub runs")
    };
    let out = run();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let cert = std::path::PathBuf::from(field(&text, "tls_cert_file"));
    let key = std::path::PathBuf::from(field(&text, "tls_key_file"));
    let ca = std::fs::read(field(&text, "shop_ca")).expect("the shop's authority");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key).expect("key").permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "the key is its owner's alone");
    }
    let first = std::fs::read(&cert).expect("certificate");

    let hub = Hub::start(&Config {
        database_url: db.url.clone(),
        listen: "127.0.0.1:0".parse().expect("addr"),
        data_dir: db.data_dir.clone(),
        tls_cert_file: Some(cert.clone()),
        tls_key_file: Some(key),
        ..Config::default()
    })
    .await
    .expect("the hub serves https");
    let url = hub.url().replace("127.0.0.1", "localhost");
    assert!(url.starts_with("https://localhost:"), "{url}");
    let trusting = reqwest::Client::builder()
        .tls_certs_only([reqwest::Certificate::from_pem(&ca).expect("pem")])
        .build()
        .expect("client");
    let answer = trusting
        .get(format!("{url}/v1/hello"))
        .bearer_auth(field(&text, "token"))
        .header("orderdesk-protocol", PROTOCOL_VERSION.to_string())
        .send()
        .await
        .expect("https to a hub whose authority the PC trusts");
    assert_eq!(answer.status(), reqwest::StatusCode::OK);
    let stranger = reqwest::Client::new()
        .get(format!("{url}/v1/hello"))
        .send()
        .await;
    assert!(
        stranger.is_err(),
        "a PC without the authority is not fooled"
    );

    let again = run();
    assert!(again.status.success());
    assert_eq!(
        std::fs::read(&cert).expect("certificate"),
        first,
        "kept, not replaced"
    );
    hub.stop().await;
    db.drop_now().await.expect("drop");
}
