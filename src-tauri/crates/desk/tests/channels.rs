//! The channels screen's use cases through the desk API.

use std::sync::Arc;

use channels::{MemorySecrets, SecretStore};
use proto::{ChannelKind, CommandError, ErrorCode, NewConnection, StatusRuleView};

const SECRET: &str = "cs_live_7c1b9e0d2f";

#[tokio::test]
async fn connections_keep_secrets_out_of_the_database_and_show_failures() {
    let dir = tempfile::tempdir().expect("temp dir");
    let now = jiff::Timestamp::from_second(1_795_330_000).expect("instant");
    let secrets = Arc::new(MemorySecrets::default());
    let desk = desk::Desk::open_demo_with_secrets(dir.path(), now, secrets.clone()).expect("open");
    // Nothing listens on port 1: the site is unreachable.
    let added = desk
        .add_connection(
            NewConnection {
                kind: ChannelKind::WooCommerce,
                name: "Сайт «Добрые традиции»".into(),
                base_url: "http://127.0.0.1:1".into(),
                key: "ck_live_a1".into(),
                secret: SECRET.into(),
                setup: Default::default(),
                trust: None,
            },
            now,
        )
        .expect("add");
    assert_eq!((added.orders_every_s, added.stock_every_s), (300, 3600));
    assert!(added
        .rules
        .iter()
        .any(|r| r.channel_status == "completed" && r.stage_id == "done" && !r.channel_is_master));
    let id = uuid::Uuid::parse_str(&added.id).expect("uuid");
    assert_eq!(
        secrets.get(id).expect("secret store").map(|c| c.key),
        Some("ck_live_a1".to_owned())
    );

    let refused = desk
        .set_status_map(
            &added.id,
            vec![StatusRuleView {
                channel_status: "completed".into(),
                stage_id: "no-such-stage".into(),
                channel_is_master: false,
            }],
        )
        .expect_err("unknown stage");
    assert_eq!(CommandError::from(refused).code, ErrorCode::NotFound);

    let failed = desk
        .sync_now(&added.id, now)
        .await
        .expect_err("unreachable");
    let err = CommandError::from(failed);
    assert_eq!(err.code, ErrorCode::ChannelFailed);
    assert!(!err.message.contains(SECRET));
    let view = desk.channels().expect("list").remove(0);
    assert_eq!(view.state.failures, 1);
    assert!(view.state.last_error.is_some());
    assert_eq!(
        view.state.paused_reason, None,
        "a network error does not pause"
    );
    drop(desk);

    // The secret is nowhere in the database files.
    for entry in std::fs::read_dir(dir.path()).expect("data dir") {
        let path = entry.expect("entry").path();
        let bytes = std::fs::read(&path).expect("read");
        let found = bytes.windows(SECRET.len()).any(|w| w == SECRET.as_bytes());
        assert!(!found, "secret found in {}", path.display());
    }
}

