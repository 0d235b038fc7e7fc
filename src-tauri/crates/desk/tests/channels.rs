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