#[tokio::test]
async fn marketplace_triggers_are_edited_and_checked() {
    let dir = tempfile::tempdir().expect("temp dir");
    let now = jiff::Timestamp::from_second(1_795_330_000).expect("instant");
    let desk =
        desk::Desk::open_demo_with_secrets(dir.path(), now, Arc::new(MemorySecrets::default()))
            .expect("open");
    let add = |kind, name: &str| {
        desk.add_connection(
            NewConnection {
                kind,
                name: name.into(),
                base_url: "http://127.0.0.1:1".into(),
                key: "836119".into(),
                secret: "api-key".into(),
                setup: Default::default(),
                trust: None,
            },
            now,
        )
        .expect("add")
    };
    let ozon = add(ChannelKind::Ozon, "Ozon");
    let shown = desk.marketplace_triggers(&ozon.id).expect("triggers");
    assert!(shown
        .triggers
        .iter()
        .any(|t| t.stage_id == "picking" && t.action == r#"{"action":"ship"}"#));

    // The raw list is saved when the editor's lines are left out.
    let mut edited = shown.clone();
    edited.slots.clear();
    edited.triggers.retain(|t| t.stage_id != "cancelled");
    edited.triggers.push(proto::TriggerView {
        stage_id: "cancelled".into(),
        action: r#"{"action":"cancel","reason_id":352,"message":"Нет в наличии"}"#.into(),
    });
    let saved = desk
        .set_marketplace_triggers(&ozon.id, edited, now)
        .expect("save");
    assert!(saved
        .triggers
        .iter()
        .any(|t| t.stage_id == "cancelled" && t.action.contains("352")));

    let mut bad = saved.clone();
    bad.slots.clear();
    bad.triggers.push(proto::TriggerView {
        stage_id: "done".into(),
        action: r#"{"action":"teleport"}"#.into(),
    });
    let err = desk
        .set_marketplace_triggers(&ozon.id, bad, now)
        .expect_err("unknown action");
    assert_eq!(CommandError::from(err).code, ErrorCode::InvalidInput);
    assert_eq!(desk.marketplace_triggers(&ozon.id).expect("kept"), saved);

    let market = add(ChannelKind::YandexMarket, "Маркет");
    let mut ym = desk.marketplace_triggers(&market.id).expect("triggers");
    assert_eq!(ym.campaign_id, None);
    ym.campaign_id = Some(21_000_777);
    let ym = desk
        .set_marketplace_triggers(&market.id, ym, now)
        .expect("save");
    assert_eq!(ym.campaign_id, Some(21_000_777));
    assert!(desk.channel_pushes(&market.id).expect("queue").is_empty());
}

#[tokio::test]
async fn megamarket_is_a_connection_kind_with_its_triggers_and_merchant_id() {
    let dir = tempfile::tempdir().expect("temp dir");
    let now = jiff::Timestamp::from_second(1_795_330_000).expect("instant");
    let desk =
        desk::Desk::open_demo_with_secrets(dir.path(), now, Arc::new(MemorySecrets::default()))
            .expect("open");
    let mm = desk
        .add_connection(
            NewConnection {
                kind: ChannelKind::MegaMarket,
                name: "Мегамаркет".into(),
                base_url: "https://api.megamarket.tech/".into(),
                key: "push-login".into(),
                secret: "token".into(),
                setup: Default::default(),
                trust: None,
            },
            now,
        )
        .expect("add");
    assert_eq!(mm.kind, ChannelKind::MegaMarket);
    assert!(mm
        .rules
        .iter()
        .any(|r| r.channel_status == "CUSTOMER_CANCELED" && r.channel_is_master));
    let mut shown = desk.marketplace_triggers(&mm.id).expect("triggers");
    assert_eq!(shown.campaign_id, None, "no merchant id yet");
    assert!(shown
        .triggers
        .iter()
        .any(|t| t.stage_id == "picking" && t.action == r#"{"action":"packing","boxes":1}"#));
    shown.campaign_id = Some(4_824);
    let saved = desk
        .set_marketplace_triggers(&mm.id, shown, now)
        .expect("save");
    assert_eq!(saved.campaign_id, Some(4_824));

    // A reason MegaMarket does not list is refused, and nothing is saved: through the
    // editor's rows (as the screen sends it) and through the raw list.
    let mut bad = saved.clone();
    for slot in bad.slots.iter_mut().filter(|s| s.slot == "cancel") {
        slot.reason = Some("BORED".into());
    }
    let err = desk
        .set_marketplace_triggers(&mm.id, bad, now)
        .expect_err("reason not in the list");
    assert!(err.to_string().contains("BORED"), "{err}");
    assert_eq!(desk.marketplace_triggers(&mm.id).expect("kept"), saved);
    let mut bad = saved.clone();
    bad.slots.clear();
    bad.triggers.push(proto::TriggerView {
        stage_id: "cancelled".into(),
        action: r#"{"action":"reject","reason":"BORED"}"#.into(),
    });
    let err = desk
        .set_marketplace_triggers(&mm.id, bad, now)
        .expect_err("reason not in the list");
    assert_eq!(CommandError::from(err).code, ErrorCode::InvalidInput);
    assert_eq!(desk.marketplace_triggers(&mm.id).expect("kept"), saved);
}

/// A site that answers WooCommerce's lists (empty) only to `key`, and notes every consumer
/// key it was called with (over http the client signs with OAuth 1.0a, the key in the query).
async fn site_for_key(key: &'static str) -> (String, Arc<std::sync::Mutex<Vec<String>>>) {
    use axum::http::{StatusCode, Uri};
    use axum::response::IntoResponse;
    let seen = Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let log = seen.clone();
    let answer = move |uri: Uri| {
        let log = log.clone();
        async move {
            let query = uri.query().unwrap_or_default().to_owned();
            let given = query
                .split('&')
                .find_map(|p| p.strip_prefix("oauth_consumer_key="))
                .unwrap_or_default()
                .to_owned();
            log.lock().expect("log").push(given.clone());
            if given == key {
                ([("x-wp-totalpages", "1"), ("x-wp-total", "0")], "[]").into_response()
            } else {
                (
                    StatusCode::UNAUTHORIZED,
                    r#"{"code":"woocommerce_rest_authentication_error","message":"Consumer key is invalid.","data":{"status":401}}"#,
                )
                    .into_response()
            }
        }
    };
    let router = axum::Router::new().fallback(axum::routing::get(answer));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let home = format!("http://{}", listener.local_addr().expect("addr"));
    tokio::spawn(async move { axum::serve(listener, router).await });
    (home, seen)
}

fn edit(name: &str, base_url: &str, keys: Option<(&str, &str)>) -> proto::ConnectionEdit {
    proto::ConnectionEdit {
        name: name.into(),
        base_url: base_url.into(),
        keys: keys.map(|(key, secret)| proto::NewKeys {
            key: key.into(),
            secret: secret.into(),
        }),
        trust: proto::TrustEdit::Keep,
    }
}

#[tokio::test]
async fn a_site_connection_is_edited_with_its_op_and_the_next_sync_uses_the_new_keys() {
    const NEW_SECRET: &str = "cs_rotated_5d1e8a2b9c";
    let dir = tempfile::tempdir().expect("temp dir");
    let now = jiff::Timestamp::from_second(1_795_330_000).expect("instant");
    let secrets = Arc::new(MemorySecrets::default());
    let desk = desk::Desk::open_demo_with_secrets(dir.path(), now, secrets.clone()).expect("open");
    let (home, seen) = site_for_key("ck_rotated").await;
    let added = desk
        .add_connection(
            NewConnection {
                kind: ChannelKind::WooCommerce,
                name: "Сайт".into(),
                base_url: home.clone(),
                key: "ck_revoked".into(),
                secret: SECRET.into(),
                setup: Default::default(),
                trust: None,
            },
            now,
        )
        .expect("add");
    // The old keys were revoked on the site: the connection pauses.
    desk.sync_now(&added.id, now).await.expect_err("refused");
    assert!(desk.channels().expect("list")[0]
        .state
        .paused_reason
        .is_some());

    // Tested before saving: wrong new keys are refused in words, the right ones pass.
    let wrong = desk
        .channel_test_edit(&added.id, edit("Сайт", &home, Some(("ck_typo", "x1"))), now)
        .await
        .expect("test");
    assert!(
        !wrong.ok && wrong.message.contains("ключи не подошли"),
        "{wrong:?}"
    );
    assert!(!wrong.may_save_anyway);
    let right = desk
        .channel_test_edit(
            &added.id,
            edit("Сайт", &home, Some(("ck_rotated", NEW_SECRET))),
            now,
        )
        .await
        .expect("test");
    assert!(right.ok, "{right:?}");
    // Testing saved nothing.
    let id = uuid::Uuid::parse_str(&added.id).expect("uuid");
    assert_eq!(
        secrets.get(id).expect("secrets").map(|c| c.key),
        Some("ck_revoked".to_owned())
    );

    // Refused edits change nothing: no name, an address that is none, text that is no
    // certificate.
    for bad in [
        edit(" ", &home, None),
        edit("Сайт", "shop", None),
        proto::ConnectionEdit {
            trust: proto::TrustEdit::Set(proto::TrustInput {
                pinned: false,
                pem: "не сертификат".into(),
            }),
            ..edit("Сайт", &home, None)
        },
    ] {
        let err = desk
            .edit_connection(&added.id, bad.clone(), now)
            .expect_err("refused");
        let err = CommandError::from(err);
        assert_eq!(err.code, ErrorCode::InvalidInput, "{bad:?}: {err:?}");
    }

    let saved = desk
        .edit_connection(
            &added.id,
            edit(
                "Сайт «Добрые традиции»",
                &format!("{home}/"),
                Some(("ck_rotated", NEW_SECRET)),
            ),
            now,
        )
        .expect("edit");
    assert_eq!(
        saved.id, added.id,
        "the same connection: its orders stay linked"
    );
    assert_eq!(saved.name, "Сайт «Добрые традиции»");
    assert_eq!(saved.state.paused_reason, None, "new keys lift the pause");
    assert_eq!(
        secrets.get(id).expect("secrets").map(|c| c.key),
        Some("ck_rotated".to_owned())
    );
    let changes = desk.workflow_settings(now).expect("settings").changes;
    assert!(
        changes.iter().any(|c| c.kind == "edit_connection"),
        "{changes:?}"
    );

    // The next sync calls with the new keys only.
    seen.lock().expect("seen").clear();
    desk.sync_now(&added.id, now)
        .await
        .expect("sync with the new keys");
    let seen = seen.lock().expect("seen").clone();
    assert!(
        !seen.is_empty() && seen.iter().all(|k| k == "ck_rotated"),
        "{seen:?}"
    );

    // Keeping the keys keeps them.
    desk.edit_connection(&added.id, edit("Сайт", &home, None), now)
        .expect("rename");
    assert_eq!(
        secrets
            .get(id)
            .expect("secrets")
            .map(|c| c.secret.expose().to_owned()),
        Some(NEW_SECRET.to_owned())
    );
    drop(desk);
    for entry in std::fs::read_dir(dir.path()).expect("data dir") {
        let path = entry.expect("entry").path();
        let bytes = std::fs::read(&path).expect("read");
        let found = bytes
            .windows(NEW_SECRET.len())
            .any(|w| w == NEW_SECRET.as_bytes());
        assert!(!found, "secret found in {}", path.display());
    }
}

/// On a desk working alone only some administrator tasks were checked: a picker signed in
/// there could add, test or remove a connection, or run the exchange. The desk now checks
/// the one table (`desk::ChannelTask`) the hub checks for a team.
#[tokio::test]
async fn a_picker_on_a_desk_working_alone_may_see_channels_but_not_change_or_run_them() {
    use proto::PersonInput;
    let dir = tempfile::tempdir().expect("temp dir");
    let now = jiff::Timestamp::from_second(1_795_330_000).expect("instant");
    let desk =
        desk::Desk::open_demo_with_secrets(dir.path(), now, Arc::new(MemorySecrets::default()))
            .expect("open");
    let person = |name: &str, role, pin: &str| PersonInput {
        id: None,
        name: name.into(),
        phone: "+7 900 000-00-00".into(),
        email: String::new(),
        role,
        pin: Some(pin.into()),
    };
    let admin = desk
        .save_person(person("Иванова Мария", proto::Role::Admin, "1357"), now)
        .expect("admin");
    let picker = desk
        .save_person(person("Сидоров Пётр", proto::Role::Picker, "1111"), now)
        .expect("picker");
    let new = || NewConnection {
        kind: ChannelKind::WooCommerce,
        name: "Сайт".into(),
        base_url: "http://127.0.0.1:1".into(),
        key: "ck_live_a1".into(),
        secret: SECRET.into(),
        setup: Default::default(),
        trust: None,
    };
    desk.switch_user().expect("switch");
    desk.sign_in(&admin.id, "1357", now)
        .expect("admin signs in");
    let added = desk.add_connection(new(), now).expect("the admin adds");

    desk.switch_user().expect("switch");
    desk.sign_in(&picker.id, "1111", now)
        .expect("picker signs in");
    assert_eq!(desk.channels().expect("a picker sees them").len(), 1);
    let refused = |e: desk::DeskError| {
        let e = CommandError::from(e);
        assert_eq!(e.code, ErrorCode::Forbidden, "{e:?}");
        e.message
    };
    let said = refused(desk.add_connection(new(), now).expect_err("no adding"));
    assert!(said.contains("администратор"), "{said}");
    refused(desk.remove_connection(&added.id).expect_err("no removing"));
    refused(
        desk.channel_test(&added.id, now)
            .await
            .expect_err("no testing"),
    );
    let said = refused(
        desk.sync_now(&added.id, now)
            .await
            .expect_err("no running the exchange"),
    );
    assert!(said.contains("менеджер"), "{said}");
    assert_eq!(desk.channels().expect("still there").len(), 1);
}
